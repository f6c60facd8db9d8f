"""Curation: corrections in YAML, applied on every read, surviving re-loads and unloads."""

from __future__ import annotations

import itertools
import json
import textwrap
from pathlib import Path

import pytest

import policygraph
from policygraph.errors import CurationError
from policygraph.graph.curation import load_curation, parse_curation
from policygraph.graph.export import to_node_link_json

# The same union under two spellings, two cities' 市总工会, a person, a policy.
DOCS = {
    "a.txt": "闵行区总工会开展职工培训\n\n"
    "闵行区总工会建立“闵工学堂”，为产业工人提供技能培训。"
    "闵行区总工会与区人社局联合开展“闵行工匠”培育行动。\n",
    "b.txt": "闵行区职工总工会举办劳动竞赛\n\n"
    "闵行区职工总工会举办“闵行杯”劳动竞赛。"
    "连云港市总工会和昆明市总工会派员参加“闵行杯”劳动竞赛。\n",
    "c.txt": "昆明市总工会推进产改\n\n"
    "昆明市总工会印发《昆明市产业工人队伍建设改革实施方案》。市委书记刘洪出席。\n",
}

CURATION = """\
# corrections from the 2024 review
- merge:
    label: Organization
    into: 闵行区总工会
    names: [闵行区职工总工会]
    note: 闵行区总工会官网
- rename: {label: Program, from: 闵工学堂, to: 闵行职工学堂, note: 正式名称}
- kind: {name: 闵行区人社局, kind: other}
- drop: {label: Person, name: 刘洪, note: 同名误识}
- add_relation:
    type: PARTNERS_WITH
    source: {label: Organization, name: 连云港市总工会}
    target: {label: Organization, name: 闵行区总工会}
    note: 2024年结对协议
- drop_relation:
    type: PARTNERS_WITH
    source: {label: Organization, name: 连云港市总工会}
    target: {label: Organization, name: 昆明市总工会}
- drop: {label: Organization, name: 不存在的机构}
"""


