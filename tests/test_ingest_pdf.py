"""PDF reading: text pages, wrapped lines, page-number lines, scanned pages, broken files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from casecheck.ingest import ReadOptions, read_path
from casecheck.ingest.pdf_reader import DAMAGED, ENCRYPTED, page_mark_lines

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

FACTS = (
    "经查，当事人于2025年3月5日在其经营场所销售超过保质期的预包装食品示例牌酸奶共计48盒，"
    "货值金额人民币1440元，违法所得人民币360元。当事人的上述行为违反了食品安全法的规定，"
    "执法人员当场制作了现场检查笔录并对涉案食品予以扣押，当事人对检查结果无异议。"
)
BODY = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=24)
BODY.wordWrap, BODY.alignment = "CJK", TA_JUSTIFY
TITLE = ParagraphStyle("title", BODY, fontSize=22, leading=34, alignment=TA_CENTER)
RIGHT = ParagraphStyle("right", BODY, alignment=TA_RIGHT)

Item = str | tuple[str, ParagraphStyle]  # a body paragraph, or text in another style

PAGE_ONE: list[Item] = [
    ("清河县市场监督管理局", TITLE),
    ("行政处罚决定书", TITLE),
    ("清市监罚〔2025〕18号", RIGHT),
    "当事人：青禾示例食品有限公司",
    FACTS,
]
PAGE_TWO: list[Item] = [
    "本机关于 2025 年 4 月 10 日 向当事人送达了行政处罚告知书，当事人未提出陈述申辩。",
    "一、责令当事人改正上述违法行为；",
    "二、没收违法所得人民币360元，并处罚款人民币伍万元整。",
]


def make_pdf(pages: list[list[Item]], footer: bool = True, **doc_args: object) -> bytes:
    """A PDF laid out as Word would: justified paragraphs (long ones wrap over several lines),
    one list of paragraphs per page, and a `第n页 共m页` footer on each page."""

    def page_footer(pdf: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        if footer:
            pdf.setFont("STSong-Light", 10)
            pdf.drawCentredString(A4[0] / 2, 40, f"第{doc.page}页 共{len(pages)}页")

    flow: list[Flowable] = []
    for items in pages:
        for item in items:
            text, style = (item, BODY) if isinstance(item, str) else item
            flow.append(Paragraph(text, style))
        flow += [PageBreak()] if items else [Spacer(1, 1), PageBreak()]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, **doc_args)
    doc.build(flow[:-1], onFirstPage=page_footer, onLaterPages=page_footer)
    return out.getvalue()


def _text(item: Item) -> str:
    return item if isinstance(item, str) else item[0]


def scanned_page_pdf() -> bytes:
    """A one-page PDF that is only an image of text (as a scanner produces)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 840), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 120), fill="black")
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def add_scanned_page(pdf_bytes: bytes) -> bytes:
    """The same PDF plus a page that is only an image of text."""
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument(pdf_bytes)
    merged.import_pages(pdfium.PdfDocument(scanned_page_pdf()))
    result = io.BytesIO()
    merged.save(result)
    return result.getvalue()


def read_one(path: Path):
    """The one document of a PDF, read from its text layer only (OCR is tested elsewhere)."""
    case = read_path(path, ReadOptions(ocr=False))
    assert len(case.documents) == 1
    return case.documents[0]


@pytest.fixture
def decision_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "行政处罚决定书.pdf"
    path.write_bytes(make_pdf([PAGE_ONE, PAGE_TWO]))
    return path


def test_text_pdf_pages_and_lines(decision_pdf: Path) -> None:
    doc = read_one(decision_pdf)
    assert doc.errors == []
    assert doc.text_source == "text"
    assert doc.path == "行政处罚决定书.pdf"
    lines = doc.text.split("\n")
    # Short title lines stay separate lines; wrapped lines join up, at least within a
    # sentence (a break after 。 may stay).
    assert lines[:4] == [_text(item) for item in PAGE_ONE[:4]]
    for sentence in FACTS.split("。")[:-1]:
        assert any(sentence + "。" in line for line in lines), sentence
    assert "第1页" not in doc.text and "共2页" not in doc.text
    # Spaces between CJK and digits are gone.
    assert "本机关于2025年4月10日向当事人送达了行政处罚告知书" in doc.text


