"""Hostile inputs (issue 16): odd file names, runaway text, bombs, control characters.

Each test reproduces one numbered defect of the issue at a size that keeps the
suite fast; bench/hostile_inputs.py runs the full sizes and prints the figures.
"""

from __future__ import annotations

import json
import os
import re
import signal
import tracemalloc
import xml.etree.ElementTree as ET
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

import policygraph
from policygraph.errors import ReadError
from policygraph.graph import model
from policygraph.graph.model import Graph
from policygraph.loaders import formats, organizations, read
from policygraph.loaders.extract import extract
from policygraph.loaders.facts import Article
from policygraph.loaders.passages import hierarchy_across_sentences
from policygraph.loaders.read import read_file

GOOD = {
    "a.txt": "江汉区总工会开展劳动竞赛。",
    "b.txt": "闵行区总工会建立“闵工学堂”。",
}


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")


def strict_json(path: Path):
    """JSON as the standard says it: no NaN or Infinity."""

    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)


@contextmanager
def hang_guard(seconds: int):
    """Fail instead of hanging the suite: a guard far above the real time, not a timing."""

    def stop(*_):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# -- 1. a file name that is not UTF-8 -----------------------------------------


def test_a_file_name_that_is_not_utf8_is_loaded_and_shown_escaped(cli, tmp_path, db):
    docs = tmp_path / "docs"
    write_good(docs)
    gbk_name = os.path.join(os.fsencode(docs), "关于.txt".encode("gbk"))
    with open(gbk_name, "wb") as handle:
        handle.write("连云港市总工会开展竞赛。".encode("gbk"))

    result = cli("load", docs, "--db", db)
    assert result.exit_code == 0, result.output
    assert ": 3 loaded into" in result.output

    listing = json.loads(cli("stats", "--documents", "--json", "--db", db).stdout)
    files = {Path(d["file"]).name for d in listing["document_list"]}
    assert r"\xb9\xd8\xd3\xda.txt" in files  # the undecodable bytes, escaped
    out = tmp_path / "out.json"
    assert cli("export", "-o", out, "--db", db).exit_code == 0
    assert "连云港市总工会" in {n["name"] for n in strict_json(out)["nodes"]}
    # unloading by that path finds it
    removed = cli("unload", os.fsdecode(gbk_name), "--db", db)
    assert removed.exit_code == 0, removed.output
    assert "Unloaded 1 document(s)" in removed.output


# -- 2. runaway time and memory -------------------------------------------------


class CountingPattern:
    """A compiled pattern that adds up how many characters its searches look at."""

    def __init__(self, pattern):
        self.pattern, self.scanned = pattern, 0

    def search(self, text, pos=0, endpos=None):
        end = len(text) if endpos is None else endpos
        self.scanned += max(0, end - pos)
        return self.pattern.search(text, pos, end)


def test_the_date_before_a_name_is_not_rescanned_from_the_sentence_start(monkeypatch):
    counting = CountingPattern(organizations.DATE_END)
    monkeypatch.setattr(organizations, "DATE_END", counting)
    sentence = "闵行区总工会开展培训" + "1" * 4000 + "，" + "区总工会" * 20 + "。"
    facts = extract(Article(doc_id="d", text=sentence, title="", path="x.txt"))
    assert "闵行区总工会" in {m.name for m in facts.mentions}
    # before: every step of every name's left scan searched the whole sentence (~2 M chars)
    assert counting.scanned < 20 * len(sentence)


def test_long_digit_runs_and_sentences_without_a_full_stop_finish():
    sentences = [
        "闵行区总工会开展培训" + "1" * 40_000 + "，" + "区总工会" * 20 + "。",
        "闵行区总工会" * 10_000,  # 60,000 characters, no full stop
        "上海市闵行区总工会开展培训，" * 5_000 + "。",
    ]
    with hang_guard(120):  # before: over 100 s for the first, over 5 minutes for the second
        for text in sentences:
            facts = extract(Article(doc_id="d", text=text, title="", path="x.txt"))
            assert "闵行区总工会" in {m.name for m in facts.mentions}


