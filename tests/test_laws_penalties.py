"""Penalty clauses of one 款, on invented clause texts of each shape."""

from __future__ import annotations

import pytest

from casecheck.laws.facts import PenaltyRange
from casecheck.laws.penalties import parse_clause, parse_quantity

R = PenaltyRange

RANGE_CASES = [
    # fixed range in yuan, Chinese and Arabic numerals, 万 inside the number
    ("摊主违反规定的，处五千元以上五万元以下罚款。", [R(1, 5000, 50000)]),
    ("摊主违反规定的，处1000元以上1万元以下的罚款。", [R(1, 1000, 10000)]),
    ("摊主违反规定的，处1.5万元以上3万元以下罚款。", [R(1, 15000, 30000)]),
    ("摊主违反规定的，处5万元以上10万以下的罚款。", [R(1, 50000, 100000)]),
    ("摊主违反规定的，并可处五十元至二千元的罚款。", [R(1, 50, 2000)]),
    # one-sided and exact amounts
    ("摊主违反规定的，处二千元以下罚款。", [R(1, None, 2000)]),
    ("摊主违反规定的，处五万元以上罚款。", [R(1, 50000, None)]),
    ("摊主违反规定的，由管理部门处200元罚款。", [R(1, 200, 200)]),
    # multiples and percentages of a base
    (
        "摊主销售过期商品的，并处货值金额十倍以上二十倍以下罚款。",
        [R(1, 10, 20, "货值金额", "摊主销售过期商品的")],
    ),
    ("摊主少缴摊位费的，处少缴摊位费百分之五十以上五倍以下的罚款。", [R(1, 0.5, 5, "少缴摊位费")]),
    ("摊主违反规定的，处违法所得30%以下的罚款。", [R(1, None, 0.3, "违法所得")]),
    ("摊主违反规定的，并处货值金额等值以下的罚款。", [R(1, None, 1, "货值金额")]),
    ("摊主违反规定的，处合同金额千分之五以上千分之十以下的罚款。", [R(1, 0.005, 0.01, "合同金额")]),
    ("摊主违反规定的，处违法所得三到五倍的罚款。", [R(1, 3, 5, "违法所得")]),
    ("摊主违反规定的，处摊位租金两倍以下的罚款。", [R(1, None, 2, "摊位租金")]),
    (
        "摊主违反规定的，处五十万元以下或者上一年度营业额百分之五以下的罚款。",
        [R(1, None, 500000), R(1, None, 0.05, "上一年度营业额")],
    ),
    # several ranges with their conditions
    (
        "摊主违反规定的，没收违法所得，违法所得五万元以上的，并处违法所得一倍以上五倍以下罚款；"
        "没有违法所得或者违法所得不足五万元的，并处五万元以上二十五万元以下罚款。",
        [
            R(1, 1, 5, "违法所得", "违法所得五万元以上的"),
            R(1, 50000, 250000, None, "没有违法所得或者违法所得不足五万元的"),
        ],
    ),
    (
        "摊主违反规定的，处二百元以下罚款；情节严重的，处二千元以上一万元以下罚款，"
        "对负责人处五百元以下罚款。",
        [
            R(1, None, 200, None, "摊主违反规定的"),
            R(1, 2000, 10000, None, "情节严重的"),
            R(1, None, 500, None, "对负责人"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RANGE_CASES)
def test_fine_ranges(text: str, expected: list[PenaltyRange]) -> None:
    clause = parse_clause(text, 1)
    assert clause is not None and clause.unparsed is None
    got = [(r.low, r.high, r.base) for r in clause.ranges]
    assert got == [(r.low, r.high, r.base) for r in expected]
    conditions = [r.condition for r in expected if r.condition]
    assert [r.condition for r in clause.ranges if r.condition in conditions] == conditions


TYPE_CASES = [
    ("摊主违反规定的，给予警告或者通报批评。", ("警告", "通报批评")),
    ("摊主违反规定的，没收违法所得和违法销售的商品。", ("没收违法所得", "没收非法财物")),
    (
        "摊主违反规定的，暂扣摊位许可证件；情节严重的，吊销摊位许可证。",
        ("暂扣许可证件", "吊销许可证件"),
    ),
    ("摊主违反规定的，责令停产停业；拒不停业的，责令关闭。", ("责令停产停业", "责令关闭")),
    ("摊主违反规定的，处五日以上十日以下拘留。", ("行政拘留",)),
    ("开办者违反规定的，降低资质等级，五年内不得从事集市开办。", ("降低资质等级", "限制从业")),
]


@pytest.mark.parametrize(("text", "types"), TYPE_CASES)
def test_penalty_types(text: str, types: tuple[str, ...]) -> None:
    clause = parse_clause(text, 2)
    assert clause is not None and clause.paragraph == 2
    assert clause.types == types and clause.ranges == ()


UNPARSED_CASES = [
    ("摊主违反规定的，由管理部门责令改正，可以并处罚款。", "条文未写明罚款数额或幅度"),
    ("摊主违反规定的，依照有关法律的规定处以罚款。", "罚款幅度引用其他条款或法律"),
    (
        "摊主逾期不改正的，按日处五百元罚款。",
        "按日、按人数等计量单位计罚，无固定幅度",
    ),
    (
        "摊主雇用童工的，按每雇用一人五千元的标准处以罚款。",
        "按日、按人数等计量单位计罚，无固定幅度",
    ),
]


@pytest.mark.parametrize(("text", "reason"), UNPARSED_CASES)
def test_unparsed_fines_carry_a_reason(text: str, reason: str) -> None:
    clause = parse_clause(text, 1)
    assert clause is not None and "罚款" in clause.types
    assert clause.ranges == () and clause.unparsed == reason


NOT_PENALTY = [
    "行政处罚的种类：\n（一）警告、通报批评；\n（二）罚款、没收违法所得、没收非法财物；",
    "部门规章可以设定警告、通报批评或者一定数额罚款的行政处罚。",
    "集市开办者应当公示开放时间。",
    "罚款决定与罚款收缴分离。",
    "当事人逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。",  # enforcement, not a penalty
    "对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚。",
    "行政机关使用非法定部门制发的罚款、没收财物单据的，当事人有权拒绝，并有权予以检举。",
]


@pytest.mark.parametrize("text", NOT_PENALTY)
def test_texts_that_impose_no_penalty(text: str) -> None:
    assert parse_clause(text, 1) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("五万", 50000),
        ("1.5万", 15000),
        ("二千", 2000),
        ("百分之五十", 0.5),
        ("10%", 0.1),
        ("三倍", 3),
    ],
)
def test_parse_quantity(text: str, value: float) -> None:
    assert parse_quantity(text) == pytest.approx(value)
