"""Maps: offline, and document text can never run as code."""

from __future__ import annotations

import re

import policygraph
from policygraph.graph.model import Graph
from policygraph.viz.maps import render_map

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def hostile_graph() -> Graph:
    g = Graph()
    g.add_document("d1", title=HOSTILE)
    org = g.add_mention("Organization", HOSTILE + "总工会", "d1", kind="union")
    place = g.add_mention("Place", "江北区", "d1")
    g.add_relation("LOCATED_IN", org, place, doc="d1", sentence=HOSTILE + "。")
    return g


def test_document_text_is_escaped_everywhere():
    html = render_map(hostile_graph(), title=HOSTILE)
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    # The text is still there, as data for vis-network to show as plain text.
    assert "\\u003cscript\\u003ealert(1)" in html
    assert "&lt;script&gt;alert(1)" in html  # the escaped title


def test_the_map_loads_nothing_from_the_network(small_corpus, tmp_path):
    policygraph.load([small_corpus], tmp_path / "db")
    info = policygraph.draw(tmp_path / "map.html", db=tmp_path / "db")
    html = info.path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "cdnjs" not in html and "jsdelivr" not in html
    assert not re.search(r"url\(\s*['\"]?https?:", html)  # no remote fonts or images in CSS
    assert html.count('<script type="application/json" class="pg-data">') == 1
    assert info.size_bytes == len(html.encode("utf-8"))


def test_nodes_are_coloured_by_label_as_the_legend_says(small_corpus, tmp_path):
    from policygraph.viz.maps import _styles, build_network

    policygraph.load([small_corpus], tmp_path / "db")
    net = build_network(policygraph.open_store(tmp_path / "db").read())
    colours = _styles()["labels"]
    for node in net.nodes:
        assert "group" not in node  # vis-network's groups override node colours
        assert node["color"] == colours[node["category"]]["color"]


def test_our_script_never_writes_html():
    """pyvis's own template sets innerHTML from titles holding "href"; ours never does."""
    from importlib import resources

    script = resources.files("policygraph.viz").joinpath("templates", "network.js")
    text = script.read_text(encoding="utf-8")
    assert "textContent" in text
    assert not any(s in text for s in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval("))


def test_a_title_with_href_stays_plain_data(tmp_path):
    g = Graph()
    g.add_document("d1", title='<a href="javascript:alert(1)">x</a>')
    g.add_mention("Organization", "江北区总工会", "d1", kind="union")
    html = render_map(g)
    assert '<a href="javascript' not in html
    assert "\\u003ca href=" in html
