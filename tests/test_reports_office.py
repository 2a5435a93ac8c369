"""The Excel 评查表, the Word 评查报告 and the commented copies, opened back with openpyxl and
python-docx."""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from casecheck import check_case
from casecheck.batch_cli import run_exports
from casecheck.ingest.docx_reader import read_docx
from casecheck.model import Finding
from casecheck.report.commented import (
    OutputInsideCase,
    add_finding_comment,
    write_commented_copies,
)
from casecheck.report.docx_report import write_case_docx
from casecheck.report.xlsx_report import CASE_COLUMNS, HEADER_ROW, write_xlsx
from casecheck.samples import generate_case
from casecheck.scoring import assess

DEFECTS = ("wrong_remedy_period", "inconsistent_party_name", "short_hearing_notice")


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    root = tmp_path_factory.mktemp("office")
    generated = generate_case(root / "case", defects=DEFECTS, seed=4)
    report = check_case(generated.path)
    return generated.path, report, assess(report, "generic")


@pytest.fixture(scope="module")
def vetoed(tmp_path_factory):
    generated = generate_case(tmp_path_factory.mktemp("veto") / "veto", defects=["no_seal"], seed=9)
    report = check_case(generated.path)
    return report, assess(report, "generic")


def _rows(sheet) -> dict[str, tuple]:
    """Table rows of a case sheet keyed by 序号."""
    return {
        str(row[0]): row
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
        if row[0] is not None
    }


def test_case_sheet_holds_items_deductions_and_opinions(case, tmp_path):
    _, report, assessment = case
    book = openpyxl.load_workbook(write_xlsx([(report, assessment)], tmp_path / "t.xlsx"))
    sheet = book.active
    header = next(sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True))
    assert header == CASE_COLUMNS
    rows = _rows(sheet)
    remedy = next(f for f in report.findings if f.rule_id == "REM-001")
    g08 = rows["G08"]
    assert (g08[2], g08[4], g08[5]) == (10, 2, 8)
    assert remedy.id in g08[6] and remedy.message in g08[6]
    assert "幅度1–5分" in rows["G05"][6]  # the ranged hearing deduction is flagged
    assert all(rows[v.id][7] == "否" for v in assessment.standard.veto_items)
    total = rows["合计"]
    assert (total[2], total[5], total[6]) == (100, assessment.score.score, "优秀")
    assert total[5] == 100 - total[4] == 100 - 2 - 2 - 1


def test_veto_is_marked_in_its_own_column(vetoed, tmp_path):
    rows = _rows(openpyxl.load_workbook(write_xlsx([vetoed], tmp_path / "v.xlsx")).active)
    assert rows["V8"][7] == "是" and "决定书未见决定机关印章" in rows["V8"][6]
    assert (rows["合计"][5], rows["合计"][6], rows["合计"][7]) == (0, "不合格", "是")


