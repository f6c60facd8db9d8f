"""Choosing subgraphs, trimming and laying out big ones, charts and the report (no browser)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

import policygraph
from policygraph.errors import PolicyGraphError
from policygraph.graph.model import DOCUMENT, Graph
from policygraph.viz import charts, layout, subgraphs
from policygraph.viz.report import Table, render_report

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.synthetic import synthetic_graph  # noqa: E402

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def seeds_graph(seeds, tmp_path_factory) -> Graph:
    db = tmp_path_factory.mktemp("seeds") / "db"
    policygraph.load([seeds], db)
    return policygraph.open_store(db).read()


def names(graph: Graph) -> set[str]:
    return {d["name"] for _, d in graph.nodes() if d["labels"][0] != DOCUMENT}


def test_ego_grows_with_hops_and_finds_aliases(seeds_graph):
    one = subgraphs.ego(seeds_graph, "闵行区总工会", 1)
    two = subgraphs.ego(seeds_graph, "闵行区总工会", 2)
    assert "闵行区总工会" in names(one) and "闵行区" in names(one)
    assert names(one) < names(two)
    alias = next(a for a in seeds_graph.node("Organization:闵行区总工会")["aliases"])
    assert names(subgraphs.ego(seeds_graph, alias, 1)) == names(one)


def test_an_unknown_name_is_an_error_with_suggestions(seeds_graph, cli, tmp_path):
    with pytest.raises(PolicyGraphError, match="closest: .*闵行区总工会 \\(Organization\\)"):
        subgraphs.ego(seeds_graph, "闵行区总", 1)
    result = cli("viz", "--ego", "没有这个机构", "-o", tmp_path / "m.html", "--db", tmp_path)
    assert result.exit_code == 1 and "Error:" in result.output


def test_labels_place_and_named_nodes(seeds_graph):
    policies = subgraphs.labels(seeds_graph, ["Policy"])
    assert {d["labels"][0] for _, d in policies.nodes()} <= {"Policy", DOCUMENT}
    unions = subgraphs.labels(seeds_graph, ["Union"])  # a kind label works too
    assert all(d.get("kind") == "union" for _, d in unions.nodes() if d["labels"][0] != DOCUMENT)
    place = subgraphs.place(seeds_graph, "闵行区")
    assert {"闵行区", "闵行区总工会"} <= names(place)
    chosen = subgraphs.of_nodes(seeds_graph, ["闵行区总工会", "闵行区"])
    assert names(chosen) == {"闵行区总工会", "闵行区"}
    assert chosen.nx.has_edge("Organization:闵行区总工会", "Place:闵行区", "LOCATED_IN")


def test_the_cascade_runs_top_down_from_the_national_policy(seeds_graph):
    policy = "新时期产业工人队伍建设改革方案"
    part = subgraphs.cascade(seeds_graph, policy)
    assert {policy, "中央全面深化改革领导小组", "闵行区总工会"} <= names(part)
    positions, levels = layout.cascade_positions(part, seeds_graph)
    assert levels[f"Policy:{policy}"] == "全国"
    assert levels["Organization:闵行区总工会"] == "县区级"
    assert positions[f"Policy:{policy}"][1] < positions["Organization:闵行区总工会"][1]


def test_big_graphs_keep_the_most_connected_part_and_say_so():
    graph = synthetic_graph(40)
    trimmed = layout.limit(graph, 100)
    kept = [n for n, d in trimmed.graph.nodes() if d["labels"][0] != DOCUMENT]
    assert len(kept) <= 100
    assert trimmed.notice.startswith(f"showing {len(kept)} of {trimmed.total}")
    degree = layout.degrees(trimmed.graph)
    assert all(degree[n] > 0 for n in kept)  # nothing left floating alone
    positions = layout.force_positions(trimmed.graph)
    assert len({(round(x), round(y)) for x, y in positions.values()}) > len(positions) * 0.9


def test_maps_of_every_size_get_fixed_seeded_positions():
    from policygraph.viz.maps import prepare_map

    for graph in (synthetic_graph(40), synthetic_graph(2, 5)):
        data = prepare_map(graph, max_nodes=200)
        assert data.payload()["fixed"] and data.net.options["physics"] == {"enabled": False}
        again = prepare_map(graph, max_nodes=200)
        assert [(n["x"], n["y"]) for n in data.net.nodes] == [
            (n["x"], n["y"]) for n in again.net.nodes
        ]


def test_charts_are_svgs_of_the_graphs_numbers_with_their_text_as_text(seeds_graph):
    numbers = charts.chart_data(seeds_graph)
    assert dict(numbers["actors_by_label"])["Organization · union"] > 5
    assert numbers["most_connected_organizations"][0][0] == "闵行区总工会"
    assert ("2024", 5) in numbers["documents_per_year"]
    for key, svg in charts.charts(seeds_graph).items():
        # the browser draws the Chinese: no font for Python, no glyph warnings
        texts = [
            t.text for t in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")
        ]
        assert [label for label, _ in numbers[key]] == [
            t for t in texts if t in {label for label, _ in numbers[key]}
        ]
    assert "闵行区总工会" in charts.charts(seeds_graph)["most_connected_organizations"]


def test_the_report_escapes_text_and_takes_table_rows():
    g = Graph()
    g.add_document("d1", title=HOSTILE, date="2024-01-02")
    org = g.add_mention("Organization", HOSTILE + "总工会", "d1", kind="union")
    place = g.add_mention("Place", "江北区", "d1")
    g.add_relation("LOCATED_IN", org, place, doc="d1", sentence=HOSTILE)
    html = render_report(g, HOSTILE, tables=[Table("query rows", [{"name": HOSTILE, "n": 1}])])
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)" in html  # in the title, tables and chart captions
    assert html.count('<svg class="pg-chart"') == 4
    assert "query rows" in html and 'class="pg-map"' in html


def test_maps_and_reports_are_utf8_whatever_the_locale(small_corpus, tmp_path):
    db = tmp_path / "db"
    policygraph.load([small_corpus], db)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    for command, name in (("viz", "m.html"), ("report", "r.html")):
        subprocess.run(
            [sys.executable, "-m", "policygraph", command, "-o", tmp_path / name, "--db", db],
            env=env,
            check=True,
            capture_output=True,
        )
        html = (tmp_path / name).read_bytes().decode("utf-8")
        assert '<meta charset="utf-8">' in html and "江北区" in html


def test_a_query_result_becomes_a_map(seeds_graph, seeds, tmp_path):
    rows = [
        {"organization": "闵行区总工会", "places": ["闵行区"], "count": 2},
        {"organization": "not a node", "places": [], "count": 0},
    ]
    assert subgraphs.names_in_rows(seeds_graph, rows) == [
        "Organization:闵行区总工会",
        "Place:闵行区",
    ]
    with pytest.raises(PolicyGraphError, match="name no node"):
        subgraphs.of_rows(seeds_graph, [{"x": "nothing"}])
    db = tmp_path / "db"
    policygraph.load([seeds], db)
    info = policygraph.draw(tmp_path / "q.html", db, rows=rows)
    assert info.nodes == 2 and info.edges == 1


def test_viz_rows_from_a_json_file(seeds, cli, tmp_path):
    db = tmp_path / "db"
    policygraph.load([seeds], db)
    rows = tmp_path / "rows.json"
    rows.write_text(
        '[{"org": {"name": "闵行区总工会"}, "programs": ["云指导", "云宣传"], "n": 2}]',
        encoding="utf-8",
    )
    result = cli("viz", "--rows", rows, "-o", tmp_path / "m.html", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Map of 3 nodes and 2 relationships" in result.output
    rows.write_text('{"not": "rows"}', encoding="utf-8")
    result = cli("viz", "--rows", rows, "-o", tmp_path / "m.html", "--db", db)
    assert result.exit_code == 1 and "array of objects" in result.output


def test_report_tables_from_query_rows(seeds, cli, tmp_path):
    db = tmp_path / "db"
    policygraph.load([seeds], db)
    rows = tmp_path / "rows.json"
    rows.write_text(
        '[{"org": {"name": "闵行区总工会"}, "programs": ["云指导", "云宣传"]}, {"extra": 1}]',
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    args = ("--table", f"Unions and programs={rows}", "--charts", tmp_path / "charts")
    result = cli("report", "-o", out, *args, "--db", db)
    assert result.exit_code == 0, result.output
    svgs = sorted(p.name for p in (tmp_path / "charts").glob("*.svg"))
    assert svgs == sorted(f"{key}.svg" for key in charts.CHART_TITLES)
    html = out.read_text(encoding="utf-8")
    assert "<h3>Unions and programs</h3>" in html
    assert "<td>闵行区总工会</td><td>云指导、云宣传</td><td></td>" in html
    assert "<th>extra</th>" in html


def test_a_query_templates_answer_as_a_map_and_the_reports_tables(seeds, cli, tmp_path):
    db = tmp_path / "db"
    policygraph.load([seeds], db)
    out = tmp_path / "cascade.html"
    args = ("--query", "policy_cascade", "--param", "policy=新时期产业工人队伍建设改革方案")
    result = cli("viz", *args, "-o", out, "--db", db)
    assert result.exit_code == 0, result.output
    # the plan, the Minhang opinion that implements it, and the plan's issuer
    assert "Map of 3 nodes" in result.output
    html = out.read_text(encoding="utf-8")
    assert "关于推进新时期闵行区产业工人队伍建设改革的实施意见" in html
    result = cli("viz", "--query", "nope", "-o", out, "--db", db)
    assert result.exit_code == 1 and "policy_cascade" in result.output  # lists the right ones

    report = tmp_path / "r.html"
    assert cli("report", "-o", report, "--db", db).exit_code == 0
    html = report.read_text(encoding="utf-8")
    for name in ("most_connected", "issued_by_level", "people_positions", "group_targets"):
        assert f"query template {name}" in html
    assert "<td>王家全</td>" in html  # people_positions: 市总工会主席王家全
