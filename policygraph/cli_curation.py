"""The curation commands, ``policygraph candidates`` and ``policygraph curate``: thin shells.

They live apart from :mod:`policygraph.cli` so that file only registers them.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

import policygraph
from policygraph.cli_common import DbOption, _fail, err, out, say
from policygraph.errors import PolicyGraphError

if TYPE_CHECKING:
    from policygraph.graph.curation import CurationReport


class CandidateFormat(StrEnum):
    table = "table"
    yaml = "yaml"


def print_curation(report: CurationReport) -> None:
    """One line for what applied, one warning per correction that found nothing to change."""
    for line in report.skipped:
        say(err, "Curation:", "yellow", line)
    if report.applied or report.skipped:
        out.print(
            f"Curation: {len(report.applied)} correction(s) applied, "
            f"{len(report.skipped)} found nothing to change",
            highlight=False,
        )


def candidates(
    db: DbOption = None,
    label: Annotated[
        str | None, typer.Option("--label", help="Only this label, e.g. Organization.")
    ] = None,
    min_score: Annotated[
        float, typer.Option("--min-score", help="Lowest score shown (0-100).")
    ] = 80,
    fmt: Annotated[
        CandidateFormat, typer.Option("--format", help="yaml: curation merge entries to edit.")
    ] = CandidateFormat.table,
) -> None:
    """List likely duplicate nodes (same label, similar names), best first."""
    try:
        found = policygraph.candidates(db, label=label, min_score=min_score)
    except PolicyGraphError as exc:
        _fail(exc)
    if fmt == CandidateFormat.yaml:
        # plain print: rich would wrap long lines and read [..] as markup
        print("".join(c.as_yaml() for c in found), end="")
        return
    table = Table("Label", "Keep", "Merge", "Score", "Reason")
    for c in found:
        table.add_row(c.label, c.keep, c.other, str(c.score), c.reason)
    out.print(table)
    out.print(f"{len(found)} candidate pair(s)", highlight=False)


def curate(
    curation: Annotated[
        Path | None,
        typer.Argument(help="A curation YAML file (default: the store's curation.yaml)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Apply a curation file to the store (it becomes <db>/curation.yaml) and report."""
    try:
        report = policygraph.curate(db, curation)
    except PolicyGraphError as exc:
        _fail(exc)
    for line in report.applied:
        out.print(f"Applied {line}", highlight=False, soft_wrap=True)
    print_curation(report)
