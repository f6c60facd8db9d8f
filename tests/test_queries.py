"""Query templates: the catalog, answers read off the seed documents, parity between the
embedded store and a real Neo4j, hostile parameter values, and the CLI."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
from pathlib import Path

import pytest

import policygraph
from policygraph.errors import PolicyGraphError, QueryError
from policygraph.graph.model import Graph
from policygraph.queries import run_query, template, templates
from tests.conftest import IN_CI, ROOT, connect_test_neo4j

_spec = importlib.util.spec_from_file_location("bench_synthetic", ROOT / "bench" / "synthetic.py")
bench_synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_synthetic)

TEMPLATE_DIR = ROOT / "policygraph" / "queries" / "templates"
HOSTILE = (
    "x'}) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n RETURN 1 AS x //',
    "{name: $name}",
    "MATCH (n) DETACH DELETE n",
    "*:* OR name:*",
    '闵行" OR "*',
    "\\u0027; CALL db.clearQueryCaches() //",
    "",
)


def minhang_graph() -> Graph:
    """A small graph of facts the Minhang seed states, including the ones today's extractor
    misses (闵工学堂 in 闵行区, 闵行区 part of 上海市, the 实施意见 implementing the 方案)."""
    g = Graph()
    g.add_document("d1", title="闵行工会三年回顾", date="2020-11-20")
    g.add_document("d2", title="新时期产业工人队伍建设改革方案", date="2017-02-06")

    def m(label: str, name: str, doc: str = "d1", **kw) -> str:
        return g.add_mention(label, name, doc, **kw)

    union = m("Organization", "闵行区总工会", form="区总工会", kind="union")
    leading = m("Organization", "中央全面深化改革领导小组", "d2", kind="coordination")
    minhang, shanghai = m("Place", "闵行区", form="闵行"), m("Place", "上海市", form="上海")
    school = m("Program", "闵工学堂")
    plan = m("Policy", "新时期产业工人队伍建设改革方案", "d2")
    m("Policy", "新时期产业工人队伍建设改革方案")
    opinion = m("Policy", "关于推进新时期闵行区产业工人队伍建设改革的实施意见")
    workers = m("Group", "产业工人")
    figure = m("Metric", "累计培训职工")
    g.node(figure).update(value=35000, unit="人次", period="2019-2020")

    def rel(rel_type: str, a: str, b: str, doc: str = "d1") -> None:
        g.add_relation(rel_type, a, b, doc=doc, sentence=f"{a}{rel_type}{b}")

    rel("LOCATED_IN", union, minhang)
    rel("PART_OF", minhang, shanghai)
    rel("LOCATED_IN", school, minhang)
    rel("ORGANIZES", union, school)
    rel("ISSUED", leading, plan, doc="d2")
    rel("IMPLEMENTS", opinion, plan)
    rel("IMPLEMENTS", union, opinion)
    rel("TARGETS", school, workers)
    rel("REPORTS", school, figure)
    return g


def synthetic() -> Graph:
    return bench_synthetic.enrich(bench_synthetic.synthetic_graph(120))


def cases(g: Graph) -> list[tuple[str, dict]]:
    """Every template with its examples, plus parameters that have answers in ``g``."""
    found = [(name, t.examples()) for name, t in templates().items()]
    top = run_query("most_connected", {"limit": 3}, graph=g)
    names = [r["name"] for r in top]
    orgs = [r["name"] for r in run_query("most_connected", {"label": "Organization"}, graph=g)]
    places = [n for _, d in g.nodes("Place") for n in [d["name"]]]
    policies = sorted(d["name"] for _, d in g.nodes("Policy"))
    programs = sorted(
        g.node(v)["name"] for _, v, t, _ in g.relationships() if t in ("FUNDS", "ORGANIZES")
    )[:3]
    for name in names + orgs[:3]:
        found += [
            ("actor_profile", {"name": name}),
            ("neighbourhood", {"name": name, "k": 1}),
            ("neighbourhood", {"name": name, "k": 3, "limit": 50}),
            ("co_mentioned", {"name": name, "limit": 5}),
            ("partners", {"name": name}),
            ("people_positions", {"name": name}),
            ("reported_figures", {"name": name}),
        ]
    for a, b in zip(names, names[1:] + orgs[-1:], strict=False):
        found += [("shortest_path", {"source": a, "target": b})]
        found += [("relationship_evidence", {"source": a, "target": b})]
    for u, v, t, _ in sorted(g.relationships())[:: max(1, len(g.nx) // 7)]:
        if t != "MENTIONED_IN":
            found += [
                (
                    "relationship_evidence",
                    {"source": g.node(v)["name"], "target": g.node(u)["name"], "type": t},
                )
            ]
    for place in sorted(places)[:6]:
        found += [
            ("programs_in_place", {"place": place}),
            ("place_timeline", {"place": place}),
            ("reported_figures", {"name": place}),
        ]
    for policy in policies[:4]:
        found += [("policy_cascade", {"policy": policy}), ("group_targets", {"name": policy})]
    for program in programs:
        found += [("program_actors", {"program": program}), ("reported_figures", {"name": program})]
    for level in ("", "national", "unknown", "county"):
        found += [("issued_by_level", {"level": level})]
    for label in ("", "Organization", "Union", "Place", "Policy"):
        found += [("most_connected", {"label": label, "limit": 10})]
    for q in ("总工会", "区", "闵", "第1", "项目1", "政策", "中国梦·劳", "市总"):
        found += [("name_search", {"q": q, "limit": 15})]
    found += [("group_targets", {}), ("people_positions", {})]
    return found


# -- the catalog -----------------------------------------------------------------------


def test_every_template_file_declares_its_name_descriptions_parameters_and_columns():
    files = sorted(TEMPLATE_DIR.glob("*.cypher"))
    assert [f.stem for f in files] == sorted(templates())
    assert len(files) >= 16
    for name, t in templates().items():
        assert t.description_zh and t.description_en, name
        assert t.columns, name
        assert all(p.example is not None or not p.required for p in t.params), name
        assert "$" in t.cypher and "// name: " + name in t.cypher
        # user values reach Cypher only as parameters: every declared one is used, no other
        used = {p for p in t.params if "$" + p.name in t.cypher}
        assert used == set(t.params), name


def test_a_wrong_name_or_parameter_lists_the_right_ones():
    with pytest.raises(QueryError, match="the templates: actor_profile, .*programs_in_place"):
        template("programs")
    with pytest.raises(QueryError, match="its parameters: place, limit"):
        template("programs_in_place").bind({"plase": "闵行区"})
    with pytest.raises(QueryError, match="needs the parameter place: string"):
        template("programs_in_place").bind({})
    with pytest.raises(QueryError, match="k must be between 1 and 4"):
        template("neighbourhood").bind({"name": "x", "k": 9})
    with pytest.raises(QueryError, match="must be an integer"):
        template("neighbourhood").bind({"name": "x", "k": "2 OR 1=1"})
    with pytest.raises(QueryError, match="must be text"):
        template("actor_profile").bind({"name": ["x"]})


def test_show_gives_parameters_and_cypher_ready_to_paste():
    text = template("programs_in_place").show({"place": "闵行区"})
    assert text.startswith(':param place => "闵行区";\n:param limit => 200;\n')
    assert "MATCH (pl:Place {name: $place})" in text


# -- answers read off the seed documents ---------------------------------------------------


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory) -> tuple[Path, Graph]:
    folder = ROOT.parent / "shared" / "corpus" / "seeds"
    if not folder.is_dir():
        if IN_CI:
            pytest.fail(f"{folder} is missing")
        pytest.skip("../shared is not beside this checkout")
    db = tmp_path_factory.mktemp("seeds") / "db"
    policygraph.load([folder], db)
    return db, policygraph.open_store(db).read()


def ask(g: Graph, template: str, /, **params) -> list[dict]:
    return run_query(template, params, graph=g)


def test_seed_answers_about_minhang(seeds_graph):
    db, g = seeds_graph
    # 区总工会开展“稳就业促发展构和谐”集体协商百日行动，组织开展……“十个一”活动，推出“云协商”
    programs = {r["program"] for r in policygraph.query("programs_in_place", place="闵行区", db=db)}
    assert {"云协商", "十个一", "稳就业促发展构和谐"} <= programs
    # 闵行区整合…资源…。2019年以来,建立“闵工学堂”50家: set up in 闵行区
    assert "闵工学堂" in programs
    (profile,) = ask(g, "actor_profile", name="闵行区总工会")
    assert profile["kind"] == "union" and "区总工会" in profile["aliases"]
    assert {"type": "LOCATED_IN", "direction": "out", "name": "闵行区", "id": "Place:闵行区"} in (
        profile["relationships"]
    )
    near = {r["name"]: r["distance"] for r in ask(g, "neighbourhood", name="闵行区总工会", k=2)}
    assert near["闵行区"] == 1 and near["云协商"] == 1 and near["闵行区委"] == 2
    timeline = {(r["label"], r["name"]) for r in ask(g, "place_timeline", place="闵行区")}
    assert ("Policy", "关于推进新时期闵行区产业工人队伍建设改革的实施意见") in timeline
    # 通过召开政府与工会联席会议: a standing joint body named by its parties, not a meeting
    assert ("Event", "政府与工会联席会议") not in timeline
    (joint,) = ask(g, "actor_profile", name="政府与工会联席会议")
    assert joint["kind"] == "coordination"
    evidence = ask(
        g, "relationship_evidence", source="闵行区总工会", target="闵行区", type="LOCATED_IN"
    )
    assert any("闵行区总工会关注产业工人的思想动态" in r["sentence"] for r in evidence)
    path = ask(g, "shortest_path", source="闵行区委", target="云协商")
    assert [r["to_node"] for r in path] == ["闵行区", "闵行区总工会", "云协商"]
    assert all(r["evidence"] and r["evidence"][0]["sentence"] for r in path)
    assert ask(g, "most_connected", label="Organization", limit=1)[0]["name"] == "闵行区总工会"
    together = {r["name"] for r in ask(g, "co_mentioned", name="闵行区总工会", limit=200)}
    assert {"闵行区", "闵工学堂", "上海职工学堂"} <= together


def test_seed_answers_about_policies_people_and_partners(seeds_graph):
    _, g = seeds_graph
    # 中央全面深化改革领导小组第三十二次会议审议通过《新时期产业工人队伍建设改革方案》
    cascade = ask(g, "policy_cascade", policy="新时期产业工人队伍建设改革方案")
    assert cascade[0]["depth"] == 0
    assert cascade[0]["issuers"] == ["中央全面深化改革领导小组"]
    assert cascade[0]["level"] == "national"
    issued = {(r["issuer"], r["policy"]) for r in ask(g, "issued_by_level", level="national")}
    assert {("中共中央", "中共中央国务院关于深化产业工人队伍建设改革的意见"),
            ("国务院", "中共中央国务院关于深化产业工人队伍建设改革的意见")} <= issued  # fmt: skip
    # 市人大常委会副主任、市总工会主席王家全; 市委书记项雪龙
    people = {(r["person"], r["title"], r["organization"]) for r in ask(g, "people_positions")}
    assert {("王家全", "主席", "连云港市总工会"), ("项雪龙", "书记", "连云港市委")} <= people
    # 广丰区总工会……联合广丰区文化广电新闻出版旅游局在“爱心驿站”内打造“城市书吧”
    actors = {r["actor"] for r in ask(g, "program_actors", program="城市书吧")}
    # 江西省上饶市广丰区总工会 is named from its most specific place
    assert {"广丰区总工会", "广丰区文化广电新闻出版旅游局"} <= actors
    partners = ask(g, "partners", name="广丰区总工会")
    assert {"partner": "广丰区文化广电新闻出版旅游局", "id": "Organization:广丰区文化广电新闻出版旅游局",
            "via": ["PARTNERS_WITH", "co-organizer"], "shared": ["城市书吧"]} in partners  # fmt: skip
    # 邹平市总……组织开展心理健康宣讲活动30余场,参与职工3万余人
    figures = {(r["value"], r["unit"]) for r in ask(g, "reported_figures", name="邹平市总工会")}
    assert {(30, "场"), (30000, "人")} <= figures
    assert ask(g, "name_search", q="闵行")[0]["name"] == "闵行区"  # 闵行 is an alias
    # 2018年,闵行区制定《关于推进新时期闵行区产业工人队伍建设改革的实施意见》: the
    # Minhang opinion carries out the national plan (its title repeats the plan's subject)
    cascade = ask(g, "policy_cascade", policy="新时期产业工人队伍建设改革方案")
    assert ("关于推进新时期闵行区产业工人队伍建设改革的实施意见", 1) in {
        (r["policy"], r["depth"]) for r in cascade
    }
    assert ask(g, "name_search", q="全总")[0]["name"] == "中华全国总工会"


def test_answers_the_extractor_cannot_give_yet_on_a_graph_of_the_minhang_facts():
    """The Minhang facts as a graph of their own, every relationship type a template reads."""
    g = minhang_graph()
    assert ask(g, "programs_in_place", place="上海市") == [
        {"program": "闵工学堂", "id": "Program:闵工学堂", "via": ["located", "organizer"],
         "places": ["闵行区"]}]  # fmt: skip
    cascade = ask(g, "policy_cascade", policy="新时期产业工人队伍建设改革方案")
    assert [(r["policy"], r["depth"], r["date"]) for r in cascade] == [
        ("新时期产业工人队伍建设改革方案", 0, "2017-02-06"),
        ("关于推进新时期闵行区产业工人队伍建设改革的实施意见", 1, "2020-11-20"),
    ]
    assert ask(g, "group_targets", name="产业工人") == [
        {"group_name": "产业工人", "source": "闵工学堂", "label": "Program"}
    ]
    assert ask(g, "reported_figures", name="上海市") == [
        {"subject": "闵工学堂", "metric": "累计培训职工", "value": 35000, "unit": "人次",
         "period": "2019-2020"}]  # fmt: skip


# -- parity with Neo4j ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def neo4j_module():
    """The real Neo4j of scripts/neo4j-start for this module; a failure, not a skip, in CI."""
    with pytest.MonkeyPatch.context() as mp:
        store = connect_test_neo4j(mp.setenv)
        yield store
        store.clear()
        store.close()


def answer(name: str, params: dict, **where) -> list | str:
    """The rows ``run_query`` gives, or the message of the error it raises (a name that
    fits no node, a value not among a parameter's choices)."""
    try:
        return run_query(name, params, **where)
    except PolicyGraphError as exc:
        return f"{type(exc).__name__}: {exc}"


def assert_parity(g: Graph, neo4j, checked: list[tuple[str, dict]]) -> set[str]:
    """Every case answered alike by both stores (the same rows, or the same error for a
    name that fits no node); return the templates that had rows."""
    answered = set()
    for name, params in checked:
        embedded = answer(name, params, graph=g)
        assert embedded == answer(name, params, store="neo4j", neo4j=neo4j), (name, params)
        if embedded and isinstance(embedded, list):
            answered.add(name)
    return answered


def test_the_store_answers_from_its_indexes_as_the_graph_in_memory(seeds_graph, tmp_path):
    """The twins on the store's LazyGraph (rows fetched as asked) give the rows they give
    on the whole graph read into memory: the seeds, and synthetic and Minhang graphs."""
    db, g = seeds_graph
    stores = [(db, g)]
    for i, graph in enumerate((synthetic(), minhang_graph())):
        with policygraph.open_store(tmp_path / f"s{i}").transaction() as stored:
            stored.nx = graph.nx
        stores.append((tmp_path / f"s{i}", graph))
    for folder, graph in stores:
        for name, params in cases(graph) + [("name_search", {"q": 'a"\\'})]:
            # the same rows, or the same error for a name that fits no node
            assert answer(name, params, db=folder) == answer(name, params, graph=graph), (
                name,
                params,
            )


def curation_naming(g: Graph) -> str:
    """Corrections of every kind on the most connected nodes of ``g``."""
    orgs = [r["name"] for r in run_query("most_connected", {"label": "Organization"}, graph=g)]
    places = sorted(d["name"] for _, d in g.nodes("Place"))
    u, v, t, _ = next(r for r in sorted(g.relationships()) if r[2] == "LOCATED_IN")
    return "\n".join(
        [
            f"- merge: {{label: Organization, into: {orgs[0]}, names: [{orgs[1]}, {orgs[5]}]}}",
            f"- rename: {{label: Organization, from: {orgs[2]}, to: 新名称总工会}}",
            f"- kind: {{name: {orgs[3]}, kind: coordination}}",
            f"- drop: {{label: Place, name: {places[0]}}}",
            "- add_relation: {type: PARTNERS_WITH, note: n,"
            f" source: {{label: Organization, name: {orgs[4]}}},"
            f" target: {{label: Organization, name: 新名称总工会}}}}",
            f"- drop_relation: {{type: {t}, source: {{label: {g.node(u)['labels'][0]},"
            f" name: {g.node(u)['name']}}}, target: {{label: {g.node(v)['labels'][0]},"
            f" name: {g.node(v)['name']}}}}}",
        ]
    )


def test_a_curated_store_answers_from_its_indexes_as_the_curated_graph(seeds_graph, tmp_path):
    """With a curation file, the LazyGraph (and stats) curate only the nodes it names,
    and still answer as the whole graph read and curated does."""
    db, _ = seeds_graph
    seeds = tmp_path / "seeds"
    shutil.copytree(db, seeds)
    synthetic_db = tmp_path / "synthetic"
    with policygraph.open_store(synthetic_db).transaction() as stored:
        stored.nx = synthetic().nx
    for folder in (seeds, synthetic_db):
        store = policygraph.open_store(folder)
        store.curation_path.write_text(curation_naming(store.read_raw()), encoding="utf-8")
        curated = store.read()
        assert "Organization:新名称总工会" in curated.nx
        counted = policygraph.stats(folder)  # from the indexes, and the curated nodes
        assert counted.pop("document_list") == curated.documents()
        assert counted == curated.stats()
        for name, params in cases(curated):
            # the same rows, or the same error for a name that fits no node
            assert answer(name, params, db=folder) == answer(name, params, graph=curated), (
                name,
                params,
            )


@pytest.mark.neo4j
def test_parity_on_the_seeds_loaded_together(neo4j_module, seeds_graph):
    db, g = seeds_graph
    neo4j_module.clear()
    policygraph.push(db)
    answered = assert_parity(g, neo4j_module, cases(g))
    assert len(answered) >= 13, sorted(set(templates()) - answered)


@pytest.mark.neo4j
def test_parity_on_synthetic_graphs(neo4j_module):
    answered = set()
    for g in (synthetic(), minhang_graph()):
        neo4j_module.clear()
        neo4j_module.write(g)
        answered |= assert_parity(g, neo4j_module, cases(g))
    assert answered == set(templates())


@pytest.mark.neo4j
def test_hostile_values_travel_as_parameters_and_change_nothing(neo4j_module, seeds_graph):
    db, g = seeds_graph
    neo4j_module.clear()
    neo4j_module.write(g)
    before = neo4j_module.counts(), neo4j_module.constraints()
    stored = hashlib.sha256((Path(db) / "graph.sqlite").read_bytes()).hexdigest()
    for name, t in templates().items():
        strings = [p.name for p in t.params if p.type == "string"]
        for value in HOSTILE:
            params = {**t.examples(), **dict.fromkeys(strings, value)}
            embedded = answer(name, params, db=db)
            assert embedded == answer(name, params, store="neo4j", neo4j=neo4j_module)
        with pytest.raises(QueryError):
            run_query(name, {"limit": "1 MATCH (n) DETACH DELETE n"}, db=db)
    assert (neo4j_module.counts(), neo4j_module.constraints()) == before
    assert hashlib.sha256((Path(db) / "graph.sqlite").read_bytes()).hexdigest() == stored


# -- the CLI -------------------------------------------------------------------------------


def test_cli_lists_runs_and_shows_templates(cli, seeds_graph):
    db, _ = seeds_graph
    result = cli("queries")
    assert result.exit_code == 0
    assert "programs_in_place" in result.output and "name_search" in result.output
    result = cli(
        "query", "programs_in_place", "--param", "place=闵行区", "--db", db, "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert "云协商" in {r["program"] for r in json.loads(result.stdout)}
    result = cli(
        "query", "people_positions", "--param", "name=连云港市总工会", "--db", db, "--format", "csv"
    )
    assert result.stdout.splitlines() == [
        "\ufeffperson,title,organization",
        "王家全,主席,连云港市总工会",
    ]
    result = cli("query", "programs_in_place", "--param", "place=闵行区", "--db", db)
    assert "云协商" in result.output and "row(s)" in result.output
    result = cli(
        "query", "policy_cascade", "--show", "--param", "policy=新时期产业工人队伍建设改革方案"
    )
    assert result.exit_code == 0
    assert result.stdout.startswith(':param policy => "新时期产业工人队伍建设改革方案";')


def test_cli_errors_list_the_right_names(cli, db):
    result = cli("query", "programs", "--db", db)
    assert result.exit_code == 1
    assert "Error: no query template 'programs'; the templates: actor_profile" in result.output
    result = cli("query", "programs_in_place", "--param", "plase=闵行区", "--db", db)
    assert result.exit_code == 1 and "its parameters: place, limit" in result.output
    result = cli("query", "neighbourhood", "--param", "name=x", "--param", "k=7", "--db", db)
    assert result.exit_code == 1 and "k must be between 1 and 4" in result.output
    result = cli("query", "neighbourhood", "--param", "name", "--db", db)
    assert result.exit_code == 1 and "write it as name=value" in result.output


@pytest.mark.neo4j
def test_cli_answers_alike_from_neo4j(cli, neo4j_module, seeds_graph, monkeypatch):
    db, g = seeds_graph
    neo4j_module.clear()
    neo4j_module.write(g)
    monkeypatch.setenv("NEO4J_URI", neo4j_module.settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_module.settings.password)
    args = ("query", "shortest_path", "--param", "source=闵行区委", "--param", "target=云协商")
    embedded = cli(*args, "--db", db, "--format", "json")
    remote = cli(*args, "--store", "neo4j", "--format", "json")
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(embedded.stdout) != []


@pytest.mark.neo4j
def test_push_creates_the_cjk_full_text_index_and_a_missing_one_gets_a_hint(neo4j_module):
    neo4j_module.clear()
    neo4j_module.write(minhang_graph())
    (index,) = neo4j_module._run(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options "
        "WHERE name = 'entity_names' RETURN *"
    )
    assert index["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"
    assert set(index["properties"]) == {"name", "aliases"} and "Person" in index["labelsOrTypes"]
    found = run_query("name_search", {"q": "行区总"}, store="neo4j", neo4j=neo4j_module)
    assert [r["name"] for r in found] == ["闵行区总工会"]
    neo4j_module._run("DROP INDEX entity_names")
    try:
        with pytest.raises(PolicyGraphError, match="`policygraph push` or `policygraph doctor`"):
            run_query("name_search", {"q": "闵行"}, store="neo4j", neo4j=neo4j_module)
    finally:
        neo4j_module.ensure_constraints()
    assert run_query("name_search", {"q": "闵行"}, store="neo4j", neo4j=neo4j_module)
