"""The 原件 tab: the PDF a document was read from, opened at the page that matters, with the
quoted text of a finding marked on the page.

Page numbers are pages of the file (the engine's `Page.number`, `Finding.page` and a split
part's `source_pages` all count in the file), so a part of a multi-document PDF shows inside
the whole file. The rectangles of a quote come from the engine (`quote_boxes`, pdfium's
character boxes); a page read by OCR has none, and is only scrolled to. The user's file is only
read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QObject,
    QRect,
    QRectF,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

import casecheck

if TYPE_CHECKING:
    from casecheck.model import Document

QUOTE_FILL = QColor(255, 193, 7, 90)  # amber, see-through: the text stays readable
QUOTE_EDGE = QColor("#e65100")
# A marked quote is scrolled to this height of the view: the line at which QPdfView takes the
# page under it as the current page.
CURRENT_PAGE_LINE = 0.4
# OFD files drawn as PDFs kept for going back to them (a 20-page file: about 3 MB).
DRAWN_KEPT = 4
DRAWING = "（正在绘制 OFD 页面…）"


def source_bytes(case_path: str, document: Document) -> bytes | None:
    """The bytes of the file `document` was read from, or None where it cannot be reached.

    `document.path` is relative to the case root: a folder, a .zip (member name), or the case
    file itself. Members of archives nested in the case are not reached.
    """
    root = Path(case_path)
    try:
        if root.is_dir():
            return (root / document.path).read_bytes()
        if root.is_file() and zipfile.is_zipfile(root):
            with zipfile.ZipFile(root) as archive:
                return archive.read(document.path)
        if root.is_file():
            return root.read_bytes()
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    return None


def is_ofd(data: bytes) -> bool:
    """An OFD file is a zip package; the view shows its pages drawn by the engine as a PDF."""
    return data.startswith(b"PK")


class _DrawnSignals(QObject):
    drawn = Signal(object, object)  # the (case path, document path) drawn; PDF bytes or None


class OfdDrawing(QRunnable):
    """Draws an OFD file's pages as a PDF (`casecheck.ofd_as_pdf`, about 0.05–0.2 s a page) off
    the GUI thread; create it on the GUI thread."""

    def __init__(self, key: tuple[str, str], data: bytes) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the pane keeps it until its signal has been handled
        self.key, self.data = key, data
        self.signals = _DrawnSignals()

    def run(self) -> None:
        self.signals.drawn.emit(self.key, casecheck.ofd_as_pdf(self.data))


def first_page(document: Document) -> int:
    if document.source_pages:
        return document.source_pages[0]
    return document.pages[0].number if document.pages else 1


class QuoteView(QPdfView):
    """A multi-page, fit-to-width QPdfView that paints marked rectangles over its pages and
    scrolls to a page or to a rectangle on it.

    QPdfView does not say where it put each page: `page_rects` works the layout out again the
    way QPdfViewPrivate::calculateDocumentLayout does (Qt 6.5–6.12) for this mode.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.marks: dict[int, list[QRectF]] = {}  # 0-based page → rectangles in page points

    def page_rects(self) -> dict[int, QRect]:
        """Each page's rectangle in the scrolled document (add the scroll bars' values)."""
        pdf = self.document()
        if pdf is None or pdf.status() != QPdfDocument.Status.Ready:
            return {}
        screen = QGuiApplication.primaryScreen()
        resolution = screen.logicalDotsPerInch() / 72.0 if screen else 1.0
        margins, view_width = self.documentMargins(), self.viewport().width()
        sizes = []
        for page in range(pdf.pageCount()):
            points = pdf.pagePointSize(page)
            width, height = (
                _round(points.width() * resolution),
                _round(points.height() * resolution),
            )
            factor = (view_width - margins.left() - margins.right()) / width if width else 0
            sizes.append((_round(width * factor), _round(height * factor)))
        total = max((w for w, _ in sizes), default=0) + margins.left() + margins.right()
        rects, y = {}, margins.top()
        for page, (width, height) in enumerate(sizes):
            rects[page] = QRect((max(total, view_width) - width) // 2, y, width, height)
            y += height + self.pageSpacing()
        return rects

    def mark_rects(self) -> list[tuple[int, QRectF]]:
        """The marked rectangles as (0-based page, rectangle in the viewport)."""
        pdf, rects = self.document(), self.page_rects()
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        out = []
        for page, marks in self.marks.items():
            if page not in rects:
                continue
            where, points = rects[page], pdf.pagePointSize(page)
            sx, sy = where.width() / points.width(), where.height() / points.height()
            for mark in marks:
                out.append(
                    (
                        page,
                        QRectF(
                            where.x() - dx + mark.x() * sx,
                            where.y() - dy + mark.y() * sy,
                            mark.width() * sx,
                            mark.height() * sy,
                        ),
                    )
                )
        return out

    def scroll_to(self, page: int, mark: QRectF | None = None) -> None:
        """Scroll to the top of 0-based `page`, or so that `mark` (page points) is in view."""
        rects = self.page_rects()
        if page not in rects:
            return
        where = rects[page]
        y = where.y()
        if mark is not None:
            scale = where.height() / self.document().pagePointSize(page).height()
            centre = where.y() + (mark.y() + mark.height() / 2) * scale
            y = int(centre - self.viewport().height() * CURRENT_PAGE_LINE)
        self.verticalScrollBar().setValue(y)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.marks:
            return
        painter = QPainter(self.viewport())
        painter.setPen(QPen(QUOTE_EDGE, 1.5))
        for _page, rect in self.mark_rects():
            painter.fillRect(rect, QUOTE_FILL)
            painter.drawRect(rect.adjusted(-1, -1, 1, 1))
        painter.end()


def _round(value: float) -> int:
    """Qt's qRound of a non-negative value."""
    return int(value + 0.5)


class PdfPane(QWidget):
    """A caption above a QuoteView; `show_document`, then `show_page(file_page)` or
    `show_quote(document, start, end)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.view = QuoteView()
        self.pdf = QPdfDocument(self)
        self.view.setDocument(self.pdf)
        self.pdf.statusChanged.connect(self._on_status)
        self._buffer: QBuffer | None = None  # QPdfDocument reads from it while it is open
        self._source: tuple[str, str] | None = None  # (case path, document path) loaded
        self._data = b""  # the loaded file's bytes, for the engine to find quotes in
        # The page asked for last (1-based, in the file), and the marked rectangle to show on it.
        self._target: int | None = None
        self._target_mark: QRectF | None = None
        # OFD files are drawn off the GUI thread; the quote asked for while one is drawn.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._drawings: dict[tuple[str, str], OfdDrawing] = {}  # kept until they signal
        self._drawn: dict[tuple[str, str], bytes] = {}
        self._caption = ""
        self._pending_quote: tuple[Document, int, int] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        self.clear("选择一份 PDF 文书查看原件。")

    def clear(self, message: str) -> None:
        self.pdf.close()
        self._buffer = None
        self._source = None
        self._data = b""
        self._target = None
        self._target_mark = None
        self._pending_quote = None
        self.view.marks = {}
        self.caption.setText(message)

    def show_document(self, case_path: str, document: Document) -> bool:
        """Load the PDF of `document` (kept if already loaded) and go to its first page."""
        if not document.pages:
            self.clear("此文书不是 PDF，没有原件页面可显示。")
            return False
        key = (case_path, document.path)
        first, last = document.source_pages or (first_page(document), document.pages[-1].number)
        pages = f"第{first}页" if first == last else f"第{first}–{last}页"
        self._caption = f"原件：{document.path}（{pages}）"
        if self._source != key:
            data = source_bytes(case_path, document)
            if data is None:
                self.clear(f"无法打开原件：{document.path}（文件已移动、删除，或在嵌套压缩包中）")
                return False
            self.pdf.close()
            self._source, self._data, self._pending_quote = key, b"", None
            if not is_ofd(data):
                self._load(data)
            elif key in self._drawn:
                self._load(self._drawn[key])
            elif key not in self._drawings:
                self._draw(key, data)
        self.view.marks = {}
        self.caption.setText(self._caption + (DRAWING if key in self._drawings else ""))
        self.show_page(first_page(document))
        return True

    def _load(self, pdf: bytes) -> None:
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        self._data = pdf
        self.pdf.load(self._buffer)

    def _draw(self, key: tuple[str, str], data: bytes) -> None:
        """Draw the OFD file off the GUI thread, one file at a time; a file is shown when it is
        drawn if it is still the one asked for."""
        drawing = OfdDrawing(key, data)
        drawing.signals.drawn.connect(self._on_drawn)
        self._drawings[key] = drawing
        self._pool.start(drawing)

    def _on_drawn(self, key: tuple[str, str], pdf: bytes | None) -> None:
        self._drawings.pop(key, None)
        if pdf is not None:
            self._drawn[key] = pdf
            while len(self._drawn) > DRAWN_KEPT:
                del self._drawn[next(iter(self._drawn))]
        if key != self._source:
            return  # the user has moved on to another file
        if pdf is None:
            self.caption.setText(f"原件无法显示：{key[1]}")
            return
        self.caption.setText(self._caption)
        self._load(pdf)
        if self._pending_quote is not None:
            self.show_quote(*self._pending_quote)

    def drawing(self) -> bool:
        """Whether an OFD file is being drawn for the view."""
        return bool(self._drawings)

    def show_page(self, page: int) -> None:
        """Scroll to 1-based `page` of the file unless it is the page shown; applied once the
        file has loaded."""
        if page == self.current_page() and page == self._target:
            return  # the cursor moved within the page shown: the view stays where it is
        self._target, self._target_mark = page, None
        self._jump()

    def show_quote(self, document: Document, start: int, end: int) -> int:
        """Mark `document.text[start:end]` on its pages of the loaded file and scroll to it,
        every time it is asked for; returns how many rectangles are marked (0 on a page read
        by OCR, which is still scrolled to)."""
        from casecheck import quote_boxes

        if self._source is None or self._source[1] != document.path:
            return 0
        if not self._data:  # the OFD file is being drawn: marked once it is
            self._pending_quote = (document, start, end)
            return 0
        self._pending_quote = None
        found = quote_boxes(self._data, document, start, end)
        self.view.marks = {
            part.page - 1: [
                QRectF(r.left, r.top, r.right - r.left, r.bottom - r.top) for r in part.rects
            ]
            for part in found
        }
        self.view.viewport().update()
        if not found:
            return 0
        first = next((part for part in found if part.rects), found[0])
        self._target = first.page
        self._target_mark = self.view.marks[first.page - 1][0] if first.rects else None
        self._jump()
        return sum(len(part.rects) for part in found)

    def _jump(self) -> None:
        last = self.pdf.pageCount()
        if self._target is not None and self.pdf.status() == QPdfDocument.Status.Ready and last:
            page = min(max(self._target, 1), last) - 1
            self.view.scroll_to(page, self._target_mark)

    def current_page(self) -> int | None:
        """The 1-based page shown, or None when no PDF is loaded."""
        if self.pdf.status() != QPdfDocument.Status.Ready:
            return None
        return self.view.pageNavigator().currentPage() + 1

    def _on_status(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            self._jump()
        elif status == QPdfDocument.Status.Error:
            self.caption.setText(f"原件无法显示：{self._source[1] if self._source else ''}")

    # Fit-to-width zoom changes with the widget's size and QPdfView keeps the scroll offset, not
    # the page: a jump made while the tab was hidden (zero size) must be made again.
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._jump)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._jump)
