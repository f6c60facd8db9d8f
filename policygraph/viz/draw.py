"""Choose a part of the graph, lay it out and write its map: what ``policygraph viz`` does.

>>> from policygraph.graph.model import Graph
>>> choose(Graph(), ego="x", place="y")
Traceback (most recent call last):
...
policygraph.errors.PolicyGraphError: choose one of --ego, --place, --labels, --cascade, --node, --rows
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from policygraph.errors import PolicyGraphError
from policygraph.graph.model import Graph
from policygraph.viz import subgraphs
from policygraph.viz.layout import MAX_NODES, band_labels, cascade_positions
from policygraph.viz.maps import MapInfo, write_map


def choose(
    graph: Graph,
    *,
    ego: str | None = None,
    hops: int = 1,
    place: str | None = None,
    labels: Iterable[str] | None = None,
    cascade: str | None = None,
    names: Iterable[str] | None = None,
    rows: list[dict] | None = None,
) -> tuple[Graph, dict]:
    """The part of ``graph`` to draw, and the options its map needs.

    ``names`` are node names, aliases or ids; ``rows`` a query's result (list of dicts),
    whose values that name nodes are kept (:func:`subgraphs.of_rows`).
    """
    labels = list(labels or [])
    names = list(names or [])
    chosen = [x for x in (ego, place, labels, cascade, names, rows) if x]
    if len(chosen) > 1:
        raise PolicyGraphError("choose one of --ego, --place, --labels, --cascade, --node, --rows")
    if ego:
        return subgraphs.ego(graph, ego, hops), {}
    if place:
        return subgraphs.place(graph, place), {}
    if labels:
        return subgraphs.labels(graph, labels), {}
    if names:
        return subgraphs.of_nodes(graph, names), {}
    if rows:
        return subgraphs.of_rows(graph, rows), {}
    if cascade:
        part = subgraphs.cascade(graph, cascade)
        positions, levels = cascade_positions(part, graph)
        bands = band_labels(positions, levels)
        return part, {"documents": True, "positions": positions, "levels": levels, "bands": bands}
    # The whole graph: figures and unconnected names start hidden (the legend shows them).
    return graph, WHOLE_GRAPH


# What the whole-graph map hides until the legend's switches show it.
WHOLE_GRAPH = {"hidden_labels": ("Metric",), "hide_isolated": True}


def draw_graph(
    graph: Graph,
    path: str | Path,
    title: str = "policygraph",
    *,
    max_nodes: int | None = None,
    **selection,
) -> MapInfo:
    """Write the map of the part of ``graph`` that ``selection`` (see :func:`choose`) picks."""
    if max_nodes is not None and max_nodes < 1:
        raise PolicyGraphError(f"--max-nodes {max_nodes}: a map keeps at least 1 node")
    part, options = choose(graph, **selection)
    return write_map(part, path, title, max_nodes=max_nodes or MAX_NODES, **options)
