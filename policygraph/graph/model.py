"""The canonical in-memory graph that every store, query and map reads.

A :class:`Graph` wraps a networkx ``MultiDiGraph`` whose edge keys are the
relationship types, so two nodes share at most one edge of each type. Node ids
are derived from label and canonical name (``Organization:闵行区总工会``), never
from load order, and every fact remembers the documents it came from:

- relationships carry ``evidence``: a sorted list of ``{"doc", "sentence"}``;
- every entity has a ``MENTIONED_IN`` edge to each Document that names it, with
  the ``count`` of mentions and the surface ``forms`` the text used, from which
  the node's ``aliases`` are derived.

So unloading a document is exact: drop its evidence, its Document node and the
nodes left with no document at all.

>>> g = Graph()
>>> g.add_document("d1", title="闵行工会三年回顾")
'Document:d1'
>>> union = g.add_mention("Organization", "闵行区总工会", "d1", form="区总工会", kind="union")
>>> place = g.add_mention("Place", "闵行区", "d1")
>>> g.add_relation("LOCATED_IN", union, place, doc="d1", sentence="闵行区总工会……")
>>> g.node(union)["aliases"]
['区总工会']
>>> g.remove_document("d1")
True
>>> len(g)
0
"""

from __future__ import annotations

import bisect
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from policygraph.errors import SchemaError
from policygraph.schema import SCHEMA

if TYPE_CHECKING:
    import networkx as nx

DOCUMENT = "Document"
MENTIONED_IN = "MENTIONED_IN"


def node_id(label: str, name: str) -> str:
    """The stable id of a node: its label and canonical name.

    >>> node_id("Place", "闵行区")
    'Place:闵行区'
    """
    return f"{label}:{name}"


def document_node_id(doc_id: str) -> str:
    """The node id of a Document, from its content-based document id."""
    return node_id(DOCUMENT, doc_id)


