"""Verdicts a reviewer can trust: only a case file is graded, and only on what was read; one
defect is one finding with all its places; a veto rests only on what the tool is sure of;
scoring is a pure function of a report and a standard."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from PIL import Image

from casecheck import CheckOptions, check_case
from casecheck.cli import main
from casecheck.model import CaseFile, Document, Report
from casecheck.report.docx_report import write_case_docx
from casecheck.report.xlsx_report import write_xlsx
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import shipped_and_user_rules
from casecheck.rules.registry import Hit
from casecheck.rules.runner import make_finding
from casecheck.samples import generate_case
from casecheck.scoring import assess
from tests.test_ingest_pdf import add_scanned_page, make_pdf

UNION_NOTICE = """关于开展2026年职工趣味运动会的通知

各部门工会小组：
为丰富职工业余文化生活，经研究，定于2026年5月20日在单位操场举办职工趣味运动会。
请各小组于5月10日前将报名表报送工会办公室。

单位工会委员会
2026年4月28日
"""


@pytest.fixture(scope="module")
def clean_case(tmp_path_factory) -> Path:
    return generate_case(tmp_path_factory.mktemp("verdicts") / "clean", seed=3).path


def _grade(report: Report) -> tuple[float | None, str | None]:
    return report.score.score, report.score.grade


def test_a_folder_of_unrelated_files_is_not_graded(tmp_path):
    folder = tmp_path / "杂项"
    folder.mkdir()
    (folder / "名单.csv").write_text("姓名,部门\n张三,办公室\n", encoding="utf-8")
    png = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(png, format="PNG")
    (folder / "照片.png").write_bytes(png.getvalue())
    (folder / "readme.txt").write_text("这里存放会议资料。\n", encoding="utf-8")
    (folder / "工会通知.txt").write_text(UNION_NOTICE, encoding="utf-8")
    report = check_case(folder)
    assert report.kind == "not_penalty"
    assert _grade(report) == (None, None)
    assert "不像行政处罚案卷" in report.score.reason
    assert assess(report).triage == "需人工复核"


def test_a_decision_with_only_its_title_is_not_graded(tmp_path):
    word = docx.Document()
    word.add_paragraph("行政处罚决定书")
    path = tmp_path / "行政处罚决定书.docx"
    word.save(str(path))
    report = check_case(path)
    assert _grade(report) == (None, None)
    assert "没有正文" in report.score.reason
    assert assess(report).triage != "合格"


def test_a_decision_and_its_receipt_are_documents_not_a_file_to_grade(clean_case, tmp_path):
    """Two papers of an ordinary-procedure file, the decision among them, get no grade (they
    were graded 100 / 优秀 while the completeness check said they were no case file); the
    completeness check and the grade agree on what a whole file is."""
    papers = tmp_path / "两份文书"
    papers.mkdir()
    for name in ("21行政处罚决定书.docx", "22送达回证（行政处罚决定书）.docx"):
        shutil.copy(clean_case / name, papers / name)
    report = check_case(papers)
    assert report.kind == "documents" and _grade(report) == (None, None)
    assert "不评定案卷等次" in report.score.reason
    unchecked = {n.check.split()[0] for n in report.not_checked}
    assert unchecked >= {"DOC-001", "EVID-001"} and "DOC-002" not in unchecked  # it is there
    assert assess(report).triage != "合格"


ON_THE_SPOT = """当场行政处罚决定书
青市监当罚〔2026〕31号
当事人：李建华　身份证号码：330102198805061234
住址：青禾县城关镇新华路18号
违法事实：2026年3月12日10时，当事人在青禾县城关镇新华路18号门前占道经营水果，经执法人员当场
查实，当事人无异议。
处罚依据：《青禾县市容和环境卫生管理办法》第十九条、第三十五条。
处罚决定：罚款人民币50元。
罚款缴纳方式：当场缴纳。
如不服本决定，可以在收到本决定书之日起六十日内向青禾县人民政府申请行政复议，或者在六个月内
向青禾县人民法院提起行政诉讼。
执法人员：王明（执法证号33010012）、赵刚（执法证号33010015）
当事人签名：李建华　2026年3月12日
青禾县综合行政执法局（印章）
2026年3月12日
"""


def test_a_summary_file_is_short_by_law_and_not_held_to_ordinary_documents(tmp_path):
    folder = tmp_path / "简易程序"
    folder.mkdir()
    (folder / "当场行政处罚决定书.txt").write_text(ON_THE_SPOT, encoding="utf-8")
    receipt = "罚没款收据\n交款人：李建华\n金额：伍拾元整（50元）\n2026年3月12日\n"
    (folder / "罚款收据.txt").write_text(receipt, encoding="utf-8")
    report = check_case(folder)
    assert report.kind == "summary"
    reasons = {n.check.split()[0]: n.reason for n in report.not_checked}
    assert "简易程序" in reasons["DOC-001"]
    assert not [f for f in report.findings if f.rule_id == "DOC-001"]


def test_a_title_only_decision_in_a_case_file_blocks_the_grade(clean_case, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(clean_case, case)
    word = docx.Document()
    word.add_paragraph("行政处罚决定书")
    word.save(str(case / "21行政处罚决定书.docx"))
    report = check_case(case)
    assert report.kind == "case_file" and report.score.grade in (None, "不合格")
    assert "没有正文" in report.score.reason and assess(report).triage != "合格"


def test_a_case_file_without_its_decision_fails(clean_case, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(clean_case, case)
    (case / "21行政处罚决定书.docx").unlink()
    report = check_case(case)
    missing = [f for f in report.findings if f.rule_id == "DOC-002"]
    assert [(f.severity, f.confidence) for f in missing] == [("veto", "high")]
    assert report.score.vetoed and report.score.grade == "不合格"


def test_an_unread_file_makes_a_missing_decision_a_question(clean_case, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(clean_case, case)
    (case / "21行政处罚决定书.docx").unlink()
    scan = case / "99扫描件.pdf"
    scan.write_bytes(add_scanned_page(make_pdf([[]], footer=False)))
    report = check_case(case, CheckOptions(ocr=False))
    missing = [f for f in report.findings if f.rule_id == "DOC-002"]
    assert [(f.severity, f.confidence) for f in missing] == [("major", "review")]
    assert "需人工复核" in missing[0].message
    assert report.score.grade is None and "未找到行政处罚决定书" in report.score.reason


def test_a_clean_case_passes_and_an_unread_scan_asks_for_review(clean_case, tmp_path):
    report = check_case(clean_case)
    assert report.kind == "case_file" and _grade(report) == (100, "优秀")
    assert assess(report).triage == "合格"

    case = tmp_path / "case"
    shutil.copytree(clean_case, case)
    (case / "98现场照片.pdf").write_bytes(add_scanned_page(make_pdf([[]], footer=False)))
    with_scan = check_case(case, CheckOptions(ocr=False))
    assert with_scan.unread == ["98现场照片.pdf"]
    assert "未能完整读取" in with_scan.score.reason
    assert assess(with_scan).triage == "需人工复核"


def test_a_single_real_decision_is_checked_but_not_graded(corpus_dir):
    path = next(iter(sorted((corpus_dir / "tax_chinatax").glob("*.txt"))), None)
    if path is None:
        pytest.skip("no tax decision text in the corpus")
    report = check_case(path)
    assert report.kind == "single_decision"
    assert report.score.grade is None or report.score.vetoed
    assert "不是完整案卷" in report.score.reason


@pytest.fixture(scope="module")
def host_case(tmp_path_factory) -> Report:
    path = generate_case(
        tmp_path_factory.mktemp("host") / "case", defects=["host_is_investigator"], seed=1
    ).path
    return check_case(path)


def test_one_defect_in_several_documents_is_one_finding(host_case, tmp_path):
    hosts = [f for f in host_case.findings if f.rule_id == "HEAR-004"]
    assert len(hosts) == 1
    finding = hosts[0]
    assert len(finding.locations) >= 2
    first = finding.locations[0]
    assert (first.document, first.start, first.end) == (
        finding.document,
        finding.start,
        finding.end,
    )
    assert host_case.score.veto_findings == [finding.id]

    data = host_case.to_json()
    [as_json] = [f for f in data["findings"] if f["rule_id"] == "HEAR-004"]
    assert len(as_json["locations"]) == len(finding.locations)
    assert Report.from_json(json.loads(json.dumps(data))).findings[0].locations == (
        host_case.findings[0].locations
    )

    assessment = assess(host_case)
    word = write_case_docx(host_case, assessment, tmp_path / "评查报告.docx")
    text = "\n".join(
        cell.text
        for table in docx.Document(str(word)).tables
        for row in table.rows
        for cell in row.cells
    )
    paths = {d.id: d.path for d in host_case.documents}
    for place in {paths[loc.document] for loc in finding.locations}:
        assert place in text
    sheet = openpyxl.load_workbook(write_xlsx([(host_case, assessment)], tmp_path / "a.xlsx"))
    cells = [str(c.value) for ws in sheet.worksheets for row in ws.iter_rows() for c in row]
    assert any(f"（{len(finding.locations)} 处）" in c for c in cells)


def test_the_text_report_lists_every_place(host_case, tmp_path, capsys):
    out = tmp_path / "r.json"
    out.write_text(json.dumps(host_case.to_json(), ensure_ascii=False), encoding="utf-8")
    case_dir = Path(host_case.case_path)
    main(["check", str(case_dir)])
    text = capsys.readouterr().out.replace("\n", "").replace("│", "").replace(" ", "")
    finding = next(f for f in host_case.findings if f.rule_id == "HEAR-004")
    assert f"出现位置（{len(finding.locations)}处）" in text
    assert "判断依据" in text


def test_an_invalid_credit_code_in_eight_documents_is_one_hint(tmp_path):
    path = generate_case(tmp_path / "case", defects=["invalid_credit_code"], seed=1).path
    report = check_case(path)
    codes = [f for f in report.findings if f.rule_id == "ID-001"]
    assert len(codes) == 1 and len(codes[0].locations) > 2


def _context(doc: Document) -> CaseContext:
    return CaseContext(case=CaseFile(path="<test>", documents=[doc]))


def _rule(rule_id: str):
    return next(r for r in shipped_and_user_rules() if r.id == rule_id)


DECISION = "行政处罚决定书\n当事人：某某有限公司\n经查，当事人……\n"


@pytest.mark.parametrize(
    ("confidence", "source", "severity", "trust"),
    [
        (0.95, "text", "veto", "high"),  # a title line, a text layer: sure
        (0.7, "text", "major", "review"),  # typed from the file name only
        (0.45, "text", "major", "review"),  # typed from content cues
        (0.95, "ocr", "major", "review"),  # recognised from a scan
    ],
)
def test_a_veto_rests_only_on_what_the_tool_is_sure_of(confidence, source, severity, trust):
    doc = Document(
        "D01", "决定.docx", DECISION, doc_type="行政处罚决定书", type_confidence=confidence
    )
    doc.text_source = source
    finding = make_finding(_context(doc), _rule("DEC-004"), Hit("D01", 0, 7))
    assert (finding.severity, finding.confidence) == (severity, trust)
    assert ("需人工复核" in finding.message) == (trust == "review")


SCANNED = "行政处罚决定书\n当事人：某某有限公司\n罚款人民币20000元，2025年6月1日\n"


@pytest.mark.parametrize(
    ("rule_id", "quote", "source", "severity", "trust"),
    [
        ("CONS-001", "某某有限公司", "ocr", "major", "ocr"),  # recognised words
        ("CONS-001", "罚款人民币20000元", "ocr", "major", "review"),  # a number OCR may misread
        ("CONS-001", "2025年6月1日", "ocr", "major", "review"),  # a date
        ("CONS-001", "2025年6月1日", "text", "major", "high"),  # the same from a text layer
        ("DOC-002", None, "ocr", "major", "review"),  # a whole-file veto on a scanned file
        ("DOC-002", None, "text", "veto", "high"),
    ],
)
def test_a_finding_on_a_recognised_number_asks_for_review(rule_id, quote, source, severity, trust):
    doc = Document("D01", "卷.pdf", SCANNED, doc_type="行政处罚决定书", type_confidence=0.95)
    doc.text_source = source
    start = SCANNED.index(quote) if quote else None
    end = start + len(quote) if quote else None
    hit = Hit("D01" if quote else None, start, end)
    finding = make_finding(_context(doc), _rule(rule_id), hit)
    assert (finding.severity, finding.confidence) == (severity, trust)
    assert ("扫描件" in finding.message) == (trust == "review")


def test_an_unsure_hit_is_at_most_major_and_says_what_to_verify():
    doc = Document("D01", "决定.docx", DECISION, doc_type="行政处罚决定书", type_confidence=0.95)
    hit = Hit("D01", 0, 7, confidence="review", review="执法人员栏未能读出")
    finding = make_finding(_context(doc), _rule("OFF-001"), hit)
    assert (finding.severity, finding.confidence) == ("major", "review")
    assert "执法人员栏未能读出" in finding.message


def test_a_finding_names_the_parameter_it_used_and_its_source(tmp_path):
    path = generate_case(tmp_path / "case", defects=["late_service"], seed=1).path
    report = check_case(path)
    late = next(f for f in report.findings if f.rule_id == "TIME-002")
    sources = [fact.source for fact in late.basis if fact.source]
    assert any("第八十五条" in s or "第六十一条" in s for s in sources), late.basis


QUOTING = (
    "行政处罚决定书\n当事人：某某食品有限公司\n"
    "经查，当事人销售超过保质期的食品，违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。"
    "《中华人民共和国食品安全法》第一百二十四条第一款规定：“……情节严重的，吊销许可证。”\n"
    "本局决定：罚款人民币伍万元。\n"
)


def test_a_veto_never_rests_on_quoted_statute_text():
    doc = Document("D01", "决定.docx", QUOTING, doc_type="行政处罚决定书", type_confidence=0.95)
    start = QUOTING.index("吊销许可证")
    quoted = make_finding(_context(doc), _rule("HEAR-001"), Hit("D01", start, start + 5))
    assert (quoted.severity, quoted.confidence) == ("major", "review")
    assert "引用的法律条文" in quoted.message
    own = QUOTING.index("罚款人民币伍万元")
    sure = make_finding(_context(doc), _rule("HEAR-001"), Hit("D01", own, own + 8))
    assert (sure.severity, sure.confidence) == ("veto", "high")


def test_no_veto_on_the_real_decisions_rests_on_quoted_law_or_a_guessed_type(corpus_dir):
    from casecheck.casekind import surely_typed
    from casecheck.nlp.structure import quoted_spans

    checked = 0
    for path in sorted(corpus_dir.rglob("*.txt")):
        report = check_case(path)
        checked += 1
        docs = {d.id: d for d in report.documents}
        for finding in (f for f in report.findings if f.severity == "veto"):
            doc = docs.get(finding.document or "")
            if doc is None:
                continue
            assert surely_typed(doc), (path.name, finding.rule_id, doc.type_confidence)
            spans = quoted_spans(doc)
            assert not any(s <= (finding.start or -1) < e for s, e in spans), (
                path.name,
                finding.rule_id,
                finding.quote,
            )
    assert checked >= 20
