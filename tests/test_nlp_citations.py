"""Citation extraction: forms, lists, names, references, roles, offsets, and the real corpus.

The invented texts below are fictional (companies, people, numbers). The corpus tests read
real published decisions from ../shared and skip when it is absent.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casecheck.model import Citation, CitationRole
from casecheck.nlp.citations import canonical_law_name, find_citations

FSL = "中华人民共和国食品安全法"
APL = "中华人民共和国行政处罚法"
PQL = "中华人民共和国产品质量法"
DOC = "决定书"

Row = tuple[str, str, int | None, int | None, int | None, str]


def cite(
    as_written: str,
    law: str,
    article: int | None,
    paragraph: int | None = None,
    item: int | None = None,
    role: CitationRole = "other",
) -> Row:
    return (as_written, law, article, paragraph, item, role)


def expected(text: str, rows: list[Row]) -> list[Citation]:
    """Citations for `rows`, each located at the next occurrence of its text."""
    found, pos = [], 0
    for as_written, law, article, paragraph, item, role in rows:
        start = text.index(as_written, pos)
        end = start + len(as_written)
        found.append(Citation(DOC, law, as_written, article, paragraph, item, role, start, end))
        pos = start + 1
    return found


# (id, text, expected rows). Texts without a cue word give role "other".
CASES: list[tuple[str, str, list[Row]]] = [
    # --- one provision, its numerals and brackets
    ("item-in-brackets", "《中华人民共和国食品安全法》第三十四条第（十）项",
     [cite("《中华人民共和国食品安全法》第三十四条第（十）项", FSL, 34, None, 10)]),
    ("article-paragraph-item", "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
     [cite("《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", FSL, 124, 1, 5)]),
    ("arabic", "《食品安全法》第124条第1款第5项",
     [cite("《食品安全法》第124条第1款第5项", FSL, 124, 1, 5)]),
    ("fullwidth-digits", "《食品安全法》第１２４条第１款",
     [cite("《食品安全法》第１２４条第１款", FSL, 124, 1)]),
    ("item-without-brackets", "《食品安全法》第三十四条第十项",
     [cite("《食品安全法》第三十四条第十项", FSL, 34, None, 10)]),
    ("ascii-brackets", "《食品安全法》第三十四条第(三)项",
     [cite("《食品安全法》第三十四条第(三)项", FSL, 34, None, 3)]),
    ("item-plain", "《中华人民共和国产品质量法》第四十九条第三项",
     [cite("《中华人民共和国产品质量法》第四十九条第三项", PQL, 49, None, 3)]),
    ("item-without-di", "《行政处罚法》第三十二条（一）项",
     [cite("《行政处罚法》第三十二条（一）项", APL, 32, None, 1)]),
    ("zhi-yi", "《中华人民共和国刑法》第一百三十三条之一",
     [cite("《中华人民共和国刑法》第一百三十三条之一", "中华人民共和国刑法", 133)]),
    ("zhi-er", "《刑法》第十六条之二", [cite("《刑法》第十六条之二", "中华人民共和国刑法", 16)]),
    ("paragraph", "《行政处罚法》第五十七条第二款",
     [cite("《行政处罚法》第五十七条第二款", APL, 57, 2)]),
    ("spaces", "《行政处罚法》第 72 条", [cite("《行政处罚法》第 72 条", APL, 72)]),
    ("line-break-in-number", "《行政处罚法》第七十\n二条",
     [cite("《行政处罚法》第七十\n二条", APL, 72)]),
    ("ling", "《食品安全法》第一百零五条", [cite("《食品安全法》第一百零五条", FSL, 105)]),
    ("hundreds", "《中华人民共和国证券法》第二百条",
     [cite("《中华人民共和国证券法》第二百条", "中华人民共和国证券法", 200)]),
    ("ten", "《行政处罚法》第十条", [cite("《行政处罚法》第十条", APL, 10)]),
    ("ninety-nine", "《大气污染防治法》第九十九条第三项",
     [cite("《大气污染防治法》第九十九条第三项", "中华人民共和国大气污染防治法", 99, None, 3)]),
    ("fullwidth-article", "《中华人民共和国保险法》第８６条",
     [cite("《中华人民共和国保险法》第８６条", "中华人民共和国保险法", 86)]),
    ("version-note-in-title", "《中华人民共和国行政处罚法（2021年修订）》第三十二条",
     [cite("《中华人民共和国行政处罚法（2021年修订）》第三十二条", APL, 32)]),
    ("version-note-after-title", "《行政处罚法》（2021年修订）第三十二条",
     [cite("《行政处罚法》（2021年修订）第三十二条", APL, 32)]),
    ("chapter-before-article", "《大气污染防治法》第四章第六十九条",
     [cite("《大气污染防治法》第四章第六十九条", "中华人民共和国大气污染防治法", 69)]),
    ("de-before-article", "《娱乐场所管理条例》的第五条",
     [cite("《娱乐场所管理条例》的第五条", "娱乐场所管理条例", 5)]),
    # --- lists and ranges: one citation per provision, each spanning its own part
    ("list-dun", "《食品安全法》第十条、第十二条",
     [cite("《食品安全法》第十条", FSL, 10), cite("第十二条", FSL, 12)]),
    ("list-he", "《食品安全法》第十条和第十二条",
     [cite("《食品安全法》第十条", FSL, 10), cite("第十二条", FSL, 12)]),
    ("list-ji", "《食品安全法》第十条及第十二条",
     [cite("《食品安全法》第十条", FSL, 10), cite("第十二条", FSL, 12)]),
    ("list-yiji", "《食品安全法》第十条以及第十二条",
     [cite("《食品安全法》第十条", FSL, 10), cite("第十二条", FSL, 12)]),
    ("list-huozhe", "《食品安全法》第十条或者第十二条",
     [cite("《食品安全法》第十条", FSL, 10), cite("第十二条", FSL, 12)]),
    ("list-comma", "《食品安全法》第十条，第十二条",
     [cite("《食品安全法》第十条", FSL, 10), cite("第十二条", FSL, 12)]),
    ("list-mixed-depth", "《行政处罚法》第五十七条第一款第（一）项、第五十九条",
     [cite("《行政处罚法》第五十七条第一款第（一）项", APL, 57, 1, 1),
      cite("第五十九条", APL, 59)]),
    ("list-items", "《食品安全法》第三十四条第（四）、（十）项",
     [cite("《食品安全法》第三十四条第（四）", FSL, 34, None, 4),
      cite("（十）项", FSL, 34, None, 10)]),
    ("list-items-each-xiang", "《食品安全法》第三十四条第（一）项、（二）项",
     [cite("《食品安全法》第三十四条第（一）项", FSL, 34, None, 1),
      cite("（二）项", FSL, 34, None, 2)]),
    ("list-three", "《行政处罚法》第四十四条、第四十五条、第六十三条",
     [cite("《行政处罚法》第四十四条", APL, 44), cite("第四十五条", APL, 45),
      cite("第六十三条", APL, 63)]),
    ("list-paragraphs", "《行政处罚法》第四十四条第一款、第二款",
     [cite("《行政处罚法》第四十四条第一款", APL, 44, 1), cite("第二款", APL, 44, 2)]),
    ("list-paragraph-then-item", "《发票管理办法》第二十二条第一款、第二款第（一）项",
     [cite("《发票管理办法》第二十二条第一款", "中华人民共和国发票管理办法", 22, 1),
      cite("第二款第（一）项", "中华人民共和国发票管理办法", 22, 2, 1)]),
    ("list-bare-number", "《中华人民共和国保险法》第86条和116条",
     [cite("《中华人民共和国保险法》第86条", "中华人民共和国保险法", 86),
      cite("116条", "中华人民共和国保险法", 116)]),
    ("list-across-quote", "《劳动法》第六十五条“用人单位应当……”、第六十六条“……”",
     [cite("《劳动法》第六十五条", "中华人民共和国劳动法", 65),
      cite("第六十六条", "中华人民共和国劳动法", 66)]),
    ("list-around-quoted-reference", "《劳动法》第六十五条“依照本法第五条……”、第六十六条",
     [cite("《劳动法》第六十五条", "中华人民共和国劳动法", 65),
      cite("本法第五条", "中华人民共和国劳动法", 5),
      cite("第六十六条", "中华人民共和国劳动法", 66)]),
    ("two-laws", "《食品安全法》第十条和《产品质量法》第五条",
     [cite("《食品安全法》第十条", FSL, 10), cite("《产品质量法》第五条", PQL, 5)]),
    ("range-articles", "《行政处罚法》第三条至第五条",
     [cite("《行政处罚法》第三条", APL, 3), cite("第三条至第五条", APL, 4),
      cite("第五条", APL, 5)]),
    ("range-dao", "《行政处罚法》第三条到第四条",
     [cite("《行政处罚法》第三条", APL, 3), cite("第四条", APL, 4)]),
    ("range-items", "《食品安全法》第五十条第二款第（一）项至第（三）项",
     [cite("《食品安全法》第五十条第二款第（一）项", FSL, 50, 2, 1),
      cite("第（一）项至第（三）项", FSL, 50, 2, 2), cite("第（三）项", FSL, 50, 2, 3)]),
    ("range-reversed", "《行政处罚法》第五条至第三条",
     [cite("《行政处罚法》第五条", APL, 5), cite("第三条", APL, 3)]),
    ("range-too-long", "《行政处罚法》第一条至第八十六条",
     [cite("《行政处罚法》第一条", APL, 1), cite("第八十六条", APL, 86)]),
    # --- names: short, canonical, bare, local, regulations, registry-style notes
    ("short-name", "《行政处罚法》第二十八条", [cite("《行政处罚法》第二十八条", APL, 28)]),
    ("bare-name", "依据行政处罚法第二十八条，责令改正",
     [cite("行政处罚法第二十八条", APL, 28, role="penalty_basis")]),
    ("bare-name-violated", "当事人违反了食品安全法第三十四条",
     [cite("食品安全法第三十四条", FSL, 34, role="violated")]),
    ("bare-full-name", "根据中华人民共和国产品质量法第四十九条",
     [cite("中华人民共和国产品质量法第四十九条", PQL, 49)]),
    ("bare-local-regulation", "依照浙江省电梯安全条例第十条",
     [cite("浙江省电梯安全条例第十条", "浙江省电梯安全条例", 10)]),
    ("bare-known-after-function-word", "是指企业取得的除企业所得税法第六条",
     [cite("企业所得税法第六条", "中华人民共和国企业所得税法", 6)]),
    ("implementing-regulation", "《食品安全法实施条例》第十条",
     [cite("《食品安全法实施条例》第十条", "中华人民共和国食品安全法实施条例", 10)]),
    ("alias-tax", "《税收征管法》第六十三条",
     [cite("《税收征管法》第六十三条", "中华人民共和国税收征收管理法", 63)]),
    ("alias-litigation", "《行诉法》第四十六条",
     [cite("《行诉法》第四十六条", "中华人民共和国行政诉讼法", 46)]),
    ("alias-reconsideration", "《复议法》第二十条",
     [cite("《复议法》第二十条", "中华人民共和国行政复议法", 20)]),
    ("prefix-public-security", "《治安管理处罚法》第十条",
     [cite("《治安管理处罚法》第十条", "中华人民共和国治安管理处罚法", 10)]),
    ("local-regulation", "《浙江省电梯安全条例》第十条",
     [cite("《浙江省电梯安全条例》第十条", "浙江省电梯安全条例", 10)]),
    ("department-rule", "《价格违法行为行政处罚规定》第七条",
     [cite("《价格违法行为行政处罚规定》第七条", "价格违法行为行政处罚规定", 7)]),
    ("procedure-rule", "《市场监督管理行政处罚程序规定》第六十六条",
     [cite("《市场监督管理行政处罚程序规定》第六十六条", "市场监督管理行政处罚程序规定", 66)]),
    ("banfa-not-prefixed", "《网络交易监督管理办法》第十条",
     [cite("《网络交易监督管理办法》第十条", "网络交易监督管理办法", 10)]),
    ("judicial-interpretation", "《最高人民法院关于适用〈行政诉讼法〉的解释》第六十四条",
     [cite("《最高人民法院关于适用〈行政诉讼法〉的解释》第六十四条",
           "最高人民法院关于适用〈行政诉讼法〉的解释", 64)]),
    ("local-implementing-rules", "《浙江省实施〈中华人民共和国消费者权益保护法〉办法》第五条",
     [cite("《浙江省实施〈中华人民共和国消费者权益保护法〉办法》第五条",
           "浙江省实施〈中华人民共和国消费者权益保护法〉办法", 5)]),
    ("regulation-number-note", "《发票管理办法》（国务院令第587号）第二十二条",
     [cite("《发票管理办法》（国务院令第587号）第二十二条", "中华人民共和国发票管理办法", 22)]),
    ("declared-short-name",
     "《网络交易监督管理办法》（以下简称《交易办法》）第十条。又查，《交易办法》第二十条",
     [cite("《网络交易监督管理办法》（以下简称《交易办法》）第十条", "网络交易监督管理办法", 10),
      cite("《交易办法》第二十条", "网络交易监督管理办法", 20)]),
    # --- references to the antecedent
    ("ben-fa", "《产品质量法》第四十九条规定，本法第五十条",
     [cite("《产品质量法》第四十九条", PQL, 49), cite("本法第五十条", PQL, 50)]),
    ("gai-fa", "《产品质量法》第四十九条；该法第五十条",
     [cite("《产品质量法》第四十九条", PQL, 49), cite("该法第五十条", PQL, 50)]),
    ("tong-fa", "《产品质量法》第四十九条及同法第五十条",
     [cite("《产品质量法》第四十九条", PQL, 49), cite("同法第五十条", PQL, 50)]),
    ("shang-shu-fa-lv", "《产品质量法》第四十九条。上述法律第五十条",
     [cite("《产品质量法》第四十九条", PQL, 49), cite("上述法律第五十条", PQL, 50)]),
    ("gai-tiao-li-skips-a-law", "《浙江省电梯安全条例》第十条，《食品安全法》第五条，该条例第六条",
     [cite("《浙江省电梯安全条例》第十条", "浙江省电梯安全条例", 10),
      cite("《食品安全法》第五条", FSL, 5),
      cite("该条例第六条", "浙江省电梯安全条例", 6)]),
    ("ben-fa-skips-a-regulation", "《食品安全法》第五条，《浙江省电梯安全条例》第十条，本法第六条",
     [cite("《食品安全法》第五条", FSL, 5),
      cite("《浙江省电梯安全条例》第十条", "浙江省电梯安全条例", 10),
      cite("本法第六条", FSL, 6)]),
    ("ben-ban-fa", "《网络交易监督管理办法》第十条；本办法第三条",
     [cite("《网络交易监督管理办法》第十条", "网络交易监督管理办法", 10),
      cite("本办法第三条", "网络交易监督管理办法", 3)]),
    ("ben-tiao", "《食品安全法》第一百二十四条；本条第二款",
     [cite("《食品安全法》第一百二十四条", FSL, 124), cite("本条第二款", FSL, 124, 2)]),
    ("qian-kuan", "《食品安全法》第一百二十四条第二款。有前款规定情形的",
     [cite("《食品安全法》第一百二十四条第二款", FSL, 124, 2), cite("前款", FSL, 124, 1)]),
    ("qian-kuan-unknown-paragraph", "《食品安全法》第一百二十四条。前款所列",
     [cite("《食品安全法》第一百二十四条", FSL, 124), cite("前款", FSL, 124)]),
    ("ben-fa-without-antecedent", "依照本法第十条", []),
    ("ji-ben-fa-is-a-name", "《食品安全法》第五条；香港特别行政区基本法第八条",
     [cite("《食品安全法》第五条", FSL, 5),
      cite("香港特别行政区基本法第八条", "香港特别行政区基本法", 8)]),
    # --- normative documents and discretion benchmarks: role other
    ("benchmark", "依据《浙江省市场监管行政处罚裁量基准》第五条的规定，决定处以罚款",
     [cite("《浙江省市场监管行政处罚裁量基准》第五条", "浙江省市场监管行政处罚裁量基准", 5)]),
    ("benchmark-no-article", "参照《青禾市市场监管行政处罚裁量基准》的规定",
     [cite("《青禾市市场监管行政处罚裁量基准》", "青禾市市场监管行政处罚裁量基准", None)]),
    ("normative-number", "依据国办发〔2022〕27号的要求",
     [cite("国办发〔2022〕27号", "国办发〔2022〕27号", None)]),
    ("normative-number-with-article", "国市监法规〔2025〕3号第二条",
     [cite("国市监法规〔2025〕3号第二条", "国市监法规〔2025〕3号", 2)]),
    ("normative-title-and-number", "《关于规范行政裁量权基准的意见》（国办发〔2022〕27号）",
     [cite("《关于规范行政裁量权基准的意见》",
           "关于规范行政裁量权基准的意见", None)]),
    ("notice-with-article", "《国家税务总局关于某某问题的公告》第一条",
     [cite("《国家税务总局关于某某问题的公告》第一条", "国家税务总局关于某某问题的公告", 1)]),
    # --- a law without an article is cited only where it is invoked as 规定
    ("law-without-article", "违反了《食品安全法》的规定",
     [cite("《食品安全法》", FSL, None, role="violated")]),
    ("law-youguan-guiding", "依照《行政强制法》的有关规定执行",
     [cite("《行政强制法》", "中华人民共和国行政强制法", None)]),
    ("law-title-only", "学习《中华人民共和国行政处罚法》全文", []),
    # --- not citations
    ("notice-title", "向当事人送达了《行政处罚告知书》", []),
    ("decision-title-page", "《行政处罚决定书》第3页", []),
    ("record-title", "《现场检查笔录》第二页第三条记载", []),
    ("licence", "《营业执照》《食品经营许可证》", []),
    ("bare-suffix-title", "发出的《通知》第二条和《办法》第三条", []),
    ("correction-notice", "《责令改正通知书》第1项", []),
    ("page-footer", "第3页 共5页", []),
    ("second-time", "执法人员第2次检查", []),
    ("case-number", "青市监罚〔2025〕12号", []),
    ("notice-number", "青市监罚告〔2026〕3号", []),
    ("date", "2025年3月5日", []),
    ("chinese-date", "二〇二五年三月五日", []),
    ("article-without-law", "依据第三条的规定", []),
    ("yifa-is-no-law", "依法第一时间处置", []),
    ("zero-article", "《行政处罚法》第〇条", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "rows"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_table(text: str, rows: list[Row]) -> None:
    assert find_citations(text, DOC) == expected(text, rows)


def test_table_size() -> None:
    assert len(CASES) >= 80
    assert len({c[0] for c in CASES}) == len(CASES)


# (id, text, [(as_written, role)]) — the role of each citation read from its sentence.
ROLE_CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("violated-then-basis",
     "你单位的行为违反了《食品安全法》第三十四条第（十）项的规定，依据《食品安全法》"
     "第一百二十四条第一款第（五）项的规定，决定处以罚款人民币伍万元。",
     [("《食品安全法》第三十四条第（十）项", "violated"),
      ("《食品安全法》第一百二十四条第一款第（五）项", "penalty_basis")]),
    ("violated-without-guiding", "当事人违反《食品安全法》第三十四条和第五十条。",
     [("《食品安全法》第三十四条", "violated"), ("第五十条", "violated")]),
    ("violated-with-quote",
     "上述行为违反了《产品质量法》第三十九条“销售者不得以次充好，处以罚款”的规定。",
     [("《产品质量法》第三十九条", "violated")]),
    ("not-following-is-violated",
     "当事人未按《企业信息公示暂行条例》第八条的规定公示年度报告，未依照《食品安全法》第五十条查验。",
     [("《企业信息公示暂行条例》第八条", "violated"), ("《食品安全法》第五十条", "violated")]),
    ("qualification-after-violation",
     "当事人违反了《证券法》第六十三条的规定，构成《证券法》第一百九十七条所述违法行为。",
     [("《证券法》第六十三条", "violated"), ("《证券法》第一百九十七条", "other")]),
    ("one-character-cue", "逾期不缴纳罚款的，按《行政处罚法》第七十二条之规定，每日加处罚款。",
     [("《行政处罚法》第七十二条", "procedure")]),
    ("basis-order-correction", "依照《产品质量法》第四十九条的规定，责令当事人改正。",
     [("《产品质量法》第四十九条", "penalty_basis")]),
    ("basis-quoted-then-decision",
     "根据《产品质量法》第四十九条“违反本法第十三条规定的，处罚款”的规定，作出如下行政处罚：",
     [("《产品质量法》第四十九条", "penalty_basis"), ("本法第十三条", "other")]),
    ("basis-collective-discussion",
     "依据《产品质量法》第四十九条的规定，经集体讨论，决定对当事人罚款人民币八千元。",
     [("《产品质量法》第四十九条", "penalty_basis")]),
    ("notice", "根据《中华人民共和国行政处罚法》第四十四条的规定，现将拟作出的行政处罚告知如下：",
     [("《中华人民共和国行政处罚法》第四十四条", "procedure")]),
    ("hearing", "依据《行政处罚法》第六十三条、第六十四条的规定，你单位有权要求举行听证。",
     [("《行政处罚法》第六十三条", "procedure"), ("第六十四条", "procedure")]),
    ("reconsideration",
     "如不服本决定，可以依据《中华人民共和国行政复议法》第二十条的规定申请行政复议。",
     [("《中华人民共和国行政复议法》第二十条", "procedure")]),
    ("service", "本局依照《中华人民共和国民事诉讼法》第九十五条公告送达本决定书。",
     [("《中华人民共和国民事诉讼法》第九十五条", "procedure")]),
    ("late-payment",
     "到期不缴纳罚款的，依据《行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的"
     "百分之三加处罚款。",
     [("《行政处罚法》第七十二条第一款第（一）项", "procedure")]),
    ("quoted-provision-quote-decides",
     "根据《行政处罚法》第四十四条：“行政机关在作出行政处罚决定之前，应当告知当事人……”",
     [("《行政处罚法》第四十四条", "procedure")]),
    ("legal-review", "依据《市场监督管理行政处罚程序规定》第六十条的规定，本案经法制审核。",
     [("《市场监督管理行政处罚程序规定》第六十条", "procedure")]),
    ("no-cue", "《行政处罚法》第七十二条规定，当事人到期不缴纳罚款的，可以加处罚款。",
     [("《行政处罚法》第七十二条", "other")]),
    ("mitigation-fits", "当事人主动消除后果，符合《行政处罚法》第三十二条第（一）项规定的情形。",
     [("《行政处罚法》第三十二条第（一）项", "other")]),
    ("benchmark-basis", "依据《青禾市市场监管行政处罚裁量基准》第八条，决定处以罚款。",
     [("《青禾市市场监管行政处罚裁量基准》第八条", "other")]),
    ("law-in-name-is-no-cue",
     "依据《中华人民共和国行政复议法实施条例》第十条，该机构负责人签字。",
     [("《中华人民共和国行政复议法实施条例》第十条", "other")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "roles"), [c[1:] for c in ROLE_CASES], ids=[c[0] for c in ROLE_CASES]
)
def test_roles(text: str, roles: list[tuple[str, str]]) -> None:
    assert [(c.as_written, c.role) for c in find_citations(text)] == roles


def test_sentence_runs_on_over_hard_line_break() -> None:
    text = "违反了《食品安全法》第三十四条的规定，依据\n《食品安全法》第一百二十四条，决定罚款。"
    assert [c.role for c in find_citations(text)] == ["violated", "penalty_basis"]


def test_resolve_name_wins_and_falls_back() -> None:
    registry = {"食品安全法": "中华人民共和国食品安全法（2021修正）"}
    text = "《食品安全法》第十条、《行诉法》第四十六条"
    laws = [c.law for c in find_citations(text, resolve_name=registry.get)]
    assert laws == ["中华人民共和国食品安全法（2021修正）", "中华人民共和国行政诉讼法"]


def test_resolve_name_finds_a_bare_name() -> None:
    registry = {"青禾市养犬管理规定": "青禾市养犬管理规定（2025）"}
    cites = find_citations("当事人违反青禾市养犬管理规定第九条", resolve_name=registry.get)
    assert [(c.law, c.as_written) for c in cites] == [
        ("青禾市养犬管理规定（2025）", "青禾市养犬管理规定第九条")
    ]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("《行政处罚法》", APL),
        ("中华人民共和国行政处罚法", APL),
        ("《征管法实施细则》", "中华人民共和国税收征收管理法实施细则"),
        ("企业所得税法实施条例", "中华人民共和国企业所得税法实施条例"),
        ("浙江省电梯安全条例", "浙江省电梯安全条例"),
        ("道路运输条例", "中华人民共和国道路运输条例"),
        ("《行政处罚法（2021年修订）》", APL),
    ],
)
def test_canonical_law_name(written: str, canonical: str) -> None:
    assert canonical_law_name(written) == canonical


def test_document_and_defaults() -> None:
    (c,) = find_citations("《行政处罚法》第八条", "d7")
    assert (c.document, c.status, c.version, c.page) == ("d7", "unchecked", None, None)


# Characters that make up citations, so random strings often come close to real ones.
CITATION_ALPHABET = list(
    '《》〈〉第条款项之一二三十百千〇零两0123456789０１（）()、，,。；\n 和及至到或“”"本该同法'
    "前条例规定办法基准意见发〔〕[]号违反依据根据按照处罚告知听证中华人民共和国食品安全行政"
)


def _check_invariants(text: str) -> None:
    for c in find_citations(text):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.as_written
        assert c.law
        assert c.role in get_args(CitationRole)
        for number in (c.article, c.paragraph, c.item):
            assert number is None or number > 0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(CITATION_ALPHABET), max_size=120))
def test_never_raises_and_spans_hold_on_citation_like_text(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_spans_hold_on_any_text(text: str) -> None:
    _check_invariants(text)


# --- the real corpus -------------------------------------------------------------------------

QUOTATION = re.compile(r"“[^“”]*”")
# 违反 … 第N条 in the authority's own words (quotations removed), within one sentence.
VIOLATION_STATEMENT = re.compile(
    r"违反[^。；;\n]{0,80}?第[0-9０-９零〇一二三四五六七八九十百]{1,6}条"
)


def _corpus_texts(corpus_dir: Path) -> dict[str, str]:
    files = [
        *sorted((corpus_dir / "yunli45_scraped_2015-2018").glob("*.txt")),
        *sorted((corpus_dir / "tax_chinatax").glob("*.txt")),
    ]
    if not files:
        pytest.skip("no decisions in the corpus")
    return {f.name: f.read_text(encoding="utf-8") for f in files}


@pytest.mark.corpus
def test_corpus_counts_and_roles(corpus_dir: Path) -> None:
    roles: Counter[str] = Counter()
    for text in _corpus_texts(corpus_dir).values():
        for c in find_citations(text):
            assert text[c.start : c.end] == c.as_written
            roles[c.role] += 1
    total = sum(roles.values())
    # Measured on the 75 texts: 631 citations, 16 % violated, 37 % penalty basis, 14 % procedure.
    assert total > 500
    assert roles["violated"] / total > 0.12
    assert roles["penalty_basis"] / total > 0.25
    assert roles["procedure"] > 0


@pytest.mark.corpus
def test_corpus_every_violation_statement_yields_a_violated_citation(corpus_dir: Path) -> None:
    misses = []
    for name, text in _corpus_texts(corpus_dir).items():
        if not VIOLATION_STATEMENT.search(QUOTATION.sub("", text)):
            continue
        if not any(c.role == "violated" for c in find_citations(text)):
            misses.append(name)
    assert misses == []


@pytest.mark.corpus
def test_corpus_2021_decision_cites_old_article_51(corpus_dir: Path) -> None:
    """A 2021 decision names 行政处罚法第五十一条 (the 1996 numbering) for the late-payment
    surcharge, which the 2021 revision moved to Article 72 from 2021-07-15."""
    hits = {}
    for path in sorted((corpus_dir / "pages_excerpts").glob("*2021*.txt")):
        for c in find_citations(path.read_text(encoding="utf-8"), path.name):
            if c.law == APL and c.article == 51:
                hits[path.name] = c
    assert list(hits) == ["生态_青田_丽环青罚2021-4号__PARTIAL.txt"]
    c = hits["生态_青田_丽环青罚2021-4号__PARTIAL.txt"]
    assert (c.law, c.article, c.paragraph, c.item, c.role) == (APL, 51, None, 1, "procedure")
    assert c.as_written == "《中华人民共和国行政处罚法》第五十一条第一项"


@pytest.mark.corpus
def test_corpus_sample_has_citations_in_most_decisions(corpus_dir: Path) -> None:
    path = corpus_dir / "yunli45_scraped_2015-2018" / "_sample_1500.jsonl"
    if not path.is_file():
        pytest.skip("no _sample_1500.jsonl")
    with path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh][:300]
    with_citation = sum(1 for text in texts if find_citations(text))
    assert with_citation / len(texts) > 0.8