def write_corpus(folder: Path, docs: dict[str, str] = DOCS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def curation(tmp_path: Path) -> Path:
    path = tmp_path / "curation.yaml"
    path.write_text(CURATION, encoding="utf-8")
    return path


def exported(db: Path) -> dict:
    out = db.parent / f"{db.name}-export.json"
    policygraph.export(out, db=db)
    return json.loads(out.read_text(encoding="utf-8"))


def nodes(data: dict) -> dict[str, dict]:
    return {n["id"]: n for n in data["nodes"]}


def edges(data: dict) -> dict[tuple[str, str, str], dict]:
    return {(e["source"], e["key"], e["target"]): e for e in data["edges"]}


def test_every_correction_round_trips_through_load_and_export(corpus, curation, db):
    report = policygraph.load([corpus], db, curation=curation)
    assert len(report.curation.applied) == 6
    assert report.curation.skipped == [
        f"{curation}:19: drop: Organization:不存在的机构 is not in the graph"
    ]
    data = exported(db)
    ns, es = nodes(data), edges(data)
    # merge: the other spelling is an alias; its relationships and documents moved
    union = ns["Organization:闵行区总工会"]
    assert "Organization:闵行区职工总工会" not in ns
    assert "闵行区职工总工会" in union["aliases"]
    assert union["curation"] == ["merge: 闵行区总工会官网"]
    assert ("Organization:闵行区总工会", "ORGANIZES", "Program:闵行杯") in es
    mentioned = [k for k in es if k[0] == "Organization:闵行区总工会" and k[1] == "MENTIONED_IN"]
    assert len(mentioned) == 2
    # evidence lists combined: LOCATED_IN 闵行区 now cites both spellings' documents
    located = es[("Organization:闵行区总工会", "LOCATED_IN", "Place:闵行区")]
    assert len({e["doc"] for e in located["evidence"]}) == 2
    # rename: new id, old name an alias, relationships kept
    school = ns["Program:闵行职工学堂"]
    assert "Program:闵工学堂" not in ns and school["aliases"] == ["闵工学堂"]
    assert school["curation"] == ["rename: 正式名称"]
    # kind: the property and the second label
    bureau = ns["Organization:闵行区人社局"]
    assert bureau["kind"] == "other" and bureau["labels"] == ["Organization", "Other"]
    # drop: the node and its relationships
    assert "Person:刘洪" not in ns
    assert not [k for k in es if "Person:刘洪" in k]
    # add_relation: evidence from the curation, with its note
    added = es[("Organization:连云港市总工会", "PARTNERS_WITH", "Organization:闵行区总工会")]
    assert added["evidence"] == [{"doc": "curation", "sentence": "2024年结对协议"}]
    assert added["curation"] == ["add_relation: 2024年结对协议"]
    # drop_relation
    assert ("Organization:昆明市总工会", "PARTNERS_WITH", "Organization:连云港市总工会") not in es


def test_the_store_keeps_the_raw_graph_so_unload_stays_exact(tmp_path, corpus, curation, db):
    policygraph.load([corpus], db, curation=curation)
    policygraph.unload(str(corpus / "b.txt"), db)
    # the same as never having loaded b.txt, curated alike
    other = tmp_path / "other"
    (corpus / "b.txt").rename(tmp_path / "b.txt")
    policygraph.load([corpus], other, curation=curation)
    raw = [to_node_link_json(policygraph.open_store(d).read_raw()) for d in (db, other)]
    assert raw[0] == raw[1]
    assert exported(db) == exported(other)
    assert (
        policygraph.open_store(db).read_raw().stats()
        == policygraph.open_store(other).read_raw().stats()
    )


def test_reloading_a_changed_document_keeps_the_corrections(corpus, curation, db):
    policygraph.load([corpus], db, curation=curation)
    (corpus / "b.txt").write_text(
        DOCS["b.txt"] + "闵行区职工总工会还开展“职工之家”建设。\n", encoding="utf-8"
    )
    report = policygraph.load([corpus], db)  # the store's curation.yaml applies by default
    assert report.replaced
    ns = nodes(exported(db))
    assert "Organization:闵行区职工总工会" not in ns
    assert "闵行区职工总工会" in ns["Organization:闵行区总工会"]["aliases"]
    assert "Program:闵行职工学堂" in ns and "Person:刘洪" not in ns


def test_same_curation_same_bytes_whatever_the_load_order(tmp_path, corpus, curation):
    once, twice, reverse = tmp_path / "once", tmp_path / "twice", tmp_path / "reverse"
    policygraph.load([corpus], once, curation=curation)
    policygraph.load([corpus], twice, curation=curation)
    policygraph.load([corpus], twice, curation=curation)
    for name in sorted(DOCS, reverse=True):
        policygraph.load([corpus / name], reverse, curation=curation)
    exports = []
    for db in (once, twice, reverse):
        policygraph.export(tmp_path / f"{db.name}.json", db=db)
        exports.append((tmp_path / f"{db.name}.json").read_bytes())
    assert exports[0] == exports[1] == exports[2]


def test_every_order_and_an_unload_in_between_give_the_same_bytes(tmp_path, corpus, curation):
    exports = set()
    for i, order in enumerate(itertools.permutations(sorted(DOCS))):
        db = tmp_path / f"db{i}"
        policygraph.load([corpus / order[0]], db, curation=curation)
        policygraph.unload(str(corpus / order[0]), db)  # a store that saw more than it holds
        for name in order:
            policygraph.load([corpus / name], db)
        policygraph.export(tmp_path / f"{i}.json", db=db)
        exports.add((tmp_path / f"{i}.json").read_bytes())
    assert len(exports) == 1


def test_curate_applies_a_file_to_an_existing_store(corpus, curation, db):
    policygraph.load([corpus], db)
    assert "Organization:闵行区职工总工会" in nodes(exported(db))
    report = policygraph.curate(db, curation)
    assert len(report.applied) == 6
    assert (db / "curation.yaml").read_text(encoding="utf-8") == CURATION
    assert "Organization:闵行区职工总工会" not in nodes(exported(db))
    # the raw graph is untouched
    assert "Organization:闵行区职工总工会" in dict(policygraph.open_store(db).read_raw().nodes())


def test_a_new_curation_file_keeps_the_previous_one_aside(corpus, curation, db, tmp_path):
    policygraph.curate(db, curation)
    newer = tmp_path / "newer.yaml"
    newer.write_text("- kind: {name: 昆明市总工会, kind: mass_org}\n", encoding="utf-8")
    policygraph.curate(db, newer)
    assert (db / "curation.yaml.previous").read_text(encoding="utf-8") == CURATION


def test_merge_into_a_name_not_in_the_graph_renames(corpus, db, tmp_path):
    policygraph.load([corpus], db)
    path = tmp_path / "c.yaml"
    path.write_text(
        "- merge: {label: Organization, into: 上海市闵行区总工会, "
        "names: [闵行区总工会, 闵行区职工总工会]}\n",
        encoding="utf-8",
    )
    policygraph.curate(db, path)
    ns = nodes(exported(db))
    kept = ns["Organization:上海市闵行区总工会"]
    assert kept["aliases"] == ["闵行区总工会", "闵行区职工总工会"]
    assert kept["kind"] == "union"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- kind: {name: 甲, kind: union}\n- merge: [unclosed\n", 3, "not valid YAML"),
        (
            "- kind: {name: 甲, kind: union}\n- explode: {label: Place, name: 乙}\n",
            2,
            "unknown action 'explode'",
        ),
        ("- drop:\n    label: Planet\n    name: 乙\n", 1, "unknown label 'Planet'"),
        (
            "- kind: {name: 甲, kind: union}\n\n- kind: {name: 乙, kind: guild}\n",
            3,
            "unknown kind 'guild'",
        ),
        ("- rename: {label: Place, from: 甲}\n", 1, "missing to"),
        ("- kind: {label: Place, name: 甲, kind: union}\n", 1, "only an Organization"),
        ("- drop: {label: Place, name: {a: b}}\n", 1, "drop name must be text"),
        ("- merge: {label: Place, into: 甲, names: [[乙]]}\n", 1, "merge names must be text"),
        ("\n- merge: {label: Place,\n    into: 甲\n", 4, "on line 2"),
        (
            "- add_relation: {type: ISSUED, note: x, source: {label: Place, name: 甲}, target: {label: Policy, name: 乙}}\n",
            1,
            "ISSUED cannot join Place",
        ),
        (
            "- drop_relation: {type: KNOWS, source: {label: Place, name: 甲}, target: {label: Place, name: 乙}}\n",
            1,
            "unknown relationship type",
        ),
        ("merge: {}\n", 1, "a list of entries"),
        ("- kind: {name: 甲, kind: union}\n- just a string\n", 2, "each entry is one action"),
    ],
)
def test_a_bad_curation_names_its_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CurationError) as caught:
        load_curation(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)


