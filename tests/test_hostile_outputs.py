"""Hostile curation files, outputs over the store, full disks, markup in data (issue 16).

A full disk is a file-size limit (RLIMIT_FSIZE) on a child process: every write
past it fails with an OSError, as on a full disk.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

import policygraph
from policygraph.errors import PolicyGraphError

DOC = "关于开展劳动竞赛的通知\n\n江汉区总工会开展劳动竞赛，闵行区总工会建立“闵工学堂”。"

BOMB = "\n".join(
    [
        '- a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
        *(
            f"- {n}: &{n} [{', '.join([f'*{p}'] * 9)}]"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


@pytest.fixture
def loaded(tmp_path: Path) -> Path:
    """A store holding one document."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(DOC, encoding="utf-8")
    db = tmp_path / "db"
    assert policygraph.load([docs], db=db).loaded
    return db


def stored(db: Path) -> str:
    """The store's graph as loaded, as node-link JSON (the bytes an export would hold)."""
    from policygraph.graph.export import to_node_link_json

    return to_node_link_json(policygraph.open_store(db).read_raw())


def one_error_line(result) -> str:
    """The output of a failed command: exactly one line, an ``Error: …``."""
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def run_with_full_disk(args: list[str], limit_bytes: int, cwd: Path):
    """``policygraph ARGS`` in a child whose writes fail past ``limit_bytes``."""
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit_bytes}, {limit_bytes}))\n"
        "from policygraph.cli import app\n"
        "sys.argv = ['policygraph', *sys.argv[1:]]\n"
        "app()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@contextmanager
def reading(db: Path):
    """A reader of the store held open: the index of its write-ahead log (graph.sqlite-shm)
    is there at its full size for other readers to map."""
    with closing(sqlite3.connect(db / "graph.sqlite")) as reader:
        reader.execute("SELECT count(*) FROM nodes").fetchone()
        assert (db / "graph.sqlite-shm").stat().st_size >= 32768
        yield


# -- 3. a YAML alias bomb -------------------------------------------------------


def test_a_curation_alias_bomb_is_refused_in_one_line(cli, loaded, tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB, encoding="utf-8")
    line = one_error_line(cli("curate", bomb, "--db", loaded))
    assert "bomb.yaml:2" in line and "aliases" in line
    assert not (loaded / "curation.yaml").exists()
    # installed by hand as the store's curation file, every read says so at once
    (loaded / "curation.yaml").write_text(BOMB, encoding="utf-8")
    assert "aliases" in one_error_line(cli("stats", "--db", loaded))


# -- 4. atomic writes, and outputs that would replace the store -----------------


@pytest.mark.parametrize(
    "name",
    [
        "graph.sqlite",
        "graph.sqlite-wal",
        "graph.sqlite-shm",
        "graph.sqlite.lock",
        "curation.yaml",
        "graph.json",
        "graph.json.lock",
    ],
)
def test_an_output_over_the_stores_own_files_is_refused(cli, loaded, tmp_path, name):
    before = (loaded / "graph.sqlite").read_bytes(), stored(loaded)
    line = one_error_line(cli("export", "-o", loaded / name, "--db", loaded))
    assert f"{name} is the store's own file" in line
    assert ((loaded / "graph.sqlite").read_bytes(), stored(loaded)) == before
    assert one_error_line(cli("viz", "-o", loaded / name, "--db", loaded))
    assert cli("stats", "--db", loaded).exit_code == 0


