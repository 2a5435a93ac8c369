"""The remedy clause of a decision: reconsideration and litigation, route and period."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casecheck.model import Element
from casecheck.rules.checks.common import dated
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


def _period_days(normalized: object) -> int | None:
    """The stated period in days; months count as 30 days."""
    if not isinstance(normalized, dict):
        return None
    if isinstance(normalized.get("months"), int | float):
        return int(normalized["months"] * 30)
    days = normalized.get("days")
    return int(days) if isinstance(days, int | float) else None


@register("remedy.periods")
def remedy_periods(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Reconsideration period other than 60 days; litigation period other than six months
    (three months before 2015-05-01); a 15-day litigation period without prior
    reconsideration."""
    for doc in ctx.documents(rule.applies_to):
        dates = dated(ctx.elements_in(doc.id, "decision_date"))
        on = dates[-1][0] if dates else ctx.reference_date
        if on is None:
            raise CannotCheck("决定书中未找到决定日期，无法确定适用的救济期限")
        reconsider_days = int(ctx.param(rule, "reconsideration_days", on))
        litigation_months = int(ctx.param(rule, "litigation_months", on))
        for element in ctx.elements_in(doc.id, "remedy_reconsideration"):
            days = _period_days(element.normalized)
            if days is not None and days != reconsider_days:
                yield _period_hit(element, f"{reconsider_days}日")
        for element in ctx.elements_in(doc.id, "remedy_litigation"):
            days = _period_days(element.normalized)
            if days is not None and abs(days - litigation_months * 30) > 10:
                yield _period_hit(element, f"{litigation_months}个月")


def _period_hit(element: Element, expected: str) -> Hit:
    """A hit on the period words inside the remedy clause (e.g. 三个月), not the whole clause."""
    period = element.normalized.get("period") if isinstance(element.normalized, dict) else None
    offset = element.value.find(period) if period else -1
    if not period or offset < 0:
        return Hit(
            element.document,
            element.start,
            element.end,
            {"found": element.value, "expected": expected},
        )
    start = element.start + offset
    return Hit(
        element.document, start, start + len(period), {"found": period, "expected": expected}
    )


@register("remedy.missing")
def remedy_missing(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The decision does not tell the party how and by when to seek a remedy."""
    route = re.compile(ctx.param(rule, "route_pattern"))
    for doc in ctx.documents(rule.applies_to):
        has_elements = ctx.elements_in(doc.id, "remedy_reconsideration") or ctx.elements_in(
            doc.id, "remedy_litigation"
        )
        if not has_elements and not route.search(doc.text):
            yield Hit(doc.id, values={})
