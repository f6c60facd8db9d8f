"""policygraph: Chinese policy documents → a graph of actors, programs and policies.

Every CLI command is also a Python call::

    import policygraph
    report = policygraph.load(["docs/"], db="policygraph-data")
    policygraph.stats(db="policygraph-data")
    policygraph.export("graph.json", db="policygraph-data")
    policygraph.draw("map.html", db="policygraph-data")
    policygraph.query("programs_in_place", place="闵行区", db="policygraph-data")
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

__all__ = [
    "Graph",
    "LoadReport",
    "doctor",
    "draw",
    "export",
    "load",
    "open_store",
    "pull",
    "push",
    "query",
    "stats",
    "unload",
]


def open_store(db: Db = None) -> FileStore:
    """The embedded store in ``db`` (default: ``POLICYGRAPH_DB`` or ``./policygraph-data``)."""
    return FileStore(data_dir(db))


def load(
    paths: Iterable[str | os.PathLike[str]],
    db: Db = None,
    *,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
    debug: bool = False,
) -> LoadReport:
    """Load files and folders into the store; see :func:`policygraph.ingest.load_paths`."""
    return load_paths(paths, open_store(db), on_start=on_start, on_file=on_file, debug=debug)


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


def push(db: Db = None) -> dict[str, dict[str, int]]:
    """Copy the embedded graph into Neo4j (NEO4J_* settings); return Neo4j's counts."""
    from policygraph.graph.neo4j import Neo4jStore

    graph = open_store(db).read()
    with Neo4jStore() as neo4j:
        neo4j.server_info()
        neo4j.write(graph)
        return neo4j.counts()


def pull(db: Db = None) -> dict[str, Any]:
    """Replace the embedded graph with the one Neo4j holds; return its stats."""
    from policygraph.graph.neo4j import Neo4jStore

    with Neo4jStore() as neo4j:
        neo4j.server_info()
        pulled = neo4j.read()
    store = open_store(db)
    with store.transaction() as graph:
        graph.nx = pulled.nx
    return pulled.stats()


def doctor() -> dict[str, Any]:
    """Neo4j's connection, server version, constraints and counts, for a quick check."""
    from policygraph.graph.neo4j import Neo4jStore

    with Neo4jStore() as neo4j:
        info = neo4j.server_info()
        neo4j.ensure_constraints()
        return {**info, "constraints": neo4j.constraints(), **neo4j.counts()}


def draw(path: str | os.PathLike[str], db: Db = None, title: str = "policygraph") -> MapInfo:
    """Write an interactive HTML map of the stored graph that works offline."""
    return write_map(open_store(db).read(), path, title)


def query(
    template: str, /, *, db: Db = None, store: str = "embedded", **params: Any
) -> list[dict[str, Any]]:
    """The rows (plain dicts) of query ``template`` with ``params``, on either store.

    ``policygraph.queries.templates()`` lists the templates and their parameters; an
    unknown name or parameter raises a QueryError that lists the valid ones::

        policygraph.query("policy_cascade", policy="新时期产业工人队伍建设改革方案")
        policygraph.query("neighbourhood", name="闵行区总工会", k=2, store="neo4j")
    """
    from policygraph.queries import run_query

    return run_query(template, params, store=store, db=db)
