"""The structure of a decision and the statute text it quotes (casecheck.nlp.structure), on
hand-written decisions of several layouts; and that elements never come from quoted law."""

from __future__ import annotations

import pytest

from casecheck.model import Document
from casecheck.nlp.elements import extract_elements
from casecheck.nlp.structure import decision_parts, in_spans, quoted_spans

NARRATIVE = """某县生态环境局
行政处罚决定书
某环罚〔2024〕17号
当事人：某某建材有限公司
统一社会信用代码：91410329MA44XXXX1K
地址：某县城关镇工业路8号
经查，你单位于2024年3月5日在未配套建设大气污染防治设施的情况下进行生产，有现场检查笔录、询问笔录、现场照片为证。
你单位的上述行为违反了《中华人民共和国大气污染防治法》第二十条第二款的规定。该条规定：“禁止以逃避监管的方式排放污染物。”
依据《中华人民共和国大气污染防治法》第九十九条第（三）项的规定，本局决定对你单位处以罚款人民币壹拾伍万元整（150000元）。
限你单位自收到本决定书之日起十五日内将罚款缴至指定银行。到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。
如不服本决定，可以在收到本决定书之日起六十日内向某县人民政府申请行政复议，也可以在六个月内向某县人民法院提起行政诉讼。
某县生态环境局
2024年5月20日
"""

# a provision followed by a colon, its text recited without an opening quotation mark
COLON_RECITAL = """某县水利局
行政处罚决定书
当事人：王某某
本局认为，当事人未取得捕捞许可证擅自捕捞，违反了《中华人民共和国渔业法》第二十三条第一款的规定。\
现依据《中华人民共和国渔业法》第四十一条第一款：未依法取得捕捞许可证擅自进行捕捞的，没收渔获物和\
违法所得，并处十万元以下的罚款；情节严重的，没收渔具，吊销捕捞许可证。”决定对当事人作出如下行政处罚：
罚款人民币伍佰元整。
某县水利局
2017年3月10日
"""

RECITAL = """某县农业农村局
行政处罚决定书
当事人：李某某，住某县某镇某村5组
经查，当事人于2024年6月2日在禁渔期内使用禁用渔具捕捞，现场查获渔获物30公斤。上述事实有现场笔录、询问笔录等证据证明。
当事人的行为违反了《中华人民共和国渔业法》第三十条第一款的规定。依据《中华人民共和国渔业法》第三十八条第一款规定。在禁渔期内捕捞的，处五万元以下的罚款；情节严重的，吊销捕捞许可证。
本局决定：对当事人处以罚款人民币贰仟元整。
当事人应自收到本决定书之日起十五日内缴纳罚款。
如不服本决定，可在六十日内向某县人民政府申请行政复议，或在六个月内向某县人民法院提起行政诉讼。
某县农业农村局
2024年7月1日
"""

APPENDED = """某区市场监督管理局
行政处罚决定书
某市监罚〔2025〕8号
当事人：某某超市
地址：某区某路3号
经查，当事人销售超过保质期的食品，货值金额人民币300元，违法所得人民币120元，有现场检查笔录等证据证明。
依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本局决定：
一、没收违法所得人民币120元；
二、罚款人民币5000元。
当事人应自收到本决定书之日起十五日内缴纳罚没款。
如不服本决定，可在收到本决定书之日起六十日内向某区人民政府申请行政复议，也可以在六个月内向某区人民法院提起行政诉讼。
某区市场监督管理局
2025年4月2日
附：相关法律条文
《中华人民共和国食品安全法》第一百二十四条 经营者有本条所列情形的，没收违法所得；
货值不足一万元的，并处五万元以上十万元以下罚款；情节严重的，吊销许可证。
2021年4月29日第十三届全国人民代表大会常务委员会第二十八次会议修正
"""

SEVERAL = """某市交通运输局
行政处罚决定书
某交罚〔2025〕31号
被处罚人（单位）：某某物流有限公司
地址：某市某区物流园8号
经查，当事人存在以下违法行为（有现场检查笔录、询问笔录等证据证明）：
一、2025年1月8日，当事人使用未取得道路运输证的车辆从事货物运输，违反了《中华人民共和国道路运输条例》第二十四条的规定。
二、2025年1月8日，当事人的驾驶人员未取得从业资格证，违反了《中华人民共和国道路运输条例》第二十二条的规定。
依据《中华人民共和国道路运输条例》第六十三条、第六十四条的规定，本局决定对当事人分别处以罚款人民币5000元、人民币3000元，合并处罚款人民币8000元。
当事人应自收到本决定书之日起十五日内缴纳罚款。
如不服本决定，可在收到本决定书之日起六十日内向某市人民政府申请行政复议，也可以在六个月内向某市某区人民法院提起行政诉讼。
某市交通运输局
2025年2月10日
"""

EXCERPT = """……经查，当事人销售不合格产品，违法所得500元。
依据《中华人民共和国产品质量法》第四十九条的规定，本局决定对当事人处以罚款人民币"""


def _doc(text: str) -> Document:
    return Document(id="D01", path="决定书.txt", text=text)


