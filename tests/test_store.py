"""The embedded store: atomic writes, a lock against a second writer, clear errors."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import contextmanager

import pytest

import policygraph
from policygraph.errors import StoreError
from policygraph.graph import store as store_module
from policygraph.graph.export import to_node_link, to_node_link_json
from policygraph.graph.store import FileStore
from tests.conftest import EXAMPLES, table_scans


def store_with_one_document(folder) -> FileStore:
    store = FileStore(folder)
    with store.transaction() as graph:
        graph.add_document("d1", title="第一篇")
    return store


def test_a_failed_write_leaves_the_old_graph_and_no_temp_file(tmp_path, monkeypatch):
    store = store_with_one_document(tmp_path)
    before = to_node_link_json(store.read_raw())

    def crash(db, graph):
        db.execute("DELETE FROM nodes")  # half done when the disk fills up
        raise OSError("disk full")

    monkeypatch.setattr(store_module, "write_all", crash)
    with pytest.raises(OSError), store.transaction() as graph:
        graph.add_document("d2", title="第二篇")
    assert to_node_link_json(store.read_raw()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.sqlite", "graph.sqlite.lock"]


def test_a_failed_first_write_leaves_no_store(tmp_path):
    """A store's first write is renamed into place once committed: until then, no store."""
    store = FileStore(tmp_path / "new")
    with pytest.raises(RuntimeError), store.transaction() as graph:
        graph.add_document("d1", title="第一篇")
        assert not store.exists()
        raise RuntimeError("extraction bug")
    assert not store.exists()
    assert sorted(p.name for p in store.folder.iterdir()) == ["graph.sqlite.lock"]
    with store.transaction() as graph:
        graph.add_document("d1", title="第一篇")
    assert store.exists() and store.read().stats()["documents"] == 1


def test_an_error_inside_the_transaction_writes_nothing(tmp_path):
    store = store_with_one_document(tmp_path)
    with pytest.raises(RuntimeError), store.transaction() as graph:
        graph.add_document("d2", title="第二篇")
        raise RuntimeError("extraction bug")
    assert store.read().stats()["documents"] == 1


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from policygraph.graph.store import FileStore
    with FileStore(sys.argv[1]).transaction() as graph:
        graph.add_document("d2", title="killed before it was written")
        print("locked", flush=True)
        time.sleep(60)
    """
)


@contextmanager
def running(script: str, folder, ready: str):
    """A Python process running ``script`` on ``folder``, once it has printed ``ready``;
    killed on the way out."""
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(folder)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline().strip() == ready
        yield process
    finally:
        process.kill()
        process.wait()


def test_a_second_writer_waits_then_fails_clearly(tmp_path):
    store_with_one_document(tmp_path)
    with running(HOLD_LOCK, tmp_path, "locked"):
        started = time.monotonic()
        busy = FileStore(tmp_path, lock_timeout=0.5)
        with pytest.raises(StoreError, match="another policygraph process is writing"):
            busy.transaction().__enter__()
        assert time.monotonic() - started >= 0.5


HOLD_UNCOMMITTED = textwrap.dedent(
    """
    import sys, time
    from policygraph.graph.store import FileStore
    with FileStore(sys.argv[1]).working() as graph:
        graph.add_document("d2", title="written, not yet committed")
        graph.flush()
        print("written", flush=True)
        time.sleep(60)
    """
)


def test_readers_are_never_blocked_and_see_the_last_committed_graph(tmp_path):
    store_with_one_document(tmp_path)
    with running(HOLD_UNCOMMITTED, tmp_path, "written"):
        started = time.monotonic()
        assert policygraph.stats(tmp_path)["documents"] == 1
        assert [d["doc_id"] for d in FileStore(tmp_path).read().documents()] == ["d1"]
        assert policygraph.query("name_search", q="第一篇", db=tmp_path) == []
        assert time.monotonic() - started < 5
    assert policygraph.stats(tmp_path)["documents"] == 1  # killed: never committed


def journal_mode(path) -> str:
    """The journal mode a database file's header gives (bytes 18 and 19: 2 for WAL)."""
    return "wal" if path.read_bytes()[18:20] == b"\x02\x02" else "rollback"