def test_titles_and_aligned_lines_stay_apart(tmp_path: Path) -> None:
    page = [
        ("清河县市场监督管理局行政处罚决定书", TITLE),  # as wide as the text block
        ("清市监罚〔2025〕18号", RIGHT),
        FACTS,
        FACTS,
        ("清河县市场监督管理局", RIGHT),
        ("2025年5月12日", RIGHT),
    ]
    path = tmp_path / "决定书.pdf"
    path.write_bytes(make_pdf([page]))
    lines = read_one(path).text.split("\n")
    assert lines[:2] == ["清河县市场监督管理局行政处罚决定书", "清市监罚〔2025〕18号"]
    assert lines[-2:] == ["清河县市场监督管理局", "2025年5月12日"]


def test_page_ranges_cover_their_text(decision_pdf: Path) -> None:
    doc = read_one(decision_pdf)
    one, two = doc.pages
    assert (one.number, two.number) == (1, 2)
    assert one.start == 0 and two.end == len(doc.text)
    assert one.end < two.start
    assert FACTS in doc.text[one.start : one.end].replace("\n", "")
    assert "伍万元整" in doc.text[two.start : two.end]
    assert "伍万元整" not in doc.text[one.start : one.end]
    assert doc.page_at(doc.text.index("伍万元整")) == 2
    assert doc.page_at(doc.text.index("青禾示例")) == 1
    assert [b.locator for b in doc.blocks] == ["page1", "page2"]


def test_scanned_page_needs_ocr(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    path.write_bytes(add_scanned_page(make_pdf([PAGE_ONE, PAGE_TWO])))
    doc = read_one(path)
    assert doc.errors == []
    assert [p.text_source for p in doc.pages] == ["text", "text", "none"]
    assert doc.pages_needing_ocr() == [3]
    assert doc.text_source == "mixed"
    scanned = doc.pages[2]
    assert scanned.start == scanned.end == len(doc.text)


def test_all_pages_scanned(tmp_path: Path) -> None:
    only_scan = add_scanned_page(make_pdf([[]], footer=False))
    path = tmp_path / "scan.pdf"
    path.write_bytes(only_scan)
    doc = read_one(path)
    # The first page is blank (nothing to read, no OCR needed); the second is an image.
    assert [p.needs_ocr for p in doc.pages] == [False, True]
    assert doc.text.strip() == ""

    path.write_bytes(add_scanned_page(add_scanned_page(make_pdf([[]], footer=False))))
    pages = read_one(path).pages[1:]
    assert all(p.needs_ocr for p in pages)


def test_drawing_only_page_needs_ocr(tmp_path: Path) -> None:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.rect(100, 100, 300, 400, fill=1)
    pdf.showPage()
    pdf.save()
    path = tmp_path / "drawing.pdf"
    path.write_bytes(out.getvalue())
    doc = read_one(path)
    assert doc.text_source == "none"
    assert doc.pages_needing_ocr() == [1]


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "加密.pdf"
    path.write_bytes(make_pdf([PAGE_ONE], encrypt="secret"))
    doc = read_one(path)
    assert doc.errors == [ENCRYPTED]
    assert doc.text == ""


def test_owner_password_only_pdf_is_readable(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = tmp_path / "限制编辑.pdf"
    path.write_bytes(make_pdf([PAGE_ONE], encrypt=StandardEncryption("", ownerPassword="owner")))
    doc = read_one(path)
    assert doc.errors == []
    assert "清市监罚〔2025〕18号" in doc.text


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.02])
def test_truncated_pdf(tmp_path: Path, keep: float) -> None:
    data = make_pdf([PAGE_ONE, PAGE_TWO])
    path = tmp_path / "残缺.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    doc = read_one(path)
    assert doc.errors == [DAMAGED]
    assert doc.text == ""


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        (["正文", "第1页 共3页"], ["正文"]),
        (["第 1 页", "正文"], ["正文"]),
        (["正文", "- 1 -"], ["正文"]),
        (["正文", "1/3"], ["正文"]),
        (["正文", "共3页 第1页"], ["正文"]),
        (["正文", "1"], ["正文"]),
        (["正文", "第一页"], ["正文"]),
        # Not page marks: another page's number, and a mark-like line in the middle of a page.
        (["正文", "7"], ["正文", "7"]),
        (["a", "b", "1/3", "c", "d"], ["a", "b", "1/3", "c", "d"]),
        (["第1页 共3页", "依据第1条"], ["依据第1条"]),
    ],
)
def test_page_mark_lines(lines: list[str], kept: list[str]) -> None:
    marks = page_mark_lines(lines, 1)
    assert [line for i, line in enumerate(lines) if i not in marks] == kept
