"""How long `policygraph candidates` and reading a curated store take on thousands of nodes.

    .venv/bin/python bench/candidates.py [NODES_PER_LABEL]

Two graphs: bench/synthetic.py's (机构N总工会, names alike but for digits) and one
of realistic names (a place + a body), with one planted misspelling per 50 names.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_graph  # noqa: E402

from policygraph.graph.candidates import find_candidates  # noqa: E402
from policygraph.graph.model import Graph  # noqa: E402
from policygraph.graph.store import FileStore  # noqa: E402

PLACES = [
    "上海",
    "北京",
    "昆明",
    "连云港",
    "闵行",
    "江北",
    "顺德",
    "佛山",
    "成都",
    "武汉",
    "江汉",
    "淳安",
    "杭州",
    "苏州",
    "无锡",
    "南京",
]
LEVELS = ["市", "区", "县", "镇", "街道"]
BODIES = [
    "总工会",
    "人社局",
    "教育局",
    "财政局",
    "妇联",
    "团委",
    "残联",
    "职工服务中心",
    "产改办",
    "人民政府",
    "发展改革委",
    "经济和信息化局",
    "劳动模范协会",
    "职业技术学院",
    "人民医院",
]
CHARS = "新华中东西南北光明长安和平胜利建设幸福团结红星金山银河"


def realistic_graph(n: int, seed: int = 7, planted: set | None = None) -> Graph:
    rng = random.Random(seed)
    planted = planted if planted is not None else set()
    graph = Graph()
    graph.add_document("d1")
    for i in range(n):
        place = rng.choice(PLACES) + "".join(rng.sample(CHARS, 2)) + rng.choice(LEVELS)
        name = place + rng.choice(BODIES)
        if i % 50 == 0:  # a planted variant: one character dropped
            cut = rng.randrange(len(place), len(name))
            graph.add_mention("Organization", name[:cut] + name[cut + 1 :], "d1")
            planted.add(frozenset((name, name[:cut] + name[cut + 1 :])))
        graph.add_mention("Organization", name, "d1")
    return graph


def timed(what: str, fn) -> object:
    start = time.perf_counter()
    result = fn()
    print(f"{what}: {time.perf_counter() - start:.2f}s")
    return result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    planted: set = set()
    graph = realistic_graph(n, planted=planted)
    count = len(list(graph.nodes("Organization")))
    found = timed(
        f"candidates, {count} realistic Organization names", lambda: find_candidates(graph)
    )
    hits = sum(frozenset((c.keep, c.other)) in planted for c in found)
    print(f"  {len(found)} pairs ≥ 80, {hits} of the {len(planted)} planted variants")
    # synthetic_graph: documents × 20 mentions from a pool of documents × 5 names
    synthetic = synthetic_graph(n // 3, entities_per_doc=20)
    labels = {label: len(list(synthetic.nodes(label))) for label in ("Organization", "Program")}
    found = timed(
        f"candidates, bench/synthetic.py graph {labels}", lambda: find_candidates(synthetic)
    )
    print(f"  {len(found)} pairs ≥ 80")
    with tempfile.TemporaryDirectory() as folder:
        store = FileStore(folder)
        store.write(synthetic)
        names = [d["name"] for _, d in synthetic.nodes("Organization")][:200]
        entries = [
            f"- merge: {{label: Organization, into: {a}, names: [{b}]}}"
            for a, b in zip(names[::2], names[1::2], strict=False)
        ]
        (Path(folder) / "curation.yaml").write_text("\n".join(entries) + "\n", encoding="utf-8")
        timed("read the store, raw", store.read_raw)
        timed(f"read the store with {len(entries)} merges applied", store.read)


if __name__ == "__main__":
    main()
