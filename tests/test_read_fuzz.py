"""Arbitrary input through read → clean → split: articles or a ReadError, never anything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policygraph.errors import ReadError
from policygraph.loaders.pages import split_articles
from policygraph.loaders.read import read_file
from policygraph.loaders.text import split_sentences

# Text that looks like pages: Chinese, punctuation, headline marks, by-lines, line breaks.
PAGE_PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "# ",
        "### ",
        "本报讯(记者 王某)",
        "(上接第1版)",
        "(下转第4版)",
        "近日，",
        "。",
        "，",
        "“",
        "”",
        "《",
        "》",
        "总工会",
        "市",
        "区",
        "2024年5月16日 星期四",
        "■ ",
    ]
)
PAGE_TEXT = st.lists(st.one_of(PAGE_PIECES, st.text(max_size=12)), max_size=60).map("".join)
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(st.binary(max_size=400), PAGE_TEXT.map(lambda t: t.encode("utf-8"))),
    suffix=SUFFIXES,
)
def test_any_bytes_give_articles_or_a_read_error(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        try:
            articles = read_file(path)
        except ReadError as exc:
            assert str(exc).startswith(f"{path}: ")
            return
        assert articles
        for article in articles:
            assert article.text.strip()
            assert article.doc_id and len(article.doc_id) == 16


@settings(max_examples=300, deadline=None)
@given(text=PAGE_TEXT)
def test_splitting_keeps_every_body_line(text):
    articles = split_articles(text)
    assert articles
    kept = "\n".join(a.text for a in articles)
    for sentence in split_sentences(kept):
        assert sentence  # no empty sentences
    # Nothing but page marks and heading signs is dropped from the lines after the first article.
    for article in articles:
        for line in article.text.splitlines():
            assert "下转" not in line or "版" not in line
