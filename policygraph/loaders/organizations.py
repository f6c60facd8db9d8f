"""Institutions named in a sentence: national bodies, and [place/level] + body + suffix.

A Chinese institution's name is built from parts: a place or an
administrative level (闵行区, 市), a body (人社, 工业投资集团), and a suffix that
tells its kind (总工会 → union, 局 → government, 有限公司 → enterprise). The
finder reads each suffix, then walks left to where the name starts.

>>> from policygraph.loaders.places import gazetteer
>>> sentence = "山东省滨州市邹平市总工会与县人社局联合开展招聘会。"
>>> finder = OrganizationFinder()
>>> [(o.name, o.form, o.kind) for o in finder.find(sentence, gazetteer().find(sentence))]
[('邹平市总工会', '山东省滨州市邹平市总工会', 'union'), ('县人社局', '县人社局', 'government')]
"""

from __future__ import annotations

import re

from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.places import PlaceMatch, gazetteer
from policygraph.loaders.spans import (
    DATE_END,
    DATE_UNITS,
    NAME_CHAR,
    NAME_CHARS,
    Span,
    alternation,
    sorted_longest_first,
    without_extended,
)
from policygraph.loaders.text import CJK

# A boundary pattern that matches nothing: only boundary characters end the name.
NO_WORD = re.compile("(?!)")
# Institution names are rarely longer; the walk left stops here.
MAX_NAME = 26
# Reading past 和 or 与 (市人力资源和社会保障局) only finds a name whose body,
# after its places, is this short.
LOOSE_NAME = 12


def len_of(place: PlaceMatch) -> int:
    return len(place.form)


def _in_quotes(sentence: str, start: int, end: int) -> bool:
    """True when the text from ``start`` to ``end`` sits inside one pair of “ ”."""
    opened = sentence.rfind("“", 0, start + 1)
    if opened < 0 or sentence.rfind("”", opened, start) >= 0:
        return False
    closed = sentence.find("”", end)
    return closed >= 0 and sentence.rfind("“", end, closed) < 0


def _inside_longer(span: Span, spans: list[Span]) -> bool:
    return any(
        o is not span
        and o.start <= span.start
        and span.end <= o.end
        and len(o.form) > len(span.form)
        for o in spans
    )


# A paper named in a by-line: 劳动报记者, ■ 宁波日报通讯员.
BYLINE_PAPER = re.compile(rf"(?:^|[\s■●（(])([{CJK}]{{1,8}}报)(?=记者|通讯员)")


