"""Formats and encodings: the same text read from HTML, PDF, DOCX, Big5 and traditional
characters gives the same articles; bad files are refused by name and the rest still load."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import opencc
import pytest

import policygraph
from policygraph.errors import ReadError
from policygraph.loaders.extract import extract
from policygraph.loaders.read import read_file

PARAGRAPHS = [
    "宁波市总工会开展职工技能竞赛",
    "■ 本报记者 孙丽",
    "近日，宁波市总工会与市人社局联合开展“甬城工匠”职业技能竞赛。",
    "竞赛设置焊工、电工等10个工种，吸引全市260家企业参加。",
    "市总工会主席周建平表示，将为产业工人搭建更多成长平台。",
]


def lines(path: Path) -> list[str]:
    [article] = read_file(path)
    return [line for line in article.text.splitlines() if line.strip()]


@pytest.fixture
def plain(tmp_path) -> Path:
    path = tmp_path / "plain.txt"
    path.write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    return path


def test_a_web_page_gives_its_main_text_without_navigation(tmp_path, plain):
    body = "".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS[1:])
    page = f"""<!DOCTYPE html><html><head><meta charset="gb2312"><title>{PARAGRAPHS[0]}</title>
    <meta property="og:site_name" content="宁波工人网"><meta name="date" content="2024-05-16"></head>
    <body><nav><ul><li><a href="/">首页</a></li><li><a href="/news">工会新闻</a></li>
    <li><a href="/about">关于我们</a></li></ul></nav>
    <article><h1>{PARAGRAPHS[0]}</h1>{body}</article>
    <footer>版权所有 宁波工人网 浙ICP备12345678号 联系我们 网站地图</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gb18030"))
    assert lines(path) == lines(plain)
    [article] = read_file(path)
    assert (article.source, article.date) == ("宁波工人网", "2024-05-16")


def test_a_pdf_gives_the_same_text(tmp_path, plain):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built in: no font file needed
    path = tmp_path / "notice.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 11)
    for i, paragraph in enumerate(PARAGRAPHS):
        pdf.drawString(40, 800 - 24 * i, paragraph)
    pdf.save()
    assert lines(path) == lines(plain)


def test_a_docx_gives_the_same_text(tmp_path, plain):
    import docx

    document = docx.Document()
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    path = tmp_path / "notice.docx"
    document.save(path)
    assert lines(path) == lines(plain)


def test_traditional_characters_give_the_same_extraction(seeds, tmp_path):
    to_traditional = opencc.OpenCC("s2t")
    for seed in sorted(seeds.glob("*.txt")):
        traditional = tmp_path / seed.name
        text = to_traditional.convert(seed.read_text(encoding="utf-8"))
        traditional.write_text(text, encoding="utf-8")
        simplified_facts = [extract(a) for a in read_file(seed)]
        traditional_articles = read_file(traditional)
        assert any(a.original for a in traditional_articles)  # the original kept for display
        traditional_facts = [extract(a) for a in traditional_articles]
        names = [{(m.label, m.name) for m in f.mentions} for f in simplified_facts]
        assert [{(m.label, m.name) for m in f.mentions} for f in traditional_facts] == names


def test_big5_reads_as_its_traditional_text(tmp_path):
    text = "關於開展職工技能競賽的通知\n\n寧波市總工會與市人社局聯合開展職業技能競賽，吸引全市企業參加。"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    [article] = read_file(path)
    assert article.original == text
    assert article.title == "关于开展职工技能竞赛的通知"
    assert "宁波市总工会" in article.text


def test_bad_files_are_refused_by_name_and_the_rest_still_load(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "nul.txt").write_bytes("职工".encode() + b"\x00" * 16 + "竞赛".encode())
    (folder / "mojibake.txt").write_bytes(bytes([0x80, 0xFF]) * 500)  # no GB18030/Big5 reads it
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not really")
    report = policygraph.load([folder], tmp_path / "db")
    assert [Path(p).name for p, _, _ in report.loaded] == ["good.txt"]
    reasons = dict(report.skipped)
    assert reasons[str(folder / "empty.txt")].endswith("empty file, no text to read")
    assert "binary file" in reasons[str(folder / "photo.txt")]
    assert "NUL bytes" in reasons[str(folder / "nul.txt")]
    assert (
        "cannot decode" in reasons[str(folder / "mojibake.txt")]
        or "binary" in reasons[str(folder / "mojibake.txt")]
    )
    assert "loops or points nowhere" in reasons[str(folder / "loop.txt")]
    assert "not a readable PDF" in reasons[str(folder / "scan.pdf")]
    for path, reason in report.skipped:
        assert reason.startswith(path + ": ") and "\n" not in reason


def test_an_unreadable_file_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("职工", encoding="utf-8")

    def denied(self):
        raise PermissionError(13, "Permission denied")

    # Tests run as root, for whom chmod 000 changes nothing: refuse the read itself.
    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ReadError, match=r"locked\.txt: cannot read \(Permission denied\)"):
        read_file(path)


# VmHWM, not ru_maxrss: the latter keeps the parent's (pytest's) peak across fork and exec.
MEASURE_READ = """
import re, sys
from policygraph.loaders.read import iter_articles
count = sum(1 for _ in iter_articles(sys.argv[1]))
status = open("/proc/self/status").read()
print(count, re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
"""


def peak_reading(path: Path) -> tuple[int, int]:
    """Articles read and peak memory (KB) of a fresh process that reads ``path``."""
    run = subprocess.run(
        [sys.executable, "-c", MEASURE_READ, str(path)], capture_output=True, text=True, check=True
    )
    articles, peak_kb = map(int, run.stdout.split())
    return articles, peak_kb


def test_a_50_mb_text_file_streams_in_bounded_memory(tmp_path, seeds):
    page = next(seeds.glob("001_*.txt")).read_text(encoding="utf-8") + "\n\n"
    peaks = {}
    for megabytes in (10, 50):
        path = tmp_path / f"big{megabytes}.txt"
        with path.open("w", encoding="utf-8") as handle:
            for _ in range(megabytes * 1_000_000 // len(page.encode("utf-8")) + 1):
                handle.write(page)
        articles, peaks[megabytes] = peak_reading(path)
        assert articles > 100  # one per copy of the page, read part by part
    # Five times the text, about the same memory: it does not grow with the file.
    assert peaks[50] < peaks[10] * 1.25, peaks
    assert peaks[50] < 200_000, peaks  # KB; reading the 50 MB whole peaks near 380 MB


def test_bytes_that_go_bad_midway_through_a_streamed_file_are_reported(tmp_path, monkeypatch):
    import policygraph.loaders.formats as formats
    import policygraph.loaders.read as read

    # Stream even this small file, in small parts, so that good parts come first.
    monkeypatch.setattr(read, "STREAM_ABOVE_BYTES", 1_000)
    monkeypatch.setattr(formats, "STREAM_CHUNK_BYTES", 4_096)
    monkeypatch.setattr(formats.stream_text, "__defaults__", (2_000,))
    path = tmp_path / "big.txt"
    good = ("\n\n".join(PARAGRAPHS) + "\n\n").encode("utf-8") * 60
    path.write_bytes(good + b"\xff\xfe\x80" + good[:1000])
    report = policygraph.load([path], tmp_path / "db")
    assert not report.loaded  # nothing half-loaded from the bad file
    [(_, reason)] = report.skipped
    assert reason.startswith(f"{path}: cannot decode bytes near offset {len(good)}")
    assert policygraph.stats(tmp_path / "db")["documents"] == 0
