"""Newspaper pages split into their articles: the seeds' pages, by headline and first sentence."""

from __future__ import annotations

import codecs
import re

import pytest

from policygraph.loaders.read import read_file
from policygraph.loaders.text import split_sentences


def first_sentence(article) -> str:
    """The article's first sentence of body text: not its headline, by-line or date line."""
    for sentence in split_sentences(article.text):
        sentence = re.sub(r"^[（(]上接第\d+版[)）]", "", sentence).strip()
        if article.byline and sentence.startswith(article.byline):
            sentence = sentence[len(article.byline) :].strip()
        is_body = sentence and sentence not in article.title and not sentence.startswith("新华社")
        if is_body and not re.fullmatch(r"[（(].*日[)）]", sentence):
            return sentence
    return ""


SEED_003 = [
    ("中共中央 国务院关于深化产业工人队伍建设改革的意见", "产业工人是工人阶级的主力军，"),
    ("连续8年破亿吨", "近日，宁波舟山港北仑矿石码头顺利完成"),
    ("山区县工会“圈粉”的困境与破局—— 淳安建起百余家“共享职工之家”", "今年投用的淳安县工人文化宫"),
    ("昨日，应浙江省总工会邀请", "昨日，应浙江省总工会邀请，以吉成刚会长为团长"),
    ("借得海风舞翩跹", "近日，2024年中国·岱山国际运动风筝赛"),
]
SEED_004 = [
    (
        "昆明推出产业工人队伍建设改革操作指南 159项举措让基层落实“产改”有了明确抓手",
        "推进产业工人队伍建设改革,谁来抓",
    ),
    ("山东邹平市总构建职工社会心理关爱体系", "记者日前获悉,近年来,山东省滨州市邹平市总工会"),
    ("爱心体检", "4月6日,在湖南省资兴市唐洞街道第一社区卫生服务中心"),
    ("浙江安吉县政府立项、工会积极推动解决外来务工人员住房困难", "近日,浙江省湖州市安吉县"),
    ("上饶市广丰区总工会打造“城市书吧”", "记者近日获悉,今年以来,江西省上饶市广丰区总工会"),
    ("我们要坚持独立自主,维护中欧共同利益", "我们要坚持独立自主,维护中欧共同利益。"),
    ("全总机关党员干部要提高政治站位", "全总机关党员干部要提高政治站位"),
    ("服务乡村振兴 服务职工企业 湖北五峰县总多举措助力优化营商环境", "近年来,湖北省宜昌市五峰"),
    ("体验劳动快乐", "4月5日,湖北省襄阳市保康县歇马镇中心学校烹饪教室"),
    ("四川省总针对县级工会", "闲置的资产经过改造,建成一站式职工活动综合体"),
]


@pytest.mark.parametrize(("stem", "expected"), [("003", SEED_003), ("004", SEED_004)])
def test_newspaper_pages_split_into_their_articles(seeds, stem, expected):
    [path] = seeds.glob(f"{stem}_*.txt")
    articles = read_file(path)
    assert len(articles) == len(expected)
    for article, (headline, first) in zip(articles, expected, strict=True):
        assert article.title.startswith(headline[:30]), (article.title, headline)
        assert first_sentence(article).startswith(first), (headline, first_sentence(article))
    assert len({a.doc_id for a in articles}) == len(articles)


def test_page_furniture_and_continuation_marks_are_gone(seeds):
    [path] = seeds.glob("003_*.txt")
    articles = read_file(path)
    assert all("下转" not in a.text for a in articles)
    assert all(a.source == "浙江工人日报" and a.date == "2024-10-22" for a in articles)
    assert not any("国内统一连续出版物号" in a.text for a in articles)
    assert articles[0].byline == "新华社北京10月21日电"


def test_single_documents_stay_whole(seeds):
    for stem in ("001", "002"):
        [path] = seeds.glob(f"{stem}_*.txt")
        assert len(read_file(path)) == 1
    [article] = read_file(next(seeds.glob("001_*.txt")))
    assert article.byline == "■ 劳动报记者 张锐杰"
    assert "“中国梦·劳动美·幸福颂”" in article.text  # the scan-broken name is whole again


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("gb18030"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    ],
    ids=["gb18030", "utf-16"],
)
def test_each_seed_re_encoded_gives_the_same_articles(seeds, tmp_path, encode):
    for path in sorted(seeds.glob("*.txt")):
        copy = tmp_path / path.name
        copy.write_bytes(encode(path.read_text(encoding="utf-8")))
        original = [(a.doc_id, a.title, a.text, a.byline) for a in read_file(path)]
        assert [(a.doc_id, a.title, a.text, a.byline) for a in read_file(copy)] == original
