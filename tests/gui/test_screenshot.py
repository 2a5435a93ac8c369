"""Screenshots of the main window on the constructed case.

Set CASECHECK_SCREENSHOTS=docs/screenshots to refresh the README's pictures; otherwise they go
to a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from ui.style import ELEMENT_UNDERLINE


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
    window.resize(1360, 820)
    window.load_report(report)
    window.findings.select_finding("F002")
    image = save_grab(qtbot, window, "main-window.png", tmp_path)
    # The notice's fine amount is underlined as an extracted element.
    assert ELEMENT_UNDERLINE in colours_in(image, window, window.view.viewport())


def test_overview_screenshot(qtbot, window, report, tmp_path):
    window.resize(1360, 820)
    window.load_report(report)
    window.tabs.setCurrentWidget(window.overview)
    image = save_grab(qtbot, window, "overview.png", tmp_path)
    assert len(colours_in(image, window, window.overview.table.viewport())) > 2  # text drawn
