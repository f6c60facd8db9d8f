"""Reported figures: a number, its unit, what was counted, and the period.

Chinese reports give figures as 3.5万人次, 5810.4万元, 四千余名: a number in
digits or Chinese numerals, a multiplier (万, 亿), an approximation (余, 多) and a
unit. Each becomes a plain value in the unit without its multiplier.

>>> [(f.subject, f.value, f.unit) for f in find_figures("累计培训职工3.5万人次，投入资金5810.4万元。")]
[('培训职工', 35000, '人次'), ('投入资金', 58104000, '元')]
>>> chinese_number("四千三百")
4300
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.quick import quick_init

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CLAUSE_BREAK = "，,；;：:。！？!?（）()“”"
# A date that opens a figure's subject (2019年以来…), with what comes before it.
_OPENING_DATE = re.compile(r"^.*?\d{4}年(?:以来|至今)?")
# Everything up to the last clause break: the match runs to the end, then backs off.
_TO_LAST_CLAUSE_BREAK = re.compile(rf"(?s:.*)[{re.escape(_CLAUSE_BREAK)}]")
# How far back from a number its subject may reach.
MAX_SUBJECT = 10
# The most digits (or Chinese numerals) a figure's number has: 万亿 covers larger ones.
MAX_DIGITS = 15
CHINESE_NUMERALS = "零〇一二两三四五六七八九十百千"


@quick_init
@dataclass(frozen=True)
class Figure:
    """A figure found at ``start`` in a sentence; ``form`` is the text as written."""

    subject: str
    value: int | float
    unit: str
    form: str
    start: int
    period: str | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.form)

    def label(self, reporter: str | None = None) -> str:
        """The figure's name: 邹平市总工会: 服务职工 56000 人 (2023年)."""
        text = f"{self.subject} {self.value} {self.unit}".strip()
        if self.period:
            text += f" ({self.period})"
        return f"{reporter}: {text}" if reporter else text


def chinese_number(text: str) -> int:
    """The value of a Chinese numeral below ten thousand: 三百二十 → 320, 十五 → 15."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            total += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict, tuple[str, ...]]:
    data = lexicon("figures")
    units = "|".join(re.escape(u) for u in sorted(data["units"], key=len, reverse=True))
    mults = "|".join(re.escape(m) for m in data["multipliers"])
    approx = "|".join(re.escape(a) for a in sorted(data["approximate"], key=len, reverse=True))
    # A number starts where no digit is before it and has at most MAX_DIGITS digits: a
    # longer run is no figure (it would overflow to inf), and an unbounded \d+ retried
    # at every digit of a long run is quadratic. The pattern opens with one character
    # class (a number's first character), which lets the engine skip to the positions
    # that may start one; the look-behinds after it then say which kind it opened
    # (digits or Chinese numerals) and that no character of that kind comes before.
    numeral = f"[{CHINESE_NUMERALS}]"
    figure = re.compile(
        rf"(?P<num>[\d{CHINESE_NUMERALS}]"
        rf"(?:(?<=\d)(?<!\d\d)\d{{0,{MAX_DIGITS - 1}}}(?:\.\d{{1,{MAX_DIGITS}}})?"
        rf"|(?<={numeral})(?<!{numeral}{numeral}){numeral}{{1,{MAX_DIGITS - 1}}}))"
        rf"(?P<mult>{mults})?(?:{approx})?(?P<unit>{units})"
    )
    period = re.compile("|".join(f"(?:{p})" for p in data["periods"]))
    not_subject = tuple(sorted(data["not_subject"], key=len, reverse=True))
    verbs = re.compile(
        "|".join(re.escape(v) for v in sorted(data["subject_verbs"], key=len, reverse=True))
    )
    return figure, period, data["multipliers"], (not_subject, verbs)


def find_figures(sentence: str, name_ends: list[int] = ()) -> list[Figure]:
    """Every figure in ``sentence`` with the words before it that say what it counts.

    ``name_ends`` are where names end in the sentence: a subject starts after them
    (闵行区总工会培训职工… counts 培训职工).
    """
    figure, period_re, multipliers, not_subject = _patterns()
    matches = list(figure.finditer(sentence))
    if not matches:
        return []  # most sentences: no period to look for either
    period = period_re.search(sentence)
    found = []
    for m in matches:
        if m.start() > 0 and sentence[m.start() - 1].isdigit():
            continue
        number = m.group("num")
        value = float(number) if number[0].isdigit() else chinese_number(number)
        value *= multipliers.get(m.group("mult"), 1)
        value = int(value) if float(value).is_integer() else round(value, 4)
        after = max((e for e in name_ends if e <= m.start()), default=0)
        subject = _subject(sentence, m.start(), not_subject, after)
        found.append(
            Figure(
                subject, value, m.group("unit"), m.group(0), m.start(), period and period.group(0)
            )
        )
    return found


def _subject(sentence: str, pos: int, words_lists, after: int = 0) -> str:
    """What the figure counts: from the last counting verb before it (培训职工), else
    the clause's last words, without 累计, 达 …"""
    not_subject, verbs = words_lists
    clause = _TO_LAST_CLAUSE_BREAK.match(sentence, 0, pos)
    start = max(after, clause.end() if clause else 0)
    opened = [m.start() for m in verbs.finditer(sentence, start, pos) if m.group(0) != "累计"]
    if opened:
        start = opened[-1]
    words = sentence[max(start, pos - MAX_SUBJECT) : pos]
    if start < pos - MAX_SUBJECT:
        # the window cut into a word: start after a function character inside it
        cut = max(words.rfind(ch) for ch in "的在于中为至以是和与及等")
        words = words[cut + 1 :] if cut >= 0 else words
    words = _OPENING_DATE.sub("", words)  # a date opening the clause
    # a pass over the words changes the text exactly when one of them opens or ends it
    while words.startswith(not_subject) or words.endswith(not_subject):
        for word in not_subject:
            if words.startswith(word) or words.endswith(word):
                words = words.removeprefix(word) if words.startswith(word) else words[: -len(word)]
    return words
