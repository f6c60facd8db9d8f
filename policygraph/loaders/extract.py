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

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from policygraph.loaders.dates import first_full_date
from policygraph.loaders.entities import EntityFinder, Span
from policygraph.loaders.facts import Article, Facts, Mention, Relation
from policygraph.loaders.figures import find_figures
from policygraph.loaders.offsets import original_position
from policygraph.loaders.places import gazetteer
from policygraph.loaders.policies import (
    cascade,
    cites,
    document_number,
    organization_level,
    title_level,
)
from policygraph.loaders.relations import sentence_relations, subject_relations
from policygraph.loaders.text import clause_start, clean_name, sentence_spans


@cache
def entity_finder() -> EntityFinder:
    """The shared finder, built once per process (its lexicons are read once)."""
    return EntityFinder()


def extract(article: Article) -> Facts:
    """All facts of one article."""
    finder = entity_finder()
    present = gazetteer().full_names_in(article.text)
    found = [
        (sentence, start, finder.find(sentence, present))
        for start, sentence in sentence_spans(article.text)
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
        spans = [s for s in spans if not _unresolvable(s, sentence_context(spans, s, context))]
        resolved = [
            resolve_level_name(span, sentence_context(spans, span, context)) for span in spans
        ]
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
        for r in _context_locations(spans, resolved, context, sentence):
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
                for r in subject_relations(sentence, resolved, subject.key)
            ]
        own = sentence_subject(resolved, relations, index, start, offset, sentence)
        if own is not None:
            # 闵行区总工会开展调研，积极对接区房管局: later clauses share the first one's actor
            facts.relations += [
                replace(r, offset=offset) for r in subject_relations(sentence, resolved, own.key)
            ]
        subject = own or subject
    facts.relations += _hierarchy_across_sentences(article.text, place_named, facts.relations)
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


def signed_issues(text: str, found: list, relations: list[Relation], anchors: list) -> list:
    """An official notice's signature issues what it hands out (现将《X》印发给你们…湖南省总工会).

    Chinese 公文 end with the issuing body on a line of its own and the date below
    it. The evidence is the passage from the handing-out sentence to the signature.
    Returns (relation, dated policy mention or None) pairs.
    """
    tail = found[-3:]
    signature = next(
        (
            (sentence, start, span)
            for sentence, start, spans in tail
            for span in spans
            if span.label == "Organization" and span.start == 0 and len(span.form) == len(sentence)
        ),
        None,
    )
    if signature is None:
        return []
    sign_sentence, sign_start, org = signature
    issued = {r.target for r in relations if r.type == "ISSUED"}
    after = text[sign_start + len(sign_sentence) : sign_start + len(sign_sentence) + 30]
    date = first_full_date(after)
    out = []
    for sentence, start, spans in found:
        if start >= sign_start or not HANDED_OUT.search(sentence):
            continue
        for policy in (
            s for s in spans if s.label == "Policy" and ("Policy", s.name) not in issued
        ):
            passage = text[start : sign_start + len(sign_sentence)]
            offset = original_position(anchors, start) if anchors else None
            relation = Relation(
                "ISSUED",
                ("Organization", org.name),
                ("Policy", policy.name),
                passage,
                offset=offset,
            )
            dated = None
            if date:
                dated = Mention(
                    "Policy",
                    policy.name,
                    clean_name(policy.form),
                    passage,
                    0,
                    None,
                    offset,
                    {"date": date},
                )
            out.append((relation, dated))
    return out


# 现将《X》印发给你们: the notice hands out the policy it names.
HANDED_OUT = re.compile(r"现将《[^《》]+》(?:印发|转发|印送)")


def _hierarchy_across_sentences(
    text: str, place_named: dict, relations: list[Relation]
) -> list[Relation]:
    """PART_OF between places named in nearby sentences (闵行区 …。… 上海市), by the data.

    The evidence is the passage from one naming to the other, so that it shows both.
    """
    gaz = gazetteer()
    chained = {(r.source[1], r.target[1]) for r in relations if r.type == "PART_OF"}
    found = []
    for inner, inner_at in place_named.items():
        for outer in gaz.ancestors(inner) & place_named.keys():
            if (inner, outer) in chained or inner == outer:
                continue
            pairs = [(a, b) for a in inner_at for b in place_named[outer]]
            a, b = min(pairs, key=lambda p: abs(p[0][0] - p[1][0]))
            if abs(a[0] - b[0]) > MAX_CONTEXT_REACH:
                continue
            first, last = sorted([a, b])
            passage = text[first[1] : max(first[2], last[2])]
            found.append(
                Relation("PART_OF", ("Place", inner), ("Place", outer), passage, offset=first[3])
            )
    return found


