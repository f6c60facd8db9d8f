"""The one reader of policygraph's settings from the environment."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "policygraph-data"


def data_dir(db: str | os.PathLike[str] | None = None) -> Path:
    """The embedded store's folder: ``db`` if given, else ``POLICYGRAPH_DB``, else ``./policygraph-data``.

    >>> data_dir("/tmp/x").as_posix()
    '/tmp/x'
    """
    chosen = db or os.environ.get("POLICYGRAPH_DB") or DEFAULT_DB
    return Path(chosen).expanduser()
