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
from types import SimpleNamespace

from policygraph.loaders.chains import title_ending_at
from policygraph.loaders.entities import Span
from policygraph.loaders.facts import Relation
from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.places import LOCAL, PlaceMatch, gazetteer
from policygraph.loaders.policies import cites
from policygraph.loaders.spans import alternation, outermost
from policygraph.loaders.text import clause_start


def _triggers(words: list[str]) -> re.Pattern[str]:
    """One pattern for a list of trigger words, longest first.

    >>> _triggers(["开展", "开展了", "举办"]).findall("开展了培训，举办大赛")
    ['开展了', '举办']
    """
    return re.compile(alternation(words))


@cache
def _patterns() -> SimpleNamespace:
    """The trigger patterns of the relations lexicon, compiled once per process: every
    sentence is matched against them."""
    words = lexicon("relations")
    organizes = lexicon("programs")["organizes_triggers"]
    return SimpleNamespace(
        ISSUED=_triggers(words["ISSUED"]),
        IMPLEMENTS=_triggers(words["IMPLEMENTS"]),
        ORGANIZES=_triggers(organizes),
        partner=_triggers([*words["PARTNERS_WITH"], "、", "和", "及"]),
        partner_verbs=_triggers(words["PARTNERS_WITH"]),
        subject_partner_verbs=_triggers(words["partner_verbs"]),
        held=_triggers(["召开", "举行", "举办", "开幕", "启动"]),
        joint=_triggers([*words["ISSUED"], *organizes]),
        takes_part=_triggers(words["PARTICIPATES_IN"]),
        funds=_triggers(words["FUNDS"]),
        serves=_triggers(words["TARGETS"]),
        collective=_triggers(words["collective_subjects"]),
        cites=_triggers(lexicon("policies")["cites"]),
        issue=_triggers([*words["ISSUED"], "提出", "形成"]),
        located_at=_triggers(words["located_at"]),
        national={p["name"] for p in lexicon("programs")["national_programs"]},
    )


