"""A read-only graph over the store's tables that fetches what it is asked for.

The query twins (:mod:`policygraph.queries.embedded`) read a graph through
``g.nx.nodes[...]``, ``g.nx._succ[...]``, ``g.nx._pred[...]``, ``g.nx.edges[...]``
and :meth:`Graph.nodes` by label. :class:`LazyGraph` answers each of these with an
index lookup, remembered for the rest of the query, so a twin costs what it
touches, not what the store holds. What the twins ask most (the ends of a node's
relationships of one type, or of any type but MENTIONED_IN, and their labels and
names) is one index lookup each without reading a relationship's attributes
(:meth:`_Adjacency.typed`, :meth:`_Adjacency.ends`, :meth:`_Nodes.head`). Whole
scans (``g.nx.nodes(data=True)``) still work, row by row; the twins and the name
resolver that need one have an indexed way instead (:func:`nodes_by_degree`,
:func:`nodes_naming`, :func:`nodes_aliased`, :func:`names_and_aliases`).

>>> from policygraph.graph.sqlite import WorkingGraph, connect
>>> db = connect(":memory:")
>>> w = WorkingGraph(db)
>>> _ = w.add_document("d1", title="t")
>>> a = w.add_mention("Organization", "闵行区总工会", "d1", form="区总工会")
>>> b = w.add_mention("Place", "闵行区", "d1")
>>> w.add_relation("LOCATED_IN", a, b, doc="d1", sentence="s")
>>> w.flush()
>>> g = LazyGraph(db)
>>> list(g.nx._succ[a]), g.nx.nodes[a]["aliases"], [n for n, _ in g.nodes("Place")]
(['Document:d1', 'Place:闵行区'], ['区总工会'], ['Place:闵行区'])
>>> [(nid, degree) for degree, _, nid, _ in nodes_by_degree(g, ("Organization", "Place"))]
[('Place:闵行区', 1), ('Organization:闵行区总工会', 1)]
>>> g.nx._pred.typed(b, "LOCATED_IN"), g.nx.nodes.head(a), nodes_aliased(g, ["区总工会"])
(['Organization:闵行区总工会'], ('Organization', '闵行区总工会'), {'Organization:闵行区总工会'})
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from policygraph.graph.curation import Correction, apply_curation, named_nodes
from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph
from policygraph.graph.sqlite import _chunks, _marks, subgraph, version


class _Overlay:
    """What a curation file makes of the nodes it names: those nodes and all their
    relationships, read and curated; ``named`` are the ids whose rows it replaces,
    ``neighbours`` the unnamed ends of those relationships (bare nodes here)."""

    def __init__(self, db: sqlite3.Connection, corrections: list[Correction]) -> None:
        self.named = named_nodes(corrections)
        sub = subgraph(db, self.named)
        apply_curation(sub, corrections)
        self.nx = sub.nx
        self.neighbours = {n for n in self.nx if n not in self.named}

    def node(self, nid: str) -> dict[str, Any] | None:
        return self.nx.nodes[nid] if nid in self.nx else None

    def adjacent(self, nid: str, outgoing: bool) -> dict[str, dict[str, dict[str, Any]]]:
        if nid not in self.nx:
            return {}
        adjacency = self.nx._succ if outgoing else self.nx._pred
        return {other: dict(keyed) for other, keyed in adjacency[nid].items()}

    def nodes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        return ((n, d) for n, d in self.nx.nodes(data=True) if n in self.named)


class _Nodes:
    """``nx.nodes`` of a LazyGraph: ``[id]``, ``.get(id)``, ``in``, and a whole scan."""

    def __init__(self, db: sqlite3.Connection, overlay: _Overlay | None) -> None:
        self.db = db
        self.overlay = overlay
        self.cache: dict[str, dict[str, Any] | None] = {}
        self.heads: dict[str, tuple[str, str]] = {}  # id → (primary label, name)

    def head(self, nid: str) -> tuple[str, str]:
        """``(primary label, name)`` of a node, from its row's columns when a lookup of
        relationships (:meth:`_Adjacency.typed`) read them, else from its attributes."""
        found = self.heads.get(nid)
        if found is None:
            data = self[nid]
            found = self.heads[nid] = (data["labels"][0], data["name"])
        return found

    def get(self, nid: str, default: Any = None) -> Any:
        if nid not in self.cache:
            if self.overlay is not None and nid in self.overlay.named:
                self.cache[nid] = self.overlay.node(nid)
            else:
                row = self.db.execute("SELECT data FROM nodes WHERE id=?", (nid,)).fetchone()
                self.cache[nid] = json.loads(row[0]) if row else None
        found = self.cache[nid]
        return default if found is None else found

    def __getitem__(self, nid: str) -> dict[str, Any]:
        found = self.get(nid)
        if found is None:
            raise KeyError(nid)
        return found

    def __contains__(self, nid: object) -> bool:
        return isinstance(nid, str) and self.get(nid) is not None

    def __call__(self, data: bool = False) -> Iterator[Any]:
        for nid, attrs in self.rows("SELECT id, data FROM nodes ORDER BY id", ()):
            yield (nid, attrs) if data else nid

    def rows(
        self, sql: str, params: tuple[Any, ...], keep: Any = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(id, attributes)`` of the rows ``sql`` selects (id, data), with the curated
        nodes in place of the rows they replace (those that ``keep(attributes)``)."""
        named = self.overlay.named if self.overlay is not None else set()
        stored = (
            (nid, self._cached(nid, row))
            for nid, row in self.db.execute(sql, params)
            if nid not in named
        )
        if self.overlay is None:
            yield from stored
            return
        curated = sorted(
            (nid, attrs) for nid, attrs in self.overlay.nodes() if keep is None or keep(attrs)
        )
        yield from heapq.merge(stored, curated, key=lambda item: item[0])

    def _cached(self, nid: str, row: str) -> dict[str, Any]:
        if nid not in self.cache:
            self.cache[nid] = json.loads(row)
        return self.cache[nid]


