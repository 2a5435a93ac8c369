"""Word documents (.docx), read with python-docx and its XML.

Text order: the distinct headers (what is printed above the body: an authority, a 文号), body
paragraphs, tables and content controls in document order, then text boxes, then the distinct
footers without their page-number lines (第1页共3页). Each piece is one `Block`, on its own line.

A table row of several cells reads as the text form of a row, `| 案由 | 殴打他人 |`, one
`Block` per cell; a cell's paragraphs are joined on that line (a label written one character per
line, 案/件/来/源, as one word), and a row of one cell spanning the table reads as paragraphs.
A symbol character (a Wingdings check box) reads as its Unicode character (□ ☑).

A picture that shows a red seal (an electronic seal) gets a `Block` with locator `seal:<locator>`
spanning the body paragraph or table that holds it (`seal:p12`, `seal:t0.r3.c1`).

Paragraph text is collected from the XML rather than `Paragraph.text`, which skips tracked
insertions (w:ins), inline content controls (w:sdt), simple fields and smart tags.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import Part, PartFactory
from docx.oxml.exceptions import InvalidXmlError
from docx.oxml.ns import qn
from lxml import etree

from casecheck.ingest.container import BOMB_MIN_BYTES, MAX_RATIO
from casecheck.ingest.normalize import normalize_text
from casecheck.ingest.page_marks import is_page_mark
from casecheck.ingest.seal import image_has_seal
from casecheck.ingest.sniff import ZIP_ERRORS
from casecheck.model import Block, Document
from casecheck.resources import load_yaml

DAMAGED = "Word 文件已损坏或不完整，无法读取"
HAS_DTD = "Word 文件中含有 Word 不会写入的 DTD 声明（可能是恶意构造的文件），未读取"
PART_TOO_LARGE = (
    "Word 文件内部的组成部分过大或压缩比异常（可能是恶意构造的文件），未读取；"
    "请用 Word 或 WPS 打开后另存再检查"
)
# Limits on the parts of a package, uncompressed: an XML part (the text of a 1,000,000
# character document with heavy formatting is well under this), any other part (a picture),
# all parts together. A part this large compressing better than MAX_RATIO : 1 is a bomb.
MAX_XML_PART_BYTES = 48 * 2**20
MAX_PART_BYTES = 64 * 2**20
MAX_PACKAGE_BYTES = 256 * 2**20

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_TXBX = qn("w:txbxContent")
_TR, _TC, _TC_PR = qn("w:tr"), qn("w:tc"), qn("w:tcPr")
_V_MERGE, _GRID_SPAN, _VAL = qn("w:vMerge"), qn("w:gridSpan"), qn("w:val")
# Subtrees holding no visible text of this paragraph: deleted text, properties, text boxes
# (read separately) and the VML copy of a drawing.
_SKIP = {
    *map(qn, ("w:del", "w:moveFrom", "w:pPr", "w:rPr", "w:sdtPr", "w:sdtEndPr")),
    _TXBX,
    _MC_FALLBACK,
}
# How python-docx fails on well-formed XML of the wrong shape (a part of the wrong type, a
# relationship without a target, a missing required attribute): found by fuzzing.
_MALFORMED = (
    PackageNotFoundError,
    InvalidXmlError,
    KeyError,
    TypeError,
    AttributeError,
    etree.LxmlError,
)
_BLIP, _EMBED = qn("a:blip"), qn("r:embed")
_DRAWINGS = {qn("wp:inline"), qn("wp:anchor")}
_EXTENT = qn("wp:extent")
EMU_PER_MM = 36000
_CHARS = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
_SYM, _FONT, _CHAR = qn("w:sym"), qn("w:font"), qn("w:char")
ROW_BAR, CELL_BAR, ROW_END = "| ", " | ", " |"
# A cell of more lines than this is running text (a record's questions and answers in its
# form), kept on its lines; fewer (an opinion, the signature, the date) go on the row's line.
MAX_INLINE_LINES = 4


@dataclass(frozen=True)
class _Piece:
    """One block of text: its locator, raw text and body child (for seals), the text written
    before it that is no part of it (a row's opening bar) and what follows it."""

    locator: str
    raw: str
    child: etree._Element | None
    lead: str = ""
    tail: str = "\n"


# Parts python-docx parses on opening that the reader never reads: while this thread opens a
# document to read it, they stay unparsed blobs (a third of the time a case file takes to
# read). Other threads — the Word reports — open documents as python-docx always does.
_UNREAD_PARTS = frozenset(
    {CT.WML_STYLES, CT.WML_SETTINGS, CT.WML_NUMBERING, CT.WML_COMMENTS, CT.OPC_CORE_PROPERTIES}
)
_reading = threading.local()
_docx_selector = PartFactory.part_class_selector


def _select_part_class(content_type: str, reltype: str) -> type[Part] | None:
    if getattr(_reading, "lean", False) and content_type in _UNREAD_PARTS:
        return Part
    return _docx_selector(content_type, reltype) if _docx_selector else None


PartFactory.part_class_selector = _select_part_class


def _open(data: bytes) -> WordDocument:
    _reading.lean = True
    try:
        return docx.Document(io.BytesIO(data))
    finally:
        _reading.lean = False


def read_docx(path: str, data: bytes) -> Document:
    problem = _package_problem(data)
    if problem:
        return Document(id="", path=path, errors=[problem])
    try:
        word = _open(data)
        if word.element.body is None:
            return Document(id="", path=path, errors=[DAMAGED])
        pieces = [
            *_headers_footers(word, "header"),
            *_body(word),
            *_text_boxes(word),
            *_headers_footers(word, "footer"),
        ]
        sealed = _sealed_body_children(word)
    except (*ZIP_ERRORS, *_MALFORMED):
        return Document(id="", path=path, errors=[DAMAGED])
    blocks: list[Block] = []
    parts: list[str] = []
    spans: dict[etree._Element, list[Block]] = {}
    offset = 0
    for piece in pieces:
        text = normalize_text(piece.raw).strip("\n")
        offset += len(piece.lead)
        blocks.append(Block(offset, offset + len(text), piece.locator))
        if piece.child in sealed:
            spans.setdefault(piece.child, []).append(blocks[-1])
        parts += [piece.lead, text, piece.tail]
        offset += len(text) + len(piece.tail)
    for held in spans.values():
        blocks.append(Block(held[0].start, held[-1].end, f"seal:{held[0].locator}"))
    text = "".join(parts).removesuffix("\n")
    return Document(id="", path=path, text=text, blocks=blocks)


def _sealed_body_children(word: WordDocument) -> set[etree._Element]:
    """The body paragraphs and tables holding a picture of a red seal. Each distinct picture
    is decoded once per width, however often it is placed."""
    body = word.element.body
    sealed = set()
    seen: dict[tuple[str, int], bool] = {}
    for blip in body.iter(_BLIP):
        drawing = next((a for a in blip.iterancestors() if a.tag in _DRAWINGS), None)
        extent = drawing.find(_EXTENT) if drawing is not None else None
        part = word.part.related_parts.get(blip.get(_EMBED, ""))
        if extent is None or part is None:
            continue
        width_mm = _int(extent.get("cx")) / EMU_PER_MM
        key = (str(part.partname), round(width_mm))
        if key not in seen:
            seen[key] = image_has_seal(part.blob, width_mm)
        if seen[key]:
            child = next(a for a in [blip, *blip.iterancestors()] if a.getparent() is body)
            sealed.add(child)
    return sealed


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _package_problem(data: bytes) -> str | None:
    """Why the package must not be opened (Chinese), or None.

    python-docx loads every part into memory and parses the XML parts whole, so each part's
    size is checked first: a part larger than its limit, one that compresses like a bomb, or
    parts adding up to more than MAX_PACKAGE_BYTES. An XML part with a DOCTYPE (the carrier of
    entity bombs and external entities, which Word never writes) is refused too; the DOCTYPE
    precedes the root element, so each part's first KiB is enough."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            total = 0
            for info in package.infolist():
                xml = info.filename.endswith((".xml", ".rels"))
                total += info.file_size
                if info.file_size > (MAX_XML_PART_BYTES if xml else MAX_PART_BYTES):
                    return PART_TOO_LARGE
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size >= BOMB_MIN_BYTES and ratio > MAX_RATIO:
                    return PART_TOO_LARGE
                if total > MAX_PACKAGE_BYTES:
                    return PART_TOO_LARGE
                if xml:
                    with package.open(info) as part:
                        if b"<!DOCTYPE" in part.read(1024).upper():
                            return HAS_DTD
    except ZIP_ERRORS:
        return None  # python-docx reports the damage
    return None


def _body(word: WordDocument) -> Iterator[_Piece]:
    """Paragraphs `p<N>` (N = index in `doc.paragraphs`), cells `t<T>.r<R>.c<C>` (T = index in
    `doc.tables`, C = grid column) and body-level content controls `sdt<N>`."""
    counts = {_P: 0, _TBL: 0, _SDT: 0}
    for child in word.element.body:
        if child.tag not in counts:
            continue
        n = counts[child.tag]
        counts[child.tag] += 1
        if child.tag == _P:
            yield _Piece(f"p{n}", _paragraph_text(child), child)
        elif child.tag == _TBL:
            yield from _table(child, n)
        else:
            yield _Piece(f"sdt{n}", "\n".join(_lines(child.find(_SDT_CONTENT))), child)


def _table(tbl: etree._Element, n: int) -> Iterator[_Piece]:
    """A row of several cells as one line `| 标签 | 值 |`; a row of one cell as its
    paragraphs, like the body's."""
    for r, cells, single in _rows(tbl):
        if single:
            c, tc = cells[0]
            yield _Piece(f"t{n}.r{r}.c{c}", "\n".join(_lines(tc)), tbl)
            continue
        for i, (c, tc) in enumerate(cells):
            yield _Piece(
                f"t{n}.r{r}.c{c}",
                _cell_text(tc),
                tbl,
                lead=ROW_BAR if i == 0 else "",
                tail=ROW_END + "\n" if i == len(cells) - 1 else CELL_BAR,
            )


def _cell_text(tc: etree._Element) -> str:
    """A cell's lines on one line: a label written one character per line (案/件/来/源) as
    one word, other lines (an opinion, the signature, the date below) with a blank between;
    the lines of a cell of running text as they are."""
    lines = [line.strip() for line in "\n".join(_lines(tc)).split("\n") if line.strip()]
    if len(lines) > 1 and all(len(line) == 1 for line in lines):
        return "".join(lines)
    return ("\n" if len(lines) > MAX_INLINE_LINES else " ").join(lines)


def _distinct_cells(tbl: etree._Element) -> Iterator[tuple[int, int, etree._Element]]:
    """(row, cell position, <w:tc>) of each cell holding content (see `_rows`)."""
    for r, cells, _ in _rows(tbl):
        for c, tc in cells:
            yield r, c, tc


def _rows(
    tbl: etree._Element,
) -> Iterator[tuple[int, list[tuple[int, etree._Element]], bool]]:
    """Each row: its cells holding content as (cell position, <w:tc>), and whether the row is
    a single cell (spanning the table), read from the XML.

    The position is the cell's index in python-docx's `row.cells` (a cell spanning k grid
    columns takes k places), so locators stay those of `word.tables[t].rows[r].cells[c]`. A
    cell continuing a vertical merge holds no content of its own and is skipped. python-docx
    itself is not used: `row.cells` repeats a cell once per spanned column (a gridSpan of
    millions) and walks each vertical merge back to its first row (quadratic)."""
    for r, tr in enumerate(tbl.iterchildren(_TR)):
        position, cells, count = 0, [], 0
        for tc in tr.iterchildren(_TC):
            count += 1
            tc_pr = tc.find(_TC_PR)
            merge = tc_pr.find(_V_MERGE) if tc_pr is not None else None
            span = tc_pr.find(_GRID_SPAN) if tc_pr is not None else None
            if merge is None or merge.get(_VAL) == "restart" or r == 0:
                cells.append((position, tc))
            position += max(1, _int(span.get(_VAL) if span is not None else None, 1))
        if cells:
            yield r, cells, count == 1


def _lines(container: etree._Element | None) -> Iterator[str]:
    """Text lines of a body-like element (cell, header, text box, content control)."""
    for child in container if container is not None else ():
        if child.tag == _P:
            yield _paragraph_text(child)
        elif child.tag == _TBL:
            for _, _, tc in _distinct_cells(child):
                yield from _lines(tc)
        elif child.tag == _SDT:
            yield from _lines(child.find(_SDT_CONTENT))


def _paragraph_text(element: etree._Element) -> str:
    parts: list[str] = []
    for child in element:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag == qn("w:br"):
            # Page and column breaks are layout; a plain break is a line break.
            parts.append("" if child.get(qn("w:type")) in ("page", "column") else "\n")
        elif tag in _CHARS:
            parts.append(_CHARS[tag])
        elif tag == _SYM:
            parts.append(_symbol(child.get(_FONT), child.get(_CHAR)))
        else:
            parts.append(_paragraph_text(child))
    return "".join(parts)


@cache
def _symbols() -> dict[str, dict[str, str]]:
    return {
        font.lower(): {str(code).lower(): char for code, char in chars.items()}
        for font, chars in load_yaml("lexicon", "word_symbols.yaml")["fonts"].items()
    }


def _symbol(font: str | None, code: str | None) -> str:
    """The Unicode character of a symbol-font character (checklists/lexicon/word_symbols.yaml);
    nothing for one not listed."""
    try:
        low = f"{int(code or '', 16) & 0xFF:02x}"
    except ValueError:
        return ""
    return _symbols().get((font or "").lower(), {}).get(low, "")


def _text_boxes(word: WordDocument) -> Iterator[_Piece]:
    """Text boxes `textbox<N>` in the body; the VML fallback copy of each is skipped."""
    n = 0
    for box in word.element.body.iter(_TXBX):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        text = "\n".join(_lines(box))
        if text.strip():
            yield _Piece(f"textbox{n}", text, None)
            n += 1


def _headers_footers(word: WordDocument, kind: str) -> Iterator[_Piece]:
    """The distinct non-empty headers (or footers) of all sections, without page-number lines
    (a footer's 第 PAGE 页 共 NUMPAGES 页 reads as the numbers Word last showed)."""
    seen: set[str] = set()
    for section in word.sections:
        for part in (
            getattr(section, f"first_page_{kind}"),
            getattr(section, kind),
            getattr(section, f"even_page_{kind}"),
        ):
            if part.is_linked_to_previous:
                continue
            lines = [line for line in _lines(part._element) if not is_page_mark(line)]
            text = "\n".join(lines)
            if text.strip() and text not in seen:
                seen.add(text)
                yield _Piece(kind, text, None)
