"""Rule families from how real notices, news items and reports are written.

Every sentence here is invented, with places, bodies and people that appear in
no corpus file; each test is one family of the extraction issues (entities and
relations that hold on documents nobody tuned the rules to).
"""

from __future__ import annotations

from tests.test_extract_rules import facts_of, names

# -- official notices: headline, signers, date, 文号 --------------------------------

NOTICE = (
    "海南省人力资源和社会保障厅\n"
    "关于印发《海南省“技能强岛•稳岗增收”若干措施》的通知\n"
    "琼人社〔2026〕9号\n"
    "各市县人力资源社会保障局:\n"
    "为贯彻落实人力资源社会保障部等5部门《关于推动技能强企工作的指导意见》精神,"
    "经省政府同意,现将《海南省技能强岛·稳岗增收若干措施》印发给你们,请认真贯彻落实。\n"
    "海南省人力资源和社会保障厅海南省财政厅\n"
    "海南省国有资产监督管理委员会 共青团海南省委员会\n"
    "2026313\n"
)


def test_every_signer_of_a_notice_issued_it_and_the_text_it_hands_out():
    entities, relations, facts = facts_of(NOTICE)
    notice = "关于印发海南省技能强岛·稳岗增收若干措施的通知"
    handed = "海南省技能强岛·稳岗增收若干措施"
    signers = ["海南省人力资源和社会保障厅", "海南省财政厅"]
    signers += ["海南省国有资产监督管理委员会", "共青团海南省委员会"]
    assert set(signers) <= names(entities, "Organization")
    for signer in signers:
        assert ("ISSUED", signer, notice) in relations
        assert ("ISSUED", signer, handed) in relations
    # a star from the first signer, not all pairs
    partners = {(a, b) for t, a, b in relations if t == "PARTNERS_WITH"}
    assert partners == {(signers[0], other) for other in signers[1:]}
    assert ("IMPLEMENTS", notice, "关于推动技能强企工作的指导意见") in relations
    assert ("IMPLEMENTS", handed, "关于推动技能强企工作的指导意见") in relations
    dated = {m.name: m.properties for m in facts.mentions if m.label == "Policy" and m.properties}
    assert dated[notice] == {"date": "2026-03-13", "doc_number": "琼人社〔2026〕9号"}
    # 经省政府同意: the verb is no part of the name
    assert not [o for o in names(entities, "Organization") if o.startswith("经")]


def test_a_two_line_headline_with_its_issuer_and_no_signature_block():
    _, relations, _ = facts_of(
        "陕西省人民政府关于印发\n陕西省技能兴秦行动计划(2026—2028年)的通知\n"
        "各设区市人民政府:\n现将《陕西省技能兴秦行动计划(2026—2028年)》印发给你们,请认真执行。\n"
    )
    notice = "关于印发陕西省技能兴秦行动计划(2026—2028年)的通知"
    assert ("ISSUED", "陕西省人民政府", notice) in relations
    assert ("ISSUED", "陕西省人民政府", "陕西省技能兴秦行动计划(2026—2028年)") in relations


# -- names by structure ---------------------------------------------------------


def test_glued_names_a_leading_verb_and_long_bodies_read_past_he():
    entities, _, _ = facts_of(
        "陕西省工业和信息化厅陕西省教育厅\n经陕西省人民政府批准，汉中市国有资产监督管理委员会和"
        "陕西省人力资源和社会保障厅联合发文。"
    )
    orgs = names(entities, "Organization")
    assert {"陕西省工业和信息化厅", "陕西省教育厅", "陕西省人民政府"} <= orgs
    assert {"汉中市国有资产监督管理委员会", "陕西省人力资源和社会保障厅"} <= orgs
    assert not [o for o in orgs if o.startswith("经") or o.startswith("资产")]


def test_a_type_of_body_or_a_building_is_no_institution():
    entities, _, _ = facts_of("三亚市行政中心举行仪式，民办学校和职业学校的教师参加。")
    assert not names(entities, "Organization") & {"三亚市行政中心", "职业学校", "民办学校"}


# -- people from page furniture and frames -----------------------------------------


