"""The graph model: stable ids, evidence, exact unloading, the schema as a guard."""

from __future__ import annotations

import pytest

from policygraph.errors import SchemaError
from policygraph.graph.export import to_node_link_json
from policygraph.graph.model import Graph


def two_documents() -> Graph:
    g = Graph()
    for doc in ("d1", "d2"):
        g.add_document(doc, title=doc)
    union = g.add_mention("Organization", "江北区总工会", "d1", form="区总工会", kind="union")
    bureau = g.add_mention("Organization", "江北区人社局", "d1", kind="government")
    g.add_relation("PARTNERS_WITH", bureau, union, doc="d1", sentence="区总工会与区人社局联合…")
    g.add_mention("Organization", "江北区总工会", "d2", form="江北工会", kind="union")
    bureau2 = g.add_mention("Organization", "江北区人社局", "d2", kind="government")
    g.add_relation("PARTNERS_WITH", union, bureau2, doc="d2", sentence="江北工会会同江北区人社局…")
    return g


def test_ids_come_from_label_and_name_and_kind_is_a_second_label():
    g = two_documents()
    assert g.node("Organization:江北区总工会")["labels"] == ["Organization", "Union"]
    assert g.node("Organization:江北区总工会")["aliases"] == ["区总工会", "江北工会"]


def test_a_symmetric_relationship_is_one_edge_with_evidence_from_both_documents():
    g = two_documents()
    [(source, target, _, data)] = list(g.relationships("PARTNERS_WITH"))
    assert (source, target) == ("Organization:江北区人社局", "Organization:江北区总工会")
    assert [e["doc"] for e in data["evidence"]] == ["d1", "d2"]


def test_unloading_one_document_keeps_what_the_other_says():
    g = two_documents()
    g.remove_document("d1")
    assert g.node("Organization:江北区总工会")["aliases"] == ["江北工会"]
    [(_, _, _, data)] = list(g.relationships("PARTNERS_WITH"))
    assert [e["doc"] for e in data["evidence"]] == ["d2"]
    g.remove_document("d2")
    assert len(g) == 0
    assert g.remove_document("d2") is False


def test_unload_equals_never_loaded():
    g = two_documents()
    g.remove_document("d2")
    only_d1 = Graph()
    only_d1.add_document("d1", title="d1")
    union = only_d1.add_mention("Organization", "江北区总工会", "d1", form="区总工会", kind="union")
    bureau = only_d1.add_mention("Organization", "江北区人社局", "d1", kind="government")
    only_d1.add_relation(
        "PARTNERS_WITH", bureau, union, doc="d1", sentence="区总工会与区人社局联合…"
    )
    assert to_node_link_json(g) == to_node_link_json(only_d1)


def test_the_schema_refuses_unknown_labels_types_and_pairs():
    g = Graph()
    g.add_document("d1", title="t")
    place = g.add_mention("Place", "江北区", "d1")
    policy = g.add_mention("Policy", "实施意见", "d1")
    with pytest.raises(SchemaError, match="unknown node label"):
        g.add_mention("Ministry", "x", "d1")
    with pytest.raises(SchemaError, match="unknown organization kind"):
        g.add_mention("Organization", "x", "d1", kind="club")
    with pytest.raises(SchemaError, match="ISSUED cannot join Place to Policy"):
        g.add_relation("ISSUED", place, policy, doc="d1", sentence="江北区制定《实施意见》")
    with pytest.raises(SchemaError, match="unknown relationship type"):
        g.add_relation("LIKES", place, policy, doc="d1", sentence="…")


def test_holds_position_keeps_its_title():
    g = Graph()
    g.add_document("d1", title="t")
    person = g.add_mention("Person", "陈志明", "d1")
    org = g.add_mention("Organization", "顺德区总工会", "d1", kind="union")
    g.add_relation(
        "HOLDS_POSITION", person, org, doc="d1", sentence="区总工会主席陈志明", title="主席"
    )
    [(_, _, _, data)] = list(g.relationships("HOLDS_POSITION"))
    assert data["title"] == "主席"