def test_batch_workbook_has_a_summary_sheet(case, vetoed, tmp_path):
    book = openpyxl.load_workbook(write_xlsx([case[1:], vetoed], tmp_path / "b.xlsx"))
    assert book.sheetnames[0] == "汇总" and len(book.sheetnames) == 3
    summary = list(book["汇总"].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert [(r[4], r[5], r[6], r[7]) for r in summary] == [
        (95, "优秀", "否", "需人工复核"),
        (0, "不合格", "是", "不合格"),
    ]


def test_word_report_has_its_sections_and_chinese_fonts(case, tmp_path):
    _, report, assessment = case
    word = docx.Document(str(write_case_docx(report, assessment, tmp_path / "r.docx")))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == [
        "一、案卷概况",
        "二、评查结论",
        "三、否决事项",
        "四、发现的问题（按办案环节）",
        "五、办案时间线",
        "六、未能检查的内容",
    ]
    text = "\n".join(p.text for p in word.paragraphs)
    assert "得分：95分（满分100分）；等次：优秀；分流：需人工复核" in text
    remedy = next(f for f in report.findings if f.rule_id == "REM-001")
    assert f"【决定】{remedy.id} {remedy.title}" in text
    assert "扣分依据：G08 行政处罚决定书，扣2分" in text
    assert f"整改意见：{remedy.suggestion}" in text and f"法律依据：{remedy.legal_basis}" in text
    assert "未发现命中否决项的问题" in text
    assert len(word.tables[1].rows) == len(report.timeline) + 1
    fonts = word.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋"


def test_word_report_gives_veto_reasons(vetoed, tmp_path):
    word = docx.Document(str(write_case_docx(*vetoed, tmp_path / "v.docx")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "处罚决定书未加盖决定机关印章：F001" in text
    assert "等次：不合格" in text


def _comment_ranges(path: Path) -> dict[int, str]:
    """Comment id → the text between its range start and end."""
    xml = docx.Document(str(path)).element.body.xml
    pattern = r'commentRangeStart w:id="(\d+)"/>(.*?)<w:commentRangeEnd w:id="\1"'
    return {
        int(m[1]): "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", m[2]))
        for m in re.finditer(pattern, xml, re.S)
    }


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_commented_copies_anchor_each_finding_at_its_quote(case, tmp_path):
    path, report, _ = case
    before = _digest(path)
    written = write_commented_copies(report, tmp_path / "commented")
    assert _digest(path) == before  # the originals are untouched
    docs = {d.id: d for d in report.documents}
    with_quote = [f for f in report.findings if f.quote and f.document]
    assert len(written) == len({f.document for f in with_quote})
    for finding in with_quote:
        stem = Path(docs[finding.document].path).stem
        copy = tmp_path / "commented" / f"{stem}（批注）.docx"
        comments = {c.comment_id: c.text for c in docx.Document(str(copy)).comments}
        ranges = _comment_ranges(copy)
        anchored = [i for i, text in comments.items() if text.startswith(finding.id)]
        assert len(anchored) == 1
        assert ranges[anchored[0]] == finding.quote
        assert finding.message in comments[anchored[0]]


def test_commented_copies_refuse_an_output_folder_inside_the_case(case):
    path, report, _ = case
    with pytest.raises(OutputInsideCase, match="不能位于案卷文件夹内"):
        write_commented_copies(report, path / "批注")


def _word_bytes(*paragraphs: list[tuple[str, bool]]) -> bytes:
    word = docx.Document()
    for runs in paragraphs:
        paragraph = word.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "罚款金额"
    table.cell(0, 1).text = "人民币 伍万元整"
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# (quote in the normalised text, the source text the comment must cover): across runs, inside
# a run, across source spaces that normalisation removed, and in a table cell.
ANCHORS = [
    ("期限为三个月", "期限为三个月"),
    ("三个", "三个"),
    ("为6个月", "为 6 个月"),
    ("伍万元", "伍万元"),
]


@pytest.mark.parametrize(("quote", "anchored"), ANCHORS)
def test_comment_spans_are_cut_to_the_quote(quote, anchored):
    data = _word_bytes(
        [("起诉", False), ("期限为三", True), ("个月，自收到之日起", False)],
        [("复议期限为 6 个月", False)],
    )
    doc = read_docx("x.docx", data)
    start = doc.text.index(quote)
    word = docx.Document(io.BytesIO(data))
    finding = Finding("T-1", "remedy.incorrect", "测试", "major", "消息", id="F001")
    finding.document, finding.start, finding.end = "D", start, start + len(quote)
    finding.quote = quote
    add_finding_comment(word, doc, finding)
    xml = word.element.body.xml
    match = re.search(r'commentRangeStart w:id="0"/>(.*?)<w:commentRangeEnd w:id="0"', xml, re.S)
    assert match is not None
    assert "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", match[1])) == anchored
    assert word.comments.get(0).text.startswith("F001 测试")


def test_check_export_options_write_the_files(case, tmp_path):
    path, report, _ = case
    report = copy.deepcopy(report)  # scored again under another standard
    args = argparse.Namespace(
        docx=tmp_path / "r.docx", xlsx=tmp_path / "t.xlsx", commented=None, standard="henan"
    )
    assert run_exports(report, args) == 0
    assert args.docx.is_file() and args.xlsx.is_file()
    assert "河南式" in openpyxl.load_workbook(args.xlsx).active["A2"].value
    inside = argparse.Namespace(docx=None, xlsx=None, commented=path / "批注", standard="")
    assert run_exports(report, inside) == 2
    assert not (path / "批注").exists()


def test_a_large_batch_gets_a_streamed_summary_sheet(case, vetoed, tmp_path):
    from casecheck.batch_stats import summarise
    from casecheck.report.xlsx_report import write_summary_xlsx

    rows = [
        summarise(f"案{n}", tmp_path / f"{n}.json", *pair)
        for n, pair in enumerate([case[1:], vetoed])
    ]
    book = openpyxl.load_workbook(write_summary_xlsx(rows, tmp_path / "s.xlsx", "只汇总"))
    assert book.sheetnames == ["汇总"] and book["汇总"]["A2"].value == "只汇总"
    summary = list(book["汇总"].iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert [(r[4], r[5], r[6], r[7]) for r in summary] == [
        (95, "优秀", "否", "需人工复核"),
        (0, "不合格", "是", "不合格"),
    ]
