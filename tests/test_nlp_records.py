"""A record's own facts, read from its structure: officers (fields, table rows, signature lines,
self-introductions), the record's own date (its time field, not dates its answers mention),
and the party (labels with notes, table cells, salutations, masked names, 住… addresses).
Each case is a hand-written document of some department's format and what it must yield."""

from __future__ import annotations

import pytest

from casecheck.engine import check_case
from casecheck.model import Document, Element
from casecheck.nlp.elements import extract_elements
from casecheck.nlp.names import leading_names, person_names


def _elements(text: str, doc_type: str) -> list[Element]:
    return extract_elements(Document(id="d", path="invented.txt", text=text, doc_type=doc_type))


def _officers(text: str, doc_type: str = "询问笔录") -> list[tuple[str, str | None, str]]:
    return [
        (e.normalized["name"], e.normalized["cert_no"], e.normalized["source"])
        for e in _elements(text, doc_type)
        if e.kind == "officer"
    ]


# (document, expected officers as (name, certificate number, source))
OFFICER_CASES = [
    (  # 城管: 询问人 and 记录人 in the header, numbers in brackets
        "询问笔录\n询问时间：2023年5月6日9时至10时\n询问人：孙建华（执法证号：37050011）\n"
        "记录人：林晓东（执法证号：37050012）\n被询问人：赵某某\n",
        [("孙建华", "37050011", "field"), ("林晓东", "37050012", "recorder")],
    ),
    (  # 交通: a table row with the certificate numbers in the next cells
        "现场笔录\n| 执法人员 | 张建国、李卫东 | 执法证号 | 14010021、14010022 |\n"
        "| 检查时间 | 2024年3月2日10时 | 地点 | 某国道K12 |\n",
        [("张建国", "14010021", "field"), ("李卫东", "14010022", "field")],
    ),
    (  # 烟草 / 应急: the self-introduction of the first question
        "询问笔录\n问：我们是某县烟草专卖局的执法人员周海涛、吴敏，这是我们的执法证件"
        "（证号：ZM1001、ZM1002），请你看一下。\n答：看清楚了。\n",
        [("周海涛", "ZM1001", "mention"), ("吴敏", "ZM1002", "mention")],
    ),
    (  # 卫生健康: 卫生监督员 with 监督证号; the recorder is one of them
        "现场笔录\n卫生监督员：周海峰（监督证号：42110519007）、曹丽娟（监督证号：42110519012）\n"
        "记录人：曹丽娟\n",
        [("周海峰", "42110519007", "field"), ("曹丽娟", "42110519012", "field")],
    ),
    (  # 税务: 税务检查证号 after the names, paired in order
        "询问（调查）笔录\n检查人员：刘海洋、陈静，税务检查证号：23011005、23011006\n",
        [("刘海洋", "23011005", "field"), ("陈静", "23011006", "field")],
    ),
    (  # 生态环境: 监督证号; masked names in a published copy
        "现场检查笔录\n执法人员：张某某、李**，监督证号：HB2201、HB2202\n",
        [("张某某", "HB2201", "field"), ("李**", "HB2202", "field")],
    ),
    (  # a signature line: names separated by blanks, the date right after
        "现场检查笔录\n检查情况：无异常。\n检查人员签名：金婷婷 白文博2025年9月1日\n",
        [("金婷婷", None, "field"), ("白文博", None, "field")],
    ),
    (  # narrative: the sentence goes on after the names without a separator
        "调查终结报告\n2025年3月5日，本局执法人员王明远（执法证号：33010012345）、赵小川（执法证号："
        "33010012346）对当事人经营场所进行检查。\n",
        [("王明远", "33010012345", "mention"), ("赵小川", "33010012346", "mention")],
    ),
    (  # narrative: the second name runs on into the sentence
        "调查终结报告\n执法人员刘建军、王丽出示执法证件，对某路某商店进行了检查。\n",
        [("刘建军", None, "mention"), ("王丽", None, "mention")],
    ),
    (  # 林业: the numbers in the self-introduction, the names in the header
        "询问笔录\n询问人：李建新、杨丽 记录人：杨丽\n"
        "被询问人：段某 身份证号码：530102198705222446\n"
        "问：我们是某县林业和草原局的执法人员，这是我们的执法证件，证号53011020001、53011020002。\n",
        [("李建新", "53011020001", "field"), ("杨丽", "53011020002", "field")],
    ),
    (  # 交通: a field's second line holds the second officer
        "现场笔录\n执法人员：武建涛　执法证号：61010520001\n　　　　　裴丽　执法证号：61010520002\n"
        "执法人员签名：武建涛 裴丽\n",
        [("武建涛", "61010520001", "field"), ("裴丽", "61010520002", "field")],
    ),
    (  # phrases after an officer label are no names
        "询问笔录\n问：我们是某市综合行政执法局的执法人员，现依法向你询问，请如实回答。\n"
        "执法人员出示证件后，向当事人说明来意。\n",
        [],
    ),
    (  # 承办人 holding an opinion, not a name; 被检查人 is the party
        "案件处理意见书\n承办人：坚持处罚建议\n被检查人：周小满\n",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), OFFICER_CASES)
