"""Curation: an analyst's corrections (merge, rename, kind, drop, add/drop relation) in YAML.

Design, and why unload stays exact: the store keeps the *uncurated* graph in
``graph.json`` (what loading and unloading change, where every MENTIONED_IN
``forms`` list and every piece of evidence still belongs to the node the
extractor made), and the corrections in ``<data folder>/curation.yaml``.
:meth:`FileStore.read` applies the corrections on every read, so export,
stats, maps, queries and push all see the curated view, while
:meth:`FileStore.transaction` works on the raw graph. Re-loading a changed
document therefore keeps the corrections (they are simply applied again), and
unloading never has to undo a merge. Applying is cheap: one pass per entry over
the edges of the nodes it names (bench/candidates.py: 100 merges add ~0.15 s to
reading an 8k-node store). ``load --curation FILE`` and ``curate FILE`` copy FILE
to ``<data folder>/curation.yaml`` (a different older one is kept as
``curation.yaml.previous``). One exception: ``policygraph pull`` stores what
Neo4j holds, which is the curated view, as the raw graph; the corrections then
mostly find nothing to change (reported, not an error), and unloading is only
as exact as that pulled graph.

The file is a list of one-key mappings, applied in order, so a later entry names
nodes as earlier ones left them (a rename to a name already in the graph is a
merge). Every entry may have a ``note`` (where the correction comes from), kept
in a ``curation`` list on what it changed:

>>> corrections = parse_curation('''
... - merge: {label: Organization, into: 闵行区总工会, names: [闵行区总], note: 官网}
... - kind: {name: 闵行区总工会, kind: union}
... ''', "c.yaml")
>>> [(c.action, c.line) for c in corrections]
[('merge', 2), ('kind', 3)]
>>> from policygraph.graph.model import PROPERTY_PREFIX, _order, Graph
>>> g = Graph()
>>> _ = g.add_document("d1")
>>> _ = g.add_mention("Organization", "闵行区总", "d1")
>>> apply_curation(g, corrections).applied
['c.yaml:2: merge 闵行区总 into Organization:闵行区总工会', 'c.yaml:3: kind union for Organization:闵行区总工会']
>>> g.node("Organization:闵行区总工会")["aliases"], g.node("Organization:闵行区总工会")["curation"]
(['闵行区总'], ['merge: 官网', 'kind'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from policygraph.errors import CurationError
from policygraph.graph.model import (
    MENTIONED_IN,
    PROPERTY_PREFIX,
    Graph,
    _evidence_order,
    _order,
    _refresh_edge_properties,
    kind_label,
    node_id,
)
from policygraph.schema import SCHEMA

CURATION_FILE = "curation.yaml"
CURATION_DOC = "curation"  # the evidence ``doc`` of a relationship an analyst added

# action → (required fields, optional fields); ``note`` is optional everywhere.
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "merge": (("label", "into", "names"), ()),
    "rename": (("label", "from", "to"), ()),
    "kind": (("name", "kind"), ("label",)),  # label, if written, must be Organization
    "drop": (("label", "name"), ()),
    "add_relation": (("type", "source", "target", "note"), ()),
    "drop_relation": (("type", "source", "target"), ()),
}


@dataclass(frozen=True)
class Correction:
    """One entry of a curation file: its action, its fields, and where it was written."""

    action: str
    fields: dict[str, Any]
    source: str  # the file
    line: int

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    @property
    def note(self) -> str:
        return self.fields.get("note") or ""


@dataclass
class CurationReport:
    """What applying a curation did; ``skipped`` are warnings (a name not in the graph)."""

    applied: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


# -- parsing ---------------------------------------------------------------------


class _Lined(dict):
    """A mapping that remembers the line it started on."""

    line = 0


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        """Refuse aliases (``*a``): nested ones expand exponentially (a 600-byte
        "billion laughs" file grows past gigabytes), and corrections never need them."""
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a curation file", mark
            )
        return super().compose_node(parent, index)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Lined:
    mapping = _Lined(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


class _LinedList(list):
    """A sequence that remembers the line of each item (an entry may be a bare scalar)."""

    lines: list[int]


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> _LinedList:
    items = _LinedList(loader.construct_sequence(node, deep=True))
    items.lines = [item.start_mark.line + 1 for item in node.value]
    return items


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_curation(path: str | Path) -> list[Correction]:
    """Read and validate a curation file; :class:`CurationError` names the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(f"{path}: cannot read the curation file ({exc})") from exc
    return parse_curation(text, str(path))


