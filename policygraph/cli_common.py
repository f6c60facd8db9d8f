"""What every ``policygraph`` command module shares: the consoles, ``--db``, the error line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

out = Console()
err = Console(stderr=True)
STATE = {"debug": False}  # set by the app's --debug option

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="POLICYGRAPH_DB",
        help="Data folder of the embedded store [default: ./policygraph-data].",
        show_default=False,
    ),
]


def _fail(exc: Exception) -> None:
    """One line for the user; the traceback only with --debug."""
    if STATE["debug"]:
        raise exc
    err.print(f"[red]Error:[/red] {exc}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)
