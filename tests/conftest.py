"""Shared fixtures: small documents of our own, the seeds beside the checkout, a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "corpus"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A private copy of tests/data/small (two short documents)."""
    target = tmp_path / "corpus"
    shutil.copytree(DATA / "small", target)
    return target


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "db"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo corpus (examples/corpus) loaded once into a store; tests only read it."""
    import policygraph

    folder = tmp_path_factory.mktemp("demo") / "db"
    policygraph.load([EXAMPLES], folder)
    return folder


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The four seed documents in ../shared; a failure, not a skip, in CI."""
    folder = SHARED / "corpus" / "seeds"
    if not folder.is_dir():
        if IN_CI:
            pytest.fail(f"{folder} is missing: CI must have ../shared beside the checkout")
        pytest.skip("../shared is not beside this checkout")
    return folder


@pytest.fixture
def cli():
    """Run the policygraph CLI in-process and return typer's Result."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, env=env)

    return run


def connect_test_neo4j(setenv):
    """The real Neo4j that scripts/neo4j-start runs; a failure, not a skip, in CI.

    ``setenv`` sets the environment for the test (a monkeypatch's), with the same
    defaults as scripts/neo4j-start.
    """
    from policygraph.errors import StoreError
    from policygraph.graph.neo4j import Neo4jStore

    setenv("NEO4J_PASSWORD", os.environ.get("NEO4J_PASSWORD", "policygraph-test"))
    port = os.environ.get("NEO4J_PORT", "7687")
    setenv("NEO4J_URI", os.environ.get("NEO4J_URI", f"bolt://127.0.0.1:{port}"))
    store = Neo4jStore()
    try:
        store.server_info()
    except StoreError as exc:
        store.close()
        if IN_CI:
            pytest.fail(f"Neo4j must run in CI (scripts/neo4j-start): {exc}")
        pytest.skip(f"no Neo4j: {exc}")
    return store


@pytest.fixture
def neo4j_store(monkeypatch):
    """The real Neo4j, emptied; a failure, not a skip, in CI."""
    store = connect_test_neo4j(monkeypatch.setenv)
    store.clear()
    yield store
    store.close()


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium driven by playwright, once per module; a failure, not a skip, in CI
    (``make test`` installs it with scripts/install-browser)."""
    from tests.browser import CHROMIUM, Chromium

    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"no chromium at {CHROMIUM} (scripts/install-browser installs it)"
    else:
        try:
            import playwright  # noqa: F401
        except ImportError:
            problem = "the playwright package is missing (make install-dev)"
    if problem:
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)
    browser = Chromium()
    yield browser
    browser.close()


def write_documents(folder: Path, texts: dict[str, str]) -> Path:
    """Write ``{file name: text}`` into ``folder`` (made if missing) as UTF-8; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def load_and_export(paths, tmp_path: Path, name: str = "db") -> dict:
    """Load ``paths`` into a fresh store and return its node-link export as a dict."""
    import json

    import policygraph

    db = tmp_path / name
    policygraph.load(paths, db)
    out = tmp_path / f"{name}.json"
    policygraph.export(out, db=db)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def sql_trace(monkeypatch) -> list[str]:
    """Every SQL statement the embedded store runs from here on, as run (values bound)."""
    from policygraph.graph import store as store_module

    statements: list[str] = []
    connect = store_module.connect

    def traced(path, **kwargs):
        db = connect(path, **kwargs)
        db.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(store_module, "connect", traced)
    return statements


def table_scans(database: Path, statements: list[str]) -> list[tuple[str, str]]:
    """(statement, plan step) of each step of ``statements`` that scans one of the store's
    tables (or a whole index of one) rather than searching an index."""
    import re
    import sqlite3

    reads = [
        sql for sql in statements if sql.lstrip().startswith(("SELECT", "WITH", "DELETE", "UPDATE"))
    ]
    assert reads, "no statement read the store"
    scan = re.compile(r"SCAN (e|n|nodes|edges|evidence_docs|doc_paths|aliases|meta)\b")
    with sqlite3.connect(database) as db:
        return [
            (sql[:200], step[-1])
            for sql in reads
            for step in db.execute("EXPLAIN QUERY PLAN " + sql)
            if scan.match(step[-1])
        ]
