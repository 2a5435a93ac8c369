"""The text of one document with the lookups every element extractor needs (clauses,
quotations, the header's end, the sign-off), and the character classes they share."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, cached_property
from typing import Any

from casecheck.model import ELEMENT_KINDS, Document, Element
from casecheck.nlp.dates import DateMatch
from casecheck.nlp.lexicon import lexicon
from casecheck.nlp.signoff import find_signoff

CLAUSE_END = "。；;\n！？!?"
PHRASE_END = CLAUSE_END + "，,"
CJK = r"\u3400-\u9fff"
NAME = rf"[{CJK}][{CJK}·•]{{1,5}}"
PERIOD = (
    r"(?P<period>(?:[0-9０-９]+|[一二三四五六七八九十百零〇两]+)\s*(?:个\s*)?(?:工作日|日|天|月))"
)
_QUOTES = {"“": "”", "「": "」", '"': '"'}


# 「一、当事人基本情况」 opens the party block, not the body.
_BODY_START = re.compile(
    r"\s*(?:一、(?!当事人)|经查|经调查|现查明|我局于|本局于|本机关于|违法事实)"
)


class DocText:
    """The text of one document with the lookups every extractor needs."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.quoted = list(_quoted_ranges(self.text))
        self._delimiters: dict[str, list[int]] = {}
        self.lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", self.text)]
        self.header_end = self._header_end()

    @cached_property
    def signature(self) -> tuple[tuple[int, int] | None, DateMatch] | None:
        return find_signoff(self)

    def _header_end(self) -> int:
        """Where the header (title, number, party block) ends: the first long line that does
        not open with a party label (a 公安 decision names its 违法行为人 with sex, age, ID,
        户籍 and address on one long line), or the first line of the body."""
        party_line = _party_line_re()
        for start, end in self.lines:
            if start == 0:
                continue
            if _BODY_START.match(self.text, start, end):
                return start
            if end - start > 100 and not party_line.match(self.text, start, end):
                return start
        return min(len(self.text), 1000)

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)

    def clause(self, pos: int, ends: str = CLAUSE_END) -> tuple[int, int]:
        """The stretch around `pos` between the nearest delimiters of `ends` (exclusive).

        Delimiter offsets are indexed once per set and searched by bisection, so finding the
        clause of every date stays linear in the length of a long document."""
        marks = self._delimiters.get(ends)
        if marks is None:
            found = re.finditer(f"[{re.escape(ends)}]", self.text)
            marks = self._delimiters[ends] = [m.start() for m in found]
        k = bisect_left(marks, pos)
        start = marks[k - 1] + 1 if k else 0
        return start, marks[k] if k < len(marks) else len(self.text)

    def element(self, kind: str, start: int, end: int, normalized: Any) -> Element:
        assert kind in ELEMENT_KINDS, kind
        return Element(
            self.doc.id,
            kind,
            self.text[start:end],
            normalized,
            start,
            end,
            self.doc.page_at(start),
        )


@cache
def _party_line_re() -> re.Pattern[str]:
    """A line that opens with a party label and a colon (违法行为人：…, 当事人：…)."""
    labels = sorted(lexicon()["party_labels"], key=len, reverse=True)
    return re.compile(rf"\s*(?:{'|'.join(map(re.escape, labels))})\s*[：:]")


def _quoted_ranges(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    while True:
        m = re.compile("[“「]").search(text, pos)
        if not m:
            return
        close = text.find(_QUOTES[m.group(0)], m.end())
        if close < 0:
            return
        yield m.start(), close + 1
        pos = close + 1


def fold(text: str) -> str:
    return re.sub(
        r"\s+", "", text.translate(str.maketrans("０１２３４５６７８９－", "0123456789-"))
    )
