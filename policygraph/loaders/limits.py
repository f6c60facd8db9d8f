"""Bounds that keep one pathological text from taking the machine.

The sentence rules compare the names found in a sentence with each other, which
is cheap for any real sentence (a few hundred characters at most) but quadratic
in a "sentence" of 100,000 characters with no full stop (a table flattened to
one line, a string of names). Such a run is cut into pieces of at most
:data:`MAX_SENTENCE_CHARS`, at a clause break where there is one, so that every
piece is still read.

>>> [len(s) for _, s in bounded_sentence_spans("闵行区总工会开展培训，" * 200)]
[990, 990, 220]
"""

from __future__ import annotations

import re

from policygraph.loaders.text import sentence_spans

# Longer than any real sentence: the longest in the seeds and dev corpus is about 400.
MAX_SENTENCE_CHARS = 1000
# Where an overlong sentence is best cut: after a clause mark, else after a space.
_CUT_AFTER = re.compile(r"[，,；;：:、\s]")


def bounded_sentence_spans(text: str) -> list[tuple[int, str]]:
    """:func:`~policygraph.loaders.text.sentence_spans`, with sentences longer than
    :data:`MAX_SENTENCE_CHARS` cut into pieces no longer than that."""
    spans = []
    for start, sentence in sentence_spans(text):
        while len(sentence) > MAX_SENTENCE_CHARS:
            breaks = [m.end() for m in _CUT_AFTER.finditer(sentence, 1, MAX_SENTENCE_CHARS)]
            cut = breaks[-1] if breaks else MAX_SENTENCE_CHARS
            spans.append((start, sentence[:cut]))
            start, sentence = start + cut, sentence[cut:]
        spans.append((start, sentence))
    return spans
