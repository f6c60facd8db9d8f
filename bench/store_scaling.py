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
import statistics
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


def with_lookup_by_id(todo: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """``todo`` and, after actor_profile, the same call naming its node by id: an id (or
    an alias) is looked up another way than a canonical name."""
    out = []
    for label, call in todo:
        out.append((label, call))
        if label == "actor_profile":
            by_id = [a.replace("name=", "name=Organization:", 1) for a in call]
            out.append(("actor_profile (by id)", by_id))
    return out


def synthetic_store(folder: Path, documents: int) -> list[tuple[str, list[str]]]:
    """Build the synthetic store in ``folder`` (``store/graph.json``, the 8 KB document and
    ``calls.json``), or reuse what an earlier run left there; the calls to make on it."""
    calls_file = folder / "calls.json"
    if calls_file.exists():
        kept = json.loads(calls_file.read_text(encoding="utf-8"))
        if kept["documents"] == documents:
            print(f"synthetic store of {documents} documents kept in {folder}: reused")
            return [(label, call) for label, call in kept["calls"]]
        raise SystemExit(
            f"{folder} holds a store of {kept['documents']} documents, not {documents}"
        )
    started = time.perf_counter()
    graph = enrich(synthetic_graph(documents))
    nodes, rels = graph.nx.number_of_nodes(), graph.nx.number_of_edges()
    built = time.perf_counter() - started
    store = folder / "store"
    shutil.rmtree(store, ignore_errors=True)
    started = time.perf_counter()
    write_legacy_store(graph, store)
    stored = time.perf_counter() - started
    size = sum(p.stat().st_size for p in store.iterdir()) / 1e6
    print(
        f"synthetic store: {nodes} nodes, {rels} relationships, {size:.0f} MB;"
        f" built in {built:.0f} s, stored in {stored:.0f} s"
    )
    todo = calls(graph, eight_kb_document(folder))
    text = json.dumps({"documents": documents, "calls": todo}, ensure_ascii=False, indent=1)
    calls_file.write_text(text, encoding="utf-8")
    return todo


def measure(store: Path, db: Path, call: list[str], code: Path | None) -> tuple[float, ...]:
    """(wall s, CPU s, peak MB) of one call on ``db``, a copy of ``store`` made beforehand
    when ``db`` is missing."""
    if not db.exists():
        shutil.copytree(store, db)
    wall, cpu, peak, stdout = run([*call, "--db", str(db)], code)
    if call[0] == "stats":
        json.loads(stdout)  # answered in full
    return wall, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=17000)
    parser.add_argument("--baseline", type=Path, default=None, help="older code to compare")
    parser.add_argument(
        "--code", type=Path, nargs="*", default=[None], help="code to measure (default: installed)"
    )
    parser.add_argument("--baseline-all", action="store_true", help="every call on the baseline")
    parser.add_argument("--keep", type=Path, default=None, help="keep (or reuse) the store here")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each call; medians")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        todo = with_lookup_by_id(synthetic_store(folder, args.documents))
        store = folder / "store"
        print(f"medians of {args.repeat}; each call its own process")
        print(f"{'call':28s} {'code':8s} {'wall s':>7s} {'CPU s':>7s} {'peak MB':>8s}")
        for name, code in [
            ("baseline", args.baseline),
            *((c.name if c else "this", c) for c in args.code),
        ]:
            if name == "baseline" and code is None:
                continue
            for label, call in todo:
                if (
                    name == "baseline"
                    and not args.baseline_all
                    and label not in ("stats", "actor_profile", "load one 8 KB document")
                ):
                    continue
                figures = []
                for r in range(args.repeat):
                    # one copy per run: the first call migrates it, the last adds to it
                    figures.append(measure(store, Path(tmp) / f"db-{name}-{r}", call, code))
                wall, cpu, peak = (statistics.median(f[i] for f in figures) for i in range(3))
                print(f"{label:28s} {name:8s} {wall:7.2f} {cpu:7.2f} {peak:8.0f}", flush=True)
            for r in range(args.repeat):
                shutil.rmtree(Path(tmp) / f"db-{name}-{r}", ignore_errors=True)


if __name__ == "__main__":
    main()
