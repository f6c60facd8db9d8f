"""The ``policygraph`` command, also ``python -m policygraph``."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the CLI. For a load, first start the process that prepares its extraction
    workers (:mod:`policygraph.forkserver`): it does so while the CLI starts."""
    if _command(sys.argv[1:]) == "load" and "--help" not in sys.argv:
        from policygraph import forkserver

        forkserver.start()
    from policygraph.cli import app

    app(prog_name="policygraph")


def _command(args: list[str]) -> str | None:
    """The command word: the first argument that is no option (the CLI's own options,
    before it, take no value)."""
    return next((arg for arg in args if not arg.startswith("-")), None)


if __name__ == "__main__":
    main()
