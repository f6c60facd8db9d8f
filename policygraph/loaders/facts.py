"""The plain data that flows from reading to extraction to the graph.

``read`` turns files into :class:`Article` records; ``extract`` turns an
article into :class:`Facts` (mentions and relations, each with its sentence);
``graph`` writes facts into the model. Nothing here knows about files or stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from policygraph.loaders.quick import quick_init


@dataclass(frozen=True)
class Article:
    """One document's text and metadata, as read from a file."""

    doc_id: str
    text: str
    title: str
    path: str
    source: str | None = None
    date: str | None = None
    byline: str | None = None
    original: str | None = None  # the text in the characters the file used, when not simplified
    # (position in text, position in the file's decoded text) wherever the two stop
    # advancing together; see policygraph.loaders.offsets.
    anchors: tuple[tuple[int, int], ...] = field(default=(), repr=False, compare=False)


@quick_init
@dataclass(frozen=True)
class Mention:
    """A named thing in a sentence: ``name`` is canonical, ``form`` what the text wrote."""

    label: str
    name: str
    form: str
    sentence: str
    start: int
    kind: str | None = None
    offset: int | None = None  # where the sentence starts in the file's decoded text
    # a figure's value, unit, subject and period (Metric mentions only)
    properties: dict | None = field(default=None, compare=False, hash=False)

    @property
    def key(self) -> tuple[str, str]:
        return self.label, self.name

    @property
    def end(self) -> int:
        return self.start + len(self.form)


@quick_init
@dataclass(frozen=True)
class Relation:
    """A relationship between two mentioned things, read from ``sentence``."""

    type: str
    source: tuple[str, str]
    target: tuple[str, str]
    sentence: str
    title: str | None = None
    offset: int | None = None  # where the sentence starts in the file's decoded text

    def at(self, offset: int | None) -> Relation:
        """This relation with its sentence's ``offset``: ``dataclasses.replace(self,
        offset=offset)`` without replace's per-field look-ups (every relation of every
        sentence passes here). A new field must be passed on here too.

        >>> Relation("ISSUED", ("Organization", "a"), ("Policy", "b"), "s").at(7).offset
        7
        """
        return Relation(self.type, self.source, self.target, self.sentence, self.title, offset)


class MentionsAlike(NamedTuple):
    """Mentions in one article that say the same of a node, once with their count: all
    that the graph keeps of them (not their sentences or places)."""

    label: str
    name: str
    form: str
    kind: str | None
    properties: dict | None
    count: int


@dataclass
class Facts:
    """Everything extracted from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # False when extraction was skipped: a file earlier in sort order gives the same
    # text, and a document's facts come from its first file
    extracted: bool = True
    # the mentions as the graph adds them, set instead of ``mentions`` by a worker
    # process: a third of the bytes to send, and quicker to read back
    alike: list[MentionsAlike] | None = None
