"""Relationships read from one sentence's spans and trigger words.

>>> from policygraph.loaders.entities import EntityFinder
>>> sentence = "闵行区总工会与区人社局联合开展“高师带徒”奖励。"
>>> spans = EntityFinder().find(sentence)
>>> [(r.type, r.source[1], r.target[1]) for r in sentence_relations(sentence, spans)]
[('ORGANIZES', '区人社局', '高师带徒'), ('ORGANIZES', '闵行区总工会', '高师带徒'), ('PARTNERS_WITH', '闵行区总工会', '区人社局'), ('LOCATED_IN', '闵行区总工会', '闵行区')]
"""

from __future__ import annotations

import re
from functools import cache

from policygraph.loaders.entities import Span
from policygraph.loaders.facts import Relation
from policygraph.loaders.lexicon import lexicon


def _triggers(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def sentence_relations(sentence: str, spans: list[Span]) -> list[Relation]:
    """ISSUED, IMPLEMENTS, ORGANIZES, PARTNERS_WITH, HOLDS_POSITION and LOCATED_IN."""
    words = lexicon("relations")
    relations: list[Relation] = []
    orgs = [s for s in spans if s.label == "Organization"]
    policies = [s for s in spans if s.label == "Policy"]
    runs = [s for s in spans if s.label in ("Program", "Event")]

    def rel(rtype: str, source: Span, target: Span, title: str | None = None) -> None:
        relations.append(
            Relation(
                rtype, (source.label, source.name), (target.label, target.name), sentence, title
            )
        )

    def acts_before(pos: int) -> Span | None:
        """The organization nearest before ``pos``, unless a place is written closer."""
        before = [s for s in spans if s.end <= pos and s.label in ("Organization", "Place")]
        nearest = max(before, key=lambda s: s.end, default=None)
        if nearest is None or nearest.label == "Place" and not _inside_org(nearest, orgs):
            return None
        if nearest.label == "Place":
            return max((o for o in orgs if o.end <= pos), key=lambda s: s.end, default=None)
        return nearest

    organizes = lexicon("programs")["organizes_triggers"]
    partner = _triggers([*words["PARTNERS_WITH"], "、", "和", "及"])
    for rtype, targets in (("ISSUED", policies), ("IMPLEMENTS", policies), ("ORGANIZES", runs)):
        trigger_words = words[rtype] if rtype != "ORGANIZES" else organizes
        for m in _triggers(trigger_words).finditer(sentence):
            actor = acts_before(m.start())
            if actor is None:
                continue
            nxt = [s for s in spans if s.start >= m.end() and s.label == "Organization"]
            stop = nxt[0].start if nxt else len(sentence)
            for target in targets:
                if m.end() <= target.start < stop:
                    for each in _acting_together(actor, orgs, sentence, partner):
                        rel(rtype, each, target)

    for a in orgs:
        for b in orgs:
            between = sentence[a.end : b.start]
            if a is not b and a.end <= b.start and partner.fullmatch(between) and between != "、":
                rel("PARTNERS_WITH", a, b)

    for policy in policies:
        head = sentence.find("关于", policy.start, policy.end)
        for org in orgs:
            if head > 0 and policy.start <= org.start and org.end <= head:
                rel("ISSUED", org, policy)  # 《中共中央 国务院关于…的意见》

    for person in (s for s in spans if s.label == "Person"):
        for org, title in _positions(sentence, person, orgs):
            rel("HOLDS_POSITION", person, org, title=title)

    places = [s for s in spans if s.label == "Place"]
    for thing in (s for s in spans if s.label in ("Organization", "Program", "Event")):
        opening = _opening_places(thing, places)
        if opening:
            rel("LOCATED_IN", thing, opening[-1])
    return _unique(relations)


def _positions(sentence: str, person: Span, orgs: list[Span]) -> list[tuple[Span, str]]:
    """The bodies a person's titles name, walking left over 、-joined titles.

    市人大常委会副主任、市总工会主席王家全 gives (市人大常委会, 副主任) and
    (市总工会, 主席); 省委娄勤俭书记 gives (省委, 书记).
    """
    ending_at = {o.end: o for o in orgs}
    if person.title and sentence.startswith(person.title, person.end):
        org = ending_at.get(person.start)
        return [(org, person.title)] if org else []
    titles = _title_words()
    found, pending = [], []
    pos = person.start - (person.start > 0 and sentence[person.start - 1] == " ")
    while pos > 0:
        title = next((t for t in titles if sentence.endswith(t, 0, pos)), None)
        if title is None:
            break
        pos -= len(title)
        pending.insert(0, title)
        if pos in ending_at:
            org = ending_at[pos]
            found.append((org, "、".join(pending)))
            pending, pos = [], org.start
        if pos > 0 and sentence[pos - 1] in "、，,":
            pos -= 1
            continue
        break
    return found


@cache
def _title_words() -> list[str]:
    people = lexicon("people")
    return sorted({*people["titles_before"], *people["titles_after"]}, key=len, reverse=True)


def _acting_together(actor: Span, orgs: list[Span], sentence: str, joiner) -> list[Span]:
    """The actor and the organizations joined to it just before (A与B联合开展…)."""
    group = [actor]
    for org in sorted(orgs, key=lambda o: -o.end):
        if org.end <= group[-1].start and joiner.fullmatch(sentence[org.end : group[-1].start]):
            group.append(org)
    return group


def _inside_org(place: Span, orgs: list[Span]) -> bool:
    return any(o.start <= place.start and place.end <= o.end for o in orgs)


def _opening_places(thing: Span, places: list[Span]) -> list[Span]:
    """The places written one after another at the start of a name (上海市闵行区…)."""
    chain, pos = [], thing.start
    for place in places:
        if place.start == pos and place.end < thing.end:
            chain.append(place)
            pos = place.end
    return chain


def _unique(relations: list[Relation]) -> list[Relation]:
    return list(dict.fromkeys(relations))
