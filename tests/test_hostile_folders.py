"""Generated hostile folders (issue 16): whatever a folder holds, every good file loads,
every bad one is one ``Skipped:`` line, and every export parses with a standard parser.

Good files: Chinese text in UTF-8, GB18030, Big5 or UTF-16, under odd names (markup,
spaces, emoji, bytes that are not UTF-8, control characters), with control
characters in the text (below the reader's 1% allowance) and long digit runs.
Bad files: empty, binary, a broken PDF or .docx, an unsupported type.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

STEMS = [
    "通知",
    "[bold red]x",
    "[x] [\\x]",
    "a b  c",
    "-dash",
    "$x$",
    ":smile:",
    "😀表情",
    "back\\slash",
    "ctrl\x1b[31m",
    "tab\there",
]
BYTE_STEMS = ["关于".encode("gbk"), b"\xff\xfe-latin1-\xe9"]
BODY = (
    "{org}开展职工技能培训，累计培训职工{n}人次。"
    "培训内容包括安全生产、技能提升和劳动保护。"
    "参加培训的职工普遍反映收获很大，希望今后多组织类似的活动。"
)
ORGS = ["闵行区总工会", "江汉区总工会", "连云港市总工会", "邹平市总工会"]
# (encoding, text transform): Big5 holds traditional characters only
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "big5"]
BAD = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "broken.pdf": b"%PDF-1.4 not really",
    "broken.docx": b"PK\x03\x04 not a zip",
    "picture.png": b"\x89PNG\r\n",
}

good_file = st.fixed_dictionaries(
    {
        "stem": st.one_of(st.sampled_from(STEMS), st.sampled_from(BYTE_STEMS)),
        "encoding": st.sampled_from(ENCODINGS),
        "org": st.sampled_from(ORGS),
        "controls": st.integers(0, 2),
        "digits": st.sampled_from([0, 40, 3000]),
        "suffix": st.sampled_from([".txt", ".md"]),
    }
)


def write_good(folder: Path, index: int, spec: dict) -> None:
    """One good file: distinct text (its index), in its encoding, under its odd name."""
    text = f"第{index}号通知\n\n" + BODY.format(org=spec["org"], n=1000 + index) * 3
    if spec["digits"]:
        text += f"编号{'7' * spec['digits']}。"
    for k in range(spec["controls"]):
        at = 20 + 40 * k
        text = text[:at] + "\x01\x1b"[k] + text[at:]
    if spec["encoding"] == "big5":
        from opencc import OpenCC

        text = OpenCC("s2t").convert(text)
    stem = spec["stem"]
    name = (stem if isinstance(stem, bytes) else os.fsencode(stem)) + f"-{index}".encode()
    with open(os.path.join(os.fsencode(folder), name + spec["suffix"].encode()), "wb") as out:
        out.write(text.encode(spec["encoding"]))


def not_json(constant: str):
    """Standard JSON has no NaN or Infinity."""
    raise ValueError(f"{constant} in the export")


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    goods=st.lists(good_file, min_size=1, max_size=5),
    bads=st.lists(st.sampled_from(sorted(BAD)), unique=True, max_size=3),
)
def test_a_hostile_folder_loads_its_good_files_and_says_why_for_the_rest(
    cli, tmp_path_factory, goods, bads
):
    root = tmp_path_factory.mktemp("hostile")
    docs, db = root / "docs", root / "db"
    docs.mkdir()
    for index, spec in enumerate(goods):
        write_good(docs, index, spec)
    for name in bads:
        (docs / name).write_bytes(BAD[name])

    result = cli("load", docs, "--db", db)
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("Skipped:")]
    assert len(skipped) == len(bads), result.output
    for name in bads:
        assert sum(name in line for line in skipped) == 1, result.output
    assert f": {len(goods)} loaded into" in result.output, result.output

    node_link = root / "out.json"
    assert cli("export", "-o", node_link, "--db", db).exit_code == 0
    data = json.loads(node_link.read_text(encoding="utf-8"), parse_constant=not_json)
    assert {n["name"] for n in data["nodes"]} >= {spec["org"] for spec in goods}
    for fmt in ("graphml", "gexf"):
        out = root / f"out.{fmt}"
        result = cli("export", "--format", fmt, "-o", out, "--db", db)
        assert result.exit_code == 0, result.output
        ET.parse(out)
