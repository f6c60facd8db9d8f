"""Extraction throughput in MB/s on ≥ 20 MB of text, against jieba.lcut in the same run.

Every rule of policygraph's extractor (entities, relations, figures) runs on
each article; jieba only segments words, which is where a statistical
pipeline would start. The ratio of the two rates is the figure to watch.
Peak memory is the process's maximum resident set after each phase; jieba is
imported only after policygraph's phase, so that phase's figure is its own.

    python bench/extract_throughput.py [--mb 20] [--seeds ../shared/corpus/seeds]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from read_throughput import SEEDS, build_corpus

from policygraph.loaders.extract import extract
from policygraph.loaders.read import read_file


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=21)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args()

    extract(read_file(next(args.seeds.glob("*.txt")))[0])  # lexicons and gazetteer, once

    with tempfile.TemporaryDirectory() as tmp:
        files = build_corpus(args.seeds, Path(tmp), args.mb)
        size = sum(len(a.text.encode("utf-8")) for p in files for a in read_file(p)) / 1e6
        print(f"corpus: {len(files)} files, {size:.1f} MB of article text")
        print(f"peak memory before: {peak_mb():.0f} MB")

        extract_seconds, facts = 0.0, 0
        for path in files:
            for article in read_file(path):
                started = time.perf_counter()
                found = extract(article)
                extract_seconds += time.perf_counter() - started
                facts += len(found.mentions) + len(found.relations)
        print(f"peak memory after policygraph extract: {peak_mb():.0f} MB")

        # jieba only now, so that the figures above hold none of its memory
        import jieba  # a bench-only dependency (the dev extra)

        jieba.setLogLevel(60)
        jieba.initialize()  # its dictionary loads once, outside the timing

        jieba_seconds, words = 0.0, 0
        for path in files:
            for article in read_file(path):
                started = time.perf_counter()
                words += len(jieba.lcut(article.text))
                jieba_seconds += time.perf_counter() - started
        print(f"peak memory after jieba.lcut: {peak_mb():.0f} MB")

    ours, theirs = size / extract_seconds, size / jieba_seconds
    print(
        f"policygraph extract  {extract_seconds:7.2f} s  {ours:6.2f} MB/s  ({facts} mentions+relations)"
    )
    print(f"jieba.lcut           {jieba_seconds:7.2f} s  {theirs:6.2f} MB/s  ({words} words)")
    print(f"ratio extract/jieba: {ours / theirs:.2f}x")


if __name__ == "__main__":
    main()
