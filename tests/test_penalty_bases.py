"""Fines against their own basis: the base amount a multiple is taken of (货值金额, 违法所得 in
its written forms), the basis each fine rests on in decisions on several violations, and totals
that add several fines up."""

from __future__ import annotations

import pytest

from casecheck.model import Citation, Document
from casecheck.nlp.structure import adds_up
from casecheck.rules.checks.penalty import base_amount, tied_bases


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        ("经查，当事人销售的食品货值金额为人民币3000元。", "货值金额", 3000.0),
        ("涉案产品货值人民币1.2万元。", "货值金额", 12000.0),
        ("当事人多收价款共计人民币860元。", "违法所得", 860.0),
        ("当事人通过上述行为获利2400元。", "违法所得", 2400.0),
        ("违法所得人民币500元，已全部退还。", "违法所得", 500.0),
        # 违法行为 is not 违法所得: a two-character prefix must not match
        ("当事人违法行为持续三个月，罚款5000元。", "违法所得", None),
        ("违法经营额为人民币6万元。", "违法所得", None),
        ("违法经营额为人民币6万元。", "违法经营额", 60000.0),
        ("少缴税款人民币12345元。", "不缴或者少缴的税款", 12345.0),
        # 海关: 申报不实影响国家税款征收
        ("经计核，漏缴税款共计人民币68007.46元。", "漏缴税款", 68007.46),
        # 医疗保障: the fund money obtained by fraud or lost; a multiple of it is no base
        ("当事人骗取医疗保障基金163580.00元。", "骗取金额", 163580.0),
        ("处骗取金额1.5倍的罚款，计人民币245370.00元。", "骗取金额", None),
        ("造成医保基金损失人民币8200元。", "造成损失金额", 8200.0),
    ],
)
def test_base_amount(text: str, base: str, expected: float | None) -> None:
    assert base_amount(text, base) == expected


def test_base_amount_ignores_quoted_law() -> None:
    text = "第十条规定：“货值金额不足五千元的，处罚款。”当事人货值金额为人民币800元。"
    quote = (text.index("“"), text.index("”") + 1)
    assert base_amount(text, "货值金额", [quote]) == 800.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("分别处以罚款5000元、3000元，合计罚款人民币8000元", True),
        ("共计罚没款人民币8000元", True),
        ("本局决定处以罚款人民币8000元", False),
    ],
)
def test_adds_up(text: str, expected: bool) -> None:
    assert (
        adds_up(text, text.rindex("人民币") if "人民币" in text else text.rindex("8000"))
        is expected
    )


SEVERAL_PARTIES = """行政处罚决定书
当事人：某某保险代理有限公司
当事人：王某
经查，该公司存在利用业务便利为其他机构牟取不正当利益的行为，王某是直接负责的主管人员。
根据《中华人民共和国保险法》第一百六十六条的规定，我局决定对该公司给予罚款2.5万元；根据《中华人民共和国保险法》第一百七十三条的规定，我局决定对王某给予警告并处罚款5千元。
当事人应当在接到处罚决定书之日起15日内缴纳罚款。
某某监管局
2015年4月24日
"""

SEVERAL_UNTIED = """行政处罚决定书
当事人：某某物流有限公司
经查，当事人有两项违法行为：使用无证车辆运输，驾驶人员无从业资格。
依据《中华人民共和国道路运输条例》第六十三条、第六十四条的规定，本局决定：
一、罚款人民币5000元；
二、罚款人民币3000元。
某市交通运输局
2025年2月10日
"""


def _citation(text: str, written: str) -> Citation:
    start = text.index(written)
    return Citation(
        "D01", "中华人民共和国保险法", written, 0, None, None, "penalty_basis", start, start + 5
    )


def test_tied_to_the_basis_of_its_sentence() -> None:
    doc = Document(id="D01", path="决定书.txt", text=SEVERAL_PARTIES)
    first = _citation(doc.text, "《中华人民共和国保险法》第一百六十六条")
    second = _citation(doc.text, "《中华人民共和国保险法》第一百七十三条")
    assert tied_bases(doc, doc.text.index("2.5万元"), [first, second]) == [first]
    assert tied_bases(doc, doc.text.index("警告"), [first, second]) == [second]


def test_untied_fine_of_several_violations() -> None:
    doc = Document(id="D01", path="决定书.txt", text=SEVERAL_UNTIED)
    basis = _citation(doc.text, "《中华人民共和国道路运输条例》第六十三条")
    assert tied_bases(doc, doc.text.index("人民币5000元"), [basis]) is None
    single = SEVERAL_UNTIED.replace(
        "有两项违法行为：使用无证车辆运输，驾驶人员无从业资格", "使用无证车辆运输"
    )
    single = single.replace("一、罚款人民币5000元；\n二、罚款人民币3000元。", "罚款人民币5000元。")
    doc = Document(id="D01", path="决定书.txt", text=single)
    basis = _citation(doc.text, "《中华人民共和国道路运输条例》第六十三条")
    assert tied_bases(doc, doc.text.index("人民币5000元"), [basis]) == [basis]
