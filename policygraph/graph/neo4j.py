"""The Neo4j store: the same graph as the embedded store, in Neo4j 5.

Writing is a sync: every node and relationship of the model is MERGEd in
batches (UNWIND, managed transactions that the driver may retry, so each is
idempotent), then whatever Neo4j holds that the model no longer has is
deleted. Pushing twice changes nothing; pushing after an unload removes exactly
that document's contribution.

Labels and relationship types come only from the schema, never from user
input; every value travels as a parameter. The organization kind is a second
label (``:Organization:Union``). Evidence, a list of ``{doc, sentence}`` in the
model, is stored as parallel list properties (``evidence_doc``,
``evidence_sentence``) because Neo4j properties cannot hold maps.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from policygraph.config import Neo4jSettings, neo4j_settings
from policygraph.errors import StoreError
from policygraph.graph.model import Graph, kind_label
from policygraph.schema import SCHEMA

BATCH_SIZE = 1000
KIND_LABELS = tuple(kind_label(kind) for kind in SCHEMA.kinds)
EVIDENCE_PREFIX = "evidence_"
ENTITY_LABELS = tuple(label for label in SCHEMA.labels if label != "Document")
FULLTEXT_INDEX = "entity_names"


def _batches(rows: list[Any], size: int = BATCH_SIZE) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _checked_label(label: str) -> str:
    """A label that may be written into Cypher text: one the schema declares."""
    if label not in SCHEMA.labels and label not in KIND_LABELS:
        raise StoreError(f"refusing label {label!r}: not in the schema")
    return label


def _checked_type(rel_type: str) -> str:
    if rel_type not in SCHEMA.relationships:
        raise StoreError(f"refusing relationship type {rel_type!r}: not in the schema")
    return rel_type


def node_properties(nid: str, data: dict[str, Any]) -> dict[str, Any]:
    """Neo4j properties of a model node: everything but its labels, no nulls."""
    props = {k: v for k, v in data.items() if k != "labels" and v is not None}
    return {**props, "id": nid}


def relationship_properties(data: dict[str, Any]) -> dict[str, Any]:
    """Neo4j properties of a model relationship: evidence as parallel lists.

    >>> relationship_properties({"type": "HOLDS_POSITION", "title": "主席",
    ...     "evidence": [{"doc": "d1", "sentence": "主席陈某", "title": "主席"}]})
    {'title': '主席', 'evidence_doc': ['d1'], 'evidence_sentence': ['主席陈某'], 'evidence_title': ['主席']}
    """
    props = {k: v for k, v in data.items() if k not in ("type", "evidence") and v is not None}
    evidence = data.get("evidence")
    if evidence is not None:
        keys = ["doc", "sentence", *sorted({k for e in evidence for k in e} - {"doc", "sentence"})]
        for key in keys:
            # Neo4j lists hold one type and no nulls: a missing number is -1, a missing text "".
            numeric = any(isinstance(e.get(key), int) for e in evidence)
            missing = -1 if numeric else ""
            props[EVIDENCE_PREFIX + key] = [e.get(key, missing) for e in evidence]
    return props


def relationship_data(rel_type: str, props: dict[str, Any]) -> dict[str, Any]:
    """The model's attributes of a relationship read back from Neo4j properties."""
    data = {"type": rel_type}
    lists = {
        k[len(EVIDENCE_PREFIX) :]: v for k, v in props.items() if k.startswith(EVIDENCE_PREFIX)
    }
    data.update({k: v for k, v in props.items() if not k.startswith(EVIDENCE_PREFIX)})
    if lists:
        data["evidence"] = [
            {key: values[i] for key, values in lists.items() if values[i] not in ("", -1)}
            for i in range(len(lists["doc"]))
        ]
    return data


