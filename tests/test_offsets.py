"""Evidence points at the original sentence: offsets into the file's own decoded text."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import opencc
from hypothesis import example, given, settings

import policygraph
from policygraph.loaders.formats import decode
from policygraph.loaders.offsets import _clean_char, align, original_position
from policygraph.loaders.read import read_file
from tests.test_read_fuzz import PAGE_TEXT


def points_at(original: str, offset: int, sentence: str) -> bool:
    """Whether ``original`` at ``offset`` reads as ``sentence`` (spaces and line breaks aside)."""
    window = original[offset : offset + 2 * len(sentence) + 20]
    # OpenCC converts phrases (瞭解 → 了解), not only characters, as the reader does
    window = opencc.OpenCC("t2s").convert(window)
    read = "".join(_clean_char(c) for c in window if not c.isspace())
    return read.startswith("".join(c for c in sentence if not c.isspace()))


def evidence_of(path: Path, tmp: Path) -> list[dict]:
    policygraph.load([path], tmp / "db")
    policygraph.export(tmp / "graph.json", db=tmp / "db")
    edges = json.loads((tmp / "graph.json").read_text(encoding="utf-8"))["edges"]
    return [e for edge in edges for e in edge.get("evidence", [])]


def test_every_evidence_offset_points_at_its_sentence_in_the_seeds(seeds, tmp_path):
    for seed in sorted(seeds.glob("*.txt")):
        original = seed.read_text(encoding="utf-8")
        evidence = evidence_of(seed, tmp_path / seed.stem)
        assert evidence
        for item in evidence:
            assert points_at(original, item["offset"], item["sentence"]), item


def test_offsets_point_into_the_traditional_original(seeds, tmp_path):
    seed = next(seeds.glob("004_*.txt"))
    traditional = tmp_path / "traditional.txt"
    traditional.write_text(
        opencc.OpenCC("s2t").convert(seed.read_text(encoding="utf-8")), encoding="utf-8"
    )
    original = traditional.read_text(encoding="utf-8")
    assert {a.source for a in read_file(traditional)} == {None}  # 004 has no masthead
    page = next(seeds.glob("003_*.txt"))
    traditional_page = tmp_path / "page.txt"
    traditional_page.write_text(
        opencc.OpenCC("s2t").convert(page.read_text(encoding="utf-8")), encoding="utf-8"
    )
    assert {(a.source, a.date) for a in read_file(traditional_page)} == {
        ("浙江工人日报", "2024-10-22")
    }
    for item in evidence_of(traditional, tmp_path):
        assert points_at(original, item["offset"], item["sentence"]), item


def test_offsets_survive_streaming_in_parts(seeds, tmp_path, monkeypatch):
    import policygraph.loaders.formats as formats
    import policygraph.loaders.read as read

    monkeypatch.setattr(read, "STREAM_ABOVE_BYTES", 1_000)
    monkeypatch.setattr(formats.stream_text, "__defaults__", (3_000,))
    seed = next(seeds.glob("004_*.txt"))
    original = seed.read_text(encoding="utf-8")
    for item in evidence_of(seed, tmp_path):
        assert points_at(original, item["offset"], item["sentence"]), item


def test_align_maps_a_scan_broken_name_back():
    anchors = align("中国梦·劳动美", "结合“中国梦·劳\n\n动美")
    assert [original_position(anchors, i) for i in (0, 5, 6)] == [3, 10, 11]


@settings(max_examples=200, deadline=None)
@given(text=PAGE_TEXT)
@example(
    text="# \n# 2024年5月16日 星期四"
)  # a line break with no counterpart once shifted all after it
def test_offsets_always_point_inside_the_original_text(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.txt"
        path.write_text(text, encoding="utf-8")
        try:
            articles = read_file(path)
        except policygraph.errors.ReadError:
            return
        original = decode(path.read_bytes(), path)
        for article in articles:
            anchors = list(article.anchors)
            for i, ch in enumerate(article.text):
                j = original_position(anchors, i)
                assert 0 <= j < len(original)
                if not ch.isspace() and original[j] != ch:
                    # a rewritten character: its original reads as it once cleaned
                    assert _clean_char(original[j]) == ch or ch not in original


def test_a_line_whose_page_mark_was_dropped_is_found_where_it_starts():
    """Hypothesis found it: 001(下转第4版)001001 was placed on its later 001001."""
    original = "001(下转第4版)001001"
    anchors = align("001001001", original)
    assert [original[original_position(anchors, i)] for i in range(9)] == list("001001001")
    assert original_position(anchors, 0) == 0
