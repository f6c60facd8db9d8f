"""Write a :class:`~policygraph.graph.model.Graph` as node-link JSON, GraphML or GEXF.

Node-link output is canonical: nodes sorted by id, edges by (source, target,
type), keys sorted, so the same graph always gives the same bytes.

>>> from policygraph.graph.model import Graph
>>> g = Graph()
>>> _ = g.add_document("d1", title="标题")
>>> to_node_link_json(g)[:40]
'{\\n "directed": true,\\n "edges": [],\\n "gra'
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx

from policygraph.atomic import atomic_output, write_atomic
from policygraph.errors import PolicyGraphError
from policygraph.graph.model import Graph

FORMATS = ("node-link", "graphml", "gexf", "csv", "xlsx")


def canonical_nx(graph: Graph) -> nx.MultiDiGraph:
    """A copy of the graph with nodes and edges inserted in sorted order."""
    ordered = nx.MultiDiGraph()
    for nid in sorted(graph.nx.nodes):
        ordered.add_node(nid, **graph.nx.nodes[nid])
    for u, v, k in sorted(graph.nx.edges(keys=True)):
        ordered.add_edge(u, v, key=k, **graph.nx.edges[u, v, k])
    return ordered


def to_node_link(graph: Graph) -> dict[str, Any]:
    """networkx node-link data (edges under ``"edges"``), in canonical order."""
    return nx.node_link_data(canonical_nx(graph), edges="edges")


def to_node_link_json(graph: Graph) -> str:
    """The node-link data as canonical JSON text (UTF-8, Chinese kept readable).

    Standard JSON has no NaN or Infinity: a store written before figures were capped
    may hold them, and they are written as null.
    """
    data = to_node_link(graph)
    try:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False)
    except ValueError:
        text = json.dumps(_finite(data), ensure_ascii=False, sort_keys=True, indent=1)
    return text + "\n"


def _finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float, at any depth, as None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


# What XML 1.0 cannot hold: most controls, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def from_node_link(data: dict[str, Any]) -> Graph:
    """Rebuild a Graph from :func:`to_node_link` data; ValueError when a node or edge
    lacks what every reader needs (a hand-edited file)."""
    graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    for nid, node in graph.nodes(data=True):
        labels = node.get("labels")
        if not isinstance(node.get("name"), str) or not labels or not isinstance(labels, list):
            raise ValueError(f"node {nid!r} needs a name and a list of labels")
    for u, v, edge in graph.edges(data=True):
        if not isinstance(edge.get("type"), str) or not isinstance(edge.get("evidence", []), list):
            raise ValueError(f"relationship {u!r} → {v!r} needs a type and a list of evidence")
    return Graph(graph)


def _flattened(graph: Graph, fmt: str) -> nx.MultiDiGraph:
    """GraphML and GEXF hold only scalars: lists and dicts become JSON strings.

    Nodes and edges get a ``label`` (the name, the relationship type) that Gephi
    shows. GEXF reserves an edge's ``type`` for directed/undirected, so there
    the relationship type is kept as ``relationship``.
    """
    flat = canonical_nx(graph)
    # a store written before control characters were removed from text may hold them
    dirty = {n: _NOT_XML.sub("", n) for n in flat.nodes if _NOT_XML.search(n)}
    if dirty:
        flat = nx.relabel_nodes(flat, dirty)

    def scalar(value: Any) -> Any:
        if isinstance(value, list | dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        return _NOT_XML.sub("", value) if isinstance(value, str) else value

    for _, data in flat.nodes(data=True):
        data.update({k: scalar(v) for k, v in data.items()})
        data["label"] = data["name"]  # the attribute Gephi shows
    for _, _, data in flat.edges(data=True):
        data.update({k: scalar(v) for k, v in data.items()})
        data["label"] = data["type"]
        if fmt == "gexf":
            data["relationship"] = data.pop("type")
    return flat


def write_export(graph: Graph, path: str | Path, fmt: str = "node-link") -> Path:
    """Write ``graph`` to ``path`` in one of :data:`FORMATS`; return the path.

    ``csv`` writes a folder (nodes.csv, relationships.csv) and ``xlsx`` a workbook, for
    spreadsheets (:mod:`policygraph.graph.sheets`).
    """
    from policygraph.graph import sheets

    path = Path(path)
    if fmt not in FORMATS:
        raise PolicyGraphError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "csv":
        return sheets.write_csv_folder(graph, path)
    if fmt == "xlsx":
        return sheets.write_xlsx(graph, path)
    if fmt == "node-link":
        return write_atomic(path, to_node_link_json(graph))
    write = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    with atomic_output(path, binary=True) as handle:
        write(_flattened(graph, fmt), handle, encoding="utf-8")
    return path
