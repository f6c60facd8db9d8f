"""Extracting files' facts, in this process or in worker processes, in the files' order.

Extraction is a pure function of a file's articles, so it can run anywhere; the
process that adds the facts to the store takes them in the files' sorted order,
whatever order the workers finish in.

The workers are plain processes, each fed file paths through its own pipe and
answering through it, one message per file. The main process reads those
answers itself; no helper threads, so extraction's results do not compete with
adding them to the store for the interpreter's lock (a ``multiprocessing.Pool``'s
three threads took a quarter of the main process's time on a 5 MB load).

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("闵行区总工会开展培训。", encoding="utf-8")
>>> with extractions([folder / "a.txt"], jobs=2) as results:
...     [facts], reason = next(results)
>>> sorted((m.name, m.count) for m in facts.alike), reason
([('闵行区', 1), ('闵行区总工会', 1)], None)
"""

from __future__ import annotations

import os
import pickle
import signal
from collections import deque
from collections.abc import Iterator
from contextlib import suppress
from multiprocessing import Pipe, Process, get_context
from multiprocessing.connection import Connection, wait
from pathlib import Path

from policygraph import forkserver
from policygraph.errors import PolicyGraphError
from policygraph.graph.resolve import mentions_alike
from policygraph.loaders.facts import Article, Facts
from policygraph.loaders.read import STREAM_ABOVE_BYTES, iter_articles

# What extracting one file gives: its facts, or why it was skipped; None when the
# file is too large to hold whole and the main process reads it as a stream.
Extracted = tuple[list[Facts], str | None] | None

# Files a worker may extract ahead of the one being added to the store: enough to
# keep it busy, few enough that waiting results stay small.
FILES_AHEAD = 8


def extract_file(path: Path, debug: bool = False, seen: dict[str, str] | None = None) -> Extracted:
    """Every article's facts of one file, or ``([], reason)``.

    ``seen`` maps the doc ids read so far to the first path (in sort order) that
    gave them: an article that an earlier path gives is not extracted again.
    """
    # here, not above: a main process whose workers come from the fork server never
    # needs extraction's rules
    from policygraph.loaders.extract import extract

    try:
        if path.stat().st_size > STREAM_ABOVE_BYTES:
            return None
    except OSError:
        pass  # a dangling link, say: reading it says why, naming the file
    try:
        found = []
        for article in iter_articles(path):
            earlier = seen.get(article.doc_id) if seen is not None else None
            if earlier is not None and earlier < article.path:
                found.append(Facts(article, extracted=False))
                continue
            found.append(extract(article))
            if seen is not None:
                seen[article.doc_id] = article.path
        return found, None
    except PolicyGraphError as exc:
        return [], str(exc)
    except Exception as exc:  # one bad document must not lose the others
        if debug:
            raise
        return [], f"{path}: could not extract ({exc!r})"


class extractions:
    """A context giving one :data:`Extracted` per file, in the files' order: from
    ``jobs`` worker processes, or (one job) nothing ahead of time, every file read
    by the main process as it is loaded (a ``None`` for each)."""

    def __init__(self, files: list[Path], jobs: int, debug: bool = False) -> None:
        self.files, self.jobs, self.debug = files, jobs, debug
        self.workers: list[_Worker] = []

    def __enter__(self) -> Iterator[Extracted]:
        if self.jobs == 1:
            forkserver.stop(now=True)  # no worker to fork: it would only take a core
            return iter([None] * len(self.files))
        self.workers = self._start_workers()
        self._tasks = iter(self.files)
        self._owners: deque[_Worker] = deque()  # the worker of each file given out, in order
        self._give_out()  # now: the workers start while this process opens the store
        return self._in_order()

    def _start_workers(self) -> list[_Worker]:
        """The workers: forked by the CLI's fork server, ready to extract, where there
        is one (see :mod:`policygraph.forkserver`), else forked from this process."""
        server = forkserver.running()
        workers: list[_Worker] = []
        if server is not None:
            try:
                for _ in range(self.jobs):
                    workers.append(_Worker.served(server, self.debug))
                return workers
            except OSError:  # the server stopped (it could not prepare): do without
                for worker in workers:
                    worker.stop()
                forkserver.stop()
                workers = []
        prepare()  # once, shared by the forked workers
        context = get_context("fork")
        for _ in range(self.jobs):
            workers.append(_Worker.forked(context, self.debug, workers))
        return workers

    def _give_out(self) -> None:
        """Give the next files to the workers with the fewest files pending, each up to
        :data:`FILES_AHEAD`."""
        while True:
            worker = min(self.workers, key=_Worker.pending)
            if worker.pending() >= FILES_AHEAD:
                return
            path = next(self._tasks, None)
            if path is None:
                return
            worker.send(path)
            self._owners.append(worker)

    def _in_order(self) -> Iterator[Extracted]:
        """The answers in the files' order; answers are read as they come, so no worker
        waits on a full pipe."""
        while self._owners:
            owner = self._owners.popleft()
            while not owner.answers:
                self._read_answers(block=True)
            extracted = owner.take()
            self._give_out()
            self._read_answers(block=False)
            yield extracted

    def _read_answers(self, block: bool) -> None:
        """Read the answers ready (with ``block``, wait for one at least)."""
        while busy := [w.conn for w in self.workers if w.sent]:
            ready = wait(busy, timeout=None if block else 0)
            if not ready:
                return
            for conn in ready:
                next(w for w in self.workers if w.conn is conn).receive()
            block = False

    def __exit__(self, *exc_info: object) -> None:
        for worker in self.workers:
            worker.stop()
        forkserver.stop()  # it served this load: its memory is not kept for what follows


