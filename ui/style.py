"""Colours the app uses for severities and elements (labels live in casecheck.labels), and
window sizes that fit the screen."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SEVERITY_COLORS: dict[str, str] = {
    "veto": "#b71c1c",
    "major": "#e65100",
    "minor": "#f9a825",
    "hint": "#1565c0",
}
# Light tints of the same colours, used as text backgrounds so the text stays readable.
SEVERITY_TINTS: dict[str, str] = {
    "veto": "#ffcdd2",
    "major": "#ffe0b2",
    "minor": "#fff59d",
    "hint": "#bbdefb",
}
ELEMENT_UNDERLINE = "#2e7d32"
NO_FINDING_COLOR = "#9e9e9e"


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at `width`×`height`, or at 95 % of the screen where it is smaller (1366×768 and
    scaled displays); every pane lays out to what it is given, no size is fixed."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, int(room.width() * 0.95)), min(height, int(room.height() * 0.95))
    window.resize(width, height)
