"""How a map of a big synthetic graph fares: Python time, file size, and the time chromium
takes to open it and stabilize (headless, Debian's chromium through playwright).

    .venv/bin/python bench/map_browser.py                 # ~20k nodes, default threshold
    .venv/bin/python bench/map_browser.py --max-nodes 5000

Prints one line per figure; the map is written under /tmp and left there to look at.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import synthetic_graph  # noqa: E402
from policygraph.graph.model import DOCUMENT  # noqa: E402
from policygraph.viz.layout import LAYOUT_THRESHOLD, MAX_NODES  # noqa: E402
from policygraph.viz.maps import write_map  # noqa: E402
from tests.browser import Chromium  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3700, help="synthetic documents")
    parser.add_argument("--max-nodes", type=int, default=MAX_NODES)
    parser.add_argument("--out", type=Path, default=Path("/tmp/policygraph-bench-map.html"))
    parser.add_argument("--screenshot", type=Path, default=None)
    args = parser.parse_args()

    start = time.perf_counter()
    graph = synthetic_graph(args.documents)
    entities = sum(1 for _, d in graph.nodes() if d["labels"][0] != DOCUMENT)
    relationships = graph.nx.number_of_edges()
    print(
        f"graph: {entities:,} entity nodes (+{args.documents:,} documents), "
        f"{relationships:,} relationships, built in {time.perf_counter() - start:.1f} s"
    )

    start = time.perf_counter()
    info = write_map(graph, args.out, "synthetic", max_nodes=args.max_nodes)
    print(
        f"thresholds: keep at most {args.max_nodes:,} nodes; "
        f"positions from Python above {LAYOUT_THRESHOLD:,}"
    )
    print(
        f"map: {info.nodes:,} nodes, {info.edges:,} relationships, "
        f"written in {time.perf_counter() - start:.1f} s"
    )
    print(f"notice: {info.notice}")
    print(f"file size: {info.size_bytes / 1024 / 1024:.2f} MiB ({info.size_bytes:,} bytes)")

    browser = Chromium()
    try:
        opened = browser.open(args.out)
        ready = opened.wait_ready(timeout_ms=600_000)
        shown = opened.node_count()
        colours = opened.canvas_colours()
        print(
            f"chromium: load event {opened.seconds:.1f} s, open + stabilized {ready:.1f} s, "
            f"{shown:,} nodes in the page, {colours} canvas colours, "
            f"{len(opened.console_errors)} console errors, "
            f"{len(opened.remote_requests)} remote requests"
        )
        if args.screenshot:
            opened.page.screenshot(path=str(args.screenshot))
    finally:
        browser.close()


if __name__ == "__main__":
    main()
