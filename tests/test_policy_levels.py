"""A policy's level and date: one answer in the query templates (embedded and Neo4j) and
the cascade map.

The invented cascade holds a policy of each kind: one whose text gives its level, one
known only by its issuers (located at a city and a county), one whose name holds a
province, one whose name holds a city's short form, one opening like a national body's
name, and one with no clue at all. The demo corpus's 湖北省 opinion implements the
central 意见 and names its province in its title.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import policygraph
from policygraph.graph.levels import LEVELS, policy_level_and_date
from policygraph.graph.model import Graph
from policygraph.queries import run_query, template
from policygraph.viz import subgraphs
from policygraph.viz.layout import cascade_positions, node_date

ROOT = "职工技能提升纲要"
BY_ISSUERS = "关于落实职工技能提升纲要的实施方案"
BY_NAME = "关于推进湖北省职工技能提升纲要落实的意见"
BY_SHORT_NAME = "黄石职工技能提升细则"
NATIONAL = "全总关于落实职工技能提升纲要的通知"
NO_CLUE = "职工技能提升配套措施"

# What policy_cascade answers for ROOT: (policy, depth, date, level), in its order.
EXPECTED = [
    (ROOT, 0, "2019-01-01", "national"),  # its own level and date, not its document's
    (BY_ISSUERS, 1, "2021-03-01", "city"),  # the higher of its issuers' places
    (NATIONAL, 1, "2021-06-01", "national"),  # 全总 opens its name
    (BY_SHORT_NAME, 2, "2021-06-01", "city"),  # 黄石, short for 黄石市
    (BY_NAME, 1, None, "province"),  # 湖北省, though its issuer sits in a county
    (NO_CLUE, 1, None, "unknown"),
]


def invented_cascade() -> Graph:
    """The cascade of ROOT (see the module docstring)."""
    g = Graph()
    g.add_document("d1", title="武汉职工技能提升", date="2021-03-01")
    g.add_document("d2", title="技能提升在行动", date="2021-06-01")
    g.add_document("d3", title="湖北职工技能提升")

    def m(label: str, name: str, *docs: str, **how) -> str:
        for doc in docs:
            nid = g.add_mention(label, name, doc, **how)
        return nid

    def rel(rel_type: str, a: str, b: str) -> None:
        g.add_relation(rel_type, a, b, doc="d1", sentence=f"{a}{rel_type}{b}")

    root = m("Policy", ROOT, "d1", properties={"level": "national", "date": "2019-01-01"})
    by_issuers = m("Policy", BY_ISSUERS, "d2", "d1")
    by_name = m("Policy", BY_NAME, "d3")
    by_short_name = m("Policy", BY_SHORT_NAME, "d2")
    national = m("Policy", NATIONAL, "d2")
    no_clue = m("Policy", NO_CLUE, "d3")
    centre = m("Organization", "职工服务中心", "d1", kind="other")
    society = m("Organization", "技能人才协会", "d1", kind="mass_org")
    rel("LOCATED_IN", centre, m("Place", "江汉区", "d1"))
    rel("LOCATED_IN", society, m("Place", "武汉市", "d1"))
    m("Place", "湖北省", "d3", form="湖北")
    m("Place", "黄石市", "d2", form="黄石")
    for issuer in (centre, society):
        rel("ISSUED", issuer, by_issuers)
    rel("ISSUED", centre, by_name)
    for policy in (by_issuers, by_name, national, no_clue):
        rel("IMPLEMENTS", policy, root)
    rel("IMPLEMENTS", by_short_name, by_name)
    return g


def store_of(graph: Graph, folder: Path) -> Path:
    """An embedded store in ``folder`` holding ``graph``."""
    with policygraph.open_store(folder).transaction() as stored:
        stored.nx = graph.nx
    return folder


def band(level: str) -> str:
    """The cascade map's band for a level word (``city`` → 市级)."""
    return LEVELS.bands[LEVELS.names.index(level)]


def map_data(html: str) -> dict:
    """The nodes and bands a map page carries."""
    found = re.search(r'<script type="application/json" class="pg-data">(.*?)</script>', html)
    return json.loads(found[1])


def test_the_query_and_the_cascade_map_give_one_level_and_date():
    g = invented_cascade()
    rows = run_query("policy_cascade", {"policy": ROOT}, graph=g)
    assert [(r["policy"], r["depth"], r["date"], r["level"]) for r in rows] == EXPECTED
    part = subgraphs.cascade(g, ROOT)
    positions, bands = cascade_positions(part, g)
    for row in rows:
        assert bands[row["id"]] == band(row["level"]), row["policy"]
        assert node_date(part, row["id"]) == (row["date"] or "")
        assert policy_level_and_date(g, row["id"]) == (row["level"], row["date"])
    # one band, ordered by date: the 2021-03-01 plan left of the 2021-06-01 rules
    assert positions[f"Policy:{BY_ISSUERS}"][0] < positions[f"Policy:{BY_SHORT_NAME}"][0]
    assert positions[f"Policy:{BY_ISSUERS}"][1] == positions[f"Policy:{BY_SHORT_NAME}"][1]


