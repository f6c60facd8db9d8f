"""The quick packing of large character classes compiles every pattern as re does."""

from __future__ import annotations

import random
from re import _compiler
from re._constants import CATEGORY, CATEGORY_DIGIT, LITERAL, NEGATE, RANGE

import pytest

from policygraph.loaders import charsets
from policygraph.loaders.text import CJK


def _random_class(rnd: random.Random) -> list:
    """A class as re's parser writes it: characters and ranges anywhere in Unicode,
    sometimes negated or with a category."""
    items = []
    for _ in range(rnd.randint(1, 5)):
        if rnd.random() < 0.4:
            items.append((LITERAL, rnd.choice([rnd.randint(0, 300), rnd.randint(0, 0x10FFFF)])))
        else:
            low = rnd.choice([rnd.randint(0, 0xFFFF), 0, 0x3400, 0xF900, 255, 256])
            span = rnd.choice([0, 1, 255, 256, 1000, 30000, 70000])
            items.append((RANGE, (low, min(low + span, rnd.choice([0xFFFF, 0x10FFFF])))))
    if rnd.random() < 0.1:
        items.insert(0, (NEGATE, None))
    if rnd.random() < 0.1:
        items.append((CATEGORY, CATEGORY_DIGIT))
    return items


def test_every_class_packs_as_re_packs_it():
    rnd = random.Random(7)
    cjk = [(RANGE, (0x3400, 0x9FFF)), (RANGE, (0xF900, 0xFAFF))]
    classes = [cjk, [*cjk, (LITERAL, ord("·"))], [(RANGE, (0x4E00, 0x9FFF))]]
    classes += [_random_class(rnd) for _ in range(800)]
    for chars in classes:
        assert charsets.optimize_charset(list(chars)) == charsets._one_by_one(list(chars))


@pytest.mark.parametrize(
    "pattern", [f"[{CJK}]{{2,10}}", r"[\u4e00-\u9fff]+", f"[^{CJK}]", f"[{CJK}a·]", f"[{CJK}]|x"]
)
def test_patterns_with_large_classes_match_alike(pattern, monkeypatch):
    text = "".join(chr(random.Random(pattern).randint(0, 0xFFFF)) for _ in range(20000))
    monkeypatch.setattr(_compiler, "_optimize_charset", charsets._one_by_one)
    as_re = [m.span() for m in _compiler.compile(pattern, 0).finditer(text)]
    monkeypatch.setattr(_compiler, "_optimize_charset", charsets.optimize_charset)
    quick = [m.span() for m in _compiler.compile(pattern, 0).finditer(text)]
    assert quick == as_re
