"""Ceremonies: where a named one starts, and which program a bare 启动仪式 launches.

A ceremony is named by what it does (…试点工作启动仪式, …学院揭牌仪式): its verb
belongs to its name, and so do the verbs of the program it is for (协同发展试点,
提升计划), which end other names. Its name runs from the place or body that opens
its clause. Written bare (启动仪式上，…), it is the ceremony of the program that
the text launches there.
"""

from __future__ import annotations

import re
from functools import cache

from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.spans import Span
from policygraph.loaders.text import clause_start

# A date opening a clause with no comma after it (6月12日天津市…).
_LEADING_DATE = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚)?")
# How far back a launch may be written: this sentence or the one before.
LAUNCH_REACH = 1
# A launch ceremony written bare (启动仪式上…); most sentences hold none.
_BARE_CEREMONY = re.compile("启动仪式")


@cache
def _words() -> dict:
    return lexicon("events")


@cache
def _launch() -> re.Pattern[str]:
    return re.compile("|".join(sorted(_words()["launch_words"], key=len, reverse=True)))


def ceremony_start(sentence: str, start: int, suffix_at: int, openers: list[Span]) -> int:
    """Where a ceremony whose suffix starts at ``suffix_at`` starts: at the place or body
    (``openers``) that opens its clause, else at ``start`` (the usual name walk).

    >>> place = Span("Place", "青溪区", "青溪区", 0)
    >>> s = "青溪区职工书屋提升计划启动仪式举行"
    >>> ceremony_start(s, 9, 11, [place])
    0
    """
    opening = clause_start(sentence, suffix_at)
    date = _LEADING_DATE.match(sentence, opening)
    opening = date.end() if date else opening
    if opening >= start or not any(s.start == opening for s in openers):
        return start
    between = sentence[opening:suffix_at]
    if between.startswith("“") or any(w in between for w in _words()["holding_words"]):
        return start  # 区总工会举行启动仪式: the body holds it, it is no part of its name
    return opening


def launch_ceremonies(found: list[tuple[str, int, list[Span]]]) -> list[tuple[str, int, list]]:
    """``found`` (sentence, start, spans) with each bare 启动仪式 as the Event of the
    program launched in its sentence or the one before: 青溪区启动“暖心驿站”行动。
    启动仪式上… names 暖心驿站行动启动仪式. A launch ceremony already named in the
    article is the one a later bare 启动仪式 means.
    """
    if not any("启动仪式" in sentence for sentence, _, _ in found):
        return found  # most articles write no 启动仪式: nothing to name
    launch = _launch()
    named: str | None = None  # the article's named launch ceremony, once written
    launched: list[tuple[int, str]] = []  # (sentence index, program) launched so far
    out = []
    for index, (sentence, start, spans) in enumerate(found):
        events = [s for s in spans if s.label == "Event" and s.name.endswith("启动仪式")]
        named = named or next((e.name for e in events), None)
        for program in (s for s in spans if s.label == "Program"):
            before = sentence[max(0, program.start - 3) : program.start]
            if launch.search(before) or launch.match(sentence, program.end):
                launched.append((index, program.name))
        extra = []
        for m in _BARE_CEREMONY.finditer(sentence) if "启动仪式" in sentence else ():
            if any(e.start <= m.start() < e.end for e in events):
                continue  # part of a named ceremony
            recent = [p for i, p in launched if index - i <= LAUNCH_REACH]
            name = named or (recent[-1] + "启动仪式" if recent else None)
            if name is not None:
                extra.append(Span("Event", name, m.group(0), m.start()))
        out.append((sentence, start, spans + extra))
    return out
