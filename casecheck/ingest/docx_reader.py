"""Word documents (.docx), read with python-docx.

Text order: body paragraphs and table cells in document order, then text boxes, then the
distinct headers and footers. Each piece is one `Block`; pieces are joined by `\\n`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.section import _Footer, _Header
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from casecheck.ingest.normalize import normalize_text
from casecheck.model import Block, Document

DAMAGED = "Word 文件已损坏或不完整，无法读取"

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(path: str, data: bytes) -> Document:
    try:
        word = docx.Document(io.BytesIO(data))
        pieces = [*_body(word), *_text_boxes(word), *_headers_footers(word)]
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError):
        return Document(id="", path=path, errors=[DAMAGED])
    blocks: list[Block] = []
    parts: list[str] = []
    offset = 0
    for locator, raw in pieces:
        text = normalize_text(raw)
        blocks.append(Block(offset, offset + len(text), locator))
        parts.append(text)
        offset += len(text) + 1
    return Document(id="", path=path, text="\n".join(parts), blocks=blocks)


def _body(word: docx.document.Document) -> Iterator[tuple[str, str]]:
    """Paragraphs (`p<N>`, N = index in `doc.paragraphs`) and table cells (`t<T>.r<R>.c<C>`)."""
    paragraph_index = table_index = 0
    for item in word.iter_inner_content():
        if isinstance(item, Paragraph):
            yield f"p{paragraph_index}", item.text
            paragraph_index += 1
        elif isinstance(item, Table):
            yield from _table(item, f"t{table_index}")
            table_index += 1


def _table(table: Table, name: str) -> Iterator[tuple[str, str]]:
    for r, c, cell in _distinct_cells(table):
        yield f"{name}.r{r}.c{c}", cell.text


def _distinct_cells(table: Table) -> Iterator[tuple[int, int, _Cell]]:
    """Cells with row and grid column; a merged cell (one <w:tc> repeated in `row.cells`) once."""
    seen: set[object] = set()
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell._tc not in seen:
                seen.add(cell._tc)
                yield r, c, cell


def _text_boxes(word: docx.document.Document) -> Iterator[tuple[str, str]]:
    """Text boxes (`textbox<N>`); their VML fallback copy is skipped."""
    n = 0
    for box in word.element.body.iter(qn("w:txbxContent")):
        if any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
            continue
        paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in box.iter(qn("w:p"))]
        text = "\n".join(paragraphs)
        if text.strip():
            yield f"textbox{n}", text
            n += 1


def _headers_footers(word: docx.document.Document) -> Iterator[tuple[str, str]]:
    """Distinct non-empty headers, then footers, of all sections."""
    for kind in ("header", "footer"):
        seen: set[str] = set()
        for section in word.sections:
            for part in (
                getattr(section, f"first_page_{kind}"),
                getattr(section, kind),
                getattr(section, f"even_page_{kind}"),
            ):
                if part.is_linked_to_previous:
                    continue
                text = "\n".join(_part_lines(part))
                if text.strip() and text not in seen:
                    seen.add(text)
                    yield kind, text


def _part_lines(part: _Header | _Footer) -> Iterator[str]:
    for item in part.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        else:
            yield from (cell.text for _, _, cell in _distinct_cells(item))