@pytest.mark.neo4j
def test_neo4j_gives_the_rows_of_the_embedded_store(neo4j_store, cli, tmp_path):
    g = invented_cascade()
    neo4j_store.write(g)
    remote = run_query("policy_cascade", {"policy": ROOT}, store="neo4j", neo4j=neo4j_store)
    assert remote == run_query("policy_cascade", {"policy": ROOT}, graph=g)
    assert [(r["policy"], r["depth"], r["date"], r["level"]) for r in remote] == EXPECTED
    _, bands = cascade_positions(subgraphs.cascade(g, ROOT), g)
    assert all(bands[r["id"]] == band(r["level"]) for r in remote)  # the map's bands
    for name, *_ in EXPECTED:  # each policy's own cascade too, from its own row
        params = {"policy": name}
        assert run_query("policy_cascade", params, store="neo4j", neo4j=neo4j_store) == (
            run_query("policy_cascade", params, graph=g)
        )
    # the CLI on Neo4j (the test's NEO4J_* settings) and on the embedded store
    args = ("query", "policy_cascade", "--param", f"policy={ROOT}", "--format", "json")
    on_neo4j = cli(*args, "--store", "neo4j")
    assert on_neo4j.exit_code == 0, on_neo4j.output
    embedded = cli(*args, "--db", store_of(g, tmp_path / "db"))
    assert json.loads(on_neo4j.stdout) == json.loads(embedded.stdout)


def test_cli_query_and_cascade_map_agree(cli, tmp_path):
    db = store_of(invented_cascade(), tmp_path / "db")
    result = cli(
        "query", "policy_cascade", "--param", f"policy={ROOT}", "--db", db, "--format", "json"
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["policy"], r["depth"], r["date"], r["level"]) for r in rows] == EXPECTED
    out = tmp_path / "cascade.html"
    result = cli("viz", "--cascade", ROOT, "-o", out, "--db", db)
    assert result.exit_code == 0, result.output
    data = map_data(out.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    tops = sorted((b["y"], b["label"]) for b in data["bands"])
    for row in rows:
        node = nodes[row["id"]]
        # the tooltip names its band, and the node is drawn in it
        assert f"\n层级: {band(row['level'])}" in node["title"], row["policy"]
        assert [label for y, label in tops if y <= node["y"]][-1] == band(row["level"])


def test_policy_cascade_gives_the_level_and_date_the_cascade_map_draws(demo_db):
    central = "中共中央国务院关于深化产业工人队伍建设改革的意见"
    hubei = "关于深化新时代湖北省产业工人队伍建设改革的实施意见"
    graph = policygraph.read_graph(demo_db)
    rows = policygraph.query("policy_cascade", policy=central, db=demo_db)
    assert {row["policy"] for row in rows} >= {central, hubei}
    part = subgraphs.cascade(graph, central)
    _, bands = cascade_positions(part, graph)
    for row in rows:
        assert bands[row["id"]] == band(row["level"])
        assert (row["date"] or "") == node_date(part, row["id"])
    assert next(r for r in rows if r["policy"] == hubei)["level"] == "province"


def cypher_list(words: tuple[str, ...]) -> str:
    return "[" + ", ".join(f"'{w}'" for w in words) + "]"


def admin_level_cypher(name: str) -> str:
    """The CASE expression of :func:`policygraph.graph.levels.admin_level`, written from
    the places lexicon's data, for the place name in variable ``name``."""
    lv = LEVELS

    def fits(op: str, words: tuple[str, ...]) -> str:
        return f"any(w IN {cypher_list(words)} WHERE {name} {op} w)"

    county = f"{fits('ENDS WITH', lv.county_ends)} AND NOT {fits('ENDS WITH', lv.not_county_ends)}"
    return f"""CASE
      WHEN {fits("STARTS WITH", lv.national_opens)} OR {name} IN {cypher_list(lv.national_names)} THEN 0
      WHEN {fits("STARTS WITH", lv.municipalities)} AND (substring({name}, 0, 4) CONTAINS '市' OR size({name}) <= 3)
        THEN CASE WHEN {county} THEN 3 ELSE 1 END
      WHEN {fits("STARTS WITH", lv.province_opens)} OR {fits("ENDS WITH", lv.province_ends)} THEN 1
      WHEN {county} THEN 3
      WHEN {fits("ENDS WITH", lv.city_ends)} THEN 2
      WHEN {fits("ENDS WITH", lv.township_ends)} THEN 4
      ELSE {lv.unknown} END"""


def test_the_template_spells_out_the_lexicons_levels():
    """policy_cascade.cypher pastes into Neo4j Browser as it is, so it writes the levels'
    data out; it must be the places lexicon's (change both, or this fails)."""
    words = " ".join(template("policy_cascade").cypher.split())
    expected = " ".join(admin_level_cypher("nm").split())
    assert expected in words, "policy_cascade.cypher should hold:\n" + admin_level_cypher("nm")
    assert f"{cypher_list(LEVELS.names)} AS levels" in words
    assert f"range(0, {LEVELS.unknown - 1})" in words and f", {LEVELS.unknown})]" in words
