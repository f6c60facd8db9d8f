"""Candidates: likely duplicates by name, weighed by place; fast enough for thousands of nodes."""

from __future__ import annotations

import time

import yaml

import policygraph
from policygraph.graph.candidates import find_candidates, opening_place
from policygraph.graph.curation import parse_curation
from policygraph.graph.model import Graph
from tests.test_curation import write_corpus


def pairs(found) -> set[frozenset[str]]:
    return {frozenset((c.keep, c.other)) for c in found}


def test_finds_the_planted_duplicate_and_not_two_cities_unions(tmp_path):
    db = tmp_path / "db"
    policygraph.load([write_corpus(tmp_path / "corpus")], db)
    found = policygraph.candidates(db)
    assert frozenset(("闵行区总工会", "闵行区职工总工会")) in pairs(found)
    assert frozenset(("连云港市总工会", "昆明市总工会")) not in pairs(found)
    everything = policygraph.candidates(db, min_score=0)
    cities = next(c for c in everything if {c.keep, c.other} == {"连云港市总工会", "昆明市总工会"})
    assert cities.score < 40 and "different places" in cities.reason


def test_short_forms_same_place_and_located_in():
    g = Graph()
    g.add_document("d1")
    for name in ("闵行区总工会", "闵行区总", "上海市总工会", "市总工会", "闵行区人社局"):
        g.add_mention("Organization", name, "d1")
    found = {frozenset((c.keep, c.other)): c for c in find_candidates(g, min_score=0)}
    assert found[frozenset(("闵行区总工会", "闵行区总"))].score >= 90
    # a form with no place could be any city's union
    assert found[frozenset(("上海市总工会", "市总工会"))].score < 80
    # the same district says nothing about two different bodies in it
    assert found[frozenset(("闵行区总工会", "闵行区人社局"))].score < 50


def test_a_body_and_its_parts_or_subgroups_are_not_pairs():
    g = Graph()
    g.add_document("d1")
    for label, names in {
        "Organization": (
            "连云港市委",
            "连云港市国资委",
            "宁波东海重工集团有限公司",
            "宁波东海重工集团有限公司工会",
        ),
        "Group": ("职工", "困难职工"),
        "Policy": ("意见", "关于深化产业工人队伍建设改革的意见"),
    }.items():
        for name in names:
            g.add_mention(label, name, "d1")
    assert find_candidates(g) == []


def test_located_in_different_places_lowers_the_score():
    g = Graph()
    g.add_document("d1")
    a = g.add_mention("Organization", "职工服务中心", "d1")
    b = g.add_mention("Organization", "职工服务总中心", "d1")
    before = find_candidates(g, min_score=0)[0].score
    for org, place in ((a, "昆明市"), (b, "连云港市")):
        g.add_relation(
            "LOCATED_IN", org, g.add_mention("Place", place, "d1"), doc="d1", sentence="…"
        )
    assert find_candidates(g, min_score=0, label="Organization")[0].score < before - 30


def test_label_filter_and_opening_place():
    g = Graph()
    g.add_document("d1")
    for name in ("闵工学堂", "闵工学堂平台"):
        g.add_mention("Program", name, "d1")
    g.add_mention("Organization", "闵行区总工会", "d1")
    assert [c.label for c in find_candidates(g, label="Program")] == ["Program"]
    assert find_candidates(g, label="Organization") == []
    assert opening_place("上海职工学堂", ["上海"]) == "上海"
    assert opening_place("中华全国总工会") is None


def test_yaml_output_is_a_curation_file(tmp_path, cli):
    db = tmp_path / "db"
    write_corpus(tmp_path / "corpus")
    cli("load", tmp_path / "corpus", "--db", db)
    result = cli("candidates", "--db", db, "--format", "yaml", "--label", "Organization")
    assert result.exit_code == 0
    assert result.output.startswith("# score ")
    corrections = parse_curation(result.output)
    assert corrections and {c.action for c in corrections} == {"merge"}
    assert yaml.safe_load(result.output)[0]["merge"]["label"] == "Organization"
    table = cli("candidates", "--db", db, "--min-score", "80")
    assert "闵行区职工总工会" in table.output and "candidate pair(s)" in table.output


def test_thousands_of_nodes_in_seconds():
    g = Graph()
    g.add_document("d1")
    for i in range(3000):
        g.add_mention("Organization", f"第{i}号机构总工会", "d1")
    start = time.perf_counter()
    find_candidates(g)
    assert time.perf_counter() - start < 10


def test_an_unknown_label_is_an_error(tmp_path, cli):
    result = cli("candidates", "--db", tmp_path / "db", "--label", "Planet")
    assert result.exit_code == 1
    assert "Error: unknown label 'Planet'" in result.output