class Graph:
    """The policygraph model on a networkx MultiDiGraph (see the module docstring)."""

    def __init__(self, nx_graph: nx.MultiDiGraph | None = None) -> None:
        if nx_graph is None:
            import networkx as nx  # here: a query on the store reads no networkx graph

            nx_graph = nx.MultiDiGraph()
        self.nx = nx_graph
        # path → ids of the documents read from it, built on first use and then kept
        # up to date, for the networkx graph it was built from
        self._by_path: tuple[nx.MultiDiGraph, dict[str, set[str]]] | None = None

    def __len__(self) -> int:
        return self.nx.number_of_nodes()

    def node(self, nid: str) -> dict[str, Any]:
        """The attributes of node ``nid``."""
        return self.nx.nodes[nid]

    def nodes(self, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(id, attributes)`` of every node, or of those whose primary label is ``label``."""
        for nid, data in self.nx.nodes(data=True):
            if label is None or data["labels"][0] == label:
                yield nid, data

    def relationships(
        self, rel_type: str | None = None
    ) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """``(source, target, type, attributes)`` of every relationship, or of one type."""
        for source, target, key, data in self.nx.edges(keys=True, data=True):
            if rel_type is None or key == rel_type:
                yield source, target, key, data

    # -- writing -------------------------------------------------------------

    def add_document(self, doc_id: str, **metadata: Any) -> str:
        """Add (or update) the Document node for ``doc_id`` with its metadata."""
        nid = document_node_id(doc_id)
        title = metadata.get("title") or doc_id
        attrs = {"labels": [DOCUMENT], "name": title, "aliases": [], "doc_id": doc_id}
        attrs.update({k: v for k, v in metadata.items() if v is not None})
        before = self.document_paths(doc_id)
        self.nx.add_node(nid, **attrs)
        self._reindex(doc_id, before)
        return nid

    def set_document_paths(self, doc_id: str, paths: Iterable[str]) -> None:
        """Record every file the document's text was read from (identical files).

        ``path`` and ``file`` name the first in sorted order, whose text gave the
        facts; ``paths`` lists them all, and is there only when there are two or more.

        >>> g = Graph()
        >>> _ = g.add_document("d1", path="/b/x.txt", file="x.txt")
        >>> g.set_document_paths("d1", ["/b/x.txt", "/a/y.txt"])
        >>> g.node("Document:d1")["file"], g.documents_from_path("/b/x.txt")
        ('y.txt', ['d1'])
        """
        paths = sorted(set(paths))
        before = self.document_paths(doc_id)
        node = self.nx.nodes[document_node_id(doc_id)]
        node["path"], node["file"] = paths[0], PurePath(paths[0]).name
        if len(paths) > 1:
            node["paths"] = paths
        else:
            node.pop("paths", None)
        self._reindex(doc_id, before)

    def document_paths(self, doc_id: str) -> list[str]:
        """The files document ``doc_id`` was read from, sorted (none when not loaded)."""
        data = self.nx.nodes.get(document_node_id(doc_id))
        if data is None:
            return []
        return list(data.get("paths") or ([data["path"]] if data.get("path") else []))

    def prefetch(self, node_ids: Iterable[str], relations: Iterable[tuple[str, str, str]]) -> None:
        """Read ahead what adding these nodes and (type, source, target) relationships
        touches; this graph holds everything already (a store's graph reads it at once)."""

    def add_mention(
        self,
        label: str,
        name: str,
        doc_id: str,
        *,
        form: str | None = None,
        kind: str | None = None,
        properties: dict[str, Any] | None = None,
        count: int = 1,
    ) -> str:
        """Record that document ``doc_id`` names the ``label`` node ``name``; return its id.

        ``form`` is the surface the text wrote, kept among the node's aliases;
        ``properties`` are facts of the node itself (a figure's value and unit);
        ``count`` mentions alike at once.
        """
        if label not in SCHEMA.labels or label == DOCUMENT:
            raise SchemaError(f"unknown node label {label!r}")
        if kind is not None and kind not in SCHEMA.kinds:
            raise SchemaError(f"unknown organization kind {kind!r}")
        nid = node_id(label, name)
        allowed = SCHEMA.node_properties.get(label, ())
        for key in properties or {}:
            if key not in allowed:
                raise SchemaError(f"{label} has no property {key!r} (schema: {list(allowed)})")
        doc_nid = document_node_id(doc_id)
        if doc_nid not in self.nx:
            raise SchemaError(f"document {doc_id} must be added before its mentions")
        node = self.nx.nodes.get(nid)
        if node is None:
            self.nx.add_node(nid, labels=[label], name=name, aliases=[])
            node = self.nx.nodes[nid]
        if kind is not None:
            node["kind"] = kind
            node["labels"] = [label, kind_label(kind)]
        # the edge's own attribute dict (networkx gives it, not a copy), looked up once
        edge = self.nx.get_edge_data(nid, doc_nid, MENTIONED_IN)
        if edge is None:
            self.nx.add_edge(nid, doc_nid, key=MENTIONED_IN, type=MENTIONED_IN, count=0, forms=[])
            edge = self.nx.get_edge_data(nid, doc_nid, MENTIONED_IN)
        edge["count"] += count
        if form and form not in edge["forms"]:
            edge["forms"] = sorted({*edge["forms"], form})
            # aliases only grow while documents are added: no rescan of the node's
            # other documents, so a mention costs the same whatever the corpus size
            if form != node["name"] and form not in node["aliases"]:
                bisect.insort(node["aliases"], form)
        # Kept per document (the least value where one document gives two), so that
        # the node's value never depends on load order and unloading is exact; the
        # node's own value is the least over its documents, so adding takes one min.
        for key, value in (properties or {}).items():
            if value is not None:
                edge[PROPERTY_PREFIX + key] = _least(edge.get(PROPERTY_PREFIX + key), value)
                node[key] = _least(node.get(key), value)
        return nid

    def add_relation(
        self,
        rel_type: str,
        source: str,
        target: str,
        *,
        doc: str,
        sentence: str,
        **properties: Any,
    ) -> None:
        """Add a relationship, or one more piece of evidence to the one already there."""
        spec = SCHEMA.relationships.get(rel_type)
        if spec is None or not spec.evidence:
            raise SchemaError(f"unknown relationship type {rel_type!r}")
        source_label = self.nx.nodes[source]["labels"][0]
        target_label = self.nx.nodes[target]["labels"][0]
        if not spec.allows(source_label, target_label):
            raise SchemaError(f"{rel_type} cannot join {source_label} to {target_label}")
        if spec.symmetric and target < source:
            source, target = target, source
        evidence = {"doc": doc, "sentence": sentence, **properties}
        edge = self.nx.get_edge_data(source, target, rel_type)
        if edge is None:
            self.nx.add_edge(source, target, key=rel_type, type=rel_type, evidence=[])
            edge = self.nx.get_edge_data(source, target, rel_type)
        # kept sorted by insertion: re-sorting all evidence on every add is quadratic
        # on a relationship read thousands of times in one long document
        evidences, order = edge["evidence"], _evidence_order(evidence)
        low = bisect.bisect_left(evidences, order, key=_evidence_order)
        high = bisect.bisect_right(evidences, order, lo=low, key=_evidence_order)
        if evidence not in evidences[low:high]:
            evidences.insert(high, evidence)
            _refresh_edge_properties(edge, spec.properties)

    # -- removing ------------------------------------------------------------

    def remove_document(self, doc_id: str) -> bool:
        """Remove a document's evidence, its Document node and the nodes left with none.

        Returns False when the document was not loaded.
        """
        doc_nid = document_node_id(doc_id)
        if doc_nid not in self.nx:
            return False
        mentioned = [source for source, _ in self.nx.in_edges(doc_nid)]
        # A relationship's endpoints are always mentioned in the document that
        # gave its evidence, so only edges touching these nodes need a look.
        touched = {
            (u, v, k) for nid in mentioned for u, v, k in self._edges_of(nid) if k != MENTIONED_IN
        }
        for u, v, k in touched:
            edge = self.nx.edges[u, v, k]
            kept = [e for e in edge["evidence"] if e["doc"] != doc_id]
            if kept:
                edge["evidence"] = kept
                _refresh_edge_properties(edge, SCHEMA.relationships[k].properties)
            else:
                self.nx.remove_edge(u, v, k)
        before = self.document_paths(doc_id)
        self.nx.remove_node(doc_nid)
        self._reindex(doc_id, before)
        for nid in mentioned:
            if self._documents_of(nid):
                self._refresh_aliases(nid)
                self._refresh_properties(nid)
            else:
                self.nx.remove_node(nid)
        return True

    # -- reading -------------------------------------------------------------

    def documents(self) -> list[dict[str, Any]]:
        """The loaded documents' metadata, ordered by document id."""
        return [data for _, data in sorted(self.nodes(DOCUMENT))]

    def documents_from_path(self, path: str) -> list[str]:
        """The ids of documents that were read from file ``path``."""
        return sorted(self._path_index().get(path, ()))

    def paths_below(self, folder: str) -> list[str]:
        """The files below ``folder`` that some loaded document was read from, sorted.

        >>> g = Graph()
        >>> _ = g.add_document("d1", path="/a/b/x.txt")
        >>> g.paths_below("/a"), g.paths_below("/a/b/x.txt")
        (['/a/b/x.txt'], [])
        """
        prefix = os.path.join(folder.rstrip(os.sep), "")
        return sorted(p for p in self._path_index() if p.startswith(prefix))

    def stats(self) -> dict[str, Any]:
        """Counts of nodes by label and relationships by type, and of documents.

        >>> Graph().stats()
        {'documents': 0, 'nodes': {}, 'relationships': {}}
        """
        labels = Counter(data["labels"][0] for _, data in self.nodes())
        documents = labels.pop(DOCUMENT, 0)
        types = Counter(key for _, _, key in self.nx.edges(keys=True))
        return {
            "documents": documents,
            "nodes": dict(sorted(labels.items())),
            "relationships": dict(sorted(types.items())),
        }

    # -- internals -----------------------------------------------------------

    def _path_index(self) -> dict[str, set[str]]:
        """path → document ids, built with one pass over the documents on first use."""
        if self._by_path is None or self._by_path[0] is not self.nx:
            index: dict[str, set[str]] = {}
            for _, data in self.nodes(DOCUMENT):
                for path in self.document_paths(data["doc_id"]):
                    index.setdefault(path, set()).add(data["doc_id"])
            self._by_path = (self.nx, index)
        return self._by_path[1]

    def _reindex(self, doc_id: str, before: list[str]) -> None:
        """Bring the path index (if built) in step after ``doc_id``'s paths were ``before``."""
        if self._by_path is None or self._by_path[0] is not self.nx:
            return
        index = self._by_path[1]
        for path in before:
            index[path].discard(doc_id)
            if not index[path]:
                del index[path]
        for path in self.document_paths(doc_id):
            index.setdefault(path, set()).add(doc_id)

    def _edges_of(self, nid: str) -> Iterable[tuple[str, str, str]]:
        yield from self.nx.out_edges(nid, keys=True)
        yield from self.nx.in_edges(nid, keys=True)

    def _documents_of(self, nid: str) -> list[str]:
        return [v for _, v, k in self.nx.out_edges(nid, keys=True) if k == MENTIONED_IN]

    def _refresh_aliases(self, nid: str) -> None:
        node = self.nx.nodes[nid]
        forms = {
            form
            for _, _, k, data in self.nx.out_edges(nid, keys=True, data=True)
            if k == MENTIONED_IN
            for form in data["forms"]
        }
        node["aliases"] = sorted(forms - {node["name"]})

    def _refresh_properties(self, nid: str) -> None:
        """A node's properties: for each, the least value its documents give."""
        node = self.nx.nodes[nid]
        values: dict[str, list[Any]] = {}
        for _, _, k, data in self.nx.out_edges(nid, keys=True, data=True):
            if k == MENTIONED_IN:
                for key, value in data.items():
                    if key.startswith(PROPERTY_PREFIX):
                        values.setdefault(key[len(PROPERTY_PREFIX) :], []).append(value)
        for key in SCHEMA.node_properties.get(node["labels"][0], ()):
            if key in values:
                node[key] = min(values[key], key=_order)
            else:
                node.pop(key, None)


# A node property as one document gives it, on that document's MENTIONED_IN edge.
PROPERTY_PREFIX = "given_"


def _least(old: Any, value: Any) -> Any:
    """The lesser of two property values in :func:`_order`; ``old`` may be None (absent).

    >>> _least(None, 3), _least(2, 3)
    (3, 2)
    """
    return value if old is None else min(old, value, key=_order)


def _order(value: Any) -> tuple[str, Any]:
    """Sort numbers with numbers and text with text, deterministically."""
    return (type(value).__name__, value)


@cache
def kind_label(kind: str) -> str:
    """The second label an organization kind gives: ``mass_org`` → ``MassOrg``."""
    return "".join(part.capitalize() for part in kind.split("_"))


def _evidence_order(evidence: dict[str, Any]) -> tuple[str, int, str]:
    return evidence["doc"], evidence.get("offset", -1), evidence["sentence"]


def _refresh_edge_properties(edge: dict[str, Any], names: tuple[str, ...]) -> None:
    """Lift relationship properties (such as a title) from the first evidence that has them."""
    for name in names:
        # the first only: the evidence of a relationship hundreds of documents state
        # is not read whole at each one added
        value = next((e[name] for e in edge["evidence"] if e.get(name)), None)
        if value is not None:
            edge[name] = value
        else:
            edge.pop(name, None)
