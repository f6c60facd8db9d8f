"""How fast `policygraph push` writes to Neo4j: batched UNWIND against one row per transaction.

Needs a running Neo4j (scripts/neo4j-start) and NEO4J_PASSWORD. Prints, for a
synthetic graph, the seconds and rows per second of:
  - baseline: batch size 1 (one transaction per node or relationship)
  - batched:  the default batch size
  - re-push:  the same graph again (idempotent: nothing to change)

    python bench/neo4j_push.py --documents 300
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_graph  # noqa: E402

from policygraph.graph.neo4j import BATCH_SIZE, Neo4jStore  # noqa: E402


def timed_push(store: Neo4jStore, graph, clear: bool) -> float:
    if clear:
        store.clear()
    started = time.perf_counter()
    store.write(graph)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    args = parser.parse_args()
    os.environ.setdefault("NEO4J_PASSWORD", "policygraph-test")
    graph = synthetic_graph(args.documents)
    rows = graph.nx.number_of_nodes() + graph.nx.number_of_edges()
    print(
        f"synthetic graph: {graph.nx.number_of_nodes()} nodes, {graph.nx.number_of_edges()} relationships"
    )
    results = {}
    with Neo4jStore(batch_size=1) as store:
        results["baseline (batch 1)"] = timed_push(store, graph, clear=True)
    with Neo4jStore(batch_size=BATCH_SIZE) as store:
        results[f"batched ({BATCH_SIZE})"] = timed_push(store, graph, clear=True)
        results["re-push, nothing changed"] = timed_push(store, graph, clear=False)
        store.clear()
    base = results["baseline (batch 1)"]
    for name, seconds in results.items():
        print(f"{name:28s} {seconds:7.2f} s  {rows / seconds:9.0f} rows/s  x{base / seconds:5.1f}")


if __name__ == "__main__":
    main()