def test_credits_bylines_roles_and_grades_give_people():
    entities, _, _ = facts_of(
        "来源:汉中日报编辑:钟一鸣责编:杜若溪\n"
        "瑞金市总工会开展送清凉活动。(贺明川)\n"
        "外卖小哥吴子谦说，51岁的冉晓东也来了。\n"
        "省总工会一级巡视员孟庆澜一行莅临赣州市总工会，董事长沙骏川陪同。\n"
    )
    people = names(entities, "Person")
    assert {"钟一鸣", "杜若溪", "贺明川", "吴子谦", "冉晓东", "孟庆澜", "沙骏川"} <= people
    # 董事长沙…: the title's last character opens no place
    assert "长沙市" not in names(entities, "Place")
    assert not [o for o in names(entities, "Organization") if "孟庆澜" in o]


def test_a_title_then_a_surname_word_opens_a_name_only_when_closed():
    entities, _, _ = facts_of("会议由省总工会副主席向远航主持，副主席和各级工会代表参加。")
    assert names(entities, "Person") == {"向远航"}


# -- events: contests that say which one they are -------------------------------------


def test_numbered_dated_and_place_opened_contests_are_events():
    entities, _, _ = facts_of(
        "汉中市第二届职工职业技能大赛开幕。2026年全国焊工特别赛同期举行。"
        "陕西省焊接锦标赛落幕，职工技能竞赛常年开展。"
    )
    events = names(entities, "Event")
    assert {"汉中市第二届职工职业技能大赛", "2026年全国焊工特别赛", "陕西省焊接锦标赛"} <= events
    assert "职工技能竞赛" not in events  # a series, not one contest


# -- hosting: passive, split, led --------------------------------------------------


def test_a_contest_hosted_by_a_list_of_bodies_named_in_an_earlier_sentence():
    _, relations, facts = facts_of(
        "11月8日，三亚市第三届职工职业技能大赛开幕。本次大赛由三亚市总工会、三亚市人社局联合主办，"
        "三亚市机械冶金工会承办。"
    )
    contest = "三亚市第三届职工职业技能大赛"
    for body in ("三亚市总工会", "三亚市人社局", "三亚市机械冶金工会"):
        assert ("ORGANIZES", body, contest) in relations
    assert ("PARTNERS_WITH", "三亚市总工会", "三亚市人社局") in relations
    hosting = [r for r in facts.relations if r.type == "ORGANIZES"]
    assert all("大赛开幕" in r.sentence and "承办" in r.sentence for r in hosting)


def test_a_lead_body_and_those_it_works_with():
    _, relations, _ = facts_of(
        "陕西省第一届新职业技能大赛举行。大赛由陕西省人力资源和社会保障厅牵头，"
        "会同陕西省教育厅、陕西省总工会共同举办。"
    )
    contest = "陕西省第一届新职业技能大赛"
    lead = "陕西省人力资源和社会保障厅"
    for body in (lead, "陕西省教育厅", "陕西省总工会"):
        assert ("ORGANIZES", body, contest) in relations
    assert ("PARTNERS_WITH", lead, "陕西省教育厅") in relations
    assert ("PARTNERS_WITH", lead, "陕西省总工会") in relations
    assert ("PARTNERS_WITH", "陕西省教育厅", "陕西省总工会") not in relations


def test_a_national_program_is_hosted_by_no_one_body():
    _, relations, _ = facts_of("为推进产业工人队伍建设改革，活动由汉中市总工会主办。")
    assert not [r for r in relations if r[0] == "ORGANIZES" and r[2] == "产业工人队伍建设改革"]


# -- places: named zones; bodies listed after one place ------------------------------


def test_named_zones_are_places_and_bodies_listed_after_a_place_share_it():
    entities, relations, _ = facts_of(
        "汉中市人社局,三亚崖州湾示范区党建工作部、发展改革局、社会事业局:\n"
        "三亚经济技术开发区总工会与瑞金市人社局、发改局、经信局负责人座谈。"
    )
    places = names(entities, "Place")
    assert {"三亚崖州湾示范区", "三亚经济技术开发区"} <= places
    assert "三亚市经济技术开发区" not in places  # the zone as the text names it
    orgs = names(entities, "Organization")
    zone = "三亚崖州湾示范区"
    assert {zone + "党建工作部", zone + "发展改革局", zone + "社会事业局"} <= orgs
    assert {"瑞金市人社局", "瑞金市发改局", "瑞金市经信局"} <= orgs
    assert ("LOCATED_IN", zone + "社会事业局", zone) in relations
    assert ("LOCATED_IN", "瑞金市经信局", "瑞金市") in relations


