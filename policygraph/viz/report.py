"""One self-contained report page: counts, charts, maps and tables.

Tables are plain rows (a list of dicts): :func:`policygraph.report` hands the main
query templates' answers straight to :func:`write_report` (``tables=[Table("…",
rows)]``); called without tables, :func:`builtin_tables` computes a few with networkx.

>>> from policygraph.graph.model import Graph
>>> g = Graph()
>>> _ = g.add_document("d1", title="t")
>>> _ = g.add_mention("Organization", "<b>闵行区总工会</b>", "d1", kind="union")
>>> html = render_report(g, maps=False)
>>> "&lt;b&gt;闵行区总工会" in html and "<b>闵行区总工会" not in html
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from policygraph.atomic import write_atomic
from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph
from policygraph.viz import subgraphs
from policygraph.viz.charts import CHART_TITLES, chart_data, charts
from policygraph.viz.draw import WHOLE_GRAPH
from policygraph.viz.layout import band_labels, cascade_positions, degrees
from policygraph.viz.maps import (
    MapData,
    _env,
    legend,
    page_assets,
    prepare_map,
    script_safe_json,
)

TABLE_ROWS = 30
REPORT_MAP_NODES = 800  # the report holds several maps: each stays light


@dataclass
class Table:
    """A titled table of rows; the columns are the keys of the first row."""

    title: str
    rows: list[dict]
    note: str = ""
    columns: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.columns:
            seen: dict[str, None] = {}
            for row in self.rows:
                seen.update(dict.fromkeys(row))
            self.columns = list(seen)
        self.rows = [{key: cell(value) for key, value in row.items()} for row in self.rows]


def cell(value: object) -> str | int | float:
    """A table cell: lists joined with 、, a node object by its name, other objects as JSON.

    >>> cell(["闵行区", "上海市"]), cell({"name": "闵工学堂", "labels": ["Program"]}), cell(None)
    ('闵行区、上海市', '闵工学堂', '')
    """
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return value
    if isinstance(value, list | tuple):
        return "、".join(str(cell(v)) for v in value)
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class ReportInfo:
    """What a written report holds."""

    path: Path
    maps: int
    charts: int
    tables: int
    size_bytes: int


def _documents(graph: Graph, nid: str) -> int:
    return sum(1 for _, _, k in graph.nx.out_edges(nid, keys=True) if k == MENTIONED_IN)


def builtin_tables(graph: Graph, limit: int = TABLE_ROWS) -> list[Table]:
    """The main tables, computed with networkx (stand-ins for the query templates)."""
    degree = degrees(graph)
    actors = sorted(
        (
            {
                "name": data["name"],
                "label": data["labels"][0],
                "kind": data.get("kind", ""),
                "relationships": degree[nid],
                "documents": _documents(graph, nid),
            }
            for nid, data in graph.nodes()
            if data["labels"][0] not in (DOCUMENT, "Place")
        ),
        key=lambda r: (-r["relationships"], -r["documents"], r["name"]),
    )
    policies = []
    for nid, data in sorted(graph.nodes("Policy")):
        issuers = sorted(
            graph.node(u)["name"] for u, _, k in graph.nx.in_edges(nid, keys=True) if k == "ISSUED"
        )
        implemented = sorted(
            graph.node(v)["name"]
            for _, v, k in graph.nx.out_edges(nid, keys=True)
            if k == "IMPLEMENTS"
        )
        policies.append(
            {
                "policy": data["name"],
                "issued by": "、".join(issuers),
                "implements": "、".join(implemented),
                "documents": _documents(graph, nid),
            }
        )
    programs = []
    for nid, data in sorted(graph.nodes("Program")):
        organizers = sorted(
            graph.node(u)["name"]
            for u, _, k in graph.nx.in_edges(nid, keys=True)
            if k in ("ORGANIZES", "FUNDS")
        )
        places = sorted(
            graph.node(v)["name"]
            for _, v, k in graph.nx.out_edges(nid, keys=True)
            if k == "LOCATED_IN"
        )
        programs.append(
            {
                "program": data["name"],
                "organized by": "、".join(organizers),
                "place": "、".join(places),
                "documents": _documents(graph, nid),
            }
        )
    programs.sort(key=lambda r: (not r["organized by"], -r["documents"], r["program"]))
    return [
        Table("Most connected actors", actors[:limit], f"top {limit} by relationships"),
        Table("Policies, their issuers and what they implement", policies[:limit]),
        Table("Programs, who runs them and where", programs[:limit]),
        documents_table(graph),
    ]


def documents_table(graph: Graph) -> Table:
    """The source documents: title, date, source and file, oldest first, undated last."""
    documents = [
        {
            "title": data.get("title") or data["name"],
            "date": data.get("date", ""),
            "source": data.get("source", ""),
            "file": data.get("file", ""),
        }
        for data in graph.documents()
    ]
    documents.sort(key=lambda r: (r["date"] or "9999", r["title"]))
    return Table("Source documents", documents, f"{len(documents)} documents")


def report_maps(graph: Graph, max_nodes: int = REPORT_MAP_NODES) -> list[MapData]:
    """The report's maps: the whole graph, the most connected organization's neighbourhood,
    and the largest cascade of the ten policies that most documents mention."""
    maps = [prepare_map(graph, "The whole graph", max_nodes=max_nodes, **WHOLE_GRAPH)]
    degree = degrees(graph)
    orgs = sorted(graph.nodes("Organization"), key=lambda item: (-degree[item[0]], item[0]))
    if orgs and degree[orgs[0][0]] > 0:
        name = orgs[0][1]["name"]
        maps.append(
            prepare_map(
                subgraphs.ego(graph, orgs[0][0], 2), f"{name}: 2 steps around", max_nodes=max_nodes
            )
        )
    policies = sorted(
        graph.nodes("Policy"), key=lambda item: (-_documents(graph, item[0]), item[0])
    )[:10]
    if policies:
        # of the ten policies most documents mention, the one with the largest cascade
        cascades = [(subgraphs.cascade(graph, nid), nid, data) for nid, data in policies]
        cascade, _, chosen = max(cascades, key=lambda c: (len(c[0]), c[1]))
        positions, levels = cascade_positions(cascade, graph)
        maps.append(
            prepare_map(
                cascade,
                f"Cascade of {chosen['name']}",
                documents=True,
                positions=positions,
                levels=levels,
                bands=band_labels(positions, levels),
                max_nodes=max_nodes,
            )
        )
    return maps


def render_report(
    graph: Graph,
    title: str = "policygraph report",
    *,
    tables: list[Table] | None = None,
    more_tables: list[Table] | None = None,
    maps: bool = True,
) -> str:
    """The self-contained HTML report of ``graph``; ``tables`` replace the built-in ones,
    ``more_tables`` follow them."""
    stats = graph.stats()
    drawn = report_maps(graph) if maps else []
    numbers = chart_data(graph)
    drawings = charts(graph)
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            title=title,
            generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            stats=stats,
            nodes_total=sum(stats["nodes"].values()),
            relationships_total=sum(stats["relationships"].values()),
            charts=[(CHART_TITLES[key], drawings[key], numbers[key]) for key in drawings],
            maps=[
                {
                    "title": m.title,
                    "data_json": script_safe_json(m.payload()),
                    "nodes": len(m.net.nodes),
                    "edges": len(m.net.edges),
                    "notice": m.notice,
                    "legend": legend(m),
                }
                for m in drawn
            ],
            tables=[
                *(tables if tables is not None else builtin_tables(graph)),
                *(more_tables or []),
            ],
            **(page_assets() if drawn else {}),
        )
    )


def write_report(
    graph: Graph,
    path: str | Path,
    title: str = "policygraph report",
    *,
    tables: list[Table] | None = None,
    more_tables: list[Table] | None = None,
) -> ReportInfo:
    """Write the report as UTF-8 HTML; return what it holds."""
    path = Path(path)
    html = render_report(graph, title, tables=tables, more_tables=more_tables)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, html.encode("utf-8"))
    return ReportInfo(
        path,
        maps=html.count('class="pg-map"'),
        charts=html.count('<svg class="pg-chart"'),
        tables=html.count('<table class="rows"'),
        size_bytes=path.stat().st_size,
    )
