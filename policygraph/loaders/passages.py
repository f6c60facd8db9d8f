"""Relations read across sentences, each with the passage that shows both ends.

A paragraph's subject acts in the clauses that name none (区总工会关注…。建立
“闵工学堂”50家); places named in nearby sentences join the hierarchy; an official
notice's signature issues what it hands out. The evidence is then the
passage of the article that runs from one naming to the other.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from policygraph.loaders.dates import first_full_date
from policygraph.loaders.facts import Mention, Relation
from policygraph.loaders.offsets import original_position
from policygraph.loaders.places import gazetteer
from policygraph.loaders.text import clause_start, clean_name


def signed_issues(text: str, found: list, relations: list[Relation], anchors: list) -> list:
    """An official notice's signature issues what it hands out (现将《X》印发给你们…湖南省总工会).

    Chinese 公文 end with the issuing body on a line of its own and the date below
    it. The evidence is the passage from the handing-out sentence to the signature.
    Returns (relation, dated policy mention or None) pairs.
    """
    tail = found[-3:]
    signature = next(
        (
            (sentence, start, span)
            for sentence, start, spans in tail
            for span in spans
            if span.label == "Organization" and span.start == 0 and len(span.form) == len(sentence)
        ),
        None,
    )
    if signature is None:
        return []
    sign_sentence, sign_start, org = signature
    issued = {r.target for r in relations if r.type == "ISSUED"}
    after = text[sign_start + len(sign_sentence) : sign_start + len(sign_sentence) + 30]
    date = first_full_date(after)
    out = []
    for sentence, start, spans in found:
        if start >= sign_start or not HANDED_OUT.search(sentence):
            continue
        for policy in (
            s for s in spans if s.label == "Policy" and ("Policy", s.name) not in issued
        ):
            passage = text[start : sign_start + len(sign_sentence)]
            offset = original_position(anchors, start) if anchors else None
            relation = Relation(
                "ISSUED",
                ("Organization", org.name),
                ("Policy", policy.name),
                passage,
                offset=offset,
            )
            dated = None
            if date:
                dated = Mention(
                    "Policy",
                    policy.name,
                    clean_name(policy.form),
                    passage,
                    0,
                    None,
                    offset,
                    {"date": date},
                )
            out.append((relation, dated))
    return out


# 现将《X》印发给你们: the notice hands out the policy it names.
HANDED_OUT = re.compile(r"现将《[^《》]+》(?:印发|转发|印送)")


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
        for outer in gaz.ancestors(inner) & place_named.keys():
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
    opening = [first] if first and first.label == "Organization" and first.start < 15 else []
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


ACTING = ("ORGANIZES", "ISSUED", "IMPLEMENTS", "PARTNERS_WITH")
