"""Maps hold still: the same file draws the same picture on every opening; figures and
nodes with no relationship wait behind the legend's switches; a map saves as PNG.

Checked in headless chromium on the demo corpus's whole-graph map.
"""

from __future__ import annotations

import pytest

import policygraph
from policygraph.graph.model import DOCUMENT
from policygraph.viz.layout import degrees

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_map(demo_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.html"
    policygraph.draw(path, demo_db)
    return path


def screenshot(chromium, path) -> bytes:
    opened = chromium.open(path)
    opened.wait_ready()
    opened.page.wait_for_timeout(500)  # anything still moving would move now
    image = opened.page.screenshot(full_page=True)
    opened.page.close()
    return image


def test_two_openings_of_a_map_are_pixel_identical(chromium, demo_map):
    first, second = screenshot(chromium, demo_map), screenshot(chromium, demo_map)
    assert len(first) > 10_000  # a drawn map, not a blank page
    assert first == second


def test_figures_and_unconnected_nodes_wait_behind_the_legend(chromium, demo_db, demo_map):
    graph = policygraph.read_graph(demo_db)
    degree = degrees(graph)
    entities = [(nid, d) for nid, d in graph.nodes() if d["labels"][0] != DOCUMENT]
    hidden = [nid for nid, d in entities if d["labels"][0] == "Metric" or degree[nid] == 0]
    assert any(degree[nid] == 0 for nid, _ in entities), "the demo has unconnected names"
    assert policygraph.draw(demo_map.with_name("again.html"), demo_db).hidden == len(hidden)
    opened = chromium.open(demo_map)
    opened.wait_ready()
    page = opened.page
    assert opened.node_count() == len(entities) - len(hidden)
    assert not page.is_checked("input.pg-filter[value=Metric]")
    page.check("input.pg-isolated")
    page.check("input.pg-filter[value=Metric]")
    assert opened.node_count() == len(entities)
    page.close()


def test_a_map_saves_as_png_from_the_page(chromium, demo_map, tmp_path):
    opened = chromium.open(demo_map)
    opened.wait_ready()
    with opened.page.expect_download() as download:
        opened.page.click("button.pg-png")
    saved = tmp_path / "map.png"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"\x89PNG") and saved.stat().st_size > 10_000
    assert opened.console_errors == []
    opened.page.close()
