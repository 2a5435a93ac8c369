"""PDF documents, read with pypdfium2 (about 2 ms a page; pdfplumber takes 40–200 ms).

Pages without a text layer (scans) are marked `needs_ocr` and contribute no text.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from casecheck.ingest.normalize import normalize_text, split_lines, wrap_width
from casecheck.model import Block, Document, Page, TextSource

ENCRYPTED = "PDF 文件已加密，无法读取；请提供未加密的文件"
DAMAGED = "PDF 文件已损坏或不完整，无法读取"

# Fewer visible characters than this on a page with visible content means a scanned page.
MIN_TEXT_CHARS = 10

_NUM = r"[0-9０-９一二三四五六七八九十百〇零]+"
# Page-number lines a printed document carries at the top or bottom of each page.
_PAGE_MARK = re.compile(
    rf"""\s*(?:
        第\s*{_NUM}\s*页\s*[,，]?\s*(?:共\s*{_NUM}\s*页)?
      | 共\s*{_NUM}\s*页\s*[,，]?\s*第\s*{_NUM}\s*页
      | [-－—–]\s*{_NUM}\s*[-－—–]
      | {_NUM}\s*/\s*{_NUM}
      | (?:Page|page)\s*\d+(?:\s*(?:of|/)\s*\d+)?
    )\s*""",
    re.VERBOSE,
)
# Only the first and last few lines of a page can be its header or footer.
_EDGE_LINES = 2


def read_pdf(path: str, data: bytes) -> Document:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        locked = exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
        error = ENCRYPTED if locked else DAMAGED
        return Document(id="", path=path, errors=[error])
    try:
        raw_pages = [_page_text(pdf, i) for i in range(len(pdf))]
    except pdfium.PdfiumError:
        return Document(id="", path=path, errors=[DAMAGED])
    finally:
        pdf.close()
    return _assemble(path, raw_pages)


def _page_text(pdf: pdfium.PdfDocument, index: int) -> str | None:
    """The text of one page, or None when the page is a scan (needs OCR)."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
        if sum(1 for c in text if not c.isspace()) >= MIN_TEXT_CHARS:
            return text
        # A blank page has nothing to read; a page with images or drawings has, via OCR.
        has_content = any(True for _ in page.get_objects(max_depth=1))
        return None if has_content else ""
    finally:
        page.close()


def strip_page_marks(lines: list[str], number: int) -> list[str]:
    """Drop page-number lines (`第1页 共3页`, `- 1 -`, `1/3`, a bare `1`) at the page edges."""
    kept = list(lines)
    content = [i for i, line in enumerate(kept) if line.strip()]
    edges = set(content[:_EDGE_LINES] + content[-_EDGE_LINES:])
    for i in sorted(edges, reverse=True):
        line = kept[i].strip()
        if _PAGE_MARK.fullmatch(line) or line == str(number):
            del kept[i]
    return kept


def _assemble(path: str, raw_pages: list[str | None]) -> Document:
    page_lines = [
        strip_page_marks(split_lines(raw), n) if raw is not None else []
        for n, raw in enumerate(raw_pages, start=1)
    ]
    width = wrap_width([line for lines in page_lines for line in lines])
    pages: list[Page] = []
    blocks: list[Block] = []
    parts: list[str] = []
    offset = 0
    for number, (raw, lines) in enumerate(zip(raw_pages, page_lines, strict=True), start=1):
        text = normalize_text("\n".join(lines), width).strip("\n")
        pages.append(Page(number, offset, offset + len(text), "none" if raw is None else "text"))
        blocks.append(Block(offset, offset + len(text), f"page{number}"))
        parts.append(text)
        offset += len(text) + 1
    return Document(
        id="",
        path=path,
        text="\n".join(parts),
        pages=pages,
        blocks=blocks,
        text_source=_text_source(pages),
    )


def _text_source(pages: list[Page]) -> TextSource:
    scanned = sum(1 for p in pages if p.needs_ocr)
    if pages and scanned == len(pages):
        return "none"
    return "mixed" if scanned else "text"
