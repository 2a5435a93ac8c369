"""The right pane: findings grouped by severity, the selected finding's details, and what
could not be checked."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casecheck.labels import SEVERITY_LABELS, basis_text, places_text
from ui.document_list import severity_badge
from ui.style import SEVERITY_COLORS

if TYPE_CHECKING:
    from casecheck.model import Finding, Report

FINDING_ID_ROLE = Qt.ItemDataRole.UserRole


class FindingsPanel(QWidget):
    """Emits `findingSelected(finding)` when the user (or `select_finding`) picks a finding."""

    findingSelected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._findings: dict[str, Finding] = {}
        self._doc_names: dict[str, str] = {}

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["问题", "文书"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.currentItemChanged.connect(self._on_current)
        self.details = QTextBrowser()
        self.details.setPlaceholderText("选择一个问题查看法律依据、整改建议和原文")
        self.not_checked = QListWidget()
        self.not_checked.setWordWrap(True)
        not_checked_box = QGroupBox("未能检查")
        box_layout = QVBoxLayout(not_checked_box)
        box_layout.setContentsMargins(4, 4, 4, 4)
        box_layout.addWidget(self.not_checked)

        splitter = QSplitter(Qt.Orientation.Vertical)
        for widget, stretch in ((self.tree, 3), (self.details, 2), (not_checked_box, 1)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter)

    def set_report(self, report: Report) -> None:
        self._findings = {f.id: f for f in report.findings}
        self._doc_names = {d.id: Path(d.path).name or d.path for d in report.documents}
        self.tree.blockSignals(True)
        self.tree.clear()
        for severity, label in SEVERITY_LABELS.items():
            group = [f for f in report.findings if f.severity == severity]
            head = QTreeWidgetItem([f"{label}（{len(group)}）"])
            head.setIcon(0, severity_badge(severity))
            head.setForeground(0, QBrush(QColor(SEVERITY_COLORS[severity])))
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for finding in group:
                item = QTreeWidgetItem([finding.message, places_text(finding, self._doc_names)])
                item.setData(0, FINDING_ID_ROLE, finding.id)
                item.setToolTip(0, finding.message)
                head.addChild(item)
            self.tree.addTopLevelItem(head)
            head.setExpanded(bool(group))
        self.tree.blockSignals(False)
        self.details.clear()
        self.not_checked.clear()
        for entry in report.not_checked:
            self.not_checked.addItem(f"{entry.check}：{entry.reason}")
        self.summary.setText(summary_text(report))

    def group_counts(self) -> dict[str, int]:
        return {
            severity: self.tree.topLevelItem(row).childCount()
            for row, severity in enumerate(SEVERITY_LABELS)
        }

    def select_finding(self, finding_id: str) -> None:
        for row in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(row)
            for child in range(head.childCount()):
                item = head.child(child)
                if item.data(0, FINDING_ID_ROLE) == finding_id:
                    self.tree.setCurrentItem(item)
                    return

    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        return self._findings.get(item.data(0, FINDING_ID_ROLE)) if item else None

    def _on_current(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        finding = self._findings.get(current.data(0, FINDING_ID_ROLE)) if current else None
        if finding is None:
            return
        self.details.setHtml(details_html(finding, places_text(finding, self._doc_names)))
        self.findingSelected.emit(finding)


def summary_text(report: Report) -> str:
    """One line above the tree. Zero findings never reads as a clearance."""
    checks = [n.check for n in report.not_checked]
    pending = "；".join(checks[:3]) + (
        f" 等 {len(checks)} 项（见“未能检查”）" if len(checks) > 3 else ""
    )
    if report.findings:
        counts = "，".join(
            f"{label} {n}"
            for severity, label in SEVERITY_LABELS.items()
            if (n := sum(f.severity == severity for f in report.findings))
        )
        text = f"发现 {len(report.findings)} 个问题（{counts}）。"
        return text + (f"以下内容未能检查：{pending}" if pending else "")
    if pending:
        return f"未发现问题，但以下内容未能检查：{pending}"
    return "未发现问题。本工具只核对已有的检查规则，不代表案卷没有其他问题，请结合人工评查。"


def details_html(finding: Finding, place: str) -> str:
    rows = [
        ("严重程度", SEVERITY_LABELS[finding.severity]),
        ("问题", finding.message),
        ("法律依据", finding.legal_basis or "—"),
        ("整改建议", finding.suggestion or "—"),
        ("文书", place),
        ("原文", finding.quote or "—"),
    ]
    if finding.basis:
        rows.append(("判断依据", basis_text(finding)))
    if finding.confidence != "high":
        rows.append(("可信度", "需人工复核（OCR 或规则判断不确定）"))
    color = SEVERITY_COLORS[finding.severity]
    body = "".join(
        f"<tr><td style='white-space:nowrap;color:#555'><b>{escape(k)}</b></td>"
        f"<td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    return (
        f"<h3 style='color:{color}'>{escape(finding.title)}</h3>"
        f"<table cellspacing='4'>{body}</table>"
    )
