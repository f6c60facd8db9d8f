"""Bodies named inside a person's chain of titles, with the host the chain writes once.

A chain names its host body once and contracts the rest: 瑞金市委常委、宣传部长
高远舟 holds 常委 in 瑞金市委 and 部长 in 瑞金市委宣传部; 东湖街道党工委副书记、
总工会主席赵思远 is 主席 of 东湖街道总工会; 黎明职业大学党委副书记、工会主席余大杭
is 主席 of 黎明职业大学工会. Each contracted unit becomes a body of its own, named
with the host's prefix, so that HOLDS_POSITION can point at it.

>>> from policygraph.loaders.entities import EntityFinder
>>> spans = EntityFinder().find("瑞金市委常委、宣传部长高远舟出席。")
>>> sorted(s.name for s in spans if s.label == "Organization")
['瑞金市委', '瑞金市委宣传部']
"""

from __future__ import annotations

import re
from functools import cache

from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.spans import Span

# Units of a party committee: contracted, they belong to the committee (市委宣传部).
PARTY_UNITS = ("宣传部", "组织部", "统战部", "政法委", "纪委", "网信办", "政研室", "编办", "办公室")
# A party committee's ending, stripped to reach the body it sits in (黎明职业大学党委).
PARTY_ENDINGS = ("党工委", "党委", "党组", "党支部", "委")
# Title words that start with a unit's last character (宣传部长 = 宣传部 + 部长).
SHARED_FIRST = "部局厅处科委办室"


def chain_bodies(sentence: str, persons: list, orgs: list[Span]) -> list[Span]:
    """The contracted bodies in the title chains before ``persons`` (each with its title)."""
    found: list[Span] = []
    if not persons:
        return found
    ends = {o.start + len(o.form): o for o in orgs}
    for person in persons:
        head, segments = _chain(sentence, person.start, ends)
        if head is None:
            continue
        for start, unit in segments:
            name = _body_name(head.name, unit)
            if name and name != head.name:
                found.append(Span("Organization", name, unit, start, kind=_kind(unit)))
    return found


def _chain(sentence: str, pos: int, ends: dict):
    """Walk left over 、-joined "unit + title" segments to the host body that opens the chain.

    Returns the host span and the (start, unit) of each contracted segment.
    """
    segments = []
    while pos > 0:
        title = title_ending_at(sentence, pos)
        if title is None:
            return None, []
        start = pos - len(title)
        if start in ends and not ends[start].short:
            return ends[start], segments  # the host, written in full before its title
        if start > 0 and sentence[start - 1] == "、":
            pos = start - 1  # 党组书记、常务副主席: another title of the same body
            continue
        separator = sentence.rfind("、", 0, start)
        unit = sentence[separator + 1 : start]
        if separator < 0 or not re.fullmatch(r"[\u4e00-\u9fff]{1,6}", unit):
            return None, []
        if title[0] in SHARED_FIRST and not unit.endswith(tuple(SHARED_FIRST)):
            unit += title[0]  # 宣传部长: 宣传部 and 部长 share their 部
        segments.append((separator + 1, unit))
        pos = separator
    return None, []


def title_ending_at(sentence: str, pos: int) -> str | None:
    """The longest title of the people lexicon that ends at ``pos``, if one does.

    >>> title_ending_at("市总工会常务副主席王某", 9)
    '常务副主席'
    """
    titles, lengths = _titles()
    for length in lengths:
        if length <= pos and sentence[pos - length : pos] in titles:
            return sentence[pos - length : pos]
    return None


@cache
def _titles() -> tuple[frozenset[str], list[int]]:
    """Every title before or after a name, and their lengths, longest first."""
    people = lexicon("people")
    titles = frozenset([*people["titles_before"], *people["titles_after"]])
    return titles, sorted({len(t) for t in titles}, reverse=True)


def _body_name(host: str, unit: str) -> str | None:
    """瑞金市委 + 宣传部 → 瑞金市委宣传部; 东湖街道党工委 + 总工会 → 东湖街道总工会."""
    if unit.startswith(PARTY_UNITS) and host.endswith("委"):
        return host + unit
    if unit in ("工会", "总工会"):
        base = next((host[: -len(e)] for e in PARTY_ENDINGS if host.endswith(e)), None)
        return base + unit if base else None
    return None


def _kind(unit: str) -> str:
    return "union" if unit.endswith("工会") else "party"
