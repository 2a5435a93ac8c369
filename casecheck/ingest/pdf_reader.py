"""PDF documents, read with pypdfium2 (about 1–2 ms a page; pdfplumber takes 40–200 ms).

Pages without a text layer (scans) are recognised by OCR when the `ocr` extra is installed
(`text_source="ocr"`), and otherwise stay unread (`"none"`). Lines that reach the right margin
of their page are wrapped lines, and are joined with the next line where the break falls
inside a sentence (see `normalize_text`). Every page is also looked at for a red seal; a page
showing one gets a `Block` with locator `seal:page<N>` spanning that page's text.
"""

from __future__ import annotations

import logging
import re
import time
import zlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from casecheck.ingest import ocr
from casecheck.ingest.normalize import normalize_text
from casecheck.ingest.ocr_text import repair_text
from casecheck.ingest.options import ReadOptions, ReadProgress
from casecheck.ingest.page_marks import is_page_mark
from casecheck.ingest.seal import has_seal
from casecheck.model import Block, Document, Page, TextSource

ENCRYPTED = "PDF 文件已加密，无法读取；请提供未加密的文件"
DAMAGED = "PDF 文件已损坏或不完整，无法读取"
TOO_MANY_PAGES = "PDF 文件共 {pages} 页，超过 {limit} 页，未读取；请拆分后分批检查"
TIMEOUT = "PDF 文件读取超时（超过 {seconds} 秒），未读取；请拆分后分批检查"
FLATE_BOMB = "PDF 文件中有数据流解压后过大（超过 {limit} MB，可能是恶意构造的文件），未读取"

MAX_PAGES = 1000
# No compressed stream may unpack to more than this (pdfium holds a content stream whole, so a
# 400 KB file could otherwise take gigabytes); a scanned A3 page at 600 dpi is 210 MB raw.
MAX_STREAM_BYTES = 256 * 2**20
# Deflate cannot unpack to more than about 1,032 times its input: shorter streams are safe.
_DEFLATE_MAX_RATIO = 1100
_STREAM = re.compile(rb"stream\r?\n")
# Pages are rendered at this resolution to look for a seal.
SEAL_DPI = 50
# A page is never rendered larger than this many pixels (a page of 14,400 pt would take
# gigabytes at the resolutions above): a larger page is rendered at a lower resolution.
# An A3 page is 0.5 MP for seals and 4 MP for OCR.
MAX_SEAL_PIXELS = 4_000_000
MAX_OCR_PIXELS = 16_000_000

if TYPE_CHECKING:
    from collections.abc import Iterator

    import numpy as np

log = logging.getLogger(__name__)

# Fewer visible characters than this on a page with visible content means a scanned page.
MIN_TEXT_CHARS = 10
# A wrapped line starts at the left margin (allowing a two-character paragraph indent) and
# ends at the right margin, within these many character heights; the next line has the same
# character height. A page needs MIN_FULL_LINES such lines to count as running text.
INDENT_CHARS = 2.5
MARGIN_CHARS = 1.5
MIN_FULL_LINES = 3
# A line that fills a table cell, after a wrapped line, to the right margin and over at least
# this share of the text width, is wrapped too (the cell's lines start right of the margin).
CELL_LINE_SHARE = 0.5
# Two lines are of the same size when their heights differ by at most this share: a text
# layer's glyph heights, or OCR's boxes, which a line of brackets or 《》 makes taller.
SIZE_TOLERANCE = 0.15
OCR_SIZE_TOLERANCE = 0.25
# On a recognised page a form's rows are marked as table rows (`ocr.CELL_SEPARATOR`) and never
# joined, so two full lines (one paragraph wrapped once, as in a 询问笔录) are running text.
OCR_MIN_FULL_LINES = 2
# OCR's boxes end up to half a character short of the text they hold.
OCR_MARGIN_CHARS = 2.0

# Only the first and last few lines of a page can be its header or footer.
_EDGE_LINES = 2


@dataclass(frozen=True)
class _Line:
    text: str
    wrapped: bool = False  # fills the line and continues on the next line


@dataclass(frozen=True)
class _Extent:
    """Where a line's first and last visible characters are (page units)."""

    left: float
    right: float
    height: float  # of the last character: the font size, roughly
    ends_in_word: bool  # not in punctuation, which may hang past the margin


@dataclass(frozen=True)
class _PageRead:
    """One page as read: its lines (None for a scan not recognised), where they came from,
    and whether a seal shows on it."""

    lines: list[_Line] | None
    source: TextSource
    seal: bool


