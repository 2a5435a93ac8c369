"""Statutory periods between the steps of the procedure, and their order."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casecheck.rules.checks.common import dated, served_on
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register
from casecheck.workdays import working_days_between


def _decision_date(ctx: CaseContext, rule: Rule):
    for doc in ctx.documents(rule.applies_to):
        dates = dated(ctx.elements_in(doc.id, "decision_date"))
        if dates:
            return dates[-1]
    raise CannotCheck("决定书中未找到作出决定的日期")


@register("deadline.decision_after_filing")
def decision_after_filing(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Decision later than N calendar days after 立案, with no extension approval in the file."""
    limit = int(ctx.param(rule, "days"))
    filing = ctx.first_date("filing_date", ctx.param(rule, "filing_types"))
    if filing is None:
        raise CannotCheck("卷内未找到立案日期")
    decided, element = _decision_date(ctx, rule)
    elapsed = (decided - filing[0]).days
    if elapsed > limit and not ctx.documents(ctx.param(rule, "extension_types")):
        yield Hit(
            element.document,
            element.start,
            element.end,
            {"filing": filing[0].isoformat(), "decision": decided.isoformat(), "days": elapsed},
        )


@register("deadline.service_after_decision")
def service_after_decision(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The decision was served more than N working days after it was made."""
    limit = int(ctx.param(rule, "working_days"))
    decided, _ = _decision_date(ctx, rule)
    served = served_on(ctx, list(rule.applies_to))
    if served is None:
        raise CannotCheck("卷内没有决定书的送达回证，无法核对送达期限")
    day, element = served
    gap = working_days_between(decided, day)
    if gap > limit:
        yield Hit(
            element.document,
            element.start,
            element.end,
            {"decision": decided.isoformat(), "served": day.isoformat(), "gap": gap},
        )


@register("notice.waiting_period")
def waiting_period(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The decision came before the statement/hearing-request period after the notice ran out,
    and the party did not expressly waive it (行政处罚法第六十二条)."""
    period = int(ctx.param(rule, "working_days"))
    notice_types = ctx.param(rule, "notice_types")
    served = served_on(ctx, notice_types)
    if served is None:
        raise CannotCheck("卷内没有告知书的送达回证，无法核对陈述申辩期")
    waiver = re.compile(ctx.param(rule, "waiver_pattern"))
    if any(waiver.search(d.text) for d in ctx.documents()):
        return
    decided, element = _decision_date(ctx, rule)
    gap = working_days_between(served[0], decided)
    if gap <= period:
        yield Hit(
            element.document,
            element.start,
            element.end,
            {"served": served[0].isoformat(), "decision": decided.isoformat(), "gap": gap},
        )


@register("procedure.filing_before_inquiry")
def filing_before_inquiry(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """立案 dated after an inquiry record: evidence was taken before the case was opened.

    Inspections that led to the case are normal before 立案; inquiries (询问) are not.
    """
    filing = ctx.first_date("filing_date", rule.applies_to)
    if filing is None:
        raise CannotCheck("立案审批表中未找到立案日期")
    inquiries = dated(ctx.elements_of("inspection_date", ctx.param(rule, "inquiry_types")))
    if inquiries and inquiries[0][0] < filing[0]:
        first_day = inquiries[0][0]
        yield Hit(
            filing[1].document,
            filing[1].start,
            filing[1].end,
            {"filing": filing[0].isoformat(), "inquiry": first_day.isoformat()},
        )
