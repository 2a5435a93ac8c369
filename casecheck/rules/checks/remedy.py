"""The remedy clause of a decision: reconsideration and litigation, route, body, period and
wording, each judged by the law in force on the decision date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from casecheck.model import Element
from casecheck.rules.checks.common import complete_documents, possible_values
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import Hit, register

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule


def _period_days(normalized: object) -> int | None:
    """The stated period in days; months count as 30 days."""
    if not isinstance(normalized, dict):
        return None
    if isinstance(normalized.get("months"), int | float):
        return int(normalized["months"] * 30)
    days = normalized.get("days")
    return int(days) if isinstance(days, int | float) else None


def _after_reconsideration(ctx: CaseContext, rule: Rule, element: Element) -> bool:
    """The litigation clause is the one for a reconsideration decision (对复议决定不服的，可在
    收到复议决定书之日起十五日内起诉: 行政诉讼法第四十五条): its sentence names the
    reconsideration decision before the period, and the period is not counted from this
    decision (「对复议决定不服的，也可在接到本决定书之日起六个月内」 is the direct period)."""
    text = ctx.document(element.document).text
    start = max(text.rfind("。", 0, element.start), text.rfind("；", 0, element.start)) + 1
    named = list(
        re.finditer(ctx.param(rule, "after_reconsideration_pattern"), text[start : element.start])
    )
    if not named:
        return False
    tail = text[start + named[-1].end() : element.start]
    return re.search(ctx.param(rule, "this_decision_pattern"), tail) is None


@register(
    "remedy.periods",
    after_reconsideration_days="int",
    after_reconsideration_pattern="regex",
    litigation_months="number$",
    reconsideration_days="number$",
    this_decision_pattern="regex",
)
def remedy_periods(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Reconsideration period other than 60 days; litigation period other than six months
    (three months before 2015-05-01), or a 15-day period that is not the one for suing over a
    reconsideration decision (行政诉讼法第四十五条、第四十六条)."""
    after_days = int(ctx.param(rule, "after_reconsideration_days"))
    for doc in ctx.documents(rule.applies_to):
        reconsider = {int(v) for v in possible_values(ctx, rule, doc, "reconsideration_days")}
        months = {int(v) for v in possible_values(ctx, rule, doc, "litigation_months")}
        for element in ctx.elements_in(doc.id, "remedy_reconsideration"):
            days = _period_days(element.normalized)
            if days is not None and days not in reconsider:
                yield _period_hit(element, f"{max(reconsider)}日")
        for element in ctx.elements_in(doc.id, "remedy_litigation"):
            days = _period_days(element.normalized)
            if days is None:
                continue
            if _after_reconsideration(ctx, rule, element):
                if days != after_days:
                    yield _period_hit(element, f"收到复议决定书之日起{after_days}日")
                continue
            if all(abs(days - m * 30) > 10 for m in months):
                expected = "或".join(f"{m}个月" for m in sorted(months, reverse=True))
                if days == after_days:
                    expected += f"（{after_days}日只适用于对复议决定不服的起诉）"
                yield _period_hit(element, expected)


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


_KINDS = ("remedy_reconsideration", "remedy_litigation")


@register("remedy.incomplete", labels="mapping", parts="texts")
def remedy_incomplete(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A remedy notice that lacks, for 复议 or 诉讼, one of the rule's `parts`: the route itself
    (only the other one is offered), its period, or the body or court it goes to (行政处罚法第
    五十九条第一款第（五）项). A document offering no route at all is REM-002's."""
    labels = ctx.param(rule, "labels")
    parts = set(ctx.param(rule, "parts"))
    for doc in complete_documents(ctx, rule):
        found = {kind: ctx.elements_in(doc.id, kind) for kind in _KINDS}
        if not any(found.values()):
            continue
        missing: list[str] = []
        anchors = []
        for kind, elements in found.items():
            if not elements:
                missing += [labels[kind]["route"]] if "route" in parts else []
                continue
            normalized = elements[0].normalized if isinstance(elements[0].normalized, dict) else {}
            lacking = [
                labels[kind][part]
                for part in ("period", "body")
                if part in parts and not normalized.get(part)
            ]
            missing += lacking
            anchors += [elements[0]] if lacking else []
        if missing:
            # At the notice that lacks a part; at the one given when the other route is missing.
            anchor = (anchors or [e for elements in found.values() for e in elements])[0]
            yield Hit(doc.id, anchor.start, anchor.end, {"missing": "、".join(missing)})


def _vertical(ctx: CaseContext, rule: Rule, names: list[str]) -> bool:
    """Whether the deciding authority is vertically managed (税务, 海关 …: reconsideration by
    the 上一级主管部门 stays, 行政复议法第二十七条) or is a 司法行政部门 (第二十八条)."""
    words = ctx.param(rule, "vertical_bodies")
    return any(w in name for name in names for w in words)


@register(
    "remedy.reconsideration_body",
    choice_abolished="bool$",
    choice_pattern="regex",
    department_pattern="regex",
    government_pattern="regex",
    vertical_bodies="texts",
)
def reconsideration_body(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """From 2024-01-01 a local government department's decision is reconsidered by the
    government at its level only: a body that offers the 上一级主管部门 as a choice
    (「向市物价局或区人民政府」) or names it alone is wrong (行政复议法第二十四条)."""
    government = re.compile(ctx.param(rule, "government_pattern"))
    department = re.compile(ctx.param(rule, "department_pattern"))
    choice = re.compile(ctx.param(rule, "choice_pattern"))
    authorities = [e.value for e in ctx.elements_of("authority")]
    for doc in ctx.documents(rule.applies_to):
        elements = ctx.elements_in(doc.id, "remedy_reconsideration")
        if not elements or not all(possible_values(ctx, rule, doc, "choice_abolished")):
            continue
        for element in elements:
            body = element.normalized.get("body") if isinstance(element.normalized, dict) else ""
            if not body or _vertical(ctx, rule, [*authorities, ctx.department, body]):
                continue
            parts = [p for p in choice.split(body) if p]
            if not any(government.search(p) for p in parts) and any(a in body for a in authorities):
                continue  # the authority itself (国务院部门, 行政复议法第二十五条)
            for part in parts:
                if department.search(part) and not government.search(part):
                    start = element.start + element.value.find(part)
                    yield Hit(doc.id, start, start + len(part), {"body": part})


@register(
    "remedy.vertical_reconsideration_body",
    government_pattern="regex",
    vertical_bodies="texts",
)
def vertical_reconsideration_body(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A decision of a body under vertical leadership (海关, 国家税务, 金融监管, 外汇 …) that
    names only a people's government as the reconsideration body: such decisions are
    reconsidered by the 上一级主管部门 (行政复议法第二十七条; 1999年法第十二条第二款)."""
    government = re.compile(ctx.param(rule, "government_pattern"))
    words = ctx.param(rule, "vertical_bodies")
    for doc in ctx.documents(rule.applies_to):
        own = [e.value for e in ctx.elements_in(doc.id, "authority")]
        if not any(w in name for name in own for w in words):
            continue
        for element in ctx.elements_in(doc.id, "remedy_reconsideration"):
            body = element.normalized.get("body") if isinstance(element.normalized, dict) else ""
            if not body or not government.search(body) or any(w in body for w in words):
                continue
            start = element.start + element.value.find(body) if body in element.value else None
            end = start + len(body) if start is not None else None
            yield Hit(doc.id, start, end, {"body": body})