def sentence_relations(sentence: str, spans: list[Span]) -> list[Relation]:
    """ISSUED, IMPLEMENTS, ORGANIZES, PARTNERS_WITH, HOLDS_POSITION and LOCATED_IN."""
    if not spans:
        return []  # every relation joins two spans: a third of sentences name nothing
    words = lexicon("relations")
    relations: list[Relation] = []
    by_label: dict[str, list[Span]] = {}
    for s in spans:  # one pass for the lists of one label below
        by_label.setdefault(s.label, []).append(s)
    orgs = by_label.get("Organization", [])
    policies = by_label.get("Policy", [])
    places = by_label.get("Place", [])
    runs = [s for s in spans if s.label in ("Program", "Event")]

    def rel(rtype: str, source: Span, target: Span, title: str | None = None) -> None:
        relations.append(
            Relation(
                rtype, (source.label, source.name), (target.label, target.name), sentence, title
            )
        )

    def acts_before(pos: int) -> Span | None:
        """The organization nearest before ``pos`` in its clause, unless a place is closer.

        An organization in an earlier clause is often an object there (包含了X公司在内…，
        合力共建了…): the paragraph's subject is the better actor, found elsewhere.
        """
        clause = clause_start(sentence, pos)
        before = [
            s
            for s in spans
            if clause <= s.start
            and s.end <= pos
            and s.label in ("Organization", "Place")
            and not _locative(sentence, s)  # 贵阳市总工会在观山湖区召开…: 在 marks where
        ]
        nearest = max(before, key=lambda s: s.end, default=None)
        if nearest is None or nearest.label == "Place" and not _inside_org(nearest, orgs):
            return None
        if nearest.label == "Place":
            return max((o for o in orgs if o.end <= pos), key=lambda s: s.end, default=None)
        return nearest

    patterns = _patterns()
    partner = patterns.partner
    # a local body never runs a national program (江苏省委推进产改)
    local_runs = [r for r in runs if r.name not in patterns.national]
    for rtype, targets in (
        ("ISSUED", policies),
        ("IMPLEMENTS", policies),
        ("ORGANIZES", local_runs),
    ):
        if not targets:
            continue  # most sentences name no policy: no verb can act on one
        for m in getattr(patterns, rtype).finditer(sentence):
            actor = acts_before(m.start())
            if actor is None:
                place = _place_subject(sentence, spans, m.start())
                if place is not None and rtype == "ORGANIZES":
                    # 淳安建起“共享职工之家”: no body is named, but where the program is
                    for target in targets:
                        if m.end() <= target.start <= m.end() + 12:
                            rel("LOCATED_IN", target, place)
                continue
            nxt = [s for s in spans if s.start >= m.end() and s.label == "Organization"]
            stop = nxt[0].start if nxt else len(sentence)
            for target in targets:
                if m.end() <= target.start < stop:
                    for each in _acting_together(actor, orgs, sentence, partner):
                        rel(rtype, each, target)

    if policies:  # each of these cites, issues or carries out one: most sentences name none
        for local, higher in _policy_citations(sentence, policies):
            rel("IMPLEMENTS", local, higher)
        for body, higher in _fronted_purpose(sentence, spans):
            rel("IMPLEMENTS", body, higher)
        for body, cited in _cited_issuers(sentence, policies, orgs):
            rel("ISSUED", body, cited)
        for notice in (p for p in policies if "关于转发《" in p.form):
            for forwarded in policies:
                if notice.start < forwarded.start < notice.end:
                    rel("IMPLEMENTS", notice, forwarded)  # 关于转发《X》的通知 passes X down

    held = patterns.held
    for place in (p for p in places if _locative(sentence, p)) if runs else ():
        m = held.match(sentence, place.end)
        event = next((r for r in runs if m and m.end() <= r.start <= m.end() + 2), None)
        if event is not None:
            rel("LOCATED_IN", event, place)  # 在观山湖区召开…推进会

    for event in by_label.get("Event", ()):
        for org in orgs:
            if org.start == event.start and event.name.startswith(org.name):
                rel("ORGANIZES", org, event)  # 中法企业家委员会第五次全体会议

    for a, b in _partners(sentence, orgs, words):  # each returns at once for fewer than two
        rel("PARTNERS_WITH", a, b)
    for lead, other in _joint_lists(sentence, orgs, patterns.joint):
        rel("PARTNERS_WITH", lead, other)

    for m in patterns.takes_part.finditer(sentence) if runs else ():
        before = [s for s in spans if s.end <= m.start() and s.label in ("Person", "Organization")]
        after = [t for t in runs if t.start >= m.end()]
        if before and after:
            actor = max(before, key=lambda s: s.end)
            for each in _acting_together(actor, [*orgs, *before], sentence, partner):
                rel("PARTICIPATES_IN", each, after[0])

    for m in patterns.funds.finditer(sentence) if runs else ():
        actor = acts_before(m.start())
        target = next((t for t in runs if t.start >= m.end() and t.label == "Program"), None)
        if actor is not None and target is not None:
            rel("FUNDS", actor, target)

    groups = by_label.get("Group", [])
    serves = patterns.serves
    for thing in (s for s in spans if s.label in ("Program", "Policy")) if groups else ():
        for m in serves.finditer(sentence, thing.end):
            group = next((g for g in groups if m.end() <= g.start <= m.end() + 6), None)
            if group is not None and not any(thing.end < o.start < m.start() for o in runs):
                rel("TARGETS", thing, group)
                break

    for policy in policies:
        head = sentence.find("关于", policy.start, policy.end)
        for org in orgs:
            if head > 0 and policy.start <= org.start and org.end <= head:
                rel("ISSUED", org, policy)  # 《中共中央 国务院关于…的意见》
                for inner in policies:
                    if head < inner.start and inner.end < policy.end:
                        rel("ISSUED", org, inner)  # …关于印发<X>的通知》: they issued X too

    for person in by_label.get("Person", ()):
        for org, title in _positions(sentence, person, orgs):
            rel("HOLDS_POSITION", person, org, title=title)

    for thing in (s for s in spans if s.label in ("Organization", "Program", "Event")):
        opening = _opening_places(thing, places, sentence)
        if opening:
            rel("LOCATED_IN", thing, opening[-1])
        elif thing.label == "Organization" and thing.name.endswith(thing.form):
            # 南浔区人社局、发改局: a listed body took the first one's place in its name
            prefix = thing.name[: -len(thing.form)]
            place = next((p for p in places if prefix and p.name == prefix), None)
            if place is not None and place.end <= thing.start:
                rel("LOCATED_IN", thing, place)
    for thing in (
        s for s in local_runs if s.label == "Program" and sentence[s.start : s.start + 1] == "“"
    ):
        # 嵊州“红色故事会”, 浙江省2023~2024年度“钱江工匠”: the place that names it
        # (a national program, 昆明市“产改”示范点, is carried out everywhere, located nowhere)
        place = next(
            (p for p in places if YEAR_SPAN.fullmatch(sentence[p.end : thing.start])), None
        )
        if place is not None:
            rel("LOCATED_IN", thing, place)
    for place, thing in _located_at(sentence, spans, patterns.located_at) if places else ():
        rel("LOCATED_IN", thing, place)
    for inner, outer in _place_hierarchy(places):
        rel("PART_OF", inner, outer)
    return _unique(relations)


