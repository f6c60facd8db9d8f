"""Twins of the templates about actors: profile, neighbours, partners, paths, mentions."""

from __future__ import annotations

import heapq
import itertools
from typing import Any

from policygraph.graph.lazy import nodes_by_degree, nodes_naming
from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph
from policygraph.queries.embedded import (
    ENTITY_LABELS,
    Row,
    bfs,
    by_name,
    documents,
    edges,
    evidence,
    into,
    label,
    name,
    neighbours,
    none_last,
    out,
    twin,
)


@twin("actor_profile")
def actor_profile(g: Graph, p: dict[str, Any]) -> list[Row]:
    rows = []
    for nid in by_name(g, p["name"]):
        data = g.nx.nodes[nid]
        rels = sorted(
            (
                {"type": t, "direction": d, "name": name(g, o), "id": o}
                for o, t, d, _ in edges(g, nid)
            ),
            key=lambda r: (r["type"], r["direction"], r["name"], r["id"]),
        )
        docs = [
            {
                "doc": g.nx.nodes[d]["doc_id"],
                "title": g.nx.nodes[d]["name"],
                "count": g.nx.edges[nid, d, MENTIONED_IN]["count"],
            }
            for d in documents(g, nid)
        ]
        rows.append(
            {
                "id": nid,
                "name": data["name"],
                "label": data["labels"][0],
                "labels": sorted(data["labels"]),
                "kind": data.get("kind"),
                "aliases": sorted(data.get("aliases", [])),
                "relationships": rels,
                "documents": sorted(docs, key=lambda d: d["doc"]),
            }
        )
    return rows


@twin("neighbourhood")
def neighbourhood(g: Graph, p: dict[str, Any]) -> list[Row]:
    best: dict[str, int] = {}
    for start in by_name(g, p["name"]):
        for nid, d in bfs(g, start, p["k"]).items():
            if nid != start:
                best[nid] = min(d, best.get(nid, d))
    rows = [
        {"name": name(g, nid), "id": nid, "label": label(g, nid), "distance": d}
        for nid, d in best.items()
    ]
    rows.sort(key=lambda r: (r["distance"], r["name"], r["id"]))
    return rows[: p["limit"]]


@twin("partners")
def partners(g: Graph, p: dict[str, Any]) -> list[Row]:
    found: dict[str, tuple[set[str], set[str]]] = {}
    for org in by_name(g, p["name"], ["Organization"]):
        for other, _, _, _ in edges(g, org, ["PARTNERS_WITH"]):
            if label(g, other) == "Organization":
                found.setdefault(other, (set(), set()))[0].add("PARTNERS_WITH")
        for thing in out(g, org, "ORGANIZES"):
            for other in into(g, thing, "ORGANIZES"):
                if other != org and label(g, other) == "Organization":
                    vias, shared = found.setdefault(other, (set(), set()))
                    vias.add("co-organizer")
                    shared.add(name(g, thing))
    rows = [
        {"partner": name(g, o), "id": o, "via": sorted(v), "shared": sorted(s)}
        for o, (v, s) in found.items()
    ]
    rows.sort(key=lambda r: (r["partner"], r["id"]))
    return rows[: p["limit"]]


@twin("program_actors")
def program_actors(g: Graph, p: dict[str, Any]) -> list[Row]:
    rows = [
        {"program": name(g, prog), "role": t, "actor": name(g, a), "label": label(g, a)}
        for prog in by_name(g, p["program"], ["Program", "Event"])
        for a, t, d, _ in edges(g, prog, ["ORGANIZES", "FUNDS", "PARTICIPATES_IN"])
        if d == "in"
    ]
    rows.sort(key=lambda r: (r["role"], r["actor"], r["label"]))
    return rows


@twin("people_positions")
def people_positions(g: Graph, p: dict[str, Any]) -> list[Row]:
    rows = [
        {
            "person": name(g, u),
            "title": keyed["HOLDS_POSITION"].get("title"),
            "organization": name(g, v),
        }
        for u, _ in g.nodes("Person")
        for v, keyed in g.nx._succ[u].items()
        if "HOLDS_POSITION" in keyed
        and label(g, v) == "Organization"
        and p["name"] in ("", name(g, u), name(g, v))
    ]
    rows.sort(key=lambda r: (r["organization"], r["person"], none_last(r["title"])))
    return rows[: p["limit"]]


@twin("most_connected")
def most_connected(g: Graph, p: dict[str, Any]) -> list[Row]:
    wanted = p["label"]
    ranked = (
        {"name": n, "id": nid, "label": data["labels"][0], "degree": degree}
        for degree, n, nid, data in nodes_by_degree(g, ENTITY_LABELS)
        if wanted == "" or wanted in data["labels"]
    )
    return list(itertools.islice(ranked, p["limit"]))


