"""Time and peak memory of ``policygraph.load`` on hostile inputs, each case in its own process.

The cases (issue 16, defect 2): a sentence holding a long digit run, one large
document, many tiny files, one huge file on a single line. Each runs in a fresh
Python process (so its peak RSS is its own) and is stopped after ``--timeout``.
The baseline in the same run is the same load of an ordinary file of the seeds.

    python bench/hostile_inputs.py                       # the full sizes of the issue
    python bench/hostile_inputs.py --digits 1000 --doc-mb 0.3 --files 500 --line-mb 5
    python bench/hostile_inputs.py --only digits --timeout 120

Measured on the shared 2-core machine (load average ~6, so ±50%), issue 16:

    case                      before (507631b)          after
    4,000-digit sentence      78.8 s, 61 MB             0.4 s, 54 MB
    2.4 MB document           4.0 s, 122 MB             4.8 s, 107 MB
    0.4 MB of place namings   13.2 s, 89 MB             2.0 s, 84 MB
    2.4 MB of place namings   over 420 s (stopped)      11.2 s, 234 MB
    2,500 / 10,000 tiny files 10.3 s / over 600 s       10,000: 264 s, 243 MB
    20 MB one-line file       48.7 s, 237 MB            38.6 s, 255 MB
    200 MB one-line file      (not run)                 664 s, 1,907 MB

With issue 15's linear loading and the SQLite store merged (main, same machine):
10,000 tiny files 7.8 s, 144 MB; the 200 MB one-line file 511 s, 613 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADLINE_MAX = 40  # policygraph.loaders.pages: longer lines are never headlines
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"

# Runs in the child: load the folder, print seconds, peak RSS and the report's counts.
CHILD = """
import json, resource, sys, time
import policygraph
started = time.perf_counter()
report = policygraph.load([sys.argv[1]], db=sys.argv[2])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "loaded": len(report.loaded),
                  "skipped": [reason for _, reason in report.skipped][:3]}))
"""


def seed_text() -> str:
    """The seeds, one after another (an ordinary policy text)."""
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def digits_case(folder: Path, size: int) -> None:
    """One sentence with a ``size``-digit run before twenty short union names."""
    text = "闵行区总工会开展培训" + "1" * size + "，" + "区总工会" * 20 + "。"
    (folder / "digits.txt").write_text(text, encoding="utf-8")


def document_case(folder: Path, megabytes: float) -> None:
    """One document (one article) of ``megabytes`` MB: the seeds' long paragraphs repeated,
    each opened by 此外 so that no headline, by-line or news lead cuts it into articles."""
    paragraphs = ["此外，" + line for line in seed_text().splitlines() if len(line) > HEADLINE_MAX]
    seeds, parts, size = "\n\n".join(["关于产业工人队伍建设改革的报告", *paragraphs]), [], 0
    while size < megabytes * 1e6:
        parts.append(seeds)
        size += len(seeds.encode("utf-8")) + 2
    (folder / "big.txt").write_text("\n\n".join(parts), encoding="utf-8")


def places_case(folder: Path, megabytes: float) -> None:
    """One document of ``megabytes`` MB whose every sentence names the same district and city
    (every naming of one was paired with every naming of the other)."""
    sentence = "此外，上海市闵行区总工会在闵行区开展职工培训。"
    count = int(megabytes * 1e6 / len(sentence.encode("utf-8")))
    (folder / "places.txt").write_text("关于闵行区的报告\n\n" + sentence * count, encoding="utf-8")


def tiny_files_case(folder: Path, count: int) -> None:
    """``count`` files of one sentence each, every one different."""
    for i in range(count):
        (folder / f"f{i:06d}.txt").write_text(
            f"第{i}号通知\n\n闵行区总工会开展第{i}期职工培训。", encoding="utf-8"
        )


def one_line_case(folder: Path, megabytes: float) -> None:
    """A file of ``megabytes`` MB with no line break: the seeds, line ends removed, repeated."""
    line = seed_text().replace("\n", "").encode("utf-8")
    target = int(megabytes * 1e6)
    with (folder / "line.txt").open("wb") as out:
        written = 0
        while written < target:
            out.write(line)
            written += len(line)


def baseline_case(folder: Path, _size: float) -> None:
    """The seeds as one ordinary file: the figure the others compare to."""
    (folder / "seeds.txt").write_text(seed_text(), encoding="utf-8")


CASES = {
    "baseline": (baseline_case, "seeds as one file"),
    "digits": (digits_case, "{:g}-digit sentence"),
    "document": (document_case, "{:g} MB document"),
    "places": (places_case, "{:g} MB of place namings"),
    "files": (tiny_files_case, "{:g} tiny files"),
    "line": (one_line_case, "{:g} MB one-line file"),
}


def run_case(name: str, size: float, timeout: float) -> str:
    """Build the case in a temporary folder, load it in a child process, return one line."""
    make, label = CASES[name]
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        make(docs, int(size) if name in ("digits", "files") else size)
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(docs), str(Path(tmp) / "db")],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            spent = time.perf_counter() - started
            return f"{label.format(size):28s} stopped after {spent:7.1f} s (timeout)"
        if done.returncode != 0:
            return f"{label.format(size):28s} failed: {done.stderr.strip().splitlines()[-1:]}"
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        skipped = f"  skipped: {figures['skipped']}" if figures["skipped"] else ""
        return (
            f"{label.format(size):28s} {figures['seconds']:8.2f} s  {figures['peak_mb']:8.0f} MB peak"
            f"  {figures['loaded']} loaded{skipped}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digits", type=float, default=4000, help="digits in the sentence")
    parser.add_argument("--doc-mb", type=float, default=2.4, help="size of the one document")
    parser.add_argument("--places-mb", type=float, default=2.4, help="size of the places document")
    parser.add_argument("--files", type=float, default=10_000, help="number of tiny files")
    parser.add_argument("--line-mb", type=float, default=200, help="size of the one-line file")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a case stops")
    parser.add_argument("--only", choices=list(CASES), action="append", help="run these cases")
    args = parser.parse_args()
    sizes = {
        "baseline": 0,
        "digits": args.digits,
        "document": args.doc_mb,
        "places": args.places_mb,
        "files": args.files,
        "line": args.line_mb,
    }
    for name in args.only or list(CASES):
        print(run_case(name, sizes[name], args.timeout), flush=True)


if __name__ == "__main__":
    main()
