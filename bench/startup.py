"""Start-up time of ``policygraph --help`` and ``policygraph stats`` on the demo store.

Each command runs in a fresh interpreter, several times; the best run counts (the
others measure the machine's other work). Compared, in the same run, against what
every command paid before imports were made lazy: importing the CLI together with
the map, report, Neo4j and extraction modules.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EAGER = (
    "import policygraph.cli, policygraph.viz.maps, policygraph.viz.report, "
    "policygraph.graph.neo4j, policygraph.loaders.extract"
)  # what every command imported before (and matplotlib, no longer a dependency)


def best_of(runs: int, command: list[str]) -> float:
    """The shortest wall time of ``runs`` runs of ``command``, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    cli = [python, "-m", "policygraph"]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "db")
        subprocess.run([*cli, "load", str(ROOT / "examples" / "corpus"), "--db", db], check=True)
        figures = {
            "python -c pass (the floor)": best_of(args.runs, [python, "-c", "pass"]),
            "eager imports (before)": best_of(args.runs, [python, "-c", EAGER]),
            "policygraph --help": best_of(args.runs, [*cli, "--help"]),
            "policygraph stats (demo store)": best_of(args.runs, [*cli, "stats", "--db", db]),
        }
    for name, seconds in figures.items():
        print(f"{name:34s} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
