"""Where a graph lives between runs: the store interface and the embedded file store.

The embedded store keeps the whole graph in one JSON file in a data folder.
A write goes to a temporary file beside it, is flushed to disk and renamed over
the old file, so a crash leaves either the old graph or the new one, never half
of one; a lock file makes a second writer wait for the first.

``graph.json`` holds the graph as loaded; an analyst's ``curation.yaml`` beside
it is applied by :meth:`FileStore.read` (the view every reader sees), never by
:meth:`FileStore.transaction`, so loading and unloading stay exact (see
:mod:`policygraph.graph.curation`).

>>> import tempfile
>>> store = FileStore(tempfile.mkdtemp())
>>> with store.transaction() as graph:
...     _ = graph.add_document("d1", title="标题")
>>> store.read().stats()["documents"]
1
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

import networkx as nx
from filelock import FileLock, Timeout

from policygraph.atomic import write_atomic
from policygraph.errors import StoreError
from policygraph.graph.curation import CURATION_FILE, apply_curation_file
from policygraph.graph.export import from_node_link, to_node_link
from policygraph.graph.model import Graph

FILE_FORMAT = "policygraph-graph"
FILE_VERSION = 1
GRAPH_FILE = "graph.json"
LOCK_TIMEOUT_SECONDS = 60
# The temporary files of a store write (older versions: .graph-XXXXXXXX.tmp).
STALE_TEMPORARY = re.compile(r"\.graph-[a-z0-9_]{8}\.tmp|\.graph\.json\.[a-z0-9_]{8}\.tmp")


class Store(Protocol):
    """What the CLI, the queries and the maps need of a store."""

    def read(self) -> Graph: ...

    def transaction(self) -> AbstractContextManager[Graph]: ...


class FileStore:
    """The embedded store: ``<folder>/graph.json``, written atomically under a lock."""

    def __init__(
        self, folder: str | os.PathLike[str], lock_timeout: float = LOCK_TIMEOUT_SECONDS
    ) -> None:
        self.folder = Path(folder)
        self.path = self.folder / GRAPH_FILE
        self.lock_timeout = lock_timeout
        self._lock = FileLock(str(self.folder / (GRAPH_FILE + ".lock")), timeout=lock_timeout)

    def exists(self) -> bool:
        return self.path.exists()

    @property
    def curation_path(self) -> Path:
        """The curation file applied on every read: ``<folder>/curation.yaml``."""
        return self.folder / CURATION_FILE

    def read(self) -> Graph:
        """The stored graph with the folder's curation applied (the view readers see)."""
        graph = self.read_raw()
        apply_curation_file(graph, self.curation_path)
        return graph

    def read_raw(self) -> Graph:
        """The stored graph as loaded; an empty one when nothing was stored yet."""
        if not self.path.exists():
            return Graph()
        try:
            payload = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(f"{self.path}: the graph file is unreadable ({exc})") from exc
        if (
            not isinstance(payload, dict)
            or payload.get("format") != FILE_FORMAT
            or payload.get("version") != FILE_VERSION
        ):
            raise StoreError(f"{self.path}: not a policygraph graph file of version {FILE_VERSION}")
        try:
            return from_node_link(payload["graph"])
        except (KeyError, TypeError, ValueError, AttributeError, nx.NetworkXError) as exc:
            raise StoreError(f"{self.path}: the graph file is damaged ({exc})") from exc

    def write(self, graph: Graph) -> None:
        """Replace the stored graph atomically (callers hold the lock)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = {"format": FILE_FORMAT, "version": FILE_VERSION, "graph": to_node_link(graph)}
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        write_atomic(self.path, text, allowed=self.path)  # keeps a plain file's mode

    @contextmanager
    def transaction(self) -> Iterator[Graph]:
        """Lock, read, let the caller change the graph, write it back.

        Nothing is written when the block raises.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise StoreError(
                f"{self.folder}: another policygraph process is writing to this store "
                f"(waited {self.lock_timeout:g}s for {self._lock.lock_file})"
            ) from exc
        try:
            # the lock is ours, so no write is under way: a temporary file is a killed one's
            for stale in self.folder.glob(".graph*.tmp"):
                if STALE_TEMPORARY.fullmatch(stale.name):
                    stale.unlink(missing_ok=True)
            graph = self.read_raw()  # corrections are never baked in: unload stays exact
            yield graph
            self.write(graph)
        finally:
            self._lock.release()
