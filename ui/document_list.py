"""The left pane: the case's documents in file order, typed, with a worst-severity badge."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from casecheck.labels import SEVERITY_LABELS
from ui.style import NO_FINDING_COLOR, SEVERITY_COLORS

if TYPE_CHECKING:
    from casecheck.model import Report

DOC_ID_ROLE = Qt.ItemDataRole.UserRole


def severity_badge(severity: str | None, size: int = 14) -> QIcon:
    """A filled dot in the severity's colour; a hollow grey ring where nothing was found."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if severity is None:
        painter.setPen(QPen(QColor(NO_FINDING_COLOR), 2))
        painter.drawEllipse(2, 2, size - 4, size - 4)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SEVERITY_COLORS[severity]))
        painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class DocumentList(QListWidget):
    """Emits `documentSelected(document_id)` when the current document changes."""

    documentSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIconSize(QSize(14, 14))
        self.setWordWrap(True)
        self.currentItemChanged.connect(self._on_current)

    def set_report(self, report: Report) -> None:
        self.blockSignals(True)
        self.clear()
        for number, doc in enumerate(report.documents, 1):
            worst = report.worst_severity(doc.id)
            item = QListWidgetItem(severity_badge(worst), _item_text(number, doc))
            item.setData(DOC_ID_ROLE, doc.id)
            item.setToolTip(_tooltip(doc, worst))
            self.addItem(item)
        self.blockSignals(False)

    def current_document_id(self) -> str | None:
        item = self.currentItem()
        return item.data(DOC_ID_ROLE) if item else None

    def select_document(self, doc_id: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(DOC_ID_ROLE) == doc_id:
                self.setCurrentRow(row)
                return

    def _on_current(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.documentSelected.emit(current.data(DOC_ID_ROLE))


def _item_text(number: int, doc) -> str:
    name = Path(doc.path).name or doc.path
    pages = ""
    if doc.source_pages:
        first, last = doc.source_pages
        pages = f"（第{first}页）" if first == last else f"（第{first}–{last}页）"
    return f"{number}. {doc.doc_type}\n    {name}{pages}"


def _tooltip(doc, worst: str | None) -> str:
    lines = [doc.path, f"文书类型：{doc.doc_type}（置信度 {doc.type_confidence:.0%}）"]
    if doc.errors:
        lines.append("无法读取：" + "；".join(doc.errors))
    lines.append(f"最严重问题：{SEVERITY_LABELS[worst]}" if worst else "本文书未发现问题")
    return "\n".join(lines)
