"""The CLI end to end, through typer's CliRunner, and the same calls through the library."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx

import policygraph


def names(export_path: Path, label: str) -> set[str]:
    data = json.loads(export_path.read_text(encoding="utf-8"))
    return {n["name"] for n in data["nodes"] if n["labels"][0] == label}


def test_load_stats_export_round_trip(cli, small_corpus, db, tmp_path):
    result = cli("load", small_corpus, "--db", db)
    assert result.exit_code == 0, result.output
    assert "holding 2 article(s): 2 loaded into" in result.output

    result = cli("stats", "--db", db, "--json")
    counts = json.loads(result.stdout)
    assert counts["documents"] == 2
    assert counts["nodes"]["Organization"] >= 3
    assert counts["relationships"]["MENTIONED_IN"] > 0
    assert "document_list" not in counts  # not read: the counts alone come from the indexes
    listed = json.loads(cli("stats", "--db", db, "--json", "--documents").stdout)
    assert listed.pop("document_list") == policygraph.stats(db)["document_list"]
    assert listed == counts == policygraph.stats(db, documents=False)

    out = tmp_path / "graph.json"
    assert cli("export", "--format", "node-link", "-o", out, "--db", db).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    node = next(n for n in data["nodes"] if n["name"] == "江北区总工会")
    assert node["labels"] == ["Organization", "Union"]
    assert "区总工会" in node["aliases"]
    assert {e["type"] for e in data["edges"]} >= {"MENTIONED_IN", "LOCATED_IN", "ORGANIZES"}
    # Every relationship but MENTIONED_IN carries its evidence sentence and document.
    for edge in data["edges"]:
        if edge["type"] != "MENTIONED_IN":
            assert edge["evidence"] and all(e["doc"] and e["sentence"] for e in edge["evidence"])
    # The export is networkx's node-link format: networkx reads it back.
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.number_of_nodes() == len(data["nodes"])
    # stats counts and the export agree
    labels = {}
    for n in data["nodes"]:
        labels[n["labels"][0]] = labels.get(n["labels"][0], 0) + 1
    assert labels.pop("Document") == 2
    assert labels == counts["nodes"]


def test_reload_gives_byte_identical_export(cli, small_corpus, db, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    cli("load", small_corpus, "--db", db)
    cli("export", "-o", first, "--db", db)
    cli("load", small_corpus, "--db", db)
    cli("load", small_corpus / "jiangbei_union.txt", "--db", db)
    cli("export", "-o", second, "--db", db)
    assert first.read_bytes() == second.read_bytes()


def test_load_order_does_not_change_the_graph(small_corpus, tmp_path):
    files = sorted(small_corpus.glob("*.txt"))
    for order, db in ((files, tmp_path / "a"), (files[::-1], tmp_path / "b")):
        for f in order:
            policygraph.load([f], db)
        policygraph.export(tmp_path / f"{db.name}.json", db=db)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_unload_removes_exactly_one_documents_contribution(cli, small_corpus, tmp_path):
    both, alone = tmp_path / "both", tmp_path / "alone"
    keep, drop = small_corpus / "jiangbei_union.txt", small_corpus / "foshan_briefing.txt"
    cli("load", small_corpus, "--db", both)
    cli("load", keep, "--db", alone)
    doc_id = next(
        d["doc_id"] for d in policygraph.stats(both)["document_list"] if d["file"] == drop.name
    )

    result = cli("unload", doc_id, "--db", both)
    assert result.exit_code == 0, result.output
    assert doc_id in result.output
    cli("export", "-o", tmp_path / "both.json", "--db", both)
    cli("export", "-o", tmp_path / "alone.json", "--db", alone)
    assert (tmp_path / "both.json").read_bytes() == (tmp_path / "alone.json").read_bytes()
    assert "顺德区美嘉电器有限公司工会" not in str(names(tmp_path / "both.json", "Organization"))


def test_unload_by_file_path_and_unknown_document(cli, small_corpus, db):
    cli("load", small_corpus, "--db", db)
    result = cli("unload", small_corpus / "foshan_briefing.txt", "--db", db)
    assert result.exit_code == 0
    assert policygraph.stats(db)["documents"] == 1
    result = cli("unload", "no-such-doc", "--db", db)
    assert result.exit_code == 1
    assert "no loaded document 'no-such-doc'" in result.output
    assert "Traceback" not in result.output


def test_changed_file_replaces_its_older_version(cli, small_corpus, db):
    doc = small_corpus / "jiangbei_union.txt"
    cli("load", doc, "--db", db)
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("江北工匠", "江北名匠"), encoding="utf-8"
    )
    cli("load", doc, "--db", db)
    stats = policygraph.stats(db)
    assert stats["documents"] == 1
    program_names = {data["name"] for _, data in policygraph.open_store(db).read().nodes("Program")}
    assert "江北名匠" in program_names and "江北工匠" not in program_names


def test_bad_input_is_reported_and_the_rest_loaded(cli, small_corpus, db, tmp_path):
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "scan.txt").write_bytes(bytes(range(256)) * 8)
    (small_corpus / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    missing = tmp_path / "missing-folder"

    result = cli("load", small_corpus, missing, "--db", db)
    assert result.exit_code == 0, result.output
    assert "holding 2 article(s): 2 loaded into" in result.output
    err = result.stderr
    assert f"{small_corpus / 'empty.txt'}: empty file" in err
    assert f"{small_corpus / 'scan.txt'}: binary file" in err
    assert f"{small_corpus / 'photo.png'}: unsupported file type '.png'" in err
    assert f"{missing}: no such file or folder" in err
    assert "Traceback" not in result.output
    # each skipped file is one line naming it
    assert len([line for line in err.splitlines() if line.startswith("Skipped:")]) == 4


def test_exit_code_is_non_zero_only_when_nothing_loaded(cli, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    result = cli("load", bad, "--db", tmp_path / "db")
    assert result.exit_code == 1
    assert "0 loaded into" in result.output
    result = cli("load", tmp_path / "nope.txt", "--db", tmp_path / "db")
    assert result.exit_code == 1
    assert "nope.txt: no such file or folder" in result.stderr


def test_db_comes_from_environment(cli, small_corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYGRAPH_DB", str(tmp_path / "envdb"))
    assert cli("load", small_corpus).exit_code == 0
    assert (tmp_path / "envdb" / "graph.sqlite").exists()
    assert policygraph.stats()["documents"] == 2


def test_graphml_and_gexf_exports_are_readable(cli, small_corpus, db, tmp_path):
    cli("load", small_corpus, "--db", db)
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"graph.{fmt}"
        result = cli("export", "--format", fmt, "-o", out, "--db", db)
        assert result.exit_code == 0, result.output
        graph = reader(out)
        names_seen = {d.get("name") for _, d in graph.nodes(data=True)}
        assert "江北区总工会" in names_seen
        types = {d.get("label") for *_, d in graph.edges(data=True)}
        assert "LOCATED_IN" in types


def test_viz_writes_an_offline_map(cli, small_corpus, db, tmp_path):
    cli("load", small_corpus, "--db", db)
    out = tmp_path / "map.html"
    result = cli("viz", "-o", out, "--db", db)
    assert result.exit_code == 0, result.output
    assert str(out.resolve()) in result.output.replace("\n", "")
    html = out.read_text(encoding="utf-8")
    assert "江北区总工会" in html
    assert "new vis.Network" in html
    assert "<script src=" not in html and "<link" not in html  # nothing fetched


def test_every_command_has_help(cli):
    for command in ("load", "unload", "stats", "export", "viz", "push", "pull", "doctor", "cypher"):
        result = cli(command, "--help")
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_library_calls_match_the_cli(small_corpus, tmp_path):
    report = policygraph.load([small_corpus], tmp_path / "lib")
    assert len(report.loaded) == 2 and not report.skipped
    out = policygraph.export(tmp_path / "lib.json", db=tmp_path / "lib")
    assert "江北区总工会" in names(out, "Organization")
    info = policygraph.draw(tmp_path / "lib.html", db=tmp_path / "lib")
    assert info.nodes > 0 and info.size_bytes > 100_000


def test_seed_copy_can_be_loaded_from_a_moved_folder(seeds, tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(seeds, target)
    report = policygraph.load([target], tmp_path / "db")
    assert len({path for path, _, _ in report.loaded}) == 4
    assert len(report.loaded) >= 1 + 1 + 4 + 8  # newspaper pages give one document per article
