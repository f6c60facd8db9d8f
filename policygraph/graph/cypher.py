"""Running an analyst's own Cypher on Neo4j, read-only unless told otherwise.

The driver's READ access mode is only a routing hint that a single server may
not enforce, so before running a query we ask Neo4j to EXPLAIN it and refuse,
without ``write=True``, anything whose planned type is not read-only, and any
LOAD CSV or procedure call (they reach files, the network or admin functions).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Query
from neo4j.exceptions import ClientError
from neo4j.graph import Node, Path, Relationship

from policygraph.errors import PolicyGraphError
from policygraph.graph.neo4j import Neo4jStore

RISKY_OPERATORS = ("LoadCSV", "ProcedureCall")


class CypherRefused(PolicyGraphError):
    """A query that read-only mode does not run."""


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """``["name=闵行区总工会", "k=2"]`` → ``{"name": "闵行区总工会", "k": 2}`` (JSON values where they parse).

    >>> parse_params(["name=闵行区总工会", "k=2", "ids=[1, 2]"])
    {'name': '闵行区总工会', 'k': 2, 'ids': [1, 2]}
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise PolicyGraphError(f"--param {pair!r}: write it as name=value")
        try:
            params[key] = json.loads(value)
        except ValueError:  # not JSON (or an integer of over 4,300 digits): text
            params[key] = value
        if not _fits_neo4j(params[key]):
            raise PolicyGraphError(
                f"--param {key}: a number too large for Neo4j (64-bit integers, finite floats)"
            )
    return params


def _fits_neo4j(value: Any) -> bool:
    """False for what Neo4j cannot hold: integers beyond 64 bits, NaN and infinity.

    >>> _fits_neo4j([1, 2**63]), _fits_neo4j({"a": 1.5})
    (False, True)
    """
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_fits_neo4j(v) for v in value)
    if isinstance(value, dict):
        return all(_fits_neo4j(v) for v in value.values())
    return True


def _operators(plan: dict[str, Any]) -> set[str]:
    names = {plan.get("operatorType", "").split("@")[0]}
    for child in plan.get("children", []):
        names |= _operators(child)
    return names


def plain(value: Any) -> Any:
    """Nodes, relationships and paths as plain dicts and lists (for JSON and CSV)."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def run_cypher(
    store: Neo4jStore, query: str, params: dict[str, Any] | None = None, *, write: bool = False
) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and rows (plain dicts) of ``query``; refuses writes, LOAD CSV and CALL
    unless ``write``."""
    params = params or {}
    database = store.settings.database
    try:
        with store.driver.session(database=database, default_access_mode=READ_ACCESS) as session:
            summary = session.run(Query(EXPLAIN + query), params).consume()
        if not write:
            if summary.query_type != "r":
                raise CypherRefused(
                    f"this query would change the database (type {summary.query_type!r}); "
                    "add --write to run it"
                )
            risky = _operators(summary.plan or {}) & set(RISKY_OPERATORS)
            if risky:
                raise CypherRefused(
                    f"LOAD CSV and procedure calls run only with --write ({', '.join(sorted(risky))})"
                )
        mode = WRITE_ACCESS if write else READ_ACCESS
        with store.driver.session(database=database, default_access_mode=mode) as session:
            result = session.run(Query(query), params)
            rows = [plain(record.data()) for record in result]
            return list(result.keys()), rows
    except ClientError as exc:
        raise PolicyGraphError(f"Neo4j refused the query: {without_explain(exc.message)}") from exc


EXPLAIN = "EXPLAIN "


def without_explain(message: str) -> str:
    """Neo4j's error about ``EXPLAIN query`` as if about ``query``: positions on line 1
    moved back by the prefix we added, the prefix gone from the quoted query.

    >>> print(without_explain('Invalid input (line 1, column 17 (offset: 16))\\n"EXPLAIN MATCH (n"\\n                 ^'))
    Invalid input (line 1, column 9 (offset: 8))
    "MATCH (n"
             ^
    """
    shift = len(EXPLAIN)

    def moved(m: re.Match) -> str:
        return f"line 1, column {int(m[1]) - shift} (offset: {int(m[2]) - shift})"

    lines = re.sub(r"line 1, column (\d+) \(offset: (\d+)\)", moved, message).split("\n")
    for k, line in enumerate(lines):
        if line.startswith('"' + EXPLAIN):
            lines[k] = '"' + line[1 + shift :]
            if k + 1 < len(lines) and lines[k + 1].strip() == "^":
                lines[k + 1] = lines[k + 1][shift:]
    return "\n".join(lines)
