"""Run a query template on either store and get plain rows back.

The embedded store answers with the template's networkx twin
(:mod:`policygraph.queries.embedded`); Neo4j runs the template's Cypher, read-only,
with the checked parameters. Both give the columns the header declares, in order.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from policygraph.errors import NodeNameError, PolicyGraphError, QueryError
from policygraph.graph.names import Entry, NameIndex, graph_index
from policygraph.queries.catalog import Template, template

if TYPE_CHECKING:
    from policygraph.graph.model import Graph

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
        from policygraph import existing_store

        if graph is not None:
            rows = _run_twin(name, tmpl, bound, graph)
        else:  # the store answers from its indexes (or reads all, with a curation file)
            with existing_store(db).query_graph() as stored:
                rows = _run_twin(name, tmpl, bound, stored)
    elif store == "neo4j":
        rows = _run_neo4j(tmpl, bound, neo4j)
    else:
        raise QueryError(f"no store {store!r}; the stores: {', '.join(STORES)}")
    return [_ordered(tmpl, row) for row in rows]


def _run_twin(name: str, tmpl: Template, bound: dict[str, Any], graph: Graph) -> list[dict]:
    """The rows of the networkx twin of ``name``, its node names resolved on ``graph``."""
    from policygraph.queries.embedded import TWINS

    bound = resolve_names(tmpl, bound, lambda values: graph_index(graph, values))
    return TWINS[name](graph, bound)


def node_params(tmpl: Template, bound: dict[str, Any]) -> dict[str, str]:
    """The parameters of ``bound`` that name a node, and their (non-empty) values."""
    return {p.name: bound[p.name] for p in tmpl.params if p.node is not None and bound[p.name]}


def resolve_names(tmpl: Template, bound: dict[str, Any], index_for) -> dict[str, Any]:
    """``bound`` with every node-naming value replaced by the canonical name it stands
    for (an alias or id works; see :mod:`policygraph.graph.names`).

    ``index_for(values)`` gives a :class:`NameIndex` that holds at least the nodes those
    values name; ``index_for(None)`` one of every node, for the closest names in an error.
    """
    named = node_params(tmpl, bound)
    if not named:
        return bound
    labels = {p.name: p.node for p in tmpl.params}
    index = index_for(sorted(set(named.values())))
    try:
        return {**bound, **{k: index.resolve_name(v, labels[k]) for k, v in named.items()}}
    except NodeNameError:
        index = index_for(None)  # the whole graph: the error lists the closest names
        return {**bound, **{k: index.resolve_name(v, labels[k]) for k, v in named.items()}}


def _neo4j_index(store: Any, values: list[str] | None) -> NameIndex:
    """The Neo4j nodes that ``values`` name (every entity when ``values`` is None)."""
    where = "n.id IS NOT NULL AND NOT n:Document"
    if values is not None:
        where += (
            " AND (n.id IN $values OR n.name IN $values"
            " OR any(a IN coalesce(n.aliases, []) WHERE a IN $values))"
        )
    query = f"MATCH (n) WHERE {where} RETURN n.id AS id, n.name AS name, n.aliases AS aliases"
    return NameIndex(
        Entry(r["id"], r["id"].partition(":")[0], r["name"], tuple(r["aliases"] or ()))
        for r in store._run(query, values=values or [])
    )


def _run_neo4j(tmpl: Template, bound: dict[str, Any], neo4j: Any) -> list[dict[str, Any]]:
    from neo4j import READ_ACCESS, NotificationMinimumSeverity, Query
    from neo4j.exceptions import ClientError

    from policygraph.graph.cypher import plain
    from policygraph.graph.neo4j import FULLTEXT_INDEX, Neo4jStore

    own = neo4j is None
    store = Neo4jStore() if own else neo4j
    try:
        if own:
            store.server_info()
        bound = resolve_names(tmpl, bound, lambda values: _neo4j_index(store, values))
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
