"""Keeping big maps usable, and laying nodes out in Python where the browser would not cope.

vis-network's live physics takes minutes at ~1,500 nodes, so:

- above :data:`MAX_NODES` nodes a map keeps the most connected ones and says what it
  left out (:func:`limit`);
- above :data:`LAYOUT_THRESHOLD` nodes positions are computed here (networkx's
  force-directed layout, fixed seed) and the browser gets them with physics off;
- a policy's cascade is laid out top-down by administrative level, then by date
  (:func:`cascade_positions`).

>>> admin_level("闵行区"), admin_level("上海市"), admin_level("浙江省"), admin_level("中共中央")
(3, 1, 1, 0)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph

MAX_NODES = 1500
LAYOUT_THRESHOLD = 300
LEVEL_NAMES = ("全国", "省级", "市级", "县区级", "基层", "未定")
UNKNOWN_LEVEL = len(LEVEL_NAMES) - 1
NATIONAL_PREFIXES = ("中共中央", "中央", "国务院", "中华全国", "全国", "全总", "人力资源社会保障部")
MUNICIPALITIES = ("北京", "上海", "天津", "重庆")
PROVINCE_LIKE = ("长三角", "京津冀", "粤港澳")


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
    left_out = Counter(graph.node(n)["labels"][0] for n in drop)
    docs = {v for n in keep for _, v, k in graph.nx.out_edges(n, keys=True) if k == MENTIONED_IN}
    return Trimmed(Graph(graph.nx.subgraph(keep | docs).copy()), total, left_out)


def force_positions(graph: Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Fixed force-directed positions in screen pixels, for a map drawn without physics."""
    view = nx.Graph()
    view.add_nodes_from(graph.nx)
    view.add_edges_from((u, v) for u, v, k in graph.nx.edges(keys=True) if k != MENTIONED_IN)
    n = max(len(view), 1)
    iterations = 50 if n <= 2000 else 25
    pos = nx.spring_layout(view, seed=seed, iterations=iterations)
    scale = 40.0 * n**0.5  # about 40 px between neighbours whatever the size
    return {nid: (float(x) * scale, float(y) * scale) for nid, (x, y) in pos.items()}


def admin_level(name: str) -> int:
    """The administrative level a place name (or a name opening with one) sits at.

    0 national, 1 province, 2 city/prefecture, 3 county/district, 4 below; 5 unknown.
    """
    if name.startswith(NATIONAL_PREFIXES) or name in ("中国", "全国"):
        return 0
    if name.startswith(MUNICIPALITIES) and ("市" in name[:4] or len(name) <= 3):
        return 1 if not _ends_county(name) else 3
    if name.startswith(PROVINCE_LIKE) or name.endswith(("省", "自治区")):
        return 1
    if _ends_county(name):
        return 3
    if name.endswith(("市", "自治州", "州", "盟", "地区")):
        return 2
    if name.endswith(("镇", "乡", "街道", "村", "社区", "园区")):
        return 4
    return UNKNOWN_LEVEL


def _ends_county(name: str) -> bool:
    return name.endswith(("区", "县", "旗", "自治县")) and not name.endswith(("地区", "园区"))


def node_level(graph: Graph, nid: str) -> int:
    """A node's level: its place's (LOCATED_IN), else the place its name opens with."""
    data = graph.node(nid)
    label = data["labels"][0]
    if label == "Place":
        return admin_level(data["name"])
    if admin_level(data["name"]) == 0:
        return 0
    located = [
        admin_level(graph.node(v)["name"])
        for _, v, k in graph.nx.out_edges(nid, keys=True)
        if k == "LOCATED_IN"
    ]
    known = [lv for lv in located if lv != UNKNOWN_LEVEL]
    if known:
        return max(known)
    return UNKNOWN_LEVEL


def node_date(graph: Graph, nid: str) -> str:
    """The earliest date of the documents that mention a node ("" when none has one)."""
    data = graph.node(nid)
    if data["labels"][0] == DOCUMENT:
        return str(data.get("date") or "")
    dates = [
        str(graph.node(v).get("date") or "")
        for _, v, k in graph.nx.out_edges(nid, keys=True)
        if k == MENTIONED_IN and v in graph.nx
    ]
    dates = [d for d in dates if d]
    return min(dates) if dates else ""


def cascade_levels(graph: Graph) -> dict[str, int]:
    """Levels for a cascade: known places first, then a body or policy takes the level of
    the most local body it is tied to, a document that of the most local body it names."""
    level = {nid: node_level(graph, nid) for nid in graph.nx}
    for _ in range(3):  # let levels flow along ISSUED / IMPLEMENTS / MENTIONED_IN
        for nid in graph.nx:
            if level[nid] != UNKNOWN_LEVEL:
                continue
            around = [
                level[m]
                for m in nx.all_neighbors(graph.nx, nid)
                if level[m] != UNKNOWN_LEVEL and graph.node(m)["labels"][0] != "Place"
            ]
            if around:
                level[nid] = max(around)
    return level


def cascade_positions(
    graph: Graph, gap_x: int = 190, gap_y: int = 170
) -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """Top-down positions (one row per level, each row ordered by date, then name), and
    each node's level name."""
    level = cascade_levels(graph)
    rows: dict[int, list[str]] = {}
    for nid in graph.nx:
        rows.setdefault(level[nid], []).append(nid)
    pos = {}
    for row, (_lv, members) in enumerate(sorted(rows.items())):
        members.sort(key=lambda n: (node_date(graph, n) or "9999", graph.node(n)["name"]))
        width = (len(members) - 1) * gap_x
        for i, nid in enumerate(members):
            # stagger long rows so that neighbouring labels do not overlap
            pos[nid] = (i * gap_x - width / 2, row * gap_y + (i % 2) * gap_y * 0.3)
    return pos, {nid: LEVEL_NAMES[lv] for nid, lv in level.items()}
