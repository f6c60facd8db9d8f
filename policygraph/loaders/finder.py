"""The shared entity finder, built once per process (its lexicons are read once)."""

from __future__ import annotations

from functools import cache

from policygraph.loaders.entities import EntityFinder


@cache
def entity_finder() -> EntityFinder:
    """The shared finder, built once per process (its lexicons are read once)."""
    return EntityFinder()
