"""Calendar dates in Chinese legal text, as char offsets into the text they were found in.

Spans are character offsets, not token edges: jieba reads 「2025年1月12日经批准」 as
…/12/日经/批准, so a token-aligned span would lose 日 or swallow 经.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from casecheck.nlp.numbers import parse_int

# One-to-one replacements, so offsets in the translated copy equal offsets in the original.
_FOLD = str.maketrans("０１２３４５６７８９○Ｏ．／－", "0123456789〇〇./-")
_CN_YEAR = "〇零一二三四五六七八九"
_YEAR_DIGIT = {ch: max(i - 1, 0) for i, ch in enumerate(_CN_YEAR)}  # 〇 and 零 are both 0
_CN_SMALL = "一二三四五六七八九十"
_S = r"[ \t]?"  # PDF text sometimes has one space between CJK and digits
# A Chinese-numeral year may be typed with a Latin O or an ASCII 0 for 〇 (二O一二, 二0一四).
_ZERO_LOOKALIKES = "Oo0"
_YEAR = (
    rf"(?P<y>(?:19|20)\d{{2}}|(?=[{_ZERO_LOOKALIKES}]*[{_CN_YEAR}])"
    rf"[{_CN_YEAR}{_ZERO_LOOKALIKES}]{{4}})"
)
_MONTH = rf"(?P<m>\d{{1,2}}|[{_CN_SMALL}]{{1,2}})"
_DAY = rf"(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}})"
_CN_DATE_RE = re.compile(rf"(?<!\d){_YEAR}{_S}年{_S}{_MONTH}{_S}月{_S}{_DAY}{_S}[日号]")
_SEP_DATE_RE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.])"
)
# 「2025年3月5日至4月1日」: a second date sharing the first one's year (and month).
_CONTINUATION_RE = re.compile(
    rf"{_S}(?:至|到|—|-|~|～){_S}(?:(?P<m>\d{{1,2}}|[{_CN_SMALL}]{{1,2}}){_S}月)?{_S}"
    rf"(?P<d>\d{{1,2}}|[{_CN_SMALL}]{{1,3}}){_S}日"
)
_TIME_RE = re.compile(
    rf"{_S}(?P<half>上午|下午|晚上|凌晨|中午)?{_S}(?P<h>\d{{1,2}}|[{_CN_SMALL}]{{1,3}}){_S}"
    rf"(?:时|点|:|：){_S}(?:(?P<min>\d{{1,2}}|[{_CN_SMALL}零]{{1,3}}){_S}分?)?"
)
MIN_YEAR, MAX_YEAR = 1949, 2100


@dataclass(frozen=True)
class DateMatch:
    """A date found in text; `time` and `time_end` are set when a clock time follows it."""

    start: int
    end: int
    date: dt.date
    text: str
    time: dt.time | None = None
    time_end: int | None = None

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def _year(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    text = "".join("〇" if ch in _ZERO_LOOKALIKES else ch for ch in text)
    if all(ch in _CN_YEAR for ch in text):
        return int("".join(str(_YEAR_DIGIT[ch]) for ch in text))
    return None


def _make_date(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    if y is None or m is None or d is None or not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:  # 2025年2月30日 is not a date
        return None


def _time_after(folded: str, pos: int) -> tuple[dt.time, int] | None:
    m = _TIME_RE.match(folded, pos)
    if not m:
        return None
    hour = parse_int(m.group("h"))
    minute = parse_int(m.group("min")) if m.group("min") else 0
    if hour is None or minute is None:
        return None
    if m.group("half") in ("下午", "晚上") and hour < 12:
        hour += 12
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    if m.group("min") is None and folded[m.end() - 1] in ":：":
        return None
    return dt.time(hour, minute), m.end()


def find_dates(text: str) -> list[DateMatch]:
    """Every valid calendar date in `text`, in order, with char offsets.

    Reads 2025年3月5日, 二〇二五年三月十五日, 2025.3.5, 2025-03-05, 2025/3/5, a following
    clock time (2025年3月5日9时30分), and 「…至4月1日」 continuations. Impossible dates
    (2025年2月30日) are skipped.
    """
    folded = text.translate(_FOLD)
    found: list[DateMatch] = []
    for regex in (_CN_DATE_RE, _SEP_DATE_RE):
        for m in regex.finditer(folded):
            date = _make_date(_year(m.group("y")), parse_int(m.group("m")), parse_int(m.group("d")))
            if date is None:
                continue
            found.append(_with_time(text, folded, m.start(), m.end(), date))
            cont = _CONTINUATION_RE.match(folded, m.end())
            if cont and regex is _CN_DATE_RE:
                month = parse_int(cont.group("m")) if cont.group("m") else date.month
                second = _make_date(date.year, month, parse_int(cont.group("d")))
                if second is not None:
                    start = cont.end() - len(cont.group(0).lstrip(" \t至到—-~～"))
                    found.append(_with_time(text, folded, start, cont.end(), second))
    found.sort(key=lambda d: d.start)
    return [d for i, d in enumerate(found) if i == 0 or d.start >= found[i - 1].end]


def _with_time(text: str, folded: str, start: int, end: int, date: dt.date) -> DateMatch:
    timed = _time_after(folded, end)
    if timed:
        return DateMatch(start, end, date, text[start:end], timed[0], timed[1])
    return DateMatch(start, end, date, text[start:end])


def parse_date(text: str) -> dt.date | None:
    """The single date that `text` consists of (surrounding blanks allowed), else None."""
    stripped = text.strip()
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(stripped):
        return dates[0].date
    return None
