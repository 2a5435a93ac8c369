"""Text normalisation for extracted Chinese text (pure functions).

NFKC is deliberately not used: it would turn full-width punctuation (，：（）) into ASCII.
Each function works on one block or page at a time, so the caller can compute offsets by
concatenating the normalised pieces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

# A document with more text than this is not a case document (a case file's longest, an
# evidence transcript, has some 100 000 characters), and would exhaust the text analysis.
MAX_TEXT_CHARS = 1_000_000
TOO_MUCH_TEXT = "文件文字过多（超过 100 万字），未读取；请确认是否为案卷文书，或拆分后再检查"

# Han ideographs (and 〇, the Chinese zero).
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
# Han, CJK symbols and punctuation (、。《》〔〕…), full-width forms (，：（）０-９), and the curly
# quotes, dashes and dots used in Chinese text.
_CJK = _HAN + r"\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef\u2014\u2026\u2018\u2019\u201c\u201d\u00b7"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u205f\u3000]+")
_HAN_RUN_END = re.compile(f"[{_HAN}]+$")
_HAN_RUN_START = re.compile(f"^[{_HAN}]+")
# Zero-width characters and control characters (Word leaves \x1f, \x07 … in copied text).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
_SENTENCE_END = "。！？!?"
# A line that opens a list item or heading starts a new paragraph even after a full line.
# `（一）项` continues a citation, so it is not an item.
_ITEM_START = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)](?![项目款条])|\d+[、.．](?!\d)"
)


def is_cjk(char: str) -> bool:
    return bool(_CJK_CHAR.match(char))


def display_width(line: str) -> int:
    """Columns a raw line takes when printed: CJK and full-width characters count 2.

    Measured before `clean_line`, since the spaces a PDF extractor inserts stand for real gaps.
    """
    line = _SPACES.sub(" ", line).strip()
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def clean_line(line: str) -> str:
    """One line: unify and collapse spaces, strip both ends, drop spaces next to CJK text.

    `2025 年 1 月 10 日` becomes `2025年1月10日`, `当 事 人：` becomes `当事人：`, `一、 违法事实`
    becomes `一、违法事实`. A space between two words of two or more Han characters stays, as
    one space: it separates fields and names (`执法人员：金婷婷 白文博`, `卢国栋　性别：男`).
    The ideographic space U+3000 counts as a space.
    """
    words = _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip().split(" ")
    out = words[0]
    for word in words[1:]:
        out += _separator(out, word) + word
    return out


def _separator(before: str, after: str) -> str:
    if not before or not after:
        return ""
    head, tail = _HAN_RUN_END.search(before), _HAN_RUN_START.search(after)
    if head and tail:
        return " " if len(head.group()) >= 2 and len(tail.group()) >= 2 else ""
    return "" if is_cjk(before[-1]) or is_cjk(after[0]) else " "


def split_lines(text: str) -> list[str]:
    """Lines of `text` with `\\r\\n` and `\\r` treated as `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def full_lines_by_width(lines: list[str]) -> set[int]:
    """Indices of the lines that fill the width `lines` were hard-wrapped at, if they were.

    For text without layout (a .txt copied out of a PDF). Wrapped text has many lines of nearly
    the same, maximal width; text written one paragraph per line has not, and gets no indices.
    """
    widths = [display_width(line) for line in lines]
    filled = sorted(w for w in widths if w)
    if len(filled) < 4:
        return set()
    width = filled[int(len(filled) * 0.9) - 1] if len(filled) >= 10 else filled[-1]
    near = sum(1 for w in filled if 0.85 * width <= w <= 1.1 * width)
    if width < 20 or near < max(3, 0.35 * len(filled)):
        return set()
    return {i for i, w in enumerate(widths) if w >= 0.85 * width}


def _joiner(line: str, nxt: str) -> str | None:
    """What replaces the break after a full `line`: "" or " " where the text was wrapped
    mid-sentence, None where the break ends a paragraph anyway."""
    if not line or not nxt or line[-1] in _SENTENCE_END or _ITEM_START.match(nxt):
        return None
    last, first = line[-1], nxt[0]
    if is_cjk(last) or is_cjk(first):
        return ""
    if last.isascii() and first.isascii() and last.isalnum() and first.isalnum():
        # A number or code broken at the margin joins up; Latin words keep a space.
        return " " if last.isalpha() and first.isalpha() else ""
    return None


def normalize_text(text: str, full_lines: Collection[int] = ()) -> str:
    """Normalise one block or page of text.

    Line ends become `\\n`; each line is cleaned (see `clean_line`); blank lines are kept as
    paragraph breaks. `full_lines` are indices of lines (of `split_lines(text)`) that reach the
    right margin: the break after such a line is removed where it falls next to CJK text or
    inside a number, i.e. where the text was wrapped mid-sentence — `人民币伍万元整\\n（50000元）`
    becomes one line; a table row's last cell (`| 案情 | 经查…|`) takes in its wrapped lines.
    """
    cleaned = [clean_line(line) for line in split_lines(text)]
    out: list[str] = []
    for i, line in enumerate(cleaned):
        before = cleaned[i - 1].removesuffix("|").rstrip() if i else ""
        joiner = _joiner(before, line) if out and i - 1 in full_lines else None
        if joiner is None:
            out.append(line)
        elif out[-1].endswith("|"):  # the last cell of a table row goes on
            out[-1] = out[-1][:-1].rstrip() + joiner + line + "|"
        else:
            out[-1] += joiner + line
    return "\n".join(out)
