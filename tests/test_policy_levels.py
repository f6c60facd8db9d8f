"""A policy's level and date: one answer in the query templates and the cascade map.

The demo corpus's 湖北省 opinion implements the central 意见 and names its province in
its title; neither document dates the policy itself.
"""

from __future__ import annotations

import policygraph
from policygraph.viz import subgraphs
from policygraph.viz.layout import LEVEL_NAMES, POLICY_LEVELS, cascade_positions, node_date

CENTRAL = "中共中央国务院关于深化产业工人队伍建设改革的意见"
HUBEI = "关于深化新时代湖北省产业工人队伍建设改革的实施意见"


def test_policy_cascade_gives_the_level_and_date_the_cascade_map_draws(demo_db):
    graph = policygraph.read_graph(demo_db)
    rows = policygraph.query("policy_cascade", policy=CENTRAL, db=demo_db)
    assert {row["policy"] for row in rows} >= {CENTRAL, HUBEI}
    part = subgraphs.cascade(graph, CENTRAL)
    _, bands = cascade_positions(part)
    for row in rows:
        assert [LEVEL_NAMES[POLICY_LEVELS[lv]] for lv in row["levels"]] == [bands[row["id"]]]
        assert (row["date"] or "") == node_date(part, row["id"])
    assert next(r for r in rows if r["policy"] == HUBEI)["levels"] == ["province"]
