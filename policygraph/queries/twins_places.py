"""Twins of the templates about places, policies, groups and figures."""

from __future__ import annotations

import itertools
from typing import Any

from policygraph.graph.levels import place_levels, policy_level_and_date
from policygraph.graph.model import Graph
from policygraph.queries.embedded import (
    Row,
    by_name,
    first_date,
    into,
    label,
    level,
    name,
    none_last,
    out,
    places_below,
    twin,
)


@twin("programs_in_place")
def programs_in_place(g: Graph, p: dict[str, Any]) -> list[Row]:
    found: dict[str, tuple[set[str], set[str]]] = {}

    def add(prog: str, via: str, place: str) -> None:
        vias, places = found.setdefault(prog, (set(), set()))
        vias.add(via)
        places.add(name(g, place))

    for root in by_name(g, p["place"], ["Place"]):
        for sub in places_below(g, root):
            for x in into(g, sub, "LOCATED_IN"):
                if label(g, x) == "Program":
                    add(x, "located", sub)
                elif label(g, x) == "Organization":
                    for prog in out(g, x, "ORGANIZES") + out(g, x, "FUNDS"):
                        if label(g, prog) == "Program":
                            add(prog, "organizer", sub)
    rows = [
        {"program": name(g, x), "id": x, "via": sorted(v), "places": sorted(pl)}
        for x, (v, pl) in found.items()
    ]
    rows.sort(key=lambda r: (r["program"], r["id"]))
    return rows[: p["limit"]]


@twin("policy_cascade")
def policy_cascade(g: Graph, p: dict[str, Any]) -> list[Row]:
    found = []  # (policy, depth, its issuers)
    for root in by_name(g, p["policy"], ["Policy"]):
        depth = {root: 0}
        frontier = [root]
        for d in range(1, 7):  # IMPLEMENTS*1..6
            frontier = {
                x for y in frontier for x in into(g, y, "IMPLEMENTS") if label(g, x) == "Policy"
            } - depth.keys()
            for x in frontier:
                depth.setdefault(x, d)
        for x, d in depth.items():
            issuers = sorted(
                (o for o in into(g, x, "ISSUED") if label(g, o) == "Organization"),
                key=lambda o: (name(g, o), o),
            )
            found.append((x, d, issuers))
    # only the place words that these names hold can count (as the template finds them)
    names = "|".join(name(g, n) for x, _, issuers in found for n in [x, *issuers])
    places = place_levels(g, within=names)
    rows = []
    for x, d, issuers in found:
        policy_level, date = policy_level_and_date(g, x, places)
        rows.append(
            {
                "policy": name(g, x),
                "id": x,
                "depth": d,
                "date": date,
                "issuers": [name(g, o) for o in issuers],
                "level": policy_level,
            }
        )
    rows.sort(key=lambda r: (none_last(r["date"]), r["depth"], r["policy"], r["id"]))
    return rows


@twin("issued_by_level")
def issued_by_level(g: Graph, p: dict[str, Any]) -> list[Row]:
    rows = []
    # From the policies' side: far fewer than the graph's relationships.
    pairs = [(o, x) for x, _ in g.nodes("Policy") for o in into(g, x, "ISSUED")]
    for o, x in pairs:
        lvl = level(g, o)
        if p["level"] in ("", lvl):
            rows.append(
                {"level": lvl, "issuer": name(g, o), "policy": name(g, x), "date": first_date(g, x)}
            )
    rows.sort(key=lambda r: (r["level"], r["issuer"], r["policy"]))
    return rows[: p["limit"]]


@twin("reported_figures")
def reported_figures(g: Graph, p: dict[str, Any]) -> list[Row]:
    pairs = set()
    for n in by_name(g, p["name"], ["Organization", "Program", "Policy", "Place"]):
        pairs |= {(n, m) for m in out(g, n, "REPORTS") if label(g, m) == "Metric"}
        if label(g, n) == "Place":
            for sub in places_below(g, n):
                for s in into(g, sub, "LOCATED_IN"):
                    pairs |= {(s, m) for m in out(g, s, "REPORTS") if label(g, m) == "Metric"}
    rows = []
    for s, m in pairs:
        data = g.nx.nodes[m]
        rows.append(
            {
                "subject": name(g, s),
                "metric": data["name"],
                "value": data.get("value"),
                "unit": data.get("unit"),
                "period": data.get("period"),
                "_id": m,
            }
        )
    rows.sort(key=lambda r: (r["subject"], r["metric"], r["_id"]))
    return [{k: v for k, v in r.items() if k != "_id"} for r in rows]


@twin("group_targets")
def group_targets(g: Graph, p: dict[str, Any]) -> list[Row]:
    rows = [
        {"group_name": name(g, grp), "source": name(g, s), "label": label(g, s)}
        for grp, _ in g.nodes("Group")
        for s in into(g, grp, "TARGETS")
        if label(g, s) in ("Program", "Policy") and p["name"] in ("", name(g, grp), name(g, s))
    ]
    rows.sort(key=lambda r: (r["group_name"], r["label"], r["source"]))
    return rows[: p["limit"]]


@twin("place_timeline")
def place_timeline(g: Graph, p: dict[str, Any]) -> list[Row]:
    found: dict[str, set[str]] = {}
    roots = by_name(g, p["place"], ["Place"])
    subs = {s for root in roots for s in places_below(g, root)}
    for sub in subs:
        for x in into(g, sub, "LOCATED_IN"):
            if label(g, x) == "Event":
                found.setdefault(x, set()).add("located")
            elif label(g, x) == "Organization":
                for e in out(g, x, "ORGANIZES"):
                    if label(g, e) == "Event":
                        found.setdefault(e, set()).add("organizer")
                for pol in out(g, x, "ISSUED"):
                    if label(g, pol) == "Policy":
                        found.setdefault(pol, set()).add("issuer")
    words = {w for s in subs for w in [name(g, s), *g.nx.nodes[s].get("aliases", [])]}
    words = {w for w in words if len(w) >= 2}
    if words:
        for x, data in itertools.chain(g.nodes("Policy"), g.nodes("Event")):
            if any(w in data["name"] for w in words):
                found.setdefault(x, set()).add("named")
    rows = [
        {"date": first_date(g, x), "label": label(g, x), "name": name(g, x), "via": sorted(v)}
        for x, v in found.items()
    ]
    rows.sort(key=lambda r: (none_last(r["date"]), r["name"], r["label"]))
    return rows[: p["limit"]]
