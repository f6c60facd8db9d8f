"""A load's summary adds up: files, articles, those already loaded or identical (kept once),
skipped files with reasons; the progress names the phase in which the store is written."""

from __future__ import annotations

import shutil

import policygraph
from tests.conftest import EXAMPLES


def test_identical_articles_are_kept_once_and_the_summary_says_so(cli, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    shutil.copy(corpus / "hubei_opinion.txt", corpus / "hubei_opinion_copy.txt")
    (corpus / "notes.xyz").write_text("不是文件", encoding="utf-8")
    db = tmp_path / "db"
    report = policygraph.load([corpus], db)
    documents = policygraph.stats(db)["documents"]
    assert len(report.loaded) == documents  # what "loaded" says is what the store holds
    assert [path for path, _ in report.duplicates] == [str(corpus / "hubei_opinion_copy.txt")]
    files = len(list(corpus.iterdir()))
    assert report.files == files
    result = cli("load", corpus, "--db", db)
    assert result.exit_code == 0, result.output
    articles = documents + 1
    assert (
        f"Found {files} file(s) holding {articles} article(s): {documents} loaded into {db} "
        f"({documents} already there, loaded again), 1 identical to another article (kept once); "
        "skipped 1 (reasons above)"
    ) in result.stdout
    assert "notes.xyz: unsupported file type '.xyz'" in result.stderr
    assert policygraph.stats(db)["documents"] == documents


def test_an_empty_folder_fails_with_its_reason(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("load", empty, "--db", tmp_path / "db")
    assert result.exit_code == 1
    assert f"{empty}: an empty folder, no files to read" in result.stderr


def test_the_store_is_written_in_a_phase_of_its_own(small_corpus, tmp_path):
    events = []
    store = policygraph.open_store(tmp_path / "db")
    policygraph.load(
        [small_corpus],
        store.folder,
        on_file=lambda path: events.append("file"),
        on_phase=lambda phase: events.append((phase, store.exists())),
    )
    files = len(list(small_corpus.rglob("*.*")))
    assert events == ["file"] * files + [("Writing the store", False)]
