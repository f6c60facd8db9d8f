"""Run a query template on either store and get plain rows back.

The embedded store answers with the template's networkx twin
(:mod:`policygraph.queries.embedded`); Neo4j runs the template's Cypher, read-only,
with the checked parameters. Both give the columns the header declares, in order.
"""

from __future__ import annotations

import os
from typing import Any

from neo4j import READ_ACCESS, NotificationMinimumSeverity, Query

from policygraph.errors import PolicyGraphError, QueryError
from policygraph.graph.model import Graph
from policygraph.queries.catalog import Template, template

STORES = ("embedded", "neo4j")


def run_query(
    name: str,
    params: dict[str, Any] | None = None,
    *,
    store: str = "embedded",
    db: str | os.PathLike[str] | None = None,
    graph: Graph | None = None,
    neo4j: Any = None,
) -> list[dict[str, Any]]:
    """The rows of template ``name`` with ``params``, as plain dicts.

    ``store="embedded"`` reads ``graph`` (or the embedded store in ``db``);
    ``store="neo4j"`` uses the open ``neo4j`` store, or one from the NEO4J_* settings.

    >>> from policygraph.graph.model import Graph
    >>> g = Graph()
    >>> _ = g.add_document("d1", title="t")
    >>> _ = g.add_mention("Place", "闵行区", "d1", form="闵行")
    >>> run_query("name_search", {"q": "闵行"}, graph=g)
    [{'name': '闵行区', 'id': 'Place:闵行区', 'label': 'Place', 'aliases': ['闵行']}]
    """
    tmpl = template(name)
    bound = tmpl.bind(params or {})
    if store == "embedded":
        from policygraph import open_store
        from policygraph.queries.embedded import TWINS

        if graph is not None:
            rows = TWINS[name](graph, bound)
        else:  # the store answers from its indexes (or reads all, with a curation file)
            with open_store(db).query_graph() as stored:
                rows = TWINS[name](stored, bound)
    elif store == "neo4j":
        rows = _run_neo4j(tmpl, bound, neo4j)
    else:
        raise QueryError(f"no store {store!r}; the stores: {', '.join(STORES)}")
    return [_ordered(tmpl, row) for row in rows]


def _run_neo4j(tmpl: Template, bound: dict[str, Any], neo4j: Any) -> list[dict[str, Any]]:
    from neo4j.exceptions import ClientError

    from policygraph.graph.cypher import plain
    from policygraph.graph.neo4j import FULLTEXT_INDEX, Neo4jStore

    own = neo4j is None
    store = Neo4jStore() if own else neo4j
    try:
        if own:
            store.server_info()
        session = store.driver.session(
            database=store.settings.database,
            default_access_mode=READ_ACCESS,
            # A graph without some relationship type yet is normal, not worth a warning.
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
        with session:
            try:
                result = session.run(Query(tmpl.cypher), bound)
                return [plain(record.data()) for record in result]
            except ClientError as exc:
                hint = ""
                if FULLTEXT_INDEX in (exc.message or ""):
                    hint = " (`policygraph push` or `policygraph doctor` creates the index)"
                raise PolicyGraphError(f"Neo4j refused {tmpl.name}: {exc.message}{hint}") from exc
    finally:
        if own:
            store.close()


def _ordered(tmpl: Template, row: dict[str, Any]) -> dict[str, Any]:
    if set(row) != set(tmpl.columns):
        raise AssertionError(f"{tmpl.name} gave columns {sorted(row)}, not {tmpl.columns}")
    return {c: row[c] for c in tmpl.columns}
