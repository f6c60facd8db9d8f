"""The embedded store's tables (SQLite, WAL) and the two graphs that read them piecemeal.

The graph is kept as rows: one per node and one per relationship, each with its
attributes as canonical JSON, so that reading every row back gives the very graph
(and node-link bytes) that was written. Indexes find a node's relationships in
either direction, a relationship's documents (``evidence_docs``), a file's
documents (``doc_paths``) and a node by an alias (``aliases``), so a load fetches
only the rows its documents touch and a name is found without a scan:

- :class:`WorkingGraph` is a :class:`~policygraph.graph.model.Graph` that fetches
  rows on demand while a load or unload changes it, and writes back only the rows
  that changed (:meth:`WorkingGraph.flush`);
- :class:`LazyGraph` is a read-only Graph for the query twins: the nodes and
  relationships they ask for, with an index lookup each.

>>> import sqlite3
>>> db = connect(":memory:")
>>> g = WorkingGraph(db)
>>> _ = g.add_document("d1", title="t", path="/x.txt")
>>> _ = g.add_mention("Place", "闵行区", "d1")
>>> g.flush()
>>> [r[0] for r in db.execute("SELECT id FROM nodes ORDER BY id")]
['Document:d1', 'Place:闵行区']
>>> WorkingGraph(db).documents_from_path("/x.txt")
['d1']
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph, document_node_id, node_id
from policygraph.schema import SCHEMA

SCHEMA_VERSION = 2  # 2: the aliases table (a store of version 1 gets it at its next write)
TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes(
    id TEXT PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL,
    degree INTEGER NOT NULL DEFAULT 0  -- relationships but MENTIONED_IN, for most_connected
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nodes_by_label ON nodes(label);
CREATE INDEX IF NOT EXISTS nodes_by_degree ON nodes(degree DESC, name, id);
CREATE TABLE IF NOT EXISTS edges(
    source TEXT NOT NULL, target TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY(source, target, type)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_by_target ON edges(target, type);
CREATE INDEX IF NOT EXISTS edges_by_type ON edges(type);
CREATE TABLE IF NOT EXISTS evidence_docs(
    doc TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, type TEXT NOT NULL,
    PRIMARY KEY(doc, source, target, type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc_paths(
    path TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY(path, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_paths_by_doc ON doc_paths(doc);
CREATE TABLE IF NOT EXISTS aliases(
    alias TEXT NOT NULL, id TEXT NOT NULL,
    position INTEGER NOT NULL,  -- in the node's list, which suggestions follow
    PRIMARY KEY(alias, id)
) WITHOUT ROWID;
"""
CHUNK = 500  # ids per IN (...) lookup, well under SQLite's variable limit
# A load writes back its rows when this many nodes are held: memory stays bounded,
# and a node many files name is fetched and rewritten once per batch, not per file.
FLUSH_NODES = 50_000
# ... and writes the rows changed since its last write once this many have changed, so
# that writing overlaps extraction instead of following it (a row many files change is
# written once per batch)
WRITE_ROWS = 4_000
# What a WorkingGraph keeps of a relationship's row once written back: that it is stored.
WRITTEN = "(written)"
NEW_PAGE_SIZE = 16_384


def connect(path: str, *, create: bool = True, new_file: bool = False) -> sqlite3.Connection:
    """Open the store's database in WAL mode; with ``create``, make its tables if new.

    Statements run in autocommit; writers open their own ``BEGIN IMMEDIATE``. A
    reader (``create=False``) never writes, so a writer never makes it wait.

    A ``new_file`` that is renamed into place once committed (a first write, a
    migration) needs no log for its safety: it keeps its rollback journal in memory
    and is written once, not to the log and then again into the file, until
    :func:`to_wal` puts it in WAL mode before the rename.
    """
    db = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
    if create:
        if new_file:  # before the first table: a new file's pages are 16 KB, not 4 KB
            db.execute(f"PRAGMA page_size={NEW_PAGE_SIZE}")
        db.execute(f"PRAGMA journal_mode={'MEMORY' if new_file else 'WAL'}")
        db.executescript(TABLES)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('version', ?)", (str(SCHEMA_VERSION),))
    db.execute("PRAGMA synchronous=FULL")  # a commit survives a power cut, not only a kill
    if create and version(db) < SCHEMA_VERSION:
        _upgrade(db)
    return db


