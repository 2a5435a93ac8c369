"""Dates in Chinese legal text (casecheck.nlp.dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casecheck.nlp.dates import find_dates, parse_date

D = dt.date

# (text, [(span text, date)])
CASES = [
    ("二〇二五年三月五日", [("二〇二五年三月五日", D(2025, 3, 5))]),
    ("二〇二五年三月十五日", [("二〇二五年三月十五日", D(2025, 3, 15))]),
    ("二○二六年一月十六日", [("二○二六年一月十六日", D(2026, 1, 16))]),
    ("二零二五年十二月三十一日", [("二零二五年十二月三十一日", D(2025, 12, 31))]),
    ("二O一二年三月五日", [("二O一二年三月五日", D(2012, 3, 5))]),  # Latin O for 〇
    ("二0一四年十二月一日", [("二0一四年十二月一日", D(2014, 12, 1))]),  # ASCII 0 for 〇
    ("O0O0年1月1日", []),
    ("二〇二六年二月二十八日", [("二〇二六年二月二十八日", D(2026, 2, 28))]),
    ("2025年3月5日", [("2025年3月5日", D(2025, 3, 5))]),
    ("2025年03月05日", [("2025年03月05日", D(2025, 3, 5))]),
    ("２０２５年３月５日", [("２０２５年３月５日", D(2025, 3, 5))]),
    ("2025 年 1 月 10 日", [("2025 年 1 月 10 日", D(2025, 1, 10))]),
    ("2025年3月5号", [("2025年3月5号", D(2025, 3, 5))]),
    ("2025.3.5", [("2025.3.5", D(2025, 3, 5))]),
    ("2025-03-05", [("2025-03-05", D(2025, 3, 5))]),
    ("2025/3/5", [("2025/3/5", D(2025, 3, 5))]),
    ("2025/12/31", [("2025/12/31", D(2025, 12, 31))]),
    ("于2025年3月5日9时30分在现场", [("2025年3月5日", D(2025, 3, 5))]),
    (
        "2025年3月5日至2025年4月1日",
        [("2025年3月5日", D(2025, 3, 5)), ("2025年4月1日", D(2025, 4, 1))],
    ),
    ("2026年8月20日至8月24日", [("2026年8月20日", D(2026, 8, 20)), ("8月24日", D(2026, 8, 24))]),
    ("2026年8月20日至24日", [("2026年8月20日", D(2026, 8, 20)), ("24日", D(2026, 8, 24))]),
    ("2025年1月12日经批准", [("2025年1月12日", D(2025, 1, 12))]),
    ("本局于2025年6月1日立案。", [("2025年6月1日", D(2025, 6, 1))]),
    ("2024年2月29日", [("2024年2月29日", D(2024, 2, 29))]),
    ("落款：某某局\n2026年1月9日", [("2026年1月9日", D(2026, 1, 9))]),
    ("2025年2月30日", []),
    ("2025年2月29日", []),
    ("2025年13月1日", []),
    ("2025年4月31日", []),
    ("1850年1月1日", []),
    ("2025.35元", []),
    ("v1.2025.3.5", []),
    ("12025年3月5日", []),
    ("三月五日", []),
    ("第2025号", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_dates(text: str, expected: list[tuple[str, dt.date]]) -> None:
    found = find_dates(text)
    assert [(text[d.start : d.end], d.date) for d in found] == expected
    assert all(d.text == text[d.start : d.end] for d in found)


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("2025年3月5日9时30分", dt.time(9, 30)),
        ("2025年3月5日14:30", dt.time(14, 30)),
        ("2025年3月5日下午3时", dt.time(15, 0)),
        ("2025年3月5日上午9时许", dt.time(9, 0)),
        ("2025年3月5日 10点05分", dt.time(10, 5)),
        ("2025年3月5日25时", None),
        ("2025年3月5日经批准", None),
    ],
)
def test_time_after_date(text: str, time: dt.time | None) -> None:
    (found,) = find_dates(text)
    assert found.time == time
    assert text[found.start : found.end].endswith("日")
    if time is not None:
        assert found.time_end is not None and found.time_end > found.end


def test_iso_form() -> None:
    assert find_dates("二〇二五年三月五日")[0].iso == "2025-03-05"


@pytest.mark.parametrize(
    ("text", "expected"),
    [(" 2025年3月5日 ", D(2025, 3, 5)), ("2025年3月5日经", None), ("", None), ("x", None)],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@given(st.text(max_size=80))
def test_find_dates_never_raises(text: str) -> None:
    for found in find_dates(text):
        assert 0 <= found.start < found.end <= len(text)


@given(st.text(alphabet="〇○零一二三四五六七八九十年月日号时分点至0123456789０.-/: ", max_size=40))
def test_date_soup_never_raises(text: str) -> None:
    find_dates(text)
    parse_date(text)
