"""Where a policy sits and when: one rule for the query templates and the cascade map.

:func:`policy_level_and_date` decides a policy's administrative level and its date from
the graph; the ``policy_cascade`` template's networkx twin and the cascade map's bands
both call it, and ``policy_cascade.cypher`` spells the same rule out for Neo4j. The
levels' words, bands and the name rules are data: ``administrative_levels`` in the
places lexicon.

The rule is the cascade map's, not the old template's (a list of issuers' levels): a
map needs one band, and a policy's own name says more about its level than its issuers'
places, which extraction often leaves unknown. The map's last resort, the level of the
bodies its documents name, is left out: it says where a policy was talked about, not
who made it (a national law quoted by a county newspaper would sit with the county),
and it would depend on which documents a map happens to show. Such a policy is
"unknown" (未定) in both.

>>> admin_level("闵行区"), admin_level("上海市"), admin_level("浙江省"), admin_level("中共中央")
(3, 1, 1, 0)
>>> LEVELS.names[3], LEVELS.bands[3], LEVELS.unknown
('county', '县区级', 5)
"""

from __future__ import annotations

from dataclasses import dataclass

from policygraph.graph.model import MENTIONED_IN, Graph
from policygraph.loaders.lexicon import lexicon


@dataclass(frozen=True)
class Levels:
    """The levels from the top and how a name shows its level (see the places lexicon)."""

    names: tuple[str, ...]  # the templates' words: national … township, unknown
    bands: tuple[str, ...]  # a cascade map's bands: 全国 … 基层, 未定
    national_opens: tuple[str, ...]
    national_names: tuple[str, ...]
    municipalities: tuple[str, ...]
    province_opens: tuple[str, ...]
    province_ends: tuple[str, ...]
    county_ends: tuple[str, ...]
    not_county_ends: tuple[str, ...]
    city_ends: tuple[str, ...]
    township_ends: tuple[str, ...]

    @property
    def unknown(self) -> int:
        """The number of the last level, "unknown"."""
        return len(self.names) - 1

    def rank(self, word: str | None) -> int | None:
        """The number of a known level's word (``"city"`` → 2); None for any other value."""
        return self.names.index(word) if word in self.names[:-1] else None


LEVELS = Levels(**{k: tuple(v) for k, v in lexicon("places")["administrative_levels"].items()})


def admin_level(name: str) -> int:
    """The administrative level a place name (or a name opening with one) sits at:
    0 national, 1 province, 2 city/prefecture, 3 county/district, 4 below; 5 unknown.

    >>> admin_level("上海市闵行区"), admin_level("上海职工学堂"), admin_level("北京市总工会")
    (3, 5, 1)
    """
    lv = LEVELS
    if name.startswith(lv.national_opens) or name in lv.national_names:
        return 0
    if name.startswith(lv.municipalities) and ("市" in name[:4] or len(name) <= 3):
        return 1 if not _ends_county(name) else 3
    if name.startswith(lv.province_opens) or name.endswith(lv.province_ends):
        return 1
    if _ends_county(name):
        return 3
    if name.endswith(lv.city_ends):
        return 2
    if name.endswith(lv.township_ends):
        return 4
    return lv.unknown


def _ends_county(name: str) -> bool:
    return name.endswith(LEVELS.county_ends) and not name.endswith(LEVELS.not_county_ends)


def place_levels(graph: Graph, within: str | None = None) -> dict[str, int]:
    """The level of every place name and alias (two characters or more) in ``graph``; a
    word two places share gets the more local one's. With ``within``, only the words
    that text holds (the names about to be read: far fewer words to try on each).

    >>> from policygraph.graph.model import Graph
    >>> g = Graph()
    >>> _ = g.add_document("d1", title="t")
    >>> _ = g.add_mention("Place", "闵行区", "d1", form="闵行")
    >>> place_levels(g), place_levels(g, within="闵行工会")
    ({'闵行区': 3, '闵行': 3}, {'闵行': 3})
    """
    levels: dict[str, int] = {}
    for _, data in graph.nodes("Place"):
        words = [
            word
            for word in [data["name"], *data.get("aliases", [])]
            if len(word) >= 2 and (within is None or word in within)
        ]
        level = admin_level(data["name"]) if words else LEVELS.unknown
        if level != LEVELS.unknown:
            for word in words:
                levels[word] = max(levels.get(word, level), level)
    return levels


def _label(graph: Graph, nid: str) -> str:
    return graph.nx.nodes[nid]["labels"][0]


def node_level(graph: Graph, nid: str, places: dict[str, int]) -> int:
    """A node's level by its name and places: national where its name opens like a
    national body's; else the most local place its name holds; else the highest place
    it is LOCATED_IN; else unknown. ``places``: :func:`place_levels` of ``graph``."""
    name = graph.nx.nodes[nid]["name"]
    if admin_level(name) == 0:
        return 0
    named = [level for word, level in places.items() if word in name]
    if named:
        return max(named)
    located = [
        admin_level(graph.nx.nodes[v]["name"])
        for v, keyed in graph.nx._succ[nid].items()
        if "LOCATED_IN" in keyed and _label(graph, v) == "Place"
    ]
    return min(located, default=LEVELS.unknown)


def first_date(graph: Graph, nid: str) -> str | None:
    """A node's own ``date``, else the earliest date of the documents that mention it."""
    own = graph.nx.nodes[nid].get("date")
    if own is not None:
        return own
    dates = [
        graph.nx.nodes[d].get("date")
        for d, keyed in graph.nx._succ[nid].items()
        if MENTIONED_IN in keyed
    ]
    return min((d for d in dates if d is not None), default=None)


def policy_level_and_date(
    graph: Graph, policy: str, places: dict[str, int] | None = None
) -> tuple[str, str | None]:
    """A policy's level (a word of ``LEVELS.names``) and date, as ``policy_cascade``
    answers and the cascade map draws them.

    Level: the policy's own ``level`` (what extraction read from its title or issuer);
    else its name's (:func:`node_level`: national opening, most local place named);
    else the highest of its issuers' (each by :func:`node_level`); else unknown.
    Date: its own ``date``, else the earliest date of the documents that mention it.
    ``places``: :func:`place_levels` of ``graph``, when the caller has it already.

    >>> from policygraph.graph.model import Graph
    >>> g = Graph()
    >>> _ = g.add_document("d1", title="t", date="2021-03-05")
    >>> plan = g.add_mention("Policy", "技能提升行动方案", "d1")
    >>> for body, place in (("武汉市总工会", "武汉市"), ("江汉区总工会", "江汉区")):
    ...     org = g.add_mention("Organization", body, "d1")
    ...     g.add_relation("ISSUED", org, plan, doc="d1", sentence="s")
    ...     where = g.add_mention("Place", place, "d1")
    ...     g.add_relation("LOCATED_IN", org, where, doc="d1", sentence="s")
    >>> policy_level_and_date(g, plan)
    ('city', '2021-03-05')
    """
    places = place_levels(graph) if places is None else places
    level = LEVELS.rank(graph.nx.nodes[policy].get("level"))
    if level is None:
        level = node_level(graph, policy, places)
    if level == LEVELS.unknown:
        issuers = [
            node_level(graph, u, places)
            for u, keyed in graph.nx._pred[policy].items()
            if "ISSUED" in keyed and _label(graph, u) == "Organization"
        ]
        level = min(issuers, default=LEVELS.unknown)
    return LEVELS.names[level], first_date(graph, policy)
