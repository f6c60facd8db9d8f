"""Settings: the data folder, and Neo4j's connection from the environment or a .env file."""

from __future__ import annotations

import os

import pytest

from policygraph.config import data_dir, neo4j_settings
from policygraph.errors import PolicyGraphError


def test_data_dir_prefers_the_option_then_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYGRAPH_DB", str(tmp_path / "env"))
    assert data_dir(tmp_path / "opt") == tmp_path / "opt"
    assert data_dir() == tmp_path / "env"
    monkeypatch.delenv("POLICYGRAPH_DB")
    assert data_dir().as_posix() == "policygraph-data"


def test_neo4j_settings_come_from_a_dot_env_and_hide_the_password(monkeypatch, tmp_path):
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PolicyGraphError, match="NEO4J_PASSWORD is not set"):
        neo4j_settings()
    (tmp_path / ".env").write_text(
        "NEO4J_URI=bolt://db.example:7687\nNEO4J_PASSWORD=s3cret-pass\n", encoding="utf-8"
    )
    settings = neo4j_settings()
    assert settings.uri == "bolt://db.example:7687"
    assert settings.username == "neo4j" and settings.password == "s3cret-pass"
    assert "s3cret-pass" not in repr(settings)
    assert "NEO4J_URI" not in os.environ  # read, not written into the environment
    monkeypatch.setenv("NEO4J_PASSWORD", "from-environment")
    assert neo4j_settings().password == "from-environment"  # the environment wins over .env
