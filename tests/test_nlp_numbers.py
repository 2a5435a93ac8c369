"""Money, numerals, ranges and percentages (casecheck.nlp.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casecheck.nlp.numbers import (
    find_amounts,
    find_ranges,
    parse_amount,
    parse_int,
    parse_number,
    parse_percent,
    parse_range,
)

AMOUNTS = [
    ("人民币伍万元整", 50000),
    ("壹拾贰万叁仟元", 123000),
    ("贰拾伍万零叁佰元", 250300),
    ("50,000元", 50000),
    ("50000.00元", 50000),
    ("5万元", 50000),
    ("1.5万元", 15000),
    ("12,345.60元", 12345.6),
    ("十万元", 100000),
    ("两万元", 20000),
    ("５００００元", 50000),
    ("５万元", 50000),
    ("人民币50000元", 50000),
    ("人民币 50000 元", 50000),
    ("￥20000", 20000),
    ("¥5000.00", 5000),
    ("RMB3000元", 3000),
    ("伍仟元整", 5000),
    ("壹佰万元", 1000000),
    ("壹拾万元整", 100000),
    ("叁仟伍佰元", 3500),
    ("陆万捌仟元整", 68000),
    ("玖佰玖拾玖元", 999),
    ("壹万贰仟叁佰肆拾伍元陆角柒分", 12345.67),
    ("伍元伍角", 5.5),
    ("三千元", 3000),
    ("二十万零五百元", 200500),
    ("一千零五十元", 1050),
    ("1,234,567.89元", 1234567.89),
    ("0.5万元", 5000),
    ("21.133697万元", 211336.97),
    ("3亿元", 300000000),
    ("一亿二千万元", 120000000),
    ("200,000.00元", 200000),
    ("800元", 800),
    ("捌佰圆整", 800),
    ("貳萬元", 20000),
    ("人民币伍仟元整（¥5000.00）", 5000),
    ("50000元（伍万元）", 50000),
    ("5000", 5000),
]

NOT_AMOUNTS = [
    "",
    "元",
    "万元",
    "人民币",
    "罚款",
    "abc",
    "第三条",
    "百分之三",
    "10000000000000000000元",
    "一二三元四",
]


@pytest.mark.parametrize(("text", "expected"), AMOUNTS)
def test_parse_amount(text: str, expected: float) -> None:
    assert parse_amount(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_an_amount(text: str) -> None:
    assert parse_amount(text) is None


FIND_CASES = [
    # (text, [(span text, value, figure)])
    ("罚款人民币伍仟元整（¥5000.00）。", [("人民币伍仟元整（¥5000.00）", 5000, 5000)]),
    ("处以罚款2万元整（￥20000.00），", [("2万元整（￥20000.00）", 20000, 20000)]),
    ("罚款伍万元（¥5000.00）", [("伍万元（¥5000.00）", 50000, 5000)]),
    (
        "货值金额12,345.60元，没收违法所得人民币三千元。",
        [("12,345.60元", 12345.6, None), ("人民币三千元", 3000, None)],
    ),
    ("共计5万元和1.5万元", [("5万元", 50000, None), ("1.5万元", 15000, None)]),
    ("罚款（小写：¥800）", [("¥800", 800, None)]),
    ("罚款3000元（叁仟元整）", [("3000元（叁仟元整）", 3000, 3000)]),
    (
        "计人民币肆万陆仟陆佰玖拾伍（46695）元整。",
        [("人民币肆万陆仟陆佰玖拾伍（46695）元整", 46695, 46695)],
    ),
    # 圆 is the 大写 form of 元
    ("罚款叁仟圆（2000元）", [("叁仟圆（2000元）", 3000, 2000)]),
    ("罚款人民币壹万伍仟圆整（￥15000）", [("人民币壹万伍仟圆整（￥15000）", 15000, 15000)]),
    ("统一社会信用代码不是钱", []),
    ("第3单元2号", []),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_amounts(text: str, expected: list[tuple[str, float, float | None]]) -> None:
    found = find_amounts(text)
    assert [(text[a.start : a.end], a.value, a.figure) for a in found] == expected
    assert all(a.text == text[a.start : a.end] for a in found)


def test_figure_mismatch_is_reported() -> None:
    (amount,) = find_amounts("罚款伍万元（¥5000.00）")
    assert amount.figure_mismatch
    (amount,) = find_amounts("罚款伍仟元整（¥5000.00）")
    assert not amount.figure_mismatch


RANGES = [
    ("五万元以上十万元以下", 50000, 100000, "元"),
    ("5万元以上50万元以下", 50000, 500000, "元"),
    ("二千元以上二万元以下", 2000, 20000, "元"),
    ("一万至五万元", 10000, 50000, "元"),
    ("5000元至3万元", 5000, 30000, "元"),
    ("十倍以上二十倍以下", 10, 20, "倍"),
    ("百分之五十以上五倍以下", 0.5, 5, "倍"),
    ("百分之一以上百分之五以下", 0.01, 0.05, "倍"),
    ("一万元以下", None, 10000, "元"),
    ("5万元以上", 50000, None, "元"),
    ("五倍以下", None, 5, "倍"),
]


@pytest.mark.parametrize(("text", "low", "high", "unit"), RANGES)
def test_parse_range(text: str, low: float | None, high: float | None, unit: str) -> None:
    rng = parse_range(text)
    assert rng is not None
    assert (rng.low, rng.high, rng.unit) == (low, high, unit)


def test_range_inside_sentence_and_contains() -> None:
    text = "并处货值金额十倍以上二十倍以下罚款；货值金额不足一万元的，处五万元以上十万元以下罚款"
    found = find_ranges(text)
    spans = [text[r.start : r.end] for r in found]
    assert "十倍以上二十倍以下" in spans and "五万元以上十万元以下" in spans
    money = next(r for r in found if r.text == "五万元以上十万元以下")
    assert money.contains(50000) and money.contains(100000) and not money.contains(100001)


@pytest.mark.parametrize("text", ["2025-03-05", "以上事实", "五万元以上的", "第十条至第十二条"])
def test_no_range(text: str) -> None:
    assert parse_range(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("百分之三", 0.03),
        ("3%", 0.03),
        ("３％", 0.03),
        ("百分之五十", 0.5),
        ("千分之五", 0.005),
        ("0.5%", 0.005),
        ("百分之", None),
        ("三", None),
    ],
)
def test_parse_percent(text: str, expected: float | None) -> None:
    assert parse_percent(text) == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一百二十四", 124),
        ("124", 124),
        ("１２４", 124),
        ("二〇二五", 2025),
        ("二○二五", 2025),
        ("十", 10),
        ("六十三", 63),
        ("两千", 2000),
        ("1.5", None),
        ("第一百二十四条", None),
        ("", None),
    ],
)
def test_parse_int(text: str, expected: int | None) -> None:
    assert parse_int(text) == expected


@given(st.text(max_size=60))
def test_parsers_never_raise(text: str) -> None:
    parse_amount(text)
    parse_number(text)
    parse_int(text)
    parse_percent(text)
    parse_range(text)
    for amount in find_amounts(text):
        assert 0 <= amount.start < amount.end <= len(text)
    for rng in find_ranges(text):
        assert 0 <= rng.start < rng.end <= len(text)


@given(
    st.text(
        alphabet="零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟元整角分0123456789.,%倍以上下至人民币¥（）",
        max_size=30,
    )
)
def test_numeral_soup_never_raises(text: str) -> None:
    parse_amount(text)
    find_amounts(text)
    find_ranges(text)
    parse_int(text)


@pytest.mark.parametrize("run", ["1" * 10_000, "一" * 10_000, "９" * 10_000])
def test_a_run_of_thousands_of_numerals_is_no_amount(run):
    """A garbled run of numerals is not a number (at most 24 characters make one), and the
    patterns neither start inside it nor backtrack over it (bounded work, measured in
    docs/security.md)."""
    text = f"罚款{run}元，处{run}以上{run}以下罚款"
    assert all(len(a.text) <= 30 for a in find_amounts(text))
    assert find_ranges(text) == []
