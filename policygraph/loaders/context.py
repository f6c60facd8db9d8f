"""An article's place context: what 区总工会 or 市人社局 means in this article.

The place of each level that the article names most often stands for a bare
level (区 → 闵行区), unless the sentence itself wrote one before the name; a bare
suffix (产改办) is the article's one body of that kind.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from policygraph.loaders.facts import Relation
from policygraph.loaders.spans import Span


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


WRITERS_PLACE = re.compile("[我本]([省市区县州])")


def is_writers_place(form: str) -> bool:
    """Whether ``form`` is 我市, 本区 …: two characters, tested before the pattern is
    (every mention of every sentence asks).

    >>> is_writers_place("我市"), is_writers_place("闵行区")
    (True, False)
    """
    return len(form) == 2 and WRITERS_PLACE.fullmatch(form) is not None


def writers_places(sentence: str, context: dict[str, str]) -> list[Span]:
    """我市, 本区: the place of that level the article is about, where it names one.

    >>> [(s.name, s.form) for s in writers_places("我市举办职工运动会。", {"市": "瑞金市"})]
    [('瑞金市', '我市')]
    """
    return [
        Span("Place", context[m.group(1)], m.group(0), m.start())
        for m in WRITERS_PLACE.finditer(sentence)
        if m.group(1) in context
    ]


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
    written = [
        p for p in spans if p.label == "Place" and p.end <= span.start and p.name[-1] in LEVEL_CHARS
    ]
    if not written:
        return context  # most names have no place of their own before them: no copy
    local = dict(context)
    for place in written:
        local[place.name[-1]] = place.name
    return local


def sentence_contexts(spans: list[Span], context: dict[str, str]) -> list[dict[str, str]]:
    """:func:`sentence_context` of each of ``spans``: the article's own for all of them
    where the sentence writes no place of a level (most sentences), without a look at
    each.

    >>> spans = [Span("Place", "顺德区", "顺德区", 3), Span("Organization", "区总工会", "区总工会", 10)]
    >>> sentence_contexts(spans, {"区": "宝安区"})
    [{'区': '宝安区'}, {'区': '顺德区'}]
    """
    levelled = [p for p in spans if p.label == "Place" and p.name[-1] in LEVEL_CHARS]
    if not levelled:
        return [context] * len(spans)
    # each span looks only at those places (in their order), not at every span again
    return [sentence_context(levelled, span, context) for span in spans]


def unresolvable(span: Span, context: dict[str, str]) -> bool:
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


def context_locations(
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
