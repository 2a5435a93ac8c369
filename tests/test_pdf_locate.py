"""Where a span of a PDF document lies on its pages: the rectangles hold exactly its text."""

from __future__ import annotations

from dataclasses import replace

import pypdfium2 as pdfium
import pytest

from casecheck import quote_boxes, read_case
from casecheck.samples import generate_case


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    out = tmp_path_factory.mktemp("locate") / "案卷"
    case = generate_case(out, defects=["old_hearing_period"], seed=4, layout="merged-pdf")
    return case.path.read_bytes(), read_case(case.path)


def text_in(data: bytes, page: int, rect) -> str:
    """The page's characters inside `rect` (top-left origin), read independently by pdfium."""
    pdf = pdfium.PdfDocument(data)
    try:
        pdf_page = pdf[page - 1]
        height = pdf_page.get_size()[1]
        textpage = pdf_page.get_textpage()
        return textpage.get_text_bounded(
            rect.left, height - rect.bottom, rect.right, height - rect.top
        )
    finally:
        pdf.close()


def visible(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def part(case_file, doc_type):
    return next(d for d in case_file.documents if d.doc_type == doc_type)


def test_a_quote_on_one_line_is_one_rectangle_around_its_characters(merged):
    data, case_file = merged
    notice = part(case_file, "行政处罚告知书")
    quote = "三日内"
    start = notice.text.index(quote)
    (found,) = quote_boxes(data, notice, start, start + len(quote))
    assert found.page == notice.page_at(start) == notice.source_pages[0]
    (rect,) = found.rects
    assert visible(text_in(data, found.page, rect)) == quote
    assert (
        0 <= rect.left < rect.right <= found.width and 0 <= rect.top < rect.bottom <= found.height
    )


def test_a_quote_across_lines_and_pages_is_marked_line_by_line_on_each_page(merged):
    data, case_file = merged
    decision = part(case_file, "行政处罚决定书")
    assert decision.source_pages[1] > decision.source_pages[0]
    first, second = decision.pages[:2]
    start, end = first.end - 60, second.start + 60  # the last lines of one page, the first of next
    found = quote_boxes(data, decision, start, end)
    assert [f.page for f in found] == [first.number, second.number]
    for on_page, (a, b) in zip(found, [(start, first.end), (second.start, end)], strict=True):
        assert len(on_page.rects) >= 2  # one rectangle per line
        marked = "".join(visible(text_in(data, on_page.page, r)) for r in on_page.rects)
        assert marked == visible(decision.text[a:b])


def test_a_repeated_phrase_is_found_where_the_span_is_not_at_its_first_occurrence(merged):
    data, case_file = merged
    decision = part(case_file, "行政处罚决定书")
    phrase = "当事人"
    starts = [i for i in range(len(decision.text)) if decision.text.startswith(phrase, i)]
    first_page = [s for s in starts if decision.page_at(s) == decision.pages[0].number]
    assert len(first_page) >= 3
    later = first_page[2]
    (found,) = quote_boxes(data, decision, later, later + len(phrase))
    (earliest,) = quote_boxes(data, decision, first_page[0], first_page[0] + len(phrase))
    assert found.rects[0].top > earliest.rects[0].top  # further down the page, not the first


def test_a_page_read_by_ocr_gets_the_page_without_rectangles(merged):
    data, case_file = merged
    notice = part(case_file, "行政处罚告知书")
    scanned = replace(notice, pages=[replace(p, text_source="ocr") for p in notice.pages])
    start = notice.text.index("三日内")
    (found,) = quote_boxes(data, scanned, start, start + 3)
    assert found.page == notice.source_pages[0] and found.rects == []


def test_no_pages_or_a_damaged_file_give_nothing(merged):
    data, case_file = merged
    notice = part(case_file, "行政处罚告知书")
    assert quote_boxes(b"not a pdf", notice, 0, 5) == []
    assert quote_boxes(data, replace(notice, pages=[]), 0, 5) == []


@pytest.mark.corpus
def test_spans_of_published_decisions_are_marked_on_exactly_their_characters(corpus_dir):
    """Random spans of the text-layer pages of real PDFs: the marked rectangles hold the span's
    characters (pdfium reads them back from the rectangles)."""
    import random

    from casecheck.ingest import ReadOptions, read_path

    pdfs = sorted(corpus_dir.rglob("*.pdf"))
    if not pdfs:
        pytest.skip("no published PDF decisions")
    rng = random.Random(1)
    exact = total = 0
    for path in pdfs:
        data = path.read_bytes()
        for doc in read_path(path, ReadOptions(ocr=False)).documents:
            for page in doc.pages:
                if page.text_source != "text" or page.end - page.start < 40:
                    continue
                for _ in range(10):
                    start = rng.randrange(page.start, page.end - 20)
                    end = start + rng.randrange(2, 20)
                    if not visible(doc.text[start:end]):
                        continue
                    total += 1
                    found = quote_boxes(data, doc, start, end)
                    marked = "".join(
                        visible(text_in(data, part.page, r)) for part in found for r in part.rects
                    )
                    exact += marked == visible(doc.text[start:end])
    assert total >= 50
    # A neighbour's box may overlap a narrow digit's: a few read back one character more.
    assert exact / total >= 0.95
