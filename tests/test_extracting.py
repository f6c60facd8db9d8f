"""Extraction in worker processes: results in the files' order, workers that fail or
outlive their main process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import policygraph
from policygraph import extracting, forkserver
from policygraph.__main__ import _command
from policygraph.errors import PolicyGraphError
from policygraph.extracting import FILES_AHEAD, extract_file, extractions
from policygraph.graph.resolve import mentions_alike

PLACES = ["德清县", "建德市", "龙泉市", "临安区", "婺源县", "桐庐县", "淳安县", "安吉县"]


def many_files(folder: Path, n: int) -> list[Path]:
    """``n`` small documents of different lengths (so workers finish out of order)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        text = f"{place}总工会开展第{i}期职工技能培训。" * (1 + (i * 7) % 13)
        path = folder / f"doc{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def test_workers_give_every_file_in_order(tmp_path):
    files = many_files(tmp_path / "docs", 2 * 2 * FILES_AHEAD + 5)
    with extractions(files, jobs=2) as results:
        from_workers = list(results)
    alone = [extract_file(path) for path in files]
    assert len(from_workers) == len(files)
    for (facts, reason), (expected, _) in zip(from_workers, alone, strict=True):
        assert reason is None
        assert [f.article.path for f in facts] == [f.article.path for f in expected]
        assert [f.alike for f in facts] == [mentions_alike(f.mentions) for f in expected]
        assert [f.relations for f in facts] == [f.relations for f in expected]


@pytest.fixture
def fork_server():
    """A fork server started by this process (as the CLI starts one for a load)."""
    forkserver.start()
    yield forkserver.running()
    forkserver.stop()


def test_workers_from_the_fork_server_give_every_file_in_order(tmp_path, fork_server):
    files = many_files(tmp_path / "docs", 2 * 2 * FILES_AHEAD + 5)
    context = extractions(files, jobs=2)
    with context as results:
        served = [w.process.pid for w in context.workers]
        assert sorted(served) == sorted(children(fork_server.pid))  # forked by the server
        from_workers = list(results)
    # the server served this load: it has ended, and so have its workers
    assert forkserver.running() is None and not running(fork_server.pid)
    alone = [extract_file(path) for path in files]
    assert [reason for _, reason in from_workers] == [None] * len(files)
    assert [[f.alike for f in facts] for facts, _ in from_workers] == [
        [mentions_alike(f.mentions) for f in facts] for facts, _ in alone
    ]


def test_a_cli_load_through_its_fork_server_gives_the_graph_a_one_process_load_gives(tmp_path):
    many_files(tmp_path / "docs", 30)
    cli = [sys.executable, "-m", "policygraph", "load", "--db", tmp_path / "cli", tmp_path / "docs"]
    subprocess.run(cli, check=True, capture_output=True)
    policygraph.load([tmp_path / "docs"], tmp_path / "alone", jobs=1)
    exports = [
        policygraph.export(tmp_path / f"{db}.json", db=tmp_path / db) for db in ("cli", "alone")
    ]
    assert exports[0].read_bytes() == exports[1].read_bytes()


@pytest.mark.parametrize(
    ("args", "command"),
    [(["--debug", "load", "docs"], "load"), (["stats", "--json"], "stats"), (["--help"], None)],
)
def test_the_cli_knows_its_command_before_it_starts(args, command):
    """A load's fork server starts before the CLI parses its arguments."""
    assert _command(args) == command


def test_a_load_of_one_job_stops_the_fork_server_at_once(tmp_path, fork_server):
    """The main process extracts alone: the server, maybe still preparing, would only
    take a core from it."""
    [file] = many_files(tmp_path / "docs", 1)
    with extractions([file], jobs=1) as results:
        assert forkserver.running() is None and fork_server.pid not in children(os.getpid())
        assert list(results) == [None]  # read by this process as it is loaded


def test_without_its_fork_server_a_load_forks_its_own_workers(tmp_path, fork_server):
    files = many_files(tmp_path / "docs", 6)
    os.kill(fork_server.pid, signal.SIGKILL)  # the server could not prepare, say
    os.waitpid(fork_server.pid, 0)
    context = extractions(files, jobs=2)
    with context as results:
        assert all(w.process.pid in children(os.getpid()) for w in context.workers)
        reasons = [reason for _, reason in results]
    assert reasons == [None] * len(files)
    assert forkserver.running() is None


@pytest.mark.parametrize("forked_by", ["main process", "fork server"])
def test_a_worker_that_dies_stops_the_load_and_stores_nothing(tmp_path, monkeypatch, forked_by):
    files = many_files(tmp_path / "docs", 12)
    db = tmp_path / "db"
    policygraph.load([files[0]], db, jobs=1)
    before = policygraph.stats(db=db)

    def dying(path, debug=False, seen=None):
        if path.name == "doc007.txt":
            os._exit(3)  # as if the system killed it (out of memory, say)
        return extract_file(path, debug, seen)

    monkeypatch.setattr(extracting, "extract_file", dying)  # before any fork
    if forked_by == "fork server":
        forkserver.start()
    try:
        with pytest.raises(PolicyGraphError, match=r"stopped unexpectedly \(exit code 3\)"):
            policygraph.load([tmp_path / "docs"], db, jobs=2)
    finally:
        forkserver.stop()
    assert policygraph.stats(db=db) == before


def test_with_debug_a_workers_error_is_raised_in_the_main_process(tmp_path, monkeypatch):
    files = many_files(tmp_path / "docs", 4)

    def broken(article):
        raise ZeroDivisionError("a bug in a rule")

    monkeypatch.setattr("policygraph.loaders.extract.extract", broken)
    monkeypatch.setattr(extracting, "prepare", lambda: None)
    with extractions(files, jobs=2, debug=False) as results:
        reasons = [reason for _, reason in results]
    assert all("could not extract (ZeroDivisionError('a bug in a rule'))" in r for r in reasons)
    with (
        pytest.raises(ZeroDivisionError, match="a bug in a rule"),
        extractions(files, jobs=2, debug=True) as results,
    ):
        list(results)


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended; only its parent has not reaped it


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``: its children, theirs, and so on."""
    return [d for c in children(pid) for d in [c, *descendants(c)]]


@pytest.mark.parametrize(
    ("command", "processes"),
    [
        # a library call: the workers are the main process's children
        (
            ["-c", "import sys, policygraph; policygraph.load([sys.argv[2]], sys.argv[1], jobs=2)"],
            2,
        ),
        # the CLI: its fork server (a child) and the two workers it forked
        (["-m", "policygraph", "load", "--jobs", "2", "--db"], 3),
    ],
    ids=["library", "cli"],
)
def test_workers_end_when_the_main_process_is_killed(tmp_path, command, processes):
    many_files(tmp_path / "docs", 400)
    args = [str(tmp_path / "db"), str(tmp_path / "docs")]
    main = subprocess.Popen([sys.executable, *command, *args])
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers := descendants(main.pid)) < processes:
            assert main.poll() is None and time.monotonic() < deadline, "no workers started"
            time.sleep(0.05)
        os.kill(main.pid, signal.SIGKILL)
        main.wait()
        deadline = time.monotonic() + 10
        while any(running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if running(w)], "workers outlived their main process"
    finally:
        main.kill()
        for w in workers:
            if running(w):
                os.kill(w, signal.SIGKILL)
