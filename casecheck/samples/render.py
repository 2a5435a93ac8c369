"""Writing generated documents as .docx (python-docx) and .pdf (reportlab, built-in CID font)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from casecheck.samples.textdoc import Para, TextDoc

BODY_FONT, TITLE_FONT = "仿宋", "宋体"
PDF_FONT = "STSong-Light"  # Adobe's built-in CID font: needs no font file
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _east_asian(run_or_style, font: str) -> None:
    run_or_style.font.name = font
    run_or_style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def write_docx(doc: TextDoc, path: Path, created: dt.date) -> None:
    out = docx.Document()
    normal = out.styles["Normal"]
    _east_asian(normal, BODY_FONT)
    normal.font.size = Pt(14)
    props = out.core_properties
    props.author, props.title = "casecheck 示例案卷", doc.title
    props.created = props.modified = dt.datetime.combine(created, dt.time(9, 0))

    def heading(text: str, size: int) -> None:
        para = out.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
        _east_asian(run, TITLE_FONT)

    if doc.authority:
        heading(doc.authority, 16)
    heading(doc.title, 20)
    for block in doc.blocks:
        if isinstance(block, Para):
            para = out.add_paragraph(block.text)
            para.alignment = _ALIGN[block.align]
            continue
        table = out.add_table(rows=len(block.rows), cols=len(block.rows[0]))
        table.style = "Table Grid"
        for row, cells in zip(table.rows, block.rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    out.save(path)


class _PdfWriter:
    """Lays documents out on A4 pages, wrapping lines by measured width."""

    MARGIN, SIZE, TITLE_SIZE, LEADING = 72.0, 12.0, 18.0, 21.0

    def __init__(self, path: Path) -> None:
        if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
        self.canvas = Canvas(str(path), pagesize=A4, invariant=1)
        self.width, self.height = A4
        self.y = self.height - self.MARGIN
        self.pages = 0
        self.page_open = False

    def new_page(self) -> None:
        if self.page_open:
            self.canvas.showPage()
        self.pages += 1
        self.page_open = True
        self.y = self.height - self.MARGIN

    def _wrap(self, text: str, size: float, width: float) -> list[str]:
        lines, current = [], ""
        for char in text:
            if pdfmetrics.stringWidth(current + char, PDF_FONT, size) > width:
                lines.append(current)
                current = ""
            current += char
        return [*lines, current]

    def line(self, text: str, size: float | None = None, align: str = "left") -> None:
        size = size or self.SIZE
        usable = self.width - 2 * self.MARGIN
        for piece in self._wrap(text, size, usable):
            if self.y < self.MARGIN:
                self.new_page()
            self.canvas.setFont(PDF_FONT, size)
            if align == "center":
                self.canvas.drawCentredString(self.width / 2, self.y, piece)
            elif align == "right":
                self.canvas.drawRightString(self.width - self.MARGIN, self.y, piece)
            else:
                self.canvas.drawString(self.MARGIN, self.y, piece)
            self.y -= self.LEADING * size / self.SIZE

    def document(self, doc: TextDoc, title_first: bool) -> int:
        """Write `doc` from a new page; returns its first page number."""
        self.new_page()
        first = self.pages
        header = [doc.title, doc.authority] if title_first else [doc.authority, doc.title]
        for text in header:
            if text:
                self.line(text, self.TITLE_SIZE if text == doc.title else 14, "center")
        for block in doc.blocks:
            if isinstance(block, Para):
                self.line(block.text, align=block.align)
            else:
                for row in block.rows:
                    self.line("　".join(row))
        return first

    def save(self) -> None:
        self.canvas.save()


def write_pdf(doc: TextDoc, path: Path) -> None:
    writer = _PdfWriter(path)
    writer.document(doc, title_first=False)
    writer.save()


def write_merged_pdf(docs: list[TextDoc], path: Path) -> list[int]:
    """All documents in one PDF, each from a new page with its title as the first line; returns
    the first page number of each."""
    writer = _PdfWriter(path)
    starts = [writer.document(doc, title_first=True) for doc in docs]
    writer.save()
    return starts
