"""The case timeline as a chart: dated steps on a date axis, and below it one bar per statutory
period (start → due) with the day that had to respect it, green where it did, red where not.

The periods are the engine's (`Report.periods`); this module only draws
them and puts their verdicts into words.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from casecheck.labels import event_label
from ui.style import NO_FINDING_COLOR, SEVERITY_COLORS

if TYPE_CHECKING:
    from casecheck.model import Report, StatutoryPeriod

Status = Literal["met", "missed", "unknown"]

MET_COLOR = "#2e7d32"
STATUS_COLORS = {"met": MET_COLOR, "missed": SEVERITY_COLORS["veto"], "unknown": NO_FINDING_COLOR}
PERIOD_TINT = "#e3f2fd"
AXIS_COLOR = "#455a64"
MARGIN = 24
LABEL_LEVELS = 3
LINE = 18  # one text line
EVENT_BAND = LABEL_LEVELS * LINE + 12
ROW = 2 * LINE + 8  # a period: its text line, then its bar
EMPTY = "卷内未找到可定位的日期，无法绘制时间线。"


class TimelineChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps: list[tuple[dt.date, str]] = []  # (date, "立案、检查/调查")
        self.periods: list[StatutoryPeriod] = []
        self.flagged: set[str] = set()  # rule ids with a finding in the report
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(400)

    def set_report(self, report: Report) -> None:
        self.steps = timeline_steps(report)
        self.periods = list(report.periods) if report.timeline else []
        self.flagged = {f.rule_id for f in report.findings}
        self.setToolTip("\n".join(self.period_line(p) for p in self.periods))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(700, MARGIN * 2 + EVENT_BAND + LINE + ROW * len(self.periods))

    def minimumSizeHint(self) -> QSize:
        return QSize(400, self.sizeHint().height())

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        days = [d for d, _ in self.steps]
        for p in self.periods:
            days += [d for d in (p.start, p.due, p.actual) if d is not None]
        if not days:
            return None
        return min(days) - dt.timedelta(days=2), max(days) + dt.timedelta(days=2)

    def x_of(self, day: dt.date) -> float:
        first, last = self.date_range()
        width = self.width() - 2 * MARGIN
        return MARGIN + width * (day - first).days / max((last - first).days, 1)

    def axis_y(self) -> float:
        return MARGIN + EVENT_BAND

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        if self.date_range() is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, EMPTY)
            painter.end()
            return
        self._draw_axis(painter)
        self._draw_steps(painter)
        for row, period in enumerate(self.periods):
            self._draw_period(painter, period, self.axis_y() + LINE + 6 + row * ROW)
        painter.end()

    def _draw_axis(self, painter: QPainter) -> None:
        y = self.axis_y()
        painter.setPen(QPen(QColor(AXIS_COLOR), 2))
        painter.drawLine(QPointF(MARGIN, y), QPointF(self.width() - MARGIN, y))
        first, last = self.date_range()
        painter.setPen(QColor(AXIS_COLOR))
        metrics = QFontMetrics(painter.font())
        for day in _month_starts(first, last):
            x = self.x_of(day)
            painter.drawLine(QPointF(x, y - 4), QPointF(x, y + 4))
            text = f"{day.year}年{day.month}月" if day.month == 1 else f"{day.month}月"
            painter.drawText(QPointF(x + 2, y + metrics.ascent() + 4), text)

    def _draw_steps(self, painter: QPainter) -> None:
        y = self.axis_y()
        metrics = QFontMetrics(painter.font())
        level_ends = [float("-inf")] * LABEL_LEVELS  # right edge of the last label per level
        for day, label in self.steps:
            x = self.x_of(day)
            text = f"{day.month}/{day.day} {label}"
            width = metrics.horizontalAdvance(text)
            left = min(x + 1, self.width() - width - 2)  # labels near the right edge shift left
            level = next((i for i, end in enumerate(level_ends) if end < left - 2), None)
            if level is None:
                level = min(range(LABEL_LEVELS), key=level_ends.__getitem__)
            level_ends[level] = left + width
            top = y - 8 - (level + 1) * LINE
            painter.setPen(QPen(QColor("#b0bec5"), 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, top + LINE - 2), QPointF(x, y))
            painter.setPen(QColor("#263238"))
            painter.drawText(QPointF(left, top + metrics.ascent()), text)
            painter.setBrush(QColor(AXIS_COLOR))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(x, y), 4, 4)

    def period_line(self, period: StatutoryPeriod) -> str:
        return period_line(period, period.rule_id in self.flagged)

    def _draw_period(self, painter: QPainter, period: StatutoryPeriod, top: float) -> None:
        color = QColor(STATUS_COLORS[status_of(period)])
        metrics = QFontMetrics(painter.font())
        painter.setPen(color)
        painter.drawText(QPointF(MARGIN, top + metrics.ascent()), self.period_line(period))
        if period.start is None or period.due is None:
            return
        bar_y = top + LINE + 4
        x0, x1 = self.x_of(period.start), self.x_of(period.due)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(PERIOD_TINT))
        painter.drawRect(QRectF(x0, bar_y - 5, max(x1 - x0, 2), 10))
        painter.setPen(QPen(QColor(AXIS_COLOR), 2))
        painter.drawLine(QPointF(x1, bar_y - 8), QPointF(x1, bar_y + 8))  # the due day
        if period.actual is not None:
            x = self.x_of(period.actual)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(x, bar_y - 7),
                        QPointF(x + 7, bar_y),
                        QPointF(x, bar_y + 7),
                        QPointF(x - 7, bar_y),
                    ]
                )
            )


def timeline_steps(report: Report) -> list[tuple[dt.date, str]]:
    """One entry per date: the distinct steps dated that day, in timeline order."""
    by_day: dict[dt.date, list[str]] = {}
    doc_types = {d.id: d.doc_type for d in report.documents}
    for event in report.timeline:
        label = event_label(event.event, doc_types.get(event.document, ""))
        names = by_day.setdefault(event.date, [])
        if label not in names:
            names.append(label)
    return [(day, "、".join(names)) for day, names in sorted(by_day.items())]


def status_of(period: StatutoryPeriod) -> Status:
    if period.met is None:
        return "unknown"
    return "met" if period.met else "missed"


def verdict(period: StatutoryPeriod) -> str:
    if period.met is None:
        return f"无法判断（{period.reason}）"
    return "符合" if period.met else "不符合"


def period_line(period: StatutoryPeriod, flagged: bool = False) -> str:
    """`办案期限（立案之日起90日内作出决定）：不符合　期限届满 2025-06-01，实际 2025-06-20`,
    and where the engine reported a finding on it, `（见问题 TIME-001）`. The finding stays the
    authority: it weighs an approved extension or an express waiver, the dates alone do not."""
    text = f"{period.name}（{period.description}）：{verdict(period)}"
    if period.due is not None:
        text += f"　期限届满 {period.due.isoformat()}"
        if period.actual is not None:
            text += f"，实际 {period.actual.isoformat()}"
    if flagged:
        text += f"　（见问题 {period.rule_id}）"
    return text


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    day = dt.date(first.year, first.month, 1)
    out = []
    while day <= last:
        if day >= first:
            out.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out
