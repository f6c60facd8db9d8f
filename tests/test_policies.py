"""Policies as records and the policy cascade, on documents written for these tests."""

from __future__ import annotations

import json

import policygraph
from policygraph.loaders.dates import iso_dates
from policygraph.loaders.extract import extract
from policygraph.loaders.facts import Article
from tests.conftest import write_documents


def facts_of(text: str, date: str | None = None):
    return extract(Article(doc_id="t", text=text, title="", path="/t.txt", date=date))


def test_a_local_plan_citing_the_national_one_implements_it_with_evidence():
    facts = facts_of(
        "为贯彻落实《新时期产业工人队伍建设改革方案》，2019年5月8日，"
        "德阳市总工会印发《德阳市产业工人队伍建设改革实施方案》。"
    )
    implements = [r for r in facts.relations if r.type == "IMPLEMENTS" and r.source[0] == "Policy"]
    assert [(r.source[1], r.target[1]) for r in implements] == [
        ("德阳市产业工人队伍建设改革实施方案", "新时期产业工人队伍建设改革方案")
    ]
    assert "新时期产业工人队伍建设改革方案" in implements[0].sentence
    local = next(m for m in facts.mentions if m.name == "德阳市产业工人队伍建设改革实施方案")
    assert local.properties == {"level": "city", "date": "2019-05-08"}


def test_a_title_that_repeats_the_higher_subject_implements_it():
    facts = facts_of(
        "2017年，中共中央、国务院印发《新时期产业工人队伍建设改革方案》。"
        "次年，徐汇区出台《关于推进新时期徐汇区产业工人队伍建设改革的实施意见》。"
    )
    pairs = {(r.source[1], r.target[1]) for r in facts.relations if r.type == "IMPLEMENTS"}
    assert (
        "关于推进新时期徐汇区产业工人队伍建设改革的实施意见",
        "新时期产业工人队伍建设改革方案",
    ) in pairs
    levels = {
        m.name: (m.properties or {}).get("level") for m in facts.mentions if m.label == "Policy"
    }
    assert levels["新时期产业工人队伍建设改革方案"] == "national"
    assert levels["关于推进新时期徐汇区产业工人队伍建设改革的实施意见"] == "county"
    # a place as subject issues nothing (SCHEMA), joint issuers each issue
    issued = {(r.source[1], r.target[1]) for r in facts.relations if r.type == "ISSUED"}
    assert ("中共中央", "新时期产业工人队伍建设改革方案") in issued
    assert ("国务院", "新时期产业工人队伍建设改革方案") in issued
    assert not any(target.startswith("关于推进") for _, target in issued)


def test_the_same_subject_at_the_same_level_is_no_cascade():
    facts = facts_of(
        "《德阳市产业工人队伍建设改革实施方案》和《绵阳市产业工人队伍建设改革实施方案》相继出台。"
    )
    assert not [r for r in facts.relations if r.type == "IMPLEMENTS"]


def test_document_numbers_and_dates():
    facts = facts_of(
        "2021年3月5日，绍兴市总工会印发《关于加强职工疗休养的实施意见》（绍工〔2021〕8号）。"
    )
    policy = next(m for m in facts.mentions if m.label == "Policy")
    assert policy.properties["doc_number"] == "绍工〔2021〕8号"
    assert policy.properties["date"] == "2021-03-05"
    assert iso_dates("二〇一七年二月六日") == ["2017-02-06"]
    assert iso_dates("十二月三日", year="2024") == ["2024-12-03"]


def test_an_event_takes_the_documents_year():
    facts = facts_of("6月3日，全省产业工人队伍建设改革推进会召开。", date="2024-06-04")
    event = next(m for m in facts.mentions if m.label == "Event")
    assert event.properties == {"date": "2024-06-03"}


def test_policy_properties_do_not_depend_on_load_order(tmp_path):
    folder = write_documents(
        tmp_path / "docs",
        {
            "a.txt": "2019年5月8日，德阳市总工会印发《德阳市产业工人队伍建设改革实施方案》。",
            "b.txt": "2019年6月1日，德阳市总工会再次印发《德阳市产业工人队伍建设改革实施方案》。",
        },
    )
    exports = []
    for order in ([folder / "a.txt", folder / "b.txt"], [folder / "b.txt", folder / "a.txt"]):
        db = tmp_path / f"db{len(exports)}"
        policygraph.load(order, db)
        out = tmp_path / f"g{len(exports)}.json"
        policygraph.export(out, db=db)
        exports.append(out.read_bytes())
    assert exports[0] == exports[1]
    graph = json.loads(exports[0])
    policy = next(n for n in graph["nodes"] if n["labels"][0] == "Policy")
    assert policy["date"] == "2019-05-08"  # the earliest a document gives
    policygraph.unload(str(folder / "a.txt"), db=tmp_path / "db0")
    out = tmp_path / "after.json"
    policygraph.export(out, db=tmp_path / "db0")
    policy = next(n for n in json.loads(out.read_bytes())["nodes"] if n["labels"][0] == "Policy")
    assert policy["date"] == "2019-06-01"  # unloading takes its date away too


def test_a_notice_signed_at_the_foot_issues_what_it_hands_out():
    facts = facts_of(
        "关于印发《湖南省职工书屋建设三年行动计划》的通知\n各市州总工会：\n"
        "现将《湖南省职工书屋建设三年行动计划》印发给你们，请认真贯彻落实。\n湖南省总工会\n2023年4月12日"
    )
    issued = [r for r in facts.relations if r.type == "ISSUED"]
    # the signer issues the notice and the text it hands out (dev/SOURCES.md)
    assert sorted((r.source[1], r.target[1]) for r in issued) == [
        ("湖南省总工会", "关于印发湖南省职工书屋建设三年行动计划的通知"),
        ("湖南省总工会", "湖南省职工书屋建设三年行动计划"),
    ]
    assert all("现将" in r.sentence and r.sentence.endswith("湖南省总工会") for r in issued)
    dates = {(m.properties or {}).get("date") for m in facts.mentions if m.label == "Policy"}
    assert "2023-04-12" in dates


def test_a_forwarding_notice_passes_the_higher_policy_down():
    facts = facts_of(
        "淮安市总工会关于转发《江苏省总工会关于加强职工书屋建设的意见》的通知\n"
        "现将《江苏省总工会关于加强职工书屋建设的意见》转发给你们，请认真贯彻落实。\n淮安市总工会"
    )
    pairs = {(r.type, r.source[1], r.target[1]) for r in facts.relations}
    notice = "淮安市总工会关于转发江苏省总工会关于加强职工书屋建设的意见的通知"
    higher = "江苏省总工会关于加强职工书屋建设的意见"
    assert ("ISSUED", "淮安市总工会", notice) in pairs
    assert ("ISSUED", "江苏省总工会", higher) in pairs
    assert ("IMPLEMENTS", notice, higher) in pairs
    assert not any(r[0] == "PART_OF" and r[1] == r[2] for r in pairs)
