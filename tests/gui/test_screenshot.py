"""Screenshots of the windows on the constructed case, at 1366×768 (a common office screen).

Set CASECHECK_SCREENSHOTS=docs/screenshots to refresh the README's pictures; otherwise they go
to a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from ui.style import ELEMENT_UNDERLINE

SCREEN = (1366, 768)


def colours_in(image: QImage, window: QWidget, widget: QWidget) -> set[str]:
    origin = widget.mapTo(window, widget.rect().topLeft())
    return {
        image.pixelColor(origin.x() + x, origin.y() + y).name()
        for x in range(0, widget.width(), 2)
        for y in range(0, widget.height(), 2)
    }


def save_grab(qtbot, window, name: str, tmp_path: Path) -> QImage:
    qtbot.wait(200)  # let layout and painting settle
    out = Path(os.environ.get("CASECHECK_SCREENSHOTS", tmp_path)) / name
    out.parent.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(out))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (window.width(), window.height())
    return image


def test_main_window_screenshot(qtbot, window, report, tmp_path):
    window.resize(*SCREEN)
    window.load_report(report)
    window.findings.select_finding("F002")
    image = save_grab(qtbot, window, "main-window.png", tmp_path)
    # The notice's fine amount is underlined as an extracted element.
    assert ELEMENT_UNDERLINE in colours_in(image, window, window.view.viewport())


def test_overview_screenshot(qtbot, window, tmp_path):
    from dataclasses import replace

    from casecheck.model import Finding
    from tests.gui.test_timeline import timeline_report
    from ui.timeline_chart import STATUS_COLORS

    overdue = Finding(
        "TIME-001", "deadline.overdue", "立案后超过九十日作出决定且无延期审批", "major",
        "立案日2025-09-01至决定日2025-12-10共100日，超过九十日，卷内没有延期审批",
        document="D06", id="F001", legal_basis="《中华人民共和国行政处罚法》第六十条",
        suggestion="如经批准延期，将延期审批表入卷；否则在立案之日起九十日内作出决定",
    )  # fmt: skip
    window.resize(*SCREEN)
    window.load_report(replace(timeline_report(findings=[overdue]), laws_current_to="2026-12-03"))
    window.tabs.setCurrentWidget(window.overview)
    image = save_grab(qtbot, window, "overview.png", tmp_path)
    assert len(colours_in(image, window, window.overview.table.viewport())) > 2  # text drawn
    assert STATUS_COLORS["missed"] in colours_in(image, window, window.overview.timeline)


def test_pdf_page_screenshot(qtbot, window, merged, tmp_path):
    from casecheck.model import Finding
    from tests.gui.conftest import part_of, pdf_report
    from ui.pdf_view import QUOTE_EDGE

    case, case_file = merged
    notice = part_of(case_file, "行政处罚告知书")
    start = notice.text.index("三日内")
    finding = Finding(
        "HEAR-002", "hearing.deadline", "听证申请期限告知错误", "major",
        "告知的听证申请期限为“三日内”，应为五个工作日内", document=notice.id,
        page=notice.page_at(start), start=start, end=start + 3, quote="三日内", id="F1",
        legal_basis="《中华人民共和国行政处罚法》第六十四条", suggestion="改为五个工作日内",
    )  # fmt: skip
    window.resize(*SCREEN)
    window.load_report(pdf_report(case, case_file, [finding]))
    window.findings.select_finding("F1")
    assert window.tabs.currentWidget() is window.pdf_pane
    qtbot.waitUntil(lambda: window.pdf_pane.current_page() == finding.page, timeout=5000)
    qtbot.wait(300)  # QPdfView renders the page asynchronously
    qtbot.waitUntil(lambda: bool(window.pdf_pane.view.mark_rects()), timeout=5000)
    image = save_grab(qtbot, window, "main-window-pdf.png", tmp_path)
    drawn = colours_in(image, window, window.pdf_pane.view.viewport())
    assert "#000000" in drawn
    assert QColor(QUOTE_EDGE).name() in drawn  # the quote is marked on the page


def test_trainer_screenshot(qtbot, report, tmp_path):
    from tests.gui.test_trainer import mark_text
    from ui.trainer import (
        CONTRAST_ANCHOR,
        MARK_COLOR,
        RIGHT_TINT,
        WRONG_TINT,
        Exercise,
        TrainerWindow,
    )

    trainer = TrainerWindow(folder=tmp_path)
    qtbot.addWidget(trainer)
    trainer.resize(*SCREEN)
    trainer.show()
    qtbot.waitExposed(trainer)
    quiz = trainer.quiz
    quiz.load(report)
    quiz.exercise = Exercise("练习", ("old_hearing_period",), seed=3)  # its side-by-side shows
    mark_text(quiz, "d2", "三日内")
    mark_text(quiz, "d4", "直接送达")
    mark_text(quiz, "d2", "人民币伍万元整")
    quiz.reveal()
    quiz.show_document("d2")
    quiz.results.scrollToAnchor(CONTRAST_ANCHOR)
    image = save_grab(qtbot, trainer, "trainer-quiz.png", tmp_path)
    results = colours_in(image, trainer, quiz.results.viewport())
    assert WRONG_TINT in results and RIGHT_TINT in results  # wrong beside correct wording
    mark_hue = QColor(MARK_COLOR).hue()
    drawn = [QColor(c) for c in colours_in(image, trainer, quiz.view.viewport())]
    # The trainee's marks are drawn in their colour (antialiased text: match the hue).
    assert any(abs(c.hue() - mark_hue) < 15 and c.saturation() > 100 for c in drawn)


def test_batch_window_screenshot(qtbot, report, tmp_path, monkeypatch):
    import copy

    from tests.gui.test_batch import _summary
    from ui.batch_window import BatchWindow
    from ui.settings_dialog import CheckSettings

    batch = BatchWindow(CheckSettings())
    qtbot.addWidget(batch)
    batch.resize(*SCREEN)
    batch.show()
    qtbot.waitExposed(batch)
    for n, name in enumerate(("青禾案", "东川商贸案", "禾丰食品案")):
        case = copy.deepcopy(report)
        case.findings = case.findings[n:]
        batch.add_result(_summary(name, case))
    image = save_grab(qtbot, batch, "batch-window.png", tmp_path)
    assert len(colours_in(image, batch, batch.table.viewport())) > 2
    assert batch.table.rowCount() == 3
