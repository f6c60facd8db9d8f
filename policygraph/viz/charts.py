"""Plain bar charts of the graph as SVG whose text the browser draws.

The page's own fonts draw the Chinese labels, so a chart reads wherever the page does,
with no CJK font installed for Python and no glyph warnings. Each chart function takes a
:class:`Graph` and returns SVG text; :func:`chart_data` holds the numbers they draw, so
that a report can show them as tables too.

>>> from policygraph.graph.model import Graph
>>> g = Graph()
>>> _ = g.add_document("d1", title="t", date="2024-10-22")
>>> _ = g.add_mention("Organization", "闵行区总工会", "d1", kind="union")
>>> chart_data(g)["documents_per_year"]
[('2024', 1)]
>>> "<text" in bar_chart("机构", [("闵行区总工会", 3)]) and "闵行区总工会" in bar_chart("机构", [("闵行区总工会", 3)])
True
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from html import escape
from pathlib import Path

from policygraph.atomic import write_atomic
from policygraph.graph.model import DOCUMENT, Graph
from policygraph.viz.layout import degrees

TOP = 15
BAR_COLOUR = "#4e79a7"
FONT_SIZE = 12
BAR_HEIGHT = 18
BAR_GAP = 6
WIDTH = 720


def chart_data(graph: Graph, top: int = TOP) -> dict[str, list[tuple[str, int]]]:
    """The numbers behind the charts, each a list of (label, count), largest first."""
    by_label = Counter()
    for _, data in graph.nodes():
        label = data["labels"][0]
        if label == DOCUMENT:
            continue
        by_label[f"{label} · {data['kind']}" if data.get("kind") else label] += 1
    degree = degrees(graph)
    orgs = sorted(
        ((data["name"], degree[nid]) for nid, data in graph.nodes("Organization")),
        key=lambda item: (-item[1], item[0]),
    )
    programs = Counter()
    for nid, _ in graph.nodes("Program"):
        for place in _program_places(graph, nid):
            programs[graph.node(place)["name"]] += 1
    years = Counter(str(data["date"])[:4] for _, data in graph.nodes(DOCUMENT) if data.get("date"))
    undated = sum(1 for _, data in graph.nodes(DOCUMENT) if not data.get("date"))
    per_year = sorted(years.items())
    if undated:
        per_year.append(("undated", undated))
    return {
        "actors_by_label": by_label.most_common(),
        "most_connected_organizations": [o for o in orgs if o[1] > 0][:top],
        "programs_per_place": programs.most_common(top),
        "documents_per_year": per_year,
    }


def _program_places(graph: Graph, nid: str) -> set[str]:
    """Where a program runs: its own LOCATED_IN, else that of the bodies that run it."""
    own = {v for _, v, k in graph.nx.out_edges(nid, keys=True) if k == "LOCATED_IN"}
    if own:
        return own
    runners = [u for u, _, k in graph.nx.in_edges(nid, keys=True) if k in ("ORGANIZES", "FUNDS")]
    return {v for u in runners for _, v, k in graph.nx.out_edges(u, keys=True) if k == "LOCATED_IN"}


CHART_TITLES = {
    "actors_by_label": "Actors by label and kind",
    "most_connected_organizations": "Most connected organizations (relationships)",
    "programs_per_place": "Programs per place (theirs, or their organizers')",
    "documents_per_year": "Documents per year",
}


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """About how wide ``text`` is drawn: wide (CJK) characters a full em, others 0.6.

    >>> text_width("江汉区 2024", 10)
    60.0
    """
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return size * (wide + 0.6 * (len(text) - wide))


def bar_chart(title: str, rows: list[tuple[str, int]], *, horizontal: bool = True) -> str:
    """One bar chart as SVG; its labels, values and title are text the browser draws.
    An empty chart says "no data"."""
    if not rows:
        body, height = _svg_text(WIDTH / 2, 60, "no data", anchor="middle"), 90
    elif horizontal:
        body, height = _horizontal_bars(rows)
    else:
        body, height = _vertical_bars(rows)
    heading = _svg_text(WIDTH / 2, 20, title, anchor="middle", size=14, weight="bold")
    return (
        f'<svg class="pg-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}"'
        f' font-family="{escape(_font_face())}" font-size="{FONT_SIZE}">'
        f"<title>{escape(title)}</title>{heading}{body}</svg>"
    )


def _font_face() -> str:
    """The maps' font list (styles.yaml): CJK fonts first, whichever the reader has."""
    from policygraph.viz.maps import _styles

    return _styles()["font_face"]


def _svg_text(x: float, y: float, text: str, *, anchor="start", size=None, weight=None) -> str:
    extra = (f' font-size="{size}"' if size else "") + (
        f' font-weight="{weight}"' if weight else ""
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" dominant-baseline="middle"{extra}>'
        f"{escape(str(text))}</text>"
    )


def _horizontal_bars(rows: list[tuple[str, int]]) -> tuple[str, int]:
    """Labels on the left, bars to their right, each value at its bar's end."""
    left = min(max(text_width(label) for label, _ in rows) + 12, WIDTH * 0.45)
    room = WIDTH - left - 50
    top, most = 36, max(value for _, value in rows) or 1
    parts = []
    for i, (label, value) in enumerate(rows):
        y = top + i * (BAR_HEIGHT + BAR_GAP)
        width = room * value / most
        parts.append(_svg_text(left - 6, y + BAR_HEIGHT / 2, label, anchor="end"))
        parts.append(
            f'<rect x="{left:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}"'
            f' fill="{BAR_COLOUR}"/>'
        )
        parts.append(_svg_text(left + width + 4, y + BAR_HEIGHT / 2, str(value), size=11))
    return "".join(parts), top + len(rows) * (BAR_HEIGHT + BAR_GAP) + 10


def _vertical_bars(rows: list[tuple[str, int]]) -> tuple[str, int]:
    """Columns over their labels (years), each value above its column."""
    height, base, top = 300, 262, 44
    step = (WIDTH - 40) / len(rows)
    most = max(value for _, value in rows) or 1
    parts = [f'<line x1="20" y1="{base}" x2="{WIDTH - 20}" y2="{base}" stroke="#999"/>']
    for i, (label, value) in enumerate(rows):
        x = 20 + i * step + step * 0.15
        bar = (base - top) * value / most
        parts.append(
            f'<rect x="{x:.1f}" y="{base - bar:.1f}" width="{step * 0.7:.1f}" height="{bar:.1f}"'
            f' fill="{BAR_COLOUR}"/>'
        )
        centre = x + step * 0.35
        parts.append(_svg_text(centre, base - bar - 9, str(value), anchor="middle", size=11))
        parts.append(_svg_text(centre, base + 16, label, anchor="middle"))
    return "".join(parts), height


def charts(graph: Graph) -> dict[str, str]:
    """Every chart of the graph as SVG text, keyed as :func:`chart_data`."""
    data = chart_data(graph)
    return {
        key: bar_chart(CHART_TITLES[key], rows, horizontal=key != "documents_per_year")
        for key, rows in data.items()
    }


def write_charts(graph: Graph, folder: str | Path) -> list[Path]:
    """Write every chart as ``folder/NAME.svg`` (UTF-8); return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for key, svg in charts(graph).items():
        path = folder / f"{key}.svg"
        write_atomic(path, '<?xml version="1.0" encoding="UTF-8"?>\n' + svg)
        paths.append(path)
    return paths
