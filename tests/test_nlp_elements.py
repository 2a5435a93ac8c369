"""The Elements of a document (casecheck.nlp.elements), on invented documents and on the
real decisions of ../shared/corpus (skipped when absent)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casecheck.model import ELEMENT_KINDS, Document, Element
from casecheck.nlp.dates import find_dates
from casecheck.nlp.elements import extract_elements, extract_rights_notice

REPO = Path(__file__).resolve().parents[1]

DECISION = """某某市某某区市场监督管理局
行政处罚决定书
某区市监罚〔2025〕12号

当事人：青禾示范食品有限公司
统一社会信用代码：91330101589882738D
法定代表人：林晓岚
住所：某某市某某区示范路88号

当事人销售超过保质期食品一案，本局于2025年3月6日立案调查。
经查，2025年3月5日，本局执法人员王明远（执法证号：33010012345）、赵小川（执法证号：33010012346）\
对当事人经营场所进行检查，发现当事人货架上摆放超过保质期的示范牌酸奶12盒，货值金额人民币600元。
以上事实有现场检查笔录、询问笔录、现场照片、营业执照复印件、销售单据、检验报告等证据为证。
本局于2025年4月10日向当事人送达了《行政处罚告知书》（某区市监罚告〔2025〕9号），告知其陈述、申辩\
和要求听证的权利。当事人在法定期限内未提出陈述、申辩，也未要求听证。
当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据该法第一百二十四条\
第一款第（五）项“……货值金额不足一万元的，并处五万元以上十万元以下罚款”的规定，本局决定：
一、没收违法所得人民币叁仟元整（¥3000.00）；
二、处以罚款人民币伍万元整（¥50000.00）；
三、责令当事人改正违法行为。
当事人应当自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。
当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向某某市某某区人民政府申请行政复议；\
也可以在六个月内向某某市某某区人民法院提起行政诉讼。
某某市某某区市场监督管理局
2025年5月8日
"""

NOTICE = """某某市某某区市场监督管理局
行政处罚告知书
某区市监罚告［2025］9号
青禾示范食品有限公司：
经查，你单位于2025年3月5日销售超过保质期的食品，违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。
本局拟作出如下行政处罚：1.警告；2.罚款人民币伍万元整。
你单位可在收到本告知书之日起五个工作日内向本局提出陈述、申辩；要求听证的，应当在收到本告知书之日起\
五个工作日内提出。逾期视为放弃上述权利。
某某市某某区市场监督管理局
二〇二五年四月十日
"""

RECORD = """现场检查笔录
检查时间：2025年3月5日9时30分至10时20分
检查地点：某某市某某区示范路88号
被检查人：周小满（个体工商户，字号：小满水果店）
身份证号码：11010519491231002X
执法人员：王明远、赵小川，执法证号：33010012345、33010012346
执法人员出示证件后，对被检查人的经营场所进行了检查。
"""

ADDRESSED = """某某县生态环境局
行政处罚决定书
某环罚(2026)3号
示范建材有限公司（统一社会信用代码：91310110666007217T）：
你公司于2026年1月8日擅自开工建设，2026年1月15日本局对你公司进行现场检查。
本局决定对你公司处以警告，并处5万元罚款。
你公司已于2026年3月2日缴纳罚款。
如不服本决定，可在收到本决定书之日起60日内申请行政复议，或者在6个月内向某某县人民法院起诉。
"""


def _doc(text: str, doc_type: str = "其他材料") -> Document:
    return Document(id="d", path="invented.txt", text=text, doc_type=doc_type)


def _span(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _found(elements: list[Element], kind: str) -> list[tuple[str, Any]]:
    return [(e.value, e.normalized) for e in elements if e.kind == kind]


# (text, kind, needle, occurrence, normalized)
CASES = [
    (DECISION, "doc_number", "某区市监罚〔2025〕12号", 0, "某区市监罚〔2025〕12号"),
    (DECISION, "authority", "某某市某某区市场监督管理局", 0, "某某市某某区市场监督管理局"),
    (DECISION, "authority", "某某市某某区市场监督管理局", 1, "某某市某某区市场监督管理局"),
    (
        DECISION,
        "party_name",
        "青禾示范食品有限公司",
        0,
        {
            "name": "青禾示范食品有限公司",
            "type": "organisation",
            "operator": None,
            "trade_name": None,
        },
    ),
    (DECISION, "party_credit_code", "91330101589882738D", 0, "91330101589882738D"),
    (DECISION, "legal_representative", "林晓岚", 0, "林晓岚"),
    (DECISION, "party_address", "某某市某某区示范路88号", 0, "某某市某某区示范路88号"),
    (DECISION, "case_cause", "当事人销售超过保质期食品", 0, "销售超过保质期食品"),
    (DECISION, "filing_date", "2025年3月6日", 0, "2025-03-06"),
    (DECISION, "inspection_date", "2025年3月5日", 0, "2025-03-05"),
    (DECISION, "notice_date", "2025年4月10日", 0, "2025-04-10"),
    (DECISION, "decision_date", "2025年5月8日", 0, "2025-05-08"),
    (DECISION, "fine_amount", "人民币伍万元整（¥50000.00）", 0, 50000.0),
    (DECISION, "confiscation_amount", "人民币叁仟元整（¥3000.00）", 0, 3000.0),
    (DECISION, "penalty_type", "没收违法所得", 0, "没收违法所得"),
    (DECISION, "penalty_type", "罚款", 1, "罚款"),
    (
        DECISION,
        "officer",
        "王明远（执法证号：33010012345",
        0,
        {"name": "王明远", "cert_no": "33010012345", "source": "mention"},
    ),
    (
        DECISION,
        "officer",
        "赵小川（执法证号：33010012346",
        0,
        {"name": "赵小川", "cert_no": "33010012346", "source": "mention"},
    ),
    (
        DECISION,
        "evidence_item",
        "现场检查笔录",
        0,
        {"name": "现场检查笔录", "category": "勘验笔录、现场笔录"},
    ),
    (DECISION, "evidence_item", "现场照片", 0, {"name": "现场照片", "category": "视听资料"}),
    (
        DECISION,
        "evidence_item",
        "营业执照复印件",
        0,
        {"name": "营业执照复印件", "category": "书证"},
    ),
    (DECISION, "evidence_item", "检验报告", 0, {"name": "检验报告", "category": "鉴定意见"}),
    (
        DECISION,
        "remedy_reconsideration",
        "六十日内向某某市某某区人民政府申请行政复议",
        0,
        {"period": "六十日", "days": 60, "months": None, "body": "某某市某某区人民政府"},
    ),
    (
        DECISION,
        "remedy_litigation",
        "六个月内向某某市某某区人民法院提起行政诉讼",
        0,
        {"period": "六个月", "days": None, "months": 6, "body": "某某市某某区人民法院"},
    ),
    (NOTICE, "doc_number", "某区市监罚告［2025］9号", 0, "某区市监罚告〔2025〕9号"),
    (
        NOTICE,
        "party_name",
        "青禾示范食品有限公司",
        0,
        {
            "name": "青禾示范食品有限公司",
            "type": "organisation",
            "operator": None,
            "trade_name": None,
        },
    ),
    (NOTICE, "penalty_type", "警告", 0, "警告"),
    (NOTICE, "fine_amount", "人民币伍万元整", 0, 50000.0),
    (NOTICE, "notice_date", "二〇二五年四月十日", 0, "2025-04-10"),
    (RECORD, "inspection_date", "2025年3月5日", 0, "2025-03-05"),
    (
        RECORD,
        "party_name",
        "周小满（个体工商户，字号：小满水果店）",
        0,
        {"name": "周小满", "type": "sole_trader", "operator": None, "trade_name": "小满水果店"},
    ),
    (RECORD, "party_id_number", "11010519491231002X", 0, "11010519491231002X"),
    (
        RECORD,
        "officer",
        "王明远",
        0,
        {"name": "王明远", "cert_no": "33010012345", "source": "field"},
    ),
    (
        RECORD,
        "officer",
        "赵小川",
        0,
        {"name": "赵小川", "cert_no": "33010012346", "source": "field"},
    ),
    (ADDRESSED, "doc_number", "某环罚(2026)3号", 0, "某环罚〔2026〕3号"),
    (
        ADDRESSED,
        "party_name",
        "示范建材有限公司",
        0,
        {"name": "示范建材有限公司", "type": "organisation", "operator": None, "trade_name": None},
    ),
    (ADDRESSED, "party_credit_code", "91310110666007217T", 0, "91310110666007217T"),
    (ADDRESSED, "violation_date", "2026年1月8日", 0, "2026-01-08"),
    (ADDRESSED, "inspection_date", "2026年1月15日", 0, "2026-01-15"),
    (ADDRESSED, "payment_date", "2026年3月2日", 0, "2026-03-02"),
    (ADDRESSED, "penalty_type", "警告", 0, "警告"),
    (ADDRESSED, "fine_amount", "5万元", 0, 50000.0),
    (
        ADDRESSED,
        "remedy_reconsideration",
        "60日内申请行政复议",
        0,
        {"period": "60日", "days": 60, "months": None, "body": None},
    ),
    (
        ADDRESSED,
        "remedy_litigation",
        "6个月内向某某县人民法院起诉",
        0,
        {"period": "6个月", "days": None, "months": 6, "body": "某某县人民法院"},
    ),
]

DOC_TYPES = {DECISION: "行政处罚决定书", RECORD: "现场检查笔录"}


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[Element]]:
    texts = {DECISION, NOTICE, RECORD, ADDRESSED}
    return {t: extract_elements(_doc(t, DOC_TYPES.get(t, "其他材料"))) for t in texts}


@pytest.mark.parametrize(
    ("text", "kind", "needle", "occurrence", "normalized"),
    CASES,
    ids=[f"{c[1]}:{c[2][:12]}" for c in CASES],
)
def test_element(
    extracted: dict[str, list[Element]],
    text: str,
    kind: str,
    needle: str,
    occurrence: int,
    normalized: Any,
) -> None:
    start, end = _span(text, needle, occurrence)
    matches = [e for e in extracted[text] if e.kind == kind and (e.start, e.end) == (start, end)]
    assert matches, f"no {kind} at {needle!r}: {_found(extracted[text], kind)}"
    element = matches[0]
    assert text[element.start : element.end] == element.value == needle
    assert element.normalized == normalized


def test_kinds_are_the_contract_kinds(extracted: dict[str, list[Element]]) -> None:
    for elements in extracted.values():
        assert {e.kind for e in elements} <= set(ELEMENT_KINDS)


def test_what_is_not_an_element(extracted: dict[str, list[Element]]) -> None:
    decision = extracted[DECISION]
    # 责令改正 is not a penalty type; quoted statute ranges and 货值 are not fines.
    assert [n for _, n in _found(decision, "penalty_type")] == ["没收违法所得", "罚款"]
    assert [n for _, n in _found(decision, "fine_amount")] == [50000.0]
    # the notice's own number, referred to in the decision, is not the decision's number
    assert [n for _, n in _found(decision, "doc_number")] == ["某区市监罚〔2025〕12号"]
    # 「被检查人」 is not an officer label
    assert [n["name"] for _, n in _found(extracted[RECORD], "officer")] == ["王明远", "赵小川"]


def test_qualified_labels_name_other_people() -> None:
    """现场负责人 is the person present, not the party's 负责人; 随同检查人员 is the party's
    staff going round with the officers, not an officer."""
    record = (
        "现场检查笔录\n被检查单位：某某医院有限公司\n现场负责人：罗某某　职务：科室主任\n"
        "检查人：张某某（执法证号：44180021003）、李某某（执法证号：44180021017）\n"
        "| 被检查单位随同检查人员签名 | 曾某某　2025年6月10日 |\n"
    )
    elements = extract_elements(_doc(record, "现场检查笔录"))
    assert _found(elements, "legal_representative") == []
    assert [n["name"] for _, n in _found(elements, "officer")] == ["张某某", "李某某"]


def test_a_day_written_without_its_year_dates_what_follows_it() -> None:
    text = (
        "调查终结报告\n2025年4月2日，本局收到移交的线索，4月10日立案。"
        "经批准于2025年4月10日立案调查。\n"
    )
    elements = extract_elements(_doc(text, "调查终结报告"))
    assert [n for _, n in _found(elements, "filing_date")] == ["2025-04-10"]


def test_a_form_is_dated_by_its_approving_row() -> None:
    """A 立案审批表 in table rows: the 发现时间 row is no sign-off; the head's approval is."""
    form = (
        "某县卫生健康局\n立案审批表\n| 案件来源 | 群众举报 |\n| 发现时间 | 2025年4月8日 |\n"
        "| 承办人意见 | 建议立案。张某某 2025年4月9日 |\n"
        "| 机关负责人意见 | 同意立案。李某某 2025年4月10日 |\n"
    )
    elements = extract_elements(_doc(form, "立案审批表"))
    assert [n for _, n in _found(elements, "filing_date")] == ["2025-04-10"]


