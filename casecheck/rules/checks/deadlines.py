"""Statutory periods between the steps of the procedure, and their order.

Each period is measured once, as a `Window`, by the functions here (and
`casecheck.rules.checks.hearing.notice_window`); the rules judge it and
`casecheck.periods.statutory_periods` shows it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from casecheck.model import Element
from casecheck.rules.checks.common import dated, served_on
from casecheck.rules.checks.procedure import last_date
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register
from casecheck.workdays import add_working_days, working_days_between

NO_DECISION_DATE = "决定书中未找到作出决定的日期"

# Where `actual` must fall: after the period has run out (a waiting period), once it is
# complete (the hearing may be held on the day the notice period ends), or within it.
Relation = Literal["after", "from", "within"]


@dataclass(frozen=True)
class Window:
    """A statutory period of `days` (working days, or calendar days when not `working`)
    counted from `start`, and the day (`actual`, written at `element`) that must respect it.
    `actual` is None when the documents do not give it; `missing` says why, in Chinese.
    Working-day properties raise `NoHolidayData` for a year without a holiday table."""

    start: dt.date
    days: int
    working: bool
    relation: Relation
    actual: dt.date | None
    element: Element | None
    missing: str

    @property
    def due(self) -> dt.date:
        """The day the period ends."""
        if self.working:
            return add_working_days(self.start, self.days)
        return self.start + dt.timedelta(days=self.days)

    @property
    def elapsed(self) -> int:
        """Days from `start` to `actual`, counted as the period counts (`start` excluded)."""
        assert self.actual is not None
        if self.working:
            return working_days_between(self.start, self.actual)
        return (self.actual - self.start).days

    @property
    def met(self) -> bool:
        """Compared by date with the day the period ends: a step on the weekend after the
        last working day is after the period, not within it."""
        assert self.actual is not None
        if self.relation == "after":
            return self.actual > self.due
        if self.relation == "from":
            return self.elapsed >= self.days
        return self.actual <= self.due


def _decision_date(ctx: CaseContext, rule: Rule) -> tuple[dt.date, Element] | None:
    for doc in ctx.documents(rule.applies_to):
        dates = dated(ctx.elements_in(doc.id, "decision_date"))
        if dates:
            return dates[-1]
    return None


def _window(
    start: dt.date, days: int, working: bool, relation: Relation,
    actual: tuple[dt.date, Element] | None, missing: str,
) -> Window:  # fmt: skip
    day, element = actual if actual is not None else (None, None)
    return Window(start, days, working, relation, day, element, missing)


def filing_date(ctx: CaseContext, types: list[str]) -> tuple[dt.date, Element] | None:
    """The date of 立案: a date the documents label as such or, failing that, the approval
    that closes the filing form (its last date: 同意立案 + signature + date)."""
    labelled = ctx.first_date("filing_date", types)
    if labelled is not None:
        return labelled
    for doc in ctx.documents(types):
        approved = last_date(doc)
        if approved is not None:
            written = doc.text[approved.start : approved.end]
            element = Element(
                doc.id,
                "filing_date",
                written,
                approved.date.isoformat(),
                approved.start,
                approved.end,
            )
            return approved.date, element
    return None


def filing_window(ctx: CaseContext, rule: Rule) -> Window:
    """立案 → decision within N calendar days (行政处罚法第六十条)."""
    limit = int(ctx.param(rule, "days"))
    filing = filing_date(ctx, ctx.param(rule, "filing_types"))
    if filing is None:
        raise CannotCheck("卷内未找到立案日期")
    decided = _decision_date(ctx, rule)
    return _window(filing[0], limit, False, "within", decided, NO_DECISION_DATE)


def service_window(ctx: CaseContext, rule: Rule) -> Window:
    """Decision → service within N working days (行政处罚法第六十一条)."""
    limit = int(ctx.param(rule, "working_days"))
    decided = _decision_date(ctx, rule)
    if decided is None:
        raise CannotCheck(NO_DECISION_DATE)
    served = served_on(ctx, list(rule.applies_to))
    missing = "卷内没有决定书的送达回证，无法核对送达期限"
    return _window(decided[0], limit, True, "within", served, missing)


def waiting_window(ctx: CaseContext, rule: Rule) -> Window:
    """The notice's service → the decision only after N working days (第六十二条、第六十四条)."""
    period = int(ctx.param(rule, "working_days"))
    served = served_on(ctx, ctx.param(rule, "notice_types"))
    if served is None:
        raise CannotCheck("卷内没有告知书的送达回证，无法核对陈述申辩期")
    decided = _decision_date(ctx, rule)
    return _window(served[0], period, True, "after", decided, NO_DECISION_DATE)


def _measured(window: Window) -> Window:
    """The window, when the documents give the day that must respect it."""
    if window.actual is None or window.element is None:
        raise CannotCheck(window.missing)
    return window


def _hit_at(window: Window, names: tuple[str, str, str]) -> Hit:
    """A hit at the day that broke the period; `names` are the message's placeholders for the
    start, that day and the days elapsed."""
    assert window.actual is not None and window.element is not None
    start, actual, elapsed = names
    element = window.element
    values = {
        start: window.start.isoformat(),
        actual: window.actual.isoformat(),
        elapsed: window.elapsed,
    }
    return Hit(element.document, element.start, element.end, values)


@register(
    "deadline.decision_after_filing", days="number$", extension_types="types", filing_types="types"
)
def decision_after_filing(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Decision later than N calendar days after 立案, with no extension approval in the file."""
    window = _measured(filing_window(ctx, rule))
    if not window.met and not ctx.documents(ctx.param(rule, "extension_types")):
        yield _hit_at(window, ("filing", "decision", "days"))


@register("deadline.service_after_decision", working_days="number$")
def service_after_decision(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The decision was served more than N working days after it was made."""
    window = _measured(service_window(ctx, rule))
    if not window.met:
        yield _hit_at(window, ("decision", "served", "gap"))


def _waived(ctx: CaseContext, rule: Rule) -> bool:
    """Whether the party expressly gave up the period: a waiver written outside the notices
    (which only say that silence counts as giving it up, 逾期…视为放弃) and not itself such a
    deemed waiver."""
    waiver = re.compile(ctx.param(rule, "waiver_pattern"))
    deemed = re.compile(ctx.param(rule, "deemed_pattern"))
    notices = set(ctx.param(rule, "notice_types"))
    return any(
        not deemed.search(doc.text, max(0, m.start() - 12), m.start())
        for doc in ctx.documents()
        if doc.doc_type not in notices
        for m in waiver.finditer(doc.text)
    )


@register(
    "notice.waiting_period",
    deemed_pattern="regex",
    notice_types="types",
    waiver_pattern="regex",
    working_days="number$",
)
def waiting_period(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The decision came before the statement/hearing-request period after the notice ran out,
    and the party did not expressly waive it (行政处罚法第六十二条)."""
    window = waiting_window(ctx, rule)
    if _waived(ctx, rule):
        return
    window = _measured(window)
    if not window.met:
        yield _hit_at(window, ("served", "decision", "gap"))


@register("procedure.filing_before_inquiry", inquiry_types="types")
def filing_before_inquiry(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """立案 dated after an inquiry record: evidence was taken before the case was opened.

    Inspections that led to the case are normal before 立案; inquiries (询问) are not.
    """
    filing = filing_date(ctx, list(rule.applies_to))
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
