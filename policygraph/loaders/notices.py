"""Official notices (公文): the headline, the text handed out, the signers, the date.

A notice is built the same way wherever it comes from: a headline (often with
its issuer before 关于: 云南省人民政府关于印发…的通知, sometimes over two
lines), a 文号 line (辽人社〔2025〕14号), the addressees, a body that cites
what it carries out (贯彻落实《X》) and hands a text out (现将《B》印发给你们),
then the signers, one or two to a line and sometimes glued together, and the
date. From that structure:

- every signer ISSUED the notice and the text it hands out, and the co-signers
  are PARTNERS_WITH the first signer (a star from the lead, not all pairs);
- with no signature block, the issuer before 关于 in the headline signs;
- the notice and its text IMPLEMENTS each title the body cites;
- the notice is dated by the date below the signature and numbered by its 文号.

>>> from policygraph.loaders.extract import extract
>>> from policygraph.loaders.facts import Article
>>> text = ("关于印发《江宁县职工书屋建设办法》的通知\\n江总〔2024〕3号\\n"
...         "为贯彻落实《全民阅读促进条例》，现将《江宁县职工书屋建设办法》印发给你们。\\n"
...         "江宁县总工会江宁县文化局\\n2024年3月1日")
>>> facts = extract(Article(doc_id="d", text=text, title="", path="x.txt"))
>>> sorted({(r.type, r.source[1], r.target[1]) for r in facts.relations if r.type != "LOCATED_IN"})[:3]
[('IMPLEMENTS', '关于印发江宁县职工书屋建设办法的通知', '全民阅读促进条例'), ('IMPLEMENTS', '江宁县职工书屋建设办法', '全民阅读促进条例'), ('ISSUED', '江宁县总工会', '关于印发江宁县职工书屋建设办法的通知')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policygraph.loaders.dates import first_full_date
from policygraph.loaders.facts import Mention, Relation
from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.offsets import original_position
from policygraph.loaders.spans import outermost
from policygraph.loaders.text import clause_start, clean_name

# 关于印发《B》的通知 / 关于授予…的决定: the headline from 关于 to its document type.
HEADLINE = re.compile(
    r"关于[^。；！？]{2,120}?的(?:实施|指导)?(?:通知|决定|意见|方案|办法|规定|批复|通报|函)$"
)
# The text a notice hands out, inside its headline: 关于印发《B》的通知, 关于印发B的通知.
HANDED_IN_HEADLINE = re.compile(r"关于(?:印发|转发|印送|颁布)《?(.{2,100}?)》?的通知$")
# 现将《X》印发给你们: the notice hands out the policy it names.
HANDED_OUT = re.compile(r"现将《[^《》]+》(?:印发|转发|印送)")
# A 文号 on a line of its own: 辽人社〔2025〕14号, 云政发〔2017〕40号.
DOC_NUMBER = re.compile(
    r"(?:文\s*号[\s:：|]*)?([\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号)"
)
# A signature's date line: 2024年3月1日, 2022-02-15, or a slip such as 2025717.
DATE_LINE = re.compile(r"^\s*(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|20\d{5,6})\s*$")
# Verbs of carrying out before a cited title in its clause (the policies lexicon's).
CITING = re.compile("|".join(lexicon("policies")["cites"]))
# How many lines the headline may sit below the page's first line (来源, 索引号 …).
HEADLINE_REACH = 12


@dataclass(frozen=True)
class Notice:
    """Where a notice's parts are: its headline policy, its text, its signers."""

    name: str | None  # the headline policy (关于印发…的通知)
    headline_form: str | None  # the headline from 关于 as written, spaces aside
    handed_out: str | None  # the text it hands out
    signers: list  # Organization spans, the lead first
    date: str | None
    doc_number: str | None
    sign_index: int  # the sentence index of the first signature line, or len(found)


def notice_facts(text: str, found: list, anchors: list) -> tuple[list[Relation], list[Mention]]:
    """ISSUED, PARTNERS_WITH and IMPLEMENTS read from a notice's structure, with mentions.

    ``found`` holds each sentence as (sentence, start, spans), the spans as the finder
    gave them (signature blocks write their bodies in full).
    """
    notice = read_notice(found)
    if notice is None:
        return [], []
    relations: list[Relation] = []
    mentions: list[Mention] = []
    head_start = _headline_start(found)
    sign_end = _sign_end(found, notice)
    passage = text[head_start:sign_end]
    offset = original_position(anchors, head_start) if anchors else None

    def rel(rtype: str, source: tuple, target: tuple) -> None:
        relations.append(Relation(rtype, source, target, passage, offset=offset))

    policies = [p for p in (notice.name, notice.handed_out) if p]
    for policy in policies:
        properties = {"date": notice.date} if notice.date else {}
        if policy == notice.name and notice.doc_number:
            properties["doc_number"] = notice.doc_number
        # the headline as written stays an alias (its quotes and dots as the issuer typed them)
        form = notice.headline_form if policy == notice.name else policy
        mentions.append(Mention("Policy", policy, form, passage, 0, None, offset, properties))
    for signer in notice.signers:
        for policy in policies:
            rel("ISSUED", ("Organization", signer.name), ("Policy", policy))
    lead = notice.signers[0] if notice.signers else None
    for other in notice.signers[1:]:
        if other.name != lead.name:
            rel("PARTNERS_WITH", ("Organization", lead.name), ("Organization", other.name))
    before, after = _cited(found[: notice.sign_index]), _cited(found[notice.sign_index :])
    for policy in policies:
        # the text handed out carries out what its notice cites, and what it cites itself
        for higher, cited_end in before + (after if policy == notice.handed_out else []):
            if policy != higher:
                evidence = text[head_start : max(sign_end, cited_end)]
                relations.append(
                    Relation(
                        "IMPLEMENTS",
                        ("Policy", policy),
                        ("Policy", higher),
                        evidence,
                        offset=offset,
                    )
                )
    return relations, mentions


