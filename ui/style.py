"""Colours the app uses for severities and elements (labels live in casecheck.labels)."""

from __future__ import annotations

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