def test_a_verb_and_its_object_make_no_zone():
    entities, _, _ = facts_of("创建示范区，建设开发区，在三亚新区举行。")
    assert names(entities, "Place") >= {"三亚新区"}
    assert not names(entities, "Place") & {"创建示范区", "建设开发区", "在三亚新区"}


# -- joint action by lists; fronted purpose clauses ------------------------------------


def test_bodies_listed_before_a_joint_verb_all_act_and_the_lead_partners_each():
    _, relations, _ = facts_of(
        "为深入贯彻落实《汉中市职工书屋建设规划》，汉中市总工会、汉中市文化局和汉中市财政局"
        "等3部门联合印发《汉中市职工书屋建设办法》。"
    )
    bodies = ["汉中市总工会", "汉中市文化局", "汉中市财政局"]
    for body in bodies:
        assert ("ISSUED", body, "汉中市职工书屋建设办法") in relations
        # the bodies acting for the fronted purpose carry it out
        assert ("IMPLEMENTS", body, "汉中市职工书屋建设规划") in relations
    assert ("IMPLEMENTS", "汉中市职工书屋建设办法", "汉中市职工书屋建设规划") in relations
    partners = {(a, b) for t, a, b in relations if t == "PARTNERS_WITH"}
    assert partners == {(bodies[0], bodies[1]), (bodies[0], bodies[2])}


def test_a_list_without_a_joint_verb_makes_no_partners():
    _, relations, _ = facts_of("汉中市总工会、汉中市文化局负责人出席。")
    assert not [r for r in relations if r[0] == "PARTNERS_WITH"]


def test_an_ordinal_contest_refers_back_to_its_session_across_paragraphs():
    _, relations, _ = facts_of(
        "5月9日，瑞金市第二届职工技能大赛决赛举行。\n\n瑞金市总工会决定每年举办职工技能大赛。"
        "第二届大赛由瑞金市总工会、瑞金市人社局联合主办。"
    )
    assert ("ORGANIZES", "瑞金市人社局", "瑞金市第二届职工技能大赛") in relations


# -- designations, themes and lists of programs ---------------------------------------


def test_designations_themes_and_the_first_item_of_a_list_are_programs():
    entities, _, _ = facts_of(
        "到2028年，培养200名“汉中首席技师”、1万名“汉中工匠”。"
        "授予冉晓东等36名选手“陕西省技术能手”称号。以“匠心汉中——奋进新征程”为主题举办宣讲，"
        "开展瑞金职工创新立功竞赛和赣南苏区振兴建设立功竞赛。"
    )
    programs = names(entities, "Program")
    assert {"汉中首席技师", "汉中工匠", "陕西省技术能手"} <= programs
    assert {"匠心汉中——奋进新征程", "瑞金职工创新立功竞赛", "赣南苏区振兴建设立功竞赛"} <= programs
    assert "冉晓东" in names(entities, "Person")


def test_a_joint_body_media_outlets_and_ranks():
    entities, _, _ = facts_of(
        "经陕西省政府与省总工会联席会议审议，三亚市部级以上劳模免费游览。来源:汉中发布客户端"
    )
    orgs = names(entities, "Organization")
    assert {"陕西省政府与省总工会联席会议", "汉中发布客户端"} <= orgs
    assert not [o for o in orgs if o.endswith("部")]  # 部级: a rank, not a ministry
    assert "陕西省政府与省总工会联席会议" not in names(entities, "Event")


# -- page furniture: metadata blocks and headlines are never glued ------------------


