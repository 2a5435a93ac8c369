"""The findings table: one row per defect, filters, search, resizable columns, and details that
always belong to the selected finding (with every place as a link)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QHeaderView

from casecheck.model import Fact, Location


def test_severity_filter_shows_only_that_severity(window, report):
    window.load_report(report)
    panel = window.findings
    panel.severity_filter.setCurrentIndex(panel.severity_filter.findData("major"))
    assert panel.visible_ids() == ["F002", "F003", "F004"]
    panel.severity_filter.setCurrentIndex(0)
    assert len(panel.visible_ids()) == len(report.findings)


def test_document_filter_lists_documents_with_findings_and_the_whole_case(window, report):
    window.load_report(report)
    panel = window.findings
    labels = [panel.document_filter.itemText(i) for i in range(panel.document_filter.count())]
    assert labels[:2] == ["全部文书", "整个案卷"]
    assert "03 行政处罚决定书.docx" in labels
    panel.document_filter.setCurrentIndex(panel.document_filter.findData("d3"))
    assert panel.visible_ids() == ["F001", "F006"]
    panel.document_filter.setCurrentIndex(panel.document_filter.findText("整个案卷"))
    assert panel.visible_ids() == ["F003"]


def test_search_matches_title_message_and_quote(window, report):
    window.load_report(report)
    panel = window.findings
    panel.search.setText("听证")
    assert panel.visible_ids() == ["F002"]
    panel.search.setText("受送达人签收")  # the quote
    assert panel.visible_ids() == ["F005"]
    panel.search.setText("没有这个问题")
    assert panel.visible_ids() == []


def test_filtering_out_the_selected_finding_clears_the_details(window, report):
    window.load_report(report)
    panel = window.findings
    assert panel.current_finding().id == "F001"
    assert "处罚重于告知内容" in panel.details.toPlainText()
    panel.severity_filter.setCurrentIndex(panel.severity_filter.findData("hint"))
    assert panel.current_finding() is None
    assert panel.details.toPlainText() == ""


def test_moving_to_another_document_clears_a_finding_of_the_first(window, report):
    window.load_report(report)
    assert window.findings.current_finding().id == "F001"  # in d3
    window.documents.select_document("d1")
    assert window.findings.current_finding() is None
    assert window.findings.details.toPlainText() == ""
    window.findings.select_finding("F007")  # in d1: selected, and d1 stays shown
    assert window.documents.current_document_id() == "d1"
    assert "案件来源未写明编号" in window.findings.details.toPlainText()


def test_a_whole_case_finding_stays_selected_on_any_document(window, report):
    window.load_report(report)
    window.findings.select_finding("F003")
    window.documents.select_document("d2")
    assert window.findings.current_finding().id == "F003"


def test_every_column_is_resizable_and_places_do_not_take_the_width(window, report):
    window.load_report(report)
    tree = window.findings.tree
    header = tree.header()
    for column in range(header.count()):
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive
    assert header.sectionSize(0) >= header.sectionSize(2)
    header.resizeSection(2, 40)
    assert header.sectionSize(2) == 40


def test_details_show_basis_and_every_location_and_a_location_link_shows_it(window, report):
    first = report.findings[0]
    first.basis = [Fact("听证申请期限（工作日）", "5", "行政处罚法第六十四条")]
    notice = report.documents[1]
    start = notice.text.index("伍万元")
    first.locations = [
        Location(first.document, None, first.start, first.end, first.quote),
        Location(notice.id, None, start, start + 3, "伍万元"),
    ]
    window.load_report(report)
    details = window.findings.details.toPlainText()
    assert "判断依据" in details and "听证申请期限（工作日）：5" in details
    assert "全部位置（2）" in details and "02 行政处罚告知书.docx" in details
    window.findings.details.anchorClicked.emit(QUrl("location:1"))
    assert window.documents.current_document_id() == notice.id
    assert window.view.selected_span() == (start, start + 3)
    assert window.findings.current_finding() is first  # the finding stays selected


def test_the_columns_fill_the_table_without_a_horizontal_scroll(qtbot, window, report):
    window.resize(1366, 768)
    window.load_report(report)
    window.review_finding("F002", "rejected", "理由")
    qtbot.wait(50)
    tree = window.findings.tree
    total = sum(tree.columnWidth(c) for c in range(tree.columnCount()))
    assert total <= tree.viewport().width()
    assert not tree.horizontalScrollBar().isVisible()
