"""Maps and charts of the graph."""
