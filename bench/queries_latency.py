"""Median latency of every query template, on Neo4j and on the embedded store.

Needs a running Neo4j (scripts/neo4j-start) and NEO4J_PASSWORD (default policygraph-test).
Builds the synthetic graph of bench/synthetic.py with every relationship type added
(``enrich``), pushes it to Neo4j, then runs each template ``--runs`` times on each store
after two warm-up runs, and prints the median in ms against the targets (Neo4j < 100 ms,
embedded < 500 ms). Embedded times are the twin on the graph in memory; reading the
store's file once per command is printed apart.

    python bench/queries_latency.py --documents 17000     # ≥ 100k nodes
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import enrich, synthetic_graph  # noqa: E402

from policygraph.graph.neo4j import Neo4jStore  # noqa: E402
from policygraph.graph.store import FileStore  # noqa: E402
from policygraph.queries import run_query, templates  # noqa: E402

NEO4J_TARGET_MS, EMBEDDED_TARGET_MS = 100, 500


def cases(graph) -> list[tuple[str, str, dict]]:
    """(label, template, params): typical questions on the synthetic graph."""
    orgs = sorted(
        (nid for nid, _ in graph.nodes("Organization")),
        key=lambda nid: (graph.nx.degree(nid), nid),
    )
    typical = graph.node(orgs[len(orgs) // 2])["name"]
    hub = graph.node(orgs[-1])["name"]
    other = graph.node(orgs[len(orgs) // 3])["name"]
    place = next(
        v for _, v, k in graph.nx.out_edges(orgs[len(orgs) // 2], keys=True) if k == "LOCATED_IN"
    )
    funded = sorted(v for _, v, _, _ in graph.relationships("FUNDS"))[0]
    return [
        ("actor_profile", "actor_profile", {"name": hub}),
        ("neighbourhood k=2", "neighbourhood", {"name": typical, "k": 2}),
        ("programs_in_place (市)", "programs_in_place", {"place": "第1市"}),
        ("policy_cascade (root)", "policy_cascade", {"policy": "政策0"}),
        ("issued_by_level (all)", "issued_by_level", {}),
        ("partners", "partners", {"name": typical}),
        ("program_actors", "program_actors", {"program": graph.node(funded)["name"]}),
        ("people_positions (all)", "people_positions", {}),
        ("reported_figures (市)", "reported_figures", {"name": "第1市"}),
        ("group_targets", "group_targets", {"name": "产业工人"}),
        ("shortest_path", "shortest_path", {"source": typical, "target": other}),
        ("most_connected", "most_connected", {}),
        ("co_mentioned", "co_mentioned", {"name": typical}),
        (
            "relationship_evidence",
            "relationship_evidence",
            {"source": typical, "target": graph.node(place)["name"]},
        ),
        ("place_timeline (市)", "place_timeline", {"place": "第1市"}),
        ("name_search (full-text)", "name_search", {"q": "政策"}),
        ("name_search (scan)", "name_search", {"q": "项目123"}),
    ]


def median_ms(func, runs: int) -> float:
    for _ in range(2):
        func()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=17000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-push", action="store_true", help="Neo4j holds the graph already.")
    args = parser.parse_args()
    os.environ.setdefault("NEO4J_PASSWORD", "policygraph-test")

    started = time.perf_counter()
    graph = enrich(synthetic_graph(args.documents))
    nodes, rels = graph.nx.number_of_nodes(), graph.nx.number_of_edges()
    print(
        f"graph: {nodes} nodes, {rels} relationships, built in {time.perf_counter() - started:.0f} s"
    )
    with tempfile.TemporaryDirectory() as folder:
        store = FileStore(folder)
        with store.transaction() as g:
            g.nx = graph.nx
        started = time.perf_counter()
        store.read()
        read_s = time.perf_counter() - started
    print(f"embedded store: reading the file takes {read_s:.1f} s (once per CLI command)")

    with Neo4jStore() as neo4j:
        if not args.no_push:
            started = time.perf_counter()
            neo4j.clear()
            neo4j.write(graph)
            print(f"pushed to Neo4j in {time.perf_counter() - started:.0f} s")
        else:
            neo4j.ensure_constraints()
        assert set(templates()) <= {t for _, t, _ in cases(graph)}
        print(f"{'template':28s} {'rows':>5s} {'neo4j ms':>9s} {'embedded ms':>12s}  targets")
        for label, name, params in cases(graph):
            rows = run_query(name, params, graph=graph)
            remote = median_ms(
                lambda n=name, p=params: run_query(n, p, store="neo4j", neo4j=neo4j), args.runs
            )
            local = median_ms(lambda n=name, p=params: run_query(n, p, graph=graph), args.runs)
            missed = [
                which
                for which, ms, target in (
                    ("neo4j", remote, NEO4J_TARGET_MS),
                    ("embedded", local, EMBEDDED_TARGET_MS),
                )
                if ms > target
            ]
            verdict = "ok" if not missed else "MISSED: " + ", ".join(missed)
            print(f"{label:28s} {len(rows):5d} {remote:9.1f} {local:12.1f}  {verdict}")


if __name__ == "__main__":
    main()
