"""Maps and the report, opened in headless chromium: they draw, stay offline, run no text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import policygraph
from policygraph.graph.model import DOCUMENT
from policygraph.viz import subgraphs
from policygraph.viz.layout import degrees
from policygraph.viz.maps import write_map

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/ is not a package
from bench.synthetic import synthetic_graph  # noqa: E402

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def entities(graph) -> int:
    return sum(1 for _, d in graph.nodes() if d["labels"][0] != DOCUMENT)


def shown_at_first(graph) -> int:
    """The nodes a whole-graph map shows before its legend's switches: no figures, and
    none without a relationship."""
    degree = degrees(graph)
    return sum(
        1
        for nid, d in graph.nodes()
        if d["labels"][0] not in (DOCUMENT, "Metric") and degree[nid] > 0
    )


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds):
    db = tmp_path_factory.mktemp("seeds") / "db"
    policygraph.load([seeds], db)
    return db


def assert_drawn(opened, expected_nodes: int, index: int = 0) -> None:
    assert opened.node_count(index) == expected_nodes
    assert opened.canvas_colours(index) > 3, "the canvas is blank"
    assert opened.console_errors == []
    assert opened.remote_requests == []
    assert opened.dialogs == []
    # physics stabilized, then stopped (or was never on: positions came from Python)
    assert opened.page.evaluate(f"window.networks[{index}].physics.physicsEnabled") is False


def test_the_seeds_whole_map_draws_offline(chromium, seeds_db, tmp_path, cli):
    result = cli("viz", "-o", tmp_path / "map.html", "--db", seeds_db)
    assert result.exit_code == 0, result.output
    opened = chromium.open(tmp_path / "map.html")
    opened.wait_ready()
    assert_drawn(opened, shown_at_first(policygraph.open_store(seeds_db).read()))
    opened.page.close()


def test_ego_and_cascade_maps_show_what_they_chose(chromium, seeds_db, tmp_path, cli):
    graph = policygraph.open_store(seeds_db).read()
    cli(
        "viz", "-o", tmp_path / "ego.html", "--ego", "闵行区总工会", "--hops", "2", "--db", seeds_db
    )
    opened = chromium.open(tmp_path / "ego.html")
    opened.wait_ready()
    assert_drawn(opened, entities(subgraphs.ego(graph, "闵行区总工会", 2)))
    opened.page.close()

    policy = "新时期产业工人队伍建设改革方案"
    cli("viz", "-o", tmp_path / "cascade.html", "--cascade", policy, "--db", seeds_db)
    opened = chromium.open(tmp_path / "cascade.html")
    opened.wait_ready()
    assert_drawn(opened, len(subgraphs.cascade(graph, policy)))
    # top-down: the policy sits above the district bodies that carry it out
    y = opened.page.evaluate(
        "(ids) => ids.map(id => window.network.getPosition(id).y)",
        [f"Policy:{policy}", "Organization:闵行区总工会"],
    )
    assert y[0] < y[1]
    opened.page.close()


def test_search_and_label_filter(chromium, seeds_db, tmp_path):
    policygraph.draw(tmp_path / "map.html", seeds_db)
    opened = chromium.open(tmp_path / "map.html")
    opened.wait_ready()
    page = opened.page
    page.fill("input.pg-search", "闵行区总工会")
    page.press("input.pg-search", "Enter")
    selected = page.evaluate("window.network.getSelectedNodes()")
    assert "Organization:闵行区总工会" in selected
    assert all("闵行区总工会" in s for s in selected)  # names, not the tooltips' sentences
    assert page.inner_text(".pg-found") == f"{len(selected)} found"
    before = opened.node_count()
    places = page.evaluate(
        "window.network.body.data.nodes.get({filter: n => n.category === 'Place'}).length"
    )
    page.uncheck("input.pg-filter[value=Place]")
    assert opened.node_count() == before - places > 0
    page.close()


def hostile_db(tmp_path: Path) -> Path:
    """A document with the hostile strings in its title, a program, an organization's name
    and a sentence: loaded by the normal loader, then given the organization (the
    extractor keeps only Chinese characters in organization names) and its evidence."""
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(
        f"江北区总工会{SCRIPT}开展“安康杯”竞赛\n\n"
        f"本报讯 江北区总工会开展“安康杯”竞赛。江北区总工会在江北区开展“{SCRIPT}”活动。\n",
        encoding="utf-8",
    )
    db = tmp_path / "db"
    policygraph.load([corpus], db)
    with policygraph.open_store(db).transaction() as graph:
        (doc,) = [d["doc_id"] for d in graph.documents()]
        org = graph.add_mention("Organization", f"{SCRIPT}{IMG}总工会", doc, kind="union")
        union = graph.add_mention("Organization", "江北区总工会", doc, kind="union")
        graph.add_relation(
            "PARTNERS_WITH", org, union, doc=doc, sentence=f"{SCRIPT}与江北区总工会联合{IMG}。"
        )
    return db


def hover(opened, node_id: str) -> str:
    """Move the mouse onto a node; return the tooltip's text."""
    page = opened.page
    page.evaluate(f"window.network.focus({node_id!r}, {{scale: 1.5, animation: false}})")
    box = page.evaluate(
        """(id) => {
            const p = window.network.canvasToDOM(window.network.getPosition(id));
            const r = document.querySelector(".pg-canvas").getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""",
        node_id,
    )
    page.mouse.move(box[0] - 40, box[1] - 40)
    page.mouse.move(box[0], box[1], steps=4)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    return page.inner_text("div.vis-tooltip")


