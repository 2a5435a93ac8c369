"""The sign-off at the end of a document: the authority's name and the date above the seal."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from casecheck.nlp.dates import DateMatch, find_dates
from casecheck.nlp.lexicon import lexicon

if TYPE_CHECKING:
    from casecheck.nlp.text import DocText


def authority_name(text: str) -> str | None:
    suffixes = tuple(lexicon()["authority_suffixes"])
    name = text.strip()
    if (
        4 <= len(name) <= 40
        and name.endswith(suffixes)
        and not re.search("[，,。；：:《》“”]", name)
    ):
        return name
    return None


def find_signoff(t: DocText) -> tuple[tuple[int, int] | None, DateMatch] | None:
    """The sign-off at the end: (authority span or None, date) — the last date standing
    alone on its line among the last lines, and the authority line just above it; failing
    that, the same before an appendix (附：…) that follows the sign-off."""
    found = _signoff(t, t.lines[-12:])
    appendix = [i for i, (s, e) in enumerate(t.lines) if _APPENDIX.match(t.text, s, e)]
    # A date found after the appendix heading is the statute's (修正 dates), not the sign-off.
    if appendix and (found is None or found[1].start > t.lines[appendix[-1]][0]):
        before = _signoff(t, t.lines[max(0, appendix[-1] - 12) : appendix[-1]])
        found = before or found
    return found


_APPENDIX = re.compile(r"\s*附\s*件?\s*[：:]")
_SEAL = re.compile(r"\s*[（(]?\s*(?:印章|盖章|公章|章)\s*[）)]?\s*")


def _signoff(
    t: DocText, tail: list[tuple[int, int]]
) -> tuple[tuple[int, int] | None, DateMatch] | None:
    for idx in range(len(tail) - 1, -1, -1):
        s, e = tail[idx]
        line = t.text[s:e]
        dates = find_dates(line)
        if not dates:
            continue
        date = dates[-1]
        shifted = DateMatch(s + date.start, s + date.end, date.date, date.text, date.time)
        rest = (line[: date.start] + line[date.end :]).strip()
        if _approval_row(line):
            return None, shifted  # a form's last approval: 「| 负责人意见 | 同意立案。某某 日期 |」
        if len(rest) > 40 or re.search("[，。；]", rest):
            inline = _inline_signoff(line, date)
            if inline is None:
                continue
            return (None if inline == (0, 0) else (s + inline[0], s + inline[1])), shifted
        if rest and authority_name(rest):
            start = s + line.index(rest)
            return (start, start + len(rest)), shifted
        for ps, pe in reversed(tail[max(0, idx - 3) : idx]):
            prev = t.text[ps:pe]
            if _SEAL.fullmatch(prev):
                continue
            name = authority_name(prev)
            if name:
                start = ps + prev.index(name)
                return (start, start + len(name)), shifted
            break
        return None, shifted
    return None


def _approval_row(line: str) -> bool:
    """A form's row whose label cell names an approval or opinion (负责人意见, 受案审批): its
    date is when the form was signed off, whatever the opinion's wording."""
    cells = [c.strip() for c in line.strip().strip("|｜").split("|")]
    if len(cells) < 2 or not line.lstrip().startswith(("|", "｜")):
        return False
    return any(w in cells[0] for w in lexicon()["approval_row_labels"])


def _inline_signoff(line: str, date: DateMatch) -> tuple[int, int] | None:
    """Scraped text on one line: 「…信息。 某市某局 2016年9月4日」 or 「…100033　　二〇一一年
    一月十三日」 — a date closing the line after the authority's name (a seal mark allowed),
    or standing apart after a run of blanks. Returns the name's span, (0, 0) for a date
    standing apart without a name, None when the date is part of a sentence."""
    before = line[: date.start]
    trimmed = before.rstrip()
    if line[date.end :].strip() or trimmed == before:
        return None
    cut = max((m.end() for m in re.finditer(r"[。！？；]|\s{2,}", trimmed)), default=0)
    name = _SEAL.sub("", trimmed[cut:]).strip()
    if authority_name(name):
        start = cut + trimmed[cut:].index(name)
        return start, start + len(name)
    return (0, 0) if len(before) - len(trimmed) >= 2 else None
