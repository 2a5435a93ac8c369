"""The right pane: one row per defect (title, severity, every document it is in, the reviewer's
decision) with filters and a search box, the selected finding's details with each of its places
as a link, and what could not be checked."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casecheck.labels import SEVERITY_LABELS, basis_text, place_text, places_text
from ui.document_list import severity_badge
from ui.style import SEVERITY_COLORS

if TYPE_CHECKING:
    from casecheck.model import Finding, Location, Report

FINDING_ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ["标题", "严重程度", "文书", "复核"]
TITLE, SEVERITY, PLACES, REVIEW = range(len(COLUMNS))
ALL_SEVERITIES = "全部严重程度"
ALL_DOCUMENTS = "全部文书"
WHOLE_CASE = "整个案卷"
LOCATION_SCHEME = "location"


class FindingsPanel(QWidget):
    """Emits `findingSelected(finding)` when the user (or `select_finding`) picks a finding,
    `locationRequested(document, start, end, page)` when a place in the details is clicked
    (start and end are -1 where the place has no span, page 0 where it has no page), and
    `reviewRequested(finding id, status)` when the reviewer accepts, rejects or annotates it."""

    findingSelected = Signal(object)
    locationRequested = Signal(str, int, int, int)
    reviewRequested = Signal(str, str)  # finding id, accepted | rejected | noted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._findings: dict[str, Finding] = {}
        self._doc_names: dict[str, str] = {}
        self._reviews: dict[str, str] = {}

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.severity_filter = QComboBox()
        self.severity_filter.addItem(ALL_SEVERITIES, "")
        for severity, label in SEVERITY_LABELS.items():
            self.severity_filter.addItem(label, severity)
        self.document_filter = QComboBox()
        self.document_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document_filter.setMinimumContentsLength(6)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索问题、原文或规则")
        self.search.setClearButtonEnabled(True)
        for combo in (self.severity_filter, self.document_filter):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.severity_filter)
        filters.addWidget(self.document_filter, 1)
        filters.addWidget(self.search, 2)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        self.tree.currentItemChanged.connect(self._on_current)
        # A click on the finding already selected shows it again (the user may have scrolled
        # away from it): the row current before the press tells such a click from a new pick.
        self._current_before_press: QTreeWidgetItem | None = None
        self.tree.viewport().installEventFilter(self)
        self.tree.itemClicked.connect(self._on_clicked)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._on_link)
        self.details.setPlaceholderText("选择一个问题查看法律依据、整改建议和原文")
        self.not_checked = QListWidget()
        self.not_checked.setWordWrap(True)
        not_checked_box = QGroupBox("未能检查")
        box_layout = QVBoxLayout(not_checked_box)
        box_layout.setContentsMargins(4, 4, 4, 4)
        box_layout.addWidget(self.not_checked)

        review_row = QHBoxLayout()
        review_row.setContentsMargins(0, 0, 0, 0)
        self.review_buttons: dict[str, QPushButton] = {}
        for status, text, tip in (
            ("accepted", "确认", "确认这个问题属实"),
            ("rejected", "驳回", "这个问题不成立（不计入评分）"),
            ("noted", "备注…", "给这个问题写一条备注"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, s=status: self._request_review(s))
            review_row.addWidget(button)
            self.review_buttons[status] = button
        review_row.addStretch(1)

        table = QWidget()
        table_layout = QVBoxLayout(table)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(filters)
        table_layout.addWidget(self.tree)
        table_layout.addLayout(review_row)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("findings-splitter")
        for widget, stretch in ((table, 3), (self.details, 2), (not_checked_box, 1)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter)

    # ---- content -----------------------------------------------------------------------

    def set_report(self, report: Report) -> None:
        self._findings = {f.id: f for f in report.findings}
        self._doc_names = {d.id: d.display_name for d in report.documents}
        self._reviews = {}
        self.tree.blockSignals(True)
        self.tree.clear()
        order = list(SEVERITY_LABELS)
        for finding in sorted(report.findings, key=lambda f: order.index(f.severity)):
            item = QTreeWidgetItem(
                [finding.title, SEVERITY_LABELS[finding.severity], self.places(finding), ""]
            )
            item.setData(TITLE, FINDING_ID_ROLE, finding.id)
            item.setIcon(TITLE, severity_badge(finding.severity))
            item.setToolTip(TITLE, finding.message)
            item.setToolTip(PLACES, self.places(finding))
            item.setForeground(SEVERITY, QBrush(QColor(SEVERITY_COLORS[finding.severity])))
            self.tree.addTopLevelItem(item)
        self.tree.blockSignals(False)
        self._fill_document_filter(report)
        self.details.clear()
        self.not_checked.clear()
        for entry in report.not_checked:
            self.not_checked.addItem(f"{entry.check}：{entry.reason}")
        self.summary.setText(summary_text(report))
        self._apply_filter()
        self._fit_columns()

    def _fill_document_filter(self, report: Report) -> None:
        self.document_filter.blockSignals(True)
        self.document_filter.clear()
        self.document_filter.addItem(ALL_DOCUMENTS, "")
        if any(not f.document and not f.locations for f in report.findings):
            self.document_filter.addItem(WHOLE_CASE, WHOLE_CASE)
        for doc in report.documents:
            if any(doc.id in self._documents_of(f) for f in report.findings):
                self.document_filter.addItem(self._doc_names[doc.id], doc.id)
        self.document_filter.blockSignals(False)

    def _fit_columns(self) -> None:
        """Severity and review get their contents, the title 55 % of the rest, the places what
        is left, so that no column hides another; the user may drag every border."""
        for column in (SEVERITY, REVIEW):
            self.tree.resizeColumnToContents(column)
        cap = max(self.tree.viewport().width() // 5, 48)  # a long note is read in the details
        self.tree.setColumnWidth(REVIEW, min(self.tree.columnWidth(REVIEW), cap))
        fixed = self.tree.columnWidth(SEVERITY) + self.tree.columnWidth(REVIEW)
        room = max(self.tree.viewport().width() - fixed, 120)
        self.tree.setColumnWidth(TITLE, room * 55 // 100)
        self.tree.setColumnWidth(PLACES, room - room * 55 // 100)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def places(self, finding: Finding) -> str:
        return places_text(finding, self._doc_names)

    @staticmethod
    def _documents_of(finding: Finding) -> set[str]:
        if finding.locations:
            return {loc.document for loc in finding.locations}
        return {finding.document} if finding.document else set()

    def concerns(self, finding: Finding, doc_id: str) -> bool:
        """Whether `finding` is about document `doc_id` (a whole-case finding is about all)."""
        places = self._documents_of(finding)
        return not places or doc_id in places

    def set_reviews(self, labels: dict[str, str]) -> None:
        """Show the reviewer's decision (a Chinese label) on each finding's row."""
        self._reviews = dict(labels)
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            item.setText(REVIEW, self._reviews.get(item.data(TITLE, FINDING_ID_ROLE), ""))
        self._fit_columns()
        finding = self.current_finding()
        if finding is not None:
            self._show_details(finding)

    # ---- filters -----------------------------------------------------------------------

    def _matches(self, finding: Finding) -> bool:
        severity = self.severity_filter.currentData()
        if severity and finding.severity != severity:
            return False
        document = self.document_filter.currentData()
        if document == WHOLE_CASE and self._documents_of(finding):
            return False
        if document and document != WHOLE_CASE and document not in self._documents_of(finding):
            return False
        needle = self.search.text().strip().lower()
        haystack = " ".join(
            (finding.title, finding.message, finding.quote, finding.rule_id, self.places(finding))
        )
        return not needle or needle in haystack.lower()

    def _apply_filter(self) -> None:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            finding = self._findings[item.data(TITLE, FINDING_ID_ROLE)]
            item.setHidden(not self._matches(finding))
        current = self.tree.currentItem()
        if current is not None and current.isHidden():
            self.clear_selection()

    def visible_ids(self) -> list[str]:
        return [
            item.data(TITLE, FINDING_ID_ROLE)
            for row in range(self.tree.topLevelItemCount())
            if not (item := self.tree.topLevelItem(row)).isHidden()
        ]

    def group_counts(self) -> dict[str, int]:
        return {
            severity: sum(f.severity == severity for f in self._findings.values())
            for severity in SEVERITY_LABELS
        }

    # ---- selection -----------------------------------------------------------------------

    def select_finding(self, finding_id: str) -> None:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item.data(TITLE, FINDING_ID_ROLE) == finding_id:
                if item.isHidden():  # a finding picked in the text is shown even if filtered
                    item.setHidden(False)
                self.tree.setCurrentItem(item)
                return

    def clear_selection(self) -> None:
        """No finding selected: the details say nothing about a finding no longer in view."""
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(None)
        self.tree.clearSelection()
        self.tree.blockSignals(False)
        self.details.clear()
        for button in self.review_buttons.values():
            button.setEnabled(False)

    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        return self._findings.get(item.data(TITLE, FINDING_ID_ROLE)) if item else None

    def _request_review(self, status: str) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.reviewRequested.emit(finding.id, status)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.MouseButtonPress:
            self._current_before_press = self.tree.currentItem()
        return super().eventFilter(watched, event)

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        finding = self.current_finding()
        if item is self._current_before_press and finding is not None:
            self.findingSelected.emit(finding)

    def _on_current(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        finding = self._findings.get(current.data(TITLE, FINDING_ID_ROLE)) if current else None
        for button in self.review_buttons.values():
            button.setEnabled(finding is not None)
        if finding is None:
            self.details.clear()
            return
        self._show_details(finding)
        self.findingSelected.emit(finding)

    def _show_details(self, finding: Finding) -> None:
        self.details.setHtml(
            details_html(finding, self.places(finding), self._doc_names, self._reviews)
        )

    def _on_link(self, url: QUrl) -> None:
        finding = self.current_finding()
        if url.scheme() != LOCATION_SCHEME or finding is None:
            return
        index = int(url.path() or -1)
        if 0 <= index < len(finding.locations):
            loc = finding.locations[index]
            self.locationRequested.emit(
                loc.document,
                -1 if loc.start is None else loc.start,
                -1 if loc.end is None else loc.end,
                loc.page or 0,
            )


def summary_text(report: Report) -> str:
    """One line above the table. Zero findings never reads as a clearance."""
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


def _location_link(index: int, loc: Location, names: dict[str, str]) -> str:
    where = escape(place_text(loc.document, loc.page, names))
    quote = f"：“{escape(loc.quote)}”" if loc.quote else ""
    return f"<a href='{LOCATION_SCHEME}:{index}'>{where}</a>{quote}"


def details_html(
    finding: Finding,
    place: str,
    names: dict[str, str] | None = None,
    reviews: dict[str, str] | None = None,
) -> str:
    rows = [
        ("严重程度", escape(SEVERITY_LABELS[finding.severity])),
        ("问题", escape(finding.message)),
        ("法律依据", escape(finding.legal_basis or "—")),
        ("整改建议", escape(finding.suggestion or "—")),
        ("文书", escape(place)),
        ("原文", escape(finding.quote or "—")),
    ]
    if len(finding.locations) > 1 or (finding.locations and names is not None):
        links = "<br>".join(
            _location_link(n, loc, names or {}) for n, loc in enumerate(finding.locations)
        )
        rows.append((f"全部位置（{len(finding.locations)}）", links))
    if finding.basis:
        rows.append(("判断依据", escape(basis_text(finding))))
    if finding.confidence != "high":
        rows.append(("可信度", "需人工复核（OCR 或规则判断不确定）"))
    if reviews and finding.id in reviews:
        rows.append(("复核", escape(reviews[finding.id])))
    color = SEVERITY_COLORS[finding.severity]
    body = "".join(
        f"<tr><td style='white-space:nowrap;color:#555'><b>{escape(k)}</b></td><td>{v}</td></tr>"
        for k, v in rows
    )
    return (
        f"<h3 style='color:{color}'>{escape(finding.title)}</h3>"
        f"<table cellspacing='4'>{body}</table>"
    )
