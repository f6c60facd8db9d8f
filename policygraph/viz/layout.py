"""Keeping big maps usable, and laying nodes out in Python where the browser would not cope.

vis-network's live physics takes minutes at ~1,500 nodes, so:

- above :data:`MAX_NODES` nodes a map keeps the most connected ones and says what it
  left out (:func:`limit`);
- positions are computed here at every size (Louvain communities, each laid out by
  networkx's force-directed layout; fixed seeds) and the browser gets them with physics
  off, so that a map shows the same picture on every opening;
- a policy's cascade is laid out top-down by administrative level, then by date
  (:func:`cascade_positions`).

>>> admin_level("闵行区"), admin_level("上海市"), admin_level("浙江省"), admin_level("中共中央")
(3, 1, 1, 0)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from policygraph.graph.levels import (
    LEVELS,
    admin_level,
    first_date,
    place_levels,
    policy_level_and_date,
)
from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph

MAX_NODES = 1500
LAYOUT_THRESHOLD = 0  # nodes above which positions come from Python: all, so maps hold still
SPACING = 70.0  # about this many pixels between neighbours, whatever the size
UNKNOWN_LEVEL = LEVELS.unknown


@dataclass(frozen=True)
class Trimmed:
    """What :func:`limit` kept and left out."""

    graph: Graph
    total: int
    left_out: Counter

    @property
    def notice(self) -> str | None:
        """The line a map shows when it does not show everything."""
        if not self.left_out:
            return None
        kept = self.total - sum(self.left_out.values())
        parts = "、".join(f"{label} {n}" for label, n in self.left_out.most_common())
        return (
            f"showing {kept:,} of {self.total:,} nodes, the most connected; "
            f"left out {self.total - kept:,} ({parts})"
        )


def degrees(graph: Graph) -> dict[str, int]:
    """Relationships per node, MENTIONED_IN not counted."""
    result = dict.fromkeys(graph.nx, 0)
    for u, v, k in graph.nx.edges(keys=True):
        if k != MENTIONED_IN:
            result[u] += 1
            result[v] += 1
    return result


def limit(graph: Graph, max_nodes: int = MAX_NODES) -> Trimmed:
    """Keep the ``max_nodes`` most connected nodes (ties by id) and what joins them.

    >>> from policygraph.graph.model import Graph
    >>> limit(Graph(), 10).notice is None
    True
    """
    entities = [n for n, data in graph.nodes() if data["labels"][0] != DOCUMENT]
    total = len(entities)
    if total <= max_nodes:
        return Trimmed(graph, total, Counter())
    degree = degrees(graph)
    ranked = sorted(entities, key=lambda n: (-degree[n], n))
    keep, drop = set(ranked[:max_nodes]), ranked[max_nodes:]
    # A node kept only for ties to nodes left out would float alone: leave it out too.
    inside = degrees(Graph(graph.nx.subgraph(keep)))
    stranded = sorted(n for n in keep if inside[n] == 0 and degree[n] > 0)
    keep -= set(stranded)
    drop += stranded
    left_out = Counter(graph.node(n)["labels"][0] for n in drop)
    docs = {v for n in keep for _, v, k in graph.nx.out_edges(n, keys=True) if k == MENTIONED_IN}
    return Trimmed(Graph(graph.nx.subgraph(keep | docs).copy()), total, left_out)


def force_positions(graph: Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Fixed positions in screen pixels, for a map drawn without physics: one force layout
    per community (:func:`community_positions`), which stays in seconds where one of the
    whole would take minutes, and keeps communities apart."""
    view = nx.Graph()
    view.add_nodes_from(graph.nx)
    view.add_edges_from((u, v) for u, v, k in graph.nx.edges(keys=True) if k != MENTIONED_IN)
    return community_positions(view, seed)


def _spring(view: nx.Graph, seed: int, scale: float) -> dict[str, tuple[float, float]]:
    if len(view) == 1:
        return {n: (0.0, 0.0) for n in view}
    # networkx's layout is quadratic above 500 nodes: fewer rounds keep big ones in seconds
    iterations = 50 if len(view) <= 500 else 20
    # twice networkx's default distance between nodes: Chinese labels are wide
    k = 2 / len(view) ** 0.5
    pos = nx.spring_layout(view, seed=seed, iterations=iterations, k=k)
    return {nid: (float(x) * scale, float(y) * scale) for nid, (x, y) in pos.items()}


