"""The 原件 tab on a generated multi-document PDF: each part opens at its pages of the file."""

from __future__ import annotations

import zipfile
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from casecheck.model import Document, Finding, Page, Report
from tests.gui.conftest import part_of, pdf_report
from ui.pdf_view import first_page, source_bytes


def wait_for_page(qtbot, window, page: int) -> None:
    qtbot.waitUntil(lambda: window.pdf_pane.current_page() == page, timeout=5000)


def ink(qtbot, widget) -> int:
    """Dark pixels in the rendered viewport (QPdfView paints asynchronously)."""
    qtbot.wait(300)
    image: QImage = widget.grab().toImage()
    return sum(
        image.pixelColor(x, y).lightness() < 100
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )


def test_the_engine_split_the_file_into_parts_with_file_pages(merged):
    _case, case_file = merged
    assert len(case_file.documents) > 5
    starts = [d.source_pages[0] for d in case_file.documents]
    assert starts == sorted(starts) and starts[0] == 1 and starts[-1] > 1


def test_selecting_a_part_opens_the_pdf_at_its_first_page(qtbot, window, merged):
    case, case_file = merged
    window.load_report(pdf_report(case, case_file))
    decision = part_of(case_file, "行政处罚决定书")
    window.documents.select_document(decision.id)
    window.tabs.setCurrentWidget(window.pdf_pane)
    wait_for_page(qtbot, window, decision.source_pages[0])
    first, last = decision.source_pages
    span = f"第{first}页" if first == last else f"第{first}–{last}页"
    assert window.pdf_pane.caption.text() == f"原件：{case.path.name}（{span}）"
    assert ink(qtbot, window.pdf_pane.view.viewport()) > 50  # the page is drawn, not blank


def test_a_finding_jumps_to_its_page_and_stays_on_the_pdf_tab(qtbot, window, merged):
    case, case_file = merged
    notice = part_of(case_file, "行政处罚告知书")
    quote = "三日内"
    start = notice.text.index(quote)
    page = notice.page_at(start)
    finding = Finding(
        "HEAR-002", "hearing.deadline", "听证申请期限告知错误", "major", "期限应为五个工作日",
        document=notice.id, page=page, start=start, end=start + len(quote), quote=quote, id="F1",
    )  # fmt: skip
    window.load_report(pdf_report(case, case_file, [finding]))
    window.tabs.setCurrentWidget(window.pdf_pane)
    window.findings.select_finding("F1")
    assert window.tabs.currentWidget() is window.pdf_pane
    wait_for_page(qtbot, window, page)
    assert window.view.selected_span() == (finding.start, finding.end)  # the text follows too
    assert window.page_label.text() == f"第{page}页"


def test_the_pdf_tab_is_disabled_for_a_word_document(window, report):
    window.load_report(report)
    index = window.tabs.indexOf(window.pdf_pane)
    window.documents.select_document("d3")  # .docx: no pages
    assert not window.tabs.isTabEnabled(index)
    assert window.pdf_pane.caption.text() == "此文书不是 PDF，没有原件页面可显示。"
    assert window.tabs.currentWidget() is window.view


def test_a_missing_source_file_gets_a_chinese_message(window, report):
    window.load_report(report)  # d4 is a .pdf of a case folder that does not exist here
    window.documents.select_document("d4")
    assert not window.tabs.isTabEnabled(window.tabs.indexOf(window.pdf_pane))
    assert window.pdf_pane.caption.text().startswith("无法打开原件：青禾案/04 送达回证.pdf")


def test_source_bytes_reads_folder_zip_and_single_file(tmp_path):
    folder = tmp_path / "案卷"
    (folder / "证据").mkdir(parents=True)
    (folder / "证据" / "笔录.pdf").write_bytes(b"%PDF-folder")
    archive = tmp_path / "案卷.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("证据/笔录.pdf", b"%PDF-zip")
    single = tmp_path / "决定书.pdf"
    single.write_bytes(b"%PDF-single")
    doc = Document(id="D01", path="证据/笔录.pdf", pages=[Page(1, 0, 0)])
    assert source_bytes(str(folder), doc) == b"%PDF-folder"
    assert source_bytes(str(archive), doc) == b"%PDF-zip"
    assert source_bytes(str(single), Document(id="D01", path="决定书.pdf")) == b"%PDF-single"
    assert source_bytes(str(tmp_path / "无此目录"), doc) is None
    assert source_bytes(str(archive), Document(id="D02", path="不存在.pdf")) is None


def test_first_page_of_a_part_is_its_page_in_the_file():
    pages = [Page(7, 0, 10), Page(8, 10, 20)]
    assert first_page(Document(id="a", path="x.pdf", pages=pages, source_pages=(7, 8))) == 7
    assert first_page(Document(id="b", path="y.pdf", pages=[Page(1, 0, 5)])) == 1


def decision_finding(case_file, quote_at_line_end: bool = False) -> tuple[Document, Finding]:
    """A finding on the decision's penalty basis, on the part's second page in the file."""
    decision = part_of(case_file, "行政处罚决定书")
    second = decision.pages[1]
    start = second.start + 20
    finding = Finding(
        "PEN-001", "penalty.basis", "处罚依据引用不准确", "major", "处罚依据应引至项",
        document=decision.id, page=second.number, start=start, end=start + 12,
        quote=decision.text[start : start + 12], id="F1",
    )  # fmt: skip
    return decision, finding


