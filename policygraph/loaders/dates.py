"""Dates as Chinese texts write them, to ISO: 2017年2月6日 → 2017-02-06.

>>> iso_dates("2017年2月6日，会议审议通过方案；二〇二一年三月印发通知。")
['2017-02-06', '2021-03']
>>> iso_dates("6月3日，推进会召开。", year="2024")
['2024-06-03']
"""

from __future__ import annotations

import re

_DIGIT = "〇零一二三四五六七八九"
_VALUE = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_NUMBER = rf"(?:\d{{1,4}}|[{_DIGIT}十]{{1,4}})"
_DATE = re.compile(
    rf"(?:(?P<y>\d{{4}}|[{_DIGIT}]{{4}})年)?(?P<m>{_NUMBER})月(?:(?P<d>{_NUMBER})[日号])?"
    rf"|(?P<yo>\d{{4}}|[{_DIGIT}]{{4}})年(?![代度])"
)


def _number(text: str) -> int:
    """12, 十二, 二〇二一 → their value."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_VALUE[tens] if tens else 1) * 10 + (_VALUE[units] if units else 0)
    return int("".join(str(_VALUE[ch]) for ch in text))


def iso_dates(text: str, year: str | None = None) -> list[str]:
    """Every date in ``text``, as precise as written (YYYY, YYYY-MM or YYYY-MM-DD).

    A month and day without a year take ``year`` (the document's), or are skipped.
    """
    found = []
    for m in _DATE.finditer(text):
        if m.group("yo"):
            found.append(f"{_number(m.group('yo')):04d}")
            continue
        y = m.group("y")
        y = _number(y) if y else (int(year) if year else None)
        month = _number(m.group("m"))
        if y is None or not 1 <= month <= 12:
            continue
        if m.group("d"):
            day = _number(m.group("d"))
            if 1 <= day <= 31:
                found.append(f"{y:04d}-{month:02d}-{day:02d}")
        else:
            found.append(f"{y:04d}-{month:02d}")
    return found


def first_full_date(text: str, year: str | None = None) -> str | None:
    """The first date in ``text`` that gives at least a month, or None."""
    return next((d for d in iso_dates(text, year) if len(d) > 4), None)
