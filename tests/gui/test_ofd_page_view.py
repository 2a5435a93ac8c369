"""The 原件 tab for an OFD document: its pages, drawn by the engine off the GUI thread, open like
a PDF's; a quote asked for while they are drawn is marked once they are."""

from __future__ import annotations

from casecheck.model import Report
from tests.gui.test_pdf_view import ink, wait_for_page
from tests.ofd_writer import OfdSpec, Run, Seal, write_ofd
from ui.pdf_view import DRAWING


def test_an_ofd_document_opens_in_the_page_view(qtbot, window, tmp_path):
    from casecheck.engine import read_case

    pages = [
        [Run("行政处罚决定书", 60, 40, 8), Run("当事人：青禾示例食品有限公司", 25, 70)],
        [Run("二、罚款人民币伍万元整。", 25, 40), Run("青禾县市场监督管理局", 110, 90)],
    ]
    (tmp_path / "决定书.ofd").write_bytes(write_ofd(OfdSpec(pages, [Seal(1, 110, 60)])))
    case_file = read_case(tmp_path)
    (doc,) = case_file.documents
    window.load_report(Report(case_path=str(tmp_path), documents=case_file.documents))
    window.tabs.setCurrentWidget(window.pdf_pane)
    window.documents.select_document(doc.id)
    pane = window.pdf_pane
    # The GUI thread has not waited for the drawing: it is still under way.
    assert pane.drawing() and pane.caption.text() == f"原件：决定书.ofd（第1–2页）{DRAWING}"
    assert window.tabs.isTabEnabled(window.tabs.indexOf(pane))
    start = doc.text.index("罚款人民币")
    assert pane.show_quote(doc, start, start + 5) == 0  # asked for before the pages exist
    qtbot.waitUntil(lambda: not pane.drawing(), timeout=10000)
    wait_for_page(qtbot, window, 2)  # the quote's page, once drawn
    assert pane.caption.text() == "原件：决定书.ofd（第1–2页）"
    assert pane.view.marks and list(pane.view.marks) == [1]
    assert ink(qtbot, pane.view.viewport()) > 20  # a few short lines of text
    assert pane.show_quote(doc, start, start + 5) >= 1  # marked on the page


def test_an_ofd_file_drawn_once_is_shown_again_at_once(qtbot, window, tmp_path):
    from casecheck.engine import read_case

    (tmp_path / "a.ofd").write_bytes(write_ofd(OfdSpec([[Run("行政处罚决定书", 60, 40, 8)]])))
    (tmp_path / "b.txt").write_text("询问笔录\n被询问人：张三", "utf-8")
    case_file = read_case(tmp_path)
    ofd, txt = sorted(case_file.documents, key=lambda d: d.path)
    window.load_report(Report(case_path=str(tmp_path), documents=case_file.documents))
    pane = window.pdf_pane
    assert pane.show_document(str(tmp_path), ofd) and pane.drawing()
    qtbot.waitUntil(lambda: not pane.drawing(), timeout=10000)
    assert not pane.show_document(str(tmp_path), txt)  # no pages: the view is cleared
    assert pane.show_document(str(tmp_path), ofd) and not pane.drawing()
    assert pane.caption.text() == "原件：a.ofd（第1页）"
