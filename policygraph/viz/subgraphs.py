"""Choosing what a map shows: a neighbourhood, a place, some labels, a policy's cascade.

Every selector takes a :class:`Graph` and returns a new, smaller :class:`Graph`
(a copy: the caller may change it). Names are found by canonical name or alias.
:func:`of_nodes` is the seam for query results: give it the names a query
returned and it keeps them and the relationships between them.

>>> from policygraph.graph.model import Graph
>>> g = Graph()
>>> _ = g.add_document("d1", title="t")
>>> union = g.add_mention("Organization", "闵行区总工会", "d1", form="区总工会", kind="union")
>>> place = g.add_mention("Place", "闵行区", "d1")
>>> g.add_relation("LOCATED_IN", union, place, doc="d1", sentence="……")
>>> sorted(ego(g, "区总工会", hops=1).nx)  # with the documents that mention them
['Document:d1', 'Organization:闵行区总工会', 'Place:闵行区']
>>> sorted(of_nodes(g, ["闵行区"]).nx)
['Document:d1', 'Place:闵行区']
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from policygraph.errors import PolicyGraphError
from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph
from policygraph.graph.names import graph_index

# Relationships that carry a policy down the levels of government.
CASCADE_TYPES = ("ISSUED", "IMPLEMENTS")


def find_node(graph: Graph, name: str, label: str | None = None) -> str:
    """The id of the node called ``name`` (id, canonical name or alias; see
    :mod:`policygraph.graph.names`): an error lists the closest names, or the several
    nodes an alias fits."""
    return graph_index(graph).resolve(name, [label] if label else None).id


def _induced(graph: Graph, keep: Iterable[str], *, documents: bool = True) -> Graph:
    """The subgraph on ``keep``, with (by default) the documents that mention it, so that
    tooltips can name them; maps hide Document nodes unless asked."""
    keep = set(keep)
    if documents:
        keep |= {
            v
            for nid in list(keep)
            for _, v, k in graph.nx.out_edges(nid, keys=True)
            if k == MENTIONED_IN
        }
    return Graph(graph.nx.subgraph(keep).copy())


def without_documents(graph: Graph) -> Graph:
    """The graph less its Document nodes (and so its MENTIONED_IN relationships)."""
    entities = (nid for nid, data in graph.nodes() if data["labels"][0] != DOCUMENT)
    return _induced(graph, entities, documents=False)


def _actors_view(graph: Graph) -> nx.Graph:
    """Undirected view of the relationships between entities (no documents)."""
    view = nx.Graph()
    view.add_nodes_from(nid for nid, data in graph.nodes() if data["labels"][0] != DOCUMENT)
    view.add_edges_from((u, v) for u, v, k in graph.nx.edges(keys=True) if k != MENTIONED_IN)
    return view


def ego(graph: Graph, name: str, hops: int = 1) -> Graph:
    """The node called ``name`` and everything within ``hops`` relationships of it."""
    centre = find_node(graph, name)
    reach = nx.single_source_shortest_path_length(_actors_view(graph), centre, cutoff=hops)
    return _induced(graph, reach)


def place(graph: Graph, name: str) -> Graph:
    """A place, the places PART_OF it, what is LOCATED_IN any of them, and one step around."""
    root = find_node(graph, name, "Place")
    part_of = nx.DiGraph((u, v) for u, v, k in graph.nx.edges(keys=True) if k == "PART_OF")
    places = {root} | (nx.ancestors(part_of, root) if root in part_of else set())
    located = {u for u, v, k in graph.nx.edges(keys=True) if k == "LOCATED_IN" and v in places}
    keep = places | located
    # One step out from what is located there: its programs, partners, policies.
    for nid in located:
        for u, v, k in [*graph.nx.out_edges(nid, keys=True), *graph.nx.in_edges(nid, keys=True)]:
            if k not in (MENTIONED_IN, "LOCATED_IN"):
                keep |= {u, v}
    return _induced(graph, keep)


def labels(graph: Graph, chosen: Iterable[str]) -> Graph:
    """The nodes whose labels (primary or kind label) include one of ``chosen``; an
    unknown label is an error naming the valid ones."""
    from policygraph.schema import SCHEMA

    wanted = set(chosen)
    SCHEMA.check_labels(sorted(wanted))
    chosen_ids = (nid for nid, data in graph.nodes() if wanted & set(data["labels"]))
    return _induced(graph, chosen_ids, documents=DOCUMENT not in wanted)


def of_nodes(graph: Graph, names: Iterable[str], *, neighbours: bool = False) -> Graph:
    """The named nodes (names, aliases or ids) and the relationships between them.

    This is where a query's result becomes a map; ``neighbours`` adds one step around.
    """
    keep = {find_node(graph, name) for name in names}
    if neighbours:
        view = _actors_view(graph)
        keep |= {n for nid in list(keep) for n in view.neighbors(nid)}
    return _induced(graph, keep)


def names_in_rows(graph: Graph, rows: Iterable[dict]) -> list[str]:
    """The node ids that a query's rows name: every string among their values (in lists
    and nested objects too) that is a node's id, canonical name or alias, in order.

    >>> from policygraph.graph.model import Graph
    >>> g = Graph()
    >>> _ = g.add_document("d1", title="t")
    >>> _ = g.add_mention("Place", "闵行区", "d1")
    >>> names_in_rows(g, [{"place": "闵行区", "n": 3, "other": "不是节点"}])
    ['Place:闵行区']
    """
    index: dict[str, str] = {}
    for nid, data in sorted(graph.nodes(), reverse=True):  # canonical names win over aliases
        if data["labels"][0] == DOCUMENT:
            continue
        for alias in data.get("aliases", []):
            index[alias] = nid
    for nid, data in graph.nodes():
        if data["labels"][0] != DOCUMENT:
            index[data["name"]] = nid
            index[nid] = nid
    found: dict[str, None] = {}

    def walk(value: object) -> None:
        if isinstance(value, str):
            if value in index:
                found.setdefault(index[value], None)
        elif isinstance(value, dict):  # a node as Cypher returns it: {"name": …, …}
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for row in rows:
        walk(row)
    return list(found)


def of_rows(graph: Graph, rows: Iterable[dict], *, neighbours: bool = False) -> Graph:
    """The map of a query's result: the nodes its rows name (see :func:`names_in_rows`)."""
    ids = names_in_rows(graph, rows)
    if not ids:
        raise PolicyGraphError("the query's rows name no node of the graph")
    return of_nodes(graph, ids, neighbours=neighbours)


