"""Writing an output file whole or not at all, and never over the store's own files.

Every file policygraph writes for the user (exports, maps, reports, charts, the
curation file) goes to a temporary file beside its target, is flushed to disk and
renamed over it: a full disk or a kill leaves the old file or none, never half of
one. An output path that would replace a store's own files is refused.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "out.json", '{"a": 1}').read_text()
'{"a": 1}'
>>> _ = (folder / "graph.json").write_text('{"format":"policygraph-graph","graph":{}}')
>>> write_atomic(folder / "graph.json", "x")
Traceback (most recent call last):
...
policygraph.errors.PolicyGraphError: ...graph.json is the store's own file; write the output elsewhere
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from policygraph.errors import OutputError, PolicyGraphError

# The files a store folder holds, none of which an output may replace: the SQLite
# database with its write-ahead log, shared memory, lock and the temporary names a
# first write or a migration uses; a graph.json store (older versions) and what its
# migration keeps; the curation files.
STORE_FILES = (
    "graph.sqlite",
    "graph.sqlite-wal",
    "graph.sqlite-shm",
    "graph.sqlite-journal",
    "graph.sqlite.lock",
    "graph.sqlite.creating",
    "graph.sqlite.migrating",
    "graph.json",
    "graph.json.lock",
    "graph.json.migrated",
    "curation.yaml",
    "curation.yaml.previous",
)


def refuse_store_file(path: str | os.PathLike[str], *, allowed: Path | None = None) -> None:
    """Raise when ``path`` names one of a store folder's own files (``allowed`` excepted).

    >>> refuse_store_file("/nonexistent-folder/graph.json")  # no store there: fine
    """
    target = Path(path).resolve()
    if allowed is not None and target == allowed.resolve():
        return
    if target.name in STORE_FILES and is_store(target.parent):
        raise PolicyGraphError(
            f"{path}: {target.name} is the store's own file; write the output elsewhere"
        )


def is_store(folder: Path) -> bool:
    """True when ``folder`` holds a store: its SQLite database, or a graph.json store of
    an older version (not just an export named graph.json or graph.sqlite).

    >>> is_store(Path("/nonexistent-folder"))
    False
    """
    return any(_begins_with(folder / name, mark) for name, mark in STORE_MARK.items())


def _begins_with(path: Path, mark: bytes) -> bool:
    """True when the file ``path`` begins with ``mark``."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(mark)) == mark
    except OSError:
        return False


# How a store's own files begin: the SQLite database (graph/store.py), and a graph.json
# store of an older version (keys sorted, no spaces) that is migrated on first use.
STORE_MARK = {
    "graph.sqlite": b"SQLite format 3\x00",
    "graph.json": b'{"format":"policygraph-graph"',
}


@contextmanager
def atomic_output(
    path: str | os.PathLike[str], *, binary: bool = False, allowed: Path | None = None
) -> Iterator[IO]:
    """A file handle whose content replaces ``path`` only when the block ends without error.

    The temporary file beside ``path`` is removed on any error (a full disk, a
    broken writer); the new file gets the mode a plain ``open`` would give it.
    """
    path = Path(path)
    refuse_store_file(path, allowed=allowed)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from exc
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(
            fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:  # a full disk, a folder in the way: the old file stays
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"{path}: cannot write ({exc.strerror or exc}); any earlier file is unchanged"
        ) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(
    path: str | os.PathLike[str], content: str | bytes, *, allowed: Path | None = None
) -> Path:
    """Write ``content`` (text as UTF-8, or bytes) to ``path`` atomically; return the path."""
    with atomic_output(path, binary=isinstance(content, bytes), allowed=allowed) as handle:
        handle.write(content)
    return Path(path)


def _umask() -> int:
    """The process's umask (read by setting it, then setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
