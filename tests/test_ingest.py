"""Loading: processes in parallel, files with identical text, one read of the store."""

from __future__ import annotations

import json
import shutil

import policygraph
from policygraph import ingest
from policygraph.extracting import extract_file
from policygraph.graph import sqlite
from policygraph.graph.store import FileStore
from policygraph.loaders.facts import Article, Facts
from policygraph.loaders.read import document_id


def export_bytes(db, path) -> bytes:
    policygraph.export(path, db=db)
    return path.read_bytes()


def test_a_load_in_two_processes_equals_a_load_in_one(seeds, small_corpus, tmp_path):
    folder = tmp_path / "mixed"
    shutil.copytree(seeds, folder / "seeds")
    shutil.copytree(small_corpus, folder / "small")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    one = policygraph.load([folder], tmp_path / "one", jobs=1)
    two = policygraph.load([folder], tmp_path / "two", jobs=2)
    assert one.loaded == two.loaded and len({f for f, _, _ in one.loaded}) == 6
    assert one.skipped == two.skipped and len(two.skipped) == 2
    assert export_bytes(tmp_path / "one", tmp_path / "one.json") == export_bytes(
        tmp_path / "two", tmp_path / "two.json"
    )


def test_the_cli_takes_jobs(cli, small_corpus, db):
    result = cli("load", small_corpus, "--db", db, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "2 loaded into" in result.output
    assert cli("load", small_corpus, "--db", db, "--jobs", "0").exit_code == 2


def test_load_never_reads_the_whole_store(small_corpus, db, tmp_path, monkeypatch):
    curation = tmp_path / "c.yaml"
    curation.write_text("- kind: {name: 江北区总工会, kind: union}\n", encoding="utf-8")
    policygraph.load([small_corpus / "jiangbei_union.txt"], db)
    reads = []
    original = sqlite.read_all
    monkeypatch.setattr(sqlite, "read_all", lambda db: reads.append(1) or original(db))
    report = policygraph.load([small_corpus], db, curation=curation)
    assert reads == []
    assert report.curation.applied == [f"{curation}:1: kind union for Organization:江北区总工会"]


def twins(small_corpus, tmp_path):
    """a/同文.txt and b/同文.txt with one text, and the corpus's other file beside them."""
    text = (small_corpus / "jiangbei_union.txt").read_text(encoding="utf-8")
    folder = tmp_path / "twins"
    for sub in ("a", "b"):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "同文.txt").write_text(text, encoding="utf-8")
    shutil.copy(small_corpus / "foshan_briefing.txt", folder / "other.txt")
    return folder / "a" / "同文.txt", folder / "b" / "同文.txt", folder / "other.txt"


def test_identical_files_are_reported_and_stored_as_one_document(cli, small_corpus, tmp_path, db):
    a, b, _ = twins(small_corpus, tmp_path)
    result = cli("load", a.parent.parent, "--db", db)
    assert result.exit_code == 0, result.output
    assert f"Same text as {a}: {b}" in result.stderr
    docs = policygraph.stats(db)["document_list"]
    assert len(docs) == 2
    twin = next(d for d in docs if d["file"] == "同文.txt")
    assert twin["path"] == str(a) and twin["paths"] == [str(a), str(b)]


def test_identical_files_in_either_order_give_the_same_store(small_corpus, tmp_path):
    a, b, other = twins(small_corpus, tmp_path)
    for name, order in (("ab", [a, b, other]), ("ba", [other, b, a])):
        for path in order:
            policygraph.load([path], tmp_path / name)
    assert export_bytes(tmp_path / "ab", tmp_path / "ab.json") == export_bytes(
        tmp_path / "ba", tmp_path / "ba.json"
    )


def test_unloading_one_of_two_identical_files_keeps_the_other(cli, small_corpus, tmp_path):
    a, b, other = twins(small_corpus, tmp_path)
    both, alone = tmp_path / "both", tmp_path / "alone"
    policygraph.load([a.parent.parent], both)
    policygraph.load([b, other], alone)
    result = cli("unload", a, "--db", both)
    assert result.exit_code == 0, result.output
    assert "Unloaded 0 document(s)" in result.output
    assert f"also read from {b}" in result.output
    assert export_bytes(both, tmp_path / "both.json") == export_bytes(alone, tmp_path / "a.json")
    # the other file alone held it: now it goes
    report = policygraph.unload(str(b), both)
    assert len(report.removed) == 1 and not report.kept
    assert [d["file"] for d in policygraph.stats(both)["document_list"]] == ["other.txt"]


