"""Whole CLI calls on a big synthetic store: `stats`, every query template, adding one
8 KB document; wall, CPU and peak memory of each, each call its own process.

Builds the synthetic graph of bench/synthetic.py (``enrich``-ed, so every template
has answers; 17,000 documents give about 118k nodes and 988k relationships), stores
it with this checkout's code, then runs the calls. With ``--baseline CODE`` (a
checkout's folder, e.g. from ``git archive main``) a copy of the same store is
opened with that code too, side by side (stats, actor_profile and the added
document only, unless ``--baseline-all``).

    python bench/store_scaling.py [--documents 17000] [--baseline /tmp/policygraph-main]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_scaling import SEEDS, run  # noqa: E402
from queries_latency import cases  # noqa: E402
from synthetic import enrich, synthetic_graph  # noqa: E402

from policygraph.graph.export import to_node_link  # noqa: E402

DOCUMENT_BYTES = 8_000


def eight_kb_document(folder: Path) -> Path:
    """About 8 KB of seed text, cut at a paragraph end."""
    text = max((p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")), key=len)
    cut = text.encode("utf-8")[:DOCUMENT_BYTES].decode("utf-8", "ignore")
    path = folder / "新增文件.txt"
    path.write_text(cut[: cut.rfind("\n")] + "\n", encoding="utf-8")
    return path


def write_legacy_store(graph, folder: Path) -> None:
    """The store as policygraph wrote it before SQLite (``graph.json``), which every
    version opens (a newer one migrates it on first use, timed apart)."""
    folder.mkdir(parents=True)
    payload = {"format": "policygraph-graph", "version": 1, "graph": to_node_link(graph)}
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (folder / "graph.json").write_text(text, encoding="utf-8")


def calls(graph, document: Path) -> list[tuple[str, list[str]]]:
    """(label, CLI arguments but --db) of every call to time."""
    out = [("first use (a migration?)", ["stats", "--json"]), ("stats", ["stats", "--json"])]
    for label, name, params in cases(graph):
        args = ["query", name, "--format", "json"]
        for key, value in params.items():
            args += ["--param", f"{key}={value}"]
        out.append((label, args))
    out.append(("load one 8 KB document", ["load", str(document)]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=17000)
    parser.add_argument("--baseline", type=Path, default=None, help="older code to compare")
    parser.add_argument(
        "--code", type=Path, nargs="*", default=[None], help="code to measure (default: installed)"
    )
    parser.add_argument("--baseline-all", action="store_true", help="every call on the baseline")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        graph = enrich(synthetic_graph(args.documents))
        nodes, rels = graph.nx.number_of_nodes(), graph.nx.number_of_edges()
        built = time.perf_counter() - started
        store = Path(tmp) / "store"
        started = time.perf_counter()
        write_legacy_store(graph, store)
        stored = time.perf_counter() - started
        size = sum(p.stat().st_size for p in store.iterdir()) / 1e6
        print(
            f"synthetic store: {nodes} nodes, {rels} relationships, {size:.0f} MB;"
            f" built in {built:.0f} s, stored in {stored:.0f} s"
        )
        todo = calls(graph, eight_kb_document(Path(tmp)))
        del graph
        print(f"{'call':28s} {'code':8s} {'wall s':>7s} {'CPU s':>7s} {'peak MB':>8s}")
        for name, code in [
            ("baseline", args.baseline),
            *((c.name if c else "this", c) for c in args.code),
        ]:
            if name == "baseline" and code is None:
                continue
            db = Path(tmp) / f"db-{name}"
            shutil.copytree(store, db)
            for label, call in todo:
                if (
                    name == "baseline"
                    and not args.baseline_all
                    and label
                    not in (
                        "stats",
                        "actor_profile",
                        "load one 8 KB document",
                    )
                ):
                    continue
                wall, cpu, peak, stdout = run([*call, "--db", str(db)], code)
                if label.startswith(("stats", "first")):
                    json.loads(stdout)  # answered in full
                print(f"{label:28s} {name:8s} {wall:7.2f} {cpu:7.2f} {peak:8.0f}", flush=True)
            shutil.rmtree(db)


if __name__ == "__main__":
    main()