class OrganizationFinder:
    """The organization rules, with their lexicon loaded once."""

    def __init__(self) -> None:
        orgs = lexicon("organizations")
        self.kind_of_suffix = {s: kind for kind, ss in orgs["suffixes"].items() for s in ss}
        self.org_suffix = re.compile(alternation(self.kind_of_suffix))
        self.org_suffix_end = re.compile(rf"(?:{alternation(self.kind_of_suffix)})$")
        self.needs_prefix = set(orgs["needs_prefix"])
        self.levels = set(orgs["levels"])
        self.party_patterns = [re.compile(p) for p in orgs["party_patterns"]]
        self.generic_prefixes = sorted_longest_first(orgs["generic_prefixes"])
        self.generic_prefix_tuple = tuple(self.generic_prefixes)
        self.generic_inner = orgs["generic_inner"]
        self.type_stems = set(orgs["type_stems"])
        self.generic_words = tuple(w for w in self.generic_prefixes if len(w) >= 2)
        self.not_names = set(orgs["not_names"])
        self.not_name_endings = tuple(
            [*(w for w in self.not_names if len(w) > 1), *orgs["buildings"]]
        )
        self.boundary_chars = set(orgs["boundary_chars"])
        self.soft_boundary_chars = set(orgs["soft_boundary_chars"])
        self.boundary_words = orgs["boundary_words"]
        self.boundary_before = re.compile(rf"(?:{alternation(self.boundary_words)})$")
        self.boundary_last_chars = frozenset(w[-1] for w in self.boundary_words)
        self.name_words = orgs["name_words"]
        self.name_words_tuple = tuple(self.name_words)
        self.name_word_chars = set("".join(self.name_words))
        self.leading_verbs = orgs["leading_verbs"]
        self.leading_verb_tuple = tuple(self.leading_verbs)  # one startswith for them all
        self.joint_body = re.compile("联席会议|联席会")
        self.office_suffix = re.compile(alternation(orgs["office_suffixes"]))
        self.acts_on_bodies = set(orgs["acts_on_bodies"])
        self.company_list = re.compile(
            rf"(?:^|(?<=[，,：:；;\s]))((?:[{CJK}]{{2,10}}、)+[{CJK}]{{2,10}})"
            rf"等\s*(?:\d+|[一二三四五六七八九十百]+)\s*家(?:[{CJK}]{{0,4}})(?:企业|公司)"
        )
        self.branch_ending = re.compile(alternation(orgs["branch_endings"]))
        self.brand_before_branch = re.compile(
            rf"([{CJK}]{{2}}(?:{alternation(orgs['brand_trade_words'])}))"
            rf"([{CJK}]{{2,4}}?)(?:{alternation(orgs['branch_endings'])})"
        )
        self.trade_words = tuple(orgs["brand_trade_words"])
        outlets = alternation(orgs["outlet_endings"])
        self.outlet_frame = re.compile(
            rf"(?:^|(?<=[\s■●]))([{CJK}]{{2,8}}(?:{outlets}))(?=讯)"
            rf"|(?:来源|稿源|转自)[:：]\s*([{CJK}]{{2,10}}(?:{outlets}))(?![{CJK}])"
        )
        self.place_openers = tuple(orgs["place_openers"])
        self.quantity_units = frozenset(orgs["quantity_units"])
        self.quantity = re.compile(rf"{orgs['quantity_number']}[{orgs['quantity_units']}]$")
        # the name characters that none of scan_left's stops looks at (most of them):
        # walked over without a test each
        watched = {*self.name_word_chars, *self.boundary_chars, *self.soft_boundary_chars}
        watched |= {*DATE_UNITS, *self.quantity_units, *self.boundary_last_chars}
        self.plain_name_chars = NAME_CHARS - watched
        self.union_short = orgs["union_short_form"]
        self.union_short_re = re.compile(re.escape(self.union_short))
        self.union_short_not_before = set(orgs["union_short_form_not_before"])
        self.national_not_before = tuple(orgs["national_not_before"])
        self.compound_suffixes = orgs["compound_suffixes"]
        self.suffix_not_before = set(orgs["suffix_not_before"])
        self.department_suffixes = set(orgs["department_suffixes"])
        self.national = {}
        for body in orgs["national_bodies"]:
            for form in [body["name"], *body["aliases"]]:
                self.national[form] = (body["name"], body["kind"])
        self.national_re = re.compile(alternation(self.national))
        self.listed_item = re.compile(
            rf"、([{CJK}]{{2,12}}?(?:{alternation(self.kind_of_suffix)}))(?=[、，,。；;:：等和及]|负责|领导|主要|$)"
        )

    def find(self, sentence: str, places: list[PlaceMatch]) -> list[Span]:
        """National bodies by name, and names built as [place/level] + body + suffix."""
        national = self._national(sentence)
        spans = list(national)
        taken = [(s.start, s.end) for s in spans]
        for m in self.org_suffix.finditer(sentence):
            if sentence[m.end() : m.end() + 1] in self.suffix_not_before:
                continue  # 部门, 部分: a longer common word
            start = self._name_start(sentence, m.start(), places)
            if start is None or _in_quotes(sentence, start, m.end()):
                continue  # “水上微医院” is a program's name, not an institution
            if self.quantity.search(sentence, max(0, start - 6), start):
                continue  # 12个县工人文化宫: a count of bodies, not one
            form = sentence[start : m.end()]
            if any(a <= start and m.end() <= b for a, b in taken):
                continue  # part of a national body's name
            opener = next((n for n in national if n.start == start and n.end < m.end()), None)
            if opener and m.group(0) in self.department_suffixes and self._named(form):
                # 全总办公厅: a department of the national body, of its kind
                spans.append(Span("Organization", form, form, start, kind=opener.kind))
                spans += self._listed_departments(sentence, m.end(), opener)
                continue
            short = self._short_form(sentence, form, m.group(0), start, places)
            if short:
                spans.append(short)
            elif self._is_org_name(form, m.group(0), places, start):
                name = self._innermost_place_name(form, start, places)
                kind = self._kind(form, m.group(0))
                spans.append(Span("Organization", name, form, start, kind=kind))
                spans += self._listed_bodies(sentence, m.end(), name, start, places)
                inner = self.compound_suffixes.get(m.group(0))
                if inner:  # the 领导小组 that the 领导小组办公室 serves
                    cut = len(m.group(0)) - len(inner)
                    spans.append(
                        Span(
                            "Organization",
                            name[:-cut],
                            form[:-cut],
                            start,
                            kind=self.kind_of_suffix[inner],
                        )
                    )
            elif self._bare_department(form, m.group(0), start, places):
                # 经信局牵头: a department named bare, to resolve to the article's one 经信局
                kind = self._kind(form, m.group(0))
                spans.append(Span("Organization", form, form, start, kind=kind, short=True))
        spans += self._union_short_forms(sentence, places)
        spans += self._listed_companies(sentence, spans)
        spans += self._brands_before_branches(sentence, spans)
        spans += self._media_bylines(sentence)
        # 教育部 inside 全总宣传教育部 is not the ministry
        spans = [s for s in spans if s not in national or not _inside_longer(s, spans)]
        return without_extended(spans)

    def _listed_bodies(
        self, sentence: str, pos: int, first: str, start: int, places: list[PlaceMatch]
    ) -> list[Span]:
        """南浔区人社局、发改局、经信局: bodies listed after one place prefix share it.

        Only bare items with a body's suffix (no place or level of their own) take
        the first one's place, and only where a place opens the first name.
        """
        opening = max((p for p in places if p.start == start), key=len_of, default=None)
        if opening is None:
            return []
        body = sentence[opening.end : pos]  # 人社局 of 南浔区人社局
        if not first.endswith(body) or len(first) == len(body):
            return []
        place_name = first[: -len(body)]
        spans = []
        while m := self.listed_item.match(sentence, pos):
            item = m.group(1)
            suffix = self.org_suffix_end.search(item)
            if item[0] in self.levels or any(p.start == m.start(1) for p in places):
                break  # 、市财政局: an item with a place of its own is named by it
            if suffix is None or not self._named(item) or item == suffix.group(0):
                break
            kind = self._kind(item, suffix.group(0))
            spans.append(Span("Organization", place_name + item, item, m.start(1), kind=kind))
            pos = m.end(1)
        return spans

    def _listed_companies(self, sentence: str, found: list[Span]) -> list[Span]:
        """永盛物流、华东快运等12家企业: brands listed before a count of companies.

        Items already named by a suffix keep their own reading.
        """
        spans = []
        if "等" not in sentence or "家" not in sentence:
            return spans  # the frame needs both: most sentences skip the pattern
        for m in self.company_list.finditer(sentence):
            pos = m.start(1)
            items = m.group(1).split("、")
            # 邀请顺丰速运、…: a verb before the list is no part of its first name
            verb = next((w for w in self.boundary_words if items[0].startswith(w)), "")
            items[0] = items[0][len(verb) :]
            pos += len(verb)
            for item in items:
                taken = any(s.start < pos + len(item) and pos < s.end for s in found)
                if not taken and not item.startswith(self.generic_prefix_tuple):
                    spans.append(Span("Organization", item, item, pos, kind="enterprise"))
                pos += len(item) + 1
        return spans

    def _brands_before_branches(self, sentence: str, found: list[Span]) -> list[Span]:
        """顺达快运东湖站点: a company named by its brand (a trade word ends it) before
        one of its branches.

        >>> finder = OrganizationFinder()
        >>> [s.name for s in finder._brands_before_branches("走访顺达快运东湖站点", [])]
        ['顺达快运']
        """
        if not self.branch_ending.search(sentence):
            return []  # the frame needs a branch: most sentences skip the pattern
        spans = []
        for m in self.brand_before_branch.finditer(sentence):
            brand, branch, at = m.group(1), m.group(2), m.start(1)
            if brand.startswith(self.generic_prefix_tuple) or any(
                w in branch for w in self.trade_words
            ):
                continue  # 基层快递网点, 城乡快递物流配送站: a kind of outlet, no brand
            if not any(s.start < at + len(brand) and at < s.end for s in found):
                spans.append(Span("Organization", brand, brand, at, kind="enterprise"))
        return spans

    def _listed_departments(self, sentence: str, pos: int, opener: Span) -> list[Span]:
        """全总办公厅、宣传教育部、研究室: the body's name carries over the list."""
        spans = []
        ending = "|".join(sorted(self.department_suffixes, key=len, reverse=True))
        item = re.compile(rf"、([{CJK}]{{1,8}}?(?:{ending}))(?=[、，,。；等和及]|$)")
        while m := item.match(sentence, pos):
            name = opener.form + m.group(1)
            if self._named(name):
                spans.append(Span("Organization", name, m.group(1), m.start(1), kind=opener.kind))
            pos = m.end()
        return spans

    def _short_form(
        self, sentence: str, form: str, suffix: str, start: int, places: list[PlaceMatch]
    ) -> Span | None:
        """A bare suffix (总工会, 产改办) or a place's 工会 (嘉兴工会), to resolve in the article."""
        kind = self.kind_of_suffix[suffix]
        if form == suffix and len(suffix) >= 3:
            before = sentence[start - 1 : start]
            if not before or not NAME_CHAR.match(before) or before in self.boundary_chars:
                return Span("Organization", suffix, form, start, kind=kind, short=True)
        place = next(
            (p for p in places if p.start == start and p.end == start + len(form) - len(suffix)),
            None,
        )
        if place is not None and suffix == "工会":
            name = place.name + "总工会"  # 嘉兴工会: Jiaxing's unions, or its 总工会 if named
            return Span("Organization", name, form, start, kind=kind, short=True)
        return None

    def _national(self, sentence: str) -> list[Span]:
        """National bodies by name or short form, not as part of a common noun (人社部门)."""
        spans = []
        for m in self.national_re.finditer(sentence):
            if sentence.startswith(self.national_not_before, m.end()):
                continue
            if m.start() > 0 and sentence[m.start() - 1] in self.levels:
                continue  # 县人社部门: a level before it makes it local
            name, kind = self.national[m.group(0)]
            spans.append(Span("Organization", name, m.group(0), m.start(), kind=kind))
        return spans

    def _innermost_place_name(self, form: str, start: int, places: list[PlaceMatch]) -> str:
        """The name from its most specific place on: 山东省滨州市邹平市总工会 → 邹平市总工会.

        The whole form stays an alias; the places before it are the hierarchy.
        """
        chain, pos = [], start
        for place in places:
            if place.start == pos and place.end < start + len(form):
                if chain and not gazetteer().is_inside(place, chain[-1]):
                    break  # 宁波舟山港: two places side by side name a port
                chain.append(place)
                pos = place.end
        if len(chain) < 2:
            return form
        innermost = chain[-1]
        # the place by its own name: 苏州工业园区管委会 is 苏州市工业园区's
        return innermost.name + form[innermost.end - start :]

    def _union_short_forms(self, sentence: str, places: list[PlaceMatch]) -> list[Span]:
        """`<place or level>总` for that place's 总工会: 五峰县总, 四川省总, 市总."""
        spans = []
        for m in self.union_short_re.finditer(sentence) if self.union_short in sentence else ():
            after = sentence[m.end() : m.end() + 1]
            if after in self.union_short_not_before:
                continue
            place = max((p for p in places if p.end == m.start()), key=len_of, default=None)
            if place is not None:
                chain_start = self._chain_start(place, places)
                form = sentence[chain_start : m.end()]
                name = place.name + "总工会"
            elif m.start() > 0 and sentence[m.start() - 1] in self.levels:
                level_at = m.start() - 1
                before = sentence[level_at - 1] if level_at else ""
                if before and NAME_CHAR.match(before) and before not in self.boundary_chars:
                    continue  # 全市总: not a level standing alone
                form = sentence[level_at : m.end()]
                name = sentence[level_at] + "总工会"
                chain_start = level_at
            else:
                continue
            spans.append(Span("Organization", name, form, chain_start, kind="union"))
        return spans

    @staticmethod
    def _chain_start(place: PlaceMatch, places: list[PlaceMatch]) -> int:
        """Where the run of places that ends with ``place`` begins (山东邹平市 → 山东)."""
        start = place.start
        for other in sorted(places, key=lambda p: -p.end):
            if other.end == start:
                start = other.start
        return start

    def _name_start(self, sentence: str, end: int, places: list[PlaceMatch]) -> int | None:
        """Where a name ending at ``end`` starts: after the nearest boundary, at its first place.

        和 and 与 end a name (A与B) unless reading past them reaches a place
        that opens the name (市人力资源和社会保障局).
        """
        suffix = self.org_suffix.match(sentence, end)
        # a media outlet's name may hold a verb (银川发布客户端): only characters end it
        boundary = NO_WORD if suffix and self.kind_of_suffix[suffix.group(0)] == "media" else None
        strict = self._past_glued_names(
            sentence, self.scan_left(sentence, end, soft_stops=True, boundary=boundary), end, places
        )
        strict = self._past_leading_verb(sentence, strict, places)
        office = self._office_named_by_purpose(sentence, strict, end, places)
        if office is not None:
            return office
        if self.joint_body.match(sentence, end) and sentence[strict - 1 : strict] in ("与", "和"):
            # 湖北省政府与省总工会联席会议: a joint body is named by both parties
            strict = self.scan_left(sentence, strict - 1, soft_stops=True)
        opening = self._first_place(sentence, strict, end, places)
        if opening is not None and self._brand_before_place(sentence, strict, opening, end):
            return strict  # 中国中车长春轨道客车股份有限公司: a company's brand before its place
        if opening is not None:
            return opening
        if strict < end and sentence[strict] in self.levels:
            return strict
        loose = self.scan_left(sentence, end, soft_stops=False)
        loose = self._past_glued_names(sentence, loose, end, places)
        opening = self._first_place(sentence, loose, end, places)
        if opening is None and loose < end and sentence[loose] in self.levels:
            opening = loose  # 联合省人力资源和社会保障厅: a level opens it
        if opening is not None and end - self._body_start(opening, places) <= LOOSE_NAME:
            return opening
        return strict

    @staticmethod
    def _body_start(opening: int, places: list[PlaceMatch]) -> int:
        """Where the body's own words begin: after the place chain that opens at ``opening``."""
        pos = opening
        for place in sorted(places, key=lambda p: p.start):
            if opening <= place.start <= pos + 3 and place.end > pos:
                pos = place.end
        return pos

    def _office_named_by_purpose(
        self, sentence: str, strict: int, end: int, places: list[PlaceMatch]
    ) -> int | None:
        """南湖区推进职工服务改革办公室: an office named by its task keeps the verb inside.

        Only offices (办公室, 领导小组, 工作专班 …) and only where a place stands
        right before the verb, so the whole is one name opened by the place.
        """
        if not self.office_suffix.match(sentence, end):
            return None
        pos = strict
        while end - pos <= MAX_NAME:
            verb = self.boundary_before.search(sentence, max(0, pos - 4), pos)
            if verb is None or verb.group(0) in self.acts_on_bodies:
                return None  # 瑞金市成立领导小组: the place founds the body, it is no name
            place = max((p for p in places if p.end == verb.start()), key=len_of, default=None)
            if place is not None:
                return self._chain_start(place, places)
            pos = self.scan_left(sentence, verb.start(), soft_stops=True)
        return None

    def _past_glued_names(
        self, sentence: str, start: int, end: int, places: list[PlaceMatch]
    ) -> int:
        """Where the last of several names written without a break begins.

        A signature block glues its signers (辽宁省财政厅辽宁省教育厅): a whole
        body's suffix followed by a place starts the next name.
        """
        for place in reversed(places):  # places come ordered by where they start
            if start < place.start < end and self.org_suffix_end.search(
                sentence, start, place.start
            ):
                return place.start
        return start

    def _past_leading_verb(self, sentence: str, start: int, places: list[PlaceMatch]) -> int:
        """A verb that opens the clause is no part of the name after it (经省政府同意)."""
        if not sentence.startswith(self.leading_verb_tuple, start):
            return start  # most names: no verb to find among them
        verb = next((v for v in self.leading_verbs if sentence.startswith(v, start)), None)
        if verb is None:
            return start
        after = start + len(verb)
        opens = (
            sentence[after : after + 1] in self.levels
            or sentence.startswith(("自治区", "自治州"), after)
            or any(p.start == after for p in places)
        )
        return after if opens else start

    def _brand_before_place(self, sentence: str, strict: int, opening: int, end: int) -> bool:
        """Whether a short brand opens a company's name before its place (国网苏州供电公司)."""
        # the company itself, or a body named after it (…股份有限公司工会)
        suffixes = [
            self.org_suffix.match(sentence, end),
            *self.org_suffix.finditer(sentence, opening, end),
        ]
        if not any(m and self.kind_of_suffix[m.group(0)] == "enterprise" for m in suffixes):
            return False
        opens_clause = strict == 0 or not NAME_CHAR.match(sentence[strict - 1])
        return opens_clause and 2 <= opening - strict <= 4

    def _first_place(
        self, sentence: str, start: int, end: int, places: list[PlaceMatch]
    ) -> int | None:
        inside = [p.start for p in places if start <= p.start < end]
        if not inside:
            return None
        first = inside[0]
        opener = next((o for o in self.place_openers if sentence.startswith(o, first - len(o))), "")
        return first - len(opener)

    def scan_left(
        self, sentence: str, end: int, *, soft_stops: bool, boundary: re.Pattern | None = None
    ) -> int:
        """Where a name ending at ``end`` starts, walking left to the first boundary.

        Each stop is a pattern ending at the character just passed; a character
        that ends none of a pattern's words skips that pattern.
        """
        # a boundary of the caller's may end in any character: no character is plain
        boundary_last = self.boundary_last_chars if boundary is None else None
        plain = self.plain_name_chars if boundary is None else frozenset()
        boundary = boundary or self.boundary_before
        i = end
        while i > 0 and end - i < MAX_NAME:
            ch = sentence[i - 1]
            if ch in plain:
                i -= 1
                continue  # the common case: no stop looks at this character
            if ch in self.name_word_chars and self._in_name_word(sentence, i - 1):
                i -= 1
                continue
            if ch not in NAME_CHARS or ch in self.boundary_chars:
                break
            # 2023年11月8日市产改办: a date is never part of a name; a date ending at i
            # shows in its last two characters, so the pattern never rescans the sentence
            if ch in DATE_UNITS and DATE_END.search(sentence, max(0, i - 2), i):
                break
            if soft_stops and ch in self.soft_boundary_chars:
                break
            if (boundary_last is None or ch in boundary_last) and boundary.search(
                sentence, max(0, i - 4), i
            ):
                break
            if ch in self.quantity_units and self.quantity.search(sentence, max(0, i - 6), i):
                break
            i -= 1
        return i

    def _in_name_word(self, sentence: str, pos: int) -> bool:
        """Whether ``pos`` lies inside a word that names hold (有限公司, 国有资产)."""
        if sentence[pos] not in self.name_word_chars:
            return False  # most characters are in no such word: the common case is cheap
        return any(
            sentence.startswith(word, pos - k)
            for word in self.name_words
            for k in range(min(len(word), pos + 1))
        )

    def _bare_department(
        self, form: str, suffix: str, start: int, places: list[PlaceMatch]
    ) -> bool:
        """A department named without its place (经信局, 发改局), which only the article resolves."""
        stem = form[: -len(suffix)]
        return (
            suffix in self.department_suffixes
            and 2 <= len(stem) <= 6
            and not any(p.start >= start for p in places if p.start < start + len(form))
            and self._named(form)
            and not form.startswith(self.generic_prefix_tuple)
            and stem not in self.type_stems
        )

    def _common_noun(self, form: str) -> bool:
        """True for words that end like a body but are none (干部, 格局)."""
        return form in self.not_names or form.endswith(self.not_name_endings)

    def _named(self, form: str) -> bool:
        """False for a common noun (干部) or a class of bodies (各部门)."""
        if self._common_noun(form):
            return False
        return not any(w in form for w in self.generic_inner if len(w) == 1)

    def _is_org_name(self, form: str, suffix: str, places: list[PlaceMatch], start: int) -> bool:
        stem = form[: -len(suffix)]
        if self._common_noun(form):
            return False
        if form.startswith(self.generic_prefix_tuple):
            return False
        if not stem or "各" in stem or stem in self.type_stems:
            return False  # 省直各委: a class of bodies
        opens_with_place = any(
            p.start == start
            or form.startswith(self.place_openers)
            and p.start > start
            and form[: p.start - start] in self.place_openers
            for p in places
        ) or any(p.start == start + 2 for p in places)
        opens_with_level = form[0] in self.levels
        if not (opens_with_place or opens_with_level) and form.startswith(self.generic_words, 2):
            return False  # 汇聚地方党委: a two-character verb before a class of bodies
        if self.kind_of_suffix[suffix] == "union" and any(w in stem for w in self.generic_inner):
            return False  # 县级工会, 四类基层工会: a class of unions
        if suffix == "工会" and self.org_suffix.search(stem):
            return True  # X公司工会, X公司捕捞一队工会: the union of a named body
        if self.joint_body.fullmatch(suffix) and re.search("[与和]", stem):
            return True  # 政府与工会联席会议: named by its parties
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
        bylined = "记者" in sentence or "通讯员" in sentence
        for m in BYLINE_PAPER.finditer(sentence) if bylined else ():
            name = m.group(1)
            if name not in ("本报", "该报"):
                spans.append(Span("Organization", name, name, m.start(1), kind="media"))
        # 东方网讯, 来源:宁波工人报: the outlet a wire line or a source line names
        framed = "讯" in sentence or "源" in sentence or "转自" in sentence
        for m in self.outlet_frame.finditer(sentence) if framed else ():
            group = 1 if m.group(1) else 2
            name = m.group(group)
            spans.append(Span("Organization", name, name, m.start(group), kind="media"))
        return spans
