"""Files → articles: find the documents under a path, decode them, clean them.

A file that cannot be read raises :class:`~policygraph.errors.ReadError`
naming the file; the caller reports it and goes on with the rest.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "通报.txt"
>>> _ = path.write_bytes("关于开展劳动竞赛的通知\\n\\n市总工会决定开展竞赛。".encode("gb18030"))
>>> [a.title for a in read_file(path)]
['关于开展劳动竞赛的通知']
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from policygraph.errors import ReadError
from policygraph.loaders.facts import Article
from policygraph.loaders.formats import (
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    FileText,
    read_text,
    stream_text,
    to_simplified,
)
from policygraph.loaders.offsets import align, original_position, page_marks
from policygraph.loaders.pages import DATE_LINE, split_articles
from policygraph.loaders.text import normalize, rejoin_broken_lines
from policygraph.printable import printable, without_controls

DOC_ID_LENGTH = 16
STREAM_ABOVE_BYTES = 8_000_000  # text files larger than this are read as a stream
PAGE_HEAD_CHARS = 4000  # where a page's masthead and date line are looked for
TITLE_MAX = 160  # a whole headline block, kicker and subtitle included
MASTHEAD = re.compile(r"[\u4e00-\u9fff]{2,10}(?:日报|晚报|报)")


def iter_document_files(path: Path, problems: list[str] | None = None) -> Iterator[Path]:
    """The files to read under ``path``: itself, or every non-hidden file below it, sorted.

    Links to folders are not followed (so a link loop cannot trap the walk); a
    link that loops or points nowhere is yielded, for :func:`read_file` to report.
    Raises ReadError when ``path`` does not exist or is no file or folder (a pipe,
    which would block the reader); a subfolder that cannot be listed and a pipe,
    socket or device inside the folder go into ``problems``, one line each.
    """
    if not path.exists():
        if path.is_symlink():
            raise ReadError(f"{path}: symbolic link that loops or points nowhere")
        raise ReadError(f"{path}: no such file or folder")
    if path.is_file():
        yield path
        return
    if not path.is_dir():
        raise ReadError(f"{path}: {NOT_REGULAR}")
    problems = [] if problems is None else problems

    def unlistable(exc: OSError) -> None:
        problems.append(f"{exc.filename}: cannot list this folder ({exc.strerror}), skipped")

    found = []
    for folder, dirs, names in os.walk(path, onerror=unlistable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, name) for name in names if not name.startswith(".")]
    for child in sorted(found):
        dangling = child.is_symlink() and not child.exists()
        if child.is_file() or dangling:
            yield child
        elif not child.is_dir():  # a link to a folder is not followed
            problems.append(f"{child}: {NOT_REGULAR}, skipped")


NOT_REGULAR = "not a regular file or folder (a pipe, socket or device)"


def document_id(text: str) -> str:
    """A content hash, so that renaming or re-encoding a file keeps its document id.

    >>> document_id("同一篇文章") == document_id("同一篇文章")
    True
    """
    digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
    return digest[:DOC_ID_LENGTH]


def read_file(path: str | Path) -> list[Article]:
    """The articles in one file (one for plain text; a newspaper page may give several)."""
    return list(iter_articles(path))


def iter_articles(path: str | Path) -> Iterator[Article]:
    """The articles in one file, one after another.

    A large text file is read as a stream, in parts cut at paragraph breaks, so
    memory stays bounded whatever its size. Raises ReadError naming the file;
    it may do so after some articles were given, when a later part is bad.
    """
    path = Path(path)
    if path.is_symlink() and not path.exists():
        raise ReadError(f"{path}: symbolic link that loops or points nowhere")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise ReadError(f"{path}: unsupported file type {path.suffix or '(none)'!r} ({supported})")
    try:
        if path.suffix.lower() in TEXT_SUFFIXES and path.stat().st_size > STREAM_ABOVE_BYTES:
            parts, stated = stream_text(path), FileText("")
        else:
            stated = read_text(path.read_bytes(), path)
            parts = iter([stated.text])
        found = False
        base, page = 0, None  # where the part starts; the page's masthead and date
        for part in parts:
            if page is None:  # what the format states, else the page's masthead and date line
                head = to_simplified(normalize(part[:PAGE_HEAD_CHARS]))
                page = stated.source or page_source(head), stated.date or page_date(head)
            for article in _articles(part, path, base, page):
                found = True
                yield article
            base += len(part)
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not found:
        raise ReadError(f"{path}: empty file, no text to read")


def _articles(
    raw: str, path: Path, base: int, page: tuple[str | None, str | None]
) -> Iterator[Article]:
    """Clean one text (or one part of a streamed file, starting at ``base``) into articles;
    ``page`` is the file's masthead and date."""
    original = rejoin_broken_lines(normalize(without_controls(raw)))
    # Extraction reads simplified characters; the original stays for display.
    text = to_simplified(original)
    if not text.strip():
        return
    source, date = (without_controls(x) if x else x for x in page)
    shown = printable(str(path.resolve()))  # once: resolving asks the system per folder
    cursor, marks = 0, page_marks(raw)
    for piece in split_articles(text, original if original != text else None):
        if piece.text:
            anchors = align(piece.text, raw, cursor, marks)
            cursor = original_position(anchors, len(piece.text) - 1) + 1
            yield Article(
                doc_id=document_id(piece.text),
                text=piece.text,
                title=piece.title[:TITLE_MAX] or printable(path.stem),
                path=shown,
                source=source,
                date=date,
                byline=piece.byline,
                original=piece.original,
                anchors=tuple((i, base + j) for i, j in anchors),
            )


def page_source(text: str) -> str | None:
    """The newspaper's name when the page opens with its masthead (浙江工人日报).

    >>> page_source("浙江工人日报\\n\\n倾情关注劳动群体")
    '浙江工人日报'
    """
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if MASTHEAD.fullmatch(first) else None


def page_date(text: str) -> str | None:
    """The ISO date of the first date written in the page's first lines.

    >>> page_date("浙江工人日报\\n2024年10月22日 星期二")
    '2024-10-22'
    """
    head = "\n".join(text.splitlines()[:12])
    m = DATE_LINE.search(head)
    return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None