class _Adjacency:
    """``nx._succ`` or ``nx._pred``: node → {other end → {type → attributes}}; and the
    other ends alone, of one type (:meth:`typed`) or of any but MENTIONED_IN (:meth:`ends`),
    which is what most twins ask for."""

    def __init__(
        self, db: sqlite3.Connection, outgoing: bool, overlay: _Overlay | None, nodes: _Nodes
    ) -> None:
        self.db, self.outgoing, self.overlay, self.nodes = db, outgoing, overlay, nodes
        this, end = ("source", "target") if outgoing else ("target", "source")
        # the ends and types only, from the indexes; attributes when read; in the order
        # of a graph read whole (edges sorted by source, target, type)
        self.sql = f"SELECT {end}, type FROM edges WHERE {this}=? ORDER BY {end}, type"
        self.typed_sql = (  # with the ends' label and name: the twins ask for them next
            f"SELECT e.{end}, n.label, n.name FROM edges e LEFT JOIN nodes n ON n.id = e.{end}"
            f" WHERE e.{this}=? AND e.type=? ORDER BY e.{end}"
        )
        self.ends_sql = (
            f"SELECT DISTINCT {end} FROM edges WHERE {this}=? AND type != '{MENTIONED_IN}'"
            f" ORDER BY {end}"
        )
        self.cache: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}

    def _rows_alone(self, nid: str) -> bool:
        """Whether ``nid``'s rows give its relationships as they are: no curation touches
        them (the nodes a curation names, and their neighbours, are read through it),
        and they are not read already."""
        overlay = self.overlay
        return nid not in self.cache and (
            overlay is None or (nid not in overlay.named and nid not in overlay.neighbours)
        )

    def typed(self, nid: str, rel_type: str) -> list[str]:
        """The other ends of ``nid``'s ``rel_type`` relationships, one index lookup."""
        if not self._rows_alone(nid):
            return [other for other, keyed in self[nid].items() if rel_type in keyed]
        found, heads = [], self.nodes.heads
        for other, other_label, other_name in self.db.execute(self.typed_sql, (nid, rel_type)):
            found.append(other)
            if other_label is not None:
                heads[other] = (other_label, other_name)
        return found

    def ends(self, nid: str) -> list[str]:
        """The other ends of ``nid``'s relationships but MENTIONED_IN."""
        if not self._rows_alone(nid):
            return [o for o, keyed in self[nid].items() if any(k != MENTIONED_IN for k in keyed)]
        return [other for (other,) in self.db.execute(self.ends_sql, (nid,))]

    def __getitem__(self, nid: str) -> dict[str, dict[str, dict[str, Any]]]:
        if nid not in self.cache:
            self.cache[nid] = self._adjacent(nid)
        return self.cache[nid]

    def _adjacent(self, nid: str) -> dict[str, dict[str, dict[str, Any]]]:
        overlay = self.overlay
        if overlay is not None and nid in overlay.named:  # all its relationships are there
            return overlay.adjacent(nid, self.outgoing)
        adjacent: dict[str, Any] = {}
        for other, rel_type in self.db.execute(self.sql, (nid,)):
            if overlay is None or other not in overlay.named:
                if other not in adjacent:
                    ends = (nid, other) if self.outgoing else (other, nid)
                    adjacent[other] = _Keyed(self.db, *ends)
                adjacent[other].types.append(rel_type)
        if overlay is not None and nid in overlay.neighbours:  # the curated ones, in order
            adjacent = dict(sorted({**adjacent, **overlay.adjacent(nid, self.outgoing)}.items()))
        return adjacent


