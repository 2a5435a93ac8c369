"""OCR's common confusions in numbers, dates and brackets, repaired in recognised lines."""

from __future__ import annotations

import pytest

from casecheck.ingest.ocr_text import repair_text

REPAIRS = [
    ("2O25年1O月3日", "2025年10月3日"),  # O for 0 inside a date
    ("罚款人民币3l00元", "罚款人民币3100元"),  # l for 1 inside an amount
    ("第2I条", "第21条"),
    ("云人社监罚〔2026）17号", "云人社监罚〔2026〕17号"),  # the closing bracket of another kind
    ("（执法证号：44182301031)", "（执法证号：44182301031）"),
    ("(2025)京0101行初1号", "(2025)京0101行初1号"),  # matched pairs stay as written
]
KEPT = [
    "统一社会信用代码91330206MA2B7KQ41D",  # a code's own letters between digits
    "ISO9001认证",
    "Room 301, Building B",
    "集装箱号TGHU8824617",
    "| 当事人 | 张三 |",
    "O型血",
    "（一）当事人\n住所)",  # brackets are matched within a line
]


@pytest.mark.parametrize(("recognised", "repaired"), REPAIRS)
def test_confusions_are_repaired(recognised: str, repaired: str) -> None:
    assert repair_text(recognised) == repaired


@pytest.mark.parametrize("line", KEPT)
def test_other_letters_and_brackets_are_kept(line: str) -> None:
    assert repair_text(line) == line