def test_an_inline_numbered_evidence_list_is_read_without_its_numbers() -> None:
    text = (
        "行政处罚决定书\n上述事实有以下证据证明：1.营业执照复印件；2.现场检查笔录；3.询问笔录。\n"
    )
    names = [
        n["name"]
        for _, n in _found(extract_elements(_doc(text, "行政处罚决定书")), "evidence_item")
    ]
    assert names == ["营业执照复印件", "现场检查笔录", "询问笔录"]


def test_rights_notice_with_hearing_period() -> None:
    notice = extract_rights_notice(_doc(NOTICE))
    assert notice is not None
    assert notice.mentions_statement and notice.mentions_hearing
    assert notice.hearing_period_text == "五个工作日"
    assert notice.hearing_period_days == 5 and notice.hearing_period_working_days
    assert "要求听证" in NOTICE[notice.span[0] : notice.span[1]]


def test_rights_notice_absent() -> None:
    assert extract_rights_notice(_doc(RECORD)) is None
    decision = extract_rights_notice(_doc(DECISION))
    assert decision is not None and decision.hearing_period_text is None


@pytest.mark.parametrize("text", ["", "   \n", "罚款", "当事人：", "（）〔〕号", "2025年2月30日"])
def test_odd_documents(text: str) -> None:
    for e in extract_elements(_doc(text)):
        assert e.kind in ELEMENT_KINDS and text[e.start : e.end] == e.value


