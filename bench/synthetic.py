"""A synthetic policygraph graph of any size, for benchmarks (and later map tests)."""

from __future__ import annotations

import random

from policygraph.graph.model import Graph

KINDS = ("union", "government", "party", "enterprise")


def synthetic_graph(documents: int, entities_per_doc: int = 20, seed: int = 7) -> Graph:
    """``documents`` documents, each mentioning ``entities_per_doc`` entities out of a shared
    pool, with LOCATED_IN, ORGANIZES and PARTNERS_WITH evidence between them."""
    rng = random.Random(seed)
    graph = Graph()
    pool = max(10, documents * entities_per_doc // 4)
    for d in range(documents):
        doc = f"doc{d:06d}"
        graph.add_document(doc, title=f"文件{d}")
        place = graph.add_mention("Place", f"第{rng.randrange(pool // 10 + 1)}区", doc)
        orgs, programs = [], []
        for _ in range(entities_per_doc):
            i = rng.randrange(pool)
            if i % 3:
                org = graph.add_mention(
                    "Organization", f"机构{i}总工会", doc, kind=KINDS[i % len(KINDS)]
                )
                orgs.append(org)
                graph.add_relation("LOCATED_IN", org, place, doc=doc, sentence=f"句子{d}-{i}。")
            else:
                programs.append(graph.add_mention("Program", f"项目{i}", doc))
        for org, program in zip(orgs, programs, strict=False):
            graph.add_relation("ORGANIZES", org, program, doc=doc, sentence=f"{org}开展{program}。")
        for a, b in zip(orgs, orgs[1:], strict=False):
            if a != b:
                graph.add_relation("PARTNERS_WITH", a, b, doc=doc, sentence=f"{a}与{b}联合。")
    return graph
