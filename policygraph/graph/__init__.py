"""The graph: the canonical model, its stores and its exports.

``Graph``, ``FileStore`` and ``node_id`` are imported on first use, so that a module
such as :mod:`policygraph.graph.names` loads without networkx.
"""

import importlib
from typing import Any

LAZY = {
    "Graph": "policygraph.graph.model",
    "node_id": "policygraph.graph.model",
    "FileStore": "policygraph.graph.store",
}

__all__ = ["FileStore", "Graph", "node_id"]


def __getattr__(name: str) -> Any:
    """The public names, imported when first asked for (PEP 562)."""
    if name in LAZY:
        return getattr(importlib.import_module(LAZY[name]), name)
    raise AttributeError(f"module 'policygraph.graph' has no attribute {name!r}")