def test_officers_from_structure(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert _officers(text) == expected


@pytest.mark.parametrize(
    ("run", "names"),
    [
        ("王明远", ["王明远"]),  # jieba: 王明/nr 远/a
        ("李卫东", ["李卫东"]),  # 李/nr 卫东/nr
        ("欧阳娜娜", ["欧阳娜娜"]),  # 欧阳/ns 娜娜/nrt
        ("金婷婷", ["金婷婷"]),  # 金/nr 婷婷/z
        ("张某某", ["张某某"]),
        ("王×", ["王×"]),
        ("请如实回答", []),
        ("坚持处罚建议", []),
        ("出示证件", []),
        ("当事人", []),
        ("张三对", []),
        ("司机", []),
    ],
)
def test_person_names(run: str, names: list[str]) -> None:
    assert person_names(run) == names


def test_leading_names_stop_where_the_sentence_goes_on() -> None:
    assert leading_names("王明远对当事人经营场所进行检查") == ["王明远"]
    assert leading_names("赵小川于") == ["赵小川"]
    assert leading_names("对当事人进行检查") == []


def _dates(text: str, doc_type: str) -> list[tuple[str, str]]:
    return [(e.kind, e.normalized) for e in _elements(text, doc_type) if e.kind.endswith("_date")]


# (document type, document, its dated events)
DATE_CASES = [
    (  # the inquiry's own time, not the inspection its answers recall
        "询问笔录",
        "询问笔录\n询问时间：2023年5月6日9时至10时\n询问地点：某局询问室\n"
        "问：2023年4月20日我局执法人员对你店进行检查，发现了什么问题？\n答：过期的饮料。\n",
        [("inspection_date", "2023-05-06")],
    ),
    (  # the time in a table cell
        "询问笔录",
        "询问笔录\n| 询问时间 | 2023年5月6日9时30分 | 询问地点 | 某局 |\n"
        "问：你店于2023年4月20日被检查时负责人在场吗？\n答：在场。\n",
        [("inspection_date", "2023-05-06")],
    ),
    (  # 时间： on the title line
        "询问笔录",
        "询问笔录 时间：2024年1月9日14时至15时\n问：2023年12月28日检查时你在场吗？\n答：在。\n",
        [("inspection_date", "2024-01-09")],
    ),
    (  # 检查时间：…至…: one inspection
        "现场检查笔录",
        "现场检查笔录\n检查时间：2025年3月5日9时30分至2025年3月5日10时20分\n检查地点：某路\n",
        [("inspection_date", "2025-03-05")],
    ),
]


@pytest.mark.parametrize(("doc_type", "text", "expected"), DATE_CASES)
def test_record_own_date(doc_type: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert _dates(text, doc_type) == expected


def _party(text: str, doc_type: str) -> tuple[list[str], list[str]]:
    elements = _elements(text, doc_type)
    names = [e.value for e in elements if e.kind == "party_name"]
    return names, [e.value for e in elements if e.kind == "party_address"]


# (document type, document, party names, addresses)
PARTY_CASES = [
    (
        "行政处罚决定书",
        "某市应急管理局\n行政处罚决定书\n某应急罚〔2023〕5号\n被处罚人（单位）：某某化工有限公司\n"
        "地址：某市某路1号\n经查，……\n",
        ["某某化工有限公司"],
        ["某市某路1号"],
    ),
    (
        "行政处罚决定书",
        "行政处罚决定书\n某罚〔2023〕5号\n当事人：张某某，男，1980年出生，住某市某区某路3号。\n"
        "经查，……\n",
        ["张某某"],
        ["某市某区某路3号"],
    ),
    (
        "行政处罚决定书",
        "行政处罚决定书\n某罚〔2023〕5号\n当事人基本情况：某某餐饮管理有限公司，统一社会信用代码："
        "91110000MA01234567\n经查，……\n",
        ["某某餐饮管理有限公司"],
        [],
    ),
    (  # a form: the first label cell names the block, the party's label and name follow
        "行政处罚决定书",
        "| 某市应急管理局 行政处罚决定书 |\n"
        "| 当事人基本情况 | 被处罚人（单位） | 某某矿业有限公司 | 地址 | 某县某镇 |\n"
        "| | 被处罚人（个人） | ＿＿＿＿ | 年龄 | ＿＿＿＿ |\n",
        ["某某矿业有限公司"],
        ["某县某镇"],
    ),
    ("立案审批表", "立案审批表\n| 当事人 | ＿＿＿＿ | 地址 | ＿＿＿＿ |\n", [], []),  # blank form
    (
        "责令改正通知书",
        "某市交通运输局\n责令改正通知书\n某某运输有限公司：\n经查，你单位……\n",
        ["某某运输有限公司"],
        [],
    ),
    (
        "行政处罚决定书",
        "行政处罚决定书\n当事人：王某某\n住  所(住 址):岳阳市***区***路\n",
        ["王某某"],
        ["岳阳市***区***路"],
    ),
    (  # scraped text: the body's first date runs on after the address
        "行政处罚决定书",
        "行政处罚决定书\n某文罚决字〔2015〕第3号 当事人：周某某 "
        "住所（住址）：某市某路8号（某大厦三楼）2015年2月5日20时，本局执法人员……\n",
        ["周某某"],
        ["某市某路8号（某大厦三楼）"],
    ),
    (  # a bank asked to collect the fine is not the party
        "其他材料",
        "罚款代收通知\n中国农业银行某某支行：\n请代收某某有限公司罚款伍仟元。\n",
        [],
        [],
    ),
]


@pytest.mark.parametrize(("doc_type", "text", "names", "addresses"), PARTY_CASES)
def test_party(doc_type: str, text: str, names: list[str], addresses: list[str]) -> None:
    assert _party(text, doc_type) == (names, addresses)


# ---- what the findings make of it ----------------------------------------------------------

_FILING = "立案审批表\n当事人：某某商行\n立案日期：2023年5月4日\n"


def _findings(tmp_path, files: dict[str, str], rule_id: str):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = check_case(tmp_path)
    return [f for f in report.findings if f.rule_id == rule_id]


def test_inspection_recalled_in_an_inquiry_is_not_evidence_before_filing(tmp_path) -> None:
    inquiry = (
        "询问笔录\n询问时间：2023年5月6日9时至10时\n询问人：孙建华（执法证号：37050011）\n"
        "记录人：林晓东（执法证号：37050012）\n被询问人：赵某某\n"
        "问：2023年4月20日我局执法人员对你店进行检查，你在场吗？\n答：在场。\n"
    )
    files = {"01立案审批表.txt": _FILING, "02询问笔录.txt": inquiry}
    assert _findings(tmp_path, files, "TIME-004") == []


def test_one_officer_in_the_record_field_is_a_veto(tmp_path) -> None:
    inquiry = (
        "询问笔录\n询问时间：2023年5月6日9时\n询问人：孙建华（执法证号：37050011）\n"
        "记录人：孙建华\n"
    )
    (finding,) = _findings(
        tmp_path, {"01立案审批表.txt": _FILING, "02询问笔录.txt": inquiry}, "OFF-001"
    )
    assert (finding.severity, finding.confidence, finding.quote) == ("veto", "high", "孙建华")


def test_one_officer_only_mentioned_is_for_review(tmp_path) -> None:
    inquiry = (
        "询问笔录\n询问时间：2023年5月6日9时\n"
        "问：我是某县市场监督管理局的执法人员林晓东，这是我的执法证件，请你过目。\n答：看清楚了。\n"
    )
    (finding,) = _findings(
        tmp_path, {"01立案审批表.txt": _FILING, "02询问笔录.txt": inquiry}, "OFF-001"
    )
    assert (finding.severity, finding.confidence) == ("major", "review")
    assert "需人工复核" in finding.message


def test_officers_not_found_are_not_checked(tmp_path) -> None:
    inquiry = "询问笔录\n询问时间：2023年5月6日9时\n问：你店的营业执照在哪里？\n答：在墙上。\n"
    files = {"01立案审批表.txt": _FILING, "02询问笔录.txt": inquiry}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = check_case(tmp_path)
    assert not [f for f in report.findings if f.rule_id == "OFF-001"]
    assert any(n.check.startswith("OFF-001") for n in report.not_checked)


@pytest.mark.parametrize(
    "text",
    [
        "鉴于当事人能够配合执法人员查清案情，予以从轻处罚。",  # jieba tags 查清 nr
        "证据：车辆照片、执法人员和司机的合影。",
        "执法人员于当日，向当事人送达了告知书。",
    ],
)
def test_no_officer_where_a_sentence_only_mentions_officers(text: str) -> None:
    assert _officers(text, "行政处罚决定书") == []


def test_officers_only_under_the_recorder_label_are_for_review(tmp_path) -> None:
    # the officers stand under a label the lexicon may not know; only 记录人 was read
    record = (
        "现场笔录\n时间：2023年5月6日9时\n现场执法人员名单见附页\n记录人：林晓东\n"
        "检查情况：门店正在营业。\n"
    )
    files = {"01立案审批表.txt": _FILING, "02现场检查笔录.txt": record}
    (finding,) = _findings(tmp_path, files, "OFF-001")
    assert (finding.severity, finding.confidence) == ("major", "review")
