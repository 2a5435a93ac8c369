"""The statutory periods drawn on the overview's timeline, measured on a checked Report.

Which documents count, and how long each period is, come from the engine's rules and
parameters (the rule's `applies_to` and `params`, `checklists/params/`); working days come
from `casecheck.workdays`. The verdict drawn here is a picture of the dates: the engine's
finding (shown as `flagged`) stays the authority, e.g. where an extension or a waiver applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from casecheck.model import Report
    from casecheck.rules.context import CaseContext
    from casecheck.rules.pack import Rule

Status = Literal["met", "missed", "unknown"]
# Where the step must fall relative to `due`: after it (a waiting period runs out first), on
# or after it (the hearing may be held on the day the notice period is complete), or by it.
Relation = Literal["after", "from", "by"]
NO_HOLIDAY_DATA = "无节假日数据"


@dataclass(frozen=True)
class Period:
    """One statutory period: from `start` to `due`, and the day (`actual`) that must respect it."""

    rule_id: str
    name: str
    description: str
    start: dt.date | None
    due: dt.date | None
    actual: dt.date | None
    relation: Relation
    status: Status
    reason: str = ""
    flagged: bool = False

    @property
    def verdict(self) -> str:
        if self.status == "met":
            return "符合"
        if self.status == "missed":
            return "不符合"
        return f"无法判断（{self.reason}）"


class _Unknown(Exception):
    """A period that cannot be measured; the message says why, in Chinese."""


def statutory_periods(report: Report) -> list[Period]:
    """The four periods of the ordinary procedure, in the order they run."""
    from casecheck.model import CaseFile
    from casecheck.rules.context import CaseContext
    from casecheck.rules.pack import shipped_and_user_rules

    ctx = CaseContext(
        CaseFile(report.case_path, report.documents),
        report.elements,
        report.citations,
        report.timeline,
        report.department,
        report.region,
    )
    rules = {rule.check: rule for rule in shipped_and_user_rules()}
    flagged = {f.rule_id for f in report.findings}
    periods = []
    for check, (name, measure) in _MEASURES.items():
        rule = rules.get(check)
        if rule is not None:
            periods.append(_period(ctx, rule, name, measure, rule.id in flagged))
    return periods


Measure = Callable[["CaseContext", "Rule"], "Measured"]


@dataclass(frozen=True)
class Measured:
    description: str
    start: dt.date
    due: dt.date
    actual: dt.date | None
    relation: Relation
    missing: str  # why `actual` may be absent


def _holds(actual: dt.date, due: dt.date, relation: Relation) -> bool:
    if relation == "after":
        return actual > due
    if relation == "from":
        return actual >= due
    return actual <= due


def _period(ctx: CaseContext, rule: Rule, name: str, measure: Measure, flagged: bool) -> Period:
    from casecheck.rules.registry import CannotCheck
    from casecheck.workdays import NoHolidayData

    try:
        m = measure(ctx, rule)
    except NoHolidayData as exc:
        return Period(rule.id, name, rule.title, None, None, None, "by", "unknown",
                      f"{NO_HOLIDAY_DATA}：{exc.year}年", flagged)  # fmt: skip
    except (_Unknown, CannotCheck) as exc:
        return Period(rule.id, name, rule.title, None, None, None, "by", "unknown", str(exc),
                      flagged)  # fmt: skip
    if m.actual is None:
        status: Status = "unknown"
    else:
        status = "met" if _holds(m.actual, m.due, m.relation) else "missed"
    reason = m.missing if m.actual is None else ""
    return Period(rule.id, name, m.description, m.start, m.due, m.actual, m.relation, status,
                  reason, flagged)  # fmt: skip


def _served(ctx: CaseContext, types: list[str], what: str) -> dt.date:
    from casecheck.rules.checks.common import served_on

    served = served_on(ctx, types)
    if served is None:
        raise _Unknown(f"卷内没有{what}的送达回证")
    return served[0]


def _decided(ctx: CaseContext, types: tuple[str, ...] | list[str]) -> dt.date | None:
    from casecheck.rules.checks.common import dated

    days = dated(ctx.elements_of("decision_date", types))
    return days[-1][0] if days else None


def _waiting(ctx: CaseContext, rule: Rule) -> Measured:
    from casecheck.workdays import add_working_days

    days = int(ctx.param(rule, "working_days"))
    served = _served(ctx, ctx.param(rule, "notice_types"), "告知书")
    return Measured(
        f"告知书送达后{days}个工作日内不得作出决定", served, add_working_days(served, days),
        _decided(ctx, rule.applies_to), "after", "决定书中未找到作出决定的日期",
    )  # fmt: skip


def _hearing_notice(ctx: CaseContext, rule: Rule) -> Measured:
    from casecheck.rules.checks.common import dated
    from casecheck.workdays import add_working_days

    if not ctx.documents(rule.applies_to):
        raise _Unknown("卷内没有听证通知书")
    days = int(ctx.param(rule, "working_days"))
    served = _served(ctx, list(rule.applies_to), "听证通知书")
    held = dated(ctx.elements_of("hearing_date", rule.applies_to))
    return Measured(
        f"听证通知送达后满{days}个工作日方可举行听证", served, add_working_days(served, days),
        held[-1][0] if held else None, "from", "听证通知书中未找到听证举行日期",
    )  # fmt: skip


def _filing_to_decision(ctx: CaseContext, rule: Rule) -> Measured:
    days = int(ctx.param(rule, "days"))
    filing = ctx.first_date("filing_date", ctx.param(rule, "filing_types"))
    if filing is None:
        raise _Unknown("卷内未找到立案日期")
    return Measured(
        f"立案之日起{days}日内作出决定", filing[0], filing[0] + dt.timedelta(days=days),
        _decided(ctx, rule.applies_to), "by", "决定书中未找到作出决定的日期",
    )  # fmt: skip


def _service(ctx: CaseContext, rule: Rule) -> Measured:
    from casecheck.rules.checks.common import served_on
    from casecheck.workdays import add_working_days

    days = int(ctx.param(rule, "working_days"))
    decided = _decided(ctx, rule.applies_to)
    if decided is None:
        raise _Unknown("决定书中未找到作出决定的日期")
    served = served_on(ctx, list(rule.applies_to))
    return Measured(
        f"决定作出后{days}个工作日内送达", decided, add_working_days(decided, days),
        served[0] if served else None, "by", "卷内没有决定书的送达回证",
    )  # fmt: skip


_MEASURES: dict[str, tuple[str, Measure]] = {
    "notice.waiting_period": ("陈述申辩期", _waiting),
    "hearing.notice_period": ("听证通知期", _hearing_notice),
    "deadline.decision_after_filing": ("办案期限", _filing_to_decision),
    "deadline.service_after_decision": ("送达期限", _service),
}
