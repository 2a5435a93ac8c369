"""How documents are written: blanks left unfilled (评查标准: 空白未处理) and terms the 2021
行政处罚法 replaced."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from casecheck.rules.checks.procedure import last_date
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import Hit, register


@register(
    "format.unfilled_blanks",
    blank_pattern="regex",
    handwritten_pattern="regex",
    handwritten_reach="int",
)
def unfilled_blanks(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Template blanks left in a document (____, ×××, 年月日 without numbers), except where
    a signature is written by hand (签名：____ 年 月 日)."""
    blank = re.compile(ctx.param(rule, "blank_pattern"))
    handwritten = re.compile(ctx.param(rule, "handwritten_pattern"))
    reach = int(ctx.param(rule, "handwritten_reach"))
    for doc in ctx.documents(rule.applies_to):
        for m in blank.finditer(doc.text):
            line_start = doc.text.rfind("\n", 0, m.start()) + 1
            if handwritten.search(doc.text, max(line_start, m.start() - reach), m.start()):
                continue
            yield Hit(doc.id, m.start(), m.end(), {"found": m.group()})


@register("format.replaced_term", since="date", term_pattern="regex")
def replaced_term(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A term the current law replaced (一般程序 → 普通程序) in a document dated after the
    change; quoted titles (《…》) are left alone."""
    term = re.compile(ctx.param(rule, "term_pattern"))
    since = dt.date.fromisoformat(str(ctx.param(rule, "since")))
    for doc in ctx.documents(rule.applies_to):
        signed = last_date(doc)
        day = signed.date if signed else ctx.reference_date
        if day is None or day < since:
            continue
        for m in term.finditer(doc.text):
            opened = doc.text.rfind("《", 0, m.start())
            if opened > doc.text.rfind("》", 0, m.start()):
                continue
            yield Hit(doc.id, m.start(), m.end(), {"found": m.group(), "date": day.isoformat()})
