"""The one reader of policygraph's settings from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from policygraph.errors import PolicyGraphError

DEFAULT_DB = "policygraph-data"


def data_dir(db: str | os.PathLike[str] | None = None) -> Path:
    """The embedded store's folder: ``db`` if given, else ``POLICYGRAPH_DB``, else ``./policygraph-data``.

    >>> data_dir("/tmp/x").as_posix()
    '/tmp/x'
    """
    chosen = db or os.environ.get("POLICYGRAPH_DB") or DEFAULT_DB
    return Path(chosen).expanduser()


@dataclass(frozen=True)
class Neo4jSettings:
    """Where Neo4j is and how to log in; ``repr`` never shows the password."""

    uri: str
    username: str
    password: str = field(repr=False)
    database: str


def neo4j_settings() -> Neo4jSettings:
    """NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE, as Neo4j's tools read them.

    A ``.env`` file in the working folder fills in what the environment leaves unset.
    """
    # .env fills in what the environment leaves unset, without changing the environment.
    env = {**dotenv_values(Path.cwd() / ".env"), **os.environ}
    password = env.get("NEO4J_PASSWORD")
    if not password:
        raise PolicyGraphError(
            "NEO4J_PASSWORD is not set; set it (or put it in .env) to the password of "
            "your Neo4j server, e.g. the one `docker compose up -d` started"
        )
    return Neo4jSettings(
        uri=env.get("NEO4J_URI") or "bolt://127.0.0.1:7687",
        username=env.get("NEO4J_USERNAME") or "neo4j",
        password=password,
        database=env.get("NEO4J_DATABASE") or "neo4j",
    )
