"""The State Council's holiday arrangements (国务院办公厅关于…年部分节假日安排的通知) as data:
read from the notice's text, kept in a small YAML table per year.

The working-day calendar (casecheck.workdays) reads, in order: the user's table
(`holidays.yaml` in the user data folder, written by `casecheck holidays import`), the shipped
table (`checklists/params/holidays.yaml`), then the chinese-calendar package. A year none of
them covers is reported as not checkable, never guessed.

A table entry: `years: {2027: {source: …, holidays: [dates off], workdays: [weekend dates
worked (调休上班)]}}`; days off that fall on a weekend may be listed, they change nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casecheck.resources import data_dir

USER_TABLE = "holidays.yaml"

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_NOTE = re.compile(r"[（(][^（）()]*[）)]")  # （周四）（农历腊月二十八、周日）
_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_RANGE = re.compile(
    r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[至到—－~～-]\s*"
    r"(?:(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*)?(\d{1,2})\s*日"
)
_YEAR = re.compile(r"关于\s*(\d{4})\s*年\s*部分节假日")
# An item: 「一、元旦：」, or a festival's name when the ordinal was lost in copying.
_FESTIVALS = "元旦|春节|清明|劳动节|端午|中秋|国庆"
_HOLIDAY_ITEM = re.compile(
    rf"^\s*(?:[一二三四五六七八九十]+\s*[、.．]\s*(?P<name>[^：:]{{1,12}})"
    rf"|(?P<festival>(?:{_FESTIVALS})[^：:]{{0,10}}))[：:]"
)
# Items run together on one line (text copied from a web page): 「…上班。二、春节：…」.
_RUN_ON_ITEM = re.compile(r"\s*(?=[一二三四五六七八九十]+\s*、[^：:。]{1,12}[：:])")


class AnnouncementError(ValueError):
    """The text is not a holiday notice this reader understands (message in Chinese)."""


@dataclass
class YearArrangement:
    """One year's arrangement: days off and weekend days worked, with where it came from."""

    year: int
    holidays: list[dt.date] = field(default_factory=list)
    workdays: list[dt.date] = field(default_factory=list)
    source: str = ""
    festivals: list[str] = field(default_factory=list)  # the items the notice lists

    def to_yaml(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "holidays": sorted(set(self.holidays)),
            "workdays": sorted(set(self.workdays)),
        }


def parse_announcement(text: str, year: int | None = None, source: str = "") -> YearArrangement:
    """The days off and the weekend days worked that a notice announces.

    Each item (一、元旦：…, or 元旦：… without its ordinal) is read clause by clause (split at
    。；，): a clause saying 上班 lists weekend days worked; one saying 放假 or 补休 lists days
    off, as ranges (1月1日至3日, 12月31日至1月2日 across the new year) or single days. Notes
    in brackets (周四, 农历…) are ignored. The year comes from the notice's title
    (关于2027年部分节假日安排的通知) unless given.
    Raises AnnouncementError when no year or no item is found, or a date is impossible."""
    text = text.translate(_FULLWIDTH)
    if year is None:
        m = _YEAR.search(text)
        if m is None:
            raise AnnouncementError(
                "未找到年份（通知标题“关于××××年部分节假日安排的通知”），请用 --year 指定"
            )
        year = int(m.group(1))
    arrangement = YearArrangement(year, source=source or _title(text, year))
    for line in _RUN_ON_ITEM.sub("\n", text).splitlines():
        item = _HOLIDAY_ITEM.match(line)
        if item is None:
            continue
        arrangement.festivals.append((item.group("name") or item.group("festival")).strip())
        body = _NOTE.sub("", line[item.end() :])
        for sentence in re.split(r"[。；;，,]", body):
            if "上班" in sentence:
                arrangement.workdays += _days(sentence, year)
            elif "放假" in sentence or "补休" in sentence:
                arrangement.holidays += _days(sentence, year)
    if not arrangement.festivals:
        raise AnnouncementError("未找到放假安排条目（如“一、元旦：1月1日至3日放假调休，共3天。”）")
    odd = [d for d in arrangement.workdays if d.weekday() < 5]
    if odd:
        shown = "、".join(d.isoformat() for d in odd)
        raise AnnouncementError(f"调休上班日 {shown} 不是周末，请核对通知文本")
    return arrangement


def _title(text: str, year: int) -> str:
    for line in text.splitlines():
        if "节假日安排的通知" in line:
            return line.strip()
    return f"国务院办公厅关于{year}年部分节假日安排的通知"


def _date(year: int | str | None, month: str, day: str, default_year: int) -> dt.date:
    try:
        return dt.date(int(year) if year else default_year, int(month), int(day))
    except ValueError as exc:
        raise AnnouncementError(f"日期不存在：{month}月{day}日") from exc


def _days(sentence: str, year: int) -> list[dt.date]:
    """Every date a sentence names: each day of a range, and single days."""
    out: list[dt.date] = []
    rest = sentence
    for m in _RANGE.finditer(sentence):
        y1, m1, d1, y2, m2, d2 = m.groups()
        start = _date(y1, m1, d1, year)
        end = _date(y2, m2 or m1, d2, start.year)
        if end < start and not y2:  # 12月31日至1月2日: the range crosses the new year
            end = end.replace(year=end.year + 1)
        if (end - start).days > 31:
            raise AnnouncementError(f"放假区间过长：{m.group()}")
        out += [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        rest = rest.replace(m.group(), "")
    out += [_date(y, mo, d, year) for y, mo, d in _DATE.findall(rest)]
    return out


def user_table_path() -> Path:
    return data_dir() / USER_TABLE


def read_table(path: Path) -> dict[int, dict[str, Any]]:
    """{year: entry} of a holiday table; an absent file is empty."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {int(y): spec or {} for y, spec in (data.get("years") or {}).items()}


def save_arrangement(arrangement: YearArrangement, path: Path | None = None) -> Path:
    """Add (or replace) a year in the user's table; returns the table's path."""
    path = path or user_table_path()
    table = read_table(path)
    table[arrangement.year] = arrangement.to_yaml()
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# 用户导入的放假安排（casecheck holidays import 写入），优先于随软件提供的数据\n"
    body = yaml.safe_dump({"years": dict(sorted(table.items()))}, allow_unicode=True)
    path.write_text(header + body, encoding="utf-8")
    return path