def test_kind_may_name_its_label():
    (c,) = parse_curation("- kind: {label: Organization, name: 甲, kind: union}\n")
    assert c.fields["label"] == "Organization"


def test_an_empty_file_is_no_corrections():
    assert parse_curation("") == [] and parse_curation("# nothing yet\n") == []


def test_the_example_file_is_valid():
    example = Path(__file__).resolve().parent.parent / "examples" / "curation.yaml"
    assert {c.action for c in load_curation(example)} == {
        "merge",
        "rename",
        "kind",
        "drop",
        "add_relation",
        "drop_relation",
    }


# -- the CLI ---------------------------------------------------------------------


def test_cli_load_with_curation_then_default_curation(cli, corpus, curation, db):
    result = cli("load", corpus, "--db", db, "--curation", curation)
    assert result.exit_code == 0, result.output
    assert "Curation: 6 correction(s) applied, 1 found nothing to change" in result.output
    assert "不存在的机构 is not in the graph" in result.output
    # a second load without --curation uses <db>/curation.yaml
    result = cli("load", corpus, "--db", db)
    assert "6 correction(s) applied" in result.output
    out = db.parent / "cli-export.json"
    assert cli("export", "-o", out, "--db", db).exit_code == 0
    assert "Organization:闵行区职工总工会" not in out.read_text(encoding="utf-8")


def test_cli_bad_curation_is_one_error_line_and_nothing_loaded(cli, corpus, db, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- merge: {label: Organization, into: 甲, names: [乙]}\n- oops: {}\n")
    result = cli("load", corpus, "--db", db, "--curation", bad)
    assert result.exit_code == 1
    assert f"Error: {bad}:2: unknown action 'oops'" in " ".join(result.output.split())
    assert not policygraph.open_store(db).exists()


def test_cli_curate_reports_each_correction(cli, corpus, curation, db):
    cli("load", corpus, "--db", db)
    result = cli("curate", curation, "--db", db)
    assert result.exit_code == 0, result.output
    assert "merge 闵行区职工总工会 into Organization:闵行区总工会" in result.output
    stats = cli("stats", "--db", db, "--json")
    assert "Person" not in json.loads(stats.output)["nodes"]  # 刘洪 was dropped


def test_a_broken_store_curation_is_an_error_on_read(cli, corpus, db):
    cli("load", corpus, "--db", db)
    (db / "curation.yaml").write_text(textwrap.dedent("- drop: {label: Place}\n"))
    result = cli("stats", "--db", db)
    assert result.exit_code == 1
    assert "curation.yaml:1: drop is missing name" in " ".join(result.output.split())


def test_the_readme_example_is_valid():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Curation", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert len(parse_curation(block, "README.md")) == 6