def test_places_named_many_times_are_paired_without_pairing_every_naming():
    namings = [(i, i * 10, i * 10 + 9, None) for i in range(3000)]
    place_named = {"闵行区": namings, "上海市": namings}
    tracemalloc.start()
    try:
        found = hierarchy_across_sentences("句" * 30_000, place_named, [])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(r.source, r.target) for r in found] == [(("Place", "闵行区"), ("Place", "上海市"))]
    assert peak < 10_000_000  # before: 9 million pairs, over 500 MB


def test_adding_evidence_does_not_resort_all_evidence(monkeypatch):
    calls = []
    order = model._evidence_order
    monkeypatch.setattr(model, "_evidence_order", lambda e: calls.append(1) or order(e))
    graph = Graph()
    graph.add_document("d1")
    a = graph.add_mention("Organization", "闵行区总工会", "d1")
    b = graph.add_mention("Place", "闵行区", "d1")
    for i in range(2000):
        graph.add_relation("LOCATED_IN", a, b, doc="d1", sentence=f"第{i}句。", offset=i)
    graph.add_relation("LOCATED_IN", a, b, doc="d1", sentence="第5句。", offset=5)  # known
    evidence = graph.nx.edges[a, b, "LOCATED_IN"]["evidence"]
    assert [e["offset"] for e in evidence] == list(range(2000))
    assert len(calls) < 2000 * 30  # before: every add sorted all: ~2 million calls


# -- 6. non-finite figures --------------------------------------------------------


def test_an_overlong_number_is_no_figure_and_the_export_is_json(tmp_path, db):
    docs = tmp_path / "docs"
    write_good(docs)
    (docs / "long.txt").write_text(
        "闵行区总工会累计培训职工" + "9" * 400 + "人次。", encoding="utf-8"
    )
    (docs / "fine.txt").write_text("闵行区总工会累计培训职工3.5万人次。", encoding="utf-8")
    report = policygraph.load([docs], db=db)
    assert len(report.loaded) == 4 and not report.skipped
    out = policygraph.export(tmp_path / "out.json", db=db)
    metrics = [n for n in strict_json(out)["nodes"] if n["labels"][0] == "Metric"]
    assert [m["value"] for m in metrics] == [35000]
    assert not any("inf" in m["name"] for m in metrics)


def test_an_old_store_holding_infinity_still_exports_json(tmp_path, db):
    store = policygraph.open_store(db)
    with store.transaction() as graph:
        graph.add_document("d1", title="旧")
        graph.add_mention("Metric", "培训 inf 人次", "d1", properties={"value": float("inf")})
    out = policygraph.export(tmp_path / "out.json", db=db)
    metric = next(n for n in strict_json(out)["nodes"] if n["labels"][0] == "Metric")
    assert metric["value"] is None


# -- 7. control characters ------------------------------------------------------


def test_control_characters_never_reach_names_and_every_export_parses(cli, tmp_path, db):
    docs = tmp_path / "docs"
    write_good(docs)
    body = "闵行区总工会\x01开展\x1b培训。" + "职工参加培训，效果良好。" * 40
    (docs / "ctrl.txt").write_text("标题\x02一\n\n" + body, encoding="utf-8")
    result = cli("load", docs, "--db", db)
    assert ": 3 loaded into" in result.output, result.output
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"out.{fmt}"
        result = cli("export", "--format", fmt, "-o", out, "--db", db)
        assert result.exit_code == 0, result.output
        root = ET.parse(out).getroot()
        assert "闵行区总工会" in ET.tostring(root, encoding="unicode")
    titles = {d["name"] for d in policygraph.stats(db)["document_list"]}
    assert "标题一" in titles


