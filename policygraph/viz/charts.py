"""Plain charts of the graph as PNG (matplotlib, Agg backend, a CJK font if there is one).

Each chart function takes a :class:`Graph` and returns PNG bytes; :func:`chart_data`
holds the numbers they draw, so that a report can show them as tables too.

>>> from policygraph.graph.model import Graph
>>> g = Graph()
>>> _ = g.add_document("d1", title="t", date="2024-10-22")
>>> _ = g.add_mention("Organization", "闵行区总工会", "d1", kind="union")
>>> chart_data(g)["documents_per_year"]
[('2024', 1)]
"""

from __future__ import annotations

import base64
import io
import warnings
from collections import Counter
from functools import cache
from pathlib import Path

from policygraph.atomic import write_atomic
from policygraph.graph.model import DOCUMENT, Graph
from policygraph.viz.layout import degrees

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
)
CJK_FILES = ("NotoSansCJK", "SourceHanSans", "wqy-zenhei", "wqy-microhei")
TOP = 15


@cache
def cjk_font() -> str | None:
    """The first CJK font matplotlib finds on this machine (None, with a warning, if none)."""
    from matplotlib import font_manager

    for attempt in range(2):
        names = {f.name for f in font_manager.fontManager.ttflist}
        for name in CJK_FONTS:
            if name in names:
                return name
        if attempt == 0:
            # matplotlib's font list is cached: a font installed since is not in it yet
            for path in font_manager.findSystemFonts():
                if any(key in Path(path).name for key in CJK_FILES):
                    try:
                        font_manager.fontManager.addfont(path)
                    except (OSError, RuntimeError, ValueError):
                        continue
    warnings.warn(
        "no CJK font found (install fonts-noto-cjk): Chinese text in charts shows as boxes",
        stacklevel=2,
    )
    return None


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


def bar_chart(title: str, rows: list[tuple[str, int]], *, horizontal: bool = True) -> bytes:
    """One bar chart as PNG bytes; an empty chart says "no data"."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    font = cjk_font()
    rc = {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"]}
    with matplotlib.rc_context(rc):
        height = 1.2 + 0.32 * max(len(rows), 3) if horizontal else 3.6
        fig = Figure(figsize=(7.5, height), dpi=100)
        ax = fig.add_subplot()
        # a $ in a name would start matplotlib math text (and fail on $…$): shown as written
        labels = [str(label).replace("$", r"\$") for label, _ in rows]
        values = [value for _, value in rows]
        if not rows:
            ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
        elif horizontal:
            ax.barh(labels[::-1], values[::-1], color="#4e79a7")
            for y, value in enumerate(values[::-1]):
                ax.text(value, y, f" {value}", va="center", fontsize=8)
        else:
            ax.bar(labels, values, color="#4e79a7")
            for x, value in enumerate(values):
                ax.text(x, value, str(value), ha="center", va="bottom", fontsize=8)
        ax.set_title(title, fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def charts(graph: Graph) -> dict[str, bytes]:
    """Every chart of the graph as PNG bytes, keyed as :func:`chart_data`."""
    data = chart_data(graph)
    return {
        key: bar_chart(CHART_TITLES[key], rows, horizontal=key != "documents_per_year")
        for key, rows in data.items()
    }


def write_charts(graph: Graph, folder: str | Path) -> list[Path]:
    """Write every chart as ``folder/NAME.png``; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for key, png in charts(graph).items():
        path = folder / f"{key}.png"
        write_atomic(path, png)
        paths.append(path)
    return paths


def data_uri(png: bytes) -> str:
    """A PNG as a data: URI, for a self-contained page."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
