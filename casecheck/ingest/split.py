"""Splitting a multi-document file (a scanned or exported case archive) into its documents.

A later page that starts with a title line (`询问笔录`, `某某局行政处罚决定书`) starts a new
document. Parts keep the file's page numbers, so findings still point at the right page of the
file; pages without text (awaiting OCR) stay with the part before them.
"""

from __future__ import annotations

from dataclasses import replace

from casecheck.classify import Catalog
from casecheck.model import Block, CaseFile, Document, Page, TextSource

# A title may sit below a page header (the authority's name, a document number).
TITLE_LINES_PER_PAGE = 3


def split_case(case: CaseFile, catalog: Catalog) -> CaseFile:
    """A new CaseFile in which every multi-document file is replaced by its parts."""
    documents = [part for doc in case.documents for part in split_document(doc, catalog)]
    return CaseFile(path=case.path, documents=documents)


def split_document(doc: Document, catalog: Catalog) -> list[Document]:
    """The parts of `doc` (ids `<id>-1`, `<id>-2` …), or `[doc]` when it holds one document."""
    if len(doc.pages) < 2 or not doc.text.strip():
        return [doc]
    starts = [0] + [
        i for i, page in enumerate(doc.pages[1:], start=1) if _starts_document(doc, page, catalog)
    ]
    if len(starts) == 1:
        return [doc]
    ends = [*starts[1:], len(doc.pages)]
    return [
        _part(doc, doc.pages[first:last], f"{doc.id}-{n}")
        for n, (first, last) in enumerate(zip(starts, ends, strict=True), start=1)
    ]


def _starts_document(doc: Document, page: Page, catalog: Catalog) -> bool:
    lines = [line for line in doc.text[page.start : page.end].splitlines() if line.strip()]
    for line in lines[:TITLE_LINES_PER_PAGE]:
        if catalog.match_title(line):
            return not catalog.is_continuation(line)
    return False


def _part(doc: Document, pages: list[Page], part_id: str) -> Document:
    start, end = pages[0].start, pages[-1].end
    return Document(
        id=part_id,
        path=doc.path,
        text=doc.text[start:end],
        pages=[replace(p, start=p.start - start, end=p.end - start) for p in pages],
        blocks=[
            Block(max(b.start, start) - start, min(b.end, end) - start, b.locator)
            for b in doc.blocks
            if (b.start < end and start < b.end) or start <= b.start == b.end <= end
        ],
        text_source=_text_source(pages),
        errors=list(doc.errors),
        source_pages=(pages[0].number, pages[-1].number),
    )


def _text_source(pages: list[Page]) -> TextSource:
    sources = {p.text_source for p in pages}
    return sources.pop() if len(sources) == 1 else "mixed"
