"""One way to find a node by what a user typed: its id, canonical name or an alias.

Queries, maps and reports all resolve names here, so ``区总工会`` means the same
node everywhere. A name that fits nothing is an error listing the closest names
(RapidFuzz over names and aliases); an alias that fits several nodes is an error
listing them with their labels.

>>> index = NameIndex([
...     Entry("Organization:宁波市总工会", "Organization", "宁波市总工会", ("市总工会",)),
...     Entry("Organization:成都市总工会", "Organization", "成都市总工会", ("市总工会",)),
...     Entry("Place:江汉区", "Place", "江汉区", ("江汉",)),
... ])
>>> index.resolve("江汉").name
'江汉区'
>>> index.resolve("市总工会")
Traceback (most recent call last):
...
policygraph.errors.NodeNameError: '市总工会' fits 2 nodes: 宁波市总工会 (Organization), 成都市总工会 (Organization); give the full name
>>> index.resolve("江汗区", ["Place"])
Traceback (most recent call last):
...
policygraph.errors.NodeNameError: no Place called '江汗区' in the graph; closest: 江汉区 (Place)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from policygraph.errors import NodeNameError

DOCUMENT = "Document"
SUGGESTIONS = 5
MIN_SCORE = 30  # one character in three shared (江汉区 for 闵行区) still helps; less does not


@dataclass(frozen=True)
class Entry:
    """A node as the resolver sees it: id, primary label, canonical name, aliases."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()

    def describe(self) -> str:
        """``宁波市总工会 (Organization)``."""
        return f"{self.name} ({self.label})"


class NameIndex:
    """Entries looked up by id, canonical name and alias (Documents are not named)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = sorted(entries, key=lambda e: e.id)
        self.by_id = {e.id: e for e in self.entries}

    def matches(self, value: str, labels: Iterable[str] | None = None) -> list[Entry]:
        """The entries ``value`` names: by id, else by canonical name, else by alias."""
        wanted = set(labels) if labels else None
        pool = [e for e in self.entries if wanted is None or e.label in wanted]
        if value in self.by_id and self.by_id[value] in pool:
            return [self.by_id[value]]
        named = [e for e in pool if e.name == value]
        return named or [e for e in pool if value in e.aliases]

    def resolve(self, value: str, labels: Iterable[str] | None = None) -> Entry:
        """The one entry ``value`` names; an error listing the closest or the several."""
        labels = list(labels or [])
        found = self.matches(value, labels)
        if len(found) == 1:
            return found[0]
        if found:
            raise ambiguous(value, found)
        raise self.not_found(value, labels)

    def resolve_name(self, value: str, labels: Iterable[str] | None = None) -> str:
        """The canonical name ``value`` stands for: nodes of several labels may share it."""
        labels = list(labels or [])
        found = self.matches(value, labels)
        names = sorted({e.name for e in found})
        if len(names) == 1:
            return names[0]
        if names:
            raise ambiguous(value, found)
        raise self.not_found(value, labels)

    def not_found(self, value: str, labels: list[str]) -> NodeNameError:
        """The error for a name that fits nothing, with the closest names and aliases."""
        what = " or ".join(labels) if labels else "node"
        close = self.closest(value, labels)
        hint = f"; closest: {', '.join(e.describe() for e in close)}" if close else ""
        return NodeNameError(f"no {what} called {value!r} in the graph{hint}")

    def closest(self, value: str, labels: list[str] | None = None) -> list[Entry]:
        """Up to :data:`SUGGESTIONS` entries whose name or an alias is most like ``value``."""
        from rapidfuzz import fuzz, process

        # figures are named by their sentences: as suggestions they only crowd the list
        pool = [
            e for e in self.entries if e.label in labels or (not labels and e.label != "Metric")
        ]
        choices = [(text, e) for e in pool for text in (e.name, *e.aliases)]
        best: dict[str, tuple[float, Entry]] = {}
        for _, score, i in process.extract(
            value, [t for t, _ in choices], scorer=fuzz.ratio, limit=SUGGESTIONS * 4
        ):
            entry = choices[i][1]
            if score >= MIN_SCORE and score > best.get(entry.id, (-1, None))[0]:
                best[entry.id] = (score, entry)
        ranked = sorted(best.values(), key=lambda se: (-se[0], se[1].id))
        return [entry for _, entry in ranked[:SUGGESTIONS]]


def ambiguous(value: str, found: list[Entry]) -> NodeNameError:
    """The error for a name that fits several nodes."""
    listed = ", ".join(e.describe() for e in found)
    return NodeNameError(f"{value!r} fits {len(found)} nodes: {listed}; give the full name")


def graph_index(graph, values: list[str] | None = None) -> NameIndex:
    """The :class:`NameIndex` of a :class:`~policygraph.graph.model.Graph`'s entities; with
    ``values``, of the nodes they may name (enough to resolve them, quicker to build).

    On the store (a LazyGraph), ids, names and aliases are looked up in its indexes and
    the whole index is built from its columns: no node's attributes are read for it.
    """
    from policygraph.graph.lazy import names_and_aliases, nodes_aliased

    if values is None:
        rows = names_and_aliases(graph)
        if rows is not None:
            return NameIndex(Entry(*row) for row in rows)
        found = [nid for nid, _ in graph.nodes()]
    else:
        from policygraph.schema import SCHEMA

        wanted = set(values)
        # a canonical name is found by its ids ("Label:name") without a scan of the graph
        found = {
            f"{label}:{value}"
            for value in wanted
            for label in SCHEMA.entity_labels
            if f"{label}:{value}" in graph.nx and graph.node(f"{label}:{value}")["name"] == value
        }
        aliased = nodes_aliased(graph, wanted)
        if aliased is not None:  # ids and aliases from the store's indexes
            found |= aliased | {value for value in wanted if value in graph.nx}
        elif not wanted <= {graph.node(nid)["name"] for nid in found}:  # ids, aliases: a scan
            found |= {
                nid
                for nid, data in graph.nodes()
                if nid in wanted or wanted.intersection(data.get("aliases", ()))
            }
    entries = []
    for nid in sorted(found):
        data = graph.node(nid)
        if data["labels"][0] != DOCUMENT:
            entries.append(
                Entry(nid, data["labels"][0], data["name"], tuple(data.get("aliases", ())))
            )
    return NameIndex(entries)
