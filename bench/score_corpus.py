"""Extraction quality on the 21 dev documents: per type, per relationship type, per document.

Each document is loaded into a store of its own and exported as node-link
JSON, then ``../shared/tools/score.py`` scores the exports against gold, all
together and one document at a time (organization, policy, place and person
F1 pooled, and relation recall).

    python bench/score_corpus.py [--only dv_15,dv_16] [--show] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import policygraph

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPORA = [
    (SHARED / "corpus" / "seeds", SHARED / "corpus" / "gold"),
    (SHARED / "corpus" / "dev" / "docs", SHARED / "corpus" / "dev" / "gold"),
]
SCORE = SHARED / "tools" / "score.py"


def documents(only: list[str]) -> list[tuple[Path, Path]]:
    """(document, gold file) pairs of the dev set, or of those whose stems start with ``only``."""
    pairs = []
    for docs, gold in CORPORA:
        for doc in sorted(docs.glob("*.txt")):
            if not only or any(doc.stem.startswith(prefix) for prefix in only):
                pairs.append((doc, gold / f"{doc.stem}.json"))
    return pairs


def export_each(pairs: list[tuple[Path, Path]], work: Path) -> tuple[Path, Path]:
    """Load and export every document alone; return the (gold, prediction) folders."""
    gold, pred = work / "gold", work / "pred"
    gold.mkdir(exist_ok=True)
    pred.mkdir(exist_ok=True)
    for doc, gold_file in pairs:
        db = work / f"db-{doc.stem}"
        shutil.rmtree(db, ignore_errors=True)
        policygraph.load([doc], db)
        policygraph.export(pred / f"{doc.stem}.json", db=db)
        (gold / gold_file.name).write_bytes(gold_file.read_bytes())
    return gold, pred


def score(gold: Path, pred: Path, *extra: str) -> str:
    command = [sys.executable, str(SCORE), "--gold", str(gold), "--pred", str(pred), *extra]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def document_line(gold_file: Path, pred_file: Path) -> str:
    """One document's pooled F1 over the exhaustive labels and its relation recall."""
    rows = json.loads(score(gold_file, pred_file, "--json"))
    tp_gold = sum(
        rows.get(k, {}).get("tp_gold", 0) for k in ("Organization", "Policy", "Place", "Person")
    )
    n_gold = sum(
        rows.get(k, {}).get("gold", 0) for k in ("Organization", "Policy", "Place", "Person")
    )
    tp_pred = sum(
        rows.get(k, {}).get("tp_pred", 0) for k in ("Organization", "Policy", "Place", "Person")
    )
    n_pred = sum(
        rows.get(k, {}).get("pred", 0) for k in ("Organization", "Policy", "Place", "Person")
    )
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    rel = rows.get("relations", {})
    rel_r = rel.get("recall")
    rel_text = "  -  " if rel_r is None else f"{rel_r:.3f}"
    return f"{gold_file.stem[:44]:<46}{f1:>8.3f}{rel_text:>9}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated stem prefixes")
    parser.add_argument("--show", action="store_true", help="list misses and false hits")
    parser.add_argument("--keep", type=Path, help="keep the exports in this folder")
    args = parser.parse_args()
    pairs = documents([p for p in args.only.split(",") if p])
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        gold, pred = export_each(pairs, work)
        print(score(gold, pred, *(["--show"] if args.show else [])))
        print(f"{'document':<46}{'ent F1':>8}{'rel R':>9}")
        for doc, gold_file in pairs:
            print(document_line(gold / gold_file.name, pred / f"{doc.stem}.json"))


if __name__ == "__main__":
    main()
