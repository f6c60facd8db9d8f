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

from policygraph.loaders.ceremonies import ceremony_start
from policygraph.loaders.chains import chain_bodies
from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.organizations import OrganizationFinder
from policygraph.loaders.persons import PersonFinder
from policygraph.loaders.places import gazetteer
from policygraph.loaders.spans import NAME_CHARS, Span, alternation, char_class, outside
from policygraph.loaders.text import CJK, clean_name

__all__ = ["EntityFinder", "Span"]
POLICY_HEADLINE = re.compile(
    r"[^，。；！？《》“”]{0,40}关于[^，。；！？《》“”]{2,80}的(?:实施|指导)?"
    r"(?:意见|通知|方案|决定|办法|规定|规划|计划|措施|细则)"
)
CJK_CHAR = re.compile(f"[{CJK}]")
# A count before a name (36家, 十余个): never part of it.
COUNT = re.compile(r"了?(?:\d+|[一二三四五六七八九十百千两几首]+)[余多]?[家个所座支批项处]")
# A notice that forwards another body's policy: a policy of its own.
FORWARDING_HEADLINE = re.compile(r"[^，。；！？“”]{0,30}关于转发《[^《》]{2,100}》的(?:通知|函)")
# 改革三年, 五年: a span of years ends no program's name (县级工会加强年 does).
DURATION = re.compile(r"[一二三四五六七八九十两几\d]年$")
# The text a notice's title hands out: 关于印发<X>的通知, 关于印发“十三五”X规划的通知.
HANDED_IN_TITLE = re.compile(r"关于(?:印发|转发|颁布)[<〈]?([^<>〈〉]{4,80}?)[>〉]?的通知$")
MEDIA_TITLE = re.compile(r"(?:日报|晚报|早报|报|杂志|周刊)$")
# The patterns every sentence is read with, compiled here rather than looked up in
# re's cache at each call.
QUOTED = re.compile(r"“([^“”]{2,30})”")
TITLED = re.compile(r"《([^《》]{2,100})》")
TITLE_SPAN = re.compile(r"《[^《》]*》")
# (each joiner a literal of its own, so that the engine skips to their characters)
LIST_JOINER = re.compile(r"、|及|和(?![谐平睦美])")
DE = re.compile("的")
SPACES = re.compile(r"\s+")
CLAUSE_MARK = re.compile(r"[，。；！？]")


class ProgramEnding:
    """How a program's name ends: a listed ending, or a facility (爱心接力站, 心理体验馆).

    The facility pattern is tried only on names that end in 站 or 馆, which keeps
    the common case to one pattern.
    """

    def __init__(self, listed: list[str], facility: re.Pattern) -> None:
        self.listed = re.compile(rf"(?:{alternation(listed)})$")
        # a text can end like a program only in a listed ending's last character
        self.last_chars = frozenset(w[-1] for w in listed)
        self.facility = facility
        self.facility_chars = frozenset("站馆")  # the facility pattern's last characters
        self.final_chars = self.last_chars | self.facility_chars

    def search(self, text: str) -> re.Match | None:
        """The ending of ``text`` that makes it a program's name, or None.

        >>> ending = ProgramEnding(["计划", "行动"], re.compile("(?<=[一-鿿]{2})站$"))
        >>> [ending.search(t) and ending.search(t).group(0) for t in ("春风计划", "爱心站", "春风")]
        ['计划', '站', None]
        """
        last = text[-1:]
        found = self.listed.search(text) if last in self.last_chars else None
        if found is None and last in self.facility_chars:
            found = self.facility.search(text)
        return found


