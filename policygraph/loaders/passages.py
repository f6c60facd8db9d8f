"""Relations read across sentences, each with the passage that shows both ends.

A paragraph's subject acts in the clauses that name none (区总工会关注…。建立
“闵工学堂”50家); places named in nearby sentences join the hierarchy; a passive
hosting clause refers back to the contest it hosts (本次大赛由…主办). The evidence
is then the passage of the article that runs from one naming to the other.
(Official notices, read from their structure, are in :mod:`notices`.)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from policygraph.loaders.facts import Relation
from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.places import gazetteer
from policygraph.loaders.spans import outermost
from policygraph.loaders.text import clause_start


def hierarchy_across_sentences(
    text: str, place_named: dict, relations: list[Relation]
) -> list[Relation]:
    """PART_OF between places named in nearby sentences (闵行区 …。… 上海市), by the data.

    The evidence is the passage from one naming to the other, so that it shows both.
    """
    gaz = gazetteer()
    chained = {(r.source[1], r.target[1]) for r in relations if r.type == "PART_OF"}
    found = []
    for inner, inner_at in place_named.items():
        for outer in sorted(gaz.ancestors(inner) & place_named.keys()):
            if (inner, outer) in chained or inner == outer:
                continue
            a, b = _nearest_pair(inner_at, place_named[outer])
            if abs(a[0] - b[0]) > MAX_CONTEXT_REACH:
                continue
            first, last = sorted([a, b])
            passage = text[first[1] : max(first[2], last[2])]
            found.append(
                Relation("PART_OF", ("Place", inner), ("Place", outer), passage, offset=first[3])
            )
    return found


def _nearest_pair(inner_at: list, outer_at: list) -> tuple:
    """The first (inner, outer) naming pair whose sentences are nearest, by bisection:
    pairing every naming with every other is quadratic in a long document.

    Both lists hold (sentence index, …) tuples in sentence order.

    >>> _nearest_pair([(1,), (9,)], [(4,), (7,), (11,)])
    ((9,), (7,))
    """
    indexes = [b[0] for b in outer_at]
    best, best_distance = None, None
    for a in inner_at:
        above = bisect.bisect_left(indexes, a[0])
        below = bisect.bisect_left(indexes, indexes[above - 1]) if above else None
        for j in (below, above):  # the one below first: it comes first on a tie
            if j is None or j >= len(indexes):
                continue
            distance = abs(indexes[j] - a[0])
            if best_distance is None or distance < best_distance:
                best, best_distance = (a, outer_at[j]), distance
    return best


# How many sentences back a paragraph's subject still acts in a sentence without one.
MAX_SUBJECT_REACH = 2
# How many sentences back the naming of a place still shows where 市人社局 is.
MAX_CONTEXT_REACH = 6


@dataclass(frozen=True)
class Subject:
    """The organization a sentence is about, and where that sentence is."""

    key: tuple[str, str]
    index: int
    start: int
    end: int
    offset: int | None


def sentence_subject(spans, relations, index, start, offset, sentence) -> Subject | None:
    """The organization that opens the sentence or acts in it, if one does."""
    actors = [r.source for r in relations if r.type in ACTING and r.source[0] == "Organization"]
    # the first body named, when no other body or person comes before it; issuers
    # named inside a title (《中共中央 国务院关于…》) are not the sentence's subject
    titles = [s for s in spans if s.label == "Policy"]
    first = next(
        (
            s
            for s in spans
            if s.label in ("Organization", "Person")
            and s.kind != "media"  # 新华社北京3月1日电: the wire, not the actor
            and not any(t.start <= s.start < t.end for t in titles)
        ),
        None,
    )
    # 成立劳动竞赛领导小组，组织开展…: what was set up is no actor of what follows
    founded = first is not None and sentence[: first.start].endswith(FOUNDING)
    opening = (
        [first]
        if first and first.label == "Organization" and first.start < 15 and not founded
        else []
    )
    key = (opening[0].label, opening[0].name) if opening else (actors[0] if actors else None)
    if key is None:
        # …的成长,闵行区整合各方资源…: a place opening a clause, and no body named
        openers = [
            s
            for s in spans
            if s.label == "Place"
            and clause_start(sentence, s.start) == s.start
            and not any(o.start == s.start and o.label != "Place" for o in spans)
        ]
        if openers and not first:
            key = ("Place", openers[-1].name)
    if key is None:
        return None
    return Subject(key, index, start, start + len(sentence), offset)


def as_place_subject(relation: Relation) -> Relation | None:
    """What a place did, as the schema can say it: the program it set up is in it.

    A place as subject issues and organizes nothing (SCHEMA); where it
    "建立“闵工学堂”50家", the program is LOCATED_IN it.
    """
    if relation.source[0] != "Place":
        return relation
    if relation.type != "ORGANIZES":
        return None
    return Relation("LOCATED_IN", relation.target, relation.source, relation.sentence)


FOUNDING = ("成立", "组建", "设立", "建立", "成立了", "组建了")
ACTING = ("ORGANIZES", "ISSUED", "IMPLEMENTS", "PARTNERS_WITH")


# 本次大赛由A、B联合主办，C承办 / 大赛由A牵头，会同B、C共同举办: the bodies named
# between 由 and the last verb of hosting run the contest named before.
HOSTED_BY = re.compile(r"由(?P<hosts>[^。；！？]{2,240})(?:主办|承办|协办|举办|主持举办)")
JOINT_LEAD = re.compile(r"牵头|会同|联合|共同")
SESSION = re.compile(r"第[一二三四五六七八九十百\d]+[届次]")
# How many sentences back the thing hosted may be named (大赛…。大赛由…主办).
MAX_HOSTED_REACH = 3


def hosted_by(text: str, sentences: list) -> list[Relation]:
    """ORGANIZES for every body in a passive hosting clause, PARTNERS_WITH from its lead.

    ``sentences`` holds (sentence, start, resolved spans, offset) in order. The
    thing hosted is the event or program named in the sentence before 由, else
    the nearest one named in the sentences just before.
    """
    found: list[Relation] = []
    if not any("由" in sentence for sentence, *_ in sentences):
        return found  # every hosting clause opens with 由: most articles write none
    named: list[tuple[int, int, int | None, object]] = []  # (index, start, offset, run)
    for index, (sentence, start, spans, offset) in enumerate(sentences):
        # a national program (产改) is carried out everywhere, hosted by no one body
        runs = [
            s
            for s in spans
            if s.label in ("Event", "Program") and s.name not in national_programs()
        ]
        for m in HOSTED_BY.finditer(sentence):
            hosts = outermost(
                [
                    s
                    for s in spans
                    if s.label == "Organization" and m.start("hosts") <= s.start < m.end("hosts")
                ]
            )
            # 由X承办的“Y”赛项: the thing hosted follows; else it was named before 由
            after = [r for r in runs if m.end() < r.start <= m.end() + 2]
            word = sentence[max(0, m.start() - 6) : m.start()]
            session = SESSION.search(word)

            def fits(run, word=word, session=session) -> bool:
                """第一届大赛 names the first session's contest; 大赛 a contest."""
                if session:
                    return session.group(0) in run.name
                return "赛" not in word or "赛" in run.name

            here = [r for r in runs if r.start < m.start() and fits(r)]
            reach = len(sentences) if session else MAX_HOSTED_REACH
            earlier = [n for n in named if index - n[0] <= reach and fits(n[3])]
            if sentence[m.end() : m.end() + 1] == "的":
                if not after:
                    continue  # 由X承办的赛项: what X hosts is named after, or not at all
                target, first, at = after[0], start, offset
            elif here:
                target, first, at = max(here, key=lambda r: r.start), start, offset
            elif earlier:
                _, first, at, target = max(earlier, key=lambda n: (n[0], n[1]))
            else:
                continue
            passage = text[first : start + len(sentence)]
            key = (target.label, target.name)
            found += [
                Relation("ORGANIZES", ("Organization", h.name), key, passage, offset=at)
                for h in hosts
            ]
            if JOINT_LEAD.search(m.group("hosts")):
                lead = ("Organization", hosts[0].name) if hosts else None
                found += [
                    Relation("PARTNERS_WITH", lead, ("Organization", h.name), passage, offset=at)
                    for h in hosts[1:]
                    if h.name != hosts[0].name
                ]
        named += [(index, start, offset, r) for r in runs]
    return found


@cache
def national_programs() -> frozenset[str]:
    return frozenset(p["name"] for p in lexicon("programs")["national_programs"])
