"""The shared scorer runs on our exports of all 21 dev documents, and extraction meets its targets.

One load and export per document (the four seeds and ../shared/corpus/dev/docs),
scored together by ../shared/tools/score.py. The targets are those of the
entities issue (F1 per exhaustive label, recall for programs, events, groups)
and of the relations issue (recall at a precision, and recall per scored type).
"""

from __future__ import annotations

import json
import subprocess
import sys

import policygraph
from tests.conftest import SHARED

F1_TARGETS = {"Organization": 0.90, "Policy": 0.90, "Place": 0.88, "Person": 0.90}
RECALL_TARGETS = {"Program": 0.80, "Event": 0.75, "Group": 0.85, "relations": 0.70}
RELATION_PRECISION = 0.85
TYPE_RECALL_TARGET = 0.50
SCORED_TYPES = (
    "ISSUED",
    "IMPLEMENTS",
    "ORGANIZES",
    "PARTNERS_WITH",
    "HOLDS_POSITION",
    "LOCATED_IN",
)


def test_score_py_on_one_export_per_dev_document(seeds, tmp_path):
    corpora = [(seeds, SHARED / "corpus" / "gold")]
    corpora.append((SHARED / "corpus" / "dev" / "docs", SHARED / "corpus" / "dev" / "gold"))
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    count = 0
    for docs, gold_dir in corpora:
        for doc in sorted(docs.glob("*.txt")):
            db = tmp_path / f"db-{doc.stem}"
            report = policygraph.load([doc], db)
            assert report.loaded and not report.skipped
            policygraph.export(pred / f"{doc.stem}.json", db=db)
            (gold / f"{doc.stem}.json").write_bytes((gold_dir / f"{doc.stem}.json").read_bytes())
            count += 1
    assert count == 21

    score = [sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(gold)]
    score += ["--pred", str(pred)]
    table = subprocess.run(score, capture_output=True, text=True, check=True).stdout
    assert table.splitlines()[0].split() == ["type", "gold", "pred", "P", "R", "F1"]

    rows = json.loads(subprocess.run([*score, "--json"], capture_output=True, text=True).stdout)
    for key, f1 in F1_TARGETS.items():
        assert rows[key]["f1"] >= f1, (key, rows[key])
    for key, recall in RECALL_TARGETS.items():
        assert rows[key]["recall"] >= recall, (key, rows[key])
    assert rows["relations"]["precision"] >= RELATION_PRECISION, rows["relations"]
    for rtype in SCORED_TYPES:
        assert rows[f"rel:{rtype}"]["recall"] >= TYPE_RECALL_TARGET, (rtype, rows[f"rel:{rtype}"])
