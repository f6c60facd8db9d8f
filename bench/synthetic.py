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


GROUPS = ("产业工人", "农民工", "货车司机", "快递员", "新就业形态劳动者")
UNITS = ("人次", "万元", "家", "项")


def enrich(graph: Graph, seed: int = 11) -> Graph:
    """Add what :func:`synthetic_graph` leaves out, so every query template has answers:
    a place hierarchy (区 PART_OF 市 PART_OF 省), dated documents, policies that ISSUED and
    IMPLEMENTS chain into cascades, events, people in positions, groups that programs and
    policies TARGET, FUNDS and PARTICIPATES_IN, and metrics that bodies and programs REPORT."""
    rng = random.Random(seed)
    docs = sorted(nid for nid, _ in graph.nodes("Document"))
    policies: list[str] = []
    for d, doc_nid in enumerate(docs):
        doc = graph.node(doc_nid)["doc_id"]
        graph.node(doc_nid)["date"] = f"{2015 + d % 10}-{1 + d % 12:02d}-{1 + d % 28:02d}"
        mentioned = [u for u, _ in graph.nx.in_edges(doc_nid)]
        orgs = sorted(u for u in mentioned if graph.node(u)["labels"][0] == "Organization")
        programs = sorted(u for u in mentioned if graph.node(u)["labels"][0] == "Program")
        places = sorted(u for u in mentioned if graph.node(u)["labels"][0] == "Place")

        def rel(rel_type: str, a: str, b: str, doc: str = doc, **props) -> None:
            graph.add_relation(rel_type, a, b, doc=doc, sentence=f"{a}{rel_type}{b}。", **props)

        for place in places:
            number = int(graph.node(place)["name"][1:-1])
            city = graph.add_mention("Place", f"第{number % 50}市", doc)
            province = graph.add_mention("Place", f"第{number % 5}省", doc)
            rel("PART_OF", place, city)
            rel("PART_OF", city, province)
        if d % 10 == 0 and orgs:
            policy = graph.add_mention("Policy", f"政策{d}", doc)
            if policies:
                parent = graph.add_mention("Policy", graph.node(rng.choice(policies))["name"], doc)
                rel("IMPLEMENTS", policy, parent)
            else:
                centre = graph.add_mention("Organization", "中共中央", doc, kind="party")
                rel("ISSUED", centre, policy)
            rel("ISSUED", orgs[0], policy)
            rel("TARGETS", policy, graph.add_mention("Group", rng.choice(GROUPS), doc))
            policies.append(policy)
        if d % 7 == 0 and orgs and places:
            event = graph.add_mention("Event", f"推进会{d}", doc)
            rel("ORGANIZES", orgs[-1], event)
            rel("LOCATED_IN", event, places[0])
            person = graph.add_mention("Person", f"人物{d}", doc)
            rel("PARTICIPATES_IN", person, event)
            rel("HOLDS_POSITION", person, orgs[-1], title=rng.choice(("主席", "书记", "局长")))
        if d % 5 == 0 and programs:
            program = programs[0]
            rel("TARGETS", program, graph.add_mention("Group", rng.choice(GROUPS), doc))
            if orgs:
                rel("FUNDS", orgs[0], program)
                metric = graph.add_mention("Metric", f"指标{d}", doc)
                graph.node(metric).update(
                    value=rng.randrange(1, 50000), unit=rng.choice(UNITS), period=f"{2015 + d % 10}"
                )
                rel("REPORTS", rng.choice([orgs[0], program]), metric)
            if places and d % 3 == 0:
                rel("LOCATED_IN", program, places[0])
    return graph
