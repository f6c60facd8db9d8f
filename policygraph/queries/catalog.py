"""The query templates: ``templates/*.cypher`` files and the headers that describe them.

A template is plain Cypher 5 whose leading ``//`` comment lines declare it, so the
file pastes into Neo4j Browser as it is::

    // name: programs_in_place
    // description: 某地及其下级地区的项目 | Programs in a place, including the places below it
    // param: place: string = "闵行区" (example: 闵行区)
    // param: limit: int = 100 (range: 1..1000)
    // returns: program, id, via, places

A parameter without ``= default`` is required. User values only ever reach
Neo4j as ``$parameters``; :meth:`Template.bind` checks names, types and ranges.

>>> t = template("programs_in_place")
>>> t.bind({"place": "闵行区", "limit": "5"})
{'place': '闵行区', 'limit': 5}
>>> t.bind({"plase": "闵行区"})
Traceback (most recent call last):
...
policygraph.errors.QueryError: programs_in_place has no parameter 'plase'; its parameters: place, limit
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from policygraph.errors import QueryError

HEADER = re.compile(r"^//\s*(name|description|param|returns):\s*(.*?)\s*$")
PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*):\s*(?P<type>string|int)"
    r"(?:\s*=\s*(?P<default>\"(?:[^\"\\]|\\.)*\"|-?\d+))?"
    r"(?:\s*\((?P<notes>[^)]*)\))?$"
)
TYPES = {"string": str, "int": int}


@dataclass(frozen=True)
class Param:
    """One ``$parameter`` of a template: its type, default (None: required) and example."""

    name: str
    type: str
    default: Any = None
    example: Any = None
    minimum: int | None = None
    maximum: int | None = None
    # The labels of the node this parameter names (() for any entity), resolved through
    # policygraph.graph.names; None: not a name. Header note: ``node: Place|Policy``.
    node: tuple[str, ...] | None = None
    # The values allowed besides "": a|b|c, or `label` / `relationship` (the schema's).
    # Header note: ``one of: relationship``.
    one_of: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    def coerce(self, template: str, value: Any) -> Any:
        """``value`` as this parameter's type (CLI values arrive as text), range-checked."""
        if self.type == "int":
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise QueryError(f"{template}: {self.name} must be an integer, not {value!r}")
            try:
                value = int(value)
            except ValueError:
                raise QueryError(
                    f"{template}: {self.name} must be an integer, not {value!r}"
                ) from None
            low, high = self.minimum, self.maximum
            if not -(2**63) <= value < 2**63:  # Neo4j's integers are 64-bit
                raise QueryError(f"{template}: {self.name} is too large for an integer")
            if (low is not None and value < low) or (high is not None and value > high):
                raise QueryError(f"{template}: {self.name} must be between {low} and {high}")
            return value
        if not isinstance(value, str):
            raise QueryError(f"{template}: {self.name} must be text, not {value!r}")
        allowed = self.choices()
        if value and allowed and value not in allowed:
            what = {"label": "label", "relationship": "relationship type"}.get(self.one_of, "value")
            raise QueryError(
                f"{template}: unknown {what} {value!r} for {self.name}; "
                f"use one of {', '.join(allowed)}"
            )
        return value

    def choices(self) -> tuple[str, ...]:
        """The values this parameter allows (besides ""), or () for any."""
        if self.one_of is None:
            return ()
        from policygraph.schema import SCHEMA

        if self.one_of == "label":
            return (*SCHEMA.entity_labels, *SCHEMA.kind_labels)
        if self.one_of == "relationship":
            return tuple(SCHEMA.relationships)
        return tuple(self.one_of.split("|"))

    def describe(self) -> str:
        """``place: string = "闵行区" (example: 闵行区)``, as the header writes it."""
        text = f"{self.name}: {self.type}"
        if not self.required:
            text += " = " + json.dumps(self.default, ensure_ascii=False)
        notes = []
        if self.example is not None:
            notes.append(f"example: {self.example}")
        if self.minimum is not None or self.maximum is not None:
            notes.append(f"range: {self.minimum}..{self.maximum}")
        if self.node is not None:
            notes.append(f"node: {'|'.join(self.node) or 'any'}")
        if self.one_of is not None:
            notes.append(f"one of: {self.one_of}")
        return text + (f" ({', '.join(notes)})" if notes else "")