def read_pdf(path: str, data: bytes, options: ReadOptions | None = None) -> Document:
    options = options or ReadOptions()
    if _has_flate_bomb(data):
        return Document(id="", path=path, errors=[FLATE_BOMB.format(limit=MAX_STREAM_BYTES >> 20)])
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        locked = exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
        return Document(id="", path=path, errors=[ENCRYPTED if locked else DAMAGED])
    try:
        if len(pdf) > MAX_PAGES:
            error = TOO_MANY_PAGES.format(pages=len(pdf), limit=MAX_PAGES)
            return Document(id="", path=path, errors=[error])
        deadline = time.monotonic() + options.file_seconds
        pages = []
        for index in range(len(pdf)):
            if time.monotonic() > deadline:
                error = TIMEOUT.format(seconds=round(options.file_seconds))
                return Document(id="", path=path, errors=[error])
            pages.append(_read_page(pdf, index))
        if options.ocr and any(p.lines is None for p in pages) and ocr.available():
            _recognize_scans(pdf, pages, path, options)
    except pdfium.PdfiumError:
        return Document(id="", path=path, errors=[DAMAGED])
    finally:
        pdf.close()
    return _assemble(path, pages)


def _has_flate_bomb(data: bytes) -> bool:
    """Whether a Flate-compressed stream unpacks to more than MAX_STREAM_BYTES. Only streams
    long enough to do so are unpacked, in chunks whose output is counted and dropped."""
    shortest = MAX_STREAM_BYTES // _DEFLATE_MAX_RATIO
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        length = (end if end >= 0 else len(data)) - start
        if length < shortest or b"/FlateDecode" not in data[max(0, match.start() - 2048) : start]:
            continue
        if _unpacked_size(data[start : start + length], MAX_STREAM_BYTES + 1) > MAX_STREAM_BYTES:
            return True
    return False


def _unpacked_size(compressed: bytes, limit: int) -> int:
    """The size `compressed` inflates to, counted up to `limit` in bounded memory."""
    inflate = zlib.decompressobj()
    size = 0
    pending = compressed
    try:
        while pending and size < limit and not inflate.eof:
            size += len(inflate.decompress(pending, 2**20))
            pending = inflate.unconsumed_tail
    except zlib.error:
        pass  # damaged data: pdfium reports it or reads what it can
    return size


def _read_page(pdf: pdfium.PdfDocument, index: int) -> _PageRead:
    """The text layer of one page (lines None when the page is a scan) and its seal."""
    page = pdf[index]
    try:
        dpi = render_dpi(page.get_size(), SEAL_DPI, MAX_SEAL_PIXELS)
        seal = dpi > 0 and has_seal(_render(page, dpi), dpi)
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            if sum(1 for c in text if not c.isspace()) >= MIN_TEXT_CHARS:
                return _PageRead(_lines_with_margin(textpage, text), "text", seal)
        finally:
            textpage.close()
        # A blank page has nothing to read; a page with images or drawings has, via OCR.
        has_content = any(True for _ in page.get_objects(max_depth=1))
        return _PageRead(None, "none", seal) if has_content else _PageRead([], "text", seal)
    finally:
        page.close()


def render_dpi(size: tuple[float, float], dpi: float, max_pixels: int) -> float:
    """The resolution to render a page of `size` (points) at: `dpi`, lowered so the image
    has at most `max_pixels`; 0 for a page without area."""
    width, height = size
    if not (width > 0 and height > 0):
        return 0.0
    pixels = width * height * (dpi / 72) ** 2
    return dpi if pixels <= max_pixels else 72 * (max_pixels / (width * height)) ** 0.5


def _render(page: pdfium.PdfPage, dpi: float) -> np.ndarray:
    return page.render(scale=dpi / 72, rev_byteorder=True).to_numpy()


def _recognize_scans(
    pdf: pdfium.PdfDocument, pages: list[_PageRead], path: str, options: ReadOptions
) -> None:
    """OCR the scanned pages in place (pages with a text layer are not rendered)."""
    todo = [i for i, p in enumerate(pages) if p.lines is None]
    # A page without area has nothing to recognise.
    todo = [i for i in todo if render_dpi(pdf.get_page_size(i), ocr.SETTINGS.dpi, MAX_OCR_PIXELS)]
    recognize_into(pages, todo, _ocr_images(pdf, todo), path, options)


def recognize_into(
    pages: list[_PageRead],
    todo: list[int],
    images: Iterator[np.ndarray],
    path: str,
    options: ReadOptions,
) -> None:
    """OCR the page images of `todo` (pages rendered one at a time by `images`) into `pages`,
    reporting progress in page order; after a page that fails or takes too long, the
    remaining scans stay unread. Shared by the PDF and OFD readers."""
    if options.progress:
        options.progress(ReadProgress("ocr", path, 0, len(todo)))
    found_pages = ocr.recognize_pages(images, options.ocr_page_seconds)
    try:
        for done, (index, found) in enumerate(zip(todo, found_pages, strict=False), start=1):
            if found is None:
                log.warning("OCR of page %d of %s took too long", index + 1, path)
                return
            pages[index] = replace(pages[index], lines=_ocr_lines(found), source="ocr")
            if options.progress:
                options.progress(ReadProgress("ocr", path, done, len(todo)))
    except Exception:  # an OCR engine failure leaves the scans unread, not the file
        log.exception("OCR failed on %s", path)
    finally:
        found_pages.close()


