"""The JSON report validates against the shipped schema, and the text report never calls an
unchecked case file 合格."""

from __future__ import annotations

import dataclasses
import io
import json

import jsonschema
import pytest
from rich.console import Console

from casecheck.model import (
    Citation,
    Document,
    Element,
    Finding,
    NotChecked,
    Page,
    Report,
    Score,
)
from casecheck.report import render_text, report_schema, write_json
from casecheck.report.text_report import conclusion


def _report(findings: list[Finding], not_checked: list[NotChecked]) -> Report:
    decision = Document(
        id="D01",
        path="05行政处罚决定书.pdf",
        text="某区市场监督管理局\n行政处罚决定书\n某市监罚〔2025〕12号\n当事人：某某食品有限公司",
        pages=[Page(1, 0, 48)],
        doc_type="行政处罚决定书",
        type_confidence=0.95,
    )
    broken = Document(id="D02", path="06送达回证.docx", errors=["Word 文件已损坏或不完整"])
    return Report(
        case_path="/cases/某案",
        tool_version="0.1.0",
        documents=[decision, broken],
        elements=[
            Element("D01", "doc_number", "某市监罚〔2025〕12号", "某市监罚〔2025〕12号", 17, 31, 1)
        ],
        citations=[Citation("D01", "中华人民共和国行政处罚法", "《行政处罚法》第三十一条", 31)],
        findings=findings,
        not_checked=not_checked,
    )


def _finding(severity: str) -> Finding:
    return Finding(
        rule_id="CITE-003",
        defect_class="citation.outdated",
        title="沿用旧条文序号",
        severity=severity,  # type: ignore[arg-type]
        message="2021年7月15日后仍引用旧《行政处罚法》第三十一条",
        legal_basis="《中华人民共和国行政处罚法》第四十四条",
        suggestion="改为第四十四条",
        document="D01",
        page=1,
        start=17,
        end=31,
        quote="某市监罚〔2025〕12号",
        deduction=[1, 3],
        id="F001",
    )


def test_json_report_validates_against_shipped_schema():
    report = _report([_finding("major")], [NotChecked("扫描件", "需要 OCR")])
    out = io.StringIO()
    write_json(report, out)
    data = json.loads(out.getvalue())
    jsonschema.validate(data, report_schema())
    assert data["documents"][1]["errors"] == ["Word 文件已损坏或不完整"]
    assert data["findings"][0]["class"] == "citation.outdated"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("not_checked"),
        lambda d: d["findings"][0].update(severity="fatal"),
        lambda d: d["findings"][0].update({"class": "made.up"}),
        lambda d: d["documents"][0].update(text_source="scan"),
        lambda d: d["citations"][0].update(role="basis"),
        lambda d: d["laws"].update(current_to="2026-12"),
        lambda d: d["laws"].pop("notes"),
    ],
)
def test_schema_rejects_broken_reports(mutate):
    data = _report([_finding("major")], []).to_json()
    mutate(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, report_schema())


def test_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(report_schema())


def test_no_findings_is_not_a_clearance():
    text = conclusion(_report([], [NotChecked("听证程序", "卷内无听证文书")]))
    assert "不等于案卷合格" in text and "1 项内容未能检查" in text
    assert "合格" not in text.replace("不等于案卷合格", "")


def test_text_report_shows_findings_elements_and_gaps():
    report = _report([_finding("veto")], [NotChecked("扫描件", "第2页需要 OCR")])
    report.score = Score("generic", 100, 0, "不合格", True, ["F001"])
    buffer = io.StringIO()
    render_text(report, Console(file=buffer, width=120, no_color=True))
    text = buffer.getvalue()
    for expected in (
        "否决",
        "CITE-003",
        "某市监罚〔2025〕12号",
        "第2页需要 OCR",
        "文号",
        "06送达回证.docx",
        "未核验",
        "否决级问题",
        "评查得分：0 / 100，等次：不合格",
        "一票否决：F001",
    ):
        assert expected in text


def test_reports_state_the_law_facts_date_and_why_a_citation_is_unchecked():
    report = _report([], [])
    report.laws_current_to = "2026-12-03"
    report.law_notes = ["决定日期2027-01-05晚于法律数据日期2026-12-03：此后修改的法律未收录"]
    note = "未核对（该法在法律数据日期之后有修改）：示例"
    report.citations = [dataclasses.replace(report.citations[0], note=note)]
    data = report.to_json()
    jsonschema.validate(data, report_schema())
    assert data["laws"]["current_to"] == "2026-12-03"
    assert Report.from_json(data).law_notes == report.law_notes
    buffer = io.StringIO()
    render_text(report, Console(file=buffer, width=200, no_color=True))
    text = buffer.getvalue()
    assert "法律数据截至 2026-12-03；决定日期2027-01-05晚于法律数据日期" in text
    assert "未核对（该法在法律数据日期之后有修改）" in text


def test_a_report_shown_or_read_back_keeps_each_documents_page_and_character_counts():
    """The terminal shows the report copy made safe to show (read back from its JSON, without
    the documents' text): the decision's 1 page and 44 characters, not 0."""
    from casecheck.outputs import shown

    report = _report([], [])
    again = Report.from_json(json.loads(json.dumps(report.to_json(), ensure_ascii=False)))
    assert [(d.page_count, d.chars) for d in again.documents] == [(1, 44), (0, 0)]
    assert again.to_json()["documents"] == report.to_json()["documents"]
    buffer = io.StringIO()
    render_text(shown(report), Console(file=buffer, width=200, no_color=True))
    row = next(line for line in buffer.getvalue().splitlines() if "05行政处罚决定书.pdf" in line)
    assert [cell.strip() for cell in row.split("│")][5:7] == ["1", "44"]
