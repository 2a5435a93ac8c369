"""The remedy notice of a decision: for 行政复议 and for 行政诉讼 each, the period, the body or
court named and the route, as told to the party (如不服本决定，可以在…内向…申请行政复议).

A mention of a route that tells the party nothing is not a notice: the enforcement clause
(逾期不申请行政复议也不提起行政诉讼…), a heading (申请行政复议或者提起行政诉讼的途径和期限),
the rule that a remedy does not suspend the penalty, or quoted statute text. A notice without a
period (可以依法申请行政复议) is still the notice, with `period` None; without a body named,
`body` is None.
"""

from __future__ import annotations

import re
from typing import Any

from casecheck.model import Element
from casecheck.nlp.numbers import parse_int
from casecheck.nlp.text import DocText, fold


def period(text: str) -> dict[str, Any]:
    m = re.fullmatch(r"(?P<n>.+?)\s*(?:个\s*)?(?P<unit>工作日|日|天|月)", text)
    number = parse_int(m.group("n")) if m else None
    months = m is not None and m.group("unit") == "月"
    return {
        "period": re.sub(r"\s+", "", text),
        "days": None if months else number,
        "months": number if months else None,
    }


# The route words. Texts read from PDFs break lines inside words (提起行\n政诉讼) and lose a
# character at a line end (提起行政诉。); OCR reads 申 as 中.
_ROUTES = {
    "remedy_reconsideration": r"(?:[申中]\s*请|提\s*出|提\s*起)\s*(?:行\s*政\s*)?复\s*议",
    "remedy_litigation": (
        r"(?:(?:提\s*起|提\s*出)\s*(?:(?:行\s*政\s*)?诉\s*讼|行\s*政\s*诉)|起\s*诉)"
    ),
}
# A period as PDFs give it: the digits may be split by a space (六 十日, 6 0日).
_CN = "一二三四五六七八九十百零〇两"
_PERIOD = (
    # bounded, and never starting inside a longer numeral: linear on a run of digits
    rf"(?P<period>(?:(?<![0-9０-９])[0-9０-９](?:\s?[0-9０-９]){{0,5}}"
    rf"|(?<![{_CN}])[{_CN}](?:\s?[{_CN}]){{0,5}})"
    r"\s*(?:个\s*)?(?:工作日|日|天|月))"
)
_OTHER = {"remedy_reconsideration": r"诉\s*讼|起\s*诉", "remedy_litigation": r"复\s*议"}
# The clause from a period to the remedy it is for; it may cross a comma (「6个月内，直接向…
# 法院起诉」) and a line break (PDF lines end anywhere) but not a sentence end, another period,
# a payment, or the other remedy.
_NOT_IN_REMEDY = r"缴纳|缴款|[0-9０-９一二三四五六七八九十]\s*(?:个\s*)?(?:日|天|月)"
_MID = r"(?P<mid>(?:(?!{other}|{stop})[^。；;]){{0,90}}?)"
# Words that make a mention a notice to the party: it may (可以、可、有权) or must (应当先) act.
_NOTICE_CUE = re.compile(r"可|有权|应当先|应先")
# A route denied (逾期不申请复议、也不提起诉讼、未申请): the enforcement clause, not a notice.
_NEGATED = re.compile(r"(?:不|未|没有)(?!服)\s*(?:依法)?\s*(?:向[^，,；。]{0,30})?$")
_SENTENCE_START = re.compile(r"(?:[。；;]|\n\s*\n)(?=(?:(?!\n\s*\n)[^。；;])*$)")


def _regex(kind: str) -> re.Pattern[str]:
    mid = _MID.format(other=_OTHER[kind], stop=_NOT_IN_REMEDY)
    return re.compile(rf"{_PERIOD}\s*内?{mid}(?P<route>{_ROUTES[kind]})")


_REMEDY_RES = {kind: _regex(kind) for kind in _ROUTES}
_BARE_RES = {kind: re.compile(route) for kind, route in _ROUTES.items()}


def _remedy_body(mid: str, kind: str) -> str | None:
    """The reconsideration body or court named in the clause before the route (向…)."""
    m = None
    if kind == "remedy_litigation":  # the court, 向 omitted at times (直接某县人民法院提起诉讼)
        m = re.search(r"向(?P<b>[^向]*?法\s*院)", mid) or re.search(
            r"(?P<b>[^，,、\s]*法\s*院)", mid
        )
    m = m or re.search(r"向(?P<b>[^向]+)$", mid)
    body = re.sub(r"^(?:依法|直接)+", "", fold(m.group("b"))) if m else ""
    return body or None


def _negated(text: str, start: int) -> bool:
    """Whether the route at `start` is denied by the words just before it (不、未)."""
    segment = re.split(r"[，,；;。]", text[max(0, start - 40) : start])[-1]
    return _NEGATED.search(segment) is not None


def _sentence_start(text: str, pos: int) -> int:
    m = _SENTENCE_START.search(text, max(0, pos - 200), pos)
    return m.end() if m else max(0, pos - 200)


def _part_of_date(text: str, start: int) -> bool:
    """A "period" that is the end of a date or of a longer number (2013年4月, 8月18日, 六\n十日)."""
    before = text[:start].rstrip()
    return bool(before) and (before[-1] in "年月" or before[-1].isdigit() or before[-1] in _DIGITS)


_DIGITS = "零〇一二三四五六七八九十百"


def _with_period(t: DocText, kind: str) -> Element | None:
    for m in _REMEDY_RES[kind].finditer(t.text):
        if (
            t.in_quote(m.start())
            or _negated(t.text, m.start("route"))
            or _part_of_date(t.text, m.start())
        ):
            continue
        normalized = period(m.group("period"))
        normalized["body"] = _remedy_body(m.group("mid"), kind)
        return t.element(kind, m.start(), m.end(), normalized)
    return None


def _without_period(t: DocText, kind: str) -> Element | None:
    """A notice that names no period: the first route the party is told it may take."""
    for m in _BARE_RES[kind].finditer(t.text):
        if t.in_quote(m.start()) or _negated(t.text, m.start()):
            continue
        start = _sentence_start(t.text, m.start())
        before = t.text[start : m.start()]
        cue = _NOTICE_CUE.search(before)
        if cue is None:
            continue
        # The clause from the cue, cut at the other route (…申请行政复议，也可以向…法院起诉).
        clause = re.split(_OTHER[kind], before[cue.start() :])[-1]
        body = _remedy_body(clause, kind)
        normalized = {"period": None, "days": None, "months": None, "body": body}
        return t.element(kind, m.start() - len(clause), m.end(), normalized)
    return None


def remedies(t: DocText) -> list[Element]:
    out = []
    for kind in _ROUTES:
        element = _with_period(t, kind) or _without_period(t, kind)
        if element is not None:
            out.append(element)
    return out
