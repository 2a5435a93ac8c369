"""Repairs of OCR's common confusions in recognised lines (checklists/lexicon/ocr_confusions.yaml).

A scanned page's numbers, dates and amounts are what rules compare and count with, and what OCR
misreads most often in ways that can be undone from the line itself: a letter read for a digit
inside a number (`2O25年` → `2025年`), a closing bracket of the wrong kind (`〔2025）12号` →
`〔2025〕12号`, `（执法证号：123)` → `（执法证号：123）`). What cannot be undone (a digit read for
another digit) stays, and findings that rest on recognised numbers ask for review
(`casecheck.rules.runner`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casecheck.resources import load_yaml


@dataclass(frozen=True)
class _Confusions:
    letters: re.Pattern[str]
    digit_of: dict[str, str]
    brackets: re.Pattern[str]
    partner: dict[str, str]


@cache
def _confusions() -> _Confusions:
    data = load_yaml("lexicon", "ocr_confusions.yaml")
    digit_of = {str(k): str(v) for k, v in data["letters_as_digits"].items()}
    letters = "".join(re.escape(c) for c in digit_of)
    units = re.escape(data["number_units"])
    # A run of confusable letters with a digit before it and a digit or unit after, or a digit
    # after it and a digit before: `2O25`, `1O月`, `3l00元`.
    number = re.compile(rf"(?<=\d)[{letters}]+(?=[\d{units}])|(?<=\d)[{letters}]+(?=\d)")
    partner = {str(k): str(v) for k, v in data["bracket_pairs"].items()}
    opening = "".join(re.escape(c) for c in partner)
    closing = "".join(re.escape(c) for c in set(partner.values()))
    span = int(data["bracket_span"])
    brackets = re.compile(rf"([{opening}])([^{opening}{closing}\n]{{1,{span}}})([{closing}])")
    return _Confusions(number, digit_of, brackets, partner)


def repair_text(text: str) -> str:
    """Recognised `text` with letters inside numbers read as digits and closing brackets
    matched to their opening ones (each within a line)."""
    c = _confusions()
    text = c.letters.sub(lambda m: "".join(c.digit_of[ch] for ch in m.group()), text)
    return c.brackets.sub(lambda m: m.group(1) + m.group(2) + c.partner[m.group(1)], text)
