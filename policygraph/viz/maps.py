"""Interactive HTML network maps (pyvis's network model, an offline template).

pyvis builds the nodes, edges and options; the page is rendered from our own
template because pyvis's own pulls Bootstrap from a CDN even in its inline
mode. vis-network's script and style come from the pyvis package and are
inlined, so a map opens with no network at all.

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
import yaml
from pyvis.network import Network

from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph

VIS_DIR = "lib/vis-9.1.2"
EVIDENCE_IN_TOOLTIP = 3


@dataclass(frozen=True)
class MapInfo:
    """What a written map holds."""

    path: Path
    nodes: int
    edges: int
    size_bytes: int


@cache
def _styles() -> dict:
    text = resources.files(__package__).joinpath("styles.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _vis_asset(name: str) -> str:
    return resources.files("pyvis").joinpath("templates", VIS_DIR, name).read_text(encoding="utf-8")


def node_tooltip(data: dict) -> str:
    """Plain-text tooltip: name, labels, aliases."""
    lines = [data["name"], " · ".join(data["labels"])]
    if data.get("aliases"):
        lines.append("别名: " + "、".join(data["aliases"]))
    return "\n".join(lines)


def edge_tooltip(rel_type: str, data: dict) -> str:
    """Plain-text tooltip: type, title, and the first evidence sentences with their documents."""
    lines = [rel_type + (f" ({data['title']})" if data.get("title") else "")]
    evidence = data.get("evidence", [])
    for item in evidence[:EVIDENCE_IN_TOOLTIP]:
        lines.append(f"[{item['doc']}] {item['sentence']}")
    if len(evidence) > EVIDENCE_IN_TOOLTIP:
        lines.append(f"… {len(evidence) - EVIDENCE_IN_TOOLTIP} more")
    return "\n".join(lines)


def build_network(graph: Graph, *, documents: bool = False) -> Network:
    """The pyvis network of ``graph``: colour and shape by label, size by degree."""
    styles = _styles()
    net = Network(directed=True, cdn_resources="in_line")
    shown = {
        nid: data
        for nid, data in sorted(graph.nodes())
        if documents or data["labels"][0] != DOCUMENT
    }
    for nid, data in shown.items():
        style = styles["labels"][data["labels"][0]]
        degree = sum(1 for _, _, k in graph.nx.edges(nid, keys=True) if k != MENTIONED_IN)
        net.add_node(
            nid,
            label=data["name"],
            title=node_tooltip(data),
            color=style["color"],
            shape=style["shape"],
            size=10 + 3 * min(degree, 10),
            # Not vis-network's `group`: that would repaint nodes in its own palette.
            category=data["labels"][0],
        )
    for source, target, rel_type, data in sorted(graph.relationships(), key=lambda e: e[:3]):
        if source in shown and target in shown and (documents or rel_type != MENTIONED_IN):
            net.add_edge(
                source,
                target,
                label=rel_type,
                title=edge_tooltip(rel_type, data),
                dashes=rel_type in styles["dashed"],
                arrows="to",
            )
    net.set_options(
        json.dumps(
            {
                "physics": {"stabilization": {"iterations": 300}, "solver": "forceAtlas2Based"},
                "interaction": {"hover": True, "tooltipDelay": 150},
                "edges": {"font": {"size": 9}, "smooth": False},
                "nodes": {"font": {"size": 14}},
            }
        )
    )
    return net


def _script_safe_json(value: object) -> str:
    """JSON that cannot close the <script> block it sits in."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_map(graph: Graph, title: str = "policygraph", *, documents: bool = False) -> str:
    """The complete, self-contained HTML page of a map."""
    return render_network(build_network(graph, documents=documents), title)


def render_network(net: Network, title: str) -> str:
    """The self-contained HTML page that draws ``net``."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("policygraph.viz", "templates"), autoescape=True
    )
    legend = sorted({n["category"] for n in net.nodes})
    return env.get_template("map.html.j2").render(
        title=title,
        vis_js=_vis_asset("vis-network.min.js").replace("</script", "<\\/script"),
        vis_css=_vis_asset("vis-network.css"),
        data_json=_script_safe_json(
            {"nodes": net.nodes, "edges": net.edges, "options": net.options}
        ),
        node_count=len(net.nodes),
        edge_count=len(net.edges),
        legend=[(label, _styles()["labels"][label]) for label in legend],
    )


def write_map(graph: Graph, path: str | Path, title: str = "policygraph") -> MapInfo:
    """Write the map of ``graph`` to ``path`` as UTF-8 HTML; return what it holds."""
    path = Path(path)
    net = build_network(graph)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_network(net, title), encoding="utf-8")
    return MapInfo(path, len(net.nodes), len(net.edges), path.stat().st_size)
