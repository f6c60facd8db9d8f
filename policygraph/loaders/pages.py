"""Newspaper pages → their articles, so facts from unrelated articles never share a document.

A scanned page holds a masthead and date line, then several articles, each
opened by a headline block: short lines without sentence punctuation (or
markdown headings of level 1–3). A headline block counts only when what
follows it is a by-line (本报讯, 本报记者, 记者…, 新华社…电) or a news lead
(近日，… / 4月5日，…); otherwise it is a subheading inside an article.
``(上接第1版)`` opens the continuation of a story from another page;
``(下转第4版)`` is page furniture and dropped.

>>> page = "工人日报\\n2024年5月16日 星期四 第3版\\n\\n## 某市总工会开展培训\\n\\n本报讯(记者 王某)近日，某市总工会开展培训。\\n\\n"
>>> page += "## 某县建成驿站\\n\\n近日，某县建成驿站。"
>>> [(a.title, a.byline) for a in split_articles(page)]
[('某市总工会开展培训', '本报讯(记者 王某)'), ('某县建成驿站', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

HEADLINE_MAX = 40
LOOKAHEAD_LINES = 3
CONTINUED_FROM = re.compile(r"^[（(]\s*上接第?[0-9一二三四五六七八九十]+版\s*[)）]")
CONTINUED_ON = re.compile(r"[（(]\s*下转第?[0-9一二三四五六七八九十]+版\s*[)）]")
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s*(.+)$")
BYLINE = re.compile(
    r"^(?:■\s*|●\s*)?(?:"
    r"本报讯\s*[（(][^）)]{0,40}[）)]"  # 本报讯(记者 王某 通讯员 李某)
    r"|本报讯\s*记者\s*[^\s，,。]{2,4}?报道|本报讯"
    r"|[^\s，。]{0,8}?(?:本报)?记者[^。“”]{2,30}?报道"  # 记者吴某 通讯员方某、夏某报道
    r"|[^\s，。]{0,8}?(?:本报)?记者\s*[^\s，。]{2,4}(?:\s+通讯员\s*[^\s，。]{2,4})*"
    r"|通讯员\s*[^\s，。]{2,4}"
    r"|新华社[^\s，。]{0,12}电|据新华社[^\s，。]{0,12}电"
    r")"
)
NEWS_LEAD = re.compile(
    r"^(?:近日|日前|昨日|今天|今日|近年来|[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日)[，,]"
)
SENTENCE_PUNCTUATION = re.compile(r"[。！？；，、：,;:!?]")
DATE_LINE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
PHOTO_CAPTION = re.compile(r"图为|(?:摄|供图)\)?$")
PAPER_REPORTS = re.compile(r"^(?:■\s*)?本报讯")
PAGE_DATE_LINE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期|周)|第\s*[0-9]+\s*版")


@dataclass(frozen=True)
class PageArticle:
    """One article cut from a page: its headline, by-line and body text."""

    title: str
    text: str
    byline: str | None = None
    original: str | None = None  # the same article in the characters the file used


def _heading_text(line: str) -> tuple[str, int] | None:
    """``(text, level)`` of a headline-like line: a markdown heading, or a short unpunctuated line."""
    if CONTINUED_ON.fullmatch(line):
        return None
    m = MARKDOWN_HEADING.match(line)
    if m:
        return m.group(2).strip(), len(m.group(1))
    if (
        len(line) <= HEADLINE_MAX
        and not SENTENCE_PUNCTUATION.search(line)
        and not BYLINE.match(line)
    ):
        return line, 0
    return None


def _opens_article(lines: list[str], i: int) -> bool:
    """Whether a by-line or a news lead follows the headline block starting at line ``i``."""
    seen = 0
    for line in lines[i + 1 :]:
        if not line:
            continue
        if PAGE_DATE_LINE.search(line):
            return False  # the masthead's date line: page furniture, not a by-line
        if BYLINE.match(line) or NEWS_LEAD.match(line):
            return True
        heading = _heading_text(line)
        if (heading and heading[1] != 4 or PHOTO_CAPTION.search(line)) and seen < LOOKAHEAD_LINES:
            seen += 1  # more of the headline block, or a photo caption before the by-line
            continue
        return False
    return False


def split_articles(text: str, original: str | None = None) -> list[PageArticle]:
    """The articles of ``text``; a text with fewer than two headlines is one article.

    The first article's title is its headline; text before it (masthead,
    date line) is page furniture. ``original`` is the same text line for line
    in other characters (traditional, where ``text`` was converted to
    simplified): each article gets its part of it.
    """
    lines = [line.strip() for line in text.split("\n")]
    original_lines = [line.strip() for line in original.split("\n")] if original else None
    if original_lines is not None and len(original_lines) != len(lines):
        original_lines = None  # not line for line: keep no original rather than a wrong one
    starts: list[int] = []
    has_body = True  # an article starts only after the one before it has body text
    for i, line in enumerate(lines):
        heading = _heading_text(line) if line else None
        if CONTINUED_FROM.match(line):
            starts.append(i)
            has_body = True
        elif has_body and heading and (heading[1] or 0) <= 3 and _opens_article(lines, i):
            starts.append(i)
            has_body = False
        elif has_body and PAPER_REPORTS.match(line):
            starts.append(i)  # 本报讯 opens a story whose headline the scan lost
            has_body = True
        elif line and not heading and not DATE_LINE.fullmatch(line.strip("()（）")):
            has_body = True
    bounds = (
        [(0, len(lines))]
        if len(starts) < 2
        else list(zip(starts, [*starts[1:], len(lines)], strict=True))
    )
    articles = []
    for a, b in bounds:
        article = _article(lines[a:b])
        if original_lines is not None:
            article = replace(article, original=_kept_text(original_lines[a:b]))
        articles.append(article)
    return articles


def _kept_text(lines: list[str]) -> str:
    """An article's text: its lines without page marks or markdown heading signs."""
    # most lines hold neither a page mark (下转…) nor a heading sign: no pattern runs on them
    kept = [CONTINUED_ON.sub("", line) if "下转" in line else line for line in lines]
    kept = [MARKDOWN_HEADING.sub(r"\2", line) if line[:1] == "#" else line for line in kept]
    kept = [line.strip() for line in kept]
    return "\n".join(kept).strip()


def _article(lines: list[str]) -> PageArticle:
    """Title and by-line of one article's lines; its text keeps every line but page marks."""
    text = _kept_text(lines)
    kept = text.split("\n")
    title_parts: list[str] = []
    for line in lines:
        heading = _heading_text(line) if line else None
        if not line or (heading and DATE_LINE.search(line)):
            continue
        if not heading or CONTINUED_FROM.match(line) or BYLINE.match(line):
            break
        title_parts.append(heading[0])
    byline = next((m.group(0).strip() for line in kept[:8] if (m := BYLINE.match(line))), None)
    body = text[text.index(byline) + len(byline) :] if byline else text
    title = " ".join(title_parts) or _first_sentence(body)
    return PageArticle(title=title, text=text, byline=byline)


def _first_sentence(text: str, limit: int = 30) -> str:
    first = re.split(r"[。！？\n]", CONTINUED_FROM.sub("", text).strip(), maxsplit=1)[0]
    return first[:limit]
