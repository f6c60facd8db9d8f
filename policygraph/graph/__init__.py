"""The graph: the canonical model, its stores and its exports."""

from policygraph.graph.model import Graph, node_id
from policygraph.graph.store import FileStore

__all__ = ["FileStore", "Graph", "node_id"]
