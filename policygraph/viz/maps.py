"""Interactive HTML network maps (pyvis's network model, an offline template).

pyvis builds the nodes, edges and options; the page is rendered from our own
template because pyvis's own pulls Bootstrap from a CDN even in its inline
mode, and switches to an innerHTML popup when a title holds "href". vis-network's
script and style come from the pyvis package and are inlined, so a map opens with
no network at all. Every piece of document text travels as JSON data in a
non-executing block and reaches the page only through ``textContent``.

>>> from policygraph.graph.model import Graph
>>> g = Graph()
>>> _ = g.add_document("d1", title="t")
>>> _ = g.add_mention("Place", "闵行区", "d1")
>>> "闵行区" in render_map(g)
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from policygraph.atomic import write_atomic
from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph
from policygraph.packaged import packaged_yaml
from policygraph.viz.layout import LAYOUT_THRESHOLD, MAX_NODES, degrees, force_positions, limit

VIS_DIR = "lib/vis-9.1.2"
EVIDENCE_IN_TOOLTIP = 3
DOCUMENTS_IN_TOOLTIP = 5
EDGE_LABELS_UP_TO = 150
LABEL_WIDTH = 16  # more edges than this: relationship types only in tooltips


@dataclass(frozen=True)
class MapInfo:
    """What a written map holds."""

    path: Path
    nodes: int
    edges: int
    size_bytes: int
    total_nodes: int = 0
    notice: str | None = None
    hidden: int = 0  # nodes that start hidden behind the legend's switches


@dataclass
class MapData:
    """A map ready to render: the pyvis network and what it says about itself."""

    title: str
    net: Network
    notice: str | None
    total_nodes: int
    bands: list[dict] | None = None  # [{"label", "y"}]: row names drawn left of the nodes
    # shown only once the legend's switch is on: these labels, and nodes with no relationship
    hidden_labels: tuple[str, ...] = ()
    hide_isolated: bool = False

    def payload(self) -> dict:
        """The JSON the page's script draws from."""
        return {
            "nodes": self.net.nodes,
            "edges": self.net.edges,
            "options": self.net.options,
            "fixed": any("x" in n for n in self.net.nodes),
            "bands": self.bands or [],
            "hidden_labels": list(self.hidden_labels),
            "hide_isolated": self.hide_isolated,
        }

    def hidden_at_first(self) -> int:
        """How many nodes start hidden behind the legend's switches."""
        return sum(
            1
            for n in self.net.nodes
            if n["category"] in self.hidden_labels or (self.hide_isolated and n.get("isolated"))
        )


@cache
def _styles() -> dict:
    return packaged_yaml(__package__, "styles.yaml")


def _vis_asset(name: str) -> str:
    return resources.files("pyvis").joinpath("templates", VIS_DIR, name).read_text(encoding="utf-8")


def _doc_title(graph: Graph, doc_nid: str) -> str:
    data = graph.node(doc_nid)
    date = f" ({data['date']})" if data.get("date") else ""
    return f"{data.get('title') or data['name']}{date}"


def short_label(name: str, width: int = LABEL_WIDTH) -> str:
    """A name cut to fit on the canvas (the tooltip has it whole).

    >>> short_label("中共中央国务院关于深化产业工人队伍建设改革的意见", 10)
    '中共中央国务院关于深…'
    """
    return name if len(name) <= width else name[:width] + "…"


def node_tooltip(
    data: dict,
    documents: list[str] = (),
    level: str | None = None,
    sentences: list[str] = (),
) -> str:
    """Plain-text tooltip: name, labels, aliases, level, evidence sentences of its
    relationships, and the documents that mention it."""
    lines = [data["name"], " · ".join(data["labels"])]
    if data.get("aliases"):
        lines.append("别名: " + "、".join(data["aliases"]))
    if level:
        lines.append("层级: " + level)
    for sentence in sentences[:EVIDENCE_IN_TOOLTIP]:
        lines.append(f"“{sentence}”")
    for title in documents[:DOCUMENTS_IN_TOOLTIP]:
        lines.append("文件: " + title)
    if len(documents) > DOCUMENTS_IN_TOOLTIP:
        lines.append(f"… {len(documents) - DOCUMENTS_IN_TOOLTIP} more documents")
    return "\n".join(lines)


