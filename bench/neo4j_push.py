"""How fast `policygraph push` writes to Neo4j: batched UNWIND against one row per transaction.

Needs a running Neo4j (scripts/neo4j-start) and NEO4J_PASSWORD. On the same
server, in the same run, it prints relationships written per second for:
  - baseline: batch size 1 (one MERGE per transaction), on a ~10k-row sample
  - batched:  the default batch size, on the full synthetic graph
  - re-load:  pushing the full graph again (idempotent: nothing changes)
and the ratio of the two rates.

    python bench/neo4j_push.py --documents 17000     # ≥ 100k nodes, ≥ 300k relationships
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


def push(store: Neo4jStore, graph, clear: bool) -> float:
    """Seconds to make the database hold ``graph``."""
    if clear:
        store.clear()
    started = time.perf_counter()
    store.write(graph)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=17000)
    parser.add_argument("--sample-documents", type=int, default=170)
    args = parser.parse_args()
    os.environ.setdefault("NEO4J_PASSWORD", "policygraph-test")

    started = time.perf_counter()
    graph = synthetic_graph(args.documents)
    sample = synthetic_graph(args.sample_documents)
    print(f"built in {time.perf_counter() - started:.0f} s")
    for name, g in (("full graph", graph), ("baseline sample", sample)):
        nodes, rels = g.nx.number_of_nodes(), g.nx.number_of_edges()
        print(f"{name:16s} {nodes:8d} nodes {rels:8d} relationships ({nodes + rels} rows)")

    with Neo4jStore(batch_size=1) as store:
        base = push(store, sample, clear=True)
    base_rate = sample.nx.number_of_edges() / base
    with Neo4jStore(batch_size=BATCH_SIZE) as store:
        batched = push(store, graph, clear=True)
        reload = push(store, graph, clear=False)
        store.clear()
    rate = graph.nx.number_of_edges() / batched
    print(f"baseline, batch 1 (sample)   {base:8.1f} s {base_rate:10.0f} relationships/s")
    print(f"batched, batch {BATCH_SIZE} (full)  {batched:8.1f} s {rate:10.0f} relationships/s")
    print(f"re-load, nothing changed     {reload:8.1f} s")
    print(f"ratio batched / baseline     {rate / base_rate:8.1f}x")


if __name__ == "__main__":
    main()