def parse_curation(text: str, source: str = "<curation>") -> list[Correction]:
    """Parse and validate curation YAML ``text``; ``source`` names it in errors."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start and start is not mark:  # where the unclosed thing opened
            problem += f", {context} on line {start.line + 1}"
        raise CurationError(f"{source}{line}: not valid YAML ({problem})") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise CurationError(f"{source}:1: a curation file is a list of entries (- merge: ...)")
    return [_correction(entry, source, line) for entry, line in zip(data, data.lines, strict=True)]


def _correction(entry: Any, source: str, line: int) -> Correction:
    where = f"{source}:{line}"
    if not isinstance(entry, dict) or len(entry) != 1:
        raise CurationError(f"{where}: each entry is one action, e.g. `- merge: {{...}}`")
    action, fields = next(iter(entry.items()))  # the entry's line is the `- action:` line
    if action not in FIELDS:
        raise CurationError(f"{where}: unknown action {action!r}; use one of {', '.join(FIELDS)}")
    if not isinstance(fields, dict):
        raise CurationError(f"{where}: {action} needs a mapping of fields")
    required, optional = FIELDS[action]
    missing = [f for f in required if fields.get(f) in (None, "", [])]
    if missing:
        raise CurationError(f"{where}: {action} is missing {', '.join(missing)}")
    unknown = sorted(set(fields) - {*required, *optional, "note"})
    if unknown:
        raise CurationError(f"{where}: {action} has unknown field(s) {', '.join(unknown)}")
    clean = {k: _clean(v, f"{where}: {action} {k}") for k, v in fields.items()}
    _validate(action, clean, where)
    return Correction(action, clean, source, line)


def _clean(value: Any, where: str) -> Any:
    """Names as strings (YAML reads 2024 as a number), node references as plain dicts."""
    if isinstance(value, dict):
        return {k: _clean(v, where) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v, where) for v in value]
    if isinstance(value, str | int | float):
        return str(value).strip()
    raise CurationError(f"{where}: expected text, got {value!r}")


def _check_label(label: str, where: str) -> None:
    if label not in SCHEMA.entity_labels:
        raise CurationError(
            f"{where}: unknown label {label!r}; use one of {', '.join(SCHEMA.entity_labels)}"
        )


def _validate(action: str, f: dict[str, Any], where: str) -> None:
    for key, value in f.items():
        if key in ("source", "target"):
            continue  # node references, checked below
        values = value if key == "names" and isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            raise CurationError(f"{where}: {action} {key} must be text, not {value!r}")
    if "label" in f:
        _check_label(f["label"], where)
    if action == "merge" and not isinstance(f["names"], list):
        f["names"] = [f["names"]]
    if action == "kind" and f.get("label", "Organization") != "Organization":
        raise CurationError(f"{where}: only an Organization has a kind, not a {f['label']}")
    if action == "kind" and f["kind"] not in SCHEMA.kinds:
        raise CurationError(
            f"{where}: unknown kind {f['kind']!r}; use one of {', '.join(SCHEMA.kinds)}"
        )
    if action in ("add_relation", "drop_relation"):
        spec = SCHEMA.relationships.get(f["type"])
        if spec is None or not spec.evidence:
            types = [t for t, s in SCHEMA.relationships.items() if s.evidence]
            raise CurationError(
                f"{where}: unknown relationship type {f['type']!r}; use one of {', '.join(types)}"
            )
        for end in ("source", "target"):
            ref = f[end]
            if not isinstance(ref, dict) or not all(
                isinstance(ref.get(k), str) and ref[k] for k in ("label", "name")
            ):
                raise CurationError(f"{where}: {action} {end} needs {{label, name}}")
            _check_label(ref["label"], where)
        if not spec.allows(f["source"]["label"], f["target"]["label"]):
            raise CurationError(
                f"{where}: {f['type']} cannot join {f['source']['label']} to {f['target']['label']}"
            )


# -- applying --------------------------------------------------------------------


def apply_curation(graph: Graph, corrections: list[Correction]) -> CurationReport:
    """Apply ``corrections`` in order to ``graph`` (changed in place); report what happened."""
    report = CurationReport()
    for c in corrections:
        message = _APPLY[c.action](graph, c)
        if message.startswith("!"):
            report.skipped.append(f"{c.where}: {message[1:]}")
        else:
            report.applied.append(f"{c.where}: {message}")
    return report


def named_nodes(corrections: list[Correction]) -> set[str]:
    """The ids of every node the corrections name: all they can change or look at.

    >>> sorted(named_nodes(parse_curation("- drop: {label: Place, name: 闵行}")))
    ['Place:闵行']
    """
    ids = set()
    for c in corrections:
        f = c.fields
        if c.action == "merge":
            ids |= {node_id(f["label"], n) for n in [f["into"], *f["names"]]}
        elif c.action == "rename":
            ids |= {node_id(f["label"], f["from"]), node_id(f["label"], f["to"])}
        elif c.action == "kind":
            ids.add(node_id("Organization", f["name"]))
        elif c.action == "drop":
            ids.add(node_id(f["label"], f["name"]))
        else:
            ids |= {node_id(f[end]["label"], f[end]["name"]) for end in ("source", "target")}
    return ids


def apply_curation_file(graph: Graph, path: str | Path) -> CurationReport:
    """Apply the curation file at ``path`` to ``graph``; a missing file changes nothing."""
    path = Path(path)
    if not path.exists():
        return CurationReport()
    return apply_curation(graph, load_curation(path))


def _mark(data: dict[str, Any], c: Correction) -> None:
    """Keep the correction's note on what it changed (a list of strings, as Neo4j can hold)."""
    entry = f"{c.action}: {c.note}" if c.note else c.action
    if entry not in data.get("curation", []):
        data["curation"] = [*data.get("curation", []), entry]