def subject_relations(sentence: str, spans: list[Span], subject: tuple[str, str]) -> list[Relation]:
    """What a sentence with no acting organization says its paragraph's ``subject`` did.

    Only clauses with nobody written before the verb count: 建立“闵工学堂”50家.

    >>> from policygraph.loaders.entities import EntityFinder
    >>> sentence = "2019年以来，建立“闵工学堂”50家，积极对接区房管局。"
    >>> spans = EntityFinder().find(sentence)
    >>> [(r.type, r.source[1], r.target[1]) for r in subject_relations(sentence, spans, ("Organization", "区总工会"))]
    [('ORGANIZES', '区总工会', '闵工学堂'), ('PARTNERS_WITH', '区总工会', '区房管局')]
    """
    patterns = _patterns()
    runs = [s for s in spans if s.label in ("Program", "Event") and s.name not in patterns.national]
    actors = [s for s in spans if s.label in ("Organization", "Place", "Person")]
    relations = []

    def rel(rtype: str, target: Span) -> None:
        relations.append(Relation(rtype, subject, (target.label, target.name), sentence))

    collective = patterns.collective
    for m in patterns.ORGANIZES.finditer(sentence) if runs else ():
        clause = clause_start(sentence, m.start())
        if any(clause <= a.start < m.start() for a in actors):
            continue  # someone is written before the verb: the sentence's own actor
        if collective.search(sentence, clause, m.start()):
            continue  # 全市共建成…: the whole city, not the paragraph's body
        nxt = [s for s in actors if s.start >= m.end()]
        stop = nxt[0].start if nxt else len(sentence)
        for target in runs:
            if m.end() <= target.start < stop:
                rel("ORGANIZES", target)
    partner = patterns.subject_partner_verbs
    orgs = sorted((s for s in spans if s.label == "Organization"), key=lambda o: o.start)
    for m in partner.finditer(sentence):
        if any(clause_start(sentence, m.start()) <= a.start < m.start() for a in actors):
            continue
        listed = [o for o in orgs if o.start == m.end()]
        for prev, nxt in zip(orgs, orgs[1:], strict=False):
            if (
                listed
                and prev is listed[-1]
                and sentence[prev.end : nxt.start] in ("、", "和", "及")
            ):
                listed.append(nxt)
        for org in listed:
            rel("PARTNERS_WITH", org)
    return relations


# The words that open a national name (the places lexicon's not_places), with a dot.
NATIONAL_OPENER = re.compile(
    f"(?:{'|'.join(map(re.escape, lexicon('places')['not_places']))})[·•]?"
)
# Nothing, or a year or span of years (2023~2024年度) between a place and a name.
YEAR_SPAN = re.compile(r"(?:\d{4}(?:[~～—\-至]\d{4})?年度?)?")