def edge_tooltip(rel_type: str, data: dict, titles: dict[str, str] | None = None) -> str:
    """Plain-text tooltip: type, title, and the first evidence sentences with their documents."""
    titles = titles or {}
    lines = [rel_type + (f" ({data['title']})" if data.get("title") else "")]
    evidence = data.get("evidence", [])
    for item in evidence[:EVIDENCE_IN_TOOLTIP]:
        lines.append(f"“{item['sentence']}”")
        lines.append(f"   — {item.get('title') or titles.get(item['doc'], item['doc'])}")
    if len(evidence) > EVIDENCE_IN_TOOLTIP:
        lines.append(f"… {len(evidence) - EVIDENCE_IN_TOOLTIP} more")
    return "\n".join(lines)


def _add_node(net: Network, nid: str, **options) -> None:
    """pyvis's add_node without its linear duplicate check (ids are unique here)."""
    node = Node(nid, options.pop("shape"), label=options.pop("label"), **options).options
    net.nodes.append(node)
    net.node_ids.append(nid)
    net.node_map[nid] = node


def _add_edge(net: Network, source: str, target: str, **options) -> None:
    """pyvis's add_edge without its linear endpoint check, which makes 100k edges take
    minutes (both endpoints are shown nodes here)."""
    net.edges.append(Edge(source, target, directed=True, **options).options)


def _sentences(graph: Graph, nid: str) -> list[str]:
    """The evidence sentences of a node's relationships, first ones first, no repeats."""
    seen: dict[str, None] = {}
    for edges in (
        graph.nx.out_edges(nid, keys=True, data=True),
        graph.nx.in_edges(nid, keys=True, data=True),
    ):
        for _, _, k, data in edges:
            if k != MENTIONED_IN:
                for item in data.get("evidence", []):
                    seen.setdefault(item["sentence"], None)
                    if len(seen) > EVIDENCE_IN_TOOLTIP:
                        return list(seen)
    return list(seen)


def build_network(
    graph: Graph,
    *,
    documents: bool = False,
    positions: dict[str, tuple[float, float]] | None = None,
    levels: dict[str, str] | None = None,
) -> Network:
    """The pyvis network of ``graph``: colour and shape by label, size by degree, edge
    colour and width by relationship type; fixed ``positions`` turn physics off."""
    styles = _styles()
    net = Network(directed=True, cdn_resources="in_line")
    shown = {
        nid: data
        for nid, data in sorted(graph.nodes())
        if documents or data["labels"][0] != DOCUMENT
    }
    degree = degrees(graph)
    titles = {data["doc_id"]: _doc_title(graph, nid) for nid, data in graph.nodes(DOCUMENT)}
    for nid, data in shown.items():
        style = styles["labels"][data["labels"][0]]
        docs = sorted(
            _doc_title(graph, v)
            for _, v, k in graph.nx.out_edges(nid, keys=True)
            if k == MENTIONED_IN
        )
        extra = {"x": positions[nid][0], "y": positions[nid][1]} if positions else {}
        _add_node(
            net,
            nid,
            label=short_label(data["name"]),
            title=node_tooltip(data, docs, (levels or {}).get(nid), _sentences(graph, nid)),
            color=style["color"],
            shape=style["shape"],
            size=10 + 3 * min(degree[nid], 10),
            # Not vis-network's `group`: that would repaint nodes in its own palette.
            category=data["labels"][0],
            search=" ".join([data["name"], *data.get("aliases", [])]),
            isolated=degree[nid] == 0,
            **extra,
        )
    edges = [
        (s, t, k, d)
        for s, t, k, d in sorted(graph.relationships(), key=lambda e: e[:3])
        if s in shown and t in shown and (documents or k != MENTIONED_IN)
    ]
    for source, target, rel_type, data in edges:
        rel_style = styles["relationships"].get(rel_type, {"color": "#999999", "width": 1})
        labelled = len(edges) <= EDGE_LABELS_UP_TO and rel_type != MENTIONED_IN
        label = {"label": rel_type} if labelled else {}
        _add_edge(
            net,
            source,
            target,
            **label,
            title=edge_tooltip(rel_type, data, titles),
            dashes=rel_type in styles["dashed"],
            arrows="to",
            color=rel_style["color"],
            width=rel_style["width"],
            relType=rel_type,
        )
    net.set_options(json.dumps(_options(len(shown), fixed=positions is not None)))
    return net


def _options(nodes: int, *, fixed: bool) -> dict:
    face = _styles()["font_face"]
    options = {
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": nodes > 500},
        "edges": {"font": {"size": 9, "face": face}, "smooth": False},
        "nodes": {"font": {"size": 14, "face": face}},
        "layout": {"improvedLayout": nodes <= 100},
    }
    if fixed:
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "solver": "forceAtlas2Based",
            # more room than vis-network's defaults: Chinese labels are wide
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "springLength": 140,
                "avoidOverlap": 0.5,
            },
            "stabilization": {"iterations": 300, "updateInterval": 50},
        }
    return options