def _ocr_images(pdf: pdfium.PdfDocument, indices: list[int]) -> Iterator[np.ndarray]:
    """The pages rendered for OCR, one at a time."""
    for index in indices:
        page = pdf[index]
        try:
            yield _render(page, render_dpi(page.get_size(), ocr.SETTINGS.dpi, MAX_OCR_PIXELS))
        finally:
            page.close()


def _ocr_lines(found: list[ocr.OcrLine]) -> list[_Line]:
    extents: list[_Extent | None] = [
        _Extent(line.left, line.right, line.height, line.text.rstrip()[-1:].isalnum())
        for line in found
    ]
    return _wrapped([line.text for line in found], extents, recognised=True)


def _lines_with_margin(textpage: pdfium.PdfTextPage, text: str) -> list[_Line]:
    """Split `text` into lines and mark those wrapped at the right margin of the page."""
    lines = text.split("\n")
    extents: list[_Extent | None] = []
    start = 0
    geometry = len(text) == textpage.count_chars()  # text offsets are character indices
    for line in lines:
        first = start + len(line) - len(line.lstrip())
        last = start + len(line.rstrip()) - 1
        if geometry and last >= first:
            left = textpage.get_charbox(first, loose=True)[0]
            _, bottom, right, top = textpage.get_charbox(last, loose=True)
            extents.append(_Extent(left, right, top - bottom, text[last].isalnum()))
        else:
            extents.append(None)
        start += len(line) + 1
    return _wrapped(lines, extents)


def _wrapped(
    lines: list[str], extents: list[_Extent | None], recognised: bool = False
) -> list[_Line]:
    """The lines, those that fill the text width of the page marked as wrapped (unless the
    next line is a row of table cells). `recognised`: the lines are OCR's rows, whose heights
    vary more and whose form rows are marked."""
    present = [e for e in extents if e is not None]
    if not present:
        return [_Line(line) for line in lines]
    left_margin = min(e.left for e in present)
    word_ends = [e.right for e in present if e.ends_in_word]
    right_margin = max(word_ends or [e.right for e in present])
    full: list[bool] = []
    for e in extents:
        margin = (OCR_MARGIN_CHARS if recognised else MARGIN_CHARS) * (e.height if e else 0)
        at_right = e is not None and e.right >= right_margin - margin
        at_left = e is not None and e.left <= left_margin + INDENT_CHARS * e.height
        # A wrapped table cell goes on from the cell's own left edge, not the page's.
        in_cell = (
            e is not None
            and bool(full)
            and full[-1]
            and e.right - e.left >= CELL_LINE_SHARE * (right_margin - left_margin)
        )
        full.append(at_right and (at_left or in_cell))
    if sum(full) < (OCR_MIN_FULL_LINES if recognised else MIN_FULL_LINES):
        return [_Line(line) for line in lines]
    size_tolerance = OCR_SIZE_TOLERANCE if recognised else SIZE_TOLERANCE
    following = [*extents[1:], None]
    # A line of cells (a recognised table row) starts a row of its own.
    row_starts = [ocr.CELL_SEPARATOR in line for line in [*lines[1:], ""]]
    return [
        _Line(line, is_full and _same_size(extent, nxt, size_tolerance) and not row)
        for line, is_full, extent, nxt, row in zip(
            lines, full, extents, following, row_starts, strict=True
        )
    ]


def _same_size(line: _Extent | None, nxt: _Extent | None, tolerance: float) -> bool:
    return (
        line is not None
        and nxt is not None
        and abs(line.height - nxt.height) <= tolerance * line.height
    )


def page_mark_lines(lines: list[str], number: int) -> set[int]:
    """Indices of page-number lines (`第1页 共3页`, `- 1 -`, `1/3`, a bare `1`) at the edges."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    edges = content[:_EDGE_LINES] + content[-_EDGE_LINES:]
    return {i for i in edges if is_page_mark(lines[i]) or lines[i].strip() == str(number)}


def _page_text(lines: list[_Line], number: int) -> str:
    marks = page_mark_lines([line.text for line in lines], number)
    kept = [line for i, line in enumerate(lines) if i not in marks]
    full = {i for i, line in enumerate(kept) if line.wrapped}
    return normalize_text("\n".join(line.text for line in kept), full).strip("\n")


def _assemble(path: str, reads: list[_PageRead]) -> Document:
    pages: list[Page] = []
    blocks: list[Block] = []
    parts: list[str] = []
    offset = 0
    for number, read in enumerate(reads, start=1):
        text = "" if read.lines is None else _page_text(read.lines, number)
        if read.source == "ocr":
            text = repair_text(text)
        pages.append(Page(number, offset, offset + len(text), read.source))
        blocks.append(Block(offset, offset + len(text), f"page{number}"))
        if read.seal:
            blocks.append(Block(offset, offset + len(text), f"seal:page{number}"))
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
    """One source when all pages with content share it, else "mixed"; blank pages don't count."""
    sources = {p.text_source for p in pages if p.text_source != "text" or p.end > p.start}
    if len(sources) > 1:
        return "mixed"
    return sources.pop() if sources else "text"
