"""policygraph: Chinese policy documents → a graph of actors, programs and policies.

Every CLI command is also a Python call::

    import policygraph
    report = policygraph.load(["docs/"], db="policygraph-data")
    policygraph.stats(db="policygraph-data")
    policygraph.export("graph.json", db="policygraph-data")
    policygraph.draw("map.html", db="policygraph-data")
    policygraph.draw("ego.html", db="policygraph-data", ego="闵行区总工会", hops=2)
    policygraph.report("report.html", db="policygraph-data")
    policygraph.curate("policygraph-data", "curation.yaml")
    policygraph.candidates("policygraph-data", label="Organization")
    policygraph.query("programs_in_place", place="闵行区", db="policygraph-data")
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policygraph.atomic import write_atomic
from policygraph.config import data_dir
from policygraph.errors import PolicyGraphError, StoreError

# The heavy libraries (networkx, pyvis, matplotlib, the Neo4j driver, the gazetteer)
# are imported by the calls that use them, so that `policygraph --help` starts fast.
if TYPE_CHECKING:
    from policygraph.graph.candidates import Candidate
    from policygraph.graph.curation import CurationReport
    from policygraph.graph.model import Graph
    from policygraph.graph.store import FileStore
    from policygraph.ingest import LoadReport, UnloadReport
    from policygraph.viz.maps import MapInfo
    from policygraph.viz.report import ReportInfo, Table

# Public names that live in submodules, imported when first asked for.
LAZY = {
    "Candidate": "policygraph.graph.candidates",
    "CurationReport": "policygraph.graph.curation",
    "Graph": "policygraph.graph.model",
    "LoadReport": "policygraph.ingest",
    "UnloadReport": "policygraph.ingest",
}


def __getattr__(name: str) -> Any:
    """``policygraph.Graph`` and friends, imported on first use (PEP 562)."""
    if name in LAZY:
        import importlib

        return getattr(importlib.import_module(LAZY[name]), name)
    raise AttributeError(f"module 'policygraph' has no attribute {name!r}")


__version__ = "0.1.0"

Db = str | os.PathLike[str] | None

__all__ = [
    "Candidate",
    "CurationReport",
    "Graph",
    "LoadReport",
    "UnloadReport",
    "candidates",
    "curate",
    "doctor",
    "draw",
    "existing_store",
    "export",
    "load",
    "open_store",
    "pull",
    "push",
    "read_graph",
    "query",
    "report",
    "stats",
    "unload",
]


def open_store(db: Db = None) -> FileStore:
    """The embedded store in ``db`` (default: ``POLICYGRAPH_DB`` or ``./policygraph-data``)."""
    from policygraph.graph.store import FileStore

    folder = data_dir(db)
    if folder.exists() and not folder.is_dir():
        raise PolicyGraphError(f"{folder}: --db names a file; it must be the store's folder")
    return FileStore(folder)


def read_graph(db: Db = None, *, since: str | None = None, until: str | None = None) -> Graph:
    """The (curated) graph of the store in ``db``; an error naming the folder when it holds
    no store, so that a typo in ``--db`` never reads as an empty graph.

    With ``since`` / ``until`` (2023, 2023-06, 2023-06-01), only what the documents dated
    in that period say (:mod:`policygraph.graph.period`).
    """
    from policygraph.graph.period import within

    return within(existing_store(db).read(), since, until)


def existing_store(db: Db = None) -> FileStore:
    """:func:`open_store`, with an error naming the folder when it holds no store (nothing
    read: ``stats`` and ``query`` answer from the store's indexes)."""
    store = open_store(db)
    if not store.exists():
        raise StoreError(
            f"{store.folder}: no policygraph store here; "
            f"`policygraph load DOCS --db {store.folder}` makes one"
        )
    return store


def load(
    paths: Iterable[str | os.PathLike[str]],
    db: Db = None,
    *,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
    debug: bool = False,
    curation: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
) -> LoadReport:
    """Load files and folders into the store; see :func:`policygraph.ingest.load_paths`.

    ``jobs`` processes extract in parallel (default: the machine's cores); the
    graph is the same whatever their number.

    ``curation`` (a YAML file) becomes the store's ``curation.yaml``; without it
    the one already there is used. Either is checked before any document is read,
    and ``report.curation`` says which corrections applied.
    """
    from policygraph.graph.curation import load_curation
    from policygraph.ingest import load_paths

    store = open_store(db)
    source = Path(curation) if curation is not None else store.curation_path
    corrections = load_curation(source) if source.exists() or curation is not None else []
    report = load_paths(
        paths,
        store,
        jobs=jobs,
        corrections=corrections,
        on_start=on_start,
        on_file=on_file,
        on_phase=on_phase,
        debug=debug,
    )
    if curation is not None:
        _install_curation(store, source)
    return report


def curate(db: Db = None, curation: str | os.PathLike[str] | None = None) -> CurationReport:
    """Apply a curation file to the store (it becomes ``<db>/curation.yaml``); report it.

    Without ``curation``, report on the store's own ``curation.yaml``.
    """
    from policygraph.graph.curation import load_curation

    store = open_store(db)
    source = Path(curation) if curation is not None else store.curation_path
    corrections = load_curation(source)
    if curation is not None:
        _install_curation(store, source)
    return store.curation_report(corrections)  # reads only the nodes they name


def _install_curation(store: FileStore, source: Path) -> None:
    """Copy ``source`` to the store's curation.yaml; an older, different one is kept aside."""
    target = store.curation_path
    if target.exists() and target.resolve() == source.resolve():
        return
    store.folder.mkdir(parents=True, exist_ok=True)
    content = source.read_bytes()
    if target.exists() and target.read_bytes() != content:
        previous = target.with_name(target.name + ".previous")
        write_atomic(previous, target.read_bytes(), allowed=previous)
    write_atomic(target, content, allowed=target)


def candidates(db: Db = None, label: str | None = None, min_score: float = 80) -> list[Candidate]:
    """Likely duplicate nodes of the (curated) store, best first; see ``policygraph candidates``."""
    from policygraph.graph.candidates import find_candidates
    from policygraph.schema import SCHEMA

    if label is not None and label not in SCHEMA.entity_labels:
        raise PolicyGraphError(
            f"unknown label {label!r}; use one of {', '.join(SCHEMA.entity_labels)}"
        )
    return find_candidates(read_graph(db), label=label, min_score=min_score)


def unload(document: str, db: Db = None) -> UnloadReport:
    """Remove a document by id, or what a file or folder gave (it may no longer exist).

    ``report.removed`` are the removed ids; ``report.kept`` the documents that other
    files with the same text still give.
    """
    from policygraph.ingest import unload_document

    # no store: say so, rather than "no loaded document"
    return unload_document(document, existing_store(db))


def stats(db: Db = None, *, documents: bool = True) -> dict[str, Any]:
    """Counts by label and relationship type, and (unless ``documents=False``) the loaded
    documents as ``document_list``."""
    store = existing_store(db)  # counted from the indexes, the curation applied
    counted = store.counts()
    return {**counted, "document_list": store.documents()} if documents else counted


def export(
    path: str | os.PathLike[str],
    fmt: str = "node-link",
    db: Db = None,
    *,
    since: str | None = None,
    until: str | None = None,
) -> Path:
    """Write the stored graph as node-link JSON, GraphML, GEXF, a csv folder or xlsx;
    ``since`` / ``until`` keep what the documents of that period say."""
    from policygraph.graph.export import write_export

    return write_export(read_graph(db, since=since, until=until), path, fmt)


def push(db: Db = None) -> dict[str, dict[str, int]]:
    """Copy the embedded graph into Neo4j (NEO4J_* settings); return Neo4j's counts."""
    from policygraph.graph.neo4j import Neo4jStore

    graph = read_graph(db)
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


def draw(
    path: str | os.PathLike[str],
    db: Db = None,
    title: str = "policygraph",
    *,
    ego: str | None = None,
    hops: int = 1,
    place: str | None = None,
    labels: Iterable[str] | None = None,
    cascade: str | None = None,
    names: Iterable[str] | None = None,
    rows: list[dict] | None = None,
    max_nodes: int | None = None,
    since: str | None = None,
    until: str | None = None,
) -> MapInfo:
    """Write an interactive HTML map of the stored graph that works offline.

    At most one of ``ego`` (with ``hops``), ``place``, ``labels``, ``cascade`` (a policy),
    ``names`` or ``rows`` (a query's result rows: the nodes they name) chooses a part of
    the graph; none maps it whole.
    Above ``max_nodes`` (default :data:`policygraph.viz.layout.MAX_NODES`) the map keeps
    the most connected nodes and says what it left out. ``since`` / ``until`` keep what
    the documents of that period say.
    """
    from policygraph.viz.draw import draw_graph

    return draw_graph(
        read_graph(db, since=since, until=until),
        path,
        title,
        ego=ego,
        hops=hops,
        place=place,
        labels=labels,
        cascade=cascade,
        names=names,
        rows=rows,
        max_nodes=max_nodes,
    )


def report(
    path: str | os.PathLike[str],
    db: Db = None,
    title: str = "policygraph report",
    *,
    tables: list[Table] | None = None,
    more_tables: list[Table] | None = None,
    charts_dir: str | os.PathLike[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> ReportInfo:
    """Write one self-contained HTML page: counts, charts, maps and tables.

    The tables are the main query templates' answers (:data:`REPORT_QUERIES`);
    ``tables`` (:class:`policygraph.viz.report.Table`, rows as dicts) replace them,
    ``more_tables`` follow them. With ``charts_dir`` the charts are also written
    there as SVG files. The report ends with its source documents; ``since`` / ``until``
    keep what the documents of that period say.
    """
    from policygraph.queries import run_query, template
    from policygraph.viz.charts import write_charts
    from policygraph.viz.report import Table, documents_table, write_report

    graph = read_graph(db, since=since, until=until)
    if charts_dir is not None:
        write_charts(graph, charts_dir)
    if tables is None:
        tables = [
            Table(
                template(name).description_en,
                run_query(name, params, graph=graph),
                f"query template {name}",
            )
            for name, params in REPORT_QUERIES
        ]
    more_tables = [*(more_tables or []), documents_table(graph)]
    return write_report(graph, path, title, tables=tables, more_tables=more_tables)


# The query templates whose answers a report shows, with their parameters.
REPORT_QUERIES = (
    ("most_connected", {"limit": 20}),
    ("issued_by_level", {"limit": 50}),
    ("people_positions", {"limit": 50}),
    ("group_targets", {"limit": 50}),
)


def query(
    template: str,
    /,
    *,
    db: Db = None,
    store: str = "embedded",
    since: str | None = None,
    until: str | None = None,
    **params: Any,
) -> list[dict[str, Any]]:
    """The rows (plain dicts) of query ``template`` with ``params``, on either store.

    ``policygraph.queries.templates()`` lists the templates and their parameters; an
    unknown name or parameter raises a QueryError that lists the valid ones; ``since`` /
    ``until`` (2023, 2023-06, 2023-06-01) ask only what the documents of that period say::

        policygraph.query("policy_cascade", policy="新时期产业工人队伍建设改革方案")
        policygraph.query("neighbourhood", name="闵行区总工会", k=2, store="neo4j")
    """
    from policygraph.queries import run_query

    if since is None and until is None:
        return run_query(template, params, store=store, db=db)
    if store != "embedded":
        raise PolicyGraphError("--since and --until work on the embedded store, not on Neo4j")
    return run_query(template, params, graph=read_graph(db, since=since, until=until))
