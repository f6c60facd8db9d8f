"""One test per rule family, on sentences written for these tests (not the seeds).

Each sentence is built the way Chinese reports name things, with places,
bodies and people that the seeds do not hold, so a rule that only knew the
seeds' strings would fail here.
"""

from __future__ import annotations

import pytest

from policygraph.loaders.extract import extract
from policygraph.loaders.facts import Article
from policygraph.loaders.figures import chinese_number, find_figures
from policygraph.loaders.text import clean_name
from tests.conftest import load_and_export, write_documents


def facts_of(text: str, title: str = ""):
    facts = extract(Article(doc_id="t", text=text, title=title, path="/t.txt"))
    entities = {(m.label, m.name) for m in facts.mentions}
    relations = {(r.type, r.source[1], r.target[1]) for r in facts.relations}
    return entities, relations, facts


def names(entities, label):
    return {name for lab, name in entities if lab == label}


# -- institutions --------------------------------------------------------------


def test_level_names_take_the_articles_place():
    entities, relations, facts = facts_of(
        "今年，余杭区总工会召开全体委员会议。会上，区总工会与区人社局签订合作协议。"
    )
    assert {"余杭区总工会", "余杭区人社局"} <= names(entities, "Organization")
    assert "区总工会" not in names(entities, "Organization")
    forms = {m.form for m in facts.mentions if m.name == "余杭区总工会"}
    assert forms == {"余杭区总工会", "区总工会"}  # the short form is an alias
    assert ("PARTNERS_WITH", "余杭区总工会", "余杭区人社局") in relations


def test_a_chain_of_places_names_the_body_from_the_innermost():
    entities, relations, facts = facts_of("近日，河南省洛阳市西工区总工会为环卫工人送清凉。")
    assert "西工区总工会" in names(entities, "Organization")
    form = {m.form for m in facts.mentions if m.name == "西工区总工会"}
    assert form == {"河南省洛阳市西工区总工会"}
    assert ("LOCATED_IN", "西工区总工会", "西工区") in relations
    # the places chain upward, checked against the division data
    assert ("PART_OF", "西工区", "洛阳市") in relations
    assert ("PART_OF", "洛阳市", "河南省") in relations


def test_short_forms_of_a_union_resolve_to_the_place():
    entities, _, facts = facts_of(
        "会上，贵州省总工会作了发言。据了解，贵州省总今年已建成服务站点200个。"
    )
    forms = {m.form for m in facts.mentions if m.name == "贵州省总工会"}
    assert forms == {"贵州省总工会", "贵州省总"}


def test_generic_mentions_and_classes_of_bodies_are_no_nodes():
    entities, _, _ = facts_of(
        "各级工会要加强指导，县级工会、基层工会和小微企业工会要发挥作用，成员单位要配合。"
        "全省已建立乡镇工会1200个。"
    )
    assert names(entities, "Organization") == set()


def test_a_bare_ending_names_a_body_only_where_the_article_resolves_it():
    entities, _, facts = facts_of("绍兴市产改办牵头制定方案。产改办要对改革任务建立台账。")
    assert names(entities, "Organization") == {"绍兴市产改办"}
    assert {m.form for m in facts.mentions if m.name == "绍兴市产改办"} == {
        "绍兴市产改办",
        "产改办",
    }
    entities, _, _ = facts_of("台州工会开展送温暖活动。")  # the unions of Taizhou, no one body
    assert names(entities, "Organization") == set()


def test_national_bodies_by_short_form_but_not_inside_common_nouns():
    entities, _, _ = facts_of("全总和人社部联合印发通知，要求县人社部门落实中央八项规定。")
    orgs = names(entities, "Organization")
    assert {"中华全国总工会", "人力资源和社会保障部"} <= orgs
    assert not any("人社部" in o and o != "人力资源和社会保障部" for o in orgs)
    assert "中共中央" not in orgs  # 中央八项规定 is a policy, not the Central Committee


def test_departments_listed_after_a_national_bodys_share_its_name():
    entities, _, _ = facts_of("全总办公厅、组织部、法律工作部等有关部门负责人参加会议。")
    assert {"全总办公厅", "全总组织部", "全总法律工作部"} <= names(entities, "Organization")


def test_a_name_broken_by_a_scan_line_break_is_one_name(tmp_path):
    doc = tmp_path / "scan.txt"
    text = (
        "南京市建邺区总工会近日召开会议，研究部署今年职工服务工作，区总工会主席在会上作了讲话，"
        "会议要求各基层工会结合实际抓好落实，进一步擦亮“建邺职工\n\n之家”服务品牌。"
    )
    doc.write_text(text, encoding="utf-8")
    graph = load_and_export([doc], tmp_path)
    programs = {n["name"] for n in graph["nodes"] if n["labels"][0] == "Program"}
    assert "建邺职工之家" in programs


