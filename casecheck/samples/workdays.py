"""Working-day arithmetic for the generator.

行政处罚法第八十五条: the 二日、三日、五日、七日 of that law are working days."""

from __future__ import annotations

import datetime as dt

from chinese_calendar import is_workday

_DAY = dt.timedelta(days=1)


def next_workday(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_workday(day):
        day += _DAY
    return day


def add_workdays(day: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `day` (weekends and holidays skipped, 调休 counted)."""
    while count > 0:
        day += _DAY
        if is_workday(day):
            count -= 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`."""
    count, day = 0, start
    while day < end:
        day += _DAY
        count += is_workday(day)
    return count
