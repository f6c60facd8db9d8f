"""Loading and unloading documents: read → extract → resolve → store, with a report.

One unreadable file never stops the others: it is reported in
:class:`LoadReport` with the reason, and the rest are loaded.

Extraction is a pure function of a file's articles, so with ``jobs`` above one
it runs in a pool of processes, one file at a time each; the main process adds
the results to the graph in the files' sorted order, so the graph (and every
export of it) is byte for byte what a one-process load gives.

Two files with the same text give one document (its id is a hash of the text).
It remembers every file it was read from; its facts and ``path`` come from the
first in sorted order, so the load order never matters, and unloading one of the
files removes only what that file alone gave.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from policygraph.errors import PolicyGraphError, ReadError, StoreError
from policygraph.extracting import Extracted, extractions
from policygraph.graph.curation import Correction, CurationReport
from policygraph.graph.model import Graph
from policygraph.graph.resolve import add_facts
from policygraph.graph.store import FileStore
from policygraph.loaders.facts import Article, Facts
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
    # (file, doc_id, another file): a document whose text other files already gave;
    # the other is the first in sorted order, whose text gives the facts
    identical: list[tuple[str, str, str]] = field(default_factory=list)
    curation: CurationReport = field(default_factory=CurationReport)  # set by policygraph.load
    files: int = 0  # files found under the paths
    already_loaded: list[str] = field(default_factory=list)  # doc ids the store held before
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, doc_id) kept once

    @property
    def ok(self) -> bool:
        """True when at least one document was loaded."""
        return bool(self.loaded)


@dataclass
class UnloadReport:
    """What an unload did: documents removed, and documents kept because other files
    with the same text still give them (doc id → those files)."""

    removed: list[str] = field(default_factory=list)
    kept: dict[str, list[str]] = field(default_factory=dict)


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


# The last files per worker whose rows a load writes as soon as they are added.
ENDING_FILES = 2


@contextmanager
def fewer_collections(threshold: int = 10_000) -> Iterator[None]:
    """Run the block with the garbage collector's first generation ``threshold`` objects
    deep (700 by default) and today's objects out of its sight.

    A load makes hundreds of thousands of small objects that live until it ends; the
    collector's passes over them took a sixth of the main process's time.

    >>> with fewer_collections():
    ...     gc.get_threshold()[0]
    10000
    """
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(threshold, before[1], before[2])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def default_jobs() -> int:
    """The number of processes a load extracts with by default: the machine's cores."""
    return os.cpu_count() or 1


def load_paths(
    paths: Iterable[str | Path],
    store: FileStore,
    *,
    jobs: int | None = None,
    corrections: list[Correction] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
    debug: bool = False,
) -> LoadReport:
    """Load files and folders (recursively) into ``store``.

    Re-loading a file replaces what it contributed; a file whose text changed
    replaces its older version. ``jobs`` processes extract (default: the cores).
    ``corrections`` are applied to the loaded graph for ``report.curation``
    (never stored). For progress, ``on_start`` gets the number of files found,
    ``on_file`` is called once per file and ``on_phase`` with what happens next
    once the files are read ("Writing the store"). With ``debug``, an unexpected
    error in one file is raised instead of reported.
    """
    report = LoadReport()
    files = collect_files(paths, report)
    report.files = len(files)
    if on_start:
        on_start(len(files))
    if files:
        jobs = max(1, min(jobs or default_jobs(), len(files)))
        try:
            with (
                extractions(files, jobs, debug) as results,
                fewer_collections(),
                store.working() as graph,
            ):
                before = graph.stored_document_ids()
                for i, (path, extracted) in enumerate(zip(files, results, strict=True)):
                    _load_file(graph, path, extracted, report, debug)
                    # all committed together at the end; the last files' rows are
                    # written while the workers still extract the very last ones
                    graph.flush_when_large(ending=len(files) - i <= ENDING_FILES * jobs)
                    if on_file:
                        on_file(path)
                loaded = {doc_id for _, doc_id, _ in report.loaded}
                report.already_loaded = sorted(loaded & before)
                if on_phase:
                    on_phase("Writing the store")
        except OSError as exc:  # a full disk, a read-only folder: the store is left as it was
            raise StoreError(
                f"{printable(str(store.folder))}: cannot write the store "
                f"({exc.strerror or exc}); nothing of this run was stored"
            ) from exc
    if corrections:  # only the nodes they name are read
        report.curation = store.curation_report(corrections)
    return report


# -- extraction of a file too large to hold whole ------------------------------------


def _extract(article: Article) -> Facts:
    """An article's facts. Extraction's rules are imported when first needed: the main
    process of a load whose workers come from the fork server never needs them."""
    from policygraph.loaders.extract import extract

    return extract(article)


