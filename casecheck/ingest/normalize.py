"""Text normalisation for extracted Chinese text (pure functions).

NFKC is deliberately not used: it would turn full-width punctuation (，：（）) into ASCII.
Each function works on one block or page at a time, so the caller can compute offsets by
concatenating the normalised pieces.
"""

from __future__ import annotations

import re
import unicodedata

# Han ideographs, CJK symbols and punctuation (、。《》〔〕〇…), full-width forms (，：（）０-９),
# and the curly quotes, dashes and dots used in Chinese text.
_CJK = (
    r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    r"\u2014\u2026\u2018\u2019\u201c\u201d\u00b7"
)
_SPACE = r"[ \t\u00a0\u2002-\u200a\u202f\u205f\u3000]"
_SPACES = re.compile(_SPACE + "+")
# Spaces with a CJK character on one side and any visible character on the other.
_SPACE_AFTER_CJK = re.compile(rf"(?<=[{_CJK}]) +(?=\S)")
_SPACE_BEFORE_CJK = re.compile(rf"(?<=\S) +(?=[{_CJK}])")
# Zero-width characters and control characters (Word leaves \x1f, \x07 … in copied text).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
_SENTENCE_END = "。！？!?"
# A line that opens a list item or heading starts a new paragraph even after a full line.
# `（一）项` continues a citation, so it is not an item.
_ITEM_START = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)](?![项目款条])|\d+[、.．](?!\d)"
)


def is_cjk(char: str) -> bool:
    return bool(re.match(f"[{_CJK}]", char))


def display_width(line: str) -> int:
    """Columns a raw line takes when printed: CJK and full-width characters count 2.

    Measured before `clean_line`, since the spaces a PDF extractor inserts stand for real gaps.
    """
    line = _SPACES.sub(" ", line).strip()
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def clean_line(line: str) -> str:
    """One line: unify spaces, drop spaces next to CJK, collapse runs, strip both ends.

    `2025 年 1 月 10 日` becomes `2025年1月10日`; `当 事 人：` becomes `当事人：`.
    The ideographic space U+3000 counts as a space (it is used for indenting, not content).
    """
    line = _INVISIBLE.sub("", line)
    line = _SPACES.sub(" ", line).strip()
    line = _SPACE_AFTER_CJK.sub("", line)
    return _SPACE_BEFORE_CJK.sub("", line)


def split_lines(text: str) -> list[str]:
    """Lines of `text` with `\\r\\n` and `\\r` treated as `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def wrap_width(lines: list[str]) -> int | None:
    """The width at which `lines` were hard-wrapped (as PDF text is), or None if they were not.

    Wrapped text has many lines of nearly the same, maximal width; text written one paragraph
    per line (most .txt files, Word paragraphs) does not.
    """
    widths = sorted(display_width(line) for line in lines if line.strip())
    if len(widths) < 4:
        return None
    candidate = widths[int(len(widths) * 0.9) - 1] if len(widths) >= 10 else widths[-1]
    near = sum(1 for w in widths if 0.85 * candidate <= w <= 1.1 * candidate)
    if candidate < 20 or near < max(3, 0.35 * len(widths)):
        return None
    return candidate


def _joiner(raw_line: str, line: str, nxt: str, width: int) -> str | None:
    """What replaces the break after `line`: "" or " " where the text was wrapped mid-sentence
    (the line is full), None where the break ends a paragraph."""
    if not line or not nxt or line[-1] in _SENTENCE_END or _ITEM_START.match(nxt):
        return None
    if display_width(raw_line) < 0.85 * width:
        return None
    last, first = line[-1], nxt[0]
    if is_cjk(last) or is_cjk(first):
        return ""
    if last.isascii() and first.isascii() and last.isalnum() and first.isalnum():
        # A number or code broken at the margin joins up; Latin words keep a space.
        return " " if last.isalpha() and first.isalpha() else ""
    return None


def normalize_text(text: str, width: int | None = None) -> str:
    """Normalise one block or page of text.

    Line ends become `\\n`; each line is cleaned (see `clean_line`); blank lines are kept as
    paragraph breaks. If `width` (from `wrap_width`) is given, a line break is removed where the
    line is full and the break falls next to CJK text or inside a number, i.e. where the text
    was wrapped mid-sentence — `人民币伍万元整\\n（50000元）` becomes one line.
    """
    raw = split_lines(text)
    cleaned = [clean_line(line) for line in raw]
    out: list[str] = []
    for i, line in enumerate(cleaned):
        joiner = _joiner(raw[i - 1], cleaned[i - 1], line, width) if out and width else None
        if joiner is None:
            out.append(line)
        else:
            out[-1] += joiner + line
    return "\n".join(out)