def cascade(graph: Graph, policy: str) -> Graph:
    """A policy's cascade: the policies that implement it (at any depth), who issued or
    implements each, the documents that mention them and the bodies those documents name.

    The documents' bodies are included because the extractor often finds the local
    bodies that carry a policy out without an explicit IMPLEMENTS sentence.
    """
    root = find_node(graph, policy, "Policy")
    policies = {root}
    frontier = [root]
    while frontier:
        nid = frontier.pop()
        for u, _, k in graph.nx.in_edges(nid, keys=True):
            if k == "IMPLEMENTS" and graph.node(u)["labels"][0] == "Policy" and u not in policies:
                policies.add(u)
                frontier.append(u)
    keep = set(policies)
    for nid in policies:
        keep |= {u for u, _, k in graph.nx.in_edges(nid, keys=True) if k in CASCADE_TYPES}
    documents = {
        v for nid in policies for _, v, k in graph.nx.out_edges(nid, keys=True) if k == MENTIONED_IN
    }
    keep |= documents
    for doc in documents:
        for u, _, k in graph.nx.in_edges(doc, keys=True):
            if k == MENTIONED_IN and graph.node(u)["labels"][0] in ("Organization", "Policy"):
                keep.add(u)
    return _induced(graph, keep, documents=False)