def dark_pixels(image: QImage, rect) -> int:
    return sum(
        image.pixelColor(x, y).lightness() < 110
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def marks_on_screen(qtbot, window) -> list:
    view = window.pdf_pane.view
    qtbot.waitUntil(lambda: bool(view.mark_rects()), timeout=5000)
    return [rect for _page, rect in view.mark_rects()]


def test_picking_a_pdf_finding_shows_the_original_with_its_quote_marked(qtbot, window, merged):
    case, case_file = merged
    _decision, finding = decision_finding(case_file)
    window.load_report(pdf_report(case, case_file, [finding]))  # picks its first finding
    assert window.tabs.currentWidget() is window.pdf_pane  # the original, not the text
    wait_for_page(qtbot, window, finding.page)
    view = window.pdf_pane.view
    assert list(view.marks) == [finding.page - 1]
    rects = marks_on_screen(qtbot, window)
    viewport = view.viewport().rect()
    qtbot.wait(400)  # QPdfView renders pages asynchronously
    image = view.viewport().grab().toImage()
    for rect in rects:
        assert viewport.contains(rect.toAlignedRect())  # scrolled into view
        # The glyphs of the quote are drawn inside the mark, not above or below it: the
        # layout matches QPdfView's.
        box = rect.toAlignedRect()
        strip = max(box.height() * 2 // 5, 2)
        inside = dark_pixels(image, box)
        around = dark_pixels(image, box.adjusted(0, -strip, 0, -box.height())) + dark_pixels(
            image, box.adjusted(0, box.height(), 0, strip)
        )
        assert inside > box.width() * box.height() // 20
        assert inside > 4 * around
    # The tint shows where the page is white between the glyphs.
    centre = rects[0].center().toPoint()
    colours = {
        image.pixelColor(x, centre.y()).name()
        for x in range(int(rects[0].left()) + 2, int(rects[0].right()) - 2)
    }
    assert any(
        c not in ("#ffffff", "#000000") and QColor(c).red() > QColor(c).blue() + 40 for c in colours
    )


def test_picking_the_same_finding_again_scrolls_back_to_it(qtbot, window, merged):
    case, case_file = merged
    _decision, finding = decision_finding(case_file)
    window.load_report(pdf_report(case, case_file, [finding]))
    window.findings.select_finding("F1")
    first = marks_on_screen(qtbot, window)[0]
    bar = window.pdf_pane.view.verticalScrollBar()
    bar.setValue(0)  # the user scrolls to the top of the file, then reads the text
    window.tabs.setCurrentWidget(window.view)
    qtbot.waitUntil(lambda: window.pdf_pane.current_page() == 1, timeout=5000)
    assert (
        not window.pdf_pane.view.viewport()
        .rect()
        .intersects(window.pdf_pane.view.mark_rects()[0][1].toAlignedRect())
    )
    tree = window.findings.tree
    row = tree.visualItemRect(tree.topLevelItem(0)).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert window.tabs.currentWidget() is window.pdf_pane
    wait_for_page(qtbot, window, finding.page)
    again = marks_on_screen(qtbot, window)[0]
    assert abs(again.top() - first.top()) < 2  # the same place in the view as the first time


def test_a_finding_on_a_page_read_by_ocr_goes_to_the_page_without_marks(qtbot, window, merged):
    case, case_file = merged
    decision, finding = decision_finding(case_file)
    scanned = replace(decision, pages=[replace(p, text_source="ocr") for p in decision.pages])
    documents = [scanned if d is decision else d for d in case_file.documents]
    report = Report(case_path=str(case.path), documents=documents, findings=[finding])
    window.load_report(report)
    window.findings.select_finding("F1")
    assert window.tabs.currentWidget() is window.pdf_pane
    wait_for_page(qtbot, window, finding.page)
    assert window.pdf_pane.view.mark_rects() == []


def test_findings_in_parts_of_a_merged_pdf_name_the_part_and_its_pages(window, merged):
    case, case_file = merged
    decision, finding = decision_finding(case_file)
    notice = part_of(case_file, "行政处罚告知书")
    start = notice.text.index("三日内")
    second = Finding(
        "HEAR-002", "hearing.deadline", "听证申请期限告知错误", "major", "期限应为五个工作日",
        document=notice.id, page=notice.page_at(start), start=start, end=start + 3,
        quote="三日内", id="F2",
    )  # fmt: skip
    window.load_report(pdf_report(case, case_file, [finding, second]))
    first, last = decision.source_pages
    name = case.path.name
    rows = {
        window.findings.tree.topLevelItem(r).text(0): window.findings.tree.topLevelItem(r).text(2)
        for r in range(window.findings.tree.topLevelItemCount())
    }
    assert rows["处罚依据引用不准确"] == f"{name} › 行政处罚决定书（第{first}–{last}页） 第{last}页"
    # a one-page part: its page is said once
    assert (
        rows["听证申请期限告知错误"] == f"{name} › 行政处罚告知书（第{notice.source_pages[0]}页）"
    )
    window.findings.select_finding("F2")
    assert f"{name} › 行政处罚告知书（第{notice.source_pages[0]}页）" in (
        window.findings.details.toPlainText()
    )
    filters = [
        window.findings.document_filter.itemText(i)
        for i in range(window.findings.document_filter.count())
    ]
    assert f"{name} › 行政处罚决定书（第{first}–{last}页）" in filters