def _merge(graph: Graph, c: Correction) -> str:
    label, into = c.fields["label"], c.fields["into"]
    keep = node_id(label, into)
    present = [n for n in c.fields["names"] if n != into and node_id(label, n) in graph.nx]
    if not present:
        return f"!merge: none of {', '.join(c.fields['names'])} is a {label} in the graph"
    for name in present:
        _merge_node(graph, node_id(label, name), keep, into)
    _mark(graph.node(keep), c)
    return f"merge {', '.join(present)} into {keep}"


def _rename(graph: Graph, c: Correction) -> str:
    label, old, new = c.fields["label"], c.fields["from"], c.fields["to"]
    if node_id(label, old) not in graph.nx:
        return f"!rename: {label}:{old} is not in the graph"
    if old == new:
        return f"!rename: {label}:{old} already has that name"
    _merge_node(graph, node_id(label, old), node_id(label, new), new)
    _mark(graph.node(node_id(label, new)), c)
    return f"rename {label}:{old} to {new}"


def _kind(graph: Graph, c: Correction) -> str:
    nid = node_id("Organization", c.fields["name"])
    if nid not in graph.nx:
        return f"!kind: {nid} is not in the graph"
    node = graph.node(nid)
    node["kind"] = c.fields["kind"]
    node["labels"] = ["Organization", kind_label(c.fields["kind"])]
    _mark(node, c)
    return f"kind {c.fields['kind']} for {nid}"


def _drop(graph: Graph, c: Correction) -> str:
    nid = node_id(c.fields["label"], c.fields["name"])
    if nid not in graph.nx:
        return f"!drop: {nid} is not in the graph"
    graph.nx.remove_node(nid)
    return f"drop {nid}"