def _locative(sentence: str, span: Span) -> bool:
    """A place, or a venue (在精工机械有限公司举行), after 在 or 于 says where, not who."""
    return span.label in ("Place", "Organization") and sentence[span.start - 1 : span.start] in (
        "在",
        "于",
    )


def _place_subject(sentence: str, spans: list[Span], pos: int) -> Span | None:
    """A place standing as the subject of the clause that ``pos`` is in, or None."""
    start = clause_start(sentence, pos)
    before = [s for s in spans if start <= s.start and s.end <= pos]
    if len(before) == 1 and before[0].label == "Place" and before[0].start <= start + 4:
        return before[0]
    return None


# 为贯彻落实《X》, 根据《X》精神, 按照《X》要求: a purpose or ground fronted before its clause.
FRONTED = re.compile(r"^(?:为了?(?:深入|全面|进一步|认真)?(?:贯彻落实|贯彻|落实)|根据|按照|依据)")


def _fronted_purpose(sentence: str, spans: list[Span]) -> list[tuple[Span, Span]]:
    """为贯彻落实《X》，A、B印发…: the bodies that open the main clause carry out X.

    Only the titles in the fronted clause count, and only bodies written right at
    the start of the next clause (its subject), listed with 、, 和 or 与.
    """
    if not FRONTED.match(sentence):
        return []
    cut = re.search(r"[，,；;]", sentence)
    if cut is None:
        return []
    cited = [s for s in spans if s.label == "Policy" and s.end <= cut.start()]
    bodies, pos = [], cut.end()
    for org in sorted((s for s in spans if s.label == "Organization"), key=lambda s: s.start):
        if org.start < pos:
            continue
        if org.start == pos:
            bodies.append(org)
            pos = org.end
            while pos < len(sentence) and sentence[pos] in "、和与及":
                pos += 1
    return [(body, title) for body in bodies for title in cited]


def _cited_issuers(sentence: str, policies: list[Span], orgs: list[Span]) -> list[tuple]:
    """根据人社部等8部门《X》, 根据全总、省总“送温暖”活动通知: the bodies a citation names.

    Only bodies listed right after the verb of citing and right before the title.
    """
    found = []
    for policy in (p for p in policies if cites_through_issuers(sentence, p.start)):
        pos, issuers = policy.start, []
        pos -= len(ISSUERS_TO_TITLE.search(sentence[:pos]).group(0))
        for org in reversed(outermost(orgs)):
            if org.end == pos:
                issuers.append(org)
                pos = org.start
                while pos > 0 and sentence[pos - 1] in "、和与及 ":
                    pos -= 1
        if issuers and cites(sentence, pos):
            found += [(org, policy) for org in issuers]
    return found


def cites_through_issuers(sentence: str, start: int) -> bool:
    """Whether a verb of citing (the policies lexicon's) stands within reach before
    ``start`` (根据A、B《X》)."""
    return bool(_patterns().cites.search(sentence, max(0, start - 40), start))


# 等8部门, 等部门: bodies counted after a list of them.
COUNTED_BODIES = r"等\s*[\d一二三四五六七八九十]*\s*[个家]?(?:部门|部委|单位)"
# What may stand between a citation's issuers and its title.
ISSUERS_TO_TITLE = re.compile(rf"(?:{COUNTED_BODIES})?$")
# What may stand between a list of bodies and the verb they share (等9部门联合).
LIST_TO_VERB = re.compile(rf"(?:{COUNTED_BODIES})?(?:联合|共同|会同)?")


