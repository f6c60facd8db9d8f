"""policygraph: Chinese policy documents → a graph of actors, programs and policies.

Every CLI command is also a Python call::

    import policygraph
    report = policygraph.load(["docs/"], db="policygraph-data")
    policygraph.stats(db="policygraph-data")
    policygraph.export("graph.json", db="policygraph-data")
    policygraph.draw("map.html", db="policygraph-data")
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from policygraph.config import data_dir
from policygraph.graph.export import write_export
from policygraph.graph.model import Graph
from policygraph.graph.store import FileStore
from policygraph.ingest import LoadReport, load_paths, unload_document
from policygraph.viz.maps import MapInfo, write_map

__version__ = "0.1.0"

Db = str | os.PathLike[str] | None

__all__ = ["Graph", "LoadReport", "draw", "export", "load", "open_store", "stats", "unload"]


def open_store(db: Db = None) -> FileStore:
    """The embedded store in ``db`` (default: ``POLICYGRAPH_DB`` or ``./policygraph-data``)."""
    return FileStore(data_dir(db))


def load(
    paths: Iterable[str | os.PathLike[str]],
    db: Db = None,
    *,
    on_file: Callable[[Path], None] | None = None,
    debug: bool = False,
) -> LoadReport:
    """Load files and folders into the store; see :func:`policygraph.ingest.load_paths`."""
    return load_paths(paths, open_store(db), on_file=on_file, debug=debug)


def unload(document: str, db: Db = None) -> list[str]:
    """Remove a document (by id, or by the file it was read from); return the removed ids."""
    return unload_document(document, open_store(db))


def stats(db: Db = None) -> dict[str, Any]:
    """Counts by label and relationship type, and the loaded documents."""
    graph = open_store(db).read()
    return {**graph.stats(), "document_list": graph.documents()}


def export(path: str | os.PathLike[str], fmt: str = "node-link", db: Db = None) -> Path:
    """Write the stored graph as node-link JSON, GraphML or GEXF."""
    return write_export(open_store(db).read(), path, fmt)


def draw(path: str | os.PathLike[str], db: Db = None, title: str = "policygraph") -> MapInfo:
    """Write an interactive HTML map of the stored graph that works offline."""
    return write_map(open_store(db).read(), path, title)
