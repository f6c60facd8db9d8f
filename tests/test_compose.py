"""docker-compose.yml: how users start Neo4j; kept valid and on the tested version."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

TESTED_NEO4J = "5.26"


def test_compose_runs_the_tested_neo4j_with_auth_from_the_environment():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    neo4j = compose["services"]["neo4j"]
    assert re.fullmatch(rf"neo4j:{re.escape(TESTED_NEO4J)}(\.\d+)?-community", neo4j["image"])
    ports = {p.rsplit(":", 1)[-1] for p in neo4j["ports"]}
    assert ports == {"7474", "7687"}
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    volume = neo4j["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]  # a named volume, not a bind mount
    assert neo4j["healthcheck"]["test"]
