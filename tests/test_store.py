"""The embedded store: atomic writes, a lock against a second writer, clear errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from policygraph.errors import StoreError
from policygraph.graph.store import FileStore


def store_with_one_document(folder) -> FileStore:
    store = FileStore(folder)
    with store.transaction() as graph:
        graph.add_document("d1", title="第一篇")
    return store


def test_a_failed_write_leaves_the_old_graph_and_no_temp_file(tmp_path, monkeypatch):
    store = store_with_one_document(tmp_path)
    before = store.path.read_bytes()

    def crash(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError), store.transaction() as graph:
        graph.add_document("d2", title="第二篇")
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json", "graph.json.lock"]


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


def test_a_second_writer_waits_then_fails_clearly(tmp_path):
    store_with_one_document(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        busy = FileStore(tmp_path, lock_timeout=0.5)
        with pytest.raises(StoreError, match="another policygraph process is writing"):
            busy.transaction().__enter__()
        assert time.monotonic() - started >= 0.5
    finally:
        holder.kill()
        holder.wait()


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
