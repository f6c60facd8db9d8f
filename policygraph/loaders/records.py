"""Facts of a node itself from its sentence: a policy's level, date and 文号, an
event's date, and figures as Metric mentions REPORTED by the body before them."""

from __future__ import annotations

from policygraph.loaders.dates import first_full_date
from policygraph.loaders.facts import Mention, Relation
from policygraph.loaders.figures import find_figures
from policygraph.loaders.finder import entity_finder
from policygraph.loaders.policies import document_number, organization_level, title_level
from policygraph.loaders.spans import Span
from policygraph.loaders.text import clause_start


def record_properties(
    span: Span, sentence: str, relations: list[Relation], year: str | None
) -> dict | None:
    """A policy's level, date and 文号, or an event's date, as this sentence gives them.

    >>> from policygraph.loaders.entities import EntityFinder
    >>> from policygraph.loaders.relations import sentence_relations
    >>> s = "2021年3月5日，绍兴市总工会印发《关于加强职工疗休养的实施意见》（绍工〔2021〕8号）。"
    >>> spans = EntityFinder().find(s)
    >>> policy = next(p for p in spans if p.label == "Policy")
    >>> record_properties(policy, s, sentence_relations(s, spans), None)
    {'level': 'city', 'date': '2021-03-05', 'doc_number': '绍工〔2021〕8号'}
    """
    if span.label == "Event":
        date = first_full_date(sentence, year)
        return {"date": date} if date else None
    if span.label != "Policy":
        return None
    issuers = [r.source for r in relations if r.type == "ISSUED" and r.target[1] == span.name]
    national = {name for name, _ in entity_finder().orgs.national.values()}
    level = title_level(span.name) or next(
        (organization_level(name, name in national) for _, name in issuers), None
    )
    properties = {
        "level": level,
        "date": first_full_date(sentence, year) if issuers else None,
        "doc_number": document_number(sentence, span.end),
    }
    return {k: v for k, v in properties.items() if v} or None


def figure_facts(
    sentence: str, spans: list[Span], offset: int | None
) -> tuple[list[Mention], list[Relation]]:
    """Figures as Metric mentions, each REPORTED by the body or program named before it.

    >>> from policygraph.loaders.entities import EntityFinder
    >>> sentence = "闵行区总工会累计培训职工3.5万人次。"
    >>> metrics, reports = figure_facts(sentence, EntityFinder().find(sentence), None)
    >>> metrics[0].name, metrics[0].properties["value"], reports[0].source
    ('闵行区总工会: 培训职工 35000 人次', 35000, ('Organization', '闵行区总工会'))
    """
    mentions, relations = [], []
    name_ends = [s.end for s in spans if s.label != "Group"]
    for figure in find_figures(sentence, name_ends):
        reporter = _reporter(sentence, spans, figure.start)
        name = figure.label(reporter.name if reporter else None)
        properties = {
            "value": figure.value,
            "unit": figure.unit,
            "subject": figure.subject,
            "period": figure.period,
        }
        mentions.append(
            Mention("Metric", name, figure.form, sentence, figure.start, None, offset, properties)
        )
        if reporter is not None:
            relations.append(
                Relation("REPORTS", (reporter.label, reporter.name), ("Metric", name), sentence)
            )
    return mentions, relations


def _reporter(sentence: str, spans: list[Span], pos: int) -> Span | None:
    """The body that a figure at ``pos`` is about: the nearest organization before it,
    else a program or policy named earlier in the same clause."""
    before = [s for s in spans if s.end <= pos and s.kind != "media"]
    orgs = [s for s in before if s.label == "Organization"]
    if orgs:
        return max(orgs, key=lambda s: s.end)
    clause = clause_start(sentence, pos)
    others = [s for s in before if s.label in ("Program", "Policy") and s.start >= clause]
    return max(others, key=lambda s: s.end, default=None)
