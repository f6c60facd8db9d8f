"""Rules that find named things in one sentence of a Chinese policy text.

Each finder returns :class:`Span` records (label, name, position); they know
nothing about documents. The rules follow how names are built, not lists of
names: an institution is ``[place or level] + body + suffix`` (闵行区总工会,
市人社局), a policy is a title in 《》, a program a quoted name with a program
ending, a person a surname after a title.

>>> finder = EntityFinder()
>>> [(s.label, s.name) for s in finder.find("近日，闵行区总工会与区人社局联合开展“高师带徒”奖励。")]
[('Organization', '闵行区总工会'), ('Place', '闵行区'), ('Organization', '区人社局'), ('Program', '高师带徒')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.places import PlaceMatch, gazetteer
from policygraph.loaders.text import CJK

# Characters that can sit inside an institution's or a meeting's name.
_NAME_CHAR = re.compile(rf"[{CJK}·0-9]")
MAX_NAME = 16
DATE_END = re.compile(r"(?:\d+|[〇一二三四五六七八九十]+)[年月日号]$")
POLICY_HEADLINE = re.compile(
    r"[^，。；！？《》“”]{0,40}关于[^，。；！？《》“”]{2,80}的(?:实施|指导)?"
    r"(?:意见|通知|方案|决定|办法|规定|规划|计划|措施|细则)"
)
MEDIA_TITLE = re.compile(r"(?:日报|晚报|早报|报|杂志|周刊)$")


@dataclass(frozen=True)
class Span:
    """A named thing found at ``start`` in a sentence; ``form`` is the text as written."""

    label: str
    name: str
    form: str
    start: int
    kind: str | None = None
    title: str | None = None  # for a person: the title written next to the name

    @property
    def end(self) -> int:
        return self.start + len(self.form)


def _without_extended(orgs: list[Span]) -> list[Span]:
    """Drop 宁波东海集团 where 宁波东海集团有限公司 follows: the same body, named longer.

    A longer name of another kind is another body (X公司 and its X公司工会) and stays.
    """
    return [
        a
        for a in orgs
        if not any(
            b.start == a.start and b.end > a.end and b.kind == a.kind and b.name.startswith(a.name)
            for b in orgs
        )
    ]


def _sorted_longest_first(words) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in _sorted_longest_first(words))


class EntityFinder:
    """All the sentence-level rules, with their lexicons loaded once."""

    def __init__(self) -> None:
        orgs = lexicon("organizations")
        self.kind_of_suffix = {s: kind for kind, ss in orgs["suffixes"].items() for s in ss}
        self.org_suffix = re.compile(_alternation(self.kind_of_suffix))
        self.needs_prefix = set(orgs["needs_prefix"])
        self.levels = set(orgs["levels"])
        self.party_patterns = [re.compile(p) for p in orgs["party_patterns"]]
        self.generic_prefixes = _sorted_longest_first(orgs["generic_prefixes"])
        self.not_names = set(orgs["not_names"])
        self.boundary_chars = set(orgs["boundary_chars"])
        self.soft_boundary_chars = set(orgs["soft_boundary_chars"])
        self.boundary_words = orgs["boundary_words"]
        self.name_words = orgs["name_words"]
        self.national = {}
        for body in orgs["national_bodies"]:
            for form in [body["name"], *body["aliases"]]:
                self.national[form] = (body["name"], body["kind"])
        self.national_re = re.compile(_alternation(self.national))

        people = lexicon("people")
        surnames = _alternation([*people["surnames"], *people["double_surnames"]])
        name = rf"(?:{surnames})[{CJK}]{{1,2}}"
        self.person_name = re.compile(name)
        self.person_before = re.compile(
            rf"({_alternation(people['titles_before'])})[ \u3000]?({name})"
        )
        self.person_after = re.compile(rf"({name})({_alternation(people['titles_after'])})")
        self.name_followers = tuple(people["name_followers"])

        programs = lexicon("programs")
        self.program_suffix = re.compile(rf"(?:{_alternation(programs['suffixes'])})$")
        self.trigger_words = programs["organizes_triggers"]
        self.triggers = re.compile(_alternation(self.trigger_words))
        self.event_suffix = re.compile(_alternation(lexicon("events")["suffixes"]))
        self.group_re = re.compile(_alternation(lexicon("groups")["names"]))
        self.not_places = tuple(lexicon("places")["not_places"])
        self.gazetteer = gazetteer()

    # -- the whole sentence ----------------------------------------------------

    def find(self, sentence: str, places_present: set[str] | None = None) -> list[Span]:
        """Every named thing in ``sentence``, ordered by position then label."""
        places = self.gazetteer.find(sentence, present=places_present)
        spans = [Span("Place", p.name, p.form, p.start) for p in places]
        spans += self.policies(sentence)
        spans += self.organizations(sentence, places)
        spans += self.persons(sentence)
        spans += self.programs(sentence)
        spans += self.events(sentence)
        spans += self.groups(sentence)
        unique = {(s.label, s.name, s.start): s for s in spans}
        return sorted(unique.values(), key=lambda s: (s.start, -len(s.form), s.label))

    # -- policies ------------------------------------------------------------

    def policies(self, sentence: str) -> list[Span]:
        """Titles in 《》 are policies; a newspaper's title in 《》 is a media organization.

        A line that is itself a title (关于…的意见) is a policy too.
        """
        spans = []
        if POLICY_HEADLINE.fullmatch(sentence):
            spans.append(Span("Policy", re.sub(r"\s+", "", sentence), sentence, 0))
        for m in re.finditer(r"《([^《》]{2,100})》", sentence):
            title = re.sub(r"\s+", "", m.group(1))
            if MEDIA_TITLE.search(title) and len(title) <= 8:
                spans.append(Span("Organization", title, m.group(0), m.start(), kind="media"))
            else:
                spans.append(Span("Policy", title, m.group(0), m.start()))
        return spans

    # -- organizations -------------------------------------------------------

    def organizations(self, sentence: str, places: list[PlaceMatch]) -> list[Span]:
        """National bodies by name, and names built as [place/level] + body + suffix."""
        spans = [
            Span(
                "Organization",
                *self.national[m.group(0)][:1],
                m.group(0),
                m.start(),
                kind=self.national[m.group(0)][1],
            )
            for m in self.national_re.finditer(sentence)
        ]
        taken = [(s.start, s.end) for s in spans]
        for m in self.org_suffix.finditer(sentence):
            start = self._name_start(sentence, m.start(), places)
            if start is None:
                continue
            form = sentence[start : m.end()]
            if any(a <= start and m.end() <= b for a, b in taken):
                continue  # part of a national body's name
            if self._is_org_name(form, m.group(0), places, start):
                spans.append(
                    Span("Organization", form, form, start, kind=self._kind(form, m.group(0)))
                )
        spans += self._media_bylines(sentence)
        return _without_extended(spans)

    def _name_start(self, sentence: str, end: int, places: list[PlaceMatch]) -> int | None:
        """Where a name ending at ``end`` starts: after the nearest boundary, at its first place.

        和 and 与 end a name (A与B) unless reading past them reaches a place
        that opens the name (市人力资源和社会保障局).
        """
        strict = self._scan_left(sentence, end, soft_stops=True)
        opening = self._first_place(sentence, strict, end, places)
        if opening is not None:
            return opening
        if strict < end and sentence[strict] in self.levels:
            return strict
        loose = self._scan_left(sentence, end, soft_stops=False)
        opening = self._first_place(sentence, loose, end, places)
        return opening if opening is not None else strict

    @staticmethod
    def _first_place(sentence: str, start: int, end: int, places: list[PlaceMatch]) -> int | None:
        inside = [p.start for p in places if start <= p.start < end]
        if not inside:
            return None
        first = inside[0]
        opener = next((o for o in ("中共", "中国") if sentence.startswith(o, first - 2)), "")
        return first - len(opener)

    def _scan_left(self, sentence: str, end: int, *, soft_stops: bool) -> int:
        i = end
        while i > 0 and end - i < MAX_NAME:
            ch = sentence[i - 1]
            if any(sentence.startswith(w, i - 1) for w in self.name_words):
                i -= 1
                continue
            if not _NAME_CHAR.match(ch) or ch in self.boundary_chars:
                break
            if DATE_END.search(sentence, 0, i):
                break  # 2023年11月8日市产改办: a date is never part of a name
            if soft_stops and ch in self.soft_boundary_chars:
                break
            if any(sentence.endswith(w, 0, i) for w in self.boundary_words):
                break
            i -= 1
        return i

    def _is_org_name(self, form: str, suffix: str, places: list[PlaceMatch], start: int) -> bool:
        stem = form[: -len(suffix)]
        if form in self.not_names or any(form.endswith(w) for w in self.not_names if len(w) > 1):
            return False
        if any(form.startswith(g) for g in self.generic_prefixes):
            return False
        opens_with_place = any(p.start == start or p.start == start + 2 for p in places)
        opens_with_level = form[0] in self.levels
        if not stem:
            return False
        if suffix in self.needs_prefix or len(suffix) == 1:
            return opens_with_place or opens_with_level
        return len(stem) >= 2 or opens_with_level

    def _kind(self, name: str, suffix: str) -> str:
        if any(p.search(name) for p in self.party_patterns):
            return "party"
        return self.kind_of_suffix[suffix]

    def _media_bylines(self, sentence: str) -> list[Span]:
        """The newspaper in a by-line (■ 劳动报记者 张某): its name ends in 报 before 记者."""
        spans = []
        for m in re.finditer(rf"(?:^|[\s■●（(])([{CJK}]{{1,8}}报)(?=记者|通讯员)", sentence):
            name = m.group(1)
            if name not in ("本报", "该报"):
                spans.append(Span("Organization", name, name, m.start(1), kind="media"))
        return spans

    # -- people --------------------------------------------------------------

    def persons(self, sentence: str) -> list[Span]:
        """Names after a title (市委书记项雪龙) or before one (习近平总书记)."""
        spans = []
        for m in self.person_before.finditer(sentence):
            name = self._trim_name(sentence, m.start(2))
            spans.append(Span("Person", name, name, m.start(2), title=m.group(1)))
        for m in self.person_after.finditer(sentence):
            # The name must open after a boundary, or the match ran into the word
            # before it (分管负责同志 is no person).
            for name in (m.group(1), m.group(1)[1:]):
                start = m.end(1) - len(name)
                if len(name) >= 2 and (start == 0 or not _NAME_CHAR.match(sentence[start - 1])):
                    spans.append(Span("Person", name, name, start, title=m.group(2)))
                    break
        return spans

    def _trim_name(self, sentence: str, start: int) -> str:
        """Two characters when the third opens a word that follows names (王芳在…)."""
        name = self.person_name.match(sentence, start).group(0)
        if len(name) == 3 and sentence.startswith(self.name_followers, start + 2):
            return name[:2]
        return name

    # -- programs, events, groups -------------------------------------------

    def programs(self, sentence: str) -> list[Span]:
        """Quoted names with a program ending (“高师带徒”奖励), or run by a trigger verb."""
        spans = []
        quotes = list(re.finditer(r"“([^“”]{2,30})”", sentence))
        for i, m in enumerate(quotes):
            inner = re.sub(r"\s+", "", m.group(1))
            if re.search(r"[，。；！？]", inner):
                continue
            # Adjacent quotes (“云协商”“云指导”) share the ending written after the last one.
            run_start, run_end = self._quote_run(quotes, i)
            tail = self._name_run(sentence, run_end)
            if self.program_suffix.search(inner):
                spans.append(Span("Program", inner, m.group(0), m.start()))
            elif tail and self.program_suffix.search(tail) and not self.org_suffix.match(tail):
                form = m.group(0) + tail if m.end() == run_end else m.group(0)
                spans.append(Span("Program", inner, form, m.start()))
            elif self._trigger_before(sentence, run_start):
                spans.append(Span("Program", inner, m.group(0), m.start()))
        for m in self.triggers.finditer(sentence):
            run = self._name_run(sentence, m.end(), limit=16, named=True)
            if (
                run
                and not run.startswith("“")
                and self.program_suffix.search(run)
                and len(run) >= 4
            ):
                spans.append(Span("Program", run, run, m.end()))
        return spans

    @staticmethod
    def _quote_run(quotes: list[re.Match], i: int) -> tuple[int, int]:
        """Start and end of the run of adjacent quotes that holds quote ``i``."""
        first = last = i
        while first > 0 and quotes[first].start() - quotes[first - 1].end() <= 1:
            first -= 1
        while last + 1 < len(quotes) and quotes[last + 1].start() - quotes[last].end() <= 1:
            last += 1
        return quotes[first].start(), quotes[last].end()

    def _trigger_before(self, sentence: str, pos: int) -> bool:
        head = sentence[max(0, pos - 4) : pos].rstrip("了")
        return any(head.endswith(t) for t in self.trigger_words)

    def _name_run(self, sentence: str, start: int, limit: int = 12, *, named: bool = False) -> str:
        """The name characters from ``start`` up to a program ending, at most ``limit``.

        With ``named``, the run must hold a name before its ending (not 2023年).
        """
        i = start
        while i < len(sentence) and i - start < limit:
            ch = sentence[i]
            if not _NAME_CHAR.match(ch) or ch in self.boundary_chars | self.soft_boundary_chars:
                break
            if i > start and any(sentence.startswith(w, i) for w in self.boundary_words):
                break
            i += 1
        run = sentence[start:i]
        # the longest prefix that ends like a program, with a name before the ending
        for cut in range(len(run), 1, -1):
            ending = self.program_suffix.search(run[:cut])
            if ending and (not named or re.search(rf"[{CJK}]", run[: ending.start()])):
                return run[:cut]
        return ""

    def events(self, sentence: str) -> list[Span]:
        """Meetings and ceremonies: a name ending in 会议, 大会, 推进会, 研讨班 …"""
        spans = []
        for m in self.event_suffix.finditer(sentence):
            start = self._scan_left(sentence, m.start(), soft_stops=False)
            form = sentence[start : m.end()]
            stem = form[: -len(m.group(0))]
            if len(stem) >= 3 and not any(form.startswith(g) for g in self.generic_prefixes):
                spans.append(Span("Event", form, form, start))
        return spans

    def groups(self, sentence: str) -> list[Span]:
        """Populations named by the groups lexicon (产业工人, 农民工, 货车司机 …)."""
        return [
            Span("Group", m.group(0), m.group(0), m.start())
            for m in self.group_re.finditer(sentence)
        ]
