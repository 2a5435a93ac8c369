"""Working-day arithmetic per 行政处罚法第八十五条: periods of 二日、三日、五日、七日 are working
days; 十五日、六十日、九十日 are calendar days.

The holiday table comes from chinese-calendar (State Council arrangements, 调休 included). For a
year it does not cover, a user table in `checklists/params/holidays.yaml` may supply the days;
where neither has the year, `NoHolidayData` is raised and the caller reports `not_checked` —
never a guess.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar

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
    """Years added by data: {year: (holidays, adjusted working weekend days)}."""
    table = load_yaml("params", "holidays.yaml") or {}
    out = {}
    for year, spec in (table.get("years") or {}).items():
        holidays = frozenset(dt.date.fromisoformat(str(d)) for d in spec.get("holidays", []))
        workdays = frozenset(dt.date.fromisoformat(str(d)) for d in spec.get("workdays", []))
        out[int(year)] = (holidays, workdays)
    return out


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
