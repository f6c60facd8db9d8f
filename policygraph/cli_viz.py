"""``policygraph viz`` and ``policygraph report``: thin shells over :mod:`policygraph.viz`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

import policygraph
from policygraph.cli import app, parse_params
from policygraph.cli_common import DbOption, SinceOption, UntilOption, _fail, err, out, say
from policygraph.errors import PolicyGraphError


@app.command()
def viz(
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "map.html"
    ),
    title: Annotated[str, typer.Option(help="Title shown on the map.")] = "policygraph",
    ego: Annotated[
        str | None, typer.Option(help="Map the neighbourhood of this actor (name or alias).")
    ] = None,
    hops: Annotated[int, typer.Option(help="Steps around --ego.", min=1, max=6)] = 1,
    place: Annotated[
        str | None, typer.Option(help="Map a place and what is located in it.")
    ] = None,
    labels: Annotated[
        str | None, typer.Option(help="Map these labels only, comma-separated (Policy,Program).")
    ] = None,
    cascade: Annotated[
        str | None,
        typer.Option(help="Map a policy's cascade, top-down by level and date."),
    ] = None,
    node: Annotated[
        list[str] | None,
        typer.Option(help="Map these nodes and the relationships between them (repeatable)."),
    ] = None,
    rows: Annotated[
        Path | None,
        typer.Option(
            help="Map the nodes named in query rows: a JSON array of objects, as "
            "`cypher … --format json` prints ('-' reads standard input).",
        ),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(help="Map the nodes a query template's answer names (see `queries`)."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", metavar="NAME=VALUE", help="A --query parameter: name=value."),
    ] = None,
    max_nodes: Annotated[
        int | None,
        typer.Option(help="Keep at most this many nodes, the most connected \\[default: 1500]."),
    ] = None,
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Draw an interactive HTML network map that works offline."""
    try:
        if query is not None:
            if rows is not None:
                raise PolicyGraphError("use --query or --rows, not both")
            answer = policygraph.query(
                query, db=db, since=since, until=until, **parse_params(param)
            )
            if not answer:
                raise PolicyGraphError(f"query {query} found nothing to map")
        info = policygraph.draw(
            output,
            db,
            title,
            ego=ego,
            hops=hops,
            place=place,
            labels=[x.strip() for x in labels.split(",") if x.strip()] if labels else None,
            cascade=cascade,
            names=node,
            rows=answer if query is not None else (_read_rows(rows) if rows else None),
            max_nodes=max_nodes,
            since=since,
            until=until,
        )
    except (PolicyGraphError, OSError) as exc:
        _fail(exc)
    if info.notice:
        say(err, "Note:", "yellow", info.notice)
    hidden = (
        f" ({info.hidden} of them, figures and unconnected names, behind the legend's switches)"
        if info.hidden
        else ""
    )
    out.print(
        f"Map of {info.nodes} nodes{hidden} and {info.edges} relationships written to "
        f"{info.path.resolve()} ({info.size_bytes / 1024:.0f} KiB)",
        highlight=False,
    )


def _read_rows(path: Path) -> list[dict]:
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyGraphError(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from exc
    try:
        rows = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PolicyGraphError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise PolicyGraphError(f"{path}: expected a JSON array of objects")
    return rows


@app.command()
def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "report.html"
    ),
    title: Annotated[str, typer.Option(help="Title of the report.")] = "policygraph report",
    table: Annotated[
        list[str] | None,
        typer.Option(
            help="One more table: TITLE=FILE, FILE a JSON array of objects such as "
            "`cypher … --format json` prints (repeatable).",
        ),
    ] = None,
    charts: Annotated[
        Path | None, typer.Option(help="Also write the charts as SVG files into this folder.")
    ] = None,
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Write one self-contained HTML page: counts, charts, maps and tables."""
    from policygraph.viz.report import Table

    try:
        more = []
        for spec in table or []:
            name, sep, file = spec.partition("=")
            if not sep or not file:
                raise PolicyGraphError(f"--table {spec!r}: expected TITLE=FILE")
            more.append(Table(name, _read_rows(Path(file))))
        info = policygraph.report(
            output, db, title, more_tables=more, charts_dir=charts, since=since, until=until
        )
    except (PolicyGraphError, OSError) as exc:
        _fail(exc)
    out.print(
        f"Report with {info.maps} maps, {info.charts} charts and {info.tables} tables written "
        f"to {info.path.resolve()} ({info.size_bytes / 1024:.0f} KiB)",
        highlight=False,
    )
    if charts:
        out.print(f"Charts written to {charts.resolve()}", highlight=False)
