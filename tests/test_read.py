"""Reading files: encodings, refusals with the file's name, document ids."""

from __future__ import annotations

import codecs

import pytest

from policygraph.errors import ReadError
from policygraph.loaders.read import iter_document_files, read_file

TEXT = "关于开展职工技能竞赛的通知\n\n市总工会决定在全市开展“技能强市”劳动竞赛。"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-le", "utf-16-be"],
)
def test_every_supported_encoding_gives_the_same_article(tmp_path, encoded):
    path = tmp_path / "notice.txt"
    path.write_bytes(encoded)
    [article] = read_file(path)
    [reference] = read_file(_utf8(tmp_path))
    assert article.text == reference.text
    assert article.doc_id == reference.doc_id  # content-based: encoding and name do not matter
    assert article.title == "关于开展职工技能竞赛的通知"


def _utf8(tmp_path):
    path = tmp_path / "reference.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_binary_and_empty_files_are_refused_by_name(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(ReadError, match=r"scan\.txt: binary file"):
        read_file(binary)
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(0x80, 0x100)) * 20)
    with pytest.raises(ReadError, match=r"noise\.txt: cannot decode"):
        read_file(noise)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"empty\.txt: empty file"):
        read_file(empty)


def test_folders_are_read_recursively_without_hidden_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "top.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_document_files(tmp_path)]
    assert found == ["a/b/deep.txt", "top.md"]
    with pytest.raises(ReadError, match="no such file or folder"):
        list(iter_document_files(tmp_path / "missing"))


def test_a_scan_broken_name_is_rejoined(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(
        "在思想引领上，闵行区总工会一方面结合“中国梦·劳\n\n动美·幸福颂”系列主题教育开展活动。",
        encoding="utf-8",
    )
    [article] = read_file(path)
    assert "“中国梦·劳动美·幸福颂”" in article.text


def test_normalize_changes_exactly_the_full_width_forms_of_its_table():
    """Every character of the Basic Multilingual Plane: the full-width forms in the table
    become half-width, all others (Chinese punctuation among them) stay."""
    from policygraph.loaders.text import _HALF_WIDTH, normalize

    every = "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c < 0xE000)
    assert normalize(every) == every.translate(_HALF_WIDTH)
    assert normalize("（第１期）培训，共３０人！") == "(第1期)培训，共30人！"


def test_without_controls_changes_what_its_table_says_and_nothing_else():
    from policygraph.printable import _TEXT_CONTROLS, without_controls

    every = "".join(chr(c) for c in range(0x0, 0x10000) if not 0xD800 <= c < 0xE000)
    assert without_controls(every) == every.translate(_TEXT_CONTROLS)
