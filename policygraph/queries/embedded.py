"""The networkx twins of the query templates: the same questions on the embedded store.

Each twin is one short function registered under its template's name; it takes
the :class:`~policygraph.graph.model.Graph` and the bound parameters and returns
rows with the same keys, values and order as the Cypher template on Neo4j. The
helpers here mirror what the templates do in Cypher (names, primary labels,
places below a place, levels, dates), so the two stay side by side.

>>> from policygraph.graph.model import Graph
>>> g = Graph()
>>> _ = g.add_document("d1", title="t", date="2020-01-02")
>>> org = g.add_mention("Organization", "闵行区总工会", "d1", kind="union")
>>> place = g.add_mention("Place", "闵行区", "d1")
>>> g.add_relation("LOCATED_IN", org, place, doc="d1", sentence="s")
>>> level(g, org), first_date(g, org)
('county', '2020-01-02')
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from policygraph.graph.lazy import LazyGraph

# the templates' date: one rule with the maps' (re-exported for the twins)
from policygraph.graph.levels import first_date as first_date
from policygraph.graph.model import MENTIONED_IN, Graph

Row = dict[str, Any]
Twin = Callable[[Graph, dict[str, Any]], list[Row]]
TWINS: dict[str, Twin] = {}

ENTITY_LABELS = ("Organization", "Person", "Place", "Policy", "Program", "Event", "Group", "Metric")
NATIONAL_PREFIXES = ("中共中央", "中央", "国务院", "中华全国", "全国")
MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
LEVEL_SUFFIXES = (
    ("province", ("省", "自治区")),
    ("city", ("市", "州", "盟")),
    ("county", ("区", "县", "旗")),
    ("township", ("镇", "乡", "街道", "村")),
)
PLACE_DEPTH = 5  # PART_OF*0..5 in the templates


def twin(name: str) -> Callable[[Twin], Twin]:
    """Register a function as the twin of template ``name``."""

    def register(func: Twin) -> Twin:
        TWINS[name] = func
        return func

    return register


def label(g: Graph, nid: str) -> str:
    """The primary label of a node."""
    if isinstance(g, LazyGraph):
        return g.nx.nodes.head(nid)[0]
    return g.nx.nodes[nid]["labels"][0]


def name(g: Graph, nid: str) -> str:
    if isinstance(g, LazyGraph):
        return g.nx.nodes.head(nid)[1]
    return g.nx.nodes[nid]["name"]


def by_name(g: Graph, value: str, labels: Iterable[str] = ENTITY_LABELS) -> list[str]:
    """Ids of the nodes with one of ``labels`` whose name is ``value``, by id."""
    wanted = set(labels)
    # Ids are "Label:name", so the candidates are known without a scan.
    return sorted(
        f"{lab}:{value}"
        for lab in wanted
        if f"{lab}:{value}" in g.nx and g.nx.nodes[f"{lab}:{value}"]["name"] == value
    )


def edges(
    g: Graph, nid: str, types: Iterable[str] | None = None
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``(other, type, direction, data)`` of each relationship of ``nid`` but MENTIONED_IN."""
    wanted = set(types) if types is not None else None
    for other, keyed in g.nx._succ[nid].items():
        for key, data in keyed.items():
            if key != MENTIONED_IN and (wanted is None or key in wanted):
                yield other, key, "out", data
    for other, keyed in g.nx._pred[nid].items():
        for key, data in keyed.items():
            if key != MENTIONED_IN and (wanted is None or key in wanted):
                yield other, key, "in", data


def out(g: Graph, nid: str, rel_type: str) -> list[str]:
    """Targets of ``nid``'s outgoing ``rel_type`` relationships."""
    if isinstance(g, LazyGraph):
        return g.nx._succ.typed(nid, rel_type)
    return [v for v, keyed in g.nx._succ[nid].items() if rel_type in keyed]


def into(g: Graph, nid: str, rel_type: str) -> list[str]:
    """Sources of the ``rel_type`` relationships that point at ``nid``."""
    if isinstance(g, LazyGraph):
        return g.nx._pred.typed(nid, rel_type)
    return [u for u, keyed in g.nx._pred[nid].items() if rel_type in keyed]


def neighbours(g: Graph, nid: str) -> set[str]:
    """Nodes one relationship (not MENTIONED_IN) away, either direction (their
    relationships' attributes are not read)."""
    if isinstance(g, LazyGraph):
        return {*g.nx._succ.ends(nid), *g.nx._pred.ends(nid)}
    return {
        other
        for adjacency in (g.nx._succ[nid], g.nx._pred[nid])
        for other, keyed in adjacency.items()
        if any(key != MENTIONED_IN for key in keyed)
    }


def evidence(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A relationship's evidence as ``{doc, sentence}`` maps, in stored order."""
    return [{"doc": e["doc"], "sentence": e["sentence"]} for e in data.get("evidence", [])]


def documents(g: Graph, nid: str) -> list[str]:
    """Ids of the Document nodes that mention ``nid``."""
    return out(g, nid, MENTIONED_IN)


def level(g: Graph, org: str) -> str:
    """An organization's administrative level, as the templates' CASE expression gives it."""
    if name(g, org).startswith(NATIONAL_PREFIXES):
        return "national"
    places = sorted(name(g, p) for p in out(g, org, "LOCATED_IN") if label(g, p) == "Place")
    if not places:
        return "unknown"
    place = places[0]
    if place in MUNICIPALITIES:
        return "province"
    for lvl, suffixes in LEVEL_SUFFIXES:
        if place.endswith(suffixes):
            return lvl
    return "other"


def places_below(g: Graph, place: str) -> set[str]:
    """``place`` and every Place within PART_OF*0..5 below it."""
    found, frontier = {place}, {place}
    for _ in range(PLACE_DEPTH):
        frontier = {
            p for q in frontier for p in into(g, q, "PART_OF") if label(g, p) == "Place"
        } - found
        found |= frontier
    return found


def bfs(g: Graph, start: str, depth: int, until: str | None = None) -> dict[str, int]:
    """Distance of every node within ``depth`` relationships (not MENTIONED_IN) of ``start``;
    with ``until``, only as far as the distance at which that node is reached."""
    dist = {start: 0}
    queue = deque([start])
    while queue:
        nid = queue.popleft()
        if dist[nid] == depth or (until in dist and dist[nid] >= dist[until]):
            continue
        for other in neighbours(g, nid):
            if other not in dist:
                dist[other] = dist[nid] + 1
                queue.append(other)
    return dist


def none_last(value: Any) -> tuple[bool, Any]:
    """A sort key that puts None last, as Cypher's ascending ORDER BY does."""
    return (value is None, value if value is not None else "")


# The twins themselves, registered on import.
from policygraph.queries import twins_actors, twins_places  # noqa: E402, F401
