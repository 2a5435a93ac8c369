"""The case overview tab: score and grade, the timeline with its statutory periods, extracted
elements (one row per value, with every document that states it) and cited provisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casecheck.labels import (
    CITATION_ROLE_LABELS,
    CITATION_STATUS_LABELS,
    ELEMENT_LABELS,
    describe_normalized,
    law_date_line,
    score_text,
)
from ui.settings_dialog import standard_titles
from ui.timeline_chart import TimelineChart

if TYPE_CHECKING:
    from casecheck.model import Citation, Element, Report

SPAN_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ["类别", "内容", "规范值", "文书", "处数"]
# Evidence is listed from the case's evidence list only: elsewhere the extractor's evidence
# items are mostly sentences of the facts, not exhibits.
EVIDENCE_LIST_TYPES = frozenset({"证据清单"})
CITATION_LABEL = "引用条款"
# The overview lists parties first, then numbers, amounts, dates, officers, evidence.
KIND_ORDER = [
    "party_name", "party_credit_code", "party_id_number", "legal_representative", "party_address",
    "doc_number", "authority", "case_cause", "fine_amount", "confiscation_amount", "penalty_type",
    "violation_date", "filing_date", "inspection_date", "notice_date", "hearing_date",
    "decision_date", "service_date", "payment_date", "officer", "evidence_item",
    "remedy_reconsideration", "remedy_litigation",
]  # fmt: skip


class CaseOverview(QWidget):
    """Emits `spanRequested(document_id, start, end)` when a row is double-clicked."""

    spanRequested = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score_label = QLabel()
        self.score_label.setWordWrap(True)
        self.timeline = TimelineChart()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(self._on_double_click)
        layout = QVBoxLayout(self)
        layout.addWidget(self.score_label)
        layout.addWidget(self.timeline)
        layout.addWidget(self.table, 1)

    def set_report(self, report: Report) -> None:
        title = standard_titles().get(report.score.standard, "")
        law_date = law_date_line(report.laws_current_to, report.law_notes)
        self.score_label.setText(f"{score_text(report.score, title)}\n{law_date}")
        self.timeline.set_report(report)
        names = {d.id: d.display_name for d in report.documents}
        rows = [
            (ELEMENT_LABELS.get(kind, kind), value, normalized, found)
            for kind, value, normalized, found in aggregate_elements(report)
        ] + [(CITATION_LABEL, c.as_written, _citation_text(c), [c]) for c in report.citations]
        self.table.setRowCount(len(rows))
        for row, (label, value, normalized, found) in enumerate(rows):
            documents = "、".join(dict.fromkeys(names.get(f.document, f.document) for f in found))
            cells = (label, value, normalized, documents, str(len(found)))
            first = found[0]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(SPAN_ROLE, (first.document, first.start, first.end))
                if column == 3:
                    item.setToolTip(documents)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def rows(self) -> list[list[str]]:
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    def _on_double_click(self, row: int, column: int) -> None:
        document, start, end = self.table.item(row, column).data(SPAN_ROLE)
        self.spanRequested.emit(document, start, end)


def aggregate_elements(report: Report) -> list[tuple[str, str, str, list[Element]]]:
    """One row per element value: (kind, value as first written, normalised value, every
    occurrence). Evidence items come from the evidence list only."""
    evidence_docs = {d.id for d in report.documents if d.doc_type in EVIDENCE_LIST_TYPES}
    groups: dict[tuple[str, str], list[Element]] = {}
    for element in report.elements:
        if element.kind == "evidence_item" and element.document not in evidence_docs:
            continue
        key = (element.kind, _normalized(element) or element.value.strip())
        groups.setdefault(key, []).append(element)
    position = {d.id: n for n, d in enumerate(report.documents)}
    for found in groups.values():
        found.sort(key=lambda e: (position.get(e.document, len(position)), e.start))
    ordered = sorted(groups.items(), key=lambda entry: _kind_rank(entry[0][0]))
    return [(kind, found[0].value, _normalized(found[0]), found) for (kind, _), found in ordered]


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _normalized(element: Element) -> str:
    if element.normalized is None or element.normalized == element.value:
        return ""
    return describe_normalized(element.kind, element.normalized)


def _citation_text(citation: Citation) -> str:
    parts = [f"《{citation.law}》" if citation.law else "（未识别的法律）"]
    if citation.article:
        parts.append(f"第{citation.article}条")
    if citation.paragraph:
        parts.append(f"第{citation.paragraph}款")
    if citation.item:
        parts.append(f"第{citation.item}项")
    role = CITATION_ROLE_LABELS.get(citation.role, citation.role)
    status = CITATION_STATUS_LABELS.get(citation.status, citation.status)
    note = f"（{citation.note}）" if citation.note else ""
    return f"{''.join(parts)}　{role}　{status}{note}"
