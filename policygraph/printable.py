"""Text every writer and every terminal accepts: paths with undecodable bytes, control characters.

A file name that is not UTF-8 (a Windows zip unpacked on Linux) reaches Python
with its bytes as lone surrogates, which no UTF-8 writer accepts; a control
character in a name breaks XML and can drive the terminal. Both are shown, and
stored, in backslash form.

>>> import os
>>> printable(os.fsdecode("关于.txt".encode("gbk")))
'\\\\xb9\\\\xd8\\\\xd3\\\\xda.txt'
>>> printable("a\\x1b[31mb")
'a\\\\x1b[31mb'
>>> without_controls("标题\\x01\\x0c正文")
'标题\\n正文'
"""

from __future__ import annotations

import re
from collections.abc import Callable

# C0 and C1 controls, DEL and lone surrogates (tab, line feed and carriage return too,
# since none belongs in a path or a one-line message).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# In document text: controls but tab, line feed and carriage return go; a vertical tab
# (Word's line break) and a form feed (a PDF's page break) become line feeds.
_TEXT_CONTROLS = {code: None for code in (*range(0x00, 0x20), *range(0x7F, 0xA0))}
_TEXT_CONTROLS |= {0x09: 0x09, 0x0A: 0x0A, 0x0D: 0x0D, 0x0B: 0x0A, 0x0C: 0x0A}
_TEXT_CONTROLS |= {0xFFFE: None, 0xFFFF: None}


def printable(text: str) -> str:
    """``text`` with undecodable bytes and control characters in backslash form."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # a byte that os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def translator(table: dict[int, int | None]) -> Callable[[str], str]:
    """``str.translate(table)`` as a function that finds the characters to change with a
    pattern: translate looks every character of Chinese text up in the table, a
    pattern skips the unchanged at C speed (over ten times quicker on news pages).

    >>> translator({ord("（"): ord("("), ord("\\x01"): None})("第（一）\\x01条")
    '第(一）条'
    """
    changes = {chr(code): "" if new is None else chr(new) for code, new in table.items()}
    changes = {old: new for old, new in changes.items() if old != new}
    pattern = re.compile("[" + "".join(map(re.escape, sorted(changes))) + "]")
    return lambda text: pattern.sub(lambda match: changes[match[0]], text)


without_controls = translator(_TEXT_CONTROLS)
"""Document text without control characters (which no XML export can hold)."""