# How many sentences back a paragraph's subject still acts in a sentence without one.
MAX_SUBJECT_REACH = 2
# How many sentences back the naming of a place still shows where 市人社局 is.
MAX_CONTEXT_REACH = 6


@dataclass(frozen=True)
class Subject:
    """The organization a sentence is about, and where that sentence is."""

    key: tuple[str, str]
    index: int
    start: int
    end: int
    offset: int | None


def sentence_subject(spans, relations, index, start, offset, sentence) -> Subject | None:
    """The organization that opens the sentence or acts in it, if one does."""
    actors = [r.source for r in relations if r.type in ACTING and r.source[0] == "Organization"]
    # the first body named, when no other body or person comes before it; issuers
    # named inside a title (《中共中央 国务院关于…》) are not the sentence's subject
    titles = [s for s in spans if s.label == "Policy"]
    first = next(
        (
            s
            for s in spans
            if s.label in ("Organization", "Person")
            and not any(t.start <= s.start < t.end for t in titles)
        ),
        None,
    )
    opening = [first] if first and first.label == "Organization" and first.start < 15 else []
    key = (opening[0].label, opening[0].name) if opening else (actors[0] if actors else None)
    if key is None:
        return None
    return Subject(key, index, start, start + len(sentence), offset)


ACTING = ("ORGANIZES", "ISSUED", "IMPLEMENTS", "PARTNERS_WITH")


def record_properties(
    span: Span, sentence: str, relations: list[Relation], year: str | None
) -> dict | None:
    """A policy's level, date and 文号, or an event's date, as this sentence gives them.

    >>> from policygraph.loaders.entities import EntityFinder
    >>> from policygraph.loaders.relations import sentence_relations
    >>> s = "2021年3月5日，绍兴市总工会印发《关于加强职工疗休养的实施意见》（绍工〔2021〕8号）。"
    >>> spans = EntityFinder().find(s)
    >>> policy = next(p for p in spans if p.label == "Policy")
    >>> record_properties(policy, s, sentence_relations(s, spans), None)
    {'level': 'city', 'date': '2021-03-05', 'doc_number': '绍工〔2021〕8号'}
    """
    if span.label == "Event":
        date = first_full_date(sentence, year)
        return {"date": date} if date else None
    if span.label != "Policy":
        return None
    issuers = [r.source for r in relations if r.type == "ISSUED" and r.target[1] == span.name]
    national = {name for name, _ in entity_finder().orgs.national.values()}
    level = title_level(span.name) or next(
        (organization_level(name, name in national) for _, name in issuers), None
    )
    properties = {
        "level": level,
        "date": first_full_date(sentence, year) if issuers else None,
        "doc_number": document_number(sentence, span.end),
    }
    return {k: v for k, v in properties.items() if v} or None


def figure_facts(
    sentence: str, spans: list[Span], offset: int | None
) -> tuple[list[Mention], list[Relation]]:
    """Figures as Metric mentions, each REPORTED by the body or program named before it.

    >>> from policygraph.loaders.entities import EntityFinder
    >>> sentence = "闵行区总工会累计培训职工3.5万人次。"
    >>> metrics, reports = figure_facts(sentence, EntityFinder().find(sentence), None)
    >>> metrics[0].name, metrics[0].properties["value"], reports[0].source
    ('闵行区总工会: 培训职工 35000 人次', 35000, ('Organization', '闵行区总工会'))
    """
    mentions, relations = [], []
    names = [s for s in spans if s.label != "Group"]
    for figure in find_figures(sentence, [s.end for s in names]):
        reporter = _reporter(sentence, spans, figure.start)
        name = figure.label(reporter.name if reporter else None)
        properties = {
            "value": figure.value,
            "unit": figure.unit,
            "subject": figure.subject,
            "period": figure.period,
        }
        mentions.append(
            Mention("Metric", name, figure.form, sentence, figure.start, None, offset, properties)
        )
        if reporter is not None:
            relations.append(
                Relation("REPORTS", (reporter.label, reporter.name), ("Metric", name), sentence)
            )
    return mentions, relations


