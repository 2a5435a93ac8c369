"""The 原件 tab: the PDF a document was read from, opened at the page that matters.

Page numbers are pages of the file (the engine's `Page.number`, `Finding.page` and a split
part's `source_pages` all count in the file), so a part of a multi-document PDF shows inside
the whole file. The user's file is only read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QPointF, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

import casecheck

if TYPE_CHECKING:
    from casecheck.model import Document


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


def page_bytes(case_path: str, document: Document) -> bytes | None:
    """The PDF the page view shows for `document`: its file, or for an OFD file (a zip package)
    its pages drawn by the engine. None where neither can be had."""
    data = source_bytes(case_path, document)
    if data is not None and data.startswith(b"PK"):
        return casecheck.ofd_as_pdf(data)
    return data


def first_page(document: Document) -> int:
    if document.source_pages:
        return document.source_pages[0]
    return document.pages[0].number if document.pages else 1


class PdfPane(QWidget):
    """A caption above a multi-page QPdfView; `show_document` then `show_page(file_page)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf = QPdfDocument(self)
        self.view.setDocument(self.pdf)
        self.pdf.statusChanged.connect(self._on_status)
        self._buffer: QBuffer | None = None  # QPdfDocument reads from it while it is open
        self._source: tuple[str, str] | None = None  # (case path, document path) loaded
        self._target: int | None = None  # the page asked for last (1-based, in the file)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        self.clear("选择一份 PDF 文书查看原件。")

    def clear(self, message: str) -> None:
        self.pdf.close()
        self._buffer = None
        self._source = None
        self._target = None
        self.caption.setText(message)

    def show_document(self, case_path: str, document: Document) -> bool:
        """Load the PDF of `document` (kept if already loaded) and go to its first page."""
        if not document.pages:
            self.clear("此文书不是 PDF，没有原件页面可显示。")
            return False
        if self._source != (case_path, document.path):
            data = page_bytes(case_path, document)
            if data is None:
                self.clear(f"无法打开原件：{document.path}（文件已移动、删除，或在嵌套压缩包中）")
                return False
            self.pdf.close()
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(data))
            self._buffer.open(QBuffer.OpenModeFlag.ReadOnly)
            self._source = (case_path, document.path)
            self.pdf.load(self._buffer)
        first, last = document.source_pages or (first_page(document), document.pages[-1].number)
        pages = f"第{first}页" if first == last else f"第{first}–{last}页"
        self.caption.setText(f"原件：{document.path}（{pages}）")
        self.show_page(first_page(document))
        return True

    def show_page(self, page: int) -> None:
        """Scroll to 1-based `page` of the file; applied once the file has loaded."""
        self._target = page
        self._jump()

    def _jump(self) -> None:
        last = self.pdf.pageCount()
        if self._target is not None and self.pdf.status() == QPdfDocument.Status.Ready and last:
            self.view.pageNavigator().jump(min(max(self._target, 1), last) - 1, QPointF(), 0)

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