def test_two_cities_municipal_unions_stay_apart_in_one_folder(tmp_path):
    folder = write_documents(
        tmp_path / "docs",
        {
            "a.txt": "绵阳市总工会召开全委会议。会上，市总工会部署了今年的产改工作。",
            "b.txt": "遵义市总工会举办劳动竞赛。市总工会负责人介绍了竞赛情况。",
        },
    )
    graph = load_and_export([folder], tmp_path)
    unions = {n["name"] for n in graph["nodes"] if n["labels"][0] == "Organization"}
    assert {"绵阳市总工会", "遵义市总工会"} <= unions
    assert "市总工会" not in unions


# -- people ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("市委书记钱国华出席会议。", {("钱国华", "市委书记")}),
        ("市人大常委会副主任、市总工会主席孙立平主持会议。", {("孙立平", "主席")}),
        ("“技能提升让我有了底气。”钟家豪说。", {("钟家豪", None)}),
        ("通讯员梁晓东、杜若兰报道", {("梁晓东", "通讯员"), ("杜若兰", None)}),
        ("省委袁国强书记对此作出批示。", {("袁国强", "书记")}),
    ],
)
def test_people_by_title_speech_list_with_titles_stripped(sentence, expected):
    _, _, facts = facts_of(sentence)
    people = {(m.name, None) for m in facts.mentions if m.label == "Person"}
    assert {name for name, _ in expected} == {name for name, _ in people}


def test_positions_walk_over_joined_titles():
    _, relations, facts = facts_of("市人大常委会副主任、宁德市总工会主席孙立平主持会议。")
    assert ("HOLDS_POSITION", "孙立平", "宁德市总工会") in relations
    titles = {r.title for r in facts.relations if r.type == "HOLDS_POSITION"}
    assert "主席" in titles and "副主任" in titles


def test_names_listed_before_deng_are_people_double_surnames_too():
    entities, _, _ = facts_of("王毅、欧阳明华等参加会议。")
    assert names(entities, "Person") == {"王毅", "欧阳明华"}


def test_words_after_a_title_are_not_names():
    entities, _, _ = facts_of("深入学习习近平总书记关于工人阶级和工会工作的重要论述。")
    assert names(entities, "Person") == {"习近平"}


# -- places ----------------------------------------------------------------------


def test_towns_and_villages_after_their_parent_and_after_weiyu():
    entities, relations, _ = facts_of(
        "在福建省南平市建阳区麻沙镇水南村，工会建起了“乡村职工驿站”。位于童游街道的职工书屋已开放。"
    )
    places = names(entities, "Place")
    assert {"建阳区", "麻沙镇", "水南村", "童游街道"} <= places
    assert ("PART_OF", "水南村", "麻沙镇") in relations
    assert ("PART_OF", "麻沙镇", "建阳区") in relations


def test_places_named_in_nearby_sentences_join_the_hierarchy_with_the_passage():
    _, relations, facts = facts_of("徐汇区总工会召开会议。会议传达了上海市总工会的部署。")
    assert ("PART_OF", "徐汇区", "上海市") in relations
    rel = next(r for r in facts.relations if r.type == "PART_OF")
    assert "徐汇区" in rel.sentence and "上海市" in rel.sentence
    _, relations, _ = facts_of("徐汇区总工会召开会议。会议传达了朝阳区的做法。")
    assert not any(r[0] == "PART_OF" for r in relations)  # the data says no


def test_a_two_character_county_inside_a_word_is_no_place():
    entities, _, _ = facts_of("我们要打造一批示范县和示范点。")
    assert names(entities, "Place") == set()


# -- policies, programs, events ---------------------------------------------------


def test_policies_in_guillemets_and_named_after_a_verb():
    entities, relations, _ = facts_of(
        "绍兴市总工会出台职工疗休养管理办法，并印发《关于加强新就业形态劳动者权益保障的实施意见》。"
    )
    assert {"职工疗休养管理办法", "关于加强新就业形态劳动者权益保障的实施意见"} <= names(
        entities, "Policy"
    )
    assert ("ISSUED", "绍兴市总工会", "职工疗休养管理办法") in relations