def test_hostile_document_text_shows_as_text_and_runs_nothing(chromium, tmp_path):
    db = hostile_db(tmp_path)
    policygraph.draw(tmp_path / "map.html", db)
    opened = chromium.open(tmp_path / "map.html")
    opened.wait_ready()
    page = opened.page
    org = f"Organization:{SCRIPT}{IMG}总工会"
    text = hover(opened, org)
    assert f"{SCRIPT}{IMG}总工会" in text  # the name, as text
    assert "hostile" in text or "江北区总工会" in text  # its document, by title
    page.mouse.move(5, 5)
    edge_text = page.evaluate(
        "window.network.policygraph.edges.get().map(e => e.title.textContent).join('\\n')"
    )
    assert f"{SCRIPT}与江北区总工会联合{IMG}" in edge_text
    assert f"Program:{SCRIPT}" in page.evaluate("window.network.body.data.nodes.getIds()")
    page.wait_for_timeout(300)
    assert opened.dialogs == []
    assert page.evaluate("document.querySelectorAll('img, .pg-tip script').length") == 0
    assert opened.console_errors == [] and opened.remote_requests == []
    page.close()

    policygraph.report(tmp_path / "report.html", db)
    opened = chromium.open(tmp_path / "report.html")
    opened.wait_ready()
    page = opened.page
    assert SCRIPT in page.inner_text("main")
    assert (
        page.evaluate("document.querySelectorAll('img:not([src^=\"data:image/png\"])').length") == 0
    )
    page.wait_for_timeout(300)
    assert opened.dialogs == [] and opened.console_errors == []
    page.close()


def test_the_report_draws_its_maps_and_charts(chromium, seeds_db, tmp_path, cli):
    result = cli("report", "-o", tmp_path / "report.html", "--db", seeds_db)
    assert result.exit_code == 0, result.output
    opened = chromium.open(tmp_path / "report.html")
    opened.wait_ready()
    graph = policygraph.open_store(seeds_db).read()
    assert_drawn(opened, shown_at_first(graph), 0)
    for index in (1, 2):
        assert opened.node_count(index) > 1
        assert opened.canvas_colours(index) > 3
    charts = opened.page.evaluate(
        "[...document.querySelectorAll('svg.pg-chart')].map(s => s.getBBox().width > 100)"
    )
    assert charts == [True] * 4
    assert opened.page.locator("table.rows").count() >= 4
    opened.page.close()


def test_a_big_graph_is_trimmed_laid_out_and_says_so(chromium, tmp_path):
    graph = synthetic_graph(60, entities_per_doc=20)  # about 300 entities
    total = entities(graph)
    info = write_map(graph, tmp_path / "big.html", max_nodes=total - 40, layout_threshold=100)
    assert info.nodes == total - 40 and info.notice.startswith(f"showing {total - 40:,} of")
    opened = chromium.open(tmp_path / "big.html")
    opened.wait_ready()
    assert_drawn(opened, total - 40)
    assert opened.page.inner_text(".pg-notice") == info.notice
    assert opened.page.evaluate("window.network.physics.physicsEnabled") is False
    opened.page.close()