_SOUP = (
    "当事人：法定代表人住所执法人员证号罚款没收违法所得警告决定书局〔〕（）"
    "2025年3月5日伍万元、，。；：\n1.一二三"
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.text(alphabet=_SOUP, max_size=200)))
def test_extraction_never_raises(text: str) -> None:
    doc = _doc(text, "行政处罚决定书")
    for e in extract_elements(doc):
        assert e.kind in ELEMENT_KINDS and text[e.start : e.end] == e.value
    extract_rights_notice(doc)


def test_page_is_set_for_paged_documents() -> None:
    from casecheck.model import Page

    doc = _doc(NOTICE)
    half = NOTICE.index("本局拟作出")
    doc.pages = [Page(1, 0, half), Page(2, half, len(NOTICE))]
    pages = {e.kind: e.page for e in extract_elements(doc)}
    assert pages["doc_number"] == 1 and pages["notice_date"] == 2


# ---- the real decisions in ../shared/corpus ----------------------------------------------


def _norm_number(text: str) -> str:
    text = re.sub(r"\s+", "", text or "")
    return text.translate(str.maketrans("[]［］【】()（）﹝﹞", "〔〕〔〕〔〕〔〕〔〕〔〕"))


def _manifest(corpus_dir: Path) -> list[tuple[Path, str, str, str]]:
    """(text file, 文号, authority, date) for every corpus file the manifests describe."""
    rows = []
    tax = corpus_dir / "tax_chinatax"
    if (tax / "_manifest.json").is_file():
        for r in json.loads((tax / "_manifest.json").read_text(encoding="utf-8")):
            # The tax manifest's dates are publication metadata, not the date a decision is
            # signed (安市税稽罚〔2026〕1号: manifest 2025-08-29, signed 二○二六年一月十六日).
            rows.append((tax / f"{r['file']}.txt", r["number"], r["authority"], ""))
    yunli = corpus_dir / "yunli45_scraped_2015-2018"
    if (yunli / "_manifest.jsonl").is_file():
        for line in (yunli / "_manifest.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            date = (r["date"] or "")[:10]
            date = date if re.fullmatch(r"\d{4}-\d\d-\d\d", date) else ""
            rows.append((yunli / r["file"], r["docno"], "", date))
    return [row for row in rows if row[0].is_file()]


def _score(pairs: list[tuple[str, list[str]]], prefix: bool = False) -> tuple[float, float, int]:
    """Precision over files where something was predicted (the first prediction counts),
    recall over files with gold; with `prefix`, a found name extending the gold one counts
    (the manifests give 国家税务总局安顺市税务局 where the decision is signed by its 稽查局)."""
    predicted = [(g, p) for g, p in pairs if p]
    correct = sum(1 for g, p in predicted if p[0] == g or (prefix and p[0].startswith(g)))
    precision = correct / len(predicted) if predicted else 0.0
    return precision, correct / len(pairs) if pairs else 0.0, len(pairs)


@pytest.mark.corpus
def test_real_decisions_against_manifests(corpus_dir: Path) -> None:
    rows = _manifest(corpus_dir)
    if not rows:
        pytest.skip("no manifest rows with text files")
    numbers, authorities, dates = [], [], []
    for path, number, authority, date in rows:
        text = path.read_text(encoding="utf-8")
        doc = Document(id=path.name, path=str(path), text=text, doc_type="行政处罚决定书")
        elements = extract_elements(doc)
        got = {k: [e.normalized for e in elements if e.kind == k] for k in ELEMENT_KINDS}
        for e in elements:  # every span is exact
            assert text[e.start : e.end] == e.value
        # score only what the text itself shows
        if number and _norm_number(number) in _norm_number(text):
            numbers.append((_norm_number(number), got["doc_number"]))
        if authority and authority in text:
            authorities.append((authority, got["authority"]))
        if date and date in {d.iso for d in find_dates(text)}:
            dates.append((date, got["decision_date"]))
    table = {
        "doc_number": _score(numbers),
        "authority": _score(authorities),
        "authority (gold is a prefix)": _score(authorities, prefix=True),
        "decision_date": _score(dates),
    }
    print(f"\n{'kind':30} precision  recall    n")
    for kind, (p, r, n) in table.items():
        print(f"{kind:30} {p:9.2f} {r:7.2f} {n:4d}")
    assert table["doc_number"][0] >= 0.9 and table["doc_number"][1] >= 0.9
    assert table["authority (gold is a prefix)"][1] >= 0.9
    assert table["decision_date"][0] >= 0.9 and table["decision_date"][1] >= 0.8


@pytest.mark.corpus
def test_sample_numbers_and_dates(corpus_dir: Path) -> None:
    """文号 and decision date of the 1,413 sampled decisions, scored where the text shows them."""
    sample = corpus_dir / "yunli45_scraped_2015-2018" / "_sample_1500.jsonl"
    if not sample.is_file():
        pytest.skip("_sample_1500.jsonl is absent")
    numbers, dates = [], []
    for line in sample.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        doc = Document(id="s", path="", text=r["text"], doc_type="行政处罚决定书")
        elements = extract_elements(doc)
        got = {k: [e.normalized for e in elements if e.kind == k] for k in ELEMENT_KINDS}
        gold = _norm_number(r.get("docno", ""))
        if gold and gold in _norm_number(r["text"]):
            numbers.append((gold, got["doc_number"]))
        date = (r.get("date") or "")[:10]
        if re.fullmatch(r"\d{4}-\d\d-\d\d", date) and date in {d.iso for d in find_dates(doc.text)}:
            dates.append((date, got["decision_date"]))
    number_score, date_score = _score(numbers), _score(dates)
    print(f"\n{'kind':15} precision  recall    n")
    print(f"{'doc_number':15} {number_score[0]:9.3f} {number_score[1]:7.3f} {number_score[2]:4d}")
    print(f"{'decision_date':15} {date_score[0]:9.3f} {date_score[1]:7.3f} {date_score[2]:4d}")
    assert number_score[0] >= 0.95 and number_score[1] >= 0.9
    assert date_score[0] >= 0.95 and date_score[1] >= 0.9


# ---- jieba (casecheck.nlp.segmenter, used by casecheck.nlp.names) ------------------------


def test_importing_nlp_does_not_import_jieba_and_names_keep_stderr_quiet() -> None:
    import subprocess
    import sys

    code = (
        "import sys, casecheck.nlp.elements, casecheck.nlp.segmenter;"
        "print('jieba' in sys.modules);"
        "from casecheck.nlp.names import person_names;"
        "print(person_names('张建国'), person_names('请如实回答'), 'jieba' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stderr == ""
    assert out.stdout.splitlines() == ["False", "['张建国'] [] True"]


# ---- the evaluation harness (casecheck.evaluate.extraction) -------------------------------


def test_evaluate_counts_hits_misses_and_extras(tmp_path: Path) -> None:
    from casecheck.evaluate.extraction import evaluate

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(
        "root: docs\n"
        "documents:\n"
        "  - path: notice.txt\n"
        "    doc_type: 行政处罚告知书\n"
        "    expect:\n"
        "      doc_number: [某区市监罚告〔2025〕9号]\n"
        "      notice_date: [2025-04-10]\n"
        "      penalty_type: [警告]\n"  # 罚款 is found too: one false positive
        "      officer: [王明远]\n"  # not in the text: one false negative
        "  - path: absent.txt\n"
        "    doc_type: 行政处罚告知书\n"
        "    expect: {doc_number: [x]}\n",
        encoding="utf-8",
    )
    result = evaluate(tmp_path / "gold.yaml")
    scores = {s.kind: (s.tp, s.fp, s.fn) for s in result.scores}
    assert scores == {
        "doc_number": (1, 0, 0),
        "notice_date": (1, 0, 0),
        "penalty_type": (1, 1, 0),
        "officer": (0, 0, 1),
    }
    assert result.documents == 1 and result.missing == ["absent.txt"]
    total = result.total
    assert (total.tp, total.fp, total.fn) == (3, 1, 1)
    assert total.precision == 0.75 and total.recall == 0.75
    assert "penalty_type" in result.table()


def test_evaluate_cli_reports_bad_gold_in_chinese(tmp_path: Path, capsys) -> None:
    from casecheck.evaluate.extraction import main

    assert main([str(tmp_path / "missing.yaml")]) == 2
    assert "无法读取金标准文件" in capsys.readouterr().err


@pytest.mark.corpus
def test_gold_file_scores(corpus_dir: Path) -> None:
    from casecheck.evaluate.extraction import evaluate

    result = evaluate(Path(__file__).parent / "gold" / "elements.yaml")
    if result.missing:
        pytest.skip(f"gold documents absent: {result.missing}")
    print("\n" + result.table())
    total = result.total
    assert total.precision >= 0.9 and total.recall >= 0.9


@pytest.mark.parametrize("text", [DECISION, NOTICE, RECORD, ADDRESSED])
def test_windows_line_ends_give_the_same_values(text: str) -> None:
    doc_type = DOC_TYPES.get(text, "其他材料")
    unix = [(e.kind, e.value, e.normalized) for e in extract_elements(_doc(text, doc_type))]
    crlf = _doc(text.replace("\n", "\r\n"), doc_type)
    windows = [(e.kind, e.value, e.normalized) for e in extract_elements(crlf)]
    assert windows == unix


FILING_FORM = """某省药品监督管理局
立案/不予立案审批表
某药监立〔2026〕12号

| 案件来源 | 监督检查（2026年3月18日复查发现） |
| 当事人 | 某某医药有限公司 |
| 简要案情及立案依据 | 2026年2月10日我局检查发现，当事人冷藏库未按规定监测温度。建议立案调查。 |
| 承办人意见 | 建议立案。某甲、某乙 2026年3月19日 |
| 部门负责人意见 | 同意立案。副局长 某丙 2026年3月20日 |
"""


def test_a_filing_form_is_dated_by_its_last_approval_row():
    """The 立案 is the date the last approval row was signed, not a date in the source or the
    summary rows next to the word 立案."""
    found = extract_elements(_doc(FILING_FORM, "立案审批表"))
    assert [e.normalized for e in found if e.kind == "filing_date"] == ["2026-03-20"]
