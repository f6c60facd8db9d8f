"""Names resolve the same way in queries and maps, and no read answers with a silent empty.

The demo corpus writes 区总工会 in its 江汉区 feature (an alias of 江汉区总工会) and
市总工会 in both the 成都 briefing and the 宁波 enterprise news (an alias of two bodies);
it never names 闵行区.
"""

from __future__ import annotations

import json

import pytest

import policygraph
from policygraph.errors import NodeNameError, StoreError
from policygraph.graph.names import Entry, NameIndex


def test_an_alias_answers_a_query_as_the_canonical_name_does(demo_db, cli):
    by_alias = policygraph.query("actor_profile", name="区总工会", db=demo_db)
    assert [row["name"] for row in by_alias] == ["江汉区总工会"]
    assert by_alias == policygraph.query("actor_profile", name="江汉区总工会", db=demo_db)
    result = cli(
        "query", "actor_profile", "--param", "name=区总工会", "--format", "json", "--db", demo_db
    )
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["name"] == "江汉区总工会"


def test_an_unknown_name_lists_the_closest_names_in_queries_and_maps(demo_db, cli, tmp_path):
    result = cli("query", "programs_in_place", "--param", "place=闵行区", "--db", demo_db)
    assert result.exit_code == 1
    assert "Error: no Place called '闵行区'" in result.output
    assert "closest: " in result.output and "江汉区 (Place)" in result.output
    result = cli("viz", "--ego", "江汉区总公会", "-o", tmp_path / "m.html", "--db", demo_db)
    assert result.exit_code == 1 and "closest: 江汉区总工会 (Organization)" in result.output
    assert not (tmp_path / "m.html").exists()


def test_an_alias_of_several_bodies_is_an_error_that_lists_them(demo_db, cli, tmp_path):
    for args in (
        ("viz", "--ego", "市总工会", "-o", tmp_path / "m.html"),
        ("query", "actor_profile", "--param", "name=市总工会"),
    ):
        result = cli(*args, "--db", demo_db)
        assert result.exit_code == 1, result.output
        assert "'市总工会' fits 2 nodes" in result.output
        assert "宁波市总工会 (Organization)" in result.output
        assert "成都市总工会 (Organization)" in result.output


def test_a_query_whose_names_resolved_but_found_nothing_says_so(demo_db, cli):
    # 宁波市总工会 runs its programs alone: it has no partners in the corpus
    assert policygraph.query("partners", name="宁波市总工会", db=demo_db) == []
    result = cli("query", "partners", "--param", "name=宁波市总工会", "--db", demo_db)
    assert result.exit_code == 0
    assert "No rows: partners found nothing for name=宁波市总工会" in result.stdout
    result = cli(
        "query", "partners", "--param", "name=宁波市总工会", "--format", "json", "--db", demo_db
    )
    assert json.loads(result.stdout) == [] and "No rows" in result.stderr


def test_a_name_index_resolves_ids_names_and_aliases_in_that_order():
    index = NameIndex(
        [
            Entry("Place:上海市", "Place", "上海市", ("上海",)),
            Entry("Organization:上海", "Organization", "上海", ()),
        ]
    )
    assert index.resolve("上海").id == "Organization:上海"  # a canonical name beats an alias
    assert index.resolve("上海", ["Place"]).id == "Place:上海市"
    assert index.resolve("Place:上海市").name == "上海市"
    with pytest.raises(NodeNameError, match="no Policy called '上海'"):
        index.resolve("上海", ["Policy"])


def test_read_commands_on_a_folder_without_a_store_are_errors(cli, tmp_path):
    missing = tmp_path / "typo"
    for args in (
        ("stats",),
        ("viz", "-o", tmp_path / "m.html"),
        ("export", "-o", tmp_path / "g.json"),
        ("report", "-o", tmp_path / "r.html"),
        ("query", "most_connected"),
    ):
        result = cli(*args, "--db", missing)
        assert result.exit_code == 1, (args, result.output)
        assert f"Error: {missing}: no policygraph store here" in result.output
    assert not missing.exists() and not (tmp_path / "m.html").exists()
    with pytest.raises(StoreError):
        policygraph.stats(db=missing)


def test_unknown_labels_and_relationship_types_name_the_valid_ones(demo_db, cli, tmp_path):
    result = cli("viz", "--labels", "Polcy", "-o", tmp_path / "m.html", "--db", demo_db)
    assert result.exit_code == 1
    assert "unknown label 'Polcy'" in result.output and "Policy" in result.output
    result = cli("viz", "--labels", "Union", "-o", tmp_path / "m.html", "--db", demo_db)
    assert result.exit_code == 0  # a kind label is a label too
    result = cli(
        "query", "relationship_evidence", "--param", "source=江汉区总工会",
        "--param", "target=江汉区", "--param", "type=LOCATD_IN", "--db", demo_db,
    )  # fmt: skip
    assert result.exit_code == 1
    assert (
        "unknown relationship type 'LOCATD_IN'" in result.output and "LOCATED_IN" in result.output
    )
