"""Where a span of a PDF document's text lies on its pages: rectangles for the app to mark.

A page's text in a `Document` is pdfium's text of that page with spaces and invisible
characters dropped, lines wrapped at the margin joined, and page-number lines removed (see
`pdf_reader`): the visible characters keep their order. So the span's visible characters are
found again among the page's characters (the occurrence nearest to where the span sits on the
page), and pdfium's box of each gives the rectangles. Pages read by OCR have no character
boxes in the file: they get the page without rectangles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from casecheck.model import Document

# Characters the reader drops from a page's text (spaces, controls, zero-width characters).
_DROPPED = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Character boxes on one line overlap vertically by at least this share of the smaller height.
SAME_LINE = 0.5


@dataclass(frozen=True)
class QuoteRect:
    """A rectangle in PDF points from the page's top-left corner (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class QuoteOnPage:
    """The part of a span on one page of the file: `page` counts in the file (1-based);
    `rects` is empty where the page has no character boxes (a scan read by OCR)."""

    page: int
    width: float
    height: float
    rects: list[QuoteRect] = field(default_factory=list)


def quote_boxes(data: bytes, document: Document, start: int, end: int) -> list[QuoteOnPage]:
    """The rectangles of `document.text[start:end]` on the pages of the PDF `data`, page by
    page; [] where the document is not paged or the file cannot be opened."""
    pages = [p for p in document.pages if p.start < end and start < p.end] or [
        p for p in document.pages if p.start <= start <= p.end
    ][:1]
    if not pages:
        return []
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return []
    out = []
    try:
        for page in pages:
            if not 1 <= page.number <= len(pdf):
                continue
            local = (max(start, page.start) - page.start, min(end, page.end) - page.start)
            text = document.text[page.start : page.end]
            pdf_page = pdf[page.number - 1]
            try:
                width, height = pdf_page.get_size()
                rects = [] if page.text_source != "text" else _rects(pdf_page, text, *local)
            finally:
                pdf_page.close()
            out.append(QuoteOnPage(page.number, width, height, rects))
    except pdfium.PdfiumError:
        return out
    finally:
        pdf.close()
    return out


def _visible(char: str) -> bool:
    return not (char.isspace() or char in _DROPPED or ord(char) < 0x20 or ord(char) == 0x7F)


def _rects(page: pdfium.PdfPage, text: str, start: int, end: int) -> list[QuoteRect]:
    wanted = "".join(c for c in text[start:end] if _visible(c))
    if not wanted:
        return []
    before = sum(1 for c in text[:start] if _visible(c))
    textpage = page.get_textpage()
    try:
        indices = [
            i
            for i in range(textpage.count_chars())
            if _visible(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 0x20))
        ]
        chars = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in indices)
        found = _nearest(chars, wanted, before)
        if found is None:
            return []
        boxes = [_box(textpage, i) for i in indices[found : found + len(wanted)]]
    finally:
        textpage.close()
    _, page_height = page.get_size()
    return [
        QuoteRect(left, page_height - top, right, page_height - bottom)
        for left, bottom, right, top in _lines(boxes)
    ]


def _box(textpage: pdfium.PdfTextPage, index: int) -> tuple[float, float, float, float]:
    """A character's box (left, bottom, right, top): its glyph's width, and the font's height
    (the loose box), so that a line's boxes line up and a neighbour is not covered."""
    left, _, right, _ = textpage.get_charbox(index)
    loose_left, bottom, loose_right, top = textpage.get_charbox(index, loose=True)
    if right <= left:  # a glyph without ink (a space-like character)
        left, right = loose_left, loose_right
    return left, bottom, right, top


def _nearest(chars: str, wanted: str, expected: int) -> int | None:
    """The index of the occurrence of `wanted` in `chars` nearest to `expected`."""
    hits = []
    at = chars.find(wanted)
    while at >= 0:
        hits.append(at)
        at = chars.find(wanted, at + 1)
    return min(hits, key=lambda i: abs(i - expected), default=None)


def _lines(
    boxes: list[tuple[float, float, float, float]],
) -> list[tuple[float, float, float, float]]:
    """Character boxes (left, bottom, right, top) merged into one box per line of text."""
    out: list[list[float]] = []
    for left, bottom, right, top in boxes:
        if right <= left and top <= bottom:
            continue  # a character without extent
        if out and _overlap(out[-1], bottom, top) >= SAME_LINE * min(top - bottom, _h(out[-1])):
            line = out[-1]
            line[:] = [
                min(line[0], left),
                min(line[1], bottom),
                max(line[2], right),
                max(line[3], top),
            ]
        else:
            out.append([left, bottom, right, top])
    return [(a, b, c, d) for a, b, c, d in out]


def _h(box: list[float]) -> float:
    return box[3] - box[1]


def _overlap(box: list[float], bottom: float, top: float) -> float:
    return min(box[3], top) - max(box[1], bottom)
