"""The domain model, read from ``schema.yaml``.

>>> from policygraph.schema import SCHEMA
>>> "Organization" in SCHEMA.labels
True
>>> SCHEMA.relationships["PARTNERS_WITH"].symmetric
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from policygraph.packaged import packaged_yaml


@dataclass(frozen=True)
class RelationshipType:
    """A relationship type and the labels it may join."""

    name: str
    sources: frozenset[str]
    targets: frozenset[str]
    symmetric: bool = False
    same_label: bool = False
    evidence: bool = True
    properties: tuple[str, ...] = ()

    def allows(self, source_label: str, target_label: str) -> bool:
        """True when this type may join a node of ``source_label`` to one of ``target_label``."""
        if source_label not in self.sources or target_label not in self.targets:
            return False
        return not self.same_label or source_label == target_label


@dataclass(frozen=True)
class Schema:
    labels: dict[str, str]
    kinds: tuple[str, ...]
    relationships: dict[str, RelationshipType]
    # facts of a node itself that documents give (a figure's value, a policy's date)
    node_properties: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def entity_labels(self) -> tuple[str, ...]:
        """Labels of the things documents talk about (every label but Document)."""
        return tuple(label for label in self.labels if label != "Document")

    @property
    def kind_labels(self) -> tuple[str, ...]:
        """The second labels organization kinds give (``mass_org`` → ``MassOrg``)."""
        return tuple("".join(p.capitalize() for p in kind.split("_")) for kind in self.kinds)

    def check_labels(self, labels: list[str]) -> None:
        """Raise a SchemaError naming the valid labels when one of ``labels`` is unknown.

        >>> SCHEMA.check_labels(["Policy", "Union"])
        >>> SCHEMA.check_labels(["Polcy"])
        Traceback (most recent call last):
        ...
        policygraph.errors.SchemaError: unknown label 'Polcy'; the labels: Organization, Person, Place, Policy, Program, Event, Group, Metric, Document; organization kinds: Party, Government, Union, Enterprise, School, MassOrg, Coordination, Media, Other
        """
        from policygraph.errors import SchemaError

        for label in labels:
            if label not in self.labels and label not in self.kind_labels:
                raise SchemaError(
                    f"unknown label {label!r}; the labels: {', '.join(self.labels)}; "
                    f"organization kinds: {', '.join(self.kind_labels)}"
                )


@cache
def load_schema() -> Schema:
    """Read the packaged ``schema.yaml`` once."""
    data = packaged_yaml(__package__, "schema.yaml")
    labels = {name: spec["description"] for name, spec in data["labels"].items()}
    kinds = tuple(data["labels"]["Organization"]["kinds"])
    relationships = {
        name: RelationshipType(
            name=name,
            sources=frozenset(spec["from"]),
            targets=frozenset(spec["to"]),
            symmetric=spec.get("symmetric", False),
            same_label=spec.get("same_label", False),
            evidence=spec.get("evidence", True),
            properties=tuple(spec.get("properties", ())),
        )
        for name, spec in data["relationships"].items()
    }
    node_properties = {
        name: tuple(spec.get("properties", ())) for name, spec in data["labels"].items()
    }
    return Schema(
        labels=labels, kinds=kinds, relationships=relationships, node_properties=node_properties
    )


SCHEMA = load_schema()
