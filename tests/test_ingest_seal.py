"""Red seal detection on rendered pages."""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from casecheck.ingest import ReadOptions, read_path
from casecheck.ingest.seal import has_seal

DPI = 50
SEAL_RED = (225, 40, 50)
PINK = (235, 110, 120)  # a faded scan of a seal


def px(millimetres: float, dpi: int = DPI) -> int:
    return round(millimetres / 25.4 * dpi)


def page(dpi: int = DPI) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (px(210, dpi), px(297, dpi)), "white")
    draw = ImageDraw.Draw(image)
    # Black body text, as on every page.
    for row in range(30, 200, 8):
        draw.rectangle((px(25, dpi), px(row, dpi), px(185, dpi), px(row + 3, dpi)), fill="black")
    return image, draw


def draw_seal(draw: ImageDraw.ImageDraw, x: float, y: float, d: float, colour, dpi=DPI) -> None:
    """A seal `d` mm across centred at (x, y) mm: ring, star, and text along the ring."""
    r = px(d / 2, dpi)
    cx, cy = px(x, dpi), px(y, dpi)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=max(1, px(1.2, dpi)))
    star = [
        (
            cx + (r / 3 if k % 2 == 0 else r / 7.5) * math.sin(k * math.pi / 5),
            cy - (r / 3 if k % 2 == 0 else r / 7.5) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=colour)
    for k in range(-5, 6):  # characters along the upper arc
        a = k * math.pi / 8
        tx, ty = cx + 0.72 * r * math.sin(a), cy - 0.72 * r * math.cos(a)
        s = px(2.5, dpi)
        draw.rectangle((tx - s, ty - s, tx + s, ty + s), fill=colour)


def rgb(image: Image.Image) -> np.ndarray:
    return np.asarray(image)


@pytest.mark.parametrize(
    ("diameter", "colour", "dpi"),
    [(42, SEAL_RED, 50), (42, PINK, 50), (30, SEAL_RED, 50), (42, SEAL_RED, 150)],
)
def test_seal_is_found(diameter: float, colour, dpi: int) -> None:
    image, draw = page(dpi)
    draw_seal(draw, 150, 230, diameter, colour, dpi)
    assert has_seal(rgb(image), dpi)


def test_seal_over_black_text_is_found() -> None:
    image, draw = page()
    draw_seal(draw, 140, 190, 42, SEAL_RED)
    assert has_seal(rgb(image), DPI)


def _red_header(draw: ImageDraw.ImageDraw) -> None:
    """A 红头: the authority's name in big red type over a red rule."""
    for k in range(10):
        x = px(35 + 14 * k)
        draw.rectangle((x, px(12), x + px(11), px(24)), fill=SEAL_RED)
    draw.rectangle((px(20), px(27), px(190), px(28)), fill=SEAL_RED)


@pytest.mark.parametrize(
    "paint",
    [
        lambda d: None,  # black text only
        _red_header,
        lambda d: d.rectangle((px(60), px(220), px(110), px(260)), fill=SEAL_RED),  # solid block
        lambda d: draw_seal(d, 150, 230, 42, (30, 30, 30)),  # a black stamp
        lambda d: draw_seal(d, 150, 230, 8, SEAL_RED),  # a red mark, too small
        lambda d: d.ellipse((px(30), px(75), px(180), px(225)), outline=SEAL_RED, width=2),
        lambda d: d.line((px(30), px(230), px(180), px(232)), fill=SEAL_RED, width=px(2)),
    ],
    ids=["text", "red-header", "solid-block", "black-stamp", "small", "huge", "red-line"],
)
def test_no_seal(paint) -> None:
    image, draw = page()
    paint(draw)
    assert not has_seal(rgb(image), DPI)


def test_seal_page_gets_a_block(tmp_path: Path) -> None:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(80, 700, "Decision page one, no seal here.")
    pdf.showPage()
    pdf.drawString(80, 700, "Decision page two, sealed below.")
    pdf.setStrokeColor(Color(0.88, 0.15, 0.18))
    pdf.setFillColor(Color(0.88, 0.15, 0.18))
    pdf.setLineWidth(1.2 * mm)
    pdf.circle(150 * mm, 80 * mm, 21 * mm, stroke=1, fill=0)
    pdf.circle(150 * mm, 80 * mm, 5 * mm, stroke=0, fill=1)
    pdf.showPage()
    pdf.save()
    path = tmp_path / "决定书.pdf"
    path.write_bytes(out.getvalue())
    (doc,) = read_path(path, ReadOptions(ocr=False)).documents
    seals = [b for b in doc.blocks if b.locator.startswith("seal:")]
    assert [b.locator for b in seals] == ["seal:page2"]
    two = doc.pages[1]
    assert (seals[0].start, seals[0].end) == (two.start, two.end)


@pytest.mark.corpus
def test_real_scan_has_its_seal_on_the_last_page(corpus_dir: Path) -> None:
    folder = corpus_dir / "tax_chinatax"
    scan = folder / "税务处理决定书_常税稽处[2026]71号.pdf"
    if not scan.exists():
        pytest.skip("the scanned tax decision is absent")
    (doc,) = read_path(scan, ReadOptions(ocr=False)).documents
    assert [b.locator for b in doc.blocks if b.locator.startswith("seal:")] == ["seal:page5"]
    # The published text PDFs carry no seal image.
    for path in sorted(folder.glob("*.pdf")):
        if path != scan:
            (doc,) = read_path(path, ReadOptions(ocr=False)).documents
            assert not [b for b in doc.blocks if b.locator.startswith("seal:")], path.name


def _seal_png(colour) -> bytes:
    """A 42 mm seal drawn on a transparent square, as electronic seals are shipped."""
    image = Image.new("RGBA", (px(44, 150), px(44, 150)), (255, 255, 255, 0))
    draw_seal(ImageDraw.Draw(image), 22, 22, 42, colour, 150)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(("colour", "sealed"), [(SEAL_RED, True), ((30, 30, 30), False)])
def test_docx_seal_picture_gets_a_block(tmp_path: Path, colour, sealed: bool) -> None:
    import docx
    from docx.shared import Mm

    word = docx.Document()
    word.add_paragraph("青禾市示例区市场监督管理局")
    word.add_paragraph("行政处罚决定书")
    word.add_paragraph("青禾市示例区市场监督管理局（印章）")
    word.paragraphs[-1].add_run().add_picture(io.BytesIO(_seal_png(colour)), width=Mm(44))
    word.add_paragraph("2026年3月2日")
    path = tmp_path / "决定书.docx"
    word.save(path)
    (doc,) = read_path(path).documents
    assert doc.errors == []
    seals = [b for b in doc.blocks if b.locator.startswith("seal:")]
    assert [(b.locator, doc.text[b.start : b.end]) for b in seals] == (
        [("seal:p2", "青禾市示例区市场监督管理局（印章）")] if sealed else []
    )