def prepare_map(
    graph: Graph,
    title: str = "policygraph",
    *,
    documents: bool = False,
    max_nodes: int = MAX_NODES,
    positions: dict[str, tuple[float, float]] | None = None,
    levels: dict[str, str] | None = None,
    layout_threshold: int = LAYOUT_THRESHOLD,
    bands: list[dict] | None = None,
    hidden_labels: tuple[str, ...] = (),
    hide_isolated: bool = False,
) -> MapData:
    """Trim a big graph (with a notice), lay it out in Python (seeded, so that every opening
    shows the same picture), build it. ``hidden_labels`` and, with ``hide_isolated``, the
    nodes with no relationship start hidden behind the legend's switches."""
    trimmed = limit(graph, max_nodes)
    shown = trimmed.graph
    if positions is None and _count_shown(shown, documents) > layout_threshold:
        if not documents:
            entities = [n for n, d in shown.nodes() if d["labels"][0] != DOCUMENT]
            positions = force_positions(Graph(shown.nx.subgraph(entities)))
        else:
            positions = force_positions(shown)
    net = build_network(shown, documents=documents, positions=positions, levels=levels)
    return MapData(title, net, trimmed.notice, trimmed.total, bands, hidden_labels, hide_isolated)


def _count_shown(graph: Graph, documents: bool) -> int:
    return sum(1 for _, d in graph.nodes() if documents or d["labels"][0] != DOCUMENT)


def script_safe_json(value: object) -> str:
    """JSON that cannot close the <script> block it sits in.

    >>> script_safe_json({"a": "</script><b>"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_script_safe_json = script_safe_json  # the old private name


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("policygraph.viz", "templates"), autoescape=True
    )


def page_assets() -> dict[str, str]:
    """vis-network's script and style and our map script, ready to inline."""
    script = resources.files(__package__).joinpath("templates", "network.js")
    return {
        "vis_js": _vis_asset("vis-network.min.js").replace("</script", "<\\/script"),
        "vis_css": _vis_asset("vis-network.css"),
        "map_js": script.read_text(encoding="utf-8").replace("</script", "<\\/script"),
    }


def legend(data: MapData) -> dict[str, list]:
    """The labels and relationship types a map shows, with their styles; which labels start
    hidden, and how many nodes have no relationship (their switch starts off when hidden)."""
    styles = _styles()
    labels = sorted({n["category"] for n in data.net.nodes})
    rels = sorted({e["relType"] for e in data.net.edges})
    return {
        "hidden": set(data.hidden_labels),
        "isolated": sum(1 for n in data.net.nodes if n.get("isolated")),
        "hide_isolated": data.hide_isolated,
        "labels": [(label, styles["labels"][label]) for label in labels],
        "relationships": [
            (
                rel,
                {
                    **styles["relationships"].get(rel, {"color": "#999999"}),
                    "dashed": rel in styles["dashed"],
                },
            )
            for rel in rels
        ],
    }


def render_data(data: MapData) -> str:
    """The self-contained HTML page that draws a prepared map."""
    return (
        _env()
        .get_template("map.html.j2")
        .render(
            title=data.title,
            data_json=script_safe_json(data.payload()),
            node_count=len(data.net.nodes),
            edge_count=len(data.net.edges),
            notice=data.notice,
            legend=legend(data),
            **page_assets(),
        )
    )


def render_map(graph: Graph, title: str = "policygraph", *, documents: bool = False) -> str:
    """The complete, self-contained HTML page of a map."""
    return render_data(prepare_map(graph, title, documents=documents))


def render_network(net: Network, title: str) -> str:
    """The self-contained HTML page that draws ``net``."""
    return render_data(MapData(title, net, None, len(net.nodes)))


def write_map(graph: Graph, path: str | Path, title: str = "policygraph", **options) -> MapInfo:
    """Write the map of ``graph`` to ``path`` as UTF-8 HTML; return what it holds.

    ``options`` go to :func:`prepare_map` (documents, max_nodes, positions, levels,
    layout_threshold, bands).
    """
    path = Path(path)
    data = prepare_map(graph, title, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, render_data(data).encode("utf-8"))
    return MapInfo(
        path,
        len(data.net.nodes),
        len(data.net.edges),
        path.stat().st_size,
        data.total_nodes,
        data.notice,
        data.hidden_at_first(),
    )
