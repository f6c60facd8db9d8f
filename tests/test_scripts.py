"""scripts/neo4j-stop finds its server whatever the terminal width, and says what it did.

A stand-in process whose command line reads like the test server's (long, the class
name far past 40 columns) plays the server, so no Neo4j is needed.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PADDING = "--add-opens=java.base/java.nio=ALL-UNNAMED " * 3


def fake_server(cache: Path, port: str) -> int:
    """A process named like the test server, with its pid where neo4j-start writes it;
    started in the background of a shell that exits, so that init reaps it, not us."""
    name = f"java -Xms256m -Xmx1g {PADDING}-cp build policygraph.TestServer home {port}"
    script = f'(exec -a "{name}" sleep 60) >/dev/null 2>&1 & echo $!'
    pid = int(subprocess.run(["bash", "-c", script], capture_output=True, text=True).stdout)
    run = cache / "neo4j-5.26" / f"run-{port}"
    run.mkdir(parents=True)
    (run / "neo4j.pid").write_text(str(pid))
    for _ in range(50):  # until exec has renamed it
        if "TestServer" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace"):
            break
        time.sleep(0.05)
    return pid


def stop(cache: Path, port: str, columns: str) -> str:
    env = {**os.environ, "POLICYGRAPH_CACHE": str(cache), "NEO4J_PORT": port, "COLUMNS": columns}
    result = subprocess.run(
        [ROOT / "scripts" / "neo4j-stop"], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_neo4j_stop_stops_its_server_in_a_narrow_terminal(tmp_path):
    pid = fake_server(tmp_path, "17999")
    try:
        said = stop(tmp_path, "17999", columns="40")
        assert not Path(f"/proc/{pid}").exists()  # gone, not left running
        assert f"stopped Neo4j on 127.0.0.1:17999 (pid {pid})" in said
    finally:
        if Path(f"/proc/{pid}").exists():
            os.kill(pid, 9)
    assert "no Neo4j of ours on port 17999; nothing to stop" in stop(tmp_path, "17999", "40")
