"""Exports for spreadsheets: nodes.csv and relationships.csv with a BOM, lists joined by ；,
each relationship with its evidence whole; an xlsx workbook; query CSV and tables alike.

The demo corpus's 佛山工人报 page is dated 2024年5月16日 and holds three articles.
"""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

import policygraph
from policygraph.graph.sheets import LIST_SEPARATOR


def read_csv(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode()), f"{path.name} has no BOM: Excel would garble it"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_export_writes_nodes_and_relationships_with_their_evidence(demo_db, cli, tmp_path):
    folder = tmp_path / "sheets"
    result = cli("export", "--format", "csv", "-o", folder, "--db", demo_db)
    assert result.exit_code == 0, result.output
    nodes, rels = read_csv(folder / "nodes.csv"), read_csv(folder / "relationships.csv")
    graph = policygraph.read_graph(demo_db)
    with_aliases = [(nid, d) for nid, d in graph.nodes() if len(d.get("aliases", [])) > 1]
    assert with_aliases, "the demo corpus writes some names in several ways"
    by_id = {row["id"]: row for row in nodes}
    for nid, data in with_aliases:
        assert by_id[nid]["aliases"] == LIST_SEPARATOR.join(data["aliases"])
    for row in nodes + rels:
        assert "null" not in row.values() and not any(v.startswith("[") for v in row.values())
    # every relationship's evidence is there whole, with its document's title, date and file
    keyed = {(r["type"], r["source"], r["target"]): r for r in rels}
    for source, target, rel_type, data in graph.relationships():
        if rel_type == "MENTIONED_IN":
            continue
        row = keyed[(rel_type, graph.node(source)["name"], graph.node(target)["name"])]
        assert int(row["evidence"]) == len(data["evidence"])
        assert all(e["sentence"] in row["sentences"] for e in data["evidence"])
    foshan = [r for r in rels if "foshan_newspaper_page.txt" in r["files"]]
    assert foshan and all(set(r["dates"].split(LIST_SEPARATOR)) == {"2024-05-16"} for r in foshan)
    assert any("佛山工人报" not in r["documents"] and "区总工会" in r["documents"] for r in foshan)


def test_xlsx_export_holds_the_same_two_sheets(demo_db, cli, tmp_path):
    result = cli("export", "--format", "xlsx", "-o", tmp_path / "graph.xlsx", "--db", demo_db)
    assert result.exit_code == 0, result.output
    cli("export", "--format", "csv", "-o", tmp_path / "csv", "--db", demo_db)
    book = load_workbook(tmp_path / "graph.xlsx", read_only=True)
    assert book.sheetnames == ["nodes", "relationships"]
    sheet_rows = list(book["relationships"].values)
    from_csv = read_csv(tmp_path / "csv" / "relationships.csv")
    assert [str(c) for c in sheet_rows[0]] == list(from_csv[0])
    assert len(sheet_rows) - 1 == len(from_csv)
    assert [("" if c is None else str(c)) for c in sheet_rows[1]] == list(from_csv[0].values())


def test_query_csv_and_table_follow_the_same_rules_and_never_cut_evidence(demo_db, cli):
    params = ("--param", "source=江汉区总工会", "--param", "target=江汉区", "--db", demo_db)
    rows = json.loads(cli("query", "shortest_path", *params, "--format", "json").stdout)
    sentences = [e["sentence"] for row in rows for e in row["evidence"]]
    longest = max(sentences, key=len)
    assert len(longest) > 40  # wider than a terminal column
    as_csv = cli("query", "shortest_path", *params, "--format", "csv").stdout
    assert as_csv.startswith("\ufeff") and "null" not in as_csv and '"[{' not in as_csv
    assert longest in as_csv
    table = cli("query", "shortest_path", *params).stdout
    assert "…" not in table
    squeezed = "".join(ch for ch in table if ch not in "│ \n")
    assert "".join(longest.split()) in squeezed
