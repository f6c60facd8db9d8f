"""File formats → plain text: text files in any common Chinese encoding, HTML, PDF, DOCX.

Each reader takes the file's bytes and returns its text, or raises
:class:`~policygraph.errors.ReadError` naming the file. Traditional characters
are converted to simplified ones for extraction by :func:`to_simplified`.

>>> decode("關於開展職工技能競賽的通知，市總工會決定開展競賽。".encode("big5"), "x.txt")[:6]
'關於開展職工'
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from policygraph.errors import ReadError

TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", ".docx")
# The double-byte encodings Chinese text files come in besides UTF-8/UTF-16.
CHINESE_ENCODINGS = ["gb18030", "big5"]
MAX_CHAOS = 0.2
STREAM_CHUNK_BYTES = 1 << 20
STREAM_PART_CHARS = 400_000
# A .docx is a zip: what its parts may expand to (the text of a long report is a few MB).
MAX_DOCX_PART_BYTES = 128 << 20
MAX_DOCX_TOTAL_BYTES = 384 << 20
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
# Control characters (but tab, line ends, form feed) and the private-use area.
_NOISE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]"
)  # charset-normalizer's mess ratio above which bytes are not text


def decode(data: bytes, path: str | Path) -> str:
    """Text from bytes in UTF-8 (BOM or not), UTF-16 with BOM, GB18030/GBK/GB2312 or Big5.

    Binary data and bytes that no supported encoding reads cleanly are refused
    rather than guessed into mojibake.
    """
    encoding = detect_encoding(data, path)
    try:
        return _checked(data.decode(encoding), path)
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: not valid {encoding} text ({exc.reason})") from exc


def detect_encoding(head: bytes, path: str | Path) -> str:
    """The encoding of a file, from its bytes or its first bytes (which may end inside a
    character); ReadError for binary data and bytes no supported encoding reads."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head[:8192]:
        raise ReadError(f"{path}: binary file (NUL bytes), not a text document")
    for cut in range(4):  # the head may stop in the middle of a UTF-8 sequence
        try:
            head[: len(head) - cut].decode("utf-8-sig")
            return "utf-8-sig"
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    # A stray control byte counts as "mess" to the detector; in GB18030 and Big5 it is
    # never part of a character, so it is left out of the guess (and, if few, read).
    sample = head.translate(None, _CONTROL_BYTES)
    best = from_bytes(sample, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise ReadError(
            f"{path}: cannot decode as UTF-8, UTF-16, GB18030 or Big5 text (is it a binary file?)"
        )
    return best.encoding


def stream_text(path: Path, part_chars: int = STREAM_PART_CHARS) -> Iterator[str]:
    """A large text file as parts of about ``part_chars`` characters, cut at paragraph breaks."""
    with path.open("rb") as handle:
        encoding = _stream_encoding(handle, path)
        head = handle.read(STREAM_CHUNK_BYTES)
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        buffer, chunk, offset = "", head, 0
        while True:
            try:
                buffer += decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"{path}: cannot decode bytes near offset {offset + exc.start}"
                ) from exc
            while len(buffer) > part_chars:
                cut = buffer.rfind("\n\n", 0, part_chars)
                cut = cut + 2 if cut > 0 else part_chars
                yield _checked(buffer[:cut], path)
                buffer = buffer[cut:]
            if not chunk:
                break
            offset += len(chunk)
            chunk = handle.read(STREAM_CHUNK_BYTES)
        if buffer.strip():
            yield _checked(buffer, path)


def _stream_encoding(handle, path: str | Path) -> str:
    """The encoding of an open file, from its first chunk holding more than ASCII (a
    preamble in ASCII says nothing of what follows); the file is rewound after."""
    head = handle.read(STREAM_CHUNK_BYTES)
    sample = head
    while sample and sample.isascii():
        sample = handle.read(STREAM_CHUNK_BYTES)
    handle.seek(0)
    if not sample or b"\x00" in head[:8192]:  # all ASCII, or binary: the head tells
        return detect_encoding(head, path)
    return detect_encoding(sample, path)


def _checked(text: str, path: str | Path) -> str:
    """Refuse decoded noise: control and private-use characters above 1% of the text."""
    sample = text[:4000]
    if len(_NOISE.findall(sample)) > len(sample) * 0.01:
        raise ReadError(f"{path}: binary file, not a text document")
    return text


@dataclass(frozen=True)
class FileText:
    """A file's text, and the source and ISO date its format states (a web page's metadata)."""

    text: str
    source: str | None = None
    date: str | None = None


def read_html(data: bytes, path: str | Path) -> FileText:
    """The main text of a web page (trafilatura), without navigation and footers."""
    import trafilatura

    html = decode(data, path)
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    if not text:
        raise ReadError(f"{path}: no main text found in this web page")
    meta = trafilatura.extract_metadata(html)
    heading = meta.title if meta and meta.title else ""
    if heading and not text.startswith(heading):
        text = f"{heading}\n\n{text}"
    return FileText(text, meta.sitename if meta else None, meta.date if meta else None)


def read_pdf(data: bytes, path: str | Path) -> str:
    """The text layer of a PDF, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ReadError(f"{path}: not a readable PDF ({exc})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise ReadError(f"{path}: the PDF has no text layer (a scanned image needs OCR first)")
    return text


def read_docx(data: bytes, path: str | Path) -> str:
    """The paragraphs and table cells of a Word document, in order."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        _check_expansion(zipfile.ZipFile(io.BytesIO(data)), path)
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, ValueError, KeyError) as exc:
        raise ReadError(f"{path}: not a readable .docx file ({exc})") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


def _check_expansion(archive: zipfile.ZipFile, path: str | Path) -> None:
    """Refuse a .docx whose parts would expand past the limits (a zip bomb: 1 MB
    holding a 1 GiB part). A part's declared size bounds what reading it gives."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > MAX_DOCX_PART_BYTES or total > MAX_DOCX_TOTAL_BYTES:
            raise ReadError(
                f"{path}: .docx part {info.filename} expands to {info.file_size / 2**20:.0f} MiB "
                f"(limits: {MAX_DOCX_PART_BYTES // 2**20} MiB a part, "
                f"{MAX_DOCX_TOTAL_BYTES // 2**20} MiB in all); not read"
            )


def read_text(data: bytes, path: str | Path) -> FileText:
    """The text of a file of any supported format, chosen by its suffix."""
    suffix = Path(path).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return FileText(decode(data, path))
    if suffix in HTML_SUFFIXES:
        return read_html(data, path)
    if suffix == ".pdf":
        return FileText(read_pdf(data, path))
    if suffix == ".docx":
        return FileText(read_docx(data, path))
    supported = ", ".join(SUPPORTED_SUFFIXES)
    raise ReadError(f"{path}: unsupported file type {suffix or '(none)'!r} ({supported})")


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones (OpenCC), the rest unchanged.

    >>> to_simplified("臺灣省總工會開展職工技能競賽")
    '台湾省总工会开展职工技能竞赛'
    """
    return _t2s().convert(text)
