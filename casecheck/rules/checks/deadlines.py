"""Statutory periods between the steps of the procedure, and their order: two generic checks
over dated events (`casecheck.rules.checks.events`).

`period.between` measures a period from one event to another as a `Window` (also used by
`casecheck.rules.checks.hearing.notice_window`); the rules judge it and
`casecheck.periods.statutory_periods` shows it. `dates.order` finds a step dated after a step
that must follow it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from casecheck.model import Element
from casecheck.rules.checks.events import event_dates, missing, one_date
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register
from casecheck.workdays import add_working_days, working_days_between

# Where `actual` must fall: after the period has run out (a waiting period), once it is
# complete (the hearing may be held on the day the notice period ends), or within it.
Relation = Literal["after", "from", "within"]


@dataclass(frozen=True)
class Window:
    """A statutory period of `days` (working days, or calendar days when not `working`)
    counted from `start` (written at `start_element`, where known), and the day (`actual`,
    written at `element`) that must respect it. `actual` is None when the documents do not
    give it; `missing` says why, in Chinese. Working-day properties raise `NoHolidayData` for a
    year without a holiday table."""

    start: dt.date
    days: int
    working: bool
    relation: Relation
    actual: dt.date | None
    element: Element | None
    missing: str
    start_element: Element | None = None

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


def window(ctx: CaseContext, rule: Rule) -> Window:
    """The rule's period: `days` (working days when `working`) from the `start` event, and the
    `end` event's day that must fall `relation` to it. Without a start the check cannot run;
    without an end the window says why (`missing`)."""
    days = int(ctx.param(rule, "days"))  # first: on a date no such period applied, say so
    start_event, end_event = ctx.param(rule, "start"), ctx.param(rule, "end")
    start = one_date(ctx, start_event)
    if start is None:
        raise CannotCheck(missing(start_event))
    end = one_date(ctx, end_event)
    day, element = end if end is not None else (None, None)
    relation = ctx.param(rule, "relation")
    working = bool(ctx.param(rule, "working"))
    return Window(
        start[0], days, working, relation, day, element, missing(end_event), start_element=start[1]
    )


def _excused(ctx: CaseContext, rule: Rule) -> bool:
    """Whether the file shows the period did not bind: a document of `excused_by` (an approved
    extension or deferral), or wording `excused_pattern` in a document of `excused_in` (加处罚款
    computed and collected)."""
    excusing = ctx.param(rule, "excused_by")
    if excusing and ctx.documents(excusing):
        return True
    pattern, types = ctx.param(rule, "excused_pattern"), ctx.param(rule, "excused_in")
    return bool(pattern and types) and any(re.search(pattern, d.text) for d in ctx.documents(types))


def _waived(ctx: CaseContext, rule: Rule) -> bool:
    """Whether the party expressly gave up the period: `waiver_pattern` written outside the
    documents of `waiver_not_in` (notices, which only say that silence counts as giving it up,
    逾期…视为放弃) and not itself such a deemed waiver (`deemed_pattern` just before it)."""
    waiver = ctx.param(rule, "waiver_pattern")
    if not waiver:
        return False
    deemed = re.compile(ctx.param(rule, "deemed_pattern") or "(?!)")
    notices = set(ctx.param(rule, "waiver_not_in") or ())
    return any(
        not deemed.search(doc.text, max(0, m.start() - 12), m.start())
        for doc in ctx.documents()
        if doc.doc_type not in notices
        for m in re.finditer(waiver, doc.text)
    )


@register(
    "period.between",
    start="event",
    end="event",
    days="number$",
    working="bool",
    relation="text",
    elapsed_as="text",
    excused_by="types?",
    excused_pattern="regex?",
    excused_in="types?",
    waiver_pattern="regex?",
    deemed_pattern="regex?",
    waiver_not_in="types?",
)
def period_between(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A period between two dated events not respected: the `end` event falls outside the
    `days` counted from the `start` event, as `relation` requires — `within` (by the day the
    period ends), `after` (only once it has run out) or `from` (once it is complete). Excused
    periods and express waivers are not findings. The hit is at the end event's date; the
    message has both dates (under each event's `as`) and the days elapsed (`elapsed_as`)."""
    if _excused(ctx, rule):
        return
    measured = window(ctx, rule)
    if _waived(ctx, rule):
        return
    if measured.actual is None or measured.element is None:
        raise CannotCheck(measured.missing)
    if measured.met:
        return
    values = {
        ctx.param(rule, "start")["as"]: measured.start.isoformat(),
        ctx.param(rule, "end")["as"]: measured.actual.isoformat(),
        ctx.param(rule, "elapsed_as"): measured.elapsed,
    }
    # At the day that broke the period and, as a second place of the same finding, the day
    # the period began.
    for element in (measured.element, measured.start_element):
        if element is not None:
            yield Hit(element.document, element.start, element.end, values)


@register("dates.order", first="event", then="event", defect="text")
def dates_order(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A step dated after a step that must follow it (`defect: after`: 立案 after the first
    询问, the 法制审核 after the decision), or on the same day where the order cannot then be
    told (`defect: same_day`). The hit is at the `first` event's date, one per document when
    `first` picks `each`; `then` is a single date."""
    first_event, then_event = ctx.param(rule, "first"), ctx.param(rule, "then")
    firsts = event_dates(ctx, first_event)
    if not firsts:
        raise CannotCheck(missing(first_event))
    then = one_date(ctx, then_event)
    if then is None:
        if "missing" in then_event:
            raise CannotCheck(missing(then_event))
        return
    same_day = ctx.param(rule, "defect") == "same_day"
    for day, element in firsts:
        if (day == then[0]) if same_day else (day > then[0]):
            values = {first_event["as"]: day.isoformat(), then_event["as"]: then[0].isoformat()}
            yield Hit(element.document, element.start, element.end, values)