def test_the_facts_come_from_the_first_file_even_when_only_its_name_differs(tmp_path):
    """A text without a headline takes its title from the file name: the first file's."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("甲.txt", "乙.txt"):
        (folder / name).write_text("闵行区总工会开展职工技能培训。", encoding="utf-8")
    policygraph.load([folder], tmp_path / "both")
    policygraph.load([folder / "甲.txt"], tmp_path / "alone")
    [doc] = policygraph.stats(tmp_path / "both")["document_list"]
    assert doc["file"] == "乙.txt"  # 乙 sorts before 甲
    policygraph.unload(str(folder / "乙.txt"), tmp_path / "both")
    assert export_bytes(tmp_path / "both", tmp_path / "b.json") == export_bytes(
        tmp_path / "alone", tmp_path / "a.json"
    )


def test_unload_takes_a_file_or_folder_that_no_longer_exists(cli, small_corpus, tmp_path, db):
    a, b, other = twins(small_corpus, tmp_path)
    policygraph.load([a.parent.parent], db)
    other.unlink()
    result = cli("unload", other, "--db", db)
    assert result.exit_code == 0, result.output
    assert "Unloaded 1 document(s)" in result.output
    shutil.rmtree(a.parent.parent)
    result = cli("unload", a.parent.parent, "--db", db)
    assert result.exit_code == 0, result.output
    assert "Unloaded 1 document(s)" in result.output
    assert policygraph.stats(db)["documents"] == 0


def test_a_changed_copy_replaces_only_its_own_version(small_corpus, tmp_path, db):
    a, b, _ = twins(small_corpus, tmp_path)
    policygraph.load([a, b], db)
    a.write_text(a.read_text(encoding="utf-8").replace("江北工匠", "江北名匠"), encoding="utf-8")
    report = policygraph.load([a], db)
    assert report.replaced == [] and not report.identical
    docs = policygraph.stats(db)["document_list"]
    assert sorted(d["path"] for d in docs) == [str(a), str(b)]
    assert not any("paths" in d for d in docs)


def test_an_article_that_an_earlier_file_gives_is_extracted_once(
    small_corpus, tmp_path, monkeypatch
):
    a, b, other = twins(small_corpus, tmp_path)
    extracted = []
    original = ingest._extract
    monkeypatch.setattr(ingest, "_extract", lambda art: extracted.append(art.path) or original(art))
    policygraph.load([a, b, other], tmp_path / "one", jobs=1)
    assert sorted(extracted) == sorted([str(a), str(other)])  # b's text is a's
    # a later load of b alone: a, already stored, sorts first and gives the facts
    extracted.clear()
    report = policygraph.load([b], tmp_path / "one", jobs=1)
    assert extracted == [] and [f for f, _ in report.duplicates] == [str(b)]


def test_a_worker_skips_an_article_an_earlier_path_gave_but_not_a_later_one(small_corpus, tmp_path):
    a, b, _ = twins(small_corpus, tmp_path)
    [first], _ = extract_file(a, seen=(seen := {}))
    assert first.extracted and first.mentions and seen == {first.article.doc_id: str(a)}
    [again], _ = extract_file(b, seen=seen)
    assert not again.extracted and again.mentions == [] and again.relations == []
    # b sorts after a: a file that sorts first is always extracted, and is now the one seen
    [before], _ = extract_file(a, seen={first.article.doc_id: str(b)})
    assert before.extracted and before.mentions == first.mentions


def test_many_identical_files_in_two_processes_give_what_one_process_gives(small_corpus, tmp_path):
    text = (small_corpus / "jiangbei_union.txt").read_text(encoding="utf-8")
    folder = tmp_path / "copies"
    folder.mkdir()
    for i in range(8):  # each worker reads several copies: later ones are skipped
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
        shutil.copy(small_corpus / "foshan_briefing.txt", folder / f"{i}-other.txt")
    policygraph.load([folder], tmp_path / "one", jobs=1)
    policygraph.load([folder], tmp_path / "two", jobs=2)
    assert export_bytes(tmp_path / "one", tmp_path / "one.json") == export_bytes(
        tmp_path / "two", tmp_path / "two.json"
    )


def test_an_article_skipped_by_a_worker_is_extracted_when_it_turns_out_first(tmp_path):
    """A worker skipped it for a file that then failed to load: the parent extracts it."""
    text = "闵行区总工会开展职工技能培训。"
    article = Article(doc_id=document_id(text), text=text, title="", path="/x/甲.txt")
    store = FileStore(tmp_path / "db")
    with store.working() as graph:
        assert ingest._add_article(graph, Facts(article, extracted=False), ingest.LoadReport())
    export = json.loads(export_bytes(tmp_path / "db", tmp_path / "db.json"))
    assert "闵行区总工会" in {n["name"] for n in export["nodes"]}
