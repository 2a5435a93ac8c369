"""Hearing rights and hearing procedure (行政处罚法第六十三条至第六十五条)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from casecheck.model import Document
from casecheck.nlp.elements import extract_rights_notice
from casecheck.rules.checks.common import (
    dated,
    hearing_scope,
    served_on,
)
from casecheck.rules.checks.deadlines import Window
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import CannotCheck, Hit, register

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule

NO_HEARING_DATE = "听证通知书中未找到听证举行日期"
NO_NOTICE_RECEIPT = "卷内没有听证通知书的送达回证，无法核对通知期限"


@register(
    "hearing.scope_notified",
    notice_account_pattern="regex",
    notice_types="types",
    right_pattern="regex",
    rights_sentence_pattern="regex",
    scope_penalty_types="texts",
    threshold_individual="number$",
    threshold_organisation="number$",
    highest_when_unknown="bool?",
)
def scope_notified(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A penalty within hearing scope, but no notice in the file tells the party of the right.

    Scope: a fine at or above the 较大数额 threshold for the department, region and party
    type, or a penalty type the law puts in scope (吊销, 责令停产停业 …). The finding points at
    the notice's rights sentence, where the hearing right belongs; with no notice at all, at
    the penalty in the decision.
    """
    notices = ctx.documents(ctx.param(rule, "notice_types"))
    pattern = ctx.param(rule, "right_pattern")
    # Without the notice in the file, the decision's account of the procedure is the evidence
    # (「告知当事人有要求举行听证的权利」「当事人未申请听证」).
    told = notices or ctx.documents(rule.applies_to)
    if any(re.search(pattern, doc.text) for doc in told):
        return
    if not notices and not any(
        re.search(ctx.param(rule, "notice_account_pattern"), d.text) for d in told
    ):
        raise CannotCheck("卷内没有告知书，决定书也未记载告知经过，无法核对是否告知听证权利")
    scope = hearing_scope(ctx, rule, ctx.documents(rule.applies_to))
    if scope is None:
        return
    _, decision_hit = scope
    if not notices:
        if decision_hit.confidence == "review":
            # the decision's silence and a threshold of another department: two guesses
            raise CannotCheck("卷内没有告知书，本部门的听证标准也未收录，未核对是否告知听证权利")
        # A decision need not retell every right the notice gave: its silence is a question
        # for the reviewer, not proof, until the notice itself is in the file.
        yield replace(
            decision_hit,
            confidence="review",
            review="卷内没有告知书，依据的是决定书对告知经过的记述，请核对告知书是否告知听证权利",
        )
        return
    rights_sentence = re.compile(ctx.param(rule, "rights_sentence_pattern"))
    for notice in notices:
        # Prefer the sentence that sets the period for statements: the hearing right and its
        # period belong there.
        m = rights_sentence.search(notice.text)
        rights = extract_rights_notice(notice)
        span = (m.start(), m.end()) if m else rights.span if rights is not None else (None, None)
        yield replace(decision_hit, document=notice.id, start=span[0], end=span[1])


def notice_window(ctx: CaseContext, rule: Rule, notice: Document) -> Window:
    """The hearing notice's service → the hearing, held only once N working days are complete
    (行政处罚法第六十四条第二项)."""
    minimum = int(ctx.param(rule, "working_days"))
    held = dated(ctx.elements_in(notice.id, "hearing_date"))
    served = served_on(ctx, list(rule.applies_to))
    if served is None:
        raise CannotCheck(NO_HEARING_DATE if not held else NO_NOTICE_RECEIPT)
    hearing_day, hearing_el = held[-1] if held else (None, None)
    return Window(served[0], minimum, True, "from", hearing_day, hearing_el, NO_HEARING_DATE)


def _dated_window(ctx: CaseContext, rule: Rule, notice: Document) -> Window:
    """Without a receipt, the notice's own date: it cannot have been served before it was
    written, so a notice dated too close to the hearing was served too late in any case."""
    minimum = int(ctx.param(rule, "working_days"))
    held = dated(ctx.elements_in(notice.id, "hearing_date"))
    written = dated(ctx.elements_in(notice.id, "notice_date"))
    if not held or not written:
        raise CannotCheck(NO_HEARING_DATE if not held else NO_NOTICE_RECEIPT)
    window = Window(written[-1][0], minimum, True, "from", *held[-1], NO_HEARING_DATE)
    if window.met:  # served on a later day, it may still have been late: not known
        raise CannotCheck(NO_NOTICE_RECEIPT)
    return window


@register("hearing.notice_period", working_days="number$")
def notice_period(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The hearing notice reached the party fewer than 7 working days before the hearing
    (without its 送达回证: the notice was written fewer than 7 working days before it)."""
    for notice in ctx.documents(rule.applies_to):
        try:
            window, served = notice_window(ctx, rule, notice), ""
        except CannotCheck as missing:
            if str(missing) != NO_NOTICE_RECEIPT:
                raise
            window, served = _dated_window(ctx, rule, notice), "（通知书落款日，送达不会更早）"
        if window.actual is None or window.element is None:
            raise CannotCheck(window.missing)
        if not window.met:
            yield Hit(
                notice.id,
                window.element.start,
                window.element.end,
                {
                    "served": window.start.isoformat() + served,
                    "hearing": window.actual.isoformat(),
                    "gap": window.elapsed,
                },
            )


@register("hearing.host_not_investigator", host_pattern="regex", investigation_types="types")
def host_not_investigator(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The hearing host is one of the officers who investigated the case."""
    investigators = {
        e.normalized.get("name")
        for e in ctx.elements_of("officer", ctx.param(rule, "investigation_types"))
        if isinstance(e.normalized, dict)
    }
    host_re = re.compile(ctx.param(rule, "host_pattern"))
    for doc in ctx.documents(rule.applies_to):
        for m in host_re.finditer(doc.text):
            if m.group("name") in investigators:
                yield Hit(doc.id, m.start("name"), m.end("name"), {"name": m.group("name")})
