"""Offsets: the engine counts code points, Qt counts UTF-16 units."""

from __future__ import annotations

import pytest

from casecheck.model import Document
from ui.document_view import DocumentView, Utf16Offsets

CASES = [
    # text, python offset, qt position
    ("当事人：青禾公司", 4, 4),
    ("法定代表人：𡈽海川", 6, 6),  # before the non-BMP character
    ("法定代表人：𡈽海川", 7, 8),  # after it
    ("𡈽𠀾甲", 2, 4),
    ("𡈽𠀾甲", 3, 5),
    ("", 0, 0),
]


@pytest.mark.parametrize(("text", "offset", "position"), CASES)
def test_offsets_round_trip(text, offset, position):
    offsets = Utf16Offsets(text)
    assert offsets.to_qt(offset) == position
    assert offsets.from_qt(position) == offset


def test_a_position_inside_a_surrogate_pair_maps_to_its_character():
    assert Utf16Offsets("甲𡈽乙").from_qt(2) == 1


def test_marked_span_selects_exactly_the_text_after_rare_characters(qtbot):
    view = DocumentView()
    qtbot.addWidget(view)
    text = "法定代表人：𡈽海川，𠀾记商行负责人\n罚款人民币伍万元整。"
    view.show_document(Document(id="d1", path="决定书.txt", text=text), [], [])
    start = text.index("罚款")
    view.mark_span(start, start + 9)
    assert view.selected_span() == (start, start + 9)
    assert view.textCursor().selectedText() == "罚款人民币伍万元整"