def _stream(path: Path, graph: Graph) -> Iterator[Facts]:
    """Each article's facts, unless a file before it in sort order gave the same text."""
    for article in iter_articles(path):
        if any(p < article.path for p in graph.document_paths(article.doc_id)):
            yield Facts(article, extracted=False)
        else:
            yield _extract(article)


# -- adding one file's facts -------------------------------------------------------


def _load_file(
    graph: Graph, path: Path, extracted: Extracted, report: LoadReport, debug: bool
) -> None:
    """Add one file's articles; on an error, take back what it added."""
    shown = printable(str(path))
    if extracted is not None and extracted[1] is not None:
        report.skipped.append((shown, printable(extracted[1])))
        return
    added: list[tuple[str, str, str]] = []  # every article, to take back on an error
    identical: list[tuple[str, str]] = []  # those whose text another file gives: kept once
    try:
        for facts in _stream(path, graph) if extracted is None else extracted[0]:
            article = facts.article
            if not _add_article(graph, facts, report):
                identical.append((article.path, article.doc_id))
            added.append((article.path, article.doc_id, article.title))
    except Exception as exc:  # one bad document must not lose the others
        for file, doc_id, _ in added:
            _drop_path(graph, doc_id, file)
        if isinstance(exc, PolicyGraphError):
            report.skipped.append((shown, printable(str(exc))))
            return
        if debug:
            raise
        report.skipped.append((shown, f"{shown}: could not extract ({printable(repr(exc))})"))
        return
    new_ids = {doc_id for _, doc_id, _ in added}
    # as the articles name it (each article holds it: no second walk of the folders)
    resolved = added[0][0] if added else printable(str(path.resolve()))
    for old in graph.documents_from_path(resolved):
        if old not in new_ids and _drop_path(graph, old, resolved):
            report.replaced.append(old)  # the file changed: its older version goes
    kept_once = set(identical)
    report.loaded += [a for a in added if (a[0], a[1]) not in kept_once]
    report.duplicates += identical


def _add_article(graph: Graph, facts: Facts, report: LoadReport) -> bool:
    """Add one article's facts, or only its path when other files gave the same text
    and one of them sorts first (the facts always come from the first).

    Returns whether this file gives the document's facts (False: kept once).
    """
    article = facts.article
    known = graph.document_paths(article.doc_id)
    paths = sorted({*known, article.path})
    first = paths[0] == article.path
    if first:
        # a worker skips an article another file gave; in a file it failed to add,
        # that one was not first after all
        add_facts(graph, facts if facts.extracted else _extract(article))
    if len(paths) > 1:
        graph.set_document_paths(article.doc_id, paths)
        other = paths[1] if first else paths[0]
        report.identical.append((article.path, article.doc_id, other))
    return first


def _drop_path(graph: Graph, doc_id: str, path: str) -> bool:
    """Forget that ``doc_id`` was read from ``path``; True when no file gives it any more
    and it was removed. When ``path`` gave its facts, the next file gives them again."""
    paths = graph.document_paths(doc_id)
    rest = [p for p in paths if p != path]
    if not rest:
        return graph.remove_document(doc_id)
    graph.set_document_paths(doc_id, rest)
    if paths[0] == path:
        _reread(graph, doc_id, rest)
    return False


def _reread(graph: Graph, doc_id: str, paths: list[str]) -> None:
    """Take ``doc_id``'s facts from the first of ``paths`` that still gives its text.

    Identical text gives identical facts but for what the file itself adds (its
    name as a title, sentence offsets); when no file can be read, the facts stay.
    """
    for path in paths:
        try:
            article = next((a for a in iter_articles(path) if a.doc_id == doc_id), None)
        except ReadError:
            continue
        if article is not None:
            add_facts(graph, _extract(article))
            graph.set_document_paths(doc_id, paths)
            return


def unload_document(target: str, store: FileStore) -> UnloadReport:
    """Remove a document by its id, or what file (or folder) ``target`` gave.

    ``target`` may be a file that no longer exists. A document that other files
    with the same text also gave is kept, with those files (``report.kept``).
    Raises when nothing matched.
    """
    report = UnloadReport()
    with store.working() as graph:
        path = printable(str(Path(target).resolve()))
        for source in [path, *graph.paths_below(path)]:
            for doc_id in graph.documents_from_path(source):
                if _drop_path(graph, doc_id, source):
                    report.removed.append(doc_id)
                else:
                    report.kept[doc_id] = graph.document_paths(doc_id)
        if not report.removed and not report.kept and graph.remove_document(target):
            report.removed.append(target)
    if not report.removed and not report.kept:
        raise PolicyGraphError(
            f"no loaded document {printable(target)!r}; `policygraph stats --documents` lists them"
        )
    report.removed = sorted(set(report.removed))
    for doc_id in report.removed:
        report.kept.pop(doc_id, None)
    return report