def read_notice(found: list) -> Notice | None:
    """The notice's parts, or None when the text has no notice headline or handing-out."""
    headline = _headline(found)
    handed = _handed_out(found)
    if headline is None and handed is None:
        return None
    name, form, issuers, handed_out = None, None, [], None
    if headline is not None:
        line, spans = headline
        at = line.index("关于")
        name = clean_name(line[at:])
        form = re.sub(r"\s+", "", line[at:])
        issuers = [s for s in spans if s.label == "Organization" and s.end <= at]
        inner = HANDED_IN_HEADLINE.search(line)
        if inner:
            handed_out = clean_name(inner.group(1))
    if handed is not None:
        handed_out = handed[1].name
    after = handed[0] + 1 if handed else 0
    signers, sign_index, date = _signature(found, after)
    if not signers:
        signers = issuers
    return Notice(name, form, handed_out, signers, date, _doc_number(found), sign_index)


def _handed_out(found: list) -> tuple[int, object] | None:
    """(sentence index, policy span) of 现将《B》印发给你们, if the text hands a policy out."""
    for index, (sentence, _, spans) in enumerate(found):
        m = HANDED_OUT.search(sentence)
        if m:
            at = m.start() + 2
            policy = next((p for p in spans if p.label == "Policy" and p.start == at), None)
            if policy is not None:
                return index, policy
    return None


def _headline(found: list) -> tuple[str, list] | None:
    """The headline line (two lines joined where the first ends in 关于印发), with its spans."""
    for index, (sentence, _, spans) in enumerate(found[:HEADLINE_REACH]):
        line = sentence
        if line.endswith(("关于印发", "关于转发", "关于")) and index + 1 < len(found):
            nxt, _, more = found[index + 1]
            shift = len(line)
            line += nxt
            spans = [*spans, *(_shifted(s, shift) for s in more)]
        if "关于" in line and HEADLINE.search(line) and not re.search(r"[，。；]", line):
            return line, spans
    return None


def _shifted(span, shift: int):
    return replace(span, start=span.start + shift)


def _headline_start(found: list) -> int:
    for sentence, start, _ in found[:HEADLINE_REACH]:
        if "关于" in sentence:
            return start
    return found[0][1] if found else 0


def _signature(found: list, after: int) -> tuple[list, int, str | None]:
    """Signers: the lines made only of organization names, right above a date line."""
    for index in range(after, len(found)):
        sentence = found[index][0]
        if not DATE_LINE.match(sentence) and not re.fullmatch(
            r"\d{4}年\d{1,2}月\d{1,2}日", sentence
        ):
            continue
        signers: list = []
        first = index
        while first - 1 >= after and _signature_line(found[first - 1]):
            first -= 1
            signers[:0] = outermost([s for s in found[first][2] if s.label == "Organization"])
        if signers:
            return signers, first, _date(sentence)
    return [], len(found), None


def _signature_line(item) -> bool:
    """True for a line that holds organization names and nothing else (spaces aside)."""
    sentence, _, spans = item
    orgs = [s for s in spans if s.label == "Organization"]
    if not orgs or re.search(r"[，。；：:、]", sentence):
        return False
    covered = set()
    for s in orgs:
        covered.update(range(s.start, s.start + len(s.form)))
    return all(i in covered or ch.isspace() for i, ch in enumerate(sentence))


def _date(line: str) -> str | None:
    date = first_full_date(line)
    if date:
        return date
    digits = re.sub(r"\D", "", line)  # 2025717: year, then month and day as written
    if len(digits) == 7:
        month, day = (digits[4], digits[5:]) if int(digits[5:]) <= 31 else (digits[4:6], digits[6])
        return f"{digits[:4]}-{int(month):02d}-{int(day):02d}"
    if len(digits) == 8:
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    return None


def _doc_number(found: list) -> str | None:
    for sentence, _, _ in found[:HEADLINE_REACH]:
        m = DOC_NUMBER.fullmatch(sentence.strip().lstrip("•· "))
        if m:
            return re.sub(r"\s+", "", m.group(1))
    return None


def _sign_end(found: list, notice: Notice) -> int:
    if notice.sign_index < len(found):
        index = notice.sign_index
        while index + 1 < len(found) and _signature_line(found[index + 1]):
            index += 1
        sentence, start, _ = found[index]
        return start + len(sentence)
    sentence, start, _ = found[min(len(found) - 1, HEADLINE_REACH)]
    return start + len(sentence)


def _cited(found: list) -> list[tuple[str, int]]:
    """Titles cited after 贯彻落实, 根据, 按照 … in the same clause (为贯彻落实A等部门《X》),
    each with where its sentence ends."""
    cited: dict[str, int] = {}
    for sentence, start, spans in found:
        titles = [s for s in spans if s.label == "Policy"]
        for s in titles:
            clause = sentence[clause_start(sentence, s.start) : s.start]
            nested = any(t.start < s.start and s.end <= t.end for t in titles if t is not s)
            if CITING.search(clause) and not nested:  # not X inside 《…印发<X>的通知》
                cited.setdefault(s.name, start + len(sentence))
    return list(cited.items())
