"""The remedy clauses of a decision: the period to apply for 行政复议 or to bring 行政诉讼, and
the body or court named."""

from __future__ import annotations

import re
from typing import Any

from casecheck.model import Element
from casecheck.nlp.numbers import parse_int
from casecheck.nlp.text import PERIOD, DocText, fold


def period(text: str) -> dict[str, Any]:
    m = re.fullmatch(r"(?P<n>.+?)\s*(?:个\s*)?(?P<unit>工作日|日|天|月)", text)
    number = parse_int(m.group("n")) if m else None
    months = m is not None and m.group("unit") == "月"
    return {
        "period": re.sub(r"\s+", "", text),
        "days": None if months else number,
        "months": number if months else None,
    }


# The clause from a period to the remedy it is for; it may cross a comma (「6个月内，直接向…
# 法院起诉」) but not another period, a payment, or the other remedy.
_NOT_IN_REMEDY = r"缴纳|缴款|[0-9０-９一二三四五六七八九十]\s*(?:个\s*)?(?:日|天|月)"
_REMEDY_RES = {
    "remedy_reconsideration": re.compile(
        rf"{PERIOD}\s*内?(?P<mid>(?:(?!诉讼|起诉|{_NOT_IN_REMEDY})[^。；\n]){{0,40}}?)"
        r"(?:申请|提出|提起)(?:行政)?复议"
    ),
    "remedy_litigation": re.compile(
        rf"{PERIOD}\s*内?(?P<mid>(?:(?!复议|{_NOT_IN_REMEDY})[^。；\n]){{0,40}}?)"
        r"(?:提起(?:行政)?诉讼|起诉)"
    ),
}


def _remedy_body(mid: str, kind: str) -> str | None:
    """The reconsideration body or court named after 向 in the clause."""
    if kind == "remedy_litigation":
        m = re.search(r"向(?P<b>[^向]*?法院)", mid)
    else:
        m = re.search(r"向(?P<b>[^向]+)$", mid)
    return re.sub(r"^(?:依法|直接)+", "", fold(m.group("b"))) or None if m else None


def remedies(t: DocText) -> list[Element]:
    out = []
    for kind, regex in _REMEDY_RES.items():
        for m in regex.finditer(t.text):
            if t.in_quote(m.start()):
                continue
            normalized = period(m.group("period"))
            normalized["body"] = _remedy_body(m.group("mid"), kind)
            out.append(t.element(kind, m.start(), m.end(), normalized))
            break
    return out