def _joint_lists(sentence: str, orgs: list[Span], verbs: re.Pattern) -> list[tuple[Span, Span]]:
    """A、B、C等9部门联合印发…: the lead (first named) partners each of the others."""
    pairs = []
    if len(orgs) < 2:
        return pairs
    ordered = outermost(orgs)
    i = 0
    while i < len(ordered):
        run = [ordered[i]]
        while i + 1 < len(ordered) and sentence[run[-1].end : ordered[i + 1].start] in "、和与及":
            i += 1
            run.append(ordered[i])
        i += 1
        if len(run) < 2 or sentence[: run[0].start].endswith(("会同", "联合", "与", "同", "携手")):
            continue  # 由A牵头，会同B、C共同举办: A leads; B and C are no list of their own
        between = LIST_TO_VERB.match(sentence, run[-1].end)
        if verbs.match(sentence, between.end()):
            pairs += [(run[0], other) for other in run[1:] if other.name != run[0].name]
    return pairs


def _policy_citations(sentence: str, policies: list[Span]) -> list[tuple[Span, Span]]:
    """为贯彻落实《X》，制定了《Y》: Y carries out X."""
    found = []
    if len(policies) < 2:
        return found
    issue = _patterns().issue
    # verbs inside a title (《…关于印发<X>的通知》) are the title's words, not the sentence's
    outside = re.sub(r"《[^《》]*》", lambda m: " " * len(m.group(0)), sentence)
    for x in policies:
        if not cites(sentence, x.start):
            continue
        for y in policies:
            if y.start > x.end and issue.search(outside, x.end, y.start):
                found.append((y, x))
    return found


def _partners(sentence: str, orgs: list[Span], words: dict) -> list[tuple[Span, Span]]:
    """Pairs joined by a partner word: A与B, A联合B, A积极对接B、C."""
    if len(orgs) < 2:
        return []  # most sentences: no two bodies to pair
    verbs = _patterns().partner_verbs
    adverbs = tuple(words["partner_adverbs"])
    pairs = []
    for a in orgs:
        later = sorted((b for b in orgs if b.start >= a.end), key=lambda o: o.start)
        if not later or sentence[a.start - 1 : a.start] == "、":
            continue  # A、B和C: the list's lead partners the others (a star), not B and C
        between = sentence[a.end : later[0].start]
        for adverb in adverbs:
            between = between.removeprefix(adverb)
        with_list = _with_list_then_together(sentence, a, later, words)
        if with_list or between in ("和", "及") or verbs.fullmatch(between):
            pairs.append((a, later[0]))
            if not with_list and between in ("和", "及", "与", "同"):
                continue  # A与B: no list follows the second name
            # the list after the verb: 对接区房管局、闵房集团
            for prev, nxt in zip(later, later[1:], strict=False):
                if sentence[prev.end : nxt.start] in ("、", "和", "及"):
                    pairs.append((a, nxt))
                else:
                    break
    return pairs


def _with_list_then_together(sentence: str, a: Span, later: list[Span], words: dict) -> bool:
    """A运用与B、C等部门合作的…: 与 before a list, and 合作 within a few characters after it."""
    between = sentence[a.end : later[0].start]
    if not re.fullmatch(r".{0,3}[与同和]", between):
        return False
    last = later[0]
    for nxt in later[1:]:
        if sentence[last.end : nxt.start] not in ("、", "和", "及"):
            break
        last = nxt
    tail = sentence[last.end : last.end + 8]
    return any(w in tail for w in words["partner_after_list"])


def _located_at(sentence: str, spans: list[Span], verbs: re.Pattern) -> list[tuple[Span, Span]]:
    """位于梅溪镇的东部…项目, 在前坞村停车场附近的…工会, 在临岐镇工业园区，…公司工会.

    The thing named right after the place's 的 (a few words may come between),
    or opening the next clause, is in the last place of the chain.
    """
    found = []
    if not any(s.label == "Place" for s in spans):
        return found  # most sentences name no place to be located at
    for m in verbs.finditer(sentence):
        chain = [s for s in spans if s.label == "Place" and s.start >= m.end()]
        if not chain or chain[0].start != m.end():
            continue
        last = chain[0]
        for nxt in chain[1:]:
            if nxt.start == last.end:
                last = nxt
        gap = re.match(r"[^，。；,;的]{0,8}的|[，,]", sentence[last.end :])
        if gap is None:
            continue
        thing = next(
            (
                s
                for s in spans
                if s.start == last.end + gap.end()
                and s.label in ("Organization", "Program", "Event")
            ),
            None,
        )
        if thing is not None:
            found.append((last, thing))
    return found


