"""People named in a sentence: by a title, a verb of speech, a list or a photo credit.

A Chinese personal name is a surname and one or two characters. Text alone
can't tell 王芳 from 王芳在, so a name is only taken where the sentence frames
it: a title before it (市委书记项雪龙) or after it (娄勤俭书记), a verb of
speech after a name that opens a clause (崔崇新说), further names in a list
that one of those opened (胡建军、王家全、徐家保), or a credit (姚峰摄).

>>> finder = PersonFinder()
>>> [(p.name, p.title) for p in finder.find("市领导胡建军、王家全出席会议。")]
[('胡建军', '市领导'), ('王家全', None)]
>>> [p.name for p in finder.find("“原来从家到厂需要4分钟。”崔崇新说。")]
['崔崇新']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policygraph.loaders.lexicon import lexicon
from policygraph.loaders.quick import quick_init
from policygraph.loaders.spans import NAME_CHAR, alternation
from policygraph.loaders.text import CJK

# 等157名 after a name: the first of a counted group of people.
COUNTED = re.compile(r"等\s*[\d一二三四五六七八九十百千]+\s*[名位人]")
# What may stand before a name that opens a clause.
# Joining words that may stand before a name with its title after it (我和习近平主席).
_JOINERS = set("和与及同跟向对为给以")
_CLAUSE_OPENERS = set("，。；：！？、“”\"'（）() \u3000\n,;:!?")
# The comma between the items of a list.


@quick_init
@dataclass(frozen=True)
class PersonName:
    """A name at ``start``; ``title`` is the title written next to it, if any."""

    name: str
    start: int
    title: str | None = None


class PersonFinder:
    """The person rules, with the people lexicon loaded once."""

    def __init__(self) -> None:
        people = lexicon("people")
        surnames = alternation([*people["surnames"], *people["double_surnames"]])
        self.name = re.compile(rf"(?:{surnames})[{CJK}]{{1,2}}")
        firsts = {s[0] for s in [*people["surnames"], *people["double_surnames"]]}
        self.surname_start = re.compile(f"[{''.join(sorted(firsts))}]")
        # the surnames a frame may open (see find): at a clause's opening or after a
        # joining word (what the look-behind of two characters ends in), or with a
        # strong title two or three characters on
        openers = re.escape("".join(sorted(_CLAUSE_OPENERS | _JOINERS)))
        strong = alternation(people["strong_titles_after"])
        self.framed_surname = re.compile(
            rf"{self.surname_start.pattern}(?:(?<![^{openers}][\s\S])|(?=[\s\S]{{1,2}}(?:{strong})))"
        )
        self.before = re.compile(rf"({alternation(people['titles_before'])})[ \u3000]?")
        self.after = re.compile(alternation(people["titles_after"]))
        self.speech = re.compile(
            rf"(?:在[{CJK}]{{1,8}}中)?(?:{alternation(people['speech_verbs'])})"
        )
        self.list_enders = tuple(people["list_enders"])
        self.list_ender = re.compile(alternation(self.list_enders))  # one search a sentence
        # a 、 with an ender two to four characters after it (王毅、秦刚等): one pattern
        # finds them rather than a test at every 、
        self.comma_before_ender = re.compile(rf"、(?=[\s\S]{{2,4}}(?:{self.list_ender.pattern}))")
        self.credit = re.compile(alternation(people["credit_endings"]))
        self.named_after = re.compile(alternation(people["named_after"]))
        self.followers = tuple(people["name_followers"])
        self.strong_after = re.compile(alternation(people["strong_titles_after"]))
        self.not_name_starts = tuple(people["not_name_starts"])
        self.not_names = tuple(people["not_names"])
        self.not_name_long_starts = tuple(w for w in self.not_name_starts if len(w) > 1)
        self.not_name_starts_or_names = (*self.not_name_starts, *self.not_names)
        self.followers_or_list_enders = (*self.followers, *self.list_enders)
        labels = alternation(people["credit_labels"])
        self.credit_label = re.compile(rf"(?:{labels})[:：][ \u3000]*")
        self.role_before = re.compile(people["role_before"])
        self.verbs_before_counted = tuple(people["verbs_before_counted"])
        honours = alternation(people["honour_endings"])
        self.honour_before = re.compile(rf"“[{CJK}·]{{0,10}}(?:{honours})”")
        self.bracketed = re.compile(rf"[(（]([{CJK}]{{2,3}}?)(?:整理|供稿|撰稿)?[)）]$")

    def find(self, sentence: str, after_org_ends: set[int] = frozenset()) -> list[PersonName]:
        """Every framed name in ``sentence``, each once, left to right.

        ``after_org_ends`` are the positions where an organization's name ends:
        a name written right there may carry its title after it (省委娄勤俭书记).
        """
        found: dict[int, PersonName] = {}
        for m in self.before.finditer(sentence):
            if self.before.match(sentence, m.end()):
                continue  # 党委书记、董事长: a chain of titles, the name comes later
            name = self._name_at(sentence, m.end(), titled=True)
            if name:
                found.setdefault(m.end(), PersonName(name, m.end(), m.group(1)))
        # most positions open no name: only surnames that a frame may open are read, and
        # those right after a body's name
        openings = [m.start() for m in self.framed_surname.finditer(sentence)]
        openings += [e for e in after_org_ends if self.surname_start.match(sentence, e)]
        for start in sorted(set(openings)):
            if start in found:
                continue
            # the cheap tests first: most surname characters stand inside other words
            opens = self._opens_clause(sentence, start, after_org_ends)
            joined = start > 0 and sentence[start - 1] in _JOINERS
            if not opens and not joined:
                strong = any(self.strong_after.match(sentence, start + n) for n in (2, 3))
                if not strong:
                    continue
            if self.before.match(sentence, start):
                continue  # 常务副主席 is a title, not 常务副 + 主席
            for name in self._names_at(sentence, start):
                rest = start + len(name)
                title = self.after.match(sentence, rest)
                if name.endswith("副"):
                    continue
                if title:
                    found[start] = PersonName(name, start, title.group(0))
                    break
                if not opens:
                    continue
                framed = self.speech.match(sentence, rest) or self.credit.match(sentence, rest)
                if framed or self.named_after.match(sentence, rest):
                    found[start] = PersonName(name, start)
                    break
        if ":" in sentence or "：" in sentence or sentence.endswith((")", "）")):
            self._credits(sentence, after_org_ends, found)
        if "等" in sentence:
            self._first_of_counted(sentence, found)
        for m in (
            self.honour_before.finditer(sentence) if "”" in sentence else ()
        ):  # “钱江工匠”王小明
            name = self._name_at(sentence, m.end())
            if name and self._may_follow_name(sentence, m.end() + len(name)):
                found.setdefault(m.end(), PersonName(name, m.end()))
        for m in self.role_before.finditer(sentence):
            name = self._name_at(sentence, m.end())
            if name and sentence.startswith(self.not_names, m.end()):
                continue
            if name and self._may_follow_name(sentence, m.end() + len(name)):
                found.setdefault(m.end(), PersonName(name, m.end()))
        for person in list(found.values()):
            self._follow_list(sentence, person, found)
        self._lists_ended_by_deng(sentence, found)
        return sorted(found.values(), key=lambda p: p.start)

    # -- helpers -------------------------------------------------------------

    def _first_of_counted(self, sentence: str, found: dict) -> None:
        """授予谢育贤等157名选手: the one name written for a counted group of people."""
        for m in COUNTED.finditer(sentence):
            for length in (3, 2):
                start = m.start() - length
                if start < 0 or not self.name.fullmatch(sentence, start, m.start()):
                    continue
                before = sentence[max(0, start - 2) : start]
                if (
                    start == 0
                    or not NAME_CHAR.match(sentence[start - 1])
                    or before.endswith(self.verbs_before_counted)
                ):
                    found.setdefault(start, PersonName(sentence[start : m.start()], start))
                    break

    def _credits(self, sentence: str, after_org_ends, found: dict) -> None:
        """Page furniture: 编辑:罗淼, 撰稿:省总工会王某, and a by-line in brackets (杜若溪)."""
        for m in self.credit_label.finditer(sentence):
            at = m.end()
            # 编辑:省人社厅苏扬: the body the credit names comes before the person
            ends = [e for e in after_org_ends if at < e <= at + 16 and "，" not in sentence[at:e]]
            at = max(ends, default=at)
            for name in self._names_at(sentence, at):
                end = at + len(name)
                if (
                    end == len(sentence)
                    or self.credit_label.match(sentence, end)
                    or (self._may_follow_name(sentence, end))
                ):
                    found.setdefault(at, PersonName(name, at))
                    break
        bracket = self.bracketed.search(sentence, max(0, len(sentence) - 8))
        if bracket and self.name.fullmatch(bracket.group(1)):
            found.setdefault(bracket.start(1), PersonName(bracket.group(1), bracket.start(1)))

    def _name_at(self, sentence: str, start: int, titled: bool = False) -> str | None:
        """The name at ``start``: two characters when the third opens a follower word.

        After a title (``titled``), a one-character word that is also a surname
        (向, 和) opens a name: 副主席向忠雄主持.
        """
        m = self.name.match(sentence, start)
        starts = self.not_name_long_starts if titled else self.not_name_starts
        if not m or sentence.startswith(starts, start):
            return None
        if titled and sentence.startswith(self.not_name_starts, start):
            # 书记和各级…: only a name that a follower or a break closes
            end = start + len(m.group(0))
            if end < len(sentence) and not self._may_follow_name(sentence, end):
                return None
        name = m.group(0)
        if sentence.startswith("了", start + len(name)):
            return None  # 负责人郑重道了一声: an adverb and a verb, not a name
        if len(name) == 3 and sentence.startswith(self.followers, start + 2):
            return name[:2]
        return name

    def _names_at(self, sentence: str, start: int) -> list[str]:
        """Both readings of a name at ``start``, longest first (王家全, 王家)."""
        m = self.name.match(sentence, start)
        if not m or sentence.startswith(self.not_name_starts_or_names, start):
            return []
        name = m.group(0)
        return [name, name[:2]] if len(name) == 3 else [name]

    @staticmethod
    def _opens_clause(sentence: str, start: int, after_org_ends) -> bool:
        return start == 0 or start in after_org_ends or sentence[start - 1] in _CLAUSE_OPENERS

    def _follow_list(self, sentence: str, person: PersonName, found: dict) -> None:
        """Names joined to a found one by 、 or a space (通讯员方俊勇、夏璐)."""
        pos = person.start + len(person.name)
        while pos < len(sentence) and sentence[pos] in "、 \u3000":
            name = self._name_at(sentence, pos + 1)
            if not name or pos + 1 in found:
                return
            end = pos + 1 + len(name)
            # 、王家全出席 is fine; 、王家全部门 is not a name: only followers may come next
            if end < len(sentence) and not self._may_follow_name(sentence, end):
                return
            found[pos + 1] = PersonName(name, pos + 1)
            pos = end

    def _may_follow_name(self, sentence: str, pos: int) -> bool:
        return (
            not NAME_CHAR.match(sentence[pos])
            or sentence.startswith(self.followers_or_list_enders, pos)
            or bool(self.speech.match(sentence, pos) or self.credit.match(sentence, pos))
        )

    def _lists_ended_by_deng(self, sentence: str, found: dict) -> None:
        """Two or more names in a row closed by 等 (王毅、秦刚等参加…)."""
        if "、" not in sentence or not self.list_ender.search(sentence):
            return  # no list, or no 等 after it
        # the ender follows a name of two to four characters (a surname, double or not,
        # and one or two more)
        for m in self.comma_before_ender.finditer(sentence):
            left = self._name_ending_at(sentence, m.start())
            right = self._name_at(sentence, m.end())
            if not left or not right:
                continue
            end = m.end() + len(right)
            if sentence.startswith(self.list_enders, end) and self._opens_clause(
                sentence, m.start() - len(left), ()
            ):
                found.setdefault(m.start() - len(left), PersonName(left, m.start() - len(left)))
                found.setdefault(m.end(), PersonName(right, m.end()))

    def _name_ending_at(self, sentence: str, end: int) -> str | None:
        for length in (3, 2):
            start = end - length
            if (
                start >= 0
                and self.name.fullmatch(sentence, start, end)
                and self._opens_clause(sentence, start, ())
            ):
                return sentence[start:end]
        return None