def test_programs_quoted_listed_and_after_de():
    entities, relations, _ = facts_of(
        "泉州市总工会开展“匠心筑梦”技能比武，实施青年技工培养计划、职工素质提升工程和技能强企行动。"
        "由市总工会牵头组建的劳模宣讲服务队已开展活动。"
    )
    programs = names(entities, "Program")
    assert {"匠心筑梦", "青年技工培养计划", "职工素质提升工程", "技能强企行动"} <= programs
    assert "劳模宣讲服务队" in programs
    assert ("ORGANIZES", "泉州市总工会", "匠心筑梦") in relations


def test_events_by_ending_by_session_and_by_number():
    entities, relations, _ = facts_of(
        "全面贯彻党的二十大和二十届二中、三中全会精神。"
        "6月3日，全省产业工人队伍建设改革推进会召开。"
        "中德青年合作委员会第三次全体会议在京举行。"
    )
    events = names(entities, "Event")
    assert {"党的二十大", "二十届二中全会", "二十届三中全会"} <= events
    assert "全省产业工人队伍建设改革推进会" in events
    assert ("ORGANIZES", "中德青年合作委员会", "中德青年合作委员会第三次全体会议") in relations


# -- relations through the paragraph --------------------------------------------


def test_the_paragraphs_subject_acts_in_the_next_sentence_with_the_passage_as_evidence():
    text = "芜湖市总工会坚持服务职工。去年以来，先后建立“江城职工驿站”30家。"
    _, relations, facts = facts_of(text)
    assert ("ORGANIZES", "芜湖市总工会", "江城职工驿站") in relations
    rel = next(
        r for r in facts.relations if r.target[1] == "江城职工驿站" and r.type == "ORGANIZES"
    )
    assert "芜湖市总工会" in rel.sentence and "江城职工驿站" in rel.sentence


def test_a_new_paragraph_has_no_subject_yet():
    text = "芜湖市总工会坚持服务职工。\n\n去年以来，先后建立“江城职工驿站”30家。"
    _, relations, _ = facts_of(text)
    assert not any(r[0] == "ORGANIZES" for r in relations)


# -- figures -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("累计培训职工3.5万人次", 35000, "人次"),
        ("投入资金5810.4万元", 58104000, "元"),
        ("服务职工4万余人", 40000, "人"),
        ("惠及职工两千三百名", 2300, "名"),
        ("覆盖率达到95%", 95, "%"),
        ("筹集资金1.2亿元", 120000000, "元"),
    ],
)
def test_figures_are_normalized(text, value, unit):
    figures = find_figures(text)
    assert [(f.value, f.unit) for f in figures] == [(value, unit)]


def test_a_figure_is_read_from_the_first_digit_or_numeral_of_its_number():
    # never from inside a longer run of digits or numerals, which is no figure at all
    assert [(f.form, f.value) for f in find_figures("编号2023001名，十五人")] == [
        ("2023001名", 2023001),
        ("十五人", 15),
    ]
    assert find_figures("代码1234567890123456789名") == []
    assert find_figures("二十二十二十二十二十二十二十二十人") == []


def test_a_date_is_no_figure_and_chinese_numerals_read_right():
    assert find_figures("2019年以来，工会开展活动。") == []
    assert chinese_number("十五") == 15 and chinese_number("三百零五") == 305


def test_figures_become_metrics_reported_with_their_period():
    _, relations, facts = facts_of("2023年，宜宾市总工会累计培训职工3.5万人次。")
    metric = next(m for m in facts.mentions if m.label == "Metric")
    assert metric.properties == {
        "value": 35000,
        "unit": "人次",
        "subject": "培训职工",
        "period": "2023年",
    }
    assert ("REPORTS", "宜宾市总工会", metric.name) in relations


# -- evidence over the whole seed corpus -------------------------------------------


def test_every_relationship_has_a_sentence_naming_both_ends(seeds, tmp_path):
    """Over all 21 dev documents: the seeds and ../shared/corpus/dev/docs."""
    graph = load_and_export([seeds, seeds.parent / "dev" / "docs"], tmp_path)
    nodes = {n["id"]: n for n in graph["nodes"]}

    def spellings(node):
        return {node["name"], *node.get("aliases", [])}

    relationships = [e for e in graph["edges"] if e["type"] != "MENTIONED_IN"]
    assert len(relationships) > 400
    unsupported = []
    for edge in relationships:
        ends = spellings(nodes[edge["source"]]), spellings(nodes[edge["target"]])
        if not any(
            all(any(s in clean_name(ev["sentence"]) for s in names) for names in ends)
            for ev in edge["evidence"]
        ):
            unsupported.append(
                (edge["type"], nodes[edge["source"]]["name"], nodes[edge["target"]]["name"])
            )
    assert unsupported == []


# -- a news item from elsewhere, read end to end ----------------------------------