@dataclass(frozen=True)
class Template:
    """A named, parameterized Cypher query and its header."""

    name: str
    description_zh: str
    description_en: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    cypher: str = field(repr=False)

    def bind(self, values: dict[str, Any]) -> dict[str, Any]:
        """Checked parameters: unknown names refused, defaults filled in, types coerced."""
        known = {p.name: p for p in self.params}
        for key in values:
            if key not in known:
                raise QueryError(
                    f"{self.name} has no parameter {key!r}; its parameters: "
                    + (", ".join(known) or "none")
                )
        bound = {}
        for p in self.params:
            if p.name in values:
                bound[p.name] = p.coerce(self.name, values[p.name])
            elif p.required:
                raise QueryError(f"{self.name} needs the parameter {p.describe()}")
            else:
                bound[p.name] = p.default
        return bound

    def show(self, values: dict[str, Any] | None = None) -> str:
        """The template ready to paste into Neo4j Browser: ``:param`` lines, then the Cypher."""
        bound = self.bind(values or {}) if values else self.examples()
        lines = [f":param {k} => {json.dumps(v, ensure_ascii=False)};" for k, v in bound.items()]
        return "\n".join([*lines, "", self.cypher.rstrip(), ""])

    def examples(self) -> dict[str, Any]:
        """Each parameter's example (else its default), as bound values."""
        return self.bind(
            {
                p.name: p.example if p.example is not None else p.default
                for p in self.params
                if p.example is not None or p.default is not None
            }
        )


def parse(text: str) -> Template:
    """A template from the text of its ``.cypher`` file (see the module docstring)."""
    header: dict[str, list[str]] = {}
    for line in text.splitlines():
        m = HEADER.match(line.strip())
        if not m:
            break  # the header is the leading block of declarations; notes may follow
        header.setdefault(m[1], []).append(m[2])
    try:
        (name,), (description,), (returns,) = (
            header["name"],
            header["description"],
            header["returns"],
        )
    except (KeyError, ValueError) as exc:
        raise ValueError(f"template header needs one name, description and returns: {exc}") from exc
    zh, _, en = description.partition("|")
    params = tuple(_param(line) for line in header.get("param", []))
    columns = tuple(c.strip() for c in returns.split(","))
    return Template(name, zh.strip(), en.strip(), params, columns, text)


def _param(line: str) -> Param:
    m = PARAM.match(line)
    if not m:
        raise ValueError(f"bad param line: {line!r}")
    kind = m["type"]
    default = json.loads(m["default"]) if m["default"] else None
    example, low, high, node, one_of = None, None, None, None, None
    for note in (m["notes"] or "").split(","):
        key, _, value = note.partition(":")
        key, value = key.strip(), value.strip()
        if key == "example":
            example = TYPES[kind](value)
        elif key == "range":
            low, high = (int(v) for v in value.split(".."))
        elif key == "node":
            node = () if value == "any" else tuple(value.split("|"))
        elif key == "one of":
            one_of = value
    return Param(m["name"], kind, default, example, low, high, node, one_of)


@cache
def templates() -> dict[str, Template]:
    """Every template shipped in ``policygraph/queries/templates``, by name.

    >>> "name_search" in templates()
    True
    """
    folder = resources.files("policygraph.queries") / "templates"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            t = parse(entry.read_text(encoding="utf-8"))
            found[t.name] = t
    return found


def template(name: str) -> Template:
    """The template called ``name``; a QueryError listing the valid names otherwise.

    >>> t = template("policy_cascade")
    >>> t.description_en
    "A policy's cascade: every policy that implements it, transitively, with issuer, level and date, in time order"
    >>> [p.describe() for p in t.params]
    ['policy: string (example: 新时期产业工人队伍建设改革方案, node: Policy)']
    """
    found = templates()
    if name not in found:
        raise QueryError(f"no query template {name!r}; the templates: {', '.join(found)}")
    return found[name]