def to_wal(db: sqlite3.Connection) -> None:
    """Put the database in WAL mode for good (its header says so), with its log folded
    into the file, so that the file alone can be renamed once the connection is closed:
    from then on a reader never holds up a writer, nor a writer a reader."""
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def version(db: sqlite3.Connection) -> int:
    """The store's schema version (:data:`SCHEMA_VERSION` when written by this code)."""
    row = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
    return int(row[0]) if row else 0


def _upgrade(db: sqlite3.Connection) -> None:
    """Bring a store of version 1 to this one, in one transaction (the caller, a writer,
    holds the lock): fill the aliases table."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DELETE FROM aliases")
        for nid, data in db.execute("SELECT id, data FROM nodes").fetchall():
            _insert_aliases(db, nid, json.loads(data))
        db.execute("UPDATE meta SET value=? WHERE key='version'", (str(SCHEMA_VERSION),))
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def _insert_aliases(db: sqlite3.Connection, nid: str, attrs: dict[str, Any]) -> None:
    db.executemany(
        "INSERT OR IGNORE INTO aliases VALUES (?, ?, ?)",
        [(alias, nid, i) for i, alias in enumerate(attrs.get("aliases", ()))],
    )


def _delete_aliases(db: sqlite3.Connection, nid: str, attrs: dict[str, Any]) -> None:
    db.executemany(
        "DELETE FROM aliases WHERE alias=? AND id=?",
        [(alias, nid) for alias in attrs.get("aliases", ())],
    )


def dumps(data: dict[str, Any]) -> str:
    """Attributes as canonical JSON (the row's ``data``): ``json.dumps`` with sorted keys,
    no spaces and characters as they are.

    >>> dumps({"name": "闵行区", "aliases": ["闵行"], "count": 2})
    '{"aliases":["闵行"],"count":2,"name":"闵行区"}'
    """
    if _encode is None:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "".join(_encode(data, 0))


def _unserializable(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _c_encoder() -> Any:
    """The C encoder that ``json.dumps`` makes anew at every call, made once: it halves
    the time of a load's tens of thousands of rows. None where it is not to be had (then
    :func:`dumps` calls ``json.dumps``)."""
    try:
        from json.encoder import c_make_encoder, encode_basestring

        # the arguments json.JSONEncoder.iterencode gives it: no circular check, the
        # default's TypeError, no indent, separators, sort_keys, no skipkeys, allow_nan
        encode = c_make_encoder(
            None, _unserializable, encode_basestring, None, ":", ",", True, False, True
        )
        sample = {"b": [1.5, None, True, "闵\n"], "a": {"y": 1e16, "x": -0}}
        expected = json.dumps(sample, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return encode if "".join(encode(sample, 0)) == expected else None
    except (ImportError, TypeError):
        return None


_encode = _c_encoder()


def read_all(db: sqlite3.Connection) -> Graph:
    """Every row as one Graph (inside a transaction, so from one consistent snapshot)."""
    graph = Graph()
    g = graph.nx
    g.add_nodes_from(
        (nid, json.loads(data))
        for nid, data in db.execute("SELECT id, data FROM nodes ORDER BY id")
    )
    g.add_edges_from(
        (u, v, k, json.loads(data))
        for u, v, k, data in db.execute(
            "SELECT source, target, type, data FROM edges ORDER BY source, target, type"
        )
    )
    return graph


def write_all(db: sqlite3.Connection, graph: Graph) -> None:
    """Replace every row with ``graph`` (the caller holds the write transaction), in bulk:
    a migration or a ``pull`` writes a whole graph at once."""
    for table in ("nodes", "edges", "evidence_docs", "doc_paths", "aliases"):
        db.execute(f"DELETE FROM {table}")  # noqa: S608 - a fixed list of names
    g = graph.nx
    db.executemany(
        "INSERT INTO nodes(id, label, name, data) VALUES (?, ?, ?, ?)",
        ((nid, d["labels"][0], d["name"], dumps(d)) for nid, d in g.nodes(data=True)),
    )
    db.executemany(
        "INSERT OR IGNORE INTO aliases VALUES (?, ?, ?)",
        (
            (alias, nid, i)
            for nid, d in g.nodes(data=True)
            for i, alias in enumerate(d.get("aliases", ()))
        ),
    )
    db.executemany(
        "INSERT INTO edges VALUES (?, ?, ?, ?)",
        ((u, v, k, dumps(d)) for u, v, k, d in g.edges(keys=True, data=True)),
    )
    db.executemany(
        "INSERT OR IGNORE INTO evidence_docs VALUES (?, ?, ?, ?)",
        (
            (e["doc"], u, v, k)
            for u, v, k, d in g.edges(keys=True, data=True)
            for e in d.get("evidence", ())
        ),
    )
    db.executemany(
        "INSERT OR IGNORE INTO doc_paths VALUES (?, ?)",
        (
            (path, d["doc_id"])
            for _, d in g.nodes(data=True)
            if d["labels"][0] == DOCUMENT
            for path in d.get("paths") or ([d["path"]] if d.get("path") else [])
        ),
    )
    db.execute(
        f"UPDATE nodes SET degree = "  # noqa: S608 - a fixed type name
        f"(SELECT count(*) FROM edges WHERE source = nodes.id AND type != '{MENTIONED_IN}')"
        f" + (SELECT count(*) FROM edges WHERE target = nodes.id AND type != '{MENTIONED_IN}')"
    )


def documents(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """:meth:`Graph.documents` from the label index."""
    rows = db.execute(f"SELECT data FROM nodes WHERE label='{DOCUMENT}' ORDER BY id")  # noqa: S608
    return [json.loads(data) for (data,) in rows]


def counts(db: sqlite3.Connection) -> dict[str, Any]:
    """:meth:`Graph.stats` from the indexes alone."""
    labels = dict(db.execute("SELECT label, count(*) FROM nodes GROUP BY label ORDER BY label"))
    types = dict(db.execute("SELECT type, count(*) FROM edges GROUP BY type ORDER BY type"))
    return {"documents": labels.pop(DOCUMENT, 0), "nodes": labels, "relationships": types}


def subgraph(db: sqlite3.Connection, ids: Iterable[str]) -> Graph:
    """The nodes ``ids`` (those stored) and all their relationships; the far ends of
    those are present as bare nodes, without attributes."""
    graph = Graph()
    g = graph.nx
    wanted = sorted(set(ids))
    for chunk in _chunks(wanted):
        marks = _marks(len(chunk))
        g.add_nodes_from(
            (nid, json.loads(data))
            for nid, data in db.execute(
                f"SELECT id, data FROM nodes WHERE id IN ({marks})",  # noqa: S608
                chunk,
            )
        )
        for column in ("source", "target"):
            g.add_edges_from(
                (u, v, k, json.loads(data))
                for u, v, k, data in db.execute(
                    f"SELECT source, target, type, data FROM edges WHERE {column} IN ({marks})",  # noqa: S608
                    chunk,
                )
            )
    return graph


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _edge_key(rel_type: str, source: str, target: str) -> tuple[str, str, str]:
    """(source, target, type) as the store keeps a relationship: a symmetric one (PARTNERS_WITH)
    from the end that sorts first."""
    spec = SCHEMA.relationships.get(rel_type)
    if spec is not None and spec.symmetric and target < source:
        return target, source, rel_type
    return source, target, rel_type


def _marks(n: int) -> str:
    return ",".join("?" * n)


class WorkingGraph(Graph):
    """A Graph that holds only the rows a load or unload touches, fetched on demand.

    Every method of :class:`Graph` that changes a document first fetches what it
    reads; :meth:`flush` writes back the rows that changed and forgets the rest.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        super().__init__()
        self.db = db
        self._reset()

    def _reset(self) -> None:
        self.nx = Graph().nx
        self._by_path = None
        self._node_rows: dict[str, str | None] = {}  # id → its row's data as fetched
        self._edge_rows: dict[tuple[str, str, str], str | None] = {}
        self._edge_docs: dict[tuple[str, str, str], set[str]] = {}  # as fetched
        self._stubs: set[str] = set()  # ends of fetched edges whose rows were not fetched
        self._documents: set[str] = set()  # doc ids fetched with all their relationships
        self._paths: set[str] = set()
        # what changed since the last write: the rows a flush compares with the stored
        self._dirty_nodes: set[str] = set()
        self._dirty_edges: set[tuple[str, str, str]] = set()
        self._waiting = 0  # of the changed relationships, those left for a later write
        self._all_dirty = False  # a document was removed: every row held may have changed
        # a store that holds nothing yet (a first load): every row it will hold while this
        # graph lives is held here too, and there is nothing to fetch
        first = "SELECT 1 FROM nodes WHERE id >= '' LIMIT 1"  # a key search, not a scan
        self._all_held = self.db.execute(first).fetchone() is None

    # -- fetching ------------------------------------------------------------------

    def _fetch_nodes(self, ids: Iterable[str]) -> None:
        if self._all_held:
            return
        wanted = [i for i in dict.fromkeys(ids) if i not in self._node_rows]
        for chunk in _chunks(wanted):
            rows = dict(
                self.db.execute(
                    f"SELECT id, data FROM nodes WHERE id IN ({_marks(len(chunk))})",  # noqa: S608
                    chunk,
                )
            )
            for nid in chunk:
                data = rows.get(nid)
                self._node_rows[nid] = data
                if data is not None:
                    self._stubs.discard(nid)
                    attrs = json.loads(data)
                    self.nx.add_node(nid, **attrs)
                    if attrs["labels"][0] == DOCUMENT:
                        self._reindex(attrs["doc_id"], [])

    def _add_edge_rows(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        for u, v, k, data in rows:
            if (u, v, k) in self._edge_rows:
                continue
            self._edge_rows[u, v, k] = data
            for end in (u, v):
                if end not in self.nx:
                    self._stubs.add(end)
            attrs = json.loads(data)
            self._edge_docs[u, v, k] = {e["doc"] for e in attrs.get("evidence", ())}
            self.nx.add_edge(u, v, key=k, **attrs)

    def _fetch_edge(self, u: str, v: str, k: str) -> None:
        if self._all_held or (u, v, k) in self._edge_rows:
            return
        row = self.db.execute(
            "SELECT data FROM edges WHERE source=? AND type=? AND target=?", (u, k, v)
        ).fetchone()
        if row is None:
            self._edge_rows[u, v, k] = None
        else:
            self._add_edge_rows([(u, v, k, row[0])])

    def _fetch_document(self, doc_id: str) -> None:
        """The Document, the nodes it mentions with all their MENTIONED_IN, and every
        relationship it gave evidence to, with both ends: what removing it reads."""
        if self._all_held or doc_id in self._documents:
            return
        self._documents.add(doc_id)
        doc_nid = document_node_id(doc_id)
        self._fetch_nodes([doc_nid])
        if self._node_rows.get(doc_nid) is None:
            return
        mentions = self.db.execute(
            "SELECT source, target, type, data FROM edges WHERE target=? AND type=?",
            (doc_nid, MENTIONED_IN),
        ).fetchall()
        mentioned = [u for u, _, _, _ in mentions]
        self._fetch_nodes(mentioned)
        self._add_edge_rows(mentions)
        for nid in mentioned:
            self._add_edge_rows(
                self.db.execute(
                    "SELECT source, target, type, data FROM edges WHERE source=? AND type=?",
                    (nid, MENTIONED_IN),
                )
            )
        related = self.db.execute(
            "SELECT e.source, e.target, e.type, e.data FROM evidence_docs d JOIN edges e"
            " ON e.source = d.source AND e.type = d.type AND e.target = d.target WHERE d.doc=?",
            (doc_id,),
        ).fetchall()
        self._fetch_nodes([end for u, v, _, _ in related for end in (u, v)])
        self._add_edge_rows(related)

    def _fetch_path(self, path: str) -> None:
        if self._all_held or path in self._paths:
            return
        self._paths.add(path)
        rows = self.db.execute("SELECT doc FROM doc_paths WHERE path=?", (path,)).fetchall()
        self._fetch_nodes([document_node_id(doc_id) for (doc_id,) in rows])

    def stored_document_ids(self) -> set[str]:
        """The doc ids of every Document the store holds, from the label index (not the
        ones this graph has fetched, as :meth:`documents` would give)."""
        rows = self.db.execute("SELECT id FROM nodes WHERE label=?", (DOCUMENT,))
        return {nid.removeprefix(DOCUMENT + ":") for (nid,) in rows}

    # -- the Graph methods, each fetching what it reads ---------------------------

    def nodes(self, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """The fetched nodes (not the bare ends of fetched relationships)."""
        for nid, data in self.nx.nodes(data=True):
            if nid not in self._stubs and (label is None or data["labels"][0] == label):
                yield nid, data

    def add_document(self, doc_id: str, **metadata: Any) -> str:
        self._fetch_nodes([document_node_id(doc_id)])
        nid = super().add_document(doc_id, **metadata)
        self._dirty_nodes.add(nid)
        return nid

    def add_mention(self, label: str, name: str, doc_id: str, **kwargs: Any) -> str:
        nid = node_id(label, name)
        if nid not in self._node_rows:
            self._fetch_nodes([nid])
        super().add_mention(label, name, doc_id, **kwargs)
        self._dirty_nodes.add(nid)
        self._dirty_edges.add((nid, document_node_id(doc_id), MENTIONED_IN))
        return nid

    def add_relation(self, rel_type: str, source: str, target: str, **kwargs: Any) -> None:
        key = _edge_key(rel_type, source, target)
        self._fetch_edge(*key)
        super().add_relation(rel_type, source, target, **kwargs)
        self._dirty_edges.add(key)

    def prefetch(self, node_ids: Iterable[str], relations: Iterable[tuple[str, str, str]]) -> None:
        """Fetch in a few queries the nodes and (type, source, target) relationships that
        adding one document's facts reads, instead of one query for each."""
        if self._all_held:
            return
        self._fetch_nodes(node_ids)
        keys = dict.fromkeys(_edge_key(*r) for r in relations)
        wanted = [key for key in keys if key not in self._edge_rows]
        for chunk in _chunks(wanted, CHUNK // 3):
            values = ",".join(["(?,?,?)"] * len(chunk))
            rows = self.db.execute(  # a join, not (source, type, target) IN (VALUES …),
                # which SQLite answers by scanning every relationship
                f"WITH wanted(source, target, type) AS (VALUES {values})"  # noqa: S608
                " SELECT e.source, e.target, e.type, e.data FROM wanted JOIN edges e"
                " ON e.source = wanted.source AND e.target = wanted.target"
                " AND e.type = wanted.type",
                [x for key in chunk for x in key],
            ).fetchall()
            self._add_edge_rows(rows)
            for key in chunk:
                self._edge_rows.setdefault(key, None)

    def remove_document(self, doc_id: str) -> bool:
        self._fetch_document(doc_id)
        removed = super().remove_document(doc_id)
        self._all_dirty |= removed
        return removed

    def document_paths(self, doc_id: str) -> list[str]:
        self._fetch_nodes([document_node_id(doc_id)])
        return super().document_paths(doc_id)

    def set_document_paths(self, doc_id: str, paths: Iterable[str]) -> None:
        self._fetch_nodes([document_node_id(doc_id)])
        super().set_document_paths(doc_id, paths)
        self._dirty_nodes.add(document_node_id(doc_id))

    def documents_from_path(self, path: str) -> list[str]:
        self._fetch_path(path)
        return super().documents_from_path(path)

    def paths_below(self, folder: str) -> list[str]:
        prefix = os.path.join(folder.rstrip(os.sep), "")
        rows = self.db.execute(
            "SELECT DISTINCT path FROM doc_paths WHERE path >= ? AND path < ?",
            (prefix, prefix + "\U0010ffff"),
        ).fetchall()
        for (path,) in rows:
            self._fetch_path(path)
        return super().paths_below(folder)

    # -- writing back --------------------------------------------------------------

    def flush_when_large(self, *, ending: bool = False) -> None:
        """Write back as a load goes: the rows changed since the last time once
        :data:`WRITE_ROWS` have changed, but for the relationships written before that
        have not doubled since (see :meth:`flush`); with the last few files
        (``ending``), everything changed, at once: what is left for the end is written
        while nothing else runs; and everything (forgetting it all) once
        :data:`FLUSH_NODES` nodes are held."""
        changed = len(self._dirty_nodes) + len(self._dirty_edges)
        if self.nx.number_of_nodes() >= FLUSH_NODES:
            self.flush()
        elif ending and changed:
            self.flush(forget=False)
        elif changed - self._waiting >= WRITE_ROWS:
            self.flush(forget=False, wait=True)

    def flush(self, *, forget: bool = True, wait: bool = False) -> None:
        """Write the rows that changed (the caller holds the write transaction); with
        ``forget``, forget every row held, else keep them as written.

        With ``wait``, a relationship written before waits (its row stays marked
        changed) until it has twice as many pieces of evidence as it had documents
        then: one that hundreds of documents state would else be written whole at every
        write, and writing would grow with the square of the corpus (a 15 MB load wrote
        121 MB of rows for a store of 24 MB; now 32 MB)."""
        db, g = self.db, self.nx
        if self._all_dirty:  # a document was removed: look at every row held
            node_ids, edge_keys = (
                self._node_rows.keys() | g.nodes,
                self._edge_rows.keys() | set(g.edges(keys=True)),
            )
        else:
            node_ids, edge_keys = self._dirty_nodes, self._dirty_edges
        # in key order: SQLite then adds to its trees page by page, not all over them
        # (a sixth of a load's writing time)
        node_ids, edge_keys = sorted(node_ids), sorted(edge_keys)
        for nid in node_ids:
            old = self._node_rows.get(nid)
            if old is not None and nid not in g:
                db.execute("DELETE FROM nodes WHERE id=?", (nid,))
                _delete_aliases(db, nid, json.loads(old))
                if nid.startswith(DOCUMENT + ":"):
                    db.execute("DELETE FROM doc_paths WHERE doc=?", (json.loads(old)["doc_id"],))
                self._node_rows[nid] = None
        # rows are written in batches, one statement for each kind of change
        node_rows = []
        for nid in node_ids:
            if nid not in g or nid in self._stubs:
                continue
            attrs = g.nodes[nid]
            data = dumps(attrs)
            old = self._node_rows.get(nid)
            if data != old:
                self._write_aliases(nid, old, attrs)
                node_rows.append((nid, attrs["labels"][0], attrs["name"], data))
                if attrs["labels"][0] == DOCUMENT:
                    self._write_paths(attrs)
                self._node_rows[nid] = data
        db.executemany(
            "INSERT INTO nodes(id, label, name, data) VALUES (?, ?, ?, ?) ON CONFLICT(id)"
            " DO UPDATE SET label=excluded.label, name=excluded.name, data=excluded.data",
            node_rows,
        )
        degrees: Counter[str] = Counter()  # every relationship but MENTIONED_IN counts, per end
        evidence_gone, evidence_new = [], []
        gone = [key for key in edge_keys if self._edge_rows.get(key) and not g.has_edge(*key)]
        for u, v, k in gone:
            evidence_gone += [(d, u, v, k) for d in self._edge_docs.pop((u, v, k), ())]
            self._edge_rows[u, v, k] = None
            if k != MENTIONED_IN:
                degrees[u] -= 1
                degrees[v] -= 1
        db.executemany(
            "DELETE FROM edges WHERE source=? AND type=? AND target=?",
            [(u, k, v) for u, v, k in gone],
        )

        waiting: set[tuple[str, str, str]] = set()

        def edge_rows() -> Iterator[tuple[str, str, str, str]]:
            """The changed relationships' rows, one at a time (their JSON is most of a
            load's size); their evidence index and degree changes noted on the way."""
            for key in edge_keys:
                attrs = g.get_edge_data(*key)
                if attrs is None:
                    continue
                u, v, k = key
                if (
                    wait
                    and k != MENTIONED_IN
                    and self._edge_rows.get(key)  # written (or fetched) before
                    and len(attrs["evidence"]) < 2 * len(self._edge_docs.get(key, ()))
                ):
                    waiting.add(key)
                    continue
                data = dumps(attrs)
                old = self._edge_rows.get(key)
                if data == old:
                    continue
                yield u, v, k, data
                # not the text: a relationship marked changed has always changed so
                # far, and its text is most of what a load holds
                self._edge_rows[key] = WRITTEN
                if k == MENTIONED_IN:  # no evidence, no degree
                    continue
                before = self._edge_docs.get(key, set())
                after = {e["doc"] for e in attrs.get("evidence", ())}
                if before != after:
                    evidence_gone.extend((d, u, v, k) for d in before - after)
                    evidence_new.extend((d, u, v, k) for d in after - before)
                    self._edge_docs[key] = after
                if old is None:
                    degrees[u] += 1
                    degrees[v] += 1

        db.executemany("INSERT OR REPLACE INTO edges VALUES (?, ?, ?, ?)", edge_rows())
        db.executemany(
            "DELETE FROM evidence_docs WHERE doc=? AND source=? AND target=? AND type=?",
            evidence_gone,
        )
        evidence_new.sort()
        db.executemany("INSERT OR IGNORE INTO evidence_docs VALUES (?, ?, ?, ?)", evidence_new)
        db.executemany(
            "UPDATE nodes SET degree = degree + ? WHERE id = ?",
            [(change, nid) for nid, change in degrees.items() if change],
        )
        if forget:
            self._reset()
        else:
            self._dirty_nodes, self._dirty_edges, self._all_dirty = set(), waiting, False
            self._waiting = len(waiting)

    def _write_aliases(self, nid: str, old: str | None, attrs: dict[str, Any]) -> None:
        """Keep the alias index: the node's aliases as they are now (``old`` its row)."""
        before = json.loads(old) if old is not None else {}
        if before.get("aliases", []) != attrs.get("aliases", []):
            _delete_aliases(self.db, nid, before)
            _insert_aliases(self.db, nid, attrs)

    def _write_paths(self, attrs: dict[str, Any]) -> None:
        doc_id = attrs["doc_id"]
        self.db.execute("DELETE FROM doc_paths WHERE doc=?", (doc_id,))
        paths = attrs.get("paths") or ([attrs["path"]] if attrs.get("path") else [])
        self.db.executemany("INSERT INTO doc_paths VALUES (?, ?)", [(p, doc_id) for p in paths])