def test_a_metadata_block_is_not_glued_to_the_headline_below_it():
    _, relations, facts = facts_of(
        "• 索 引 号: HN0001-2026-00017\n• 文号: 琼人社文〔2026〕31号\n• 发布机构: 海南省人力资源和社会保障厅\n"
        "海南省人力资源和社会保障厅关于授予2025年度职业技能竞赛优秀选手“海南省技术能手”称号的决定\n"
        "根据《海南省人力资源和社会保障厅 海南省财政厅关于印发<海南省职业技能竞赛管理办法>的通知》等规定,"
        "经研究决定,授予冉晓东等36名选手“海南省技术能手”称号。"
    )
    decision = "关于授予2025年度职业技能竞赛优秀选手海南省技术能手称号的决定"
    policies = {m.name for m in facts.mentions if m.label == "Policy"}
    assert decision in policies and "海南省职业技能竞赛管理办法" in policies
    assert ("ISSUED", "海南省人力资源和社会保障厅", decision) in relations
    cited = "海南省人力资源和社会保障厅海南省财政厅关于印发<海南省职业技能竞赛管理办法>的通知"
    assert ("IMPLEMENTS", decision, cited) in relations
    # the handed-out text inside the cited title, issued by both bodies that open it
    assert ("ISSUED", "海南省财政厅", "海南省职业技能竞赛管理办法") in relations


# -- positions over title chains ----------------------------------------------------


def test_contracted_titles_name_bodies_under_the_chains_host():
    cases = {
        "瑞金市委常委、宣传部长高远舟出席。": {
            ("高远舟", "瑞金市委"),
            ("高远舟", "瑞金市委宣传部"),
        },
        "东湖街道党工委副书记、总工会主席赵思远主持。": {
            ("赵思远", "东湖街道党工委"),
            ("赵思远", "东湖街道总工会"),
        },
        "汉中市委副书记、政法委书记程立安讲话。": {
            ("程立安", "汉中市委"),
            ("程立安", "汉中市委政法委"),
        },
        "汉中职业技术学院党委副书记、工会主席冉晓东参加。": {
            ("冉晓东", "汉中职业技术学院党委"),
            ("冉晓东", "汉中职业技术学院工会"),
        },
        "瑞金市总工会党组书记、常务副主席、一级调研员钟明远出席。": {
            ("钟明远", "瑞金市总工会"),
        },
    }
    for sentence, expected in cases.items():
        _, relations, _ = facts_of(sentence)
        held = {(a, b) for t, a, b in relations if t == "HOLDS_POSITION"}
        assert held == expected, sentence


# -- place context: short forms, current divisions, the writer's place ------------------


def test_a_headline_short_form_gives_the_articles_district_its_place():
    entities, relations, _ = facts_of("萧山召开产改工作推进会\n区总工会主席林书航出席会议。")
    assert "萧山区总工会" in names(entities, "Organization")
    assert ("HOLDS_POSITION", "林书航", "萧山区总工会") in relations


def test_divisions_made_after_2020_are_known_by_their_current_names():
    entities, relations, _ = facts_of("杭州市钱塘区总工会与临平区总工会联合开展送清凉活动。")
    assert {"钱塘区", "临平区"} <= names(entities, "Place")
    assert ("LOCATED_IN", "钱塘区总工会", "钱塘区") in relations


def test_the_writers_place_takes_the_articles_place_and_stays_no_alias():
    entities, relations, facts = facts_of(
        "瑞金市总工会召开会议。\n我市举办第二届职工运动会，本市职工踊跃参加。"
    )
    assert ("LOCATED_IN", "第二届职工运动会", "瑞金市") in relations
    located = next(
        r for r in facts.relations if r.type == "LOCATED_IN" and r.source[1] == "第二届职工运动会"
    )
    assert "瑞金市" in located.sentence and "我市举办" in located.sentence
    forms = {m.form for m in facts.mentions if m.label == "Place"}
    assert "我市" not in forms and "本市" not in forms


# -- a paragraph's actor ---------------------------------------------------------------