def _place_hierarchy(places: list[Span]) -> list[tuple[Span, Span]]:
    """Places written in a chain (浙江省湖州市安吉县孝丰镇), each PART_OF the one before.

    Divisions from the gazetteer must agree with its data (安吉县 is in 湖州市);
    towns and villages after a place belong to it.
    """
    if len(places) < 2:
        return []  # most sentences: no chain of places
    gaz = gazetteer()
    pairs = []
    for outer, inner in zip(places, places[1:], strict=False):
        if inner.start != outer.end or inner.name == outer.name:
            continue
        known = inner.name in gaz.parents
        if not known or outer.name in gaz.ancestors(inner.name):
            pairs.append((inner, outer))
    return pairs


def _positions(sentence: str, person: Span, orgs: list[Span]) -> list[tuple[Span, str]]:
    """The bodies a person's titles name, walking left over 、-joined titles.

    市人大常委会副主任、市总工会主席王家全 gives (市人大常委会, 副主任) and
    (市总工会, 主席); 省委娄勤俭书记 gives (省委, 书记).
    """
    ending_at = {o.end: o for o in orgs}
    if person.title and sentence.startswith(person.title, person.end):
        org = ending_at.get(person.start)
        return [(org, person.title)] if org else []
    found, pending = [], []
    pos = person.start - (person.start > 0 and sentence[person.start - 1] == " ")
    while pos > 0:
        title = title_ending_at(sentence, pos)
        if title is None:
            break
        pos -= len(title)
        pending.insert(0, title)
        # 宣传部长: the unit 宣传部 and the title 部长 share their 部
        shared = ending_at.get(pos + 1) if title[0] == sentence[pos] else None
        if pos in ending_at or shared is not None:
            org = ending_at.get(pos) or shared
            found.append((org, "、".join(pending)))
            pending, pos = [], org.start
        if pos > 0 and sentence[pos - 1] in "、，,":
            pos -= 1
            continue
        break
    return found


def _acting_together(actor: Span, orgs: list[Span], sentence: str, joiner) -> list[Span]:
    """The actor and the organizations joined to it just before (A与B联合开展…)."""
    group = [actor]
    for org in sorted(orgs, key=lambda o: -o.end):
        if org.end <= group[-1].start and joiner.fullmatch(sentence[org.end : group[-1].start]):
            group.append(org)
    return group


def _inside_org(place: Span, orgs: list[Span]) -> bool:
    return any(o.start <= place.start and place.end <= o.end for o in orgs)


def _opening_places(thing: Span, places: list[Span], sentence: str) -> list[Span]:
    """The places written one after another at the start of a name (上海市闵行区…)."""
    if not places:
        return []  # most sentences name none
    pos = thing.start + (sentence[thing.start : thing.start + 1] in ("“", "《"))
    # 中国·岱山国际…赛, 全国…: a national opener, and the dot after it, is no place
    opener = NATIONAL_OPENER.match(sentence, pos)
    if opener:
        pos = opener.end()
    if all(p.start != pos for p in places):
        return []  # most names open with no place
    chain: list[Span] = []
    by_start = {p.start: p for p in sorted(places, key=lambda p: p.end)}  # the longest
    gaz = gazetteer()
    while pos in by_start and by_start[pos].end < thing.end:
        place = by_start[pos]
        if chain and not gaz.is_inside(_as_match(place, gaz), _as_match(chain[-1], gaz)):
            break
        chain.append(place)
        pos = place.end
    return chain


def _as_match(place: Span, gaz) -> PlaceMatch:
    level = LOCAL if place.name not in gaz.full and place.name not in gaz.parents else "division"
    return PlaceMatch(place.start, place.form, place.name, level)


def _unique(relations: list[Relation]) -> list[Relation]:
    return list(dict.fromkeys(relations))
