"""What every ``policygraph`` command module shares: the consoles, ``--db``, the error line."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any, get_args

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperCommand, TyperGroup

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
        help="Data folder of the embedded store \\[default: ./policygraph-data].",
        show_default=False,
    ),
]

SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="Only what documents dated from DATE on say (2023, 2023-06, 2023-06-01).",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help="Only what documents dated up to DATE say, DATE included (2023, 2023-06 …).",
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


# Placeholders in --help by what a value is, not by its Python type (<list[Path]>).
PLACEHOLDERS = {Path: "PATH", int: "N", float: "NUMBER", str: "TEXT"}


def placeholder(annotation: Any) -> str:
    """The word ``--help`` shows for a value: PATH, N, TEXT, or the choices.

    >>> import enum
    >>> placeholder(list[Path]), placeholder(int), placeholder(enum.Enum("F", {"a": "a", "b": "b"}))
    ('PATH', 'N', 'a|b')
    """
    inner = [a for a in get_args(annotation) if a is not type(None)]
    if inner:
        return placeholder(inner[0])
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "|".join(str(member.value) for member in annotation)
    return PLACEHOLDERS.get(annotation, "TEXT")


def _plain_params(params: list) -> None:
    """Plain placeholders for ``params``: PATH, N, a|b, and nothing for a flag."""
    for param in params:
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", str)
        word = placeholder(annotation)
        if param.param_type_name == "argument":  # its metavar is its name in Usage
            word += "..." if param.nargs != 1 else ""
            param.display_type_rich = lambda ctx, word=word: word
        elif param.metavar is None:
            param.metavar = "" if getattr(param, "is_flag", False) else word


class PlainHelp:
    """Help with plain placeholders (PATH, N, a|b; nothing for a flag), and errors for a
    bad choice in words, without pydantic's "Value error," prefix."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_params(self.params)

    def get_params(self, ctx: Any) -> list:
        params = super().get_params(ctx)
        _plain_params(params)  # the help option and typer's completion options come late
        return params

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except typer.BadParameter as exc:
            exc.message = exc.message.removeprefix("Value error, ")
            raise


class PlainCommand(PlainHelp, TyperCommand):
    """A command with :class:`PlainHelp`."""


class PlainGroup(PlainHelp, TyperGroup):
    """The app's group with :class:`PlainHelp`."""


def plain_commands(app: typer.Typer) -> None:
    """Give every command registered on ``app`` so far the :class:`PlainCommand` help."""
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = PlainCommand