@pytest.mark.parametrize(
    ("text", "parts", "complete", "several"),
    [
        (
            NARRATIVE,
            ["party", "facts", "decision", "performance", "remedy", "signoff"],
            True,
            False,
        ),
        (RECITAL, ["party", "facts", "decision", "performance", "remedy", "signoff"], True, False),
        (
            APPENDED,
            ["party", "facts", "decision", "performance", "remedy", "signoff", "appendix"],
            True,
            False,
        ),
        (SEVERAL, ["party", "facts", "decision", "performance", "remedy", "signoff"], True, True),
        (EXCERPT, ["facts", "decision"], False, False),
    ],
    ids=["narrative", "recital", "appended", "several", "excerpt"],
)
def test_decision_parts(text: str, parts: list[str], complete: bool, several: bool) -> None:
    structure = decision_parts(_doc(text))
    assert [p.kind for p in structure.parts] == parts
    assert structure.complete is complete
    assert structure.several_violations is several


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        (NARRATIVE, ["禁止以逃避监管"], ["壹拾伍万元", "经查"]),
        (
            RECITAL,
            ["处五万元以下的罚款", "吊销捕捞许可证"],
            ["贰仟元整", "本局决定", "2024年7月1日"],
        ),
        (
            APPENDED,
            ["五万元以上十万元以下", "2021年4月29日", "吊销许可证"],
            ["人民币5000元", "2025年4月2日"],
        ),
        (SEVERAL, [], ["人民币5000元", "人民币8000元"]),
        (
            COLON_RECITAL,
            ["并处十万元以下的罚款", "吊销捕捞许可证"],
            ["罚款人民币伍佰元整", "本局认为"],
        ),
    ],
    ids=["quotation", "recital", "appendix", "none", "colon-recital"],
)
def test_quoted_spans(text: str, inside: list[str], outside: list[str]) -> None:
    spans = quoted_spans(_doc(text))
    for phrase in inside:
        assert in_spans(text.index(phrase), spans), phrase
    for phrase in outside:
        assert not in_spans(text.index(phrase), spans), phrase


def test_an_appendix_announced_above_the_signoff() -> None:
    """「附相关法律条文」 above the sign-off announces the appendix; it starts after the
    sign-off, where the statute text follows the heading."""
    text = APPENDED.replace(
        "某区市场监督管理局\n2025年4月2日", "附相关法律条文\n某区市场监督管理局\n2025年4月2日"
    )
    structure = decision_parts(_doc(text))
    appendix, signoff = structure.part("appendix"), structure.part("signoff")
    assert appendix is not None and signoff is not None
    assert text[appendix.start :].startswith("附：相关法律条文")
    assert signoff.end <= appendix.start
    dates = [e.normalized for e in extract_elements(_doc(text)) if e.kind == "decision_date"]
    assert dates == ["2025-04-02"]


def test_decision_part_and_items() -> None:
    structure = decision_parts(_doc(APPENDED))
    decision = structure.part("decision")
    assert decision is not None and APPENDED[decision.start :].startswith("本局决定")
    fine = APPENDED.index("罚款人民币5000元")
    item = structure.item_at(fine)
    assert item is not None and APPENDED[item.start :].startswith("二、罚款")
    sections = [APPENDED[i.start : i.start + 2] for i in structure.items]
    assert sections == ["一、", "二、"]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (RECITAL, "fine_amount", [2000.0]),
        (RECITAL, "penalty_type", ["罚款"]),
        (APPENDED, "decision_date", ["2025-04-02"]),
        (APPENDED, "penalty_type", ["没收违法所得", "罚款"]),
        (APPENDED, "fine_amount", [5000.0]),
        (NARRATIVE, "fine_amount", [150000.0]),
    ],
    ids=[
        "recital-fine",
        "recital-type",
        "appendix-date",
        "appendix-type",
        "appendix-fine",
        "quote",
    ],
)
def test_elements_ignore_quoted_law(text: str, kind: str, expected: list) -> None:
    found = [e.normalized for e in extract_elements(_doc(text)) if e.kind == kind]
    assert found == expected


def test_spaced_penalty_type() -> None:
    text = NARRATIVE.replace("处以罚款人民币壹拾伍万元整（150000元）", "给予警 告的行政处罚")
    types = [e for e in extract_elements(_doc(text)) if e.kind == "penalty_type"]
    assert [(e.normalized, e.value) for e in types] == [("警告", "警 告")]


def test_a_list_of_attachments_above_the_signoff_does_not_hide_it() -> None:
    text = (
        "某市水利局\n行政处罚决定书\n当事人：某某公司\n经查，当事人未经许可在河道管理范围内建设。\n"
        "本局决定：罚款人民币伍万元。\n如不服本决定，可以在六十日内向某市人民政府申请行政复议，"
        "也可以在六个月内向某市人民法院提起行政诉讼。\n"
        "附件：1、《中华人民共和国防洪法》有关规定\n2、《中华人民共和国行政处罚法》有关规定\n"
        "某市水利局\n2016年6月17日\n"
    )
    structure = decision_parts(_doc(text))
    assert "signoff" in [p.kind for p in structure.parts]
    assert not in_spans(text.index("2016年6月17日"), quoted_spans(_doc(text)))