def test_an_output_beside_the_store_is_fine(cli, loaded, tmp_path):
    assert cli("export", "-o", loaded / "export.json", "--db", loaded).exit_code == 0
    # an export named graph.json or graph.sqlite elsewhere is no store: writing it again is fine
    for name in ("graph.json", "graph.json", "graph.sqlite", "graph.sqlite"):
        assert cli("export", "-o", tmp_path / name, "--db", loaded).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-o", "out.json"],
        ["export", "--format", "graphml", "-o", "out.json"],
        ["viz", "-o", "out.json"],
        ["report", "-o", "out.json"],
    ],
)
def test_a_full_disk_keeps_the_old_output_whole(loaded, tmp_path, args):
    (tmp_path / "out.json").write_text('{"old": true}', encoding="utf-8")
    with reading(loaded):  # the disk fills up while the store is in use: it reads on
        done = run_with_full_disk([*args, "--db", str(loaded)], 500, tmp_path)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: out.json: cannot write"), done.stderr
    assert json.loads((tmp_path / "out.json").read_text()) == {"old": True}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_full_disk_keeps_the_old_curation_file_and_store(loaded, tmp_path):
    old = "- kind: {name: 江汉区总工会, kind: union}\n"
    (loaded / "curation.yaml").write_text(old, encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(old + "- drop: {label: Organization, name: 闵行区总工会}\n" * 40)
    done = run_with_full_disk(["curate", str(new), "--db", str(loaded)], 1000, tmp_path)
    assert done.returncode == 1 and done.stderr.startswith("Error: "), done.stderr
    assert (loaded / "curation.yaml").read_text(encoding="utf-8") == old

    graph = stored(loaded)
    docs = tmp_path / "more"
    docs.mkdir()
    (docs / "b.txt").write_text("连云港市总工会开展培训。" * 50, encoding="utf-8")
    done = run_with_full_disk(["load", str(docs), "--db", str(loaded)], 1000, tmp_path)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and lines[-1].startswith("Error: "), done.stderr
    assert "graph.sqlite: cannot write the store" in lines[-1]
    assert stored(loaded) == graph


@pytest.mark.parametrize(
    "args", [["stats"], ["query", "most_connected"], ["export", "-o", "out.json"]]
)
def test_a_full_disk_while_reading_says_so_not_that_the_store_is_damaged(loaded, tmp_path, args):
    """A reader of the store (in WAL mode) maps graph.sqlite-shm, which has to grow."""
    assert not (loaded / "graph.sqlite-shm").exists()
    done = run_with_full_disk([*args, "--db", str(loaded)], 1000, tmp_path)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert (
        "graph.sqlite: cannot read the store (graph.sqlite-shm cannot grow: is the disk full?"
        in lines[0]
    )
    assert "unreadable" not in lines[0]
    assert not (tmp_path / "out.json").exists()
    assert policygraph.stats(loaded)["documents"] == 1  # with room on the disk, read as ever


def test_outputs_get_the_mode_a_plain_file_gets(loaded, tmp_path):
    out = policygraph.export(tmp_path / "out.json", db=loaded)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


# -- 9. rich markup and matplotlib math text in data -----------------------------


def test_markup_in_titles_paths_and_arguments_is_printed_as_written(cli, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "[bold red]x.txt").write_text("[/x] 标题\n\n" + DOC, encoding="utf-8")
    (docs / "[").mkdir()
    (docs / "[" / "y].pdf").write_bytes(b"not a pdf")  # the path holds [/y]
    db = tmp_path / "db"
    result = cli("load", docs, "--db", db)
    assert result.exit_code == 0, result.output
    assert "[/y].pdf" in result.output and "Skipped:" in result.output
    listing = cli("stats", "--documents", "--db", db)
    assert listing.exit_code == 0 and "[bold red]x.txt" in listing.output
    assert "[/x] 标题" in listing.output
    line = one_error_line(cli("unload", "[/z] :smile:", "--db", db))
    assert "[/z] :smile:" in line


def test_a_dollar_sign_in_a_name_draws_in_the_report(cli, tmp_path):
    store = policygraph.open_store(tmp_path / "db")
    with store.transaction() as graph:
        graph.add_document("d1", title="$x$ 标题")
        names = ("$\\nosuchcommand$总工会", "$^$公司", "a$b总工会")
        ids = [graph.add_mention("Organization", name, "d1", kind="union") for name in names]
        for a, b in zip(ids, ids[1:], strict=False):  # connected: the chart names them
            graph.add_relation("PARTNERS_WITH", a, b, doc="d1", sentence="联合。")
    charts = tmp_path / "charts"
    result = cli("report", "-o", tmp_path / "r.html", "--charts", charts, "--db", tmp_path / "db")
    assert result.exit_code == 0, result.output
    svgs = list(charts.glob("*.svg"))
    assert len(svgs) == 4
    assert any("a$b总工会" in svg.read_text(encoding="utf-8") for svg in svgs)


# -- 10. one line, not a traceback ---------------------------------------------


def test_db_naming_a_file_is_one_line(cli, tmp_path):
    file = tmp_path / "f"
    file.write_text("x")
    for args in (["stats"], ["load", tmp_path], ["export", "-o", tmp_path / "o.json"]):
        assert "names a file" in one_error_line(cli(*args, "--db", file))


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["graph"]["nodes"][0].pop("labels"),
        lambda d: d["graph"]["edges"][0].update(evidence="x"),
        lambda d: d["graph"].pop("nodes"),
        lambda d: d.update(graph=[1, 2]),
    ],
)
def test_a_hand_edited_graph_file_is_one_line(cli, loaded, tmp_path, damage):
    """A graph.json store of an older version, edited by hand before its migration."""
    from policygraph.graph.export import to_node_link

    old = tmp_path / "old"
    old.mkdir()
    path = old / "graph.json"
    graph = to_node_link(policygraph.open_store(loaded).read_raw())
    data = {"format": "policygraph-graph", "version": 1, "graph": graph}
    damage(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    line = one_error_line(cli("stats", "--db", old))
    assert "graph.json" in line


def test_rows_that_are_not_utf8_are_one_line(cli, loaded, tmp_path):
    rows = tmp_path / "rows.json"
    rows.write_bytes('[{"name": "江汉区总工会"}]'.encode("gbk"))
    line = one_error_line(cli("viz", "-o", tmp_path / "m.html", "--rows", rows, "--db", loaded))
    assert "rows.json: not UTF-8" in line


def test_a_parameter_too_large_for_neo4j_is_one_line(cli, loaded):
    from policygraph.graph.cypher import parse_params

    with pytest.raises(PolicyGraphError, match="--param x: a number too large"):
        parse_params(["x=99999999999999999999999"])
    assert parse_params(["x=" + "9" * 5000])["x"] == "9" * 5000  # beyond JSON: text
    line = one_error_line(cli("cypher", "RETURN $x", "--param", "x=99999999999999999999999"))
    assert "--param x: a number too large" in line
    big = "limit=99999999999999999999999"
    line = one_error_line(cli("query", "most_connected", "--param", big, "--db", loaded))
    assert "too large" in line


# -- 13. smaller silences --------------------------------------------------------


@pytest.mark.parametrize("value", ["-5", "0"])
def test_max_nodes_below_one_is_refused(cli, loaded, tmp_path, value):
    line = one_error_line(
        cli("viz", "-o", tmp_path / "m.html", "--max-nodes", value, "--db", loaded)
    )
    assert f"--max-nodes {value}" in line


def test_a_pipe_and_an_unreadable_folder_are_reported(cli, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(DOC, encoding="utf-8")
    os.mkfifo(docs / "pipe.txt")
    locked = docs / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(DOC, encoding="utf-8")
    scandir = os.scandir

    def refuse_locked(path="."):  # as a folder without read permission does (root reads all)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    result = cli("load", docs, "--db", tmp_path / "db")
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("Skipped:")]
    assert len(skipped) == 2, result.output
    assert "pipe.txt: not a regular file" in result.output
    assert "locked: cannot list this folder (Permission denied)" in result.output
    assert ": 1 loaded into" in result.output
    alone = cli("load", docs / "pipe.txt", "--db", tmp_path / "db")
    assert alone.exit_code == 1 and "pipe.txt: not a regular file" in alone.output


def test_graphml_and_gexf_exports_parse(cli, loaded, tmp_path):
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"o.{fmt}"
        assert cli("export", "--format", fmt, "-o", out, "--db", loaded).exit_code == 0
        assert ET.parse(out).getroot() is not None


def test_the_store_keeps_a_plain_files_mode_and_clears_a_killed_writers_temporary(loaded, tmp_path):
    umask = os.umask(0)
    os.umask(umask)
    assert (loaded / "graph.sqlite").stat().st_mode & 0o777 == 0o666 & ~umask
    stale = [
        loaded / ".graph-abc12_yz.tmp",
        loaded / ".graph.json.x9z_8w7v.tmp",
        loaded / "graph.sqlite.creating",
        loaded / "graph.sqlite.migrating-wal",
    ]
    for path in stale:
        path.write_text("half a graph")
    export_in_progress = loaded / ".graph-export.json.q1.tmp"  # not the store's
    export_in_progress.write_text("{")
    docs = tmp_path / "more"
    docs.mkdir()
    (docs / "b.txt").write_text("连云港市总工会开展培训。", encoding="utf-8")
    assert policygraph.load([docs], db=loaded).loaded
    assert not any(path.exists() for path in stale)
    assert export_in_progress.exists()
