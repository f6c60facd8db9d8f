"""Where cleaned text came from: positions in an article mapped back to the file's text.

Cleaning only drops characters (line breaks a scan left, page marks, heading
signs, surrounding spaces) and replaces others one for one (full-width forms,
traditional characters), so each cleaned character can be found, in order, in
the original. The map is kept as anchors: ``(clean_position, original_position)``
wherever the two stop advancing together.

>>> anchors = align("劳动美", "中国梦·劳\\n\\n动美")
>>> [original_position(anchors, i) for i in range(3)]
[4, 7, 8]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

from policygraph.loaders.formats import to_simplified
from policygraph.loaders.pages import CONTINUED_ON
from policygraph.loaders.text import normalize

# How far ahead a line may start (past dropped mastheads and page marks), and how
# many of its characters must agree before we believe we found it.
LINE_WINDOW = 4000
RUN_MAX = 1024
VERIFY = 6


@cache
def _clean_char(ch: str) -> str:
    return to_simplified(normalize(ch))


def _common_run(clean: str, i: int, original: str, j: int, longest: int) -> int:
    """How many characters from ``clean[i]`` and ``original[j]`` on are the same (slices
    compared in C, each power of two once, rather than one character at a time); at most
    ``longest``."""
    if clean[i : i + 1] != original[j : j + 1] or not longest:
        return 0  # a third of the calls: a character cleaning dropped or rewrote
    piece = clean[i : i + longest]
    if len(piece) == longest and piece == original[j : j + longest]:
        return longest
    # the run is shorter than ``longest``, so below twice its highest power of two: add
    # each power, largest first, where the next that many characters still agree
    n, step = 0, 1 << (longest.bit_length() - 1)
    while step:
        piece = clean[i + n : i + n + step]
        if len(piece) == step and piece == original[j + n : j + n + step]:
            n += step
        step >>= 1
    return n


def _same(original_char: str, clean_char: str) -> bool:
    return original_char == clean_char or _clean_char(original_char) == clean_char


def _line_start(clean: str, i: int, original: str, cursor: int) -> int | None:
    """Where the line starting at ``clean[i]`` begins in ``original``: the first place from
    ``cursor`` whose next characters read the same (dropped page furniture is passed over)."""
    # the line's own characters only: a probe running into the next line would find
    # a place where the two lines read as one (# \n# # 本报讯 cleaned to #\n# 本报讯)
    probe = clean[i : i + VERIFY].split("\n", 1)[0]
    for j in range(cursor, min(len(original), cursor + LINE_WINDOW)):
        if _same(original[j], probe[0]) and _reads_as(original, j, probe):
            return j
    return None


def _reads_as(original: str, j: int, probe: str) -> bool:
    """Whether ``original`` from ``j`` reads as ``probe``, whitespace on either side and
    the page marks that cleaning drops (001(下转第4版)001) aside."""
    for ch in (c for c in probe if not c.isspace()):
        while j < len(original):
            mark = CONTINUED_ON.match(original, j)
            if mark:
                j = mark.end()
            elif original[j].isspace():
                j += 1
            else:
                break
        if j >= len(original) or not _same(original[j], ch):
            return False
        j += 1
    return True


def page_marks(original: str) -> list[int]:
    """Where the page marks that cleaning drops (下转第4版) start in ``original``."""
    return [m.start() for m in CONTINUED_ON.finditer(original)]


def align(
    clean: str, original: str, start: int = 0, marks: list[int] | None = None
) -> list[tuple[int, int]]:
    """Anchors mapping ``clean`` into ``original``, searching from ``original[start]`` on.

    ``marks`` is :func:`page_marks` of ``original``, when aligning many articles to it.
    """
    anchors: list[tuple[int, int]] = []
    cursor, previous, i = start, None, 0
    last = max(len(original) - 1, 0)
    marks = page_marks(original) if marks is None else marks
    while i < len(clean):
        if (i == 0 or clean[i - 1] == "\n") and not clean[i].isspace():
            found = _line_start(clean, i, original, cursor)
            cursor = found if found is not None else cursor
        k = bisect_left(marks, cursor)
        room = marks[k] - cursor if k < len(marks) else RUN_MAX  # a run stops at a page mark
        run = _common_run(clean, i, original, cursor, min(room, RUN_MAX))
        if run:
            if previous is None or cursor != previous + 1:
                anchors.append((i, cursor))
            previous, i, cursor = cursor + run - 1, i + run, cursor + run
            continue
        ch, j = clean[i], cursor
        # Within a line cleaning only drops spaces, heading signs and page marks;
        # any other difference is a character rewritten in place (繁 → 简).
        while j < len(original):
            mark = CONTINUED_ON.match(original, j)
            if mark:
                j = mark.end()
            elif _same(original[j], ch):
                break
            elif original[j].isspace() or original[j] == "#":
                j += 1
            else:
                break
        j = min(j, last)
        if ch.isspace() and not original[j].isspace():
            # a line break the cleaning put where the original had none (between a
            # heading sign and its line): it stands before original[j], taking nothing
            anchors.append((i, j))
            previous, i, cursor = None, i + 1, j
            continue
        cursor = j + 1
        if previous is None or j != previous + 1:
            anchors.append((i, j))
        previous, i = j, i + 1
    return anchors


def original_position(anchors: list[tuple[int, int]], position: int) -> int:
    """The original position of cleaned ``position``, by the anchors of :func:`align`."""
    if not anchors:
        return 0
    k = bisect_right(anchors, (position, float("inf"))) - 1
    clean_at, original_at = anchors[max(k, 0)]
    return original_at + (position - clean_at)