def _ends(graph: Graph, c: Correction) -> tuple[str, str, str | None]:
    source = node_id(c.fields["source"]["label"], c.fields["source"]["name"])
    target = node_id(c.fields["target"]["label"], c.fields["target"]["name"])
    absent = next((n for n in (source, target) if n not in graph.nx), None)
    if SCHEMA.relationships[c.fields["type"]].symmetric and target < source:
        source, target = target, source
    return source, target, absent


def _add_relation(graph: Graph, c: Correction) -> str:
    rel_type = c.fields["type"]
    source, target, absent = _ends(graph, c)
    if absent:
        return f"!add_relation: {absent} is not in the graph"
    if source == target:  # e.g. after a merge made both ends one node
        return f"!add_relation: {source} would be related to itself"
    graph.add_relation(rel_type, source, target, doc=CURATION_DOC, sentence=c.note)
    _mark(graph.nx.edges[source, target, rel_type], c)
    return f"add {rel_type} {source} → {target}"


def _drop_relation(graph: Graph, c: Correction) -> str:
    rel_type = c.fields["type"]
    source, target, _ = _ends(graph, c)
    if not graph.nx.has_edge(source, target, rel_type):
        return f"!drop_relation: no {rel_type} {source} → {target} in the graph"
    graph.nx.remove_edge(source, target, rel_type)
    return f"drop {rel_type} {source} → {target}"


_APPLY = {
    "merge": _merge,
    "rename": _rename,
    "kind": _kind,
    "drop": _drop,
    "add_relation": _add_relation,
    "drop_relation": _drop_relation,
}


def _merge_node(graph: Graph, old: str, keep: str, keep_name: str) -> None:
    """Move node ``old`` onto ``keep`` (made if absent): attributes, aliases, edges, evidence."""
    g = graph.nx
    data = dict(g.nodes[old])
    if keep not in g:
        g.add_node(keep, **{**data, "name": keep_name, "aliases": [], "curation": []})
    kept = g.nodes[keep]
    for key, value in data.items():  # the kept node's own facts win
        if key not in kept:
            kept[key] = value
    kept["curation"] = [*kept.get("curation", []), *data.get("curation", [])]
    if not kept["curation"]:
        del kept["curation"]
    names = {*kept["aliases"], *data.get("aliases", []), data["name"]}
    kept["aliases"] = sorted(names - {keep_name})
    moved = [(old, v, k, d, True) for _, v, k, d in g.out_edges(old, keys=True, data=True)]
    moved += [(u, old, k, d, False) for u, _, k, d in g.in_edges(old, keys=True, data=True)]
    g.remove_node(old)
    for u, v, key, edge, outgoing in moved:
        source, target = (keep, v) if outgoing else (u, keep)
        if source == target:  # two spellings that were related to each other
            continue
        spec = SCHEMA.relationships.get(key)
        if spec is not None and spec.symmetric and target < source:
            source, target = target, source
        if not g.has_edge(source, target, key):
            g.add_edge(source, target, key=key, **edge)
        else:
            _combine(g.edges[source, target, key], edge, key)


def _combine(kept: dict[str, Any], other: dict[str, Any], key: str) -> None:
    """Two edges of one type between the same nodes become one: evidence, counts, forms."""
    if key == MENTIONED_IN:
        kept["count"] = kept.get("count", 0) + other.get("count", 0)
        kept["forms"] = sorted({*kept.get("forms", []), *other.get("forms", [])})
        for name, value in other.items():  # facts a document gives (a policy's date)
            if name.startswith(PROPERTY_PREFIX):
                old = kept.get(name)
                kept[name] = value if old is None else min(old, value, key=_order)
    else:
        evidence = list(kept.get("evidence", []))
        evidence += [e for e in other.get("evidence", []) if e not in evidence]
        kept["evidence"] = sorted(evidence, key=_evidence_order)
        spec = SCHEMA.relationships.get(key)
        _refresh_edge_properties(kept, spec.properties if spec else ())
    notes = [*kept.get("curation", []), *other.get("curation", [])]
    if notes:
        kept["curation"] = sorted(set(notes), key=notes.index)
