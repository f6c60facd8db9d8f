"""Articles → facts: every mention and relationship, each with its sentence.

This is the first, rule-based extractor: sentence rules from
:mod:`~policygraph.loaders.entities` and :mod:`~policygraph.loaders.relations`,
plus the one thing only the whole article knows, its place context: 区总工会 in
an article about 闵行区 is 闵行区总工会.

>>> from policygraph.loaders.facts import Article
>>> text = "闵行区总工会开展培训。区总工会还建立“闵工学堂”。"
>>> facts = extract(Article(doc_id="d1", text=text, title="", path="x.txt"))
>>> sorted({m.name for m in facts.mentions if m.label == "Organization"})
['闵行区总工会']
"""

from __future__ import annotations

from dataclasses import replace

from policygraph.loaders.context import (
    context_locations,
    place_context,
    resolve_level_name,
    resolve_short_form,
    sentence_context,
    unresolvable,
)
from policygraph.loaders.facts import Article, Facts, Mention, Relation
from policygraph.loaders.finder import entity_finder
from policygraph.loaders.limits import bounded_sentence_spans
from policygraph.loaders.offsets import original_position
from policygraph.loaders.passages import (
    MAX_CONTEXT_REACH,
    MAX_SUBJECT_REACH,
    Subject,
    as_place_subject,
    hierarchy_across_sentences,
    sentence_subject,
    signed_issues,
)
from policygraph.loaders.places import gazetteer
from policygraph.loaders.policies import cascade, cites
from policygraph.loaders.records import figure_facts, record_properties
from policygraph.loaders.relations import sentence_relations, subject_relations
from policygraph.loaders.text import clean_name


def extract(article: Article) -> Facts:
    """All facts of one article."""
    finder = entity_finder()
    present = gazetteer().full_names_in(article.text)
    found = [
        (sentence, start, finder.find(sentence, present))
        for start, sentence in bounded_sentence_spans(article.text)
    ]
    context = place_context([s for _, _, spans in found for s in spans if s.label == "Place"])

    named = {
        resolve_level_name(s, context).name
        for _, _, spans in found
        for s in spans
        if s.label == "Organization" and not s.short
    }
    facts = Facts(article)
    anchors = list(article.anchors)
    subject: Subject | None = None
    year = article.date[:4] if article.date else None
    # where each place and policy is named, and where policies are cited:
    # (sentence index, start, end, offset in the file)
    place_named: dict[str, list[tuple[int, int, int, int | None]]] = {}
    policy_named: dict[str, list[tuple[int, int, int, int | None]]] = {}
    policy_cited: dict[str, list[tuple[int, int, int, int | None]]] = {}
    for index, (sentence, start, spans) in enumerate(found):
        at = (index, start, start + len(sentence))
        at = (*at, original_position(anchors, start) if anchors else None)
        for s in spans:
            if s.label == "Place":
                place_named.setdefault(s.name, []).append(at)
            elif s.label == "Policy":
                policy_named.setdefault(s.name, []).append(at)
                if cites(sentence, s.start):
                    policy_cited.setdefault(s.name, []).append(at)
    for index, (sentence, start, spans) in enumerate(found):
        # where the sentence starts in the file's own text, for evidence
        offset = original_position(anchors, start) if anchors else None
        spans = [s for s in (resolve_short_form(s, named) for s in spans) if s is not None]
        # 市总工会 in an article that names no city is no one body: two such articles
        # must not merge two cities' unions, so the mention is left out
        kept = [(s, sentence_context(spans, s, context)) for s in spans]
        kept = [(s, places) for s, places in kept if not unresolvable(s, places)]
        spans = [s for s, _ in kept]
        resolved = [resolve_level_name(s, places) for s, places in kept]
        relations = sentence_relations(sentence, resolved)
        facts.mentions += [
            Mention(
                s.label,
                s.name,
                clean_name(s.form),
                sentence,
                s.start,
                s.kind,
                offset,
                record_properties(s, sentence, relations, year),
            )
            for s in resolved
        ]
        for r in context_locations(spans, resolved, context, sentence):
            near = [
                n
                for n in place_named.get(r.target[1], ())
                if abs(n[0] - index) <= MAX_CONTEXT_REACH
            ]
            nearest = min(near, key=lambda n: abs(n[0] - index), default=None)
            if nearest is None:
                continue  # no sentence near enough shows where the body is
            if nearest[0] == index:
                relations.append(r)
            else:
                # 市人社局 near a sentence naming 连云港市: the passage between shows both
                first, last = sorted([nearest, (index, start, start + len(sentence), offset)])
                passage = article.text[first[1] : last[2]]
                facts.relations.append(replace(r, sentence=passage, offset=first[3]))
        metrics, reports = figure_facts(sentence, resolved, offset)
        facts.mentions += metrics
        relations += reports
        facts.relations += [replace(r, offset=offset) for r in relations]

        if subject and (
            index - subject.index > MAX_SUBJECT_REACH or "\n" in article.text[subject.end : start]
        ):
            subject = None  # a new paragraph, or too far back: the subject is no longer clear
        if subject is not None:
            # 区总工会关注…。建立“闵工学堂”50家: the paragraph's subject acts on
            passage = article.text[subject.start : start + len(sentence)]
            facts.relations += [
                replace(r, sentence=passage, offset=subject.offset)
                for r in map(as_place_subject, subject_relations(sentence, resolved, subject.key))
                if r is not None
            ]
        own = sentence_subject(resolved, relations, index, start, offset, sentence)
        if own is not None:
            # 闵行区总工会开展调研，积极对接区房管局: later clauses share the first one's actor
            facts.relations += [
                replace(r, offset=offset)
                for r in map(as_place_subject, subject_relations(sentence, resolved, own.key))
                if r is not None
            ]
        subject = own or subject
    facts.relations += hierarchy_across_sentences(article.text, place_named, facts.relations)
    signed = signed_issues(article.text, found, facts.relations, anchors)
    facts.relations += [r for r, _ in signed]
    facts.mentions += [m for _, m in signed if m is not None]
    for local, higher, passage, at in cascade(
        article.text, policy_named, policy_cited, MAX_CONTEXT_REACH
    ):
        facts.relations.append(
            Relation("IMPLEMENTS", ("Policy", local), ("Policy", higher), passage, offset=at)
        )
    facts.relations = list(dict.fromkeys(facts.relations))
    return facts
