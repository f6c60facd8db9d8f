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

from policygraph.loaders.ceremonies import launch_ceremonies
from policygraph.loaders.context import (
    context_locations,
    is_writers_place,
    place_context,
    resolve_level_name,
    resolve_short_form,
    sentence_contexts,
    unresolvable,
    writers_places,
)
from policygraph.loaders.facts import Article, Facts, Mention, Relation
from policygraph.loaders.finder import entity_finder
from policygraph.loaders.limits import bounded_sentence_spans
from policygraph.loaders.notices import notice_facts
from policygraph.loaders.offsets import original_position
from policygraph.loaders.passages import (
    MAX_CONTEXT_REACH,
    MAX_SUBJECT_REACH,
    Subject,
    as_place_subject,
    hierarchy_across_sentences,
    hosted_by,
    sentence_subject,
)
from policygraph.loaders.places import gazetteer
from policygraph.loaders.policies import cascade, cites
from policygraph.loaders.records import figure_facts, record_properties
from policygraph.loaders.relations import sentence_relations, subject_relations
from policygraph.loaders.text import clean_name


def extract(article: Article) -> Facts:
    """All facts of one article."""
    finder = entity_finder()
    headline = article.title or article.text.lstrip().split("\n", 1)[0]
    # frozen once: each sentence's place scan looks its table up by it
    present = frozenset(
        gazetteer().full_names_in(article.text) | gazetteer().opening_county(headline)
    )
    found = [
        (sentence, start, finder.find(sentence, present))
        for start, sentence in bounded_sentence_spans(article.text)
    ]
    found = launch_ceremonies(found)  # 启动仪式上…: the ceremony of the program just launched
    context = place_context([s for _, _, spans in found for s in spans if s.label == "Place"])
    # 我市举办…: the writer's own city is the article's
    found = [
        (sentence, start, spans + writers_places(sentence, context))
        for sentence, start, spans in found
    ]

    named = {
        resolve_level_name(s, context).name
        for _, _, spans in found
        for s in spans
        if s.label == "Organization" and not s.short
    }
    facts = Facts(article)
    anchors = list(article.anchors)
    subject: Subject | None = None
    resolved_sentences: list = []  # (sentence, start, resolved spans, offset)
    interrupted = False  # whether a sentence since the subject's named another actor
    year = article.date[:4] if article.date else None
    # where each place and policy is named, and where policies are cited:
    # (sentence index, start, end, offset in the file)
    place_named: dict[str, list[tuple[int, int, int, int | None]]] = {}
    policy_named: dict[str, list[tuple[int, int, int, int | None]]] = {}
    policy_cited: dict[str, list[tuple[int, int, int, int | None]]] = {}
    # where each sentence starts in the file's own text, for evidence
    offsets = [original_position(anchors, start) if anchors else None for _, start, _ in found]
    for index, (sentence, start, spans) in enumerate(found):
        at = (index, start, start + len(sentence), offsets[index])
        for s in spans:
            if s.label == "Place" and not is_writers_place(s.form):
                place_named.setdefault(s.name, []).append(at)
            elif s.label == "Policy":
                policy_named.setdefault(s.name, []).append(at)
                if cites(sentence, s.start):
                    policy_cited.setdefault(s.name, []).append(at)
    for index, (sentence, start, spans) in enumerate(found):
        offset = offsets[index]
        # a third of sentences name nothing: no mention and no relation of a name to
        # read, only their figures, and the paragraph's subject runs on through them
        resolved, relations = [], []
        if spans:
            spans = [s for s in (resolve_short_form(s, named) for s in spans) if s is not None]
            # 市总工会 in an article that names no city is no one body: two such articles
            # must not merge two cities' unions, so the mention is left out
            kept = []  # the spans as written, beside ``resolved`` (one pass for both)
            for s, places in zip(spans, sentence_contexts(spans, context), strict=True):
                if not unresolvable(s, places):
                    kept.append(s)
                    resolved.append(resolve_level_name(s, places))
            spans = kept
            relations = sentence_relations(sentence, resolved)
            facts.mentions += [
                Mention(
                    s.label,
                    s.name,
                    s.name if is_writers_place(s.form) else clean_name(s.form),  # not 我市
                    sentence,
                    s.start,
                    s.kind,
                    offset,
                    record_properties(s, sentence, relations, year),
                )
                for s in resolved
            ]
            here = (index, start, start + len(sentence), offset)
            for r in context_locations(spans, resolved, context, sentence):
                shown = shown_with_naming(article.text, place_named, here, r, r.target[1])
                if shown is r:
                    relations.append(r)
                elif shown is not None:
                    facts.relations.append(shown)
            # 我市举办…: what the writer's place did is shown with the sentence naming it
            writers = {s.name for s in resolved if is_writers_place(s.form)}
            for r in [r for r in relations if {r.source[1], r.target[1]} & writers]:
                place = next(n for n in (r.source[1], r.target[1]) if n in writers)
                if place in sentence:
                    continue
                relations.remove(r)
                shown = shown_with_naming(article.text, place_named, here, r, place)
                if shown is not None:
                    facts.relations.append(shown)
        resolved_sentences.append((sentence, start, resolved, offset))
        metrics, reports = figure_facts(sentence, resolved, offset)
        facts.mentions += metrics
        relations += reports
        facts.relations += [r.at(offset) for r in relations]

        if subject and (
            (index - subject.index > MAX_SUBJECT_REACH and interrupted)
            or "\n" in article.text[subject.end : start]
        ):
            # a new paragraph, or far back with other actors named since: no longer clear
            subject = None
        if subject is not None and resolved:
            # 区总工会关注…。建立“闵工学堂”50家: the paragraph's subject acts on
            # (a program or a partner named here: nothing in a sentence that names none)
            passage = article.text[subject.start : start + len(sentence)]
            facts.relations += [
                replace(r, sentence=passage, offset=subject.offset)
                for r in map(as_place_subject, subject_relations(sentence, resolved, subject.key))
                if r is not None
            ]
        own = (
            sentence_subject(resolved, relations, index, start, offset, sentence)
            if resolved
            else None
        )
        if own is not None:
            # 闵行区总工会开展调研，积极对接区房管局: later clauses share the first one's actor
            facts.relations += [
                r.at(offset)
                for r in map(as_place_subject, subject_relations(sentence, resolved, own.key))
                if r is not None
            ]
        # a work summary runs on under one actor until another body or person is named
        actor = (own or subject).key if (own or subject) else None
        actors_here = {(s.label, s.name) for s in resolved if s.label in ("Organization", "Person")}
        interrupted = own is None and bool(actors_here - {actor})
        subject = own or subject
    facts.relations += hosted_by(article.text, resolved_sentences)
    facts.relations += hierarchy_across_sentences(article.text, place_named, facts.relations)
    relations, mentions = notice_facts(article.text, found, anchors)
    facts.relations += relations
    facts.mentions += mentions
    for local, higher, passage, at in cascade(
        article.text, policy_named, policy_cited, MAX_CONTEXT_REACH
    ):
        facts.relations.append(
            Relation("IMPLEMENTS", ("Policy", local), ("Policy", higher), passage, offset=at)
        )
    facts.relations = list(dict.fromkeys(facts.relations))
    return facts


def shown_with_naming(
    text: str, place_named: dict, here: tuple, r: Relation, place: str
) -> Relation | None:
    """``r`` with the passage from the nearest sentence that names ``place`` to ``here``.

    ``here`` is (sentence index, start, end, offset) of the sentence ``r`` was read
    from; None when no sentence near enough names the place.
    """
    index = here[0]
    near = [n for n in place_named.get(place, ()) if abs(n[0] - index) <= MAX_CONTEXT_REACH]
    nearest = min(near, key=lambda n: abs(n[0] - index), default=None)
    if nearest is None or nearest[0] == index:
        return None if nearest is None else r
    # 市人社局 near a sentence naming 连云港市: the passage between shows both
    first, last = sorted([nearest, here])
    return replace(r, sentence=text[first[1] : last[2]], offset=first[3])
