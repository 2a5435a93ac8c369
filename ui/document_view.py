"""The centre pane: one document's text, with finding spans and extracted elements marked."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from casecheck.model import SEVERITY_ORDER
from ui.style import ELEMENT_UNDERLINE, SEVERITY_TINTS

if TYPE_CHECKING:
    from casecheck.model import Document, Element, Finding


class Utf16Offsets:
    """Maps Python string offsets to Qt (UTF-16) positions and back.

    The engine's offsets count code points; Qt counts UTF-16 units, so every character outside
    the BMP (rare CJK extension characters in names) shifts Qt's positions by one.
    """

    def __init__(self, text: str) -> None:
        widths = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
        # _starts[i] is the Qt position of text[i]; None when the text is all BMP.
        self._starts = list(accumulate(widths, initial=0)) if 2 in widths else None

    def to_qt(self, offset: int) -> int:
        return offset if self._starts is None else self._starts[offset]

    def from_qt(self, position: int) -> int:
        return position if self._starts is None else bisect_right(self._starts, position) - 1


class DocumentView(QPlainTextEdit):
    """Read-only text with findings tinted by severity and elements underlined.

    Emits `findingClicked(finding_id)` when the user puts the cursor inside a finding's span.
    """

    findingClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document_id: str | None = None
        self._findings: list[Finding] = []
        self._marks: list[QTextEdit.ExtraSelection] = []
        self._offsets = Utf16Offsets("")
        self._moving = False
        self._showing_text = False  # False while a message stands in for the text
        self.cursorPositionChanged.connect(self._on_cursor_moved)

    def show_document(
        self, document: Document, findings: list[Finding], elements: list[Element]
    ) -> None:
        """Show `document`; findings and elements are those located in it."""
        if not document.readable:
            self.show_message(_unreadable_message(document))
            self.document_id = document.id
            return
        self.document_id = document.id
        self._findings = [f for f in findings if f.start is not None and f.end is not None]
        self._set_plain(document.text)
        self._showing_text = True
        self._marks = [self._element_mark(e) for e in elements]
        # Worst severity last, so its tint wins where spans overlap.
        for finding in sorted(self._findings, key=_severity_rank, reverse=True):
            self._marks.append(self._finding_mark(finding))
        self.setExtraSelections(self._marks)

    def show_message(self, message: str) -> None:
        self.document_id = None
        self._findings = []
        self._marks = []
        self._showing_text = False
        self._set_plain(message)
        self.setExtraSelections([])

    def mark_span(self, start: int, end: int) -> None:
        """Select text[start:end], scroll to it and outline it (not on a shown message)."""
        if not self._showing_text:
            return
        cursor = self._cursor(start, end)
        self._moving = True
        try:
            self.setTextCursor(cursor)
        finally:
            self._moving = False
        self.centerCursor()
        current = QTextEdit.ExtraSelection()
        current.cursor = cursor
        current.format.setProperty(QTextFormat.Property.OutlinePen, QColor("black"))
        current.format.setFontWeight(700)
        self.setExtraSelections([*self._marks, current])

    def underline_spans(self, spans: list[tuple[int, int]], color: str) -> None:
        """Underline text[start:end] in `color` for each span, over the current marks."""
        if not self._showing_text:
            return
        for start, end in spans:
            mark = QTextEdit.ExtraSelection()
            mark.cursor = self._cursor(start, end)
            fmt = QTextCharFormat()  # `mark.format` is a copy in PySide: assign a whole format
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(color))
            fmt.setForeground(QColor(color))
            fmt.setFontWeight(700)
            mark.format = fmt
            self._marks.append(mark)
        self.setExtraSelections(self._marks)

    def selected_span(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return (
            self._offsets.from_qt(cursor.selectionStart()),
            self._offsets.from_qt(cursor.selectionEnd()),
        )

    def finding_at(self, offset: int) -> Finding | None:
        """The worst, then narrowest, finding whose span holds `offset`."""
        hits = [f for f in self._findings if f.start <= offset < f.end]
        return min(hits, key=lambda f: (_severity_rank(f), f.end - f.start), default=None)

    def _set_plain(self, text: str) -> None:
        self._moving = True
        try:
            self.setPlainText(text)
        finally:
            self._moving = False
        self._offsets = Utf16Offsets(text)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _finding_mark(self, finding: Finding) -> QTextEdit.ExtraSelection:
        mark = QTextEdit.ExtraSelection()
        mark.cursor = self._cursor(finding.start, finding.end)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(SEVERITY_TINTS[finding.severity]))
        fmt.setToolTip(finding.message)
        mark.format = fmt
        return mark

    def _element_mark(self, element: Element) -> QTextEdit.ExtraSelection:
        mark = QTextEdit.ExtraSelection()
        mark.cursor = self._cursor(element.start, element.end)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(ELEMENT_UNDERLINE))
        mark.format = fmt
        return mark

    def _on_cursor_moved(self) -> None:
        cursor = self.textCursor()
        if self._moving or cursor.hasSelection():
            return
        finding = self.finding_at(self._offsets.from_qt(cursor.position()))
        if finding is not None:
            self.findingClicked.emit(finding.id)


def _severity_rank(finding: Finding) -> int:
    return SEVERITY_ORDER[finding.severity]


def _unreadable_message(document: Document) -> str:
    if document.errors:
        reasons = "\n".join(f"· {error}" for error in document.errors)
        return f"无法读取此文书：{document.path}\n\n{reasons}\n\n本文书的内容未能检查。"
    return (
        f"此文书没有可读取的文字：{document.path}\n\n"
        "可能是扫描件，需要 OCR 识别后才能检查。本文书的内容未能检查。"
    )
