"""Reading + cleaning throughput in MB/s, on a corpus made by repeating the seeds to ≥ 20 MB.

Compares, in the same run, against the floor any reader pays: reading the
bytes and decoding them as UTF-8.

    python bench/read_throughput.py [--mb 20] [--seeds ../shared/corpus/seeds]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from policygraph.loaders.read import read_file

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def build_corpus(seeds: Path, folder: Path, megabytes: float) -> list[Path]:
    """Copies of the seeds, each with a distinct first line, until ``megabytes`` are written."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    files, size, i = [], 0, 0
    while size < megabytes * 1e6:
        path = folder / f"copy{i:05d}.txt"
        path.write_text(f"副本{i}\n\n" + texts[i % len(texts)], encoding="utf-8")
        size += path.stat().st_size
        files.append(path)
        i += 1
    return files


def throughput(files: list[Path], read) -> tuple[float, float]:
    size = sum(p.stat().st_size for p in files) / 1e6
    started = time.perf_counter()
    for path in files:
        read(path)
    seconds = time.perf_counter() - started
    return seconds, size / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = build_corpus(args.seeds, Path(tmp), args.mb)
        size = sum(p.stat().st_size for p in files) / 1e6
        print(f"corpus: {len(files)} files, {size:.1f} MB")
        for name, read in (
            ("baseline: read + UTF-8 decode", lambda p: p.read_bytes().decode("utf-8")),
            ("policygraph read_file", read_file),
        ):
            seconds, rate = throughput(files, read)
            print(f"{name:32s} {seconds:7.2f} s  {rate:8.2f} MB/s")


if __name__ == "__main__":
    main()