def _reporter(sentence: str, spans: list[Span], pos: int) -> Span | None:
    """The body that a figure at ``pos`` is about: the nearest organization before it,
    else a program or policy named earlier in the same clause."""
    before = [s for s in spans if s.end <= pos and s.kind != "media"]
    orgs = [s for s in before if s.label == "Organization"]
    if orgs:
        return max(orgs, key=lambda s: s.end)
    clause = clause_start(sentence, pos)
    others = [s for s in before if s.label in ("Program", "Policy") and s.start >= clause]
    return max(others, key=lambda s: s.end, default=None)


def place_context(places: list[Span]) -> dict[str, str]:
    """The place an article means by a bare level: {"区": "闵行区", "市": "上海市"}.

    The most often mentioned place of each level wins; ties go to the first.

    >>> place_context([Span("Place", "闵行区", "闵行区", 0), Span("Place", "上海市", "上海", 9)])
    {'区': '闵行区', '市': '上海市'}
    """
    counts = Counter(p.name for p in places)
    first = {}
    for p in places:
        first.setdefault(p.name, p.start)
    context: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: (-counts[n], first[n])):
        level = name[-1]
        if level in "省市区县州" and level not in context:
            context[level] = name
    return context


def resolve_short_form(span: Span, named: set[str]) -> Span | None:
    """A short form becomes the one body of the article that it can mean, or nothing.

    >>> full = {"连云港市产改办", "连云港市总工会"}
    >>> resolve_short_form(Span("Organization", "产改办", "产改办", 0, short=True), full).name
    '连云港市产改办'
    >>> resolve_short_form(Span("Organization", "嘉兴总工会", "嘉兴工会", 0, short=True), full) is None
    True
    """
    if not span.short:
        return span
    if span.name in named:
        return replace(span, short=False)
    candidates = [n for n in named if n.endswith(span.name) and n != span.name]
    if len(candidates) == 1:
        return replace(span, name=candidates[0], short=False)
    return None


def sentence_context(spans: list[Span], span: Span, context: dict[str, str]) -> dict[str, str]:
    """The article's places by level, overridden by those the sentence wrote before ``span``.

    佛山市顺德区委常委、区总工会主席: this 区 is 顺德区, whatever the article's main 区.

    >>> spans = [Span("Place", "顺德区", "顺德区", 3), Span("Organization", "区总工会", "区总工会", 10)]
    >>> sentence_context(spans, spans[1], {"区": "宝安区"})
    {'区': '顺德区'}
    """
    local = dict(context)
    for place in spans:
        if place.label == "Place" and place.end <= span.start and place.name[-1] in "省市区县州":
            local[place.name[-1]] = place.name
    return local


def _unresolvable(span: Span, context: dict[str, str]) -> bool:
    """An organization named by a bare level (市总工会) that the article gives no place for."""
    return (
        span.label == "Organization" and span.name[0] in LEVEL_CHARS and span.name[0] not in context
    )


LEVEL_CHARS = "省市区县州"


def resolve_level_name(span: Span, context: dict[str, str]) -> Span:
    """Give a name that opens with a bare level (区总工会) the article's place for it."""
    if span.label != "Organization" or len(span.name) < 2 or span.name[0] not in context:
        return span
    place = context[span.name[0]]
    return replace(span, name=place + span.name[1:])


def _context_locations(
    spans: list[Span], resolved: list[Span], context: dict[str, str], sentence: str
) -> list[Relation]:
    """An organization named by a bare level is LOCATED_IN the place the article gave it."""
    relations = []
    for before, after in zip(spans, resolved, strict=True):
        if before.name != after.name and before.name[0] in context:
            place = context[before.name[0]]
            relations.append(
                Relation("LOCATED_IN", (after.label, after.name), ("Place", place), sentence)
            )
    return relations
