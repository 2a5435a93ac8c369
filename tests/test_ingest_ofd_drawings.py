"""OFD paths (`PathObject`): outlines read from the abbreviated data, drawn in page images
(filled by the even-odd rule, stroked), text drawn as outlines taken as a page to recognise,
and a seal drawn as lines seen as the page's seal."""

from __future__ import annotations

import math

import numpy as np
import pytest

from casecheck.ingest.ofd import load_pages, read_ofd, render_page
from casecheck.ingest.ofd_paths import outlines
from casecheck.ingest.options import ReadOptions
from tests.ofd_writer import NS, OfdSpec, Run, write_ofd

PAGE = "Doc_0/Pages/Page_0/Content.xml"


def _at(x: float, y: float) -> tuple[float, float]:
    return (x, y)


def test_lines_curves_and_closing() -> None:
    square, curve = outlines(
        "M 0 0 L 10 0 L 10 10 L 0 10 C M 20 0 Q 25 10 30 0 B 30 5 40 5 40 0", _at, 1000
    )
    assert square == [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    assert curve[0] == (20, 0) and curve[8] == (30, 0) and curve[-1] == (40, 0)
    assert max(y for _, y in curve[:9]) == pytest.approx(5, abs=0.1)  # a quadratic's apex: half


def test_an_arc_is_drawn_on_its_ellipse() -> None:
    (arc,) = outlines("M 10 0 A 10 10 0 1 1 -10 0", _at, 1000)
    assert arc[-1] == (-10, 0)
    assert all(math.hypot(x, y) == pytest.approx(10) for x, y in arc)
    assert len({round(y) for _, y in arc}) > 4  # a curve, not a chord


def test_reading_stops_at_what_it_cannot_read_and_at_the_limit() -> None:
    assert outlines("M 0 0 L 5 5 X 9 9 L 1 1", _at, 1000) == [[(0, 0), (5, 5)]]
    assert outlines("M 0 0 L nan 5 L 1 1", _at, 1000) == []
    assert outlines("M 0 0 L 5", _at, 1000) == []
    assert sum(len(o) for o in outlines("M 0 0 " + "L 1 1 " * 500, _at, 50)) <= 51


def _page(body: str) -> bytes:
    content = (
        f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1">{body}</ofd:Layer>'
        "</ofd:Content></ofd:Page>"
    ).encode()
    return write_ofd(OfdSpec([[Run("x", 0, 0)]], extra={PAGE: content}))


# A letter O drawn as its outline: an outer and an inner ring (the hole), 20 mm wide.
LETTER_O = (
    '<ofd:PathObject ID="2" Boundary="50 50 20 20" Fill="true" Stroke="false">'
    '<ofd:FillColor Value="0 0 0"/><ofd:AbbreviatedData>'
    "M 0 10 A 10 10 0 1 1 20 10 A 10 10 0 1 1 0 10 C M 5 10 A 5 5 0 1 1 15 10 A 5 5 0 1 1 5 10 C"
    "</ofd:AbbreviatedData></ofd:PathObject>"
)


def test_a_filled_outline_keeps_its_hole_and_a_stroke_is_drawn() -> None:
    rule = (
        '<ofd:PathObject ID="3" Boundary="20 120 150 1" LineWidth="1">'
        "<ofd:AbbreviatedData>M 0 0 L 150 0</ofd:AbbreviatedData></ofd:PathObject>"
    )
    (page,) = load_pages(_page(LETTER_O + rule))
    image = np.asarray(render_page(page, 25.4)).min(axis=2)  # a pixel a millimetre
    assert image[52, 60] < 50 and image[60, 60] > 200  # the ring is black, its hole white
    assert image[120, 20:170].mean() < 50  # the rule under it


def test_text_drawn_as_outlines_is_a_page_to_recognise() -> None:
    doc = read_ofd("d.ofd", _page(LETTER_O), ReadOptions(ocr=False))
    assert doc.text == "" and doc.pages_needing_ocr() == [1]


def test_a_seal_drawn_as_lines_is_the_pages_seal() -> None:
    """A red ring 42 mm across with a star, drawn as paths beside a page of text."""
    ring = (
        '<ofd:PathObject ID="4" Boundary="120 60 42 42" Fill="true" Stroke="false">'
        '<ofd:FillColor Value="220 20 30"/><ofd:AbbreviatedData>'
        "M 0 21 A 21 21 0 1 1 42 21 A 21 21 0 1 1 0 21 C "
        "M 1.5 21 A 19.5 19.5 0 1 1 40.5 21 A 19.5 19.5 0 1 1 1.5 21 C "
        "M 21 12 L 24 19 L 31 19 L 25.5 23.5 L 28 31 L 21 26.5 L 14 31 L 16.5 23.5 L 11 19 "
        "L 18 19 C"
        "</ofd:AbbreviatedData></ofd:PathObject>"
    )
    text = "".join(
        f'<ofd:TextObject ID="{10 + i}" Boundary="20 {20 + 8 * i} 170 8" Size="5">'
        f'<ofd:TextCode X="0" Y="5">本局决定对当事人处以罚款人民币五万元整第{i}行</ofd:TextCode>'
        "</ofd:TextObject>"
        for i in range(3)
    )
    blocks = read_ofd("d.ofd", _page(text + ring)).blocks
    assert [b.locator for b in blocks if b.locator.startswith("seal:")] == ["seal:page1"]
    plain = read_ofd("d.ofd", _page(text + ring.replace("220 20 30", "20 20 20"))).blocks
    assert not [b for b in plain if b.locator.startswith("seal:")]


def test_hostile_drawings_are_bounded() -> None:
    """Far-off and huge coordinates, and more full-page fills than a page image pays for: the
    page is read and drawn; fills past the budget are left out (the last, red one here)."""

    def fill(n: int, color: str) -> str:
        return (
            f'<ofd:PathObject ID="{n}" Boundary="0 0 210 297" Fill="true" Stroke="false">'
            f'<ofd:FillColor Value="{color}"/><ofd:AbbreviatedData>'
            "M 0 0 L 210 0 L 210 297 L 0 297 C</ofd:AbbreviatedData></ofd:PathObject>"
        )

    fills = "".join(fill(10 + i, "40 40 40") for i in range(60)) + fill(99, "220 20 30")
    far = (
        '<ofd:PathObject ID="5" Boundary="0 0 10 10" CTM="99999 0 0 99999 0 0" LineWidth="2">'
        "<ofd:AbbreviatedData>M -99999 0 L 99999 99999 L 5 5 C</ofd:AbbreviatedData>"
        "</ofd:PathObject>"
    )
    (page,) = load_pages(_page(far + fills))
    assert len(page.drawings) == 62
    image = np.asarray(render_page(page, 25.4))
    assert tuple(image[150, 100]) == (40, 40, 40)  # grey fills, not the red one past the budget
