"""Exports an analyst opens in a spreadsheet: ``nodes.csv`` and ``relationships.csv``
(UTF-8 with a BOM, so Excel reads the Chinese), or one ``.xlsx`` workbook.

Cells follow one rule everywhere, query output included (:func:`cell_text`): lists
joined by ``；``, nothing for a missing value, never JSON. Each relationship row holds
its evidence whole: the sentences, and the title, date and file of their documents,
in the same order.

>>> from policygraph.graph.model import Graph
>>> g = Graph()
>>> _ = g.add_document("d1", title="江汉区总工会综述", date="2024-05-16", file="jianghan.txt")
>>> union = g.add_mention("Organization", "江汉区总工会", "d1", form="区总工会", kind="union")
>>> place = g.add_mention("Place", "江汉区", "d1")
>>> g.add_relation("LOCATED_IN", union, place, doc="d1", sentence="江汉区总工会……")
>>> row = relationship_rows(g)[0]
>>> row["source"], row["target"], row["sentences"], row["dates"], row["files"]
('江汉区总工会', '江汉区', '江汉区总工会……', '2024-05-16', 'jianghan.txt')
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from policygraph.atomic import atomic_output, write_atomic
from policygraph.graph.model import DOCUMENT, MENTIONED_IN, Graph
from policygraph.schema import SCHEMA

LIST_SEPARATOR = "；"
BOM = "\ufeff"
NODE_COLUMNS = ("id", "label", "kind", "name", "aliases")
RELATIONSHIP_COLUMNS = (
    "type", "source", "source_label", "target", "target_label", "title",
    "evidence", "sentences", "documents", "dates", "files",
)  # fmt: skip


def cell_text(value: Any) -> str:
    """A value as a spreadsheet cell: lists joined by ；, nothing for None, a node by its
    name, a piece of evidence by its sentence; never JSON.

    >>> cell_text(["闵行区", "上海市"]), cell_text(None), cell_text({"name": "闵工学堂"})
    ('闵行区；上海市', '', '闵工学堂')
    >>> cell_text([{"doc": "d1", "sentence": "建立闵工学堂。"}]), cell_text(3), cell_text(True)
    ('建立闵工学堂。', '3', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, list | tuple | set):
        return LIST_SEPARATOR.join(cell_text(v) for v in value)
    if isinstance(value, dict):
        for key in ("sentence", "name"):
            if isinstance(value.get(key), str):
                return value[key]
        return ", ".join(f"{k}: {cell_text(v)}" for k, v in value.items())
    return str(value)


def node_columns() -> list[str]:
    """The nodes sheet's columns: id, label, kind, name, aliases, the schema's node
    properties, and the documents that mention the node."""
    extra = dict.fromkeys(p for props in SCHEMA.node_properties.values() for p in props)
    return [*NODE_COLUMNS, *extra, "documents"]


def node_rows(graph: Graph) -> list[dict[str, str]]:
    """One row per entity (Documents are the relationships' sources, not rows), by id."""
    columns = node_columns()
    rows = []
    for nid, data in sorted(graph.nodes()):
        if data["labels"][0] == DOCUMENT:
            continue
        docs = sorted(
            _title(graph.node(v))
            for _, v, k in graph.nx.out_edges(nid, keys=True)
            if k == MENTIONED_IN
        )
        row = {**data, "id": nid, "label": data["labels"][0], "documents": docs}
        rows.append({c: cell_text(row.get(c)) for c in columns})
    return rows


def relationship_rows(graph: Graph) -> list[dict[str, str]]:
    """One row per relationship (MENTIONED_IN aside), with its whole evidence."""
    rows = []
    for source, target, rel_type, data in sorted(graph.relationships(), key=lambda e: e[:3]):
        if rel_type == MENTIONED_IN:
            continue
        evidence = data.get("evidence", [])
        docs = [graph.nx.nodes.get(f"{DOCUMENT}:{e['doc']}", {}) for e in evidence]
        row = {
            "type": rel_type,
            "source": graph.node(source)["name"],
            "source_label": graph.node(source)["labels"][0],
            "target": graph.node(target)["name"],
            "target_label": graph.node(target)["labels"][0],
            "title": data.get("title"),
            "evidence": len(evidence),
            "sentences": [e["sentence"] for e in evidence],
            "documents": [
                _title(d) if d else e["doc"] for d, e in zip(docs, evidence, strict=True)
            ],
            "dates": [d.get("date") or "" for d in docs],
            "files": [d.get("file") or "" for d in docs],
        }
        rows.append({c: cell_text(row[c]) for c in RELATIONSHIP_COLUMNS})
    return rows


def _title(doc: dict[str, Any]) -> str:
    return doc.get("title") or doc.get("name") or doc.get("doc_id", "")


def csv_text(columns: list[str], rows: list[dict[str, Any]]) -> str:
    """Rows as CSV text with a header and a BOM; cells by :func:`cell_text`.

    >>> csv_text(["a", "b"], [{"a": ["x", "y"], "b": None}])
    '\\ufeffa,b\\r\\nx；y,\\r\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([[cell_text(row.get(c)) for c in columns] for row in rows])
    return BOM + buffer.getvalue()


def write_csv_folder(graph: Graph, folder: str | Path) -> Path:
    """Write ``folder/nodes.csv`` and ``folder/relationships.csv``; return the folder."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"{folder}: a file, not a folder; csv export writes a folder")
    folder.mkdir(parents=True, exist_ok=True)
    sheets = {
        "nodes.csv": (node_columns(), node_rows(graph)),
        "relationships.csv": (list(RELATIONSHIP_COLUMNS), relationship_rows(graph)),
    }
    for name, (columns, rows) in sheets.items():
        # as bytes: csv writes its own \r\n, which Excel expects
        write_atomic(folder / name, csv_text(columns, rows).encode("utf-8"))
    return folder


def write_xlsx(graph: Graph, path: str | Path) -> Path:
    """Write one workbook with the sheets ``nodes`` and ``relationships``; return its path."""
    from openpyxl import Workbook

    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    for title, columns, rows in (
        ("nodes", node_columns(), node_rows(graph)),
        ("relationships", list(RELATIONSHIP_COLUMNS), relationship_rows(graph)),
    ):
        sheet = book.create_sheet(title)
        sheet.append(columns)
        for row in rows:
            sheet.append([row[c] for c in columns])
        sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path, binary=True) as handle:
        book.save(handle)
    return path
