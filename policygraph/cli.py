"""The ``policygraph`` command: a thin typer shell over :mod:`policygraph`."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

import policygraph
from policygraph.cli_common import (
    STATE,
    DbOption,
    PlainGroup,
    SinceOption,
    UntilOption,
    _fail,
    err,
    out,
    plain_commands,
    say,
)
from policygraph.cli_curation import candidates, curate, print_curation
from policygraph.errors import PolicyGraphError
from policygraph.printable import printable

app = typer.Typer(
    help="Turn folders of Chinese policy documents into a graph of actors, programs and policies.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=PlainGroup,
)
QUIET_LOGGERS = ("trafilatura", "pypdf", "neo4j", "htmldate", "courlan", "charset_normalizer")


class StoreChoice(StrEnum):
    embedded = "embedded"
    neo4j = "neo4j"


class RowFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    node_link = "node-link"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"
    xlsx = "xlsx"


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    STATE["debug"] = debug
    for stream in (sys.stdout, sys.stderr):  # a name no encoding holds prints escaped
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    # The libraries we read and write with log their own warnings (a malformed
    # PDF, a retried transaction); the user gets our one-line report instead.
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.CRITICAL)
    _show_notes()


class _NoteHandler(logging.Handler):
    """policygraph's own notes (a store migrated) as one line each on standard error."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"Note: {record.getMessage()}", markup=False, highlight=False, soft_wrap=True)


def _show_notes() -> None:
    logger = logging.getLogger("policygraph")
    if not any(isinstance(h, _NoteHandler) for h in logger.handlers):
        logger.addHandler(_NoteHandler())
        logger.propagate = False


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")],
    db: DbOption = None,
    neo4j: Annotated[
        bool, typer.Option("--neo4j", help="Also bring Neo4j (NEO4J_* settings) in step.")
    ] = False,
    store: Annotated[
        StoreChoice, typer.Option("--store", help="neo4j: the same as --neo4j.")
    ] = StoreChoice.embedded,
    curation: Annotated[
        Path | None, typer.Option(help="Curation YAML (default: <db>/curation.yaml, if any).")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Processes that extract at once (default: the cores)."
        ),
    ] = None,
) -> None:
    """Load documents into the graph; re-loading a document replaces what it gave before."""
    try:
        columns = [
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
        ]
        # no bar where stderr is no terminal (a log, make): it would leave an empty line
        bar = Progress(*columns, console=err, transient=True, disable=not err.is_terminal)
        with bar as progress:
            task = progress.add_task("Reading documents", total=None)
            report = policygraph.load(
                paths,
                db,
                on_start=lambda total: progress.update(task, total=total),
                on_file=lambda _: progress.advance(task),
                # the bar would sit full while the store is written: say so, no estimate
                on_phase=lambda phase: progress.update(task, description=phase, total=None),
                debug=STATE["debug"],
                curation=curation,
                jobs=jobs,
            )
    except PolicyGraphError as exc:
        _fail(exc)
    for _, reason in report.skipped:
        say(err, "Skipped:", "yellow", reason)
    if report.identical:  # one print: rich styles each call's text, hundreds of lines
        lines = [
            printable(f"Same text as {other}: {file} (one document, {doc_id})")
            for file, doc_id, other in report.identical
        ]
        err.print("\n".join(lines), soft_wrap=True, highlight=False)
    where = policygraph.open_store(db).folder
    out.print(load_summary(report, where), highlight=False, soft_wrap=True)
    print_curation(report.curation)
    if not report.ok:
        raise typer.Exit(1)
    if neo4j or store == StoreChoice.neo4j:
        push(db)


def load_summary(report: policygraph.LoadReport, where: Path) -> str:
    """What a load did, in counts that add up: the articles found are those loaded plus
    those identical to one loaded (kept once); skipped files and paths come apart.

    >>> from policygraph.ingest import LoadReport
    >>> r = LoadReport(loaded=[("a.txt", "d1", "t"), ("b.txt", "d2", "t")], files=4,
    ...                skipped=[("c.doc", "c.doc: unsupported")], duplicates=[("d.txt", "d1")],
    ...                already_loaded=["d2"])
    >>> print(load_summary(r, Path("db")))
    Found 4 file(s) holding 3 article(s): 2 loaded into db (1 already there, loaded again), 1 identical to another article (kept once); skipped 1 (reasons above)
    """
    articles = len(report.loaded) + len(report.duplicates)
    text = f"Found {report.files} file(s) holding {articles} article(s): "
    text += f"{len(report.loaded)} loaded into {where}"
    if report.already_loaded:
        text += f" ({len(report.already_loaded)} already there, loaded again)"
    if report.duplicates:
        text += f", {len(report.duplicates)} identical to another article (kept once)"
    if report.skipped:
        text += f"; skipped {len(report.skipped)} (reasons above)"
    return text