def test_a_work_summary_paragraph_runs_on_under_its_actor():
    _, relations, _ = facts_of(
        "瑞金市总工会持续深化服务。开展“金秋助学”活动。推出“职工书屋”项目。建成“户外驿站”12个。\n"
        "下一段另起。开展“夏送清凉”活动。"
    )
    organized = {b for t, a, b in relations if t == "ORGANIZES" and a == "瑞金市总工会"}
    assert {"金秋助学", "职工书屋", "户外驿站"} <= organized
    assert "夏送清凉" not in organized  # a new paragraph: the actor is no longer clear


def test_a_body_that_is_set_up_is_not_the_actor_of_the_next_clause():
    _, relations, _ = facts_of("成立劳动竞赛领导小组，组织开展“比学赶超”劳动竞赛。")
    assert not [r for r in relations if r[0] == "ORGANIZES" and r[1] == "劳动竞赛领导小组"]


# -- located where the text says; venues; outlets; designations; groups by structure ----


def test_a_place_that_opens_a_name_locates_it_and_a_venue_organizes_nothing():
    _, relations, _ = facts_of(
        "浙江省2023~2024年度“钱江工匠”名单公布。嵊州市文化馆供稿：嵊州“红色故事会”开讲。据《浙江职工报》报道，"
        "瑞金市总工会在精工机械有限公司举办“工匠讲堂”。"
    )
    assert ("LOCATED_IN", "钱江工匠", "浙江省") in relations
    assert ("LOCATED_IN", "红色故事会", "嵊州市") in relations
    assert ("LOCATED_IN", "浙江职工报", "浙江省") in relations
    assert ("ORGANIZES", "瑞金市总工会", "工匠讲堂") in relations
    assert not [r for r in relations if r[1] == "精工机械有限公司" and r[0] == "ORGANIZES"]
    assert not [r for r in relations if r[2] == "精工机械有限公司" and r[0] == "LOCATED_IN"]


def test_outlets_in_wire_and_source_lines_are_media():
    entities, _, facts = facts_of("东方网讯 近日，来源:宁波工人报 作者:记者钟一鸣")
    media = {m.name for m in facts.mentions if m.kind == "media"}
    assert {"东方网", "宁波工人报"} <= media
    assert "钟一鸣" in names(entities, "Person")


def test_plaques_and_populations_built_like_one():
    entities, _, _ = facts_of("为3家首批工匠学院授牌。技能大赛获得者、新就业形态骑手参加。")
    assert "工匠学院" in names(entities, "Program")
    assert "工匠学院" not in names(entities, "Organization")
    assert {"技能大赛获得者", "新就业形态骑手"} <= names(entities, "Group")


# -- companies by brand, sessions, campaign notices, more person frames ----------------


def test_brands_listed_before_a_count_of_companies_are_enterprises():
    _, _, facts = facts_of("邀请永盛物流、华东快运等12家快递企业座谈。")
    companies = {(m.name, m.kind) for m in facts.mentions if m.label == "Organization"}
    assert companies == {("永盛物流", "enterprise"), ("华东快运", "enterprise")}


def test_a_brand_before_one_of_its_branches_is_an_enterprise_but_a_kind_of_outlet_is_not():
    _, _, facts = facts_of("青溪区总工会走访鸿运快递柳岸站点和川流物流南郊分拨中心。")
    companies = {(m.name, m.kind) for m in facts.mentions if m.label == "Organization"}
    assert {("鸿运快递", "enterprise"), ("川流物流", "enterprise")} <= companies
    _, _, facts = facts_of("推进城乡快递物流配送站建设，基层快递西区网点增至12个。")
    assert not [m for m in facts.mentions if m.label == "Organization"]


def test_a_ceremony_keeps_the_verbs_of_its_name_from_the_place_that_opens_its_clause():
    entities, relations, _ = facts_of(
        "6月3日，德清县乡村工匠协同培育试点工作启动仪式在县职教中心举行。建德市总工会举行揭牌仪式。"
    )
    assert names(entities, "Event") == {"德清县乡村工匠协同培育试点工作启动仪式"}
    assert ("LOCATED_IN", "德清县乡村工匠协同培育试点工作启动仪式", "德清县") in relations


