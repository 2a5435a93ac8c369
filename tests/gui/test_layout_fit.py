"""The windows fit common screens: 1366×768 and 150 % scaling of it (911×512 logical pixels),
no pane is cut off, and the splitters keep the positions the user left."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from ui.settings_dialog import CheckSettings

ROOT = Path(__file__).resolve().parents[2]
# the room a window has on a 1366×768 screen (minus a taskbar) at 100 % and at 150 %
SCREENS = {"1366x768": (1366, 728), "150%": (911, 485)}


def panes_fit(window: QWidget, panes: dict[str, QWidget]) -> list[str]:
    """The panes that are not wholly inside the window or are squeezed below their minimum."""
    bad = []
    inside = QRect(0, 0, window.width(), window.height())
    for name, pane in panes.items():
        place = QRect(pane.mapTo(window, pane.rect().topLeft()), pane.size())
        if not pane.isVisible() or not inside.contains(place):
            bad.append(f"{name} {place} outside {inside}")
        elif pane.width() < min(pane.minimumSizeHint().width(), 60) or pane.height() < min(
            pane.minimumSizeHint().height(), 40
        ):
            bad.append(f"{name} squeezed to {pane.size()}")
    return bad


def main_panes(window) -> dict[str, QWidget]:
    return {
        "documents": window.documents,
        "text": window.tabs,
        "findings table": window.findings.tree,
        "finding details": window.findings.details,
        "review buttons": window.findings.review_buttons["noted"],
        "search": window.findings.search,
        "status bar": window.statusBar(),
    }


def make_trainer(window):
    from ui.trainer import TrainerWindow

    return TrainerWindow(window), lambda t: {"trainer": t.centralWidget()}


def make_batch(window):
    from ui.batch_window import BatchWindow

    batch = BatchWindow(CheckSettings(), window)
    return batch, lambda b: {"batch": b.centralWidget() or b}


@pytest.mark.parametrize("screen", SCREENS)
def test_main_window_fits_with_every_pane_visible(qtbot, window, report, screen):
    window.load_report(report)
    width, height = SCREENS[screen]
    window.resize(width, height)
    qtbot.wait(50)
    assert window.minimumSizeHint().width() <= width
    assert window.minimumSizeHint().height() <= height
    assert (window.width(), window.height()) == (width, height)
    assert panes_fit(window, main_panes(window)) == []


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("make", [make_trainer, make_batch], ids=["trainer", "batch"])
def test_trainer_and_batch_windows_fit(qtbot, window, screen, make):
    other, panes = make(window)
    qtbot.addWidget(other)
    other.show()
    width, height = SCREENS[screen]
    other.resize(width, height)
    qtbot.wait(50)
    assert (other.width(), other.height()) == (width, height)
    assert panes_fit(other, panes(other)) == []


def test_splitter_positions_are_remembered(qtbot, tmp_path, report):
    from ui.main_window import MainWindow

    store = tmp_path / "layout.ini"
    first = MainWindow(QSettings(str(store), QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.resize(1300, 700)
    first.show()
    first.splitter.setSizes([400, 500, 400])
    wanted = first.splitter.sizes()
    first.close()
    again = MainWindow(QSettings(str(store), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.resize(1300, 700)
    again.show()
    qtbot.wait(50)
    assert again.splitter.sizes() == wanted


SCREEN = '{"screens": [{"name": "s", "x": 0, "y": 0, "width": 1366, "height": 768}]}'
SCALED = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tests.gui.conftest import build_report
from ui.main_window import MainWindow
window = MainWindow()
window.load_report(build_report())
window.show()
app.processEvents()
room = window.screen().availableGeometry()
frame = window.frameGeometry()
print(app.devicePixelRatio(), room.width(), room.height(), frame.width(), frame.height())
"""


@pytest.mark.slow
def test_main_window_fits_a_1366x768_screen_at_150_percent(tmp_path):
    (tmp_path / "screen.json").write_text(SCREEN)
    platform = f"offscreen:configfile={tmp_path / 'screen.json'}"
    env = dict(os.environ, QT_QPA_PLATFORM=platform, QT_SCALE_FACTOR="1.5",
               PYTHONPATH=str(ROOT), CASECHECK_DATA_DIR=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path))  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", SCALED], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=120, check=True,
    ).stdout.split()  # fmt: skip
    ratio, room_w, room_h, frame_w, frame_h = float(out[0]), *map(int, out[1:])
    assert (ratio, room_w, room_h) == (1.5, 911, 512)
    assert frame_w <= room_w and frame_h <= room_h


def test_no_fixed_window_size():
    assert QApplication.instance() is not None
    for name in ("main_window", "trainer", "batch_window", "findings_panel"):
        text = (ROOT / "ui" / f"{name}.py").read_text(encoding="utf-8")
        assert "setFixedSize" not in text and "setFixedWidth" not in text
