"""One actor, one node across documents; two places' bodies stay two."""

from __future__ import annotations

from tests.conftest import load_and_export, write_documents


def test_one_union_under_four_spellings_across_three_documents_is_one_node(tmp_path):
    docs = write_documents(
        tmp_path / "docs",
        {
            "a.txt": "鼓楼区总工会（区总工会）召开全委会议，部署年度工作。",
            "b.txt": "鼓楼区总工会开展送清凉活动。区总工会负责人介绍了活动安排。",
            "c.txt": "近日，福建省福州市鼓楼区总开展劳动竞赛。",
        },
    )
    graph = load_and_export([docs], tmp_path)
    unions = [n for n in graph["nodes"] if n["labels"][0] == "Organization"]
    assert [n["name"] for n in unions] == ["鼓楼区总工会"]
    assert set(unions[0]["aliases"]) == {"区总工会", "福建省福州市鼓楼区总"}
    mentioned_in = {
        e["target"]
        for e in graph["edges"]
        if e["source"] == unions[0]["id"] and e["type"] == "MENTIONED_IN"
    }
    assert len(mentioned_in) == 3  # each document it came from


def test_two_cities_municipal_unions_and_bureaus_stay_two(tmp_path):
    docs = write_documents(
        tmp_path / "docs",
        {
            "a.txt": "连云港市总工会召开会议。市总工会与市人社局联合发文。",
            "b.txt": "昆明市总工会召开会议。市总工会与市人社局联合发文。",
        },
    )
    graph = load_and_export([docs], tmp_path)
    orgs = sorted(n["name"] for n in graph["nodes"] if n["labels"][0] == "Organization")
    assert orgs == ["昆明市人社局", "昆明市总工会", "连云港市人社局", "连云港市总工会"]


def test_the_seeds_together_share_only_what_is_truly_the_same(seeds, tmp_path):
    per_seed = []
    for seed in sorted(seeds.glob("*.txt")):
        graph = load_and_export([seed], tmp_path, seed.stem)
        per_seed.append({n["id"] for n in graph["nodes"] if n["labels"][0] != "Document"})
    together = load_and_export([seeds], tmp_path, "all")
    ids = {n["id"] for n in together["nodes"] if n["labels"][0] != "Document"}
    assert ids == set().union(*per_seed)
    shared = {i for i in ids if sum(i in s for s in per_seed) > 1}
    # checked by reading the seeds: the same party centre, leader, province and reform
    actors = {i for i in shared if i.split(":")[0] in ("Organization", "Person", "Place", "Policy")}
    assert actors == {"Organization:中共中央", "Person:习近平", "Place:浙江省"}
    assert "Program:产业工人队伍建设改革" in shared
    assert len(ids) == sum(len(s) for s in per_seed) - sum(
        sum(i in s for s in per_seed) - 1 for i in shared
    )


def test_a_bare_level_name_with_no_place_in_its_article_is_left_out(tmp_path):
    docs = write_documents(
        tmp_path / "docs",
        {"a.txt": "市总工会开展送温暖活动。", "b.txt": "市总工会举办职工运动会。"},
    )
    graph = load_and_export([docs], tmp_path)
    assert not [n for n in graph["nodes"] if n["labels"][0] == "Organization"]
