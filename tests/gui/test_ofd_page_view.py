"""The 原件 tab for an OFD document: its pages, drawn by the engine, open like a PDF's."""

from __future__ import annotations

from casecheck.model import Report
from tests.gui.test_pdf_view import ink, wait_for_page
from tests.ofd_writer import OfdSpec, Run, Seal, write_ofd
from ui.pdf_view import page_bytes


def test_an_ofd_document_opens_in_the_page_view(qtbot, window, tmp_path):
    from casecheck.engine import read_case

    pages = [
        [Run("行政处罚决定书", 60, 40, 8), Run("当事人：青禾示例食品有限公司", 25, 70)],
        [Run("二、罚款人民币伍万元整。", 25, 40), Run("青禾县市场监督管理局", 110, 90)],
    ]
    (tmp_path / "决定书.ofd").write_bytes(write_ofd(OfdSpec(pages, [Seal(1, 110, 60)])))
    case_file = read_case(tmp_path)
    (doc,) = case_file.documents
    assert page_bytes(str(tmp_path), doc).startswith(b"%PDF")
    window.load_report(Report(case_path=str(tmp_path), documents=case_file.documents))
    window.documents.select_document(doc.id)
    assert window.tabs.isTabEnabled(window.tabs.indexOf(window.pdf_pane))
    window.tabs.setCurrentWidget(window.pdf_pane)
    window.pdf_pane.show_page(2)
    wait_for_page(qtbot, window, 2)
    assert window.pdf_pane.caption.text() == "原件：决定书.ofd（第1–2页）"
    assert ink(qtbot, window.pdf_pane.view.viewport()) > 20  # a few short lines of text
    start = doc.text.index("罚款人民币")
    assert window.pdf_pane.show_quote(doc, start, start + 5) >= 1  # marked on the page
