"""Facts → graph: write one article's mentions and relations as canonical nodes.

Re-adding an article first removes what it contributed before, so loading a
document twice never duplicates anything.

>>> from policygraph.graph.model import Graph
>>> from policygraph.loaders.extract import extract
>>> from policygraph.loaders.facts import Article
>>> g = Graph()
>>> article = Article(doc_id="d1", text="闵行区总工会建立“闵工学堂”。", title="t", path="/x.txt")
>>> add_facts(g, extract(article))
>>> add_facts(g, extract(article))
>>> g.stats()["nodes"]
{'Organization': 1, 'Place': 1, 'Program': 1}
"""

from __future__ import annotations

from pathlib import Path

from policygraph.graph.model import Graph, node_id
from policygraph.loaders.facts import Facts, Mention, MentionsAlike


def add_facts(graph: Graph, facts: Facts) -> None:
    """Replace the article's contribution to ``graph`` with ``facts``."""
    article = facts.article
    graph.remove_document(article.doc_id)
    graph.add_document(
        article.doc_id,
        title=article.title,
        path=article.path,
        file=Path(article.path).name,
        source=article.source,
        date=article.date,
        byline=article.byline,
    )
    alike = facts.alike if facts.alike is not None else mentions_alike(facts.mentions)
    graph.prefetch(
        [node_id(m.label, m.name) for m in alike],
        [(r.type, node_id(*r.source), node_id(*r.target)) for r in facts.relations],
    )
    mentioned = set()
    for m in alike:
        mentioned.add(
            graph.add_mention(
                m.label,
                m.name,
                article.doc_id,
                form=m.form,
                kind=m.kind,
                properties=m.properties,
                count=m.count,
            )
        )
    for r in facts.relations:
        source, target = node_id(*r.source), node_id(*r.target)
        # Evidence only ever joins things the same document mentions; that is
        # what lets unloading look at the document's own nodes alone.
        if source in mentioned and target in mentioned and source != target:
            extra = {"title": r.title} if r.title else {}
            if r.offset is not None:
                extra["offset"] = r.offset  # where the sentence starts in the file's text
            graph.add_relation(
                r.type, source, target, doc=article.doc_id, sentence=r.sentence, **extra
            )


def mentions_alike(mentions: list[Mention]) -> list[MentionsAlike]:
    """Mentions that say the same of a node (label, name, form, kind and properties), each
    once with its count, in the order of their last occurrence: a node's kind is the
    last one written, as when each is added on its own.

    >>> a, b = Mention("Place", "闵行区", "闵行区", "", 0), Mention("Place", "闵行区", "闵行", "", 5)
    >>> [(m.form, m.count) for m in mentions_alike([a, b, a])]
    [('闵行', 1), ('闵行区', 2)]
    """
    counts: dict[tuple, int] = {}
    first: dict[tuple, Mention] = {}
    for m in mentions:
        key = (m.label, m.name, m.form, m.kind, _frozen(m.properties))
        counts[key] = counts.pop(key, 0) + 1  # re-inserted: the dict keeps the last order
        first.setdefault(key, m)
    return [
        MentionsAlike(m.label, m.name, m.form, m.kind, m.properties, n)
        for key, n in counts.items()
        for m in [first[key]]
    ]


def _frozen(properties: dict | None) -> str | None:
    return None if properties is None else repr(sorted(properties.items()))
