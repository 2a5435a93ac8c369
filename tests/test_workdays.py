"""Working days per 行政处罚法第八十五条, on the State Council holiday arrangements."""

from __future__ import annotations

import datetime as dt

import pytest

from casecheck.workdays import NoHolidayData, add_working_days, is_workday, working_days_between

D = dt.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2025, 10, 1), False),  # 国庆节
        (D(2025, 9, 28), True),  # Sunday made a working day (调休)
        (D(2025, 10, 11), True),  # Saturday made a working day
        (D(2025, 6, 2), False),  # 端午节 (Monday)
        (D(2026, 1, 1), False),  # 元旦
        (D(2025, 6, 4), True),  # ordinary Wednesday
        (D(2025, 6, 7), False),  # ordinary Saturday
    ],
)
def test_is_workday_follows_the_holiday_arrangement(day, expected):
    assert is_workday(day) is expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 6, 3), D(2025, 6, 10), 5),  # Tue → next Tue
        (D(2025, 6, 3), D(2025, 6, 3), 0),
        (D(2025, 6, 10), D(2025, 6, 3), 0),
        (D(2025, 9, 30), D(2025, 10, 8), 0),  # National Day and 中秋, 1–8 October
        (D(2025, 9, 30), D(2025, 10, 9), 1),
        (D(2025, 5, 30), D(2025, 6, 6), 4),  # 端午 on Monday 2 June
    ],
)
def test_working_days_between_counts_after_start_up_to_end(start, end, expected):
    assert working_days_between(start, end) == expected


def test_add_working_days_is_the_inverse_of_counting():
    start = D(2025, 9, 26)
    for days in range(1, 15):
        end = add_working_days(start, days)
        assert working_days_between(start, end) == days
        assert is_workday(end)


def test_year_without_holiday_data_is_refused_not_guessed():
    with pytest.raises(NoHolidayData) as raised:
        working_days_between(D(2026, 12, 28), D(2027, 1, 8))
    assert "2027" in str(raised.value)
