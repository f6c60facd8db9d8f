"""What every ``policygraph`` command module shares: the consoles, ``--db``, the error line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from policygraph.printable import printable

# Markup and emoji codes off: a title, path or name holding [/x] or :x: is data, printed
# as written; the few coloured prefixes are styled by say().
out = Console(markup=False, emoji=False)
err = Console(stderr=True, markup=False, emoji=False)
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
    say(err, "Error:", "red", str(exc))
    raise typer.Exit(1)


def say(console: Console, prefix: str, style: str, message: str) -> None:
    """One line: a coloured prefix, then ``message`` as written (undecodable bytes and
    control characters in backslash form, so it stays one line)."""
    console.print(Text.assemble((prefix, style), " ", printable(message)), soft_wrap=True)