def test_a_bare_launch_ceremony_is_the_one_of_the_program_launched_there():
    entities, _, _ = facts_of("龙泉市总工会启动“暖心驿站”建设行动。启动仪式上，为首批驿站授牌。")
    assert "暖心驿站启动仪式" in names(entities, "Event")
    # a ceremony already named is the one a later bare 启动仪式 means
    entities, _, _ = facts_of(
        "临安区“职工书屋”提升计划启动仪式在区工人文化宫举行。今天的启动仪式标志着计划全面实施。"
    )
    assert names(entities, "Event") == {"临安区职工书屋提升计划启动仪式"}
    assert not any("仪式" in n for n in names(entities, "Program"))
    # with no launch written near it, a bare one names nothing
    entities, _, _ = facts_of("婺源县总工会召开全委会议。会后举行了启动仪式。")
    assert not any(n.endswith("启动仪式") for n in names(entities, "Event"))


def test_a_bodys_numbered_session_is_an_event_it_holds():
    entities, relations, _ = facts_of("瑞金市总工会召开十七届三次全委(扩大)会议。")
    session = "瑞金市总工会十七届三次全委(扩大)会议"
    assert session in names(entities, "Event")
    assert ("ORGANIZES", "瑞金市总工会", session) in relations


def test_a_notice_named_by_its_campaign_and_issuers_of_cited_titles():
    entities, relations, _ = facts_of(
        "汉中市总工会根据全总、陕西省总工会“送温暖”活动通知要求，开展慰问。"
        "贯彻落实人力资源社会保障部等8部门《关于推动技能强企工作的指导意见》精神。"
    )
    assert "送温暖活动通知" in names(entities, "Policy")
    assert ("ISSUED", "中华全国总工会", "送温暖活动通知") in relations
    assert ("ISSUED", "陕西省总工会", "送温暖活动通知") in relations
    assert ("ISSUED", "人力资源和社会保障部", "关于推动技能强企工作的指导意见") in relations


def test_names_after_a_body_with_a_verb_and_after_a_quoted_honour():
    entities, _, _ = facts_of("会议由瑞金市总工会郑安澜主持。“赣南工匠”钟明远，从事焊接30年。")
    assert {"郑安澜", "钟明远"} <= names(entities, "Person")


def test_founding_a_named_team_organizes_its_program():
    _, relations, _ = facts_of(
        "瑞金市总工会成立“职工互助”志愿服务队。区总工会下发的“三个联动”工作法成效明显。"
    )
    assert ("ORGANIZES", "瑞金市总工会", "职工互助") in relations


# -- names by structure: offices named by their task; bare departments ------------------


def test_an_office_named_by_its_task_keeps_its_verb_but_a_founding_verb_is_no_part():
    entities, _, _ = facts_of("南湖区推进职工服务改革办公室成立。瑞金市成立劳动竞赛领导小组。")
    orgs = names(entities, "Organization")
    assert "南湖区推进职工服务改革办公室" in orgs
    assert not [o for o in orgs if "成立" in o]


def test_a_department_named_bare_later_is_the_articles_one():
    _, _, facts = facts_of("南浔区人社局、发改局、经信局负责人参加。会后，经信局牵头落实。")
    later = [m.name for m in facts.mentions if m.label == "Organization" and "会后" in m.sentence]
    assert later == ["南浔区经信局"]
    _, _, facts = facts_of("瑞金市财政局和汉中市财政局参加。财政局牵头。")
    ambiguous = [m.name for m in facts.mentions if m.sentence == "财政局牵头。"]
    assert ambiguous == []  # two bodies it could mean: no node


def test_a_long_caption_is_not_glued_to_the_paragraph_below_it():
    from policygraph.loaders.text import rejoin_broken_lines

    page = "图为瑞金市总工会开展送清凉活动现场，职工们领取清凉物资 钟一鸣摄\n瑞金市总工会持续开展送清凉活动。"
    assert rejoin_broken_lines(page).count("\n") == 1


def test_a_national_program_quoted_after_a_place_is_not_located_there():
    entities, relations, _ = facts_of("目前，昆明市“产改”示范点已达12个。")
    assert not [r for r in relations if r[0] == "LOCATED_IN" and r[2] == "昆明市"]
    assert "产改" not in names(entities, "Program")  # its short form, read as 产业工人队伍建设改革
