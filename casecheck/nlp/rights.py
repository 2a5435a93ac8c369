"""The rights notice: what a 告知书 (or a decision's procedure part) tells the party of its
rights to statement, defence and a hearing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casecheck.model import Document
from casecheck.nlp.remedies import period
from casecheck.nlp.text import PERIOD, DocText


@dataclass(frozen=True)
class RightsNotice:
    """What a 告知书 (or a decision's procedure part) says about the party's rights."""

    mentions_statement: bool
    mentions_hearing: bool
    hearing_period_text: str | None
    hearing_period_days: int | None
    hearing_period_working_days: bool
    span: tuple[int, int]


def extract_rights_notice(doc: Document) -> RightsNotice | None:
    """The rights a notice tells the party of: statement/defence, hearing, and the period to
    request a hearing (e.g. 「五个工作日内」 → 5 days, working days). None if neither is named."""
    text = doc.text
    statement = re.search(r"陈述|申辩", text)
    hearing = re.search(r"听证", text)
    if not statement and not hearing:
        return None
    t = DocText(doc)
    period_text, days, working, span = None, None, False, None
    for m in re.finditer(r"听证", text):
        s, e = t.clause(m.start())
        sentence = text[s:e]
        if not re.search(r"要求|申请|提出", sentence):
            continue
        p = re.search(rf"{PERIOD}\s*内", sentence)
        if p:
            period_text = re.sub(r"\s+", "", p.group("period"))
            days = period(period_text)["days"]
            working = "工作日" in period_text
            span = (s, e)
            break
    if span is None:
        first = hearing or statement
        assert first is not None
        span = t.clause(first.start())
    return RightsNotice(bool(statement), bool(hearing), period_text, days, working, span)
