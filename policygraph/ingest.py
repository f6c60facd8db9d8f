"""Loading and unloading documents: read → extract → resolve → store, with a report.

One unreadable file never stops the others: it is reported in
:class:`LoadReport` with the reason, and the rest are loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policygraph.errors import PolicyGraphError, ReadError, StoreError
from policygraph.graph.curation import CurationReport
from policygraph.graph.model import Graph
from policygraph.graph.resolve import add_facts
from policygraph.graph.store import FileStore
from policygraph.loaders.extract import extract
from policygraph.loaders.read import iter_articles, iter_document_files
from policygraph.printable import printable


@dataclass
class LoadReport:
    """What a load did: documents loaded, files skipped with their reason.

    The counts add up: ``files`` = files that gave articles + ``skipped``; articles
    found = ``loaded`` + ``duplicates``; ``already_loaded`` is the part of ``loaded``
    the store held before (the same text: loaded again, nothing new).
    """

    loaded: list[tuple[str, str, str]] = field(default_factory=list)  # (file, doc_id, title)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    replaced: list[str] = field(default_factory=list)  # doc ids of older versions removed
    curation: CurationReport = field(default_factory=CurationReport)  # set by policygraph.load
    files: int = 0  # files found under the paths
    already_loaded: list[str] = field(default_factory=list)  # doc ids the store held before
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, doc_id) kept once

    @property
    def ok(self) -> bool:
        """True when at least one document was loaded."""
        return bool(self.loaded)


def collect_files(paths: Iterable[str | Path], report: LoadReport) -> list[Path]:
    """Every file under ``paths``; a path that does not exist goes into the report."""
    files: list[Path] = []
    for path in paths:
        problems: list[str] = []
        try:
            found = list(iter_document_files(Path(path), problems))
        except ReadError as exc:
            report.skipped.append((printable(str(path)), printable(str(exc))))
            continue
        for problem in problems:
            report.skipped.append((printable(problem.partition(": ")[0]), printable(problem)))
        if not found and not problems:
            shown = printable(str(path))
            report.skipped.append((shown, f"{shown}: an empty folder, no files to read"))
        files.extend(found)
    return files


def load_paths(
    paths: Iterable[str | Path],
    store: FileStore,
    *,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
    debug: bool = False,
) -> LoadReport:
    """Load files and folders (recursively) into ``store``.

    Re-loading a file replaces what it contributed; a file whose text changed
    replaces its older version. For progress, ``on_start`` gets the number of
    files found, ``on_file`` is called once per file and ``on_phase`` with what
    happens next once the files are read ("Writing the store"). With ``debug``, an
    unexpected error in one file is raised instead of reported.
    """
    report = LoadReport()
    files = collect_files(paths, report)
    report.files = len(files)
    if on_start:
        on_start(len(files))
    if not files:
        return report
    try:
        with store.transaction() as graph:
            before = {doc["doc_id"] for doc in graph.documents()}
            for path in files:
                _load_file(graph, path, report, debug)
                if on_file:
                    on_file(path)
            report.already_loaded = sorted({doc_id for _, doc_id, _ in report.loaded} & before)
            if on_phase:
                on_phase("Writing the store")
    except OSError as exc:  # a full disk, a read-only folder: the store is left as it was
        raise StoreError(
            f"{printable(str(store.folder))}: cannot write the store ({exc.strerror or exc}); "
            "nothing of this run was stored"
        ) from exc
    return report


def _load_file(graph: Graph, path: Path, report: LoadReport, debug: bool) -> None:
    """Add one file's articles as they are read; on an error, take back what it added."""
    added: list[tuple[str, str, str]] = []
    identical: list[tuple[str, str]] = []  # articles whose text was read before: kept once
    seen = {doc_id for _, doc_id, _ in report.loaded}
    try:
        for article in iter_articles(path):
            if article.doc_id in seen or article.doc_id in {a[1] for a in added}:
                identical.append((article.path, article.doc_id))
                continue
            add_facts(graph, extract(article))
            added.append((article.path, article.doc_id, article.title))
    except Exception as exc:  # one bad document must not lose the others
        for _, doc_id, _ in added:
            graph.remove_document(doc_id)
        if isinstance(exc, PolicyGraphError):
            report.skipped.append((printable(str(path)), printable(str(exc))))
            return
        if debug:
            raise
        shown = printable(str(path))
        report.skipped.append((shown, f"{shown}: could not extract ({printable(repr(exc))})"))
        return
    new_ids = {doc_id for _, doc_id, _ in added}
    for old in graph.documents_from_path(printable(str(path.resolve()))):
        if old not in new_ids:  # the file changed: its older version goes
            graph.remove_document(old)
            report.replaced.append(old)
    report.loaded += added
    report.duplicates += identical


def unload_document(target: str, store: FileStore) -> list[str]:
    """Remove a document by its id, or every document read from file ``target``.

    Returns the removed document ids; raises when nothing matched.
    """
    with store.transaction() as graph:
        path = Path(target)
        resolved = printable(str(path.resolve()))
        doc_ids = graph.documents_from_path(resolved) if path.is_file() else [target]
        removed = [doc_id for doc_id in doc_ids if graph.remove_document(doc_id)]
    if not removed:
        raise PolicyGraphError(
            f"no loaded document {printable(target)!r}; `policygraph stats --documents` lists them"
        )
    return removed