class Neo4jStore:
    """A Neo4j database holding one policygraph graph."""

    def __init__(self, settings: Neo4jSettings | None = None, batch_size: int = BATCH_SIZE) -> None:
        self.settings = settings or neo4j_settings()
        self.batch_size = batch_size
        self.driver: Driver = GraphDatabase.driver(
            self.settings.uri, auth=(self.settings.username, self.settings.password)
        )

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.driver.close()

    # -- connection ----------------------------------------------------------

    def server_info(self) -> dict[str, str]:
        """Server version and edition; a clear StoreError when Neo4j is down or refuses us."""
        uri = self.settings.uri
        try:
            # One attempt, not the retry loop of a transaction: fail fast when down.
            self.driver.verify_connectivity()
            records = self._run("CALL dbms.components() YIELD name, versions, edition RETURN *")
        except ServiceUnavailable as exc:
            raise StoreError(
                f"cannot reach Neo4j at {uri}: is it running? Start one with "
                "`docker compose up -d` (or scripts/neo4j-start)"
            ) from exc
        except AuthError as exc:
            raise StoreError(
                f"Neo4j at {uri} refused user {self.settings.username!r}: "
                "check NEO4J_USERNAME and NEO4J_PASSWORD"
            ) from exc
        record = records[0]
        return {"version": record["versions"][0], "edition": record["edition"], "uri": uri}

    def _run(self, query: str, **params: Any) -> list[Any]:
        records, _, _ = self.driver.execute_query(query, params, database_=self.settings.database)
        return records

    def ensure_constraints(self) -> None:
        """A uniqueness constraint on ``id`` for every schema label (backs every MERGE), an
        index on ``name`` for every entity label, text indexes on policy and event names and
        the CJK full-text index on names and aliases (they back the query templates)."""
        for label in SCHEMA.labels:
            label = _checked_label(label)
            self._run(
                f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
            )
        for label in ENTITY_LABELS:
            self._run(
                f"CREATE INDEX {label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)"
            )
        for label in ("Policy", "Event"):  # place_timeline looks for titles naming a place
            self._run(
                f"CREATE TEXT INDEX {label.lower()}_name_text IF NOT EXISTS "
                f"FOR (n:{label}) ON (n.name)"
            )
        self._run(
            f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
            f"FOR (n:{'|'.join(ENTITY_LABELS)}) ON EACH [n.name, n.aliases] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
        )
        # New indexes fill in the background; queries must not see them half-built.
        self._run("CALL db.awaitIndexes(300)")

    # -- writing -------------------------------------------------------------

    def write(self, graph: Graph) -> None:
        """Make the database hold exactly ``graph``."""
        self.ensure_constraints()
        existing_nodes, existing_rels = self._existing()
        self._merge_nodes(graph)
        self._merge_relationships(graph)
        wanted_rels = {(u, k, v) for u, v, k, _ in graph.relationships()}
        stale_rels = [r for r in existing_rels if r[:3] not in wanted_rels]
        self._delete_relationships(stale_rels)
        stale_nodes = [(nid, label) for nid, label in existing_nodes.items() if nid not in graph.nx]
        self._delete_nodes(stale_nodes)

    def _write(self, query: str, rows: list[dict[str, Any]]) -> None:
        def work(tx, batch):
            tx.run(query, rows=batch).consume()

        with self.driver.session(database=self.settings.database) as session:
            for batch in _batches(rows, self.batch_size):
                session.execute_write(work, batch)

    def _merge_nodes(self, graph: Graph) -> None:
        groups: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
        for nid, data in graph.nodes():
            labels = data["labels"]
            groups[(labels[0], labels[1] if len(labels) > 1 else None)].append(
                {"id": nid, "props": node_properties(nid, data)}
            )
        for (label, second), rows in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] or "")):
            query = f"UNWIND $rows AS row MERGE (n:{_checked_label(label)} {{id: row.id}}) SET n = row.props"
            if label == "Organization":
                query += " REMOVE n:" + ":".join(KIND_LABELS)
            if second:
                query += f" SET n:{_checked_label(second)}"
            self._write(query, rows)

    def _merge_relationships(self, graph: Graph) -> None:
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for source, target, rel_type, data in graph.relationships():
            key = (rel_type, graph.node(source)["labels"][0], graph.node(target)["labels"][0])
            groups[key].append(
                {"source": source, "target": target, "props": relationship_properties(data)}
            )
        for (rel_type, source_label, target_label), rows in sorted(groups.items()):
            self._write(
                f"UNWIND $rows AS row "
                f"MATCH (a:{_checked_label(source_label)} {{id: row.source}}) "
                f"MATCH (b:{_checked_label(target_label)} {{id: row.target}}) "
                f"MERGE (a)-[r:{_checked_type(rel_type)}]->(b) SET r = row.props",
                rows,
            )

    def _existing(self) -> tuple[dict[str, str], list[tuple[str, str, str, str, str]]]:
        """Ids and primary labels of the nodes, and the relationships, Neo4j holds now."""
        nodes = {
            r["id"]: next(label for label in r["labels"] if label in SCHEMA.labels)
            for r in self._run(
                "MATCH (n) WHERE n.id IS NOT NULL RETURN n.id AS id, labels(n) AS labels"
            )
        }
        rels = [
            (r["s"], r["t"], r["o"], nodes[r["s"]], nodes[r["o"]])
            for r in self._run(
                "MATCH (a)-[r]->(b) WHERE a.id IS NOT NULL AND b.id IS NOT NULL "
                "RETURN a.id AS s, type(r) AS t, b.id AS o"
            )
        ]
        return nodes, rels

    def _delete_relationships(self, rels: list[tuple[str, str, str, str, str]]) -> None:
        groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
        for source, rel_type, target, source_label, target_label in rels:
            groups[(rel_type, source_label, target_label)].append(
                {"source": source, "target": target}
            )
        for (rel_type, source_label, target_label), rows in sorted(groups.items()):
            self._write(
                f"UNWIND $rows AS row "
                f"MATCH (a:{_checked_label(source_label)} {{id: row.source}})"
                f"-[r:{_checked_type(rel_type)}]->"
                f"(b:{_checked_label(target_label)} {{id: row.target}}) DELETE r",
                rows,
            )

    def _delete_nodes(self, nodes: list[tuple[str, str]]) -> None:
        groups: dict[str, list[dict[str, str]]] = defaultdict(list)
        for nid, label in nodes:
            groups[label].append({"id": nid})
        for label, rows in sorted(groups.items()):
            self._write(
                f"UNWIND $rows AS row MATCH (n:{_checked_label(label)} {{id: row.id}}) DETACH DELETE n",
                rows,
            )

    # -- reading -------------------------------------------------------------

    def read(self) -> Graph:
        """The graph Neo4j holds, as the model (what ``policygraph pull`` stores)."""
        graph = Graph()
        for r in self._run(
            "MATCH (n) WHERE n.id IS NOT NULL RETURN n.id AS id, labels(n) AS labels, "
            "properties(n) AS props ORDER BY n.id"
        ):
            primary = next(label for label in r["labels"] if label in SCHEMA.labels)
            kinds = [label for label in r["labels"] if label in KIND_LABELS]
            props = {k: v for k, v in r["props"].items() if k != "id"}
            graph.nx.add_node(r["id"], labels=[primary, *kinds], **props)
        for r in self._run(
            "MATCH (a)-[r]->(b) WHERE a.id IS NOT NULL AND b.id IS NOT NULL "
            "RETURN a.id AS s, type(r) AS t, b.id AS o, properties(r) AS props ORDER BY s, t, o"
        ):
            graph.nx.add_edge(r["s"], r["o"], key=r["t"], **relationship_data(r["t"], r["props"]))
        return graph

    def constraints(self) -> list[str]:
        """Names of the uniqueness constraints the database has."""
        return sorted(r["name"] for r in self._run("SHOW CONSTRAINTS YIELD name RETURN name"))

    def counts(self) -> dict[str, dict[str, int]]:
        """Nodes by primary label and relationships by type, as Neo4j counts them."""
        labels = Counter()
        for r in self._run("MATCH (n) WHERE n.id IS NOT NULL RETURN labels(n) AS labels"):
            labels[next(label for label in r["labels"] if label in SCHEMA.labels)] += 1
        types = {
            r["t"]: r["n"] for r in self._run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n")
        }
        return {"nodes": dict(sorted(labels.items())), "relationships": dict(sorted(types.items()))}

    def clear(self) -> None:
        """Delete every node and relationship (tests start from an empty database)."""
        # CALL … IN TRANSACTIONS needs an auto-commit transaction: session.run.
        with self.driver.session(database=self.settings.database) as session:
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS"
            ).consume()
