"""Likely duplicate nodes: same label, similar names, weighed by the places they open with.

Names are compared with RapidFuzz (``fuzz.ratio``, and ``fuzz.partial_ratio`` for
one name inside the other) over each node's name and aliases. Two names that
open with the same place, or nodes LOCATED_IN the same place, score higher; two
that open with *different* places score far lower, because 连云港市总工会 and
昆明市总工会 are two unions that merely share a suffix.

To stay fast on thousands of nodes, only pairs that share a rare character
bigram are compared (blocking): a bigram held by many names (工会, 总工) says
nothing about identity and would make the comparison quadratic.

>>> from policygraph.graph.model import Graph
>>> g = Graph()
>>> _ = g.add_document("d1")
>>> for name in ("闵行区总工会", "闵行区总", "连云港市总工会", "昆明市总工会"):
...     _ = g.add_mention("Organization", name, "d1")
>>> [(c.keep, c.other, c.score) for c in find_candidates(g)]
[('闵行区总工会', '闵行区总', 97)]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph

LABELS_SKIPPED = (DOCUMENT, "Metric")  # figures are values, not names
PLACE_BOOST = 10
PLACE_PENALTY = 45
GENERIC_PENALTY = 25
SUB_BODY_PENALTY = 30
# A name ending so is a whole body already; a longer name that extends it is a part of it.
BODY_END = re.compile(
    r"(公司|集团|工会|小组|委员会|委|局|厅|部|办|办公室|政府|法院|学院|医院|学校|会|中心|室|站|队|所)$"
)
# A bigram shared by more names than this is too common to pair on (工会, 有限).
MAX_BLOCK = 60
# A name's opening divisions: short runs each ending in a division suffix (上海市闵行区).
PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{1,6}?(?:省|市|县|区|州|镇|乡|街道))+")


@dataclass(frozen=True)
class Candidate:
    """Two nodes that may be one: ``keep`` is the fuller name, ``other`` would merge into it."""

    label: str
    keep: str
    other: str
    score: int
    reason: str

    def as_yaml(self) -> str:
        """A ready-to-edit curation ``merge`` entry, commented with the score."""
        return (
            f"# score {self.score}: {self.reason}\n"
            f"- merge: {{label: {self.label}, into: {self.keep}, names: [{self.other}]}}\n"
        )


@dataclass
class _Node:
    name: str
    forms: list[str]  # name first, then aliases
    place: str | None  # the place its name opens with
    located: frozenset[str]  # names of the places it is LOCATED_IN
    documents: int


def find_candidates(
    graph: Graph, label: str | None = None, min_score: float = 80
) -> list[Candidate]:
    """Pairs of same-label nodes scoring at least ``min_score`` (0-100), best first."""
    places = _place_names(graph)
    by_label: dict[str, list[_Node]] = defaultdict(list)
    for nid, data in graph.nodes(label):
        node_label = data["labels"][0]
        if node_label not in LABELS_SKIPPED:
            by_label[node_label].append(_node(graph, nid, data, places))
    found = []
    for node_label, nodes in sorted(by_label.items()):
        for i, j in _blocked_pairs(nodes):
            candidate = _score(node_label, nodes[i], nodes[j])
            if candidate.score >= min_score:
                found.append(candidate)
    return sorted(found, key=lambda c: (-c.score, c.label, c.keep, c.other))


def _place_names(graph: Graph) -> list[str]:
    """Every place name and alias, longest first (so 上海市 wins over 上海)."""
    names = {form for _, d in graph.nodes("Place") for form in (d["name"], *d.get("aliases", []))}
    return sorted((n for n in names if len(n) >= 2), key=lambda n: (-len(n), n))


def _node(graph: Graph, nid: str, data: dict, places: list[str]) -> _Node:
    name = data["name"]
    located = frozenset(
        graph.node(v)["name"] for _, v, k in graph.nx.out_edges(nid, keys=True) if k == "LOCATED_IN"
    )
    documents = sum(1 for _, _, k in graph.nx.out_edges(nid, keys=True) if k == MENTIONED_IN)
    forms = [name, *(a for a in data.get("aliases", []) if a != name)]
    # A place's own name is not a place prefix: 上海市 does not "open with" 上海.
    place = None if data["labels"][0] == "Place" else opening_place(name, places)
    return _Node(name, forms, place, located, documents)


def opening_place(name: str, places: list[str] = ()) -> str | None:
    """The place a name starts with: the longer of a known place and a run of divisions.

    >>> opening_place("连云港市总工会"), opening_place("上海职工学堂", ["上海"]), opening_place("市总工会")
    ('连云港市', '上海', None)
    >>> opening_place("苏州福平区人社局", ["苏州"]), opening_place("上海市闵行区总工会")
    ('苏州福平区', '上海市闵行区')
    """
    known = next((p for p in places if name.startswith(p)), "")
    match = PLACE_PREFIX.match(name)
    found = max(known, match.group(0) if match else "", key=len)
    return found if found and len(found) < len(name) else None


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _blocked_pairs(nodes: list[_Node]) -> list[tuple[int, int]]:
    """Index pairs that share a rare bigram of any of their forms (see the module docstring)."""
    blocks: dict[str, set[int]] = defaultdict(set)
    for i, node in enumerate(nodes):
        for form in node.forms:
            for gram in _bigrams(form):
                blocks[gram].add(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            pairs.update(combinations(sorted(members), 2))
    return sorted(pairs)


def _same_place(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)  # 上海 and 上海市 are one place


def _strip(form: str, places: tuple[str, ...]) -> str:
    """A form without the shared opening place (闵行区总 → 总), if something is left."""
    for place in places:
        if form.startswith(place) and len(form) > len(place):
            return form[len(place) :]
    return form


def _similarity(forms_a: list[str], forms_b: list[str], shortest: int) -> tuple[float, str]:
    """The best score over all pairs of forms, and why; a truncation needs ``shortest`` chars."""
    best, why = -1.0, ""
    for fa in forms_a:
        for fb in forms_b:
            short, long_ = sorted((fa, fb), key=len)
            if fa == fb:
                s, w = 100.0, f"both read {fa}"
            elif len(short) >= shortest and long_.startswith(short):
                # 闵行区总 of 闵行区总工会: a truncation, scored by how much of the name it keeps
                s, w = 80 + 20 * len(short) / len(long_), f"{short} begins {long_}"
                if BODY_END.search(short):
                    # …公司 and …公司工会, 市委 and 市委常委会: a body and one of its parts
                    s, w = s - SUB_BODY_PENALTY, f"{long_} is a part of {short}"
            else:
                # partial_ratio finds a short name inside a long one (委 in 国资委, 职工 in
                # 困难职工): that says less the less of the long name it covers.
                cover = (len(short) / len(long_)) ** 0.5
                s = max(fuzz.ratio(fa, fb), 0.9 * cover * fuzz.partial_ratio(fa, fb))
                w = f"{fa} ~ {fb}"
            if s > best:
                best, why = s, w
    return best, why


def _score(label: str, a: _Node, b: _Node) -> Candidate:
    places = tuple(p for p in (a.place, b.place) if p)
    shared_located = {x for x in a.located for y in b.located if _same_place(x, y)}
    if len(places) == 2 and _same_place(*places):
        # The shared place says nothing about identity: compare what follows it.
        strip = tuple(sorted(set(places), key=len, reverse=True))
        best, why = _similarity(
            [_strip(f, strip) for f in a.forms], [_strip(f, strip) for f in b.forms], 1
        )
        best += PLACE_BOOST
        reasons = [why, f"same place {min(places, key=len)}"]
    else:
        best, why = _similarity(a.forms, b.forms, 3)
        reasons = [why]
        if len(places) == 2:
            best -= PLACE_PENALTY
            reasons.append(f"different places {a.place} / {b.place}")
        elif a.located and b.located and not shared_located:
            best -= PLACE_PENALTY
            reasons.append("located in different places")
        elif len(places) == 1:
            # 市总工会 beside 昆明市总工会: a form with no place could be any city's
            best -= GENERIC_PENALTY
            reasons.append(f"only one opens with a place ({places[0]})")
        elif shared_located:
            best += PLACE_BOOST
            reasons.append(f"both located in {min(shared_located)}")
    # Keep the name more documents use, then the fuller one (SCHEMA.md: the fullest form).
    keep, other = sorted((a, b), key=lambda n: (-n.documents, -len(n.name), n.name))
    score = round(max(0.0, min(100.0, best)))
    return Candidate(label, keep.name, other.name, score, "; ".join(reasons))
