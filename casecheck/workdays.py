"""Working-day arithmetic per 行政处罚法第八十五条: periods of 二日、三日、五日、七日 are working
days; 十五日、六十日、九十日 are calendar days.

The holiday table comes from the State Council's arrangements (调休 included): a year in the
user's table (written by `casecheck holidays import`, see casecheck.holidays), else in the
shipped `checklists/params/holidays.yaml`, else in the chinese-calendar package. Where none has
the year, `NoHolidayData` is raised and the caller reports `not_checked` — never a guess.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar

from casecheck.holidays import read_table, user_table_path
from casecheck.resources import load_yaml


class NoHolidayData(LookupError):
    """No holiday arrangement is known for this year."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year

    def __str__(self) -> str:
        return f"缺少 {self.year} 年的法定节假日安排数据，无法计算工作日"


@cache
def _extra_years() -> dict[int, tuple[frozenset[dt.date], frozenset[dt.date]]]:
    """Years added by data: {year: (holidays, adjusted working weekend days)}, the user's table
    over the shipped one."""
    shipped = (load_yaml("params", "holidays.yaml") or {}).get("years") or {}
    table = {int(y): spec for y, spec in shipped.items()} | read_table(user_table_path())
    out = {}
    for year, spec in table.items():
        holidays = frozenset(dt.date.fromisoformat(str(d)) for d in spec.get("holidays") or [])
        workdays = frozenset(dt.date.fromisoformat(str(d)) for d in spec.get("workdays") or [])
        out[year] = (holidays, workdays)
    return out


def reload() -> None:
    """Read the holiday tables again (after an import)."""
    _extra_years.cache_clear()


def covered_years() -> dict[int, str]:
    """{year: where its arrangement comes from} for every year the calendar knows."""
    out = {}
    first, last = chinese_calendar_range()
    for year in range(first, last + 1):
        out[year] = "chinese-calendar"
    shipped = (load_yaml("params", "holidays.yaml") or {}).get("years") or {}
    for year in shipped:
        out[int(year)] = "随软件提供的数据"
    for year in read_table(user_table_path()):
        out[year] = "用户导入"
    return dict(sorted(out.items()))


def chinese_calendar_range() -> tuple[int, int]:
    """The first and last year the installed chinese-calendar package covers."""
    years = [d.year for d in chinese_calendar.holidays]
    return min(years), max(years)


def is_workday(day: dt.date) -> bool:
    extra = _extra_years().get(day.year)
    if extra is not None:
        holidays, workdays = extra
        if day in workdays:
            return True
        return day.weekday() < 5 and day not in holidays
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError as exc:
        raise NoHolidayData(day.year) from exc


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start).

    This is how a period "within N working days of X" is counted: the day of X itself does not
    count, the last day does.
    """
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_workday(day):
            count += 1
    return count


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date on which a period of `days` working days counted from `start` ends."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_workday(day):
            remaining -= 1
    return day
