"""The first extractor's rules, on sentences written for these tests (not the seeds)."""

from __future__ import annotations

from policygraph.loaders.extract import extract
from policygraph.loaders.facts import Article


def facts_of(text: str):
    facts = extract(Article(doc_id="t", text=text, title="", path="/t.txt"))
    entities = {(m.label, m.name) for m in facts.mentions}
    relations = {(r.type, r.source[1], r.target[1]) for r in facts.relations}
    return entities, relations, facts


def test_institutions_by_suffix_with_the_articles_place_context():
    entities, relations, _ = facts_of(
        "苏州市吴中区总工会与区人社局联合开展“吴中工匠”评选。区总工会还建立职工服务驿站。"
    )
    # named from its most specific place; the full form is an alias
    assert ("Organization", "吴中区总工会") in entities
    assert ("Organization", "苏州市吴中区总工会") not in entities
    assert ("Organization", "吴中区人社局") in entities  # 区人社局 in an article about 吴中区
    assert ("Program", "吴中工匠") in entities
    assert ("Place", "苏州市") in entities and ("Place", "吴中区") in entities
    assert ("PARTNERS_WITH", "吴中区总工会", "吴中区人社局") in relations
    assert ("ORGANIZES", "吴中区人社局", "吴中工匠") in relations
    assert ("LOCATED_IN", "吴中区总工会", "吴中区") in relations


def test_short_forms_become_aliases_of_the_full_name():
    _, _, facts = facts_of("吴中区总工会召开会议。区总工会表示将继续推进。")
    forms = {m.form for m in facts.mentions if m.name == "吴中区总工会"}
    assert forms == {"吴中区总工会", "区总工会"}


def test_people_after_titles_with_their_positions():
    entities, relations, _ = facts_of("会上，宁波市总工会主席周建平作报告，记者 孙丽 报道。")
    assert ("Person", "周建平") in entities
    assert ("Person", "孙丽") in entities
    assert ("HOLDS_POSITION", "周建平", "宁波市总工会") in relations


def test_policies_in_guillemets_and_policy_headlines_and_their_issuers():
    entities, relations, _ = facts_of(
        "中华全国总工会 人力资源和社会保障部关于加强新就业形态劳动者权益保障的意见\n"
        "为贯彻《浙江省职业技能提升行动方案》，杭州市人社局印发《杭州市技能人才评价办法》。"
    )
    assert ("Policy", "浙江省职业技能提升行动方案") in entities
    assert ("Policy", "杭州市技能人才评价办法") in entities
    assert (
        "Policy",
        "中华全国总工会人力资源和社会保障部关于加强新就业形态劳动者权益保障的意见",
    ) in entities
    assert ("ISSUED", "杭州市人社局", "杭州市技能人才评价办法") in relations
    assert (
        "ISSUED",
        "人力资源和社会保障部",
        "中华全国总工会人力资源和社会保障部关于加强新就业形态劳动者权益保障的意见",
    ) in relations


def test_generic_mentions_are_no_nodes():
    entities, _, _ = facts_of(
        "各级工会要加强指导，基层工会和成员单位要抓好落实，全部企业工会参与。"
    )
    assert not [e for e in entities if e[0] == "Organization"]


def test_places_by_short_form_and_named_regions():
    entities, _, _ = facts_of("连云港深度融入长三角地区一体化发展。")
    assert ("Place", "连云港市") in entities
    assert ("Place", "长三角") in entities


def test_every_mention_keeps_its_sentence():
    _, _, facts = facts_of("第一句没有名字。宁波市总工会开展培训。")
    [mention] = [m for m in facts.mentions if m.label == "Organization"]
    assert mention.sentence == "宁波市总工会开展培训。"


def test_company_unions_dates_and_titles_do_not_bend_names():
    entities, relations, _ = facts_of(
        "2024年6月3日市总工会召开会议，市委常委、市总工会主席邓志强出席。"
        "温州东海阀门集团有限公司工会开展“金牌师傅”评选，公司工会负责同志参加。"
    )
    orgs = {name for label, name in entities if label == "Organization"}
    assert "温州东海阀门集团有限公司工会" in orgs
    assert "温州东海阀门集团有限公司" in orgs
    assert "温州东海阀门集团" not in orgs  # the same body, named longer right after
    assert not [o for o in orgs if o.startswith(("2024", "日", "公司")) or o.endswith("常委")]
    people = {name for label, name in entities if label == "Person"}
    assert people == {"邓志强"}  # not 邓志 (强 opens no following word here), not 负责


def test_a_year_is_no_program_but_a_quoted_name_with_an_ending_is():
    entities, _, facts = facts_of("市总工会召开2023年工作会议，92对师徒获得“高师带徒”奖励。")
    programs = {name for label, name in entities if label == "Program"}
    assert programs == {"高师带徒"}
    assert {m.form for m in facts.mentions if m.name == "高师带徒"} == {"高师带徒奖励"}