def test_from_its_first_write_on_a_reader_never_holds_up_a_writer(tmp_path):
    """The first write leaves the store in WAL mode (it used to leave it in rollback mode
    until the next write, which then had to wait for every reader to finish)."""
    store = store_with_one_document(tmp_path)
    assert journal_mode(store.path) == "wal"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.sqlite", "graph.sqlite.lock"]
    reader = sqlite3.connect(store.path, isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM nodes").fetchone() == (1,)  # a snapshot held
    written = threading.Event()

    def write() -> None:
        with store.transaction() as graph:
            graph.add_document("d2", title="第二篇")
        written.set()

    threading.Thread(target=write, daemon=True).start()
    assert written.wait(10), "the writer waited for the reader"
    assert reader.execute("SELECT count(*) FROM nodes").fetchone() == (1,)  # still its snapshot
    reader.execute("COMMIT")
    assert policygraph.stats(tmp_path)["documents"] == 2
    reader.close()


def test_a_writer_killed_midway_leaves_the_store_whole_and_unlocked(tmp_path):
    store = store_with_one_document(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with FileStore(tmp_path, lock_timeout=2).transaction() as graph:
        assert [d["doc_id"] for d in graph.documents()] == ["d1"]
    assert store.read().stats()["documents"] == 1


def test_a_corrupt_store_is_a_clear_error(tmp_path):
    (tmp_path / "graph.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="graph.sqlite: the store is unreadable"):
        FileStore(tmp_path).read()


def test_a_graph_json_store_is_migrated_on_first_use_with_a_message(cli, small_corpus, tmp_path):
    policygraph.load([small_corpus], tmp_path / "new")
    graph = FileStore(tmp_path / "new").read_raw()
    old = tmp_path / "old"
    old.mkdir()
    payload = {"format": "policygraph-graph", "version": 1, "graph": to_node_link(graph)}
    (old / "graph.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    result = cli("stats", "--db", old)
    assert result.exit_code == 0, result.output
    assert f"Note: Migrated {old / 'graph.json'} to graph.sqlite" in result.stderr
    assert (old / "graph.json.migrated").exists() and not (old / "graph.json").exists()
    assert to_node_link_json(FileStore(old).read_raw()) == to_node_link_json(graph)
    assert "Migrated" not in cli("stats", "--db", old).stderr  # once
    assert journal_mode(old / "graph.sqlite") == "wal"


def test_a_load_killed_at_any_moment_leaves_the_old_or_the_new_graph(seeds, small_corpus, tmp_path):
    """20 SIGKILLs at random moments of a load; the store opens, holds the graph before
    or after, and loading again gives what a clean load gives."""
    shutil.copy(next(iter(sorted(seeds.glob("*.txt")))), small_corpus / "seed.txt")
    base, clean = tmp_path / "base", tmp_path / "clean"
    policygraph.load([small_corpus / "jiangbei_union.txt"], base, jobs=1)
    policygraph.load([small_corpus], clean, jobs=1)
    before, after = (to_node_link_json(FileStore(d).read_raw()) for d in (base, clean))
    started = time.monotonic()
    load_killed_after(small_corpus, tmp_path / "timing", None)
    duration = time.monotonic() - started
    rng = random.Random(15)
    seen = set()
    for i in range(20):
        db = tmp_path / f"killed{i}"
        shutil.copytree(base, db)
        load_killed_after(small_corpus, db, rng.uniform(0, duration))
        state = to_node_link_json(FileStore(db).read_raw())
        assert state in (before, after)
        seen.add(state == after)
        policygraph.load([small_corpus], db, jobs=1)
        assert to_node_link_json(FileStore(db).read_raw()) == after
    assert seen == {False, True}  # the kills fell both before and after the commit


def load_killed_after(corpus, db, seconds: float | None) -> None:
    """Load ``corpus`` into ``db`` in a forked process, killed after ``seconds`` (if given)."""
    pid = os.fork()
    if pid == 0:  # the child: load, and leave without running the parent's cleanup
        try:
            policygraph.load([corpus], db, jobs=1)
        finally:
            os._exit(0)
    if seconds is not None:
        time.sleep(seconds)
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def test_a_corrupt_graph_file_is_a_clear_error(tmp_path):
    (tmp_path / "graph.json").write_text('{"format": "policygraph-graph", "ver', encoding="utf-8")
    with pytest.raises(StoreError, match="graph.json: the graph file is unreadable"):
        FileStore(tmp_path).read()
    (tmp_path / "graph.json").write_text('{"nodes": []}', encoding="utf-8")
    with pytest.raises(StoreError, match="not a policygraph graph file"):
        FileStore(tmp_path).read()


def test_an_empty_store_reads_as_an_empty_graph(tmp_path):
    assert FileStore(tmp_path / "new").read().stats() == {
        "documents": 0,
        "nodes": {},
        "relationships": {},
    }


def test_degrees_kept_through_loads_and_unloads_equal_degrees_counted_afresh(
    seeds, small_corpus, tmp_path
):
    """most_connected reads a degree kept per node as relationships come and go."""
    db = tmp_path / "db"
    policygraph.load([seeds, small_corpus], db, jobs=1)
    policygraph.unload(str(small_corpus / "jiangbei_union.txt"), db)
    policygraph.load([small_corpus / "jiangbei_union.txt"], db, jobs=1)
    policygraph.unload(str(sorted(seeds.glob("*.txt"))[0]), db)
    kept = degrees(FileStore(db).path)
    fresh = tmp_path / "fresh"
    with FileStore(fresh).transaction() as graph:  # a whole graph: degrees counted at once
        graph.nx = FileStore(db).read_raw().nx
    assert kept == degrees(FileStore(fresh).path) and any(kept.values())


def degrees(path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT id, degree FROM nodes"))


def test_loading_a_document_into_a_store_reads_only_through_indexes(
    small_corpus, tmp_path, sql_trace
):
    """Adding a document costs what it touches, not what the store holds: no statement of
    a load (or an unload) into a store that holds others scans a table."""
    db = tmp_path / "db"
    policygraph.load([EXAMPLES], db, jobs=1)
    sql_trace.clear()  # the store holds the demo corpus: now one more file, and back
    policygraph.load([small_corpus], db, jobs=1)
    policygraph.unload(str(small_corpus / "jiangbei_union.txt"), db)
    assert not table_scans(FileStore(db).path, sql_trace)


def every_row(path) -> dict[str, list[tuple]]:
    tables = ["nodes", "edges", "evidence_docs", "doc_paths", "aliases"]
    with sqlite3.connect(path) as db:
        return {t: sorted(db.execute(f"SELECT * FROM {t}")) for t in tables}  # noqa: S608


@pytest.mark.parametrize("write_rows", [1, 7])
def test_writing_back_as_a_load_goes_gives_the_rows_one_write_at_the_end_gives(
    seeds, small_corpus, tmp_path, monkeypatch, write_rows
):
    """A load writes the rows changed since its last write every ``WRITE_ROWS`` changes;
    through identical files, a changed file and an unload, the store ends up holding
    exactly what writing everything once at the end gives, and what a clean load of
    the files as they are in the end gives."""
    from policygraph.graph import sqlite as sqlite_module

    folder = tmp_path / "mixed"
    shutil.copytree(seeds, folder / "seeds")
    shutil.copytree(small_corpus, folder / "small")
    shutil.copy(folder / "small" / "jiangbei_union.txt", folder / "copy.txt")
    changed = folder / "small" / "jiangbei_union.txt"

    def history(db) -> dict[str, list[tuple]]:
        changed.write_text(original, encoding="utf-8")
        policygraph.load([folder], db, jobs=2)
        changed.write_text(original.replace("江北区", "渝北区"), encoding="utf-8")
        policygraph.load([folder], db, jobs=1)
        policygraph.unload(str(folder / "copy.txt"), db)
        return every_row(FileStore(db).path)

    original = changed.read_text(encoding="utf-8")
    monkeypatch.setattr(sqlite_module, "WRITE_ROWS", 10**9)
    at_the_end = history(tmp_path / "once")
    monkeypatch.setattr(sqlite_module, "WRITE_ROWS", write_rows)
    as_it_goes = history(tmp_path / "batches")
    assert as_it_goes == at_the_end and len(at_the_end["edges"]) > 100
    (folder / "copy.txt").unlink()
    policygraph.load([folder], tmp_path / "clean", jobs=1)
    assert as_it_goes == every_row(FileStore(tmp_path / "clean").path)


def test_a_relationship_left_waiting_is_written_by_the_end(tmp_path, monkeypatch):
    """A relationship written before is written again only once its evidence has
    doubled; one that the first files state and no later file does (here: written with
    two documents, left waiting with three) still ends up whole in the store."""
    from policygraph.graph import sqlite as sqlite_module

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(12):
        said = "闵行区总工会组织开展“匠心闵行”职工技能竞赛。" if i < 3 else "德清县总工会开展培训。"
        (folder / f"a{i:02d}.txt").write_text(f"第{i}篇。{said}", encoding="utf-8")
    monkeypatch.setattr(sqlite_module, "WRITE_ROWS", 10**9)
    policygraph.load([folder], tmp_path / "once", jobs=2)
    monkeypatch.setattr(sqlite_module, "WRITE_ROWS", 1)
    policygraph.load([folder], tmp_path / "batches", jobs=2)
    batches = every_row(FileStore(tmp_path / "batches").path)
    assert batches == every_row(FileStore(tmp_path / "once").path)
    graph = policygraph.read_graph(tmp_path / "batches").nx
    organizes = graph.edges["Organization:闵行区总工会", "Program:匠心闵行", "ORGANIZES"]
    assert len(organizes["evidence"]) == 3


def test_a_rows_json_is_what_json_dumps_gives(demo_db):
    """Rows are written with a C encoder made once; their text is json.dumps's, so stores
    written before and after compare equal row by row."""
    from policygraph.graph.sqlite import dumps

    with sqlite3.connect(FileStore(demo_db).path) as db:
        rows = [
            json.loads(data)
            for (data,) in db.execute("SELECT data FROM nodes UNION ALL SELECT data FROM edges")
        ]
    rows.append({"value": 1.5e16, "share": -0.0, "note": '引号"与\\n换行\n', "none": None})
    canonical = [
        json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for r in rows
    ]
    assert [dumps(r) for r in rows] == canonical and len(rows) > 400
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"path": {1, 2}})
