"""Keeping what the documents of a period say: ``--since`` / ``--until``.

Dates are written as analysts write them: ``2023``, ``2023-06``, ``2023-06-01``
(``/`` or ``.`` work too, and 2023年6月1日). A period keeps the documents dated inside
it, both ends included, and what they say: every other document is taken out as
unloading would take it (its evidence, and the nodes left with none). An undated
document belongs to no period.

>>> from policygraph.graph.model import Graph
>>> g = Graph()
>>> for doc, date in (("d1", "2022-12-30"), ("d2", "2023-06-01"), ("d3", None)):
...     _ = g.add_document(doc, title=doc, date=date)
...     _ = g.add_mention("Place", "江汉区" if doc == "d2" else "成都市", doc)
>>> sorted(d["doc_id"] for d in within(g, since="2023").documents())
['d2']
>>> sorted(d["name"] for _, d in within(g, until="2023-05").nodes("Place"))
['成都市']
>>> within(g, since="2030")
Traceback (most recent call last):
...
policygraph.errors.PolicyGraphError: no document dated from 2030; the documents are dated 2022-12-30 to 2023-06-01 (1 undated)
"""

from __future__ import annotations

import re

from policygraph.errors import PolicyGraphError
from policygraph.graph.model import Graph

DATE = re.compile(r"^(\d{4})(?:[-/.年](\d{1,2})月?(?:[-/.](\d{1,2})|(\d{1,2})日)?)?$")
END = "\uffff"  # after every date that starts with the bound: "2023-06" covers 2023-06-30


def date_bound(text: str, option: str = "--since") -> str:
    """An analyst's date as the ISO prefix documents are compared with.

    >>> date_bound("2023"), date_bound("2023-6"), date_bound("2023/06/01"), date_bound("2023年6月")
    ('2023', '2023-06', '2023-06-01', '2023-06')
    >>> date_bound("2023-13")
    Traceback (most recent call last):
    ...
    policygraph.errors.PolicyGraphError: --since '2023-13': write a date as 2023, 2023-06 or 2023-06-01
    """
    m = DATE.match(text.strip())
    month = int(m[2]) if m and m[2] else None
    day = int(m[3] or m[4]) if m and (m[3] or m[4]) else None
    if not m or (month is not None and not 1 <= month <= 12) or (day and not 1 <= day <= 31):
        raise PolicyGraphError(f"{option} {text!r}: write a date as 2023, 2023-06 or 2023-06-01")
    parts = [m[1]] + [f"{n:02d}" for n in (month, day) if n is not None]
    return "-".join(parts)


def in_period(date: str | None, since: str | None, until: str | None) -> bool:
    """True when ISO ``date`` lies between the bounds (prefixes, both ends included)."""
    if date is None:
        return False
    date = str(date)
    return (since is None or date >= since) and (until is None or date <= until + END)


def within(graph: Graph, since: str | None = None, until: str | None = None) -> Graph:
    """A copy of ``graph`` holding only what documents dated in the period say; without
    bounds, ``graph`` itself."""
    if since is None and until is None:
        return graph
    lo = date_bound(since, "--since") if since is not None else None
    hi = date_bound(until, "--until") if until is not None else None
    if lo and hi and lo > hi:
        raise PolicyGraphError(f"--since {since} comes after --until {until}")
    documents = graph.documents()
    outside = [d["doc_id"] for d in documents if not in_period(d.get("date"), lo, hi)]
    if documents and len(outside) == len(documents):
        raise PolicyGraphError(
            f"no document dated {_period(since, until)}; {_date_range(documents)}"
        )
    kept = Graph(graph.nx.copy())
    for doc_id in outside:
        kept.remove_document(doc_id)
    return kept


def _period(since: str | None, until: str | None) -> str:
    return " and ".join(
        part for part in (since and f"from {since}", until and f"up to {until}") if part
    )


def _date_range(documents: list[dict]) -> str:
    """What the documents' dates span, for an error about an empty period."""
    dates = sorted(str(d["date"]) for d in documents if d.get("date"))
    undated = len(documents) - len(dates)
    text = f"the documents are dated {dates[0]} to {dates[-1]}" if dates else "no document is dated"
    return text + (f" ({undated} undated)" if undated and dates else "")