class EntityFinder:
    """All the sentence-level rules, with their lexicons loaded once."""

    def __init__(self) -> None:
        self.orgs = OrganizationFinder()
        self.person_finder = PersonFinder()

        programs = lexicon("programs")
        self.program_suffix = ProgramEnding(
            programs["suffixes"], re.compile(rf"(?:{programs['facility_suffix']})$")
        )
        # every verb that runs a program also names one (举办第五届职工技能大赛)
        runs_only = set(programs["organizes_only"])
        self.mention_triggers = re.compile(
            alternation(
                [*programs["mention_triggers"], *programs["organizes_triggers"]], skip=runs_only
            )
        )
        self.not_in_program_names = programs["not_in_names"]
        self.description = re.compile(rf"{alternation(self.not_in_program_names)}|\d")
        self.program_inner = set(programs["inner_words"])
        self.inner_tail_chars = {ch for word in self.program_inner for ch in word[1:]}
        self.designation_before = re.compile(programs["designation_before"] + "$")
        self.designation_after = re.compile(programs["designation_after"])
        self.title_of_honour = re.compile(programs["title_of_honour"])
        self.plaque = re.compile(programs["plaque"])
        self.year_span = re.compile(r"\d{4}(?:[~～—\-至]\d{4})?年度?$")
        self.run_stop_chars = self.orgs.boundary_chars | self.orgs.soft_boundary_chars
        # words that end a program's name on its right: the organization boundary
        # words, less those that sit inside programs' names (职工服务站点)
        breakers = [w for w in self.orgs.boundary_words if w not in self.program_inner]
        # searched for where the next one starts (within a reach, so a word seen is whole);
        # a plain alternation, not a lookahead, lets the engine skip to the words' first
        # characters
        self.run_breaker = re.compile(alternation(breakers))
        self.run_breaker_reach = max(map(len, breakers))
        # the characters a name runs over: CJK, ·, digits, but no boundary character
        # (one class of exactly those, so that a run is read at C speed)
        self.run_chars = NAME_CHARS - self.run_stop_chars
        run_class = char_class(self.run_chars)
        self.name_chars = re.compile(f"{run_class}*")
        # a run's characters up to the first that a program's name may end in: the one
        # test most runs fail (see _name_run); built from the classes at hand, as a
        # class of 28k characters costs milliseconds to write at every start
        final_class = char_class(c for c in self.program_suffix.final_chars if c in self.run_chars)
        self.run_to_final = re.compile(f"(?:(?!{final_class}){run_class})*{final_class}")
        self.strong_suffix = re.compile(rf"(?:{alternation(programs['strong_suffixes'])})$")
        self.strong_suffix_anywhere = re.compile(alternation(programs["strong_suffixes"]))
        self.national_programs = {}
        for program in programs["national_programs"]:
            for form in [program["name"], *program["aliases"]]:
                self.national_programs[form] = program["name"]
        self.national_program_re = re.compile(alternation(self.national_programs))
        relations = lexicon("relations")
        self.cited_campaign_notice = re.compile(
            rf"(?:{alternation(lexicon('policies')['cites'])})[^，。；“”《》]{{0,16}}"
            rf"(“[^“”]{{2,16}}”[{CJK}]{{0,6}}?(?:通知|意见|方案|文件))(?=要求|精神|规定|部署|[，,。；])"
        )
        title_run = (
            rf"([^，。；、“”《》\s,;:：]{{4,30}}?(?:{alternation(relations['policy_endings'])}))"
            r"(?=[，。；、,;及和并]|$)"
        )
        self.unmarked_policy = re.compile(
            rf"(?:{alternation(relations['policy_verbs'])}){title_run}"
        )
        # 确定了X方案: any verb done (了) before a policy's name; tried only where 了 is
        self.unmarked_policy_after_le = re.compile(rf"[{CJK}]{{2}}了{title_run}")
        events = lexicon("events")
        self.event_suffix = re.compile(alternation(events["suffixes"]))
        self.congress = re.compile(events["congress"])
        self.plenum = re.compile(events["plenum"])
        self.event_openers = tuple(events["openers"])
        self.ceremonies = set(events["ceremonies"])
        self.session = re.compile(events["session"])
        self.contest = re.compile(events["contest"])
        self.plenary = re.compile(events["plenary"])
        self.grand_contest = re.compile(f"({'|'.join(events['grand_contests'])})")
        inner = set(events["inner_words"])
        self.event_breaker = re.compile(
            rf"(?:{alternation(w for w in self.orgs.boundary_words if w not in inner)})$"
        )
        self.group_re = re.compile(alternation(lexicon("groups")["names"]))
        self.group_pattern = re.compile("|".join(lexicon("groups")["patterns"]))
        # a strong ending after only a group's name is generic (的职工之家)
        self.group_names = set(lexicon("groups")["names"])
        self.not_places = tuple(lexicon("places")["not_places"])
        self.gazetteer = gazetteer()

    # -- the whole sentence ----------------------------------------------------

    def find(self, sentence: str, places_present: set[str] | None = None) -> list[Span]:
        """Every named thing in ``sentence``, ordered by position then label."""
        places = self.gazetteer.find(sentence, present=places_present)
        spans = [Span("Place", p.name, p.form, p.start) for p in places]
        spans += self.policies(sentence)
        orgs = self.orgs.find(sentence, places)
        spans += orgs
        persons = self.persons(sentence, orgs)
        # 董事长沙骏刚: a title's last character opens no place (长沙)
        titled = [p for p in persons if p.title]
        if titled:
            spans = [
                s
                for s in spans
                if s.label != "Place" or not any(s.start < p.start < s.end for p in titled)
            ]
        spans += outside(persons, spans)
        spans += chain_bodies(sentence, titled, orgs)
        place_spans = [s for s in spans if s.label == "Place"]  # programs add none
        spans += self.programs(sentence, place_spans)
        spans += self.events(sentence, place_spans, orgs)
        spans += self.groups(sentence)
        if len(spans) < 2:
            return spans  # nothing to sort or to take once (two in five sentences)
        unique = {(s.label, s.name, s.start): s for s in spans}
        return sorted(unique.values(), key=lambda s: (s.start, -len(s.form), s.label))

    # -- policies ------------------------------------------------------------

    def policies(self, sentence: str) -> list[Span]:
        """Titles in 《》 are policies; a newspaper's title in 《》 is a media organization.

        A line that is itself a title (关于…的意见) is a policy too.
        """
        spans = []
        if "关于" in sentence and POLICY_HEADLINE.fullmatch(sentence):
            spans.append(Span("Policy", re.sub(r"\s+", "", sentence), sentence, 0))
        forwarded = "关于转发《" in sentence and FORWARDING_HEADLINE.fullmatch(sentence)
        if forwarded:
            # 关于转发《X》的通知 is a document of its own that passes X down
            name = re.sub(r"[\s《》]", "", sentence)
            spans.append(Span("Policy", name, sentence, 0))
        matches = list(self.unmarked_policy.finditer(sentence))
        if "了" in sentence:
            matches += self.unmarked_policy_after_le.finditer(sentence)
        for m in matches:
            title = m.group(1).rsplit("的", 1)[-1]  # 为期3年的基层工会提升行动方案
            generic = any(w in title for w in self.not_in_program_names)
            if len(title) >= 6 and not generic and not re.search(r"\d", title):
                spans.append(Span("Policy", title, title, m.end(1) - len(title)))
        campaign = "“" in sentence and ("通知" in sentence or "意见" in sentence)
        for m in self.cited_campaign_notice.finditer(sentence) if campaign else ():
            # 根据全总、省总“送温暖”活动通知要求: a notice named by its campaign
            name = clean_name(m.group(1))
            spans.append(Span("Policy", name, m.group(1), m.start(1)))
        for m in TITLED.finditer(sentence) if "《" in sentence else ():
            title = SPACES.sub("", m.group(1))
            if MEDIA_TITLE.search(title) and len(title) <= 8:
                spans.append(Span("Organization", title, m.group(0), m.start(), kind="media"))
            else:
                spans.append(Span("Policy", title, m.group(0), m.start()))
                handed = HANDED_IN_TITLE.search(m.group(1))
                if handed:  # 《国务院关于印发<X>的通知》: the text handed out is a policy too
                    inner = re.sub(r"[\s<>〈〉“”]", "", handed.group(1))
                    at = m.start(1) + handed.start(1)
                    spans.append(Span("Policy", inner, handed.group(1), at))
        return spans

    # -- people --------------------------------------------------------------

    def persons(self, sentence: str, orgs: list[Span] = ()) -> list[Span]:
        """Names framed by a title, a verb of speech, a list or a credit (see persons.py)."""
        ends = {o.end for o in orgs}
        return [
            Span("Person", p.name, p.name, p.start, title=p.title)
            for p in self.person_finder.find(sentence, ends)
        ]

    # -- programs, events, groups -------------------------------------------

    def programs(self, sentence: str, places: list[Span] = ()) -> list[Span]:
        """Quoted names with a program ending (“高师带徒”奖励), or run by a trigger verb."""
        spans = []
        quotes = list(QUOTED.finditer(sentence)) if "“" in sentence else []
        for i, m in enumerate(quotes):
            inner = SPACES.sub("", m.group(1))
            if CLAUSE_MARK.search(inner) or inner in self.national_programs:
                continue  # a clause, or a national program's short form (“产改”), read below
            # Adjacent quotes (“云协商”“云指导”) share the ending written after the last one.
            run_start, run_end = self._quote_run(quotes, i)
            tail = self._name_run(sentence, run_end)
            if self.program_suffix.search(inner):
                spans.append(Span("Program", inner, m.group(0), m.start()))
            elif tail and self.program_suffix.search(tail) and not self.orgs.org_suffix.match(tail):
                form = m.group(0) + tail if m.end() == run_end else m.group(0)
                spans.append(Span("Program", inner, form, m.start()))
            elif self._trigger_before(sentence, run_start):
                spans.append(Span("Program", inner, m.group(0), m.start()))
            elif (
                self.designation_before.search(sentence, max(0, m.start() - 12), m.start())
                or self.designation_after.match(sentence, m.end())
                or self._place_before_quote(sentence, m.start(), places)
            ):
                # 培养300名“云南工匠”, “福建省技术能手”称号, 以“X”为主题, “X”摄影展
                spans.append(Span("Program", inner, m.group(0), m.start()))
        for m in self.mention_triggers.finditer(sentence):
            # 打造36家工会户外劳动者服务站点: the count is not part of the name
            count = COUNT.match(sentence, m.end())
            at = count.end() if count else m.end()
            run = self._name_run(sentence, at, limit=20, named=True)
            if self.event_suffix.match(run):
                continue  # 启动仪式标志着计划…: the verb's ceremony, no program's name
            if run and not run.startswith("“") and len(run) >= 4 and self._names_a_program(run):
                spans.append(Span("Program", run, run, at))
        spans += self._listed_programs(sentence)
        for m in self.title_of_honour.finditer(sentence) if "称号" in sentence else ():
            spans.append(Span("Program", m.group(1), m.group(1), m.start(1)))
        for m in self.plaque.finditer(sentence) if "授牌" in sentence else ():  # a designation
            spans.append(Span("Program", m.group(1), m.group(1), m.start(1)))
        spans += self._programs_after_de(sentence)
        # words inside a title in 《》 belong to the policy's name, not to programs
        if "《" in sentence:
            titles = [(m.start(), m.end()) for m in TITLE_SPAN.finditer(sentence)]
            spans = [s for s in spans if not any(a < s.start < b for a, b in titles)]
        for m in self.national_program_re.finditer(sentence):
            name = self.national_programs[m.group(0)]
            spans.append(Span("Program", name, m.group(0), m.start()))
        return spans

    def _place_before_quote(self, sentence: str, at: int, places: list[Span]) -> bool:
        """嵊州“红色故事会”, 浙江省2023~2024年度“钱江工匠”: a place names its own program."""
        if not places:
            return False
        head = self.year_span.sub("", sentence[max(0, at - 16) : at])
        return any(head.endswith(p.form) for p in places if p.end <= at)

    def _names_a_program(self, run: str) -> bool:
        """False for descriptions (上述活动, 落实12个县…项目) rather than names."""
        return not self.description.search(run) and not DURATION.search(run)

    def _listed_programs(self, sentence: str) -> list[Span]:
        """Items of a list after the first (实施A计划、B计划和C行动): each named, each ending so."""
        spans = []
        for m in LIST_JOINER.finditer(sentence):
            run = self._name_run(sentence, m.end(), limit=20, named=True)
            if not run:
                continue  # the common case: no program's name follows
            if self.mention_triggers.match(run) or not self._names_a_program(run):
                continue
            end = m.end() + len(run)
            closed = end == len(sentence) or sentence[end] in "、，,。；和及等"
            generic = run.startswith(self.orgs.generic_prefix_tuple)
            if len(run) >= 5 and closed and not generic:
                spans.append(Span("Program", run, run, m.end()))
                first = self._first_listed(sentence, m.start(), run)
                if first is not None:
                    spans.append(first)
        return spans

    def _first_listed(self, sentence: str, joiner: int, item: str) -> Span | None:
        """The list's first name, which ends like the item after it (A立功竞赛和B立功竞赛)."""
        ending = self.program_suffix.search(item).group(0)
        m = re.search(
            rf"(?:^|[，,；;：:])([^，,、；;：:“”《》\s]{{3,24}}{re.escape(ending)})$",
            sentence[:joiner],
        )
        if m is None or not self._names_a_program(m.group(1)):
            return None
        run = m.group(1)
        if self.mention_triggers.match(run) or run.startswith(self.orgs.generic_prefix_tuple):
            return None
        return Span("Program", run, run, m.start(1))

    def _programs_after_de(self, sentence: str) -> list[Span]:
        """A name with a strong ending after 的 (组建的劳模工匠志愿服务队)."""
        spans = []
        if not self.strong_suffix_anywhere.search(sentence):
            return spans  # every name read here ends so: most sentences write no such ending
        for m in DE.finditer(sentence):
            run = self._name_run(sentence, m.end(), limit=20, named=True)
            ending = self.strong_suffix.search(run)
            stem = run[: ending.start()] if ending else ""
            if (
                ending
                and len(stem) >= 3
                and stem not in self.group_names
                and self._names_a_program(run)
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
        return any(m.end() == len(head) for m in self.mention_triggers.finditer(head))

    def _inside_word(self, sentence: str, i: int) -> bool:
        """Whether ``i`` falls inside a word that names hold (建设|立功 holds no 设立)."""
        if sentence[i] not in self.inner_tail_chars:
            return False  # the common case: no inner word goes on with this character
        return any(
            sentence.startswith(word, i - k)
            for word in self.program_inner
            for k in range(1, len(word))
        )

    def _name_run(self, sentence: str, start: int, limit: int = 12, *, named: bool = False) -> str:
        """The name characters from ``start`` up to a program ending, at most ``limit``.

        With ``named``, the run must hold a name before its ending (not 2023年).
        """
        # the patterns stop at ``limit`` itself: a name run of a whole line is not read on
        if sentence[start : start + 1] not in self.run_chars or not self.run_to_final.match(
            sentence, start + 1, start + limit
        ):
            return ""  # the common case: no character a program's name ends in, nothing to cut
        end = self.name_chars.match(sentence, start, start + limit).end()
        # a boundary word (not inside a longer word) ends the run early; the search
        # reaches past the run, so it sees words that start inside it and end beyond it
        pos, reach = start + 1, min(len(sentence), end + self.run_breaker_reach)
        while (m := self.run_breaker.search(sentence, pos, reach)) and m.start() < end:
            if not self._inside_word(sentence, m.start()):
                end = m.start()
                break
            pos = m.start() + 1
        run = sentence[start:end]
        # the longest prefix that ends like a program, with a name before the ending
        final_chars = self.program_suffix.final_chars
        for cut in range(len(run), 1, -1):
            if run[cut - 1] not in final_chars:
                continue  # the common case: no ending ends here
            ending = self.program_suffix.search(run[:cut])
            if ending and (not named or CJK_CHAR.search(run, 0, ending.start())):
                return run[:cut]
        return ""

    def events(self, sentence: str, places: list[Span] = (), orgs: list[Span] = ()) -> list[Span]:
        """Meetings and ceremonies: a name ending in 会议, 大会, 推进会, 研讨班 …

        Congresses and plenums by number too: 党的二十大, 二十届三中全会.
        """
        spans = []
        for m in self.event_suffix.finditer(sentence):
            start = self._event_start(sentence, m.start())
            if m.group(0) in self.ceremonies:  # …试点工作启动仪式: its verbs are its name's
                start = ceremony_start(sentence, start, m.start(), [*places, *orgs])
            form = sentence[start : m.end()]
            name = form.replace("“", "").replace("”", "")
            stem = name[: -len(m.group(0))]
            if self.orgs.joint_body.search(name):
                continue  # 政府与工会联席会议 is a standing body, not a meeting
            if len(stem) >= 3 and not any(form.startswith(g) for g in self.orgs.generic_prefixes):
                spans.append(Span("Event", name, form, start))
        spans += self._contests(sentence, places)
        spans += self._plenary_sessions(sentence, orgs)
        spans += self._event_hosts(sentence, spans)
        for m in self.congress.finditer(sentence):
            spans.append(Span("Event", m.group(0), m.group(0), m.start()))
        # every plenum the pattern reads ends in 全会: most sentences skip it
        for m in self.plenum.finditer(sentence) if "全会" in sentence else ():
            for session in re.findall(r"[一二三四五六七八九十]中", m.group(2)):
                name = f"{m.group(1)}{session}全会"
                spans.append(Span("Event", name, m.group(0), m.start()))
        return spans

    def _plenary_sessions(self, sentence: str, orgs: list[Span]) -> list[Span]:
        """十七届三次全委(扩大)会议: a body's numbered session, named with the body.

        The body is the organization that holds it, written right before the
        session or as the clause's actor before 召开/举行.
        """
        if "次" not in sentence:
            return []  # every numbered session names its 次
        matches = list(self.plenary.finditer(sentence))
        if not matches:
            return []
        spans = []
        for m in matches:
            head = re.sub(r"(?:召开|举行|举办)了?$", "", sentence[: m.start()])
            body = max((o for o in orgs if o.end == len(head)), key=lambda o: o.end, default=None)
            name = (body.name if body else "") + re.sub(r"\s+", "", m.group(0))
            spans.append(Span("Event", name, m.group(0), m.start()))
        return spans

    def _contests(self, sentence: str, places: list[Span]) -> list[Span]:
        """Contests that say which one they are: 第一届…大赛, 2022年…特别赛, 甘肃省…大赛."""
        spans = []
        if "赛" not in sentence:
            return spans
        for m in self.contest.finditer(sentence):
            start = self._event_start(sentence, m.start())
            spans.append(Span("Event", sentence[start : m.end()], sentence[start : m.end()], start))
        grand = list(self.grand_contest.finditer(sentence))
        if not grand:
            return spans
        opened = {p.start for p in places} | {
            m.start() for m in re.finditer("|".join(self.event_openers), sentence)
        }
        for m in grand:
            start = self._event_start(sentence, m.end() - len(m.group(1)))
            opener = "中国·" if sentence.startswith("中国·", start) else ""
            if start + len(opener) in opened and not any(s.start == start for s in spans):
                spans.append(
                    Span("Event", sentence[start : m.end()], sentence[start : m.end()], start)
                )
        return spans

    def _event_hosts(self, sentence: str, events: list[Span]) -> list[Span]:
        """中法企业家委员会第五次全体会议: the body before the session number holds it."""
        hosts = []
        for event in events:
            m = self.session.search(event.name)
            suffix = self.orgs.org_suffix_end.search(event.name, 0, m.start()) if m else None
            if suffix and m.start() >= 4:
                body = event.name[: m.start()]
                kind = self.orgs.kind_of_suffix[suffix.group(0)]
                hosts.append(Span("Organization", body, body, event.start, kind=kind))
        return hosts

    def _event_start(self, sentence: str, end: int) -> int:
        """Where a meeting's name starts: past quoted words and an opening 全市, 全省 …"""
        start = self.orgs.scan_left(sentence, end, soft_stops=False, boundary=self.event_breaker)
        while start > 1 and sentence[start - 1] == "”":
            opened = sentence.rfind("“", 0, start - 1)
            if opened < 0:
                break
            start = self.orgs.scan_left(
                sentence, opened, soft_stops=False, boundary=self.event_breaker
            )
        for opener in self.event_openers:
            if sentence.endswith(opener, 0, start):
                return start - len(opener)
        return start

    def groups(self, sentence: str) -> list[Span]:
        """Populations named by the groups lexicon (产业工人, 农民工, 货车司机 …) or built
        like one (技能大赛获得者, 新就业形态骑手)."""
        spans = [
            Span("Group", m.group(0), m.group(0), m.start())
            for m in self.group_re.finditer(sentence)
        ]
        patterned = "获得者" in sentence or "新就业形态" in sentence  # the patterns' anchors
        for m in self.group_pattern.finditer(sentence) if patterned else ():
            spans.append(Span("Group", m.group(0), m.group(0), m.start()))
        return spans
