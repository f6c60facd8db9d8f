"""Large character classes compiled quickly: the finders' patterns, at every start.

Python's ``re`` packs a character class (``re._compiler._optimize_charset``) after
marking each of its code points in a Python loop: the CJK class
``[\\u3400-\\u9fff\\uf900-\\ufaff]`` that dozens of the finders' patterns hold costs
about 1 ms each time, some 25 ms of every start, on the load's serial path (the
finders are built before its workers fork). A class of one or two runs of code
points packs to those runs whatever the marking: such a class is marked here by
slices, and ``re`` gets every other class as before, so every pattern compiles to
the same code.

Importing the module installs it (:mod:`policygraph.loaders.text`, which holds
the CJK class, imports it first), on the Python versions whose ``re`` it was
checked against (3.11 to 3.13 share that function); elsewhere ``re`` is left as
it is.
"""

from __future__ import annotations

import sys
from re import _compiler
from re._constants import LITERAL, RANGE

BMP = 0x10000
LARGE = 256  # code points: a class of fewer ranges over is quick to mark one by one
CHECKED_VERSIONS = ((3, 11), (3, 12), (3, 13))

_one_by_one = _compiler._optimize_charset


def optimize_charset(charset, iscased=None, fixup=None, fixes=None):
    """``re``'s own packing of ``charset``: the same result, large classes of one or
    two runs marked by slices.

    >>> cjk = [(RANGE, (0x3400, 0x9FFF)), (RANGE, (0xF900, 0xFAFF))]
    >>> optimize_charset(cjk) == _one_by_one(cjk)
    True
    """
    if fixup is None and _large_and_plain(charset):
        runs = _runs(_charmap(charset))
        if runs is not None:  # else more than two runs: re packs them as before
            out = [(LITERAL, p) if q - p == 1 else (RANGE, (p, q - 1)) for p, q in runs]
            # re keeps the class as written where the runs are no shorter (hascased:
            # False, as re's for a class without case folding in the BMP)
            return (out if len(out) < len(charset) else charset), False
    return _one_by_one(charset, iscased, fixup, fixes)


def _large_and_plain(charset) -> bool:
    """Only characters and ranges, all in the BMP, and one range of many code points."""
    large = False
    for op, av in charset:
        if op is LITERAL:
            if av >= BMP:
                return False
        elif op is RANGE:
            if av[1] >= BMP:
                return False
            large = large or av[1] - av[0] >= LARGE
        else:  # negation, categories: re's own way
            return False
    return large


def _charmap(charset) -> bytearray:
    """One byte per BMP code point, 1 where ``charset`` holds it (re's marking)."""
    charmap = bytearray(BMP)
    for op, av in charset:
        if op is LITERAL:
            charmap[av] = 1
        else:
            charmap[av[0] : av[1] + 1] = b"\x01" * (av[1] - av[0] + 1)
    return charmap


def _runs(charmap: bytearray) -> list[tuple[int, int]] | None:
    """The (start, end) of each run of marked code points, None for more than two
    (as re finds them)."""
    runs: list[tuple[int, int]] = []
    q = 0
    while (p := charmap.find(1, q)) >= 0:
        if len(runs) >= 2:
            return None
        q = charmap.find(0, p)
        if q < 0:
            runs.append((p, len(charmap)))
            break
        runs.append((p, q))
    return runs


def install() -> None:
    """Compile ``re``'s classes with :func:`optimize_charset` from now on (once)."""
    if sys.version_info[:2] in CHECKED_VERSIONS and _compiler._optimize_charset is _one_by_one:
        _compiler._optimize_charset = optimize_charset


install()
