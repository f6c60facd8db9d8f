"""The README's examples run as written, on the demo corpus (as sqlite-utils tests its docs).

Every ``policygraph`` command in the README's ``sh`` blocks and every line of its
``python`` blocks runs in a scratch folder holding ``examples/`` and the demo store
``make demo`` makes (``./policygraph-data``); the commands that need Neo4j run in a test
of their own against the test server. A command passes when it exits 0, prints no
error, and a query answers with rows.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

import policygraph
from policygraph.cli import app
from tests.conftest import ROOT, connect_test_neo4j

README = ROOT / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
# The other commands a README block may show, none of them policygraph's.
OTHERS = {"make", "source", "export", "docker"}
NEO4J_COMMANDS = {"cypher", "push", "pull", "doctor"}


def blocks(language: str) -> list[str]:
    return [
        body for lang, body in BLOCK.findall(README.read_text(encoding="utf-8")) if lang == language
    ]


def commands() -> list[list[str]]:
    """Each shell command of the README as words, comments dropped, continued lines joined."""
    found, pending = [], ""
    for block in blocks("sh"):
        for line in block.splitlines():
            pending = f"{pending} {line.strip()}" if pending else line
            try:
                words = shlex.split(pending, comments=True)
            except ValueError:  # an open quote: the command goes on on the next line
                continue
            pending = ""
            if words:
                found.append(words)
    return found


def needs_neo4j(words: list[str]) -> bool:
    store = words[words.index("--store") + 1] if "--store" in words else None
    return words[1] in NEO4J_COMMANDS or "--neo4j" in words or store == "neo4j"


def python_lines(neo4j: bool) -> str:
    """The README's Python, with the lines that ask Neo4j kept only when ``neo4j``."""
    code = "\n".join(blocks("python"))
    lines = code.splitlines()
    kept = [x for x in lines if x.startswith("import ") or ('store="neo4j"' in x) == neo4j]
    return "\n".join(kept)


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """A folder like a checkout after `make demo`: examples/ and ./policygraph-data."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POLICYGRAPH_DB", raising=False)
    policygraph.load(["examples/corpus"], "policygraph-data")
    return tmp_path


def run(words: list[str]) -> None:
    """Run one README command in-process, with its ``> file`` redirection, and check it."""
    assert words[0] == "policygraph", words
    args, target = words[1:], None
    if ">" in args:
        args, target = args[: args.index(">")], args[args.index(">") + 1]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    shown = " ".join(words)
    assert result.exit_code == 0, f"{shown}\n{result.output}"
    assert "Error" not in result.output, f"{shown}\n{result.output}"
    if args[0] == "query":
        assert "No rows" not in result.output, f"{shown} answers nothing on the demo corpus"
    if target:
        Path(target).write_text(result.stdout, encoding="utf-8")


def test_the_readme_shows_commands_of_both_kinds():
    words = commands()
    assert len([w for w in words if w[0] == "policygraph"]) > 20
    assert any(needs_neo4j(w) for w in words if w[0] == "policygraph")
    unknown = {w[0] for w in words} - OTHERS - {"policygraph"}
    assert not unknown, f"README commands this test does not know how to run: {unknown}"


def test_every_readme_command_runs_on_the_demo_store(scratch):
    ran = 0
    for words in commands():
        if words[0] == "policygraph" and not needs_neo4j(words):
            run(words)
            ran += 1
    assert ran > 20
    assert (scratch / "sheets" / "relationships.csv").exists()
    exec(compile(python_lines(neo4j=False), "README.md", "exec"), {})
    assert (scratch / "ego.html").exists() and (scratch / "report.html").exists()


@pytest.mark.neo4j
def test_the_readme_commands_that_need_neo4j_run_on_the_test_server(scratch, monkeypatch):
    connect_test_neo4j(monkeypatch.setenv).close()
    run(["policygraph", "push"])  # the Questions block asks Neo4j before the Neo4j block
    ran = 0
    for words in commands():
        if words[0] == "policygraph" and needs_neo4j(words):
            run(words)
            ran += 1
    assert ran >= 5
    exec(compile(python_lines(neo4j=True), "README.md", "exec"), {})