class _Keyed(Mapping):
    """type → attributes of the relationships from ``source`` to ``target``, each read
    from its row only when asked for: a twin that walks PART_OF past a place's thousand
    LOCATED_IN never reads their evidence."""

    def __init__(self, db: sqlite3.Connection, source: str, target: str) -> None:
        self.db, self.ends = db, (source, target)
        self.types: list[str] = []
        self._read: dict[str, dict[str, Any]] = {}

    def __getitem__(self, rel_type: str) -> dict[str, Any]:
        if rel_type not in self._read:
            if rel_type not in self.types:
                raise KeyError(rel_type)
            (data,) = self.db.execute(
                "SELECT data FROM edges WHERE source=? AND target=? AND type=?",
                (*self.ends, rel_type),
            ).fetchone()
            self._read[rel_type] = json.loads(data)
        return self._read[rel_type]

    def __iter__(self) -> Iterator[str]:
        return iter(self.types)

    def __len__(self) -> int:
        return len(self.types)

    def __contains__(self, rel_type: object) -> bool:
        return rel_type in self.types


class _Edges:
    def __init__(self, succ: _Adjacency) -> None:
        self.succ = succ

    def __getitem__(self, key: tuple[str, str, str]) -> dict[str, Any]:
        u, v, k = key
        return self.succ[u][v][k]


class _LazyNx:
    """The part of a networkx MultiDiGraph that the query twins use."""

    def __init__(self, db: sqlite3.Connection, overlay: _Overlay | None) -> None:
        self.nodes = _Nodes(db, overlay)
        self._succ = _Adjacency(db, True, overlay, self.nodes)
        self._pred = _Adjacency(db, False, overlay, self.nodes)
        self.edges = _Edges(self._succ)

    def __contains__(self, nid: object) -> bool:
        return nid in self.nodes


