"""The main window on a constructed Report: documents, findings, spans, not_checked, export."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor

from casecheck.model import NotChecked
from tests.gui.conftest import build_report

SPANNED = [f for f in build_report().findings if f.start is not None]


def selected_text(window) -> str:
    # Qt returns paragraph separators (U+2029) where the text has newlines.
    return window.view.textCursor().selectedText().replace("\u2029", "\n")


def test_document_list_shows_every_document_with_type(window, report):
    window.load_report(report)
    items = [window.documents.item(row).text() for row in range(window.documents.count())]
    assert len(items) == len(report.documents)
    for text, doc in zip(items, report.documents, strict=True):
        assert doc.doc_type in text
        assert doc.path.rsplit("/", 1)[-1] in text


def test_loading_opens_on_the_most_serious_finding(window, report):
    window.load_report(report)
    first = report.findings[0]
    assert window.findings.current_finding() is first
    assert window.documents.current_document_id() == first.document
    doc = next(d for d in report.documents if d.id == first.document)
    assert window.view.toPlainText() == doc.text
    assert window.windowTitle() == "案卷自查 — 青禾案"


def test_first_document_is_shown_when_there_is_no_finding(window, report):
    report.findings.clear()
    window.load_report(report)
    assert window.documents.current_document_id() == "d1"
    assert window.view.toPlainText() == report.documents[0].text


@pytest.mark.parametrize("finding", SPANNED, ids=lambda f: f.id)
def test_selecting_a_finding_selects_its_document_and_span(window, report, finding):
    window.load_report(report)
    window.findings.select_finding(finding.id)
    doc = next(d for d in report.documents if d.id == finding.document)
    assert window.documents.current_document_id() == finding.document
    assert window.view.selected_span() == (finding.start, finding.end)
    assert selected_text(window) == doc.text[finding.start : finding.end]
    details = window.findings.details.toPlainText()
    assert finding.message in details
    assert finding.quote in details
    assert (finding.legal_basis or "—") in details
    assert finding.suggestion in details


def test_finding_without_span_selects_its_document(window, report):
    window.load_report(report)
    window.findings.select_finding("F004")
    assert window.documents.current_document_id() == "d5"


def test_case_level_finding_shows_details_and_keeps_the_document(window, report):
    window.load_report(report)
    shown = window.documents.current_document_id()
    window.findings.select_finding("F003")
    assert window.documents.current_document_id() == shown
    assert "整个案卷" in window.findings.details.toPlainText()


@pytest.mark.parametrize("finding", SPANNED, ids=lambda f: f.id)
def test_clicking_in_a_highlighted_span_selects_its_finding(qtbot, window, report, finding):
    window.load_report(report)
    window.documents.select_document(finding.document)
    view = window.view
    cursor = QTextCursor(view.document())
    # One character into the span, in Qt positions (the decision has a non-BMP character).
    cursor.setPosition(view._offsets.to_qt(finding.start + 1))
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
    )
    assert window.findings.current_finding().id == finding.id


def test_clicking_plain_text_keeps_the_current_finding(qtbot, window, report):
    window.load_report(report)
    window.findings.select_finding("F007")
    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(report.documents[0].text.index("立案日期"))
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
    )
    assert window.findings.current_finding().id == "F007"


def test_findings_are_ordered_by_severity_with_title_and_severity(window, report):
    window.load_report(report)
    expected = Counter(f.severity for f in report.findings)
    assert window.findings.group_counts() == {
        s: expected[s] for s in ("veto", "major", "minor", "hint")
    }
    tree = window.findings.tree
    rows = [tree.topLevelItem(r) for r in range(tree.topLevelItemCount())]
    assert [r.text(1) for r in rows] == ["否决", "重大", "重大", "重大", "一般", "提示", "提示"]
    assert rows[0].text(0) == "处罚重于告知内容"  # the title, not the message


def test_document_badges_follow_worst_severity(window, report):
    window.load_report(report)
    tips = [window.documents.item(r).toolTip() for r in range(window.documents.count())]
    assert [t.splitlines()[-1] for t in tips] == [
        "最严重问题：提示",
        "最严重问题：重大",
        "最严重问题：否决",
        "最严重问题：一般",
        "最严重问题：重大",
    ]


def test_not_checked_entries_are_listed(window, report):
    window.load_report(report)
    entries = [
        window.findings.not_checked.item(r).text()
        for r in range(window.findings.not_checked.count())
    ]
    assert entries == ["听证通知期限（工作日）：2027年节假日安排尚未公布，无法计算工作日"]
    assert "以下内容未能检查：听证通知期限（工作日）" in window.findings.summary.text()


def test_zero_findings_never_reads_as_a_clearance(window, report):
    report.findings.clear()
    window.load_report(report)
    summary = window.findings.summary.text()
    assert summary.startswith("未发现问题，但以下内容未能检查：")
    assert "听证通知期限（工作日）" in summary
    report.not_checked.clear()
    window.load_report(report)
    assert "不代表案卷没有其他问题" in window.findings.summary.text()


def test_unreadable_document_shows_its_chinese_error(window, report):
    window.load_report(report)
    window.documents.select_document("d5")
    shown = window.view.toPlainText()
    assert shown.startswith("无法读取此文书：青禾案/05 询问笔录.docx")
    assert "文件已损坏，无法打开（不是有效的 Word 文档）" in shown


def test_export_writes_the_json_report(window, report, tmp_path):
    assert not window.export_action.isEnabled()
    window.load_report(report)
    assert window.export_action.isEnabled()
    out = tmp_path / "报告.json"
    assert window.export_json(out)
    assert json.loads(out.read_text(encoding="utf-8")) == report.to_json()
    assert "青禾果品贸易有限公司" in out.read_text(encoding="utf-8")  # not \\u escapes


def test_overview_lists_elements_citations_and_score(window, report):
    window.load_report(report)
    rows = window.overview.rows()
    assert rows[0][:3] == ["当事人", "青禾果品贸易有限公司", ""]
    kinds = [row[0] for row in rows]
    for label in ("当事人", "文号", "罚款金额", "决定日期", "执法人员", "引用条款"):
        assert label in kinds
    officer = next(row for row in rows if row[0] == "执法人员")
    assert officer[2] == "周明远（证号 33010012345）"
    citation = next(row for row in rows if row[0] == "引用条款")
    assert citation[2] == "《中华人民共和国食品安全法》第124条第1款第2项　处罚依据　有效"
    assert "评查得分：72.5 / 100" in window.overview.score_label.text()
    assert "等次：合格" in window.overview.score_label.text()


def test_overview_double_click_jumps_to_the_span(window, report):
    window.load_report(report)
    rows = window.overview.rows()
    row = next(i for i, r in enumerate(rows) if r[0] == "引用条款")
    window.tabs.setCurrentWidget(window.overview)
    window.overview.table.cellDoubleClicked.emit(row, 1)
    citation = report.citations[0]
    assert window.tabs.currentWidget() is window.view
    assert window.documents.current_document_id() == "d3"
    assert window.view.selected_span() == (citation.start, citation.end)


def test_dropping_a_folder_opens_it(window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(window, "open_path", opened.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path))])
    event = QDropEvent(
        QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    window.dropEvent(event)
    assert opened == [str(tmp_path)]


def test_a_span_is_not_marked_on_an_unreadable_document(window, report):
    window.load_report(report)
    window.show_span("d5", 0, 3)
    assert window.documents.current_document_id() == "d5"
    assert not window.view.textCursor().hasSelection()


def test_a_long_not_checked_list_is_summarised(window, report):
    report.findings.clear()
    report.not_checked = [NotChecked(f"检查{n}", "缺少文书") for n in range(1, 15)]
    window.load_report(report)
    assert window.findings.summary.text() == (
        "未发现问题，但以下内容未能检查：检查1；检查2；检查3 等 14 项（见“未能检查”）"
    )
    assert window.findings.not_checked.count() == 14


def test_status_bar_shows_the_page_of_a_paged_document(window, report):
    window.load_report(report)
    assert window.page_label.text() == ""  # .docx: no pages
    window.findings.select_finding("F005")
    assert window.page_label.text() == "第1页"
    window.documents.select_document("d1")
    assert window.page_label.text() == ""


def test_one_defect_in_several_documents_is_one_row_with_every_place(window, report):
    from casecheck.model import Location

    first = report.findings[0]
    others = [d for d in report.documents if d.id != first.document][:2]
    first.locations = [
        Location(first.document, first.page, first.start, first.end, first.quote),
        *(Location(d.id, None, 0, 4, d.text[:4]) for d in others),
    ]
    window.load_report(report)
    window.findings.select_finding(first.id)
    tree = window.findings.tree
    rows = [tree.topLevelItem(n) for n in range(tree.topLevelItemCount())]
    places = next(r.text(2) for r in rows if r.data(0, Qt.ItemDataRole.UserRole) == first.id)
    for doc in others:
        assert doc.path.rsplit("/", 1)[-1] in places
    assert all(d.path.rsplit("/", 1)[-1] in window.findings.details.toPlainText() for d in others)


def test_the_score_names_its_standard_by_title(window, report):
    from casecheck.scoring import load_standard

    report.score.standard = "generic"
    window.load_report(report)
    text = window.overview.score_label.text()
    assert f"评查标准：{load_standard('generic').title}" in text and "generic" not in text


def test_overview_has_one_row_per_value_with_its_documents(window, report):
    from casecheck.model import Document, Element

    notice = report.documents[1]
    start = notice.text.index("青禾果品贸易有限公司")
    report.elements.append(
        Element("d2", "party_name", "青禾果品贸易有限公司", "青禾果品贸易有限公司", start,
                start + 10)
    )  # fmt: skip
    report.documents.append(
        Document(id="d6", path="青禾案/06 证据清单.docx", text="1. 销售记录\n",
                 doc_type="证据清单")
    )  # fmt: skip
    report.elements += [
        Element("d6", "evidence_item", "销售记录", "销售记录", 3, 7),
        Element("d3", "evidence_item", "当事人于2025年2月20日销售", "x", 0, 5),  # not a list
    ]
    window.load_report(report)
    rows = window.overview.rows()
    parties = [row for row in rows if row[0] == "当事人"]
    assert len(parties) == 1
    assert parties[0][3] == "02 行政处罚告知书.docx、03 行政处罚决定书.docx"
    assert parties[0][4] == "2"
    assert [row[1] for row in rows if row[0] == "证据"] == ["销售记录"]
