"""Where a graph lives between runs: the store interface and the embedded store.

The embedded store is one SQLite database in the data folder (``graph.sqlite``,
in WAL mode; see :mod:`policygraph.graph.sqlite` for its tables). Every write is
one SQLite transaction, so a crash or a kill leaves either the old graph or the
new one, never half of one; a lock file makes a second writer wait for the first
(with a clear error after ``lock_timeout``), while readers are never blocked: they
read the last committed graph. A store's first write builds the database under
another name and renames it once committed, so a killed first load leaves no store. A load fetches and rewrites only the rows its
documents touch (:meth:`FileStore.working`).

``graph.sqlite`` holds the graph as loaded; an analyst's ``curation.yaml`` beside
it is applied by :meth:`FileStore.read` (the view every reader sees), never by
:meth:`FileStore.transaction`, so loading and unloading stay exact (see
:mod:`policygraph.graph.curation`). A store written by an older policygraph
(``graph.json``) is migrated on first use, and the JSON file kept beside it as
``graph.json.migrated``.

>>> import tempfile
>>> store = FileStore(tempfile.mkdtemp())
>>> with store.transaction() as graph:
...     _ = graph.add_document("d1", title="标题")
>>> store.read().stats()["documents"]
1
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

from policygraph.errors import StoreError
from policygraph.graph.curation import (
    CURATION_FILE,
    Correction,
    CurationReport,
    apply_curation,
    apply_curation_file,
    load_curation,
    named_nodes,
)
from policygraph.graph.lazy import LazyGraph
from policygraph.graph.model import Graph
from policygraph.graph.sqlite import (
    WorkingGraph,
    connect,
    counts,
    documents,
    read_all,
    subgraph,
    to_wal,
    write_all,
)
from policygraph.printable import printable

LEGACY_FORMAT = "policygraph-graph"
LEGACY_VERSION = 1
LEGACY_FILE = "graph.json"
GRAPH_FILE = "graph.sqlite"
LOCK_TIMEOUT_SECONDS = 60
# A first write builds the database under this name and renames it when committed,
# so that a killed first load leaves no store (and ``exists()`` means a committed one).
NEW_FILE = GRAPH_FILE + ".creating"
# The temporary files of a killed writer (older versions: .graph-XXXXXXXX.tmp,
# .graph.json.XXXXXXXX.tmp; a new or a migrated database).
STALE_TEMPORARY = re.compile(
    r"\.graph-[a-z0-9_]{8}\.tmp|\.graph\.json\.[a-z0-9_]{8}\.tmp"
    r"|graph\.sqlite\.(creating|migrating)(-wal|-shm|-journal)?"
)
# SQLite's primary result codes that mean the disk or the file system failed (not a
# damaged file): the disk is full, an I/O error, a read-only file or folder, a file that
# cannot be opened.
DISK_FAILURES = {13: "the disk is full", 10: "an I/O error", 8: "read-only", 14: "cannot open"}
# SQLITE_IOERR_SHMSIZE: the index of the write-ahead log (graph.sqlite-shm), which every
# reader maps, could not grow; on a full disk SQLite says no more than "disk I/O error".
SHM_CANNOT_GROW = 4874
WRITER_CACHE_KB = 64 * 1024  # a writer's page cache, at most (only what it touches)
log = logging.getLogger("policygraph")


class Store(Protocol):
    """What the CLI, the queries and the maps need of a store."""

    def read(self) -> Graph: ...

    def transaction(self) -> AbstractContextManager[Graph]: ...


def _named_stats(graph: Graph) -> dict[str, Counter[str]]:
    """Counts of a named subgraph's nodes with attributes (not the bare far ends) and of
    all its relationships."""
    return {
        "nodes": Counter(d["labels"][0] for _, d in graph.nx.nodes(data=True) if d),
        "relationships": Counter(k for _, _, k in graph.nx.edges(keys=True)),
    }


class FileStore:
    """The embedded store: ``<folder>/graph.sqlite``, one transaction per write, locked."""

    def __init__(
        self, folder: str | os.PathLike[str], lock_timeout: float = LOCK_TIMEOUT_SECONDS
    ) -> None:
        self.folder = Path(folder)
        self.path = self.folder / GRAPH_FILE
        self.legacy_path = self.folder / LEGACY_FILE
        self.lock_timeout = lock_timeout
        self.lock_path = self.folder / (GRAPH_FILE + ".lock")

    def exists(self) -> bool:
        return self.path.exists() or self.legacy_path.exists()

    @property
    def curation_path(self) -> Path:
        """The curation file applied on every read: ``<folder>/curation.yaml``."""
        return self.folder / CURATION_FILE

    # -- reading -----------------------------------------------------------------

    def read(self) -> Graph:
        """The stored graph with the folder's curation applied (the view readers see)."""
        graph = self.read_raw()
        apply_curation_file(graph, self.curation_path)
        return graph

    def read_raw(self) -> Graph:
        """The stored graph as loaded; an empty one when nothing was stored yet."""
        if not self.exists():
            return Graph()
        with self._reading() as db:
            return read_all(db)

    def counts(self) -> dict[str, Any]:
        """:meth:`Graph.stats` of the curated view from the indexes, without reading the
        graph: the stored counts, less those of the nodes the curation names (and their
        relationships), plus those of the same nodes curated."""
        if not self.exists():
            return Graph().stats()
        corrections = load_curation(self.curation_path) if self.curation_path.exists() else []
        with self._reading() as db:
            stored = counts(db)
            if not corrections:
                return stored
            named = subgraph(db, named_nodes(corrections))
            before = _named_stats(named)
            apply_curation(named, corrections)
            after = _named_stats(named)
        for part in ("nodes", "relationships"):
            total = Counter(stored[part])
            total.subtract(before[part])
            total.update(after[part])
            stored[part] = {k: n for k, n in sorted(total.items()) if n > 0}
        return stored

    @contextmanager
    def query_graph(self) -> Iterator[Graph]:
        """The curated view for the query twins: a :class:`LazyGraph` that reads only what
        a query touches, with the curation applied to the nodes it names."""
        if not self.exists():
            yield Graph()
            return
        corrections = load_curation(self.curation_path) if self.curation_path.exists() else []
        with self._reading() as db:
            yield LazyGraph(db, corrections)

    def documents(self) -> list[dict[str, Any]]:
        """:meth:`Graph.documents` of the stored graph, from the label index."""
        if not self.exists():
            return []
        with self._reading() as db:
            return documents(db)

    def curation_report(self, corrections: list[Correction]) -> CurationReport:
        """What ``corrections`` would do to the stored graph, reading only the nodes they
        name and those nodes' relationships."""
        if not self.exists():
            return apply_curation(Graph(), corrections)
        with self._reading() as db:
            return apply_curation(subgraph(db, named_nodes(corrections)), corrections)

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A connection inside a read transaction: one consistent snapshot."""
        db = self._connect()
        try:
            db.execute("BEGIN")
            yield db
            db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise self._read_error(exc) from exc
        finally:
            db.close()

    # -- writing -----------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Graph]:
        """Lock, read the whole graph, let the caller change it, write it back.

        Nothing is written when the block raises. Loads and unloads use
        :meth:`working`, which reads and writes only what they touch.
        """
        with self._writing() as db:
            graph = read_all(db)  # corrections are never baked in: unload stays exact
            yield graph
            write_all(db, graph)

    @contextmanager
    def working(self) -> Iterator[WorkingGraph]:
        """Lock, and give a graph that fetches the rows it touches; write back what changed.

        The caller may :meth:`~WorkingGraph.flush` as it goes (say, after each file):
        it is still one transaction, committed when the block ends, nothing written
        when it raises.
        """
        with self._writing() as db:
            graph = WorkingGraph(db)
            yield graph
            graph.flush()

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """Lock; one write transaction, committed when the block ends. A store's first
        write goes to :data:`NEW_FILE`, renamed to ``graph.sqlite`` once committed."""
        from filelock import FileLock, Timeout  # here: readers take no lock

        self.folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.lock_path), timeout=self.lock_timeout)
        try:
            lock.acquire()
        except Timeout as exc:
            raise StoreError(
                f"{self.folder}: another policygraph process is writing to this store "
                f"(waited {self.lock_timeout:g}s for {lock.lock_file})"
            ) from exc
        new = self.folder / NEW_FILE
        try:
            self._remove_stale()  # the lock is ours: a temporary file is a killed writer's
            creating = not self.exists()
            db = connect(str(new), new_file=True) if creating else self._connect(locked=True)
            # a load writes tens of MB in one transaction: with SQLite's default 2 MB
            # of cache, pages go out to the log and are read back again and again
            db.execute(f"PRAGMA cache_size=-{WRITER_CACHE_KB}")
            try:
                db.execute("BEGIN IMMEDIATE")
                yield db
                db.execute("COMMIT")
                if creating:
                    to_wal(db)
            except BaseException:
                db.rollback() if db.in_transaction else None
                raise
            finally:
                db.close()
            if creating:
                for orphan in ("-wal", "-shm"):  # of a graph.sqlite deleted by hand: not ours
                    self.path.with_name(GRAPH_FILE + orphan).unlink(missing_ok=True)
                os.replace(new, self.path)
        except sqlite3.DatabaseError as exc:
            raise self._write_error(exc) from exc
        finally:
            self._remove_stale()
            lock.release()

    def _remove_stale(self) -> None:
        """Remove the temporary files a killed writer left (the caller holds the lock)."""
        for stale in self.folder.glob("*graph*"):
            if STALE_TEMPORARY.fullmatch(stale.name):
                stale.unlink(missing_ok=True)

    def _write_error(self, exc: sqlite3.DatabaseError) -> StoreError:
        """A failed write as one line: a full disk is not a damaged store."""
        reason = _disk_failure(exc)
        if reason is None:
            return StoreError(f"{printable(str(self.path))}: the store is unreadable ({exc})")
        return StoreError(
            f"{printable(str(self.path))}: cannot write the store ({reason}: {exc}); "
            "nothing of this run was stored"
        )

    def _read_error(self, exc: sqlite3.DatabaseError) -> StoreError:
        """A failed read as one line: a full disk is not a damaged store either."""
        reason = _disk_failure(exc)
        if reason is None:
            return StoreError(f"{printable(str(self.path))}: the store is unreadable ({exc})")
        return StoreError(f"{printable(str(self.path))}: cannot read the store ({reason}: {exc})")

    # -- opening, and migrating a graph.json store ---------------------------------

    def _connect(self, locked: bool = False) -> sqlite3.Connection:
        if not self.path.exists() and self.legacy_path.exists():
            if locked:
                self._migrate()
            else:
                with self._writing():
                    pass  # migrates under the lock
        try:
            return connect(str(self.path), create=locked)
        except sqlite3.DatabaseError as exc:
            if locked:  # a writer's: a full disk is not a damaged store
                raise self._write_error(exc) from exc
            raise self._read_error(exc) from exc

    def _migrate(self) -> None:
        """graph.json (policygraph before the SQLite store) → graph.sqlite, once.

        Written under another name and renamed, so a kill midway leaves graph.json
        as it was, to be migrated on the next use.
        """
        graph = self._read_legacy()
        tmp = self.path.with_name(GRAPH_FILE + ".migrating")
        tmp.unlink(missing_ok=True)
        db = connect(str(tmp), new_file=True)
        try:
            db.execute("BEGIN IMMEDIATE")
            write_all(db, graph)
            db.execute("COMMIT")
            to_wal(db)
        finally:
            db.close()
        os.replace(tmp, self.path)
        os.replace(self.legacy_path, self.legacy_path.with_name(LEGACY_FILE + ".migrated"))
        log.warning(
            "Migrated %s to %s (%d nodes); the old file is kept as %s.migrated",
            self.legacy_path,
            self.path.name,
            len(graph),
            LEGACY_FILE,
        )

    def _read_legacy(self) -> Graph:
        """The graph of a graph.json store; a StoreError naming it when it is damaged."""
        try:
            payload = json.loads(self.legacy_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(f"{self.legacy_path}: the graph file is unreadable ({exc})") from exc
        if (
            not isinstance(payload, dict)
            or payload.get("format") != LEGACY_FORMAT
            or payload.get("version") != LEGACY_VERSION
        ):
            raise StoreError(
                f"{self.legacy_path}: not a policygraph graph file of version {LEGACY_VERSION}"
            )
        import networkx as nx

        from policygraph.graph.export import from_node_link

        try:
            return from_node_link(payload["graph"])
        except (KeyError, TypeError, ValueError, AttributeError, nx.NetworkXError) as exc:
            raise StoreError(f"{self.legacy_path}: the graph file is damaged ({exc})") from exc


def _disk_failure(exc: sqlite3.DatabaseError) -> str | None:
    """What the disk did wrong, when SQLite's error says (None: the file itself is bad).

    >>> error = sqlite3.OperationalError("disk I/O error")
    >>> error.sqlite_errorcode = SHM_CANNOT_GROW
    >>> _disk_failure(error)
    'graph.sqlite-shm cannot grow: is the disk full?'
    """
    code = getattr(exc, "sqlite_errorcode", 0)
    if code == SHM_CANNOT_GROW:
        return f"{GRAPH_FILE}-shm cannot grow: is the disk full?"
    return DISK_FAILURES.get(code & 0xFF)