def test_an_old_store_holding_control_characters_still_exports_xml(tmp_path, db):
    store = policygraph.open_store(db)
    with store.transaction() as graph:
        graph.add_document("d1", title="旧\x01标题")
        graph.add_mention("Organization", "闵行区\x0b总工会", "d1")
    for fmt in ("graphml", "gexf"):
        out = policygraph.export(tmp_path / f"out.{fmt}", fmt, db=db)
        assert "旧标题" in ET.tostring(ET.parse(out).getroot(), encoding="unicode")


# -- 5. a zip-bomb .docx --------------------------------------------------------


def docx_with_part(path: Path, part_bytes: int) -> None:
    """A real .docx with one more part that expands to ``part_bytes`` zero bytes."""
    import docx

    document = docx.Document()
    document.add_paragraph("闵行区总工会开展职工培训。")
    document.save(path)
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/bomb.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(part_bytes >> 20):
            part.write(bytes(1 << 20))


def test_a_zip_bomb_docx_is_skipped_before_it_expands(tmp_path, db):
    docs = tmp_path / "docs"
    write_good(docs)
    docx_with_part(docs / "bomb.docx", formats.MAX_DOCX_PART_BYTES + (16 << 20))
    assert (docs / "bomb.docx").stat().st_size < 2_000_000
    tracemalloc.start()
    try:
        report = policygraph.load([docs], db=db)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(report.loaded) == 2
    [(file, reason)] = report.skipped
    assert file.endswith("bomb.docx") and "word/media/bomb.bin expands to 144 MiB" in reason
    assert peak < 64 << 20  # before: the part was read whole (144 MiB, 1 GiB in the issue)


def test_a_docx_within_the_limits_is_read(tmp_path, db):
    docs = tmp_path / "docs"
    docs.mkdir()
    docx_with_part(docs / "fine.docx", 1 << 20)
    report = policygraph.load([docs], db=db)
    assert len(report.loaded) == 1 and not report.skipped


# -- 8. the HTML reader's dependencies --------------------------------------------


def test_the_html_reader_needs_only_what_pyproject_declares(tmp_path):
    import tomllib

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    declared = {re.split(r"[<>=\[ ]", d)[0].lower() for d in project["project"]["dependencies"]}
    assert {"trafilatura", "lxml_html_clean"} <= declared
    page = tmp_path / "page.html"
    body = "".join(f"<p>{s}</p>" for s in ["闵行区总工会开展职工培训，共培训职工三千人次。"] * 5)
    page.write_text(
        f"<html><head><title>培训通知</title></head><body><nav>首页</nav>{body}</body></html>",
        encoding="utf-8",
    )
    [article] = read_file(page)
    assert "闵行区总工会开展职工培训" in article.text and "首页" not in article.text


# -- 11. encoding guessed from the first MiB ---------------------------------------


def test_a_large_file_whose_head_is_ascii_is_decoded_by_what_follows(tmp_path, monkeypatch):
    # a small stand-in for a 9 MB file whose first MiB is ASCII: the same code path
    monkeypatch.setattr(read, "STREAM_ABOVE_BYTES", 100_000)
    monkeypatch.setattr(formats, "STREAM_CHUNK_BYTES", 16_384)
    path = tmp_path / "gb.txt"
    head = b"Preamble in plain ASCII, as many exported files have.\n" * 800  # 43 KB
    body = "江汉区总工会开展劳动竞赛，职工踊跃参加。\n\n".encode("gb18030") * 3000
    path.write_bytes(head + body)
    assert path.stat().st_size > read.STREAM_ABOVE_BYTES
    articles = read_file(path)
    assert "江汉区总工会开展劳动竞赛" in articles[-1].text
    broken = tmp_path / "broken.txt"  # a real error further on is still refused
    broken.write_bytes(head + "江汉区".encode() * 20_000 + "总工会".encode("gb18030"))
    with pytest.raises(ReadError, match="broken.txt: cannot decode bytes near offset"):
        read_file(broken)
