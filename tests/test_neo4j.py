"""The Neo4j store against a real Neo4j 5.26 server: same graph, idempotent, exact."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

import policygraph
from policygraph.graph.export import to_node_link_json
from tests.test_maps import hostile_graph

pytestmark = pytest.mark.neo4j


def embedded_counts(db) -> dict[str, dict[str, int]]:
    stats = policygraph.stats(db)
    return {
        "nodes": dict(sorted({**stats["nodes"], "Document": stats["documents"]}.items())),
        "relationships": stats["relationships"],
    }


def test_push_gives_neo4j_the_embedded_counts_and_pushing_twice_changes_nothing(
    neo4j_store, seeds, tmp_path
):
    db = tmp_path / "db"
    policygraph.load([seeds], db)
    assert policygraph.push(db) == embedded_counts(db)
    first = to_node_link_json(neo4j_store.read())
    assert policygraph.push(db) == embedded_counts(db)
    assert to_node_link_json(neo4j_store.read()) == first


def test_pulled_graph_equals_the_embedded_one(neo4j_store, seeds, tmp_path):
    db, pulled = tmp_path / "db", tmp_path / "pulled"
    policygraph.load([seeds], db)
    policygraph.push(db)
    policygraph.pull(pulled)
    policygraph.export(tmp_path / "embedded.json", db=db)
    policygraph.export(tmp_path / "pulled.json", db=pulled)
    assert (tmp_path / "embedded.json").read_bytes() == (tmp_path / "pulled.json").read_bytes()


def test_unload_then_push_equals_a_push_without_that_document(neo4j_store, seeds, tmp_path):
    files = sorted(seeds.glob("*.txt"))
    all_db, some_db = tmp_path / "all", tmp_path / "some"
    policygraph.load(files, all_db)
    policygraph.load(files[:-1], some_db)
    policygraph.push(all_db)
    policygraph.unload(str(files[-1]), all_db)
    policygraph.push(all_db)
    after_unload = to_node_link_json(neo4j_store.read())
    neo4j_store.clear()
    policygraph.push(some_db)
    assert after_unload == to_node_link_json(neo4j_store.read())


def test_kind_is_a_second_label_and_ids_are_unique(neo4j_store, small_corpus, tmp_path):
    db = tmp_path / "db"
    policygraph.load([small_corpus], db)
    policygraph.push(db)
    records = neo4j_store._run(
        "MATCH (n:Organization:Union {name: $name}) RETURN n.aliases AS aliases",
        name="江北区总工会",
    )
    assert records and "区总工会" in records[0]["aliases"]
    constraints = neo4j_store.constraints()
    assert "organization_id" in constraints and "document_id" in constraints


def test_hostile_text_travels_as_parameters_and_comes_back_unchanged(neo4j_store, tmp_path):
    graph = hostile_graph()
    doc_id = "x'}) DETACH DELETE n //"
    graph.add_document(doc_id, title="{name: 'MATCH (n) DETACH DELETE n'}")
    graph.add_mention("Person", "王'}]->() //", doc_id)
    neo4j_store.write(graph)
    assert to_node_link_json(neo4j_store.read()) == to_node_link_json(graph)


def test_cli_push_pull_doctor_and_the_password_is_never_printed(
    neo4j_store, cli, small_corpus, tmp_path, monkeypatch
):
    db = tmp_path / "db"
    cli("load", small_corpus, "--db", db)
    result = cli("push", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Neo4j now holds" in result.output
    result = cli("pull", "--db", tmp_path / "pulled")
    assert result.exit_code == 0 and "2 documents" in result.output
    result = cli("doctor")
    assert result.exit_code == 0 and "5.26" in result.output and "community" in result.output
    assert os.environ["NEO4J_PASSWORD"] not in result.output

    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    result = cli("doctor")
    assert result.exit_code == 1
    assert "refused user 'neo4j'" in result.output and "not-the-password" not in result.output
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    result = cli("push", "--db", db)
    assert result.exit_code == 1
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in result.output
    assert "docker compose up -d" in result.output


PUSH_IN_SMALL_BATCHES = """
import sys
from policygraph import open_store
from policygraph.graph.neo4j import Neo4jStore
with Neo4jStore(batch_size=2) as store:
    store.write(open_store(sys.argv[1]).read())
"""


def test_a_push_killed_midway_then_run_again_ends_equal_to_a_clean_push(
    neo4j_store, seeds, tmp_path
):
    db = tmp_path / "db"
    policygraph.load([seeds], db)
    policygraph.push(db)
    clean = to_node_link_json(neo4j_store.read())
    total = sum(neo4j_store.counts()["relationships"].values())
    neo4j_store.clear()

    pusher = subprocess.Popen([sys.executable, "-c", PUSH_IN_SMALL_BATCHES, str(db)])
    deadline = time.monotonic() + 60
    while sum(neo4j_store.counts()["relationships"].values()) < 20:
        assert time.monotonic() < deadline and pusher.poll() is None, "push ended too soon"
        time.sleep(0.05)
    pusher.send_signal(signal.SIGKILL)
    assert pusher.wait() == -signal.SIGKILL
    assert sum(neo4j_store.counts()["relationships"].values()) < total  # really midway

    policygraph.push(db)
    assert to_node_link_json(neo4j_store.read()) == clean


def test_cypher_is_read_only_unless_told_and_takes_parameters(
    neo4j_store, cli, small_corpus, tmp_path
):
    db = tmp_path / "db"
    result = cli("load", small_corpus, "--db", db, "--store", "neo4j")
    assert result.exit_code == 0 and "Neo4j now holds" in result.output
    query = "MATCH (o:Organization)-[:LOCATED_IN]->(:Place {name: $place}) RETURN o.name AS name"
    result = cli("cypher", query, "--param", "place=江北区", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {"name": "江北区总工会"} in json.loads(result.stdout)

    hostile = "江北区'}) DETACH DELETE o //"
    result = cli("cypher", query, "--param", f"place={hostile}", "--format", "csv")
    assert result.stdout.splitlines() == ["\ufeffname"]  # a BOM first, for spreadsheets
    before = neo4j_store.counts()
    for refused in (
        "MATCH (n) DETACH DELETE n",
        "CREATE (:Organization {id: 'x'})",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "CALL db.labels()",
    ):
        result = cli("cypher", refused)
        assert result.exit_code == 1 and "--write" in result.output, refused
    assert neo4j_store.counts() == before
    result = cli("cypher", "CREATE (:Scratch {v: $v}) RETURN 1 AS ok", "--param", "v=1", "--write")
    assert result.exit_code == 0
    assert neo4j_store._run("MATCH (s:Scratch) RETURN count(s) AS n")[0]["n"] == 1


def test_a_cypher_syntax_error_points_at_the_users_own_query(neo4j_store, cli):
    result = cli("cypher", "MATCH (n")
    assert result.exit_code == 1
    assert "(line 1, column 9 (offset: 8))" in result.output
    assert '"MATCH (n"' in result.output and "EXPLAIN" not in result.output
