"""The four statutory periods of the ordinary procedure, measured once on a checked case with
the deadline rules' own windows (so the timeline the app draws and the rules' findings never
disagree), and stored on the Report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from casecheck.model import CaseFile, Report, StatutoryPeriod
from casecheck.rules.checks.deadlines import Window, window
from casecheck.rules.checks.hearing import notice_window
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule, shipped_and_user_rules
from casecheck.rules.registry import CannotCheck
from casecheck.workdays import NoHolidayData


def _hearing_window(ctx: CaseContext, rule: Rule) -> Window:
    notices = ctx.documents(rule.applies_to)
    if not notices:
        raise CannotCheck("卷内没有听证通知书")
    return notice_window(ctx, rule, notices[-1])  # a rescheduled hearing: the last notice


Measure = Callable[[CaseContext, Rule], Window]

# name, the rule that judges it, how the period is measured, what the law requires ({days}: its
# length)
_PERIODS: tuple[tuple[str, str, Measure, str], ...] = (
    ("陈述申辩期", "TIME-003", window, "告知书送达后{days}个工作日内不得作出决定"),
    ("听证通知期", "HEAR-003", _hearing_window, "听证通知送达后满{days}个工作日方可举行听证"),
    ("办案期限", "TIME-001", window, "立案之日起{days}日内作出决定"),
    ("送达期限", "TIME-002", window, "决定作出后{days}个工作日内送达"),
)


def statutory_periods(
    ctx: CaseContext, rules: Iterable[Rule] | None = None
) -> list[StatutoryPeriod]:
    """The four periods of the ordinary procedure, in the order they run; a period whose rule
    is not among `rules` (default: the shipped and user packs) is left out."""
    by_id = {rule.id: rule for rule in (shipped_and_user_rules() if rules is None else rules)}
    return [
        _period(ctx, by_id[rule_id], name, measure, description)
        for name, rule_id, measure, description in _PERIODS
        if rule_id in by_id
    ]


def report_periods(report: Report) -> list[StatutoryPeriod]:
    """The periods of a checked Report, measured on the facts it carries (nothing re-read)."""
    ctx = CaseContext(
        CaseFile(report.case_path, report.documents),
        report.elements,
        report.citations,
        report.timeline,
        report.department,
        report.region,
    )
    return statutory_periods(ctx)


def _period(
    ctx: CaseContext, rule: Rule, name: str, measure: Measure, description: str
) -> StatutoryPeriod:
    try:
        window = measure(ctx, rule)
    except CannotCheck as exc:
        return StatutoryPeriod(name, rule.id, None, None, None, None, str(exc), rule.title)
    period = StatutoryPeriod(
        name, rule.id, window.start, None, window.actual, None, window.missing,
        description.format(days=window.days),
    )  # fmt: skip
    try:
        period = replace(period, due=window.due)
        if window.actual is not None:
            period = replace(period, met=window.met, reason="")
    except NoHolidayData as exc:  # no guess: the period is not judged
        if window.actual is not None:  # (without `actual` it could not be anyway)
            period = replace(period, reason=str(exc))
    return period
