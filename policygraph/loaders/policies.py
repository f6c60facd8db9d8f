"""Policies as records: their level, date and 文号, and which policy implements which.

A local policy names the higher one it carries out in two ways: by citing it
(为贯彻落实《X》…制定《Y》, 根据《X》) or by its title, which repeats the
higher title's subject with its own place and a local ending:

>>> policy_core("关于推进新时期闵行区产业工人队伍建设改革的实施意见")
'新时期产业工人队伍建设改革'
>>> policy_core("新时期产业工人队伍建设改革方案")
'新时期产业工人队伍建设改革'
>>> implements_by_title("关于推进新时期闵行区产业工人队伍建设改革的实施意见", "新时期产业工人队伍建设改革方案")
True
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.places import COUNTY, FOREIGN, LOCAL, PROVINCE, REGION, gazetteer

# Levels from the top; a policy implements only one of a higher level.
LEVELS = ("national", "province", "city", "county")
_PLACE_LEVEL = {PROVINCE: "province", "city": "city", COUNTY: "county", LOCAL: "county"}


@cache
def _words() -> dict:
    return lexicon("policies")


@lru_cache(maxsize=4096)  # an article compares each of its titles with every other
def policy_core(title: str) -> str:
    """A title's subject: without 关于 and its verb, places, and the document type."""
    words = _words()
    core = title
    for opener in words["openers"]:
        core = core.removeprefix(opener)
    for verb in words["verbs"]:
        if core.startswith(verb):
            core = core[len(verb) :]
            break
    core = re.sub(rf"的?(?:{'|'.join(map(re.escape, words['types']))})(?:\(试行\))?$", "", core)
    for place in sorted(gazetteer().find(core), key=lambda p: -p.start):
        if place.level not in (FOREIGN, REGION):
            core = core[: place.start] + core[place.end :]
    return core.removeprefix("全国").removeprefix("全市").removeprefix("全省")


@lru_cache(maxsize=4096)
def title_level(title: str) -> str | None:
    """The level a title's own place gives (闵行区 → county), or None when it names none."""
    places = [p for p in gazetteer().find(title) if p.level in _PLACE_LEVEL]
    return _PLACE_LEVEL[places[-1].level] if places else None


def organization_level(name: str, national: bool) -> str | None:
    """The level of an issuing body: national bodies are national; else its place's."""
    if national:
        return "national"
    return title_level(name)


def implements_by_title(local: str, higher: str) -> bool:
    """Whether ``local``'s title carries out ``higher``'s: the same subject, a lower level."""
    if local == higher:
        return False
    core, higher_core = policy_core(local), policy_core(higher)
    if len(higher_core) < 6 or len(core) < 6:
        return False
    same_subject = core == higher_core or core in higher_core or higher_core in core
    return same_subject and _rank(title_level(local)) > _rank(title_level(higher))


def _rank(level: str | None) -> int:
    """national 0 … county 3; a title without a place counts as national."""
    return LEVELS.index(level) if level in LEVELS else 0


def document_number(sentence: str, end: int) -> str | None:
    """The 文号 written right after a title ending at ``end`` (（沪总工〔2021〕12号）)."""
    m = re.compile(_words()["document_number"]).match(sentence, end)
    return m.group(1) if m else None


def cites(sentence: str, start: int) -> bool:
    """Whether a verb of carrying out stands right before a title at ``start`` (根据《X》)."""
    head = sentence[max(0, start - 6) : start].rstrip("为")
    return any(head.endswith(verb) for verb in _words()["cites"])


def cascade(text: str, named: dict[str, list[tuple]], cited: dict[str, list[tuple]], reach: int):
    """IMPLEMENTS between an article's policies: by title, or a cited one by the title policy.

    ``named`` maps each policy to where the article names it and ``cited`` to where
    it cites it, as (sentence index, start, end, offset). Yields (local, higher,
    passage, offset): the passage runs between two namings close enough to show both.
    """
    candidates = []  # (local, higher, where local is named, where higher is)
    for local in sorted(named):
        for higher in sorted(named):
            if implements_by_title(local, higher):
                candidates.append((local, higher, named[local], named[higher]))
    # the article's own title (its first sentence) carries out what it cites
    title = next((n for n in sorted(named) if any(at[0] == 0 for at in named[n])), None)
    for higher in sorted(cited):
        if title is not None and higher != title:
            opening = [at for at in named[title] if at[0] == 0]
            candidates.append((title, higher, opening, cited[higher]))
    for local, higher, local_at, higher_at in candidates:
        a, b = min(
            ((a, b) for a in local_at for b in higher_at), key=lambda ab: abs(ab[0][0] - ab[1][0])
        )
        if abs(a[0] - b[0]) <= reach:
            first, last = sorted([a, b])
            yield local, higher, text[first[1] : max(first[2], last[2])], first[3]
