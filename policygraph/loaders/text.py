"""Chinese text helpers: normalizing, re-joining scan-broken lines, sentences.

>>> split_sentences("闵行区总工会开展培训。职工参加了！")
['闵行区总工会开展培训。', '职工参加了！']
"""

from __future__ import annotations

import re
from functools import lru_cache

from policygraph.printable import translator

SENTENCE_END = "。！？；!?;"
CLOSERS = "”’」』）)》"
_SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]*(?:[{SENTENCE_END}]+[{CLOSERS}]*|\n|$)")
CJK = r"\u3400-\u9fff\uf900-\ufaff"

# A line of running text (it holds punctuation) at least this long that stops
# without closing its sentence was cut by the page, not by the writer; shorter
# ones, and lines with no punctuation at all, are headlines and by-lines.
BROKEN_LINE_MIN = 24
_RUNNING_TEXT = re.compile(r"[，、：；,;:]")
_BLOCK_START = re.compile(
    r"^(?:#|■|●|◆|•|·|本报讯|本报记者|记者|通讯员|新华社|[（(]\s*[上下][接转]"
    r"|\d{4}年\d{1,2}月\d{1,2}日\s*星期"  # a page's date line
    r"|[\u4e00-\u9fff\s]{1,8}[:：|]\s*\S)"  # a field of a metadata block (文号: …)
)
# A line that ends like a document's title (…的通知) or a photo credit (…钟一鸣摄)
# is whole, however long; so is a photo caption (图为…).
_TITLE_END = re.compile(
    r"的(?:通知|决定|意见|通报|批复|函)$|(?:方案|办法|规定|细则|计划)\)?$|(?:摄|供图|/摄)$"
)
_CAPTION = re.compile(r"^(?:图为|图片|图[:：]|上图|下图|左图|右图)")


# Full-width ASCII forms (Ａ１（) and the ideographic space become their
# half-width forms; Chinese sentence punctuation stays full-width.
_KEEP_FULL_WIDTH = set("，：；！？")
_HALF_WIDTH = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP_FULL_WIDTH
} | {0x3000: 0x20}


_to_half_width = translator(_HALF_WIDTH)


def normalize(text: str) -> str:
    """Full-width letters, digits and brackets to half-width; Chinese punctuation kept.

    >>> normalize("ＡＢＣ１２３，（试行）")
    'ABC123，(试行)'
    """
    return _to_half_width(text)


def rejoin_broken_lines(text: str) -> str:
    """Join a long line that ends mid-sentence to the next non-empty line.

    >>> page = "区总工会关注职工思想动态，在思想引领上，一方面结合“中国梦·劳\\n\\n动美·幸福颂”系列主题教育。"
    >>> rejoin_broken_lines(page)
    '区总工会关注职工思想动态，在思想引领上，一方面结合“中国梦·劳动美·幸福颂”系列主题教育。'
    """
    lines = text.split("\n")
    out: list[str] = []
    carry = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            if not carry:
                out.append("")
            continue
        if carry and _BLOCK_START.match(line):
            out.append(carry)
            carry = ""
        line = carry + line
        carry = ""
        broken = len(line) >= BROKEN_LINE_MIN and line[-1] not in SENTENCE_END + CLOSERS + "：:"
        broken = broken and not _TITLE_END.search(line) and not _CAPTION.match(line)
        if broken and _RUNNING_TEXT.search(line) and not _BLOCK_START.match(line):
            carry = line
            continue
        out.append(line)
    if carry:
        out.append(carry)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def split_sentences(text: str) -> list[str]:
    """Split at 。！？； (and their closing quotes) and at line ends; drop empties."""
    return [sentence for _, sentence in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """``(start, sentence)`` of every sentence, ``start`` its position in ``text``.

    >>> sentence_spans("第一句。 第二句！")
    [(0, '第一句。'), (5, '第二句！')]
    """
    spans = []
    for m in _SENTENCE.finditer(text):
        raw = m.group(0)
        sentence = raw.strip()
        if sentence:
            spans.append((m.start() + len(raw) - len(raw.lstrip()), sentence))
    return spans


@lru_cache(maxsize=1 << 16)  # a pure function of a name; names recur across sentences
def clean_name(form: str) -> str:
    """A name as the schema writes it: no 《》 or quotes, no spaces or line breaks.

    >>> clean_name("“高师带徒” 奖励")
    '高师带徒奖励'
    """
    name = _NOT_IN_NAMES.sub("", form)
    return name.translate(_MIDDLE_DOTS) if _OTHER_DOTS.search(name) else name


# Middle dots as different fonts and input methods write them (技能兴企•强链增收).
_MIDDLE_DOTS = str.maketrans("•‧・∙", "····")
_OTHER_DOTS = re.compile("[•‧・∙]")
_NOT_IN_NAMES = re.compile(r"[\s《》〈〉“”‘’「」『』\"']")


_CLAUSE_BREAK = re.compile(r"[，,；;：:。]")
# Everything up to the last clause break: the match runs to the end, then backs off.
_TO_LAST_CLAUSE_BREAK = re.compile(rf"(?s:.*){_CLAUSE_BREAK.pattern}")


def clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last comma, semicolon or colon.

    >>> clause_start("区总工会开展调研，积极对接区房管局。", 12)
    9
    """
    clause = _TO_LAST_CLAUSE_BREAK.match(sentence, 0, pos)
    return clause.end() if clause else 0