app.command()(candidates)
app.command()(curate)


@app.command()
def unload(
    document: Annotated[
        str,
        typer.Argument(help="A document id, or the file or folder it was read from (may be gone)."),
    ],
    db: DbOption = None,
) -> None:
    """Remove a document's evidence, and whatever is left with none."""
    try:
        report = policygraph.unload(document, db)
    except PolicyGraphError as exc:
        _fail(exc)
    removed = f"Unloaded {len(report.removed)} document(s)"
    out.print(
        f"{removed}: {', '.join(report.removed)}" if report.removed else removed,
        markup=False,
        highlight=False,
    )
    for doc_id, paths in report.kept.items():
        out.print(
            f"Kept {doc_id}: also read from {', '.join(paths)}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


@app.command()
def stats(
    db: DbOption = None,
    documents: Annotated[
        bool, typer.Option("--documents", help="List the documents too: date, title, source, file.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Counts of nodes by label and relationships by type, and documents loaded."""
    try:
        result = policygraph.stats(db, documents=documents)
    except PolicyGraphError as exc:
        _fail(exc)
    doc_list = result.pop("document_list", [])
    if as_json:
        if documents:
            result["document_list"] = doc_list
        out.print_json(json.dumps(result, ensure_ascii=False))
        return
    out.print(f"Documents: {result['documents']}", highlight=False)
    for heading, counts in (("Label", result["nodes"]), ("Relationship", result["relationships"])):
        table = Table(heading, "Count")
        for name, count in counts.items():
            table.add_row(name, str(count))
        out.print(table)
    if documents:
        table = Table("Document id", "Date", "Title", "Source", "File")
        for column in table.columns:
            column.overflow = "fold"  # ids and file names whole: they are typed back in
        for doc in sorted(doc_list, key=lambda d: (str(d.get("date") or "9999"), d["doc_id"])):
            cells = (
                doc["doc_id"],
                doc.get("date"),
                doc["name"],
                doc.get("source"),
                doc.get("file"),
            )
            table.add_row(*[str(c or "") for c in cells])  # the consoles read no markup
        out.print(table)


@app.command()
def export(
    output: Annotated[
        Path, typer.Option("-o", "--output", help="File to write (a folder for csv).")
    ],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Export format.")] = (
        ExportFormat.node_link
    ),
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Export the graph as node-link JSON, GraphML, GEXF, or for spreadsheets: a folder of
    nodes.csv and relationships.csv, or one xlsx workbook (each relationship with its
    evidence sentences, document titles, dates and files)."""
    try:
        path = policygraph.export(output, fmt.value, db, since=since, until=until)
    except (PolicyGraphError, OSError) as exc:
        _fail(exc)
    out.print(f"Wrote {fmt.value} to {path}", highlight=False)


@app.command()
def push(db: DbOption = None) -> None:
    """Copy the embedded graph into Neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD)."""
    try:
        counts = policygraph.push(db)
    except PolicyGraphError as exc:
        _fail(exc)
    nodes, rels = sum(counts["nodes"].values()), sum(counts["relationships"].values())
    out.print(f"Neo4j now holds {nodes} nodes and {rels} relationships", highlight=False)


@app.command()
def pull(db: DbOption = None) -> None:
    """Replace the embedded graph with the one Neo4j holds."""
    try:
        result = policygraph.pull(db)
    except PolicyGraphError as exc:
        _fail(exc)
    out.print(
        f"Pulled {sum(result['nodes'].values())} nodes and {result['documents']} documents "
        f"into {policygraph.open_store(db).folder}",
        highlight=False,
    )


@app.command()
def doctor() -> None:
    """Check Neo4j: connection, server version, constraints, counts (password never shown)."""
    try:
        report = policygraph.doctor()
    except PolicyGraphError as exc:
        _fail(exc)
    out.print(
        f"Neo4j {report['version']} {report['edition']} at {report['uri']}: "
        f"{len(report['constraints'])} constraints",
        highlight=False,
    )
    table = Table("Label / relationship", "Count")
    for name, count in {**report["nodes"], **report["relationships"]}.items():
        table.add_row(name, str(count))
    out.print(table)


@app.command()
def cypher(
    query: Annotated[str, typer.Argument(help="A Cypher query; pass values with --param.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", metavar="NAME=VALUE", help="A query parameter: name=value."),
    ] = None,
    fmt: Annotated[RowFormat, typer.Option("--format", help="Output format.")] = RowFormat.table,
    write: Annotated[
        bool, typer.Option("--write", help="Allow writes, LOAD CSV and procedure calls.")
    ] = False,
) -> None:
    """Run Cypher on Neo4j; read-only unless --write."""
    from policygraph.graph.cypher import parse_params, run_cypher
    from policygraph.graph.neo4j import Neo4jStore

    try:
        params = parse_params(param or [])  # a bad value is reported before connecting
        with Neo4jStore() as store:
            store.server_info()
            columns, rows = run_cypher(store, query, params, write=write)
    except PolicyGraphError as exc:
        _fail(exc)
    print_rows(columns, rows, fmt)


@app.command("queries")
def list_queries() -> None:
    """List the query templates: name, description and parameters."""
    from policygraph.queries import templates

    table = Table("Name", "Description", "Parameters")
    for t in templates().values():
        params = "\n".join(p.describe() for p in t.params)
        table.add_row(t.name, f"{t.description_zh}\n{t.description_en}", params)
    out.print(table)


@app.command("query")
def run_template(
    name: Annotated[str, typer.Argument(help="A template name (see `policygraph queries`).")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", metavar="NAME=VALUE", help="A template parameter: name=value."),
    ] = None,
    fmt: Annotated[RowFormat, typer.Option("--format", help="Output format.")] = RowFormat.table,
    store: Annotated[
        StoreChoice, typer.Option("--store", help="Where to ask: the embedded store or Neo4j.")
    ] = StoreChoice.embedded,
    show: Annotated[
        bool, typer.Option("--show", help="Print the Cypher and its parameters, ready to paste.")
    ] = False,
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Answer a question with a query template, on the embedded store or Neo4j."""
    from policygraph.queries import template

    try:
        values = parse_params(param)
        tmpl = template(name)
        if show:
            print(tmpl.show(values), end="")
            return
        rows = policygraph.query(name, db=db, store=store.value, since=since, until=until, **values)
    except PolicyGraphError as exc:
        _fail(exc)
    if not rows:
        # the names resolved (else run_query raised): say that the answer is empty
        asked = ", ".join(f"{k}={v}" for k, v in values.items())
        console = out if fmt == RowFormat.table else err
        console.print(
            f"No rows: {name} found nothing" + (f" for {asked}" if asked else ""),
            highlight=False,
            soft_wrap=True,
        )
        if fmt == RowFormat.table:
            return
    print_rows(list(tmpl.columns), rows, fmt)


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """``--param k=v`` options as a dict; the template converts the values to their types."""
    from policygraph.errors import QueryError

    values = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"--param {pair!r}: write it as name=value")
        values[key] = value
    return values


def print_rows(columns: list[str], rows: list[dict], fmt: RowFormat) -> None:
    """Rows as a rich table, one JSON array, or CSV with a header and a BOM; table and CSV
    cells follow the spreadsheet rules (lists joined by ；, nothing for missing, evidence
    whole: :func:`policygraph.graph.sheets.cell_text`)."""
    from policygraph.graph.sheets import cell_text, csv_text

    if fmt == RowFormat.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == RowFormat.csv:
        sys.stdout.write(csv_text(columns, rows))
    else:
        table = Table(*columns)
        for column in table.columns:
            column.overflow = "fold"  # wrap long sentences, never cut them with …
        for row in rows:
            table.add_row(*[cell_text(row.get(c)) for c in columns])  # no markup read
        out.print(table)
        out.print(f"{len(rows)} row(s)", highlight=False)


# The map and report commands live in their own module (cli.py passed ~300 lines);
# importing it registers them on `app`.
from policygraph import cli_viz  # noqa: E402, F401

plain_commands(app)
