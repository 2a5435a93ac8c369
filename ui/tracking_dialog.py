"""整改复查: the findings of the earlier check that are gone (已整改), that remain (仍存在) and
that are new (新发现) on the corrected case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from casecheck.labels import SEVERITY_LABELS
from ui.style import fit_to_screen

if TYPE_CHECKING:
    from casecheck.model import Finding

SECTIONS = ("已整改", "仍存在", "新发现")


def finding_line(finding: Finding) -> str:
    return f"[{SEVERITY_LABELS[finding.severity]}] {finding.title}：{finding.message}"


class TrackingDialog(QDialog):
    """Shows a `casecheck.review.Tracking`; `lists[section]` holds each section's lines."""

    def __init__(self, tracking, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("整改复查")
        fit_to_screen(self, 720, 560)
        groups = (
            tracking.fixed,
            [new for _old, new in tracking.remaining],
            tracking.new,
        )
        total = len(tracking.fixed) + len(tracking.remaining)
        head = QLabel(
            f"原有问题 {total} 个：已整改 {len(tracking.fixed)} 个，仍存在 "
            f"{len(tracking.remaining)} 个；新发现问题 {len(tracking.new)} 个。"
        )
        head.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        self.lists: dict[str, QListWidget] = {}
        for section, findings in zip(SECTIONS, groups, strict=True):
            box = QGroupBox(f"{section}（{len(findings)}）")
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(4, 4, 4, 4)
            entries = QListWidget()
            entries.setWordWrap(True)
            entries.addItems([finding_line(f) for f in findings] or ["（无）"])
            box_layout.addWidget(entries)
            layout.addWidget(box, 1)
            self.lists[section] = entries
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def lines(self, section: str) -> list[str]:
        entries = self.lists[section]
        return [entries.item(row).text() for row in range(entries.count())]