def test_a_news_item_from_another_province():
    entities, relations, _ = facts_of(
        "本报讯（记者 王小红 通讯员 陈刚）11月20日，贵阳市总工会在观山湖区召开全市产业工人队伍"
        "建设改革推进会。方案提出，到2025年培育高技能人才2万人。佛山市顺德区委常委、区总工会"
        "主席李明华出席会议。深圳市宝安区总工会联合区人力资源局举办第五届职工技能大赛。"
    )
    assert names(entities, "Person") == {"王小红", "陈刚", "李明华"}  # 方案提出 holds no name
    event = "全市产业工人队伍建设改革推进会"
    assert ("ORGANIZES", "贵阳市总工会", event) in relations  # 在观山湖区 says where, not who
    assert ("LOCATED_IN", event, "观山湖区") in relations
    # this 区 is the one the sentence wrote, not the article's other 区
    assert ("HOLDS_POSITION", "李明华", "顺德区总工会") in relations
    assert ("ORGANIZES", "宝安区人力资源局", "第五届职工技能大赛") in relations
    assert ("PARTNERS_WITH", "宝安区总工会", "宝安区人力资源局") in relations


def test_a_workroom_named_after_its_leader_names_a_person():
    entities, _, _ = facts_of("依托“陈永刚职工创新工作室”开展技术攻关，首个外卖骑手驿站也已建成。")
    assert names(entities, "Person") == {"陈永刚"}
    assert "陈永刚职工创新工作室" in names(entities, "Program")


def test_a_place_as_subject_locates_what_is_set_up_but_organizes_nothing():
    text = "为了职工的成长,鼓楼区整合各方资源。2019年以来,建立“鼓楼职工学堂”30家。"
    _, relations, _ = facts_of(text)
    assert ("LOCATED_IN", "鼓楼职工学堂", "鼓楼区") in relations
    assert not any(r[0] == "ORGANIZES" for r in relations)


def test_a_provincial_work_report():
    entities, relations, _ = facts_of(
        "河北省总工会联合省人力资源和社会保障厅、省教育厅举办第十届全省职工职业技能大赛。"
        "命名“燕赵工匠”100名，开展“安康杯”竞赛。"
    )
    assert {"河北省人力资源和社会保障厅", "河北省教育厅"} <= names(entities, "Organization")
    assert {"第十届全省职工职业技能大赛", "燕赵工匠", "安康杯"} <= names(entities, "Program")
    assert names(entities, "Place") == {"河北省"}  # 安康杯 is a cup, not 安康市
    assert ("ORGANIZES", "河北省总工会", "第十届全省职工职业技能大赛") in relations
    assert ("PARTNERS_WITH", "河北省总工会", "河北省人力资源和社会保障厅") in relations


def test_offices_of_streets_towns_and_parks():
    entities, relations, _ = facts_of(
        "姑苏区双塔街道办事处、吴江区盛泽镇人民政府和苏州工业园区管委会联合召开会议。"
    )
    orgs = names(entities, "Organization")
    assert {"双塔街道办事处", "盛泽镇人民政府", "苏州市工业园区管委会"} <= orgs
    assert ("LOCATED_IN", "双塔街道办事处", "双塔街道") in relations
    assert ("PART_OF", "双塔街道", "姑苏区") in relations


def test_companies_keep_their_brand_and_people_their_professional_titles():
    entities, relations, _ = facts_of(
        "中国中车长春轨道客车股份有限公司工会主席李德山表示。全国劳动模范、中国一重集团高级技师刘伯鸣介绍。"
        "国网苏州供电公司参加。"
    )
    orgs = names(entities, "Organization")
    assert {"中国中车长春轨道客车股份有限公司工会", "国网苏州供电公司"} <= orgs
    assert ("HOLDS_POSITION", "李德山", "中国中车长春轨道客车股份有限公司工会") in relations
    assert ("HOLDS_POSITION", "刘伯鸣", "中国一重集团") in relations


def test_a_wire_story_names_ministries_and_the_wire_acts_in_nothing():
    entities, relations, _ = facts_of(
        "新华社北京3月1日电（记者李明）记者从中华全国总工会获悉，全总近日印发《关于加强新就业形态"
        "劳动者服务工作的通知》，部署各级工会建设“司机之家”。交通运输部、公安部等部门将联合开展"
        "“司机之家”建设三年行动。"
    )
    assert {"交通运输部", "公安部", "中华全国总工会"} <= names(entities, "Organization")
    assert not any(r[1] == "新华社" for r in relations)
    assert ("ISSUED", "中华全国总工会", "关于加强新就业形态劳动者服务工作的通知") in relations
