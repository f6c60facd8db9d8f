"""The span: a named thing found in a sentence, and helpers the finders share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policygraph.loaders.quick import quick_init
from policygraph.loaders.text import CJK

# Characters that can sit inside an institution's or a meeting's name.
NAME_CHAR = re.compile(rf"[{CJK}·0-9]")
# A date just before a position: 2023年11月8日市产改办 holds no name 日市产改办.
DATE_UNITS = "年月日号"
DATE_END = re.compile(rf"(?:\d+|[〇一二三四五六七八九十]+)[{DATE_UNITS}]$")


# NAME_CHAR's characters, all in the Basic Multilingual Plane, as a set (built once):
# names are walked a character at a time, without a pattern call for each.
NAME_CHARS = frozenset(NAME_CHAR.findall("".join(map(chr, range(0x10000)))))


def char_class(chars) -> str:
    """A pattern's character class for exactly ``chars``, written as ranges.

    >>> char_class("市省区县·0123")
    '[0-3·区县市省]'
    """
    codes = sorted(map(ord, chars))
    if not codes:
        return "[^\\s\\S]"  # no character at all
    ranges, first = [], codes[0]
    for before, code in zip(codes, codes[1:], strict=False):  # a set of CJK is large
        if code > before + 1:  # a gap (a character given twice is none)
            ranges.append((first, before))
            first = code
    ranges.append((first, codes[-1]))
    parts = (
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return f"[{''.join(parts)}]"


# ``end`` (start + len(form)) is set at init: rules read it a dozen times per span
@quick_init(end="start + len(form)")
@dataclass(frozen=True)
class Span:
    """A named thing found at ``start`` in a sentence; ``form`` is the text as written."""

    label: str
    name: str
    form: str
    start: int
    kind: str | None = None
    title: str | None = None  # for a person: the title written next to the name
    # A short form (总工会, 产改办, 嘉兴工会) that names a body only where the article
    # also names that body in full; ``name`` is then a suffix or the full name.
    short: bool = False


def without_extended(orgs: list[Span]) -> list[Span]:
    """Drop 宁波东海集团 where 宁波东海集团有限公司 follows: the same company, named longer.

    Only companies grow their names that way; any other body named inside a
    longer name is another body and stays (市委 in 市委组织部, X公司 in X公司工会).
    """
    if sum(o.kind == "enterprise" for o in orgs) < 2:
        return list(orgs)  # the common case: no two companies, none named longer
    return [
        a
        for a in orgs
        if not any(
            b.start == a.start
            and b.end > a.end
            and a.kind == b.kind == "enterprise"
            and b.name.startswith(a.name)
            for b in orgs
        )
    ]


def outside(spans: list[Span], others: list[Span]) -> list[Span]:
    """The spans that overlap none of ``others`` (全总副主席 holds no name 全总副)."""
    return [s for s in spans if not any(o.start < s.end and s.start < o.end for o in others)]


def sorted_longest_first(words) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


def alternation(words, skip=frozenset()) -> str:
    """A pattern for any of ``words`` (literal text) but those in ``skip``, as a trie.

    The words that match at one position are each a prefix of the next, so reading
    the trie greedily tries them longest first, as ``a|b|…`` sorted longest first
    does, backtracking included: the two match alike. The trie is faster: where a
    plain alternation tries every word at a position, it tries each distinct
    character once.

    >>> alternation(["工会", "总工会", "工会委员会"])
    '工会(?:委员会)?|总工会'
    >>> re.findall(alternation(["市", "市委", "市委会", "省"]), "市委会省市委市")
    ['市委会', '省', '市委', '市']
    """
    chosen = sorted_longest_first(w for w in words if w not in skip)
    if "" in chosen:  # the empty word matches anywhere: keep the plain form
        return "|".join(re.escape(w) for w in chosen)
    trie: dict = {}
    for word in chosen:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return "|".join(_branches(trie))


def _branches(node: dict) -> list[str]:
    """The alternatives below one node of :func:`alternation`'s trie, by next character."""
    return [re.escape(ch) + _below(child) for ch, child in sorted(node.items()) if ch]


def _below(node: dict) -> str:
    """What may follow a trie node's character: longer words first, then its own end."""
    branches = _branches(node)
    if not branches:
        return ""  # a word ends here and none goes on
    if len(branches) == 1 and "" not in node:
        return branches[0]
    # one group for several next characters, optional where a word also ends here
    return f"(?:{'|'.join(branches)})" + ("?" if "" in node else "")


def outermost(spans: list[Span]) -> list[Span]:
    """The spans inside no longer one, left to right (the company, not its 党委 in it).

    >>> a, b = Span("Organization", "X公司党委", "X公司党委", 0), Span("Organization", "X公司", "X公司", 0)
    >>> [s.name for s in outermost([b, a])]
    ['X公司党委']
    """
    return sorted(
        (
            s
            for s in spans
            if not any(
                o is not s and o.start <= s.start and s.end <= o.end and len(o.form) > len(s.form)
                for o in spans
            )
        ),
        key=lambda s: s.start,
    )
