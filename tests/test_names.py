"""Names resolve the same way in queries and maps, and no read answers with a silent empty.

The demo corpus writes 区总工会 in its 江汉区 feature (an alias of 江汉区总工会) and
市总工会 in both the 成都 briefing and the 宁波 enterprise news (an alias of two bodies);
it never names 闵行区.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

import policygraph
from policygraph.errors import NodeNameError, PolicyGraphError, StoreError
from policygraph.graph.names import Entry, NameIndex
from tests.conftest import EXAMPLES, table_scans


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


# -- names on the store: looked up in its indexes ----------------------------------


def resolutions(db) -> list:
    """What the store answers for ids, names, aliases, an ambiguous alias and typos, each
    beside what the same graph read whole into memory (and curated) answers."""
    from policygraph.queries import run_query

    def answer(**where):
        try:
            return run_query("actor_profile", {"name": value}, **where)
        except PolicyGraphError as exc:
            return str(exc)

    whole = policygraph.read_graph(db)
    pairs = []
    for value in (
        "Organization:江汉区总工会",
        "江汉区总工会",
        "区总工会",
        "市总工会",
        "江汉区总公会",
        "Document:x",
        "新名称",
        "合并名称总工会",
    ):
        pairs.append((value, answer(db=db), answer(graph=whole)))
    return pairs


def test_ids_aliases_and_typos_resolve_on_the_store_as_on_the_whole_graph(demo_db, tmp_path):
    """Aliases are found in the store's alias index, curated nodes through the curation."""
    for value, stored, whole in resolutions(demo_db):
        assert stored == whole, value
    curated = tmp_path / "curated"
    shutil.copytree(demo_db, curated)
    (curated / "curation.yaml").write_text(
        "- merge: {label: Organization, into: 江汉区总工会, names: [宁波市总工会, 成都市总工会]}\n"
        "- rename: {label: Organization, from: 江汉区总工会, to: 合并名称总工会}\n",
        encoding="utf-8",
    )
    pairs = resolutions(curated)
    for value, stored, whole in pairs:
        assert stored == whole, value
    by_alias = dict((value, stored) for value, stored, _ in pairs)
    assert by_alias["市总工会"][0]["name"] == "合并名称总工会"  # one body now: both merged in
    assert by_alias["区总工会"] == by_alias["合并名称总工会"]


def test_a_name_on_the_store_is_looked_up_through_an_index(demo_db, sql_trace):
    """No statement of resolving an alias (or an id) and answering scans a table."""
    for value in ("区总工会", "Organization:江汉区总工会"):
        assert policygraph.query("actor_profile", name=value, db=demo_db)
    assert not table_scans(policygraph.open_store(demo_db).path, sql_trace)


def test_a_store_of_version_1_gets_its_alias_index_at_its_next_write(demo_db, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(demo_db, old)
    with sqlite3.connect(old / "graph.sqlite") as db:  # as the first SQLite store wrote it
        db.execute("DROP TABLE aliases")
        db.execute("UPDATE meta SET value='1' WHERE key='version'")
    for value, stored, whole in resolutions(old):  # read by a scan until then
        assert stored == whole, value
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("江汉区总工会开展劳动竞赛。", encoding="utf-8")
    policygraph.load([docs], db=old)
    assert aliases_of(old) == aliases_counted_afresh(old) and aliases_of(old)
    for value, stored, whole in resolutions(old):
        assert stored == whole, value


def test_the_alias_index_kept_through_loads_and_unloads_equals_one_built_afresh(
    small_corpus, tmp_path
):
    db = tmp_path / "db"
    policygraph.load([EXAMPLES, small_corpus], db, jobs=1)
    policygraph.unload(str(small_corpus / "jiangbei_union.txt"), db)
    policygraph.unload(str(sorted(EXAMPLES.glob("*.txt"))[0]), db)
    policygraph.load([small_corpus / "jiangbei_union.txt"], db, jobs=1)
    assert aliases_of(db) == aliases_counted_afresh(db) and aliases_of(db)


def aliases_of(db) -> list[tuple]:
    with sqlite3.connect(policygraph.open_store(db).path) as conn:
        return sorted(conn.execute("SELECT alias, id, position FROM aliases"))


def aliases_counted_afresh(db) -> list[tuple]:
    graph = policygraph.open_store(db).read_raw()
    return sorted(
        (alias, nid, i)
        for nid, data in graph.nodes()
        for i, alias in enumerate(data.get("aliases", ()))
    )
