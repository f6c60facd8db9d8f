"""``--help`` reads well: defaults shown, plain placeholders; bad choices answered in words."""

from __future__ import annotations

import re

import typer
from typer.testing import CliRunner

from policygraph.cli import app

RUNNER = CliRunner(env={"COLUMNS": "250", "NO_COLOR": "1"})


def help_of(*command: str) -> str:
    result = RUNNER.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def test_every_commands_help_has_plain_placeholders_and_shows_defaults():
    commands = sorted(typer.main.get_command(app).commands)
    assert {"load", "query", "viz", "export", "stats"} <= set(commands)
    for command in [None, *commands]:
        text = help_of(*([command] if command else []))
        assert not re.search(r"<(str|int|bool|path|list\[\w+\])", text, re.I), (command, text)
        if "--db" in text:
            assert "[default: ./policygraph-data]" in text, command
    assert "PATH..." in help_of("load")
    viz = help_of("viz")
    assert "[default: 1500]" in viz and "[default: map.html]" in viz
    assert "N [1<=x<=6]" in viz  # --hops
    assert "node-link|graphml|gexf" in help_of("export")


def test_a_bad_choice_is_answered_in_plain_words(tmp_path):
    result = RUNNER.invoke(app, ["query", "most_connected", "--format", "xml", "--db", tmp_path])
    assert result.exit_code == 2
    assert "Value error" not in result.output
    assert "'xml' is not one of 'table', 'json', 'csv'" in result.output
