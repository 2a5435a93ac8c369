"""Page-number lines a printed document carries at the top or bottom of each page
(`第1页 共3页`, `共3页 第1页`, `- 1 -`, `1/3`, `Page 1 of 3`): layout, not content."""

from __future__ import annotations

import re

_NUM = r"[0-9０-９一二三四五六七八九十百〇零]+"
_PAGE_MARK = re.compile(
    rf"""\s*(?:
        第\s*{_NUM}\s*页\s*[,，]?\s*(?:共\s*{_NUM}\s*页)?
      | 共\s*{_NUM}\s*页\s*[,，]?\s*第\s*{_NUM}\s*页
      | [-－—–]\s*{_NUM}\s*[-－—–]
      | {_NUM}\s*/\s*{_NUM}
      | (?:Page|page)\s*\d+(?:\s*(?:of|/)\s*\d+)?
    )\s*""",
    re.VERBOSE,
)


def is_page_mark(line: str) -> bool:
    return bool(_PAGE_MARK.fullmatch(line.strip()))
