"""Time: --since / --until keep what the documents of a period say; stats --documents shows
each document's date and source; the report lists its source documents.

In the demo corpus the 成都 briefing is dated 2023-11-08 and the 佛山工人报 page, with its
three articles, 2024-05-16.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

import policygraph
from policygraph.errors import PolicyGraphError


def names(rows: list[dict], key: str = "name") -> set[str]:
    return {row[key] for row in rows}


def test_since_and_until_keep_what_documents_of_the_period_say(demo_db, cli, tmp_path):
    everything = names(policygraph.query("most_connected", limit=500, db=demo_db))
    in_2023 = names(policygraph.query("most_connected", limit=500, db=demo_db, until="2023"))
    in_2024 = names(policygraph.query("most_connected", limit=500, db=demo_db, since="2024-05"))
    assert "成都市总工会" in in_2023 and "成都市总工会" not in in_2024
    assert "顺德区总工会" in in_2024 and "顺德区总工会" not in in_2023
    assert in_2023 | in_2024 < everything  # undated documents belong to no period
    graph = policygraph.read_graph(demo_db, since="2024-05-16", until="2024-05-16")
    assert {d.get("source") for d in graph.documents()} == {"佛山工人报"}
    assert len(graph.documents()) == 3

    result = cli(
        "query", "most_connected", "--until", "2023-11", "--format", "json", "--db", demo_db
    )
    assert result.exit_code == 0 and names(json.loads(result.stdout)) <= in_2023
    out = tmp_path / "sheets"
    result = cli("export", "--format", "csv", "-o", out, "--since", "2024", "--db", demo_db)
    assert result.exit_code == 0, result.output
    rels = list(csv.DictReader(io.StringIO((out / "relationships.csv").read_text("utf-8-sig"))))
    assert rels and all(set(r["dates"].split("；")) == {"2024-05-16"} for r in rels)
    result = cli("viz", "-o", tmp_path / "m.html", "--since", "2024", "--db", demo_db)
    assert result.exit_code == 0 and "顺德区总工会" in (tmp_path / "m.html").read_text("utf-8")
    assert "成都市总工会" not in (tmp_path / "m.html").read_text("utf-8")


def test_a_date_written_wrong_is_an_error_that_shows_how(demo_db, cli):
    result = cli("query", "most_connected", "--since", "2023-13", "--db", demo_db)
    assert result.exit_code == 1
    assert "--since '2023-13': write a date as 2023, 2023-06 or 2023-06-01" in result.output
    with pytest.raises(PolicyGraphError, match="comes after"):
        policygraph.read_graph(demo_db, since="2024", until="2023")
    # a period no document falls in is said, not answered with an empty graph
    result = cli("viz", "-o", "never.html", "--since", "2030", "--db", demo_db)
    assert result.exit_code == 1
    assert "no document dated from 2030; the documents are dated 2023-11-08 to 2024-05-16" in (
        result.output
    )


def test_stats_lists_each_documents_date_and_source(demo_db, cli):
    result = cli("stats", "--documents", "--db", demo_db, env={"COLUMNS": "250"})
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if "佛山工人报" in line]
    assert len(lines) == 3 and all("2024-05-16" in line for line in lines)
    assert any(
        "2023-11-08" in line and "chengdu_briefing.txt" in line
        for line in result.stdout.splitlines()
    )


def test_the_report_lists_its_source_documents(demo_db, tmp_path):
    policygraph.report(tmp_path / "r.html", demo_db, since="2024")
    html = (tmp_path / "r.html").read_text("utf-8")
    section = html[html.index("Source documents") :]
    assert section.count("佛山工人报") == 3 and "foshan_newspaper_page.txt" in section
    assert "chengdu_briefing.txt" not in section