class _Worker:
    """One worker process and the main process's end of its pipe."""

    def __init__(self, conn: Connection, process: Process | _ServedProcess) -> None:
        self.conn, self.process = conn, process
        self.sent = 0  # files sent whose answer was not read yet
        self.answers: deque[bytes] = deque()  # read, not taken yet

    @classmethod
    def forked(cls, context, debug: bool, others: list[_Worker]) -> _Worker:
        """A worker forked from this process."""
        conn, child = context.Pipe()
        # the main process's pipe ends, inherited by the fork, are closed in the
        # worker: its pipe ends (and the worker with it) when the main process
        # closes its end or dies
        inherited = [conn, *(w.conn for w in others)]
        process = context.Process(target=_serve, args=(child, debug, inherited), daemon=True)
        process.start()
        child.close()
        return cls(conn, process)

    @classmethod
    def served(cls, server: forkserver.ForkServer, debug: bool) -> _Worker:
        """A worker forked by the fork server (which inherited none of our pipe ends)."""
        conn, child = Pipe()
        try:
            pid = server.start_worker(child.fileno(), debug)
        except OSError:
            conn.close()
            raise
        finally:
            child.close()
        return cls(conn, _ServedProcess(server, pid))

    def pending(self) -> int:
        """Files given to this worker and not taken back yet."""
        return self.sent + len(self.answers)

    def send(self, path: Path) -> None:
        try:
            self.conn.send(path)
        except OSError:
            raise self._died() from None
        self.sent += 1

    def receive(self) -> None:
        try:
            self.answers.append(self.conn.recv_bytes())
        except (EOFError, OSError):
            raise self._died() from None
        self.sent -= 1

    def _died(self) -> PolicyGraphError:
        self.process.join(timeout=1)
        return PolicyGraphError(
            f"an extraction worker stopped unexpectedly (exit code {self.process.exitcode});"
            " nothing of this run was stored"
        )

    def take(self) -> Extracted:
        failed, extracted = pickle.loads(self.answers.popleft())
        if failed:
            raise extracted  # an unexpected error, with --debug
        return extracted

    def stop(self) -> None:
        if self.sent:  # extracting a file nobody waits for any more (an error)
            self.process.terminate()
        self.conn.close()  # the worker's next read ends, and with it the worker
        self.process.join()


# In a worker: the doc ids it has read in this load, with the first path giving each.
# Identical articles in files the other workers read are extracted (and dropped).
_seen_by_worker: dict[str, str] = {}


def _serve(conn: Connection, debug: bool, inherited: list[Connection]) -> None:
    """A worker's life: extract each path the pipe brings, answer with its result."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    for other in inherited:
        other.close()
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        try:
            answer = (False, _for_sending(extract_file(path, debug, seen=_seen_by_worker)))
        except Exception as exc:  # only with debug: raised again in the main process
            answer = (True, exc)
        try:
            conn.send_bytes(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:  # the main process stopped listening
            return


def serve_pipe(fd: int, debug: bool) -> int:
    """A worker's life in a process forked by the fork server: serve the pipe end
    ``fd``; the exit code."""
    _serve(Connection(fd), debug, [])
    return 0


class _ServedProcess:
    """A worker the fork server forked, as the main process sees it: the server is its
    parent, and says how it ended."""

    def __init__(self, server: forkserver.ForkServer, pid: int) -> None:
        self.server, self.pid = server, pid

    def terminate(self) -> None:
        with suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)

    def join(self, timeout: float | None = None) -> None:
        """Nothing to wait for: the server reaps it."""

    @property
    def exitcode(self) -> int | None:
        try:
            return self.server.exit_code(self.pid)
        except OSError:
            return None


def _for_sending(extracted: Extracted) -> Extracted:
    """``extracted`` with each article's mentions as the graph adds them (see
    :attr:`Facts.alike`): what the main process needs, in a third of the bytes."""
    if extracted is None:
        return None
    found, reason = extracted
    return [
        Facts(
            f.article,
            relations=f.relations,
            extracted=f.extracted,
            alike=mentions_alike(f.mentions),
        )
        for f in found
    ], reason


def prepare() -> None:
    """Build extraction's lexicons, gazetteer and finders now, once: forked workers
    share them."""
    from policygraph.loaders.extract import extract

    extract(Article(doc_id="warm-up", text="闵行区总工会开展培训。", title="", path=""))