def community_positions(view: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions by community (Louvain, fixed seed): each one's own force layout in its own
    box, the boxes packed in rows, largest first, so that none overlaps another; nodes with
    no relationship at all share a grid below them."""
    isolated = sorted(n for n in view if view.degree(n) == 0)
    linked = view.subgraph(n for n in view if view.degree(n) > 0)
    groups = [sorted(c) for c in nx.community.louvain_communities(linked, seed=seed)]
    groups.sort(key=lambda c: (-len(c), c[0]))
    sides = [2.4 * SPACING * len(group) ** 0.5 for group in groups]
    # rows about twice as wide as the pack is tall: screens are wide
    width = max([1.6 * sum(side**2 for side in sides) ** 0.5, *sides]) if groups else 0.0
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for group, side in zip(groups, sides, strict=True):
        if x and x + side > width:  # next row
            x, y, row_height = 0.0, y + row_height, 0.0
        local = _spring(view.subgraph(group), seed, side / 2.4)
        for n, (lx, ly) in local.items():
            pos[n] = (x + side / 2 + lx, y + side / 2 + ly)
        x += side
        row_height = max(row_height, side)
    y += row_height + 2 * SPACING
    per_row = max(int(width // (4 * SPACING)), int((2 * len(isolated)) ** 0.5) + 1)
    for k, n in enumerate(isolated):  # labels are wide: twice the room across
        pos[n] = ((k % per_row) * 4 * SPACING, y + (k // per_row) * 1.5 * SPACING)
    return pos


def name_level(name: str, places: dict[str, int]) -> int:
    """The most local level of the places a name holds (闵行区总工会 → 3).

    >>> name_level("关于推进新时期闵行区产业工人队伍建设改革的实施意见", {"闵行区": 3})
    3
    """
    if admin_level(name) == 0:
        return 0
    found = [level for place, level in places.items() if place in name]
    return max(found) if found else admin_level(name)


def cascade_levels(graph: Graph, whole: Graph | None = None) -> dict[str, int]:
    """Levels for a cascade cut from ``whole`` (``graph`` itself by default).

    A policy's is the one :func:`~policygraph.graph.levels.policy_level_and_date` reads
    on ``whole`` (where its issuers' places are), so that the map and the
    ``policy_cascade`` query agree. Any other node's: by the places named or located in;
    a document takes that of the most local body it names, and what is still unknown
    that of its documents.
    """
    whole = graph if whole is None else whole
    places = place_levels(whole)
    level = {nid: name_level(graph.node(nid)["name"], places) for nid in graph.nx}
    for nid in graph.nx:
        located = [
            admin_level(graph.node(v)["name"])
            for _, v, k in graph.nx.out_edges(nid, keys=True)
            if k == "LOCATED_IN"
        ]
        if level[nid] == UNKNOWN_LEVEL and located:
            level[nid] = min(located)
    for nid, _ in graph.nodes("Policy"):
        level[nid] = LEVELS.names.index(policy_level_and_date(whole, nid, places)[0])

    def fill(kind: str, rel: str, pick, inward: bool) -> None:
        for nid, data in graph.nodes():
            if data["labels"][0] != kind or level[nid] != UNKNOWN_LEVEL:
                continue
            edges = (
                graph.nx.in_edges(nid, keys=True) if inward else graph.nx.out_edges(nid, keys=True)
            )
            around = [
                level[u if inward else v]
                for u, v, k in edges
                if k == rel and level[u if inward else v] != UNKNOWN_LEVEL
            ]
            if around:
                level[nid] = pick(around)

    fill(DOCUMENT, MENTIONED_IN, max, inward=True)
    for kind in ("Organization", "Program", "Event", "Person", "Group", "Metric"):
        fill(kind, MENTIONED_IN, max, inward=False)
    return level


def node_date(graph: Graph, nid: str) -> str:
    """A node's own date, else the earliest date of the documents that mention it ("" when
    none has one): the date the query templates give (:func:`first_date`)."""
    return str(first_date(graph, nid) or "")


def cascade_positions(
    graph: Graph,
    whole: Graph | None = None,
    gap_x: int = 200,
    gap_y: int = 110,
    per_row: int = 7,
) -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """Top-down positions (one band per level, ordered by date, then name, ``per_row`` to
    a row), and each node's level name. ``whole``: the graph the cascade was cut from
    (see :func:`cascade_levels`)."""
    level = cascade_levels(graph, whole)
    whole = graph if whole is None else whole  # dates too are read where the query reads them
    rows: dict[tuple[int, bool], list[str]] = {}
    for nid in graph.nx:  # a level's documents get a row of their own, above its bodies
        rows.setdefault((level[nid], graph.node(nid)["labels"][0] != DOCUMENT), []).append(nid)
    pos = {}
    row = 0.0
    for (_lv, _not_doc), members in sorted(rows.items()):
        members.sort(key=lambda n: (node_date(whole, n) or "9999", graph.node(n)["name"]))
        for start in range(0, len(members), per_row):
            chunk = members[start : start + per_row]
            width = (len(chunk) - 1) * gap_x
            for i, nid in enumerate(chunk):
                pos[nid] = (i * gap_x - width / 2, row * gap_y)
            row += 1
        row += 0.3  # a wider gap between bands than between rows of one band
    return pos, {nid: LEVELS.bands[lv] for nid, lv in level.items()}


def band_labels(positions: dict[str, tuple[float, float]], levels: dict[str, str]) -> list[dict]:
    """Where each level's band starts, for the map to name it: ``[{"label", "y"}]``.

    >>> band_labels({"a": (0, 0), "b": (5, 110), "c": (9, 140)}, {"a": "全国", "b": "市级", "c": "市级"})
    [{'label': '全国', 'y': 0}, {'label': '市级', 'y': 110}]
    """
    top: dict[str, float] = {}
    for nid, (_, y) in positions.items():
        label = levels[nid]
        top[label] = min(top.get(label, y), y)
    return [{"label": label, "y": y} for label, y in sorted(top.items(), key=lambda t: t[1])]