class LazyGraph(Graph):
    """A read-only Graph on an open connection (inside a read transaction), with the
    ``corrections`` of a curation file applied to the nodes they name."""

    def __init__(self, db: sqlite3.Connection, corrections: list[Correction] = ()) -> None:
        self.db = db
        self.overlay = _Overlay(db, list(corrections)) if corrections else None
        self.aliases_indexed = version(db) >= 2  # (version 1 gets them at its next write)
        super().__init__(_LazyNx(db, self.overlay))  # type: ignore[arg-type]

    def nodes(self, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        if label is None:
            yield from self.nx.nodes(data=True)
            return
        yield from self.nx.nodes.rows(
            "SELECT id, data FROM nodes WHERE label=? ORDER BY id",
            (label,),
            lambda attrs: attrs["labels"][0] == label,
        )


def nodes_by_degree(
    g: Graph, labels: tuple[str, ...] | None = None
) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """``(degree, name, id, attributes)`` of the nodes with a primary label in ``labels``,
    most relationships first (MENTIONED_IN not counted), then by name and id."""
    if isinstance(g, LazyGraph):
        wanted = (lambda data: True) if labels is None else lambda data: data["labels"][0] in labels
        # the nodes a curation changes, with the degree it leaves them; the rest as stored
        changed = g.overlay.named | g.overlay.neighbours if g.overlay is not None else set()
        stored = (
            (degree, name, nid, g.nx.nodes._cached(nid, row))
            for nid, degree, name, row in g.db.execute(
                "SELECT id, degree, name, data FROM nodes ORDER BY degree DESC, name, id"
            )
            if nid not in changed
        )
        if g.overlay is None:
            yield from (item for item in stored if wanted(item[3]))
            return
        curated = sorted(
            (_degree(g, nid), g.nx.nodes[nid]["name"], nid, g.nx.nodes[nid])
            for nid in changed
            if nid in g.nx.nodes
        )
        yield from (
            item
            for item in heapq.merge(
                stored,
                sorted(curated, key=lambda item: (-item[0], item[1], item[2])),
                key=lambda item: (-item[0], item[1], item[2]),
            )
            if wanted(item[3])
        )
        return
    ranked = (
        (-_degree(g, nid), data["name"], nid, data)
        for nid, data in g.nodes()
        if labels is None or data["labels"][0] in labels
    )
    for negative, name, nid, data in heapq.nsmallest(len(g), ranked):
        yield -negative, name, nid, data


def _degree(g: Graph, nid: str) -> int:
    succ = g.nx._succ[nid]
    outgoing = sum(len(keyed) - (MENTIONED_IN in keyed) for keyed in succ.values())
    return outgoing + sum(len(keyed) for keyed in g.nx._pred[nid].values())


def nodes_naming(g: Graph, text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every node whose attributes might hold ``text`` (its name, an alias): all of them
    on an in-memory graph, the rows that hold it somewhere on a LazyGraph."""
    if not isinstance(g, LazyGraph) or json.dumps(text, ensure_ascii=False)[1:-1] != text:
        yield from g.nodes()  # (text that JSON escapes is looked for row by row)
        return
    yield from g.nx.nodes.rows(
        "SELECT id, data FROM nodes WHERE instr(data, ?) > 0 ORDER BY id", (text,)
    )


def nodes_aliased(g: Graph, values: Iterable[str]) -> set[str] | None:
    """Ids of the nodes with one of ``values`` among their aliases, from the store's alias
    index (curated nodes from the curation); None when ``g`` has no such index."""
    if not isinstance(g, LazyGraph) or not g.aliases_indexed:
        return None
    wanted = sorted(set(values))
    named = g.overlay.named if g.overlay is not None else set()
    found = set()
    for chunk in _chunks(wanted):
        sql = f"SELECT id FROM aliases WHERE alias IN ({_marks(len(chunk))})"  # noqa: S608
        found.update(nid for (nid,) in g.db.execute(sql, chunk) if nid not in named)
    if g.overlay is not None:
        found.update(
            nid
            for nid, data in g.overlay.nodes()
            if set(wanted).intersection(data.get("aliases", ()))
        )
    return found


def names_and_aliases(g: Graph) -> Iterator[tuple[str, str, str, tuple[str, ...]]] | None:
    """``(id, primary label, name, aliases)`` of every node but the Documents, by id, from
    the store's columns and alias index (no attributes read); None when ``g`` has none."""
    if not isinstance(g, LazyGraph) or not g.aliases_indexed:
        return None
    aliases: dict[str, list[str]] = {}
    for nid, alias in g.db.execute("SELECT id, alias FROM aliases ORDER BY id, position"):
        aliases.setdefault(nid, []).append(alias)
    named = g.overlay.named if g.overlay is not None else set()
    stored = (
        (nid, label, name, tuple(aliases.get(nid, ())))
        for nid, label, name in g.db.execute(
            "SELECT id, label, name FROM nodes WHERE label != ? ORDER BY id", (DOCUMENT,)
        )
        if nid not in named
    )
    if g.overlay is None:
        return stored
    curated = sorted(
        (nid, data["labels"][0], data["name"], tuple(data.get("aliases", ())))
        for nid, data in g.overlay.nodes()
        if data["labels"][0] != DOCUMENT
    )
    return heapq.merge(stored, curated)