@twin("co_mentioned")
def co_mentioned(g: Graph, p: dict[str, Any]) -> list[Row]:
    shared: dict[str, set[str]] = {}
    for nid in by_name(g, p["name"]):
        for doc in documents(g, nid):
            for other in into(g, doc, MENTIONED_IN):
                if other != nid:
                    shared.setdefault(other, set()).add(doc)
    top = heapq.nsmallest(p["limit"], ((-len(docs), name(g, o), o) for o, docs in shared.items()))
    return [{"name": n, "id": o, "label": label(g, o), "documents": -count} for count, n, o in top]


@twin("relationship_evidence")
def relationship_evidence(g: Graph, p: dict[str, Any]) -> list[Row]:
    seen, rows = set(), []
    targets = set(by_name(g, p["target"]))
    for a in by_name(g, p["source"]):
        for other, t, d, data in edges(g, a):
            if other not in targets or p["type"] not in ("", t):
                continue
            start, end = (a, other) if d == "out" else (other, a)
            if (start, end, t) in seen:
                continue
            seen.add((start, end, t))
            for i, e in enumerate(evidence(data)):
                doc_node = g.nx.nodes.get(f"{DOCUMENT}:{e['doc']}")
                rows.append(
                    {
                        "from_node": name(g, start),
                        "type": t,
                        "to_node": name(g, end),
                        "doc": e["doc"],
                        "title": doc_node["name"] if doc_node else None,
                        "sentence": e["sentence"],
                        "_i": i,
                    }
                )
    rows.sort(key=lambda r: (r["type"], r["from_node"], r["to_node"], r["doc"], r["_i"]))
    return [{k: v for k, v in r.items() if k != "_i"} for r in rows]


@twin("shortest_path")
def shortest_path(g: Graph, p: dict[str, Any]) -> list[Row]:
    best = None
    targets = by_name(g, p["target"])
    for a in by_name(g, p["source"]):
        for b in targets:
            if b == a:
                continue
            from_a = bfs(g, a, 6, until=b)
            if b not in from_a:
                continue
            found = _first_shortest(g, a, b, from_a)
            if best is None or found[:3] < best[:3]:
                best = found
    if best is None:
        return []
    _, _, _, steps = best
    return [
        {
            "step": i + 1,
            "from_node": name(g, x),
            "type": t,
            "to_node": name(g, y),
            "direction": d,
            "evidence": evidence(data),
        }
        for i, (x, t, y, d, data) in enumerate(steps)
    ]


def _first_shortest(g: Graph, a: str, b: str, from_a: dict[str, int]) -> tuple:
    """Among the shortest a–b paths, the first by node names, then relationship types
    (the template's ORDER BY), as ``(length, names, types, steps)``."""
    length = from_a[b]
    # The nodes on some shortest path, walking back from b one distance at a time.
    to_b, frontier = {b: 0}, {b}
    for d in range(length - 1, -1, -1):
        frontier = {u for v in frontier for u in neighbours(g, v) if from_a.get(u) == d}
        to_b.update(dict.fromkeys(frontier, length - d))
    # frontier: node → (types so far, steps so far), all sharing the same names so far.
    frontier: dict[str, tuple[list[str], list[tuple]]] = {a: ([], [])}
    names = [name(g, a)]
    for i in range(1, length + 1):
        options: dict[str, tuple[list[str], list[tuple]]] = {}
        for u, (types, steps) in frontier.items():
            for v, t, d, data in edges(g, u):
                if to_b.get(v) != length - i:
                    continue
                candidate = (types + [t], steps + [(u, t, v, d, data)])
                if v not in options or candidate[0] < options[v][0]:
                    options[v] = candidate
        smallest = min(name(g, v) for v in options)
        frontier = {v: c for v, c in options.items() if name(g, v) == smallest}
        names.append(smallest)
    types, steps = min(frontier.values(), key=lambda c: c[0])
    return (length, names, types, steps)


@twin("name_search")
def name_search(g: Graph, p: dict[str, Any]) -> list[Row]:
    q = p["q"]
    hits = []
    for nid, data in nodes_naming(g, q):
        if data["labels"][0] not in ENTITY_LABELS:
            continue
        aliases = data.get("aliases", [])
        if q in data["name"] or any(q in a for a in aliases):
            exact = 0 if data["name"] == q or q in aliases else 1
            hits.append((exact, len(data["name"]), data["name"], nid))
    return [
        {
            "name": n,
            "id": nid,
            "label": label(g, nid),
            "aliases": sorted(g.nx.nodes[nid].get("aliases", [])),
        }
        for _, _, n, nid in heapq.nsmallest(p["limit"], hits)
    ]
