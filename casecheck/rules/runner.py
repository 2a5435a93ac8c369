"""Runs rules over a case context and turns their hits into findings; rules that cannot run
become `not_checked` entries, grouped so a lone document does not list every rule."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from casecheck.model import Finding, NotChecked
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, get_check
from casecheck.workdays import NoHolidayData

QUOTE_LIMIT = 200


class _Values(dict):
    """Message values; a placeholder a hit did not fill renders as empty, not KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


def hits_for(ctx: CaseContext, rule: Rule) -> list[Hit]:
    """The hits of one rule; raises CannotCheck (or NoHolidayData) when it cannot decide."""
    return list(get_check(rule.check)(ctx, rule))


def run_rules(ctx: CaseContext, rules: Iterable[Rule]) -> tuple[list[Finding], list[NotChecked]]:
    findings: list[Finding] = []
    not_checked: list[NotChecked] = []
    absent: dict[tuple[str, ...], list[Rule]] = defaultdict(list)
    for rule in rules:
        if rule.applies_to and not ctx.documents(rule.applies_to):
            absent[rule.applies_to].append(rule)
            continue
        try:
            check = get_check(rule.check)
        except KeyError as unknown:  # a user pack naming a check this version does not have
            not_checked.append(NotChecked(check=f"{rule.id} {rule.title}", reason=unknown.args[0]))
            continue
        try:
            hits = list(check(ctx, rule))
        except (CannotCheck, NoHolidayData) as reason:
            not_checked.append(NotChecked(check=f"{rule.id} {rule.title}", reason=str(reason)))
            continue
        findings.extend(make_finding(ctx, rule, hit) for hit in hits)
    for types, skipped in absent.items():
        names = "、".join(f"{r.id} {r.title}" for r in skipped)
        not_checked.append(
            NotChecked(check=names, reason=f"卷内没有{'或'.join(types)}，以上检查未执行")
        )
    return findings, not_checked


def make_finding(ctx: CaseContext, rule: Rule, hit: Hit) -> Finding:
    doc = ctx.case.document(hit.document) if hit.document else None
    quote = ""
    page = None
    if doc is not None and hit.start is not None and hit.end is not None:
        quote = doc.text[hit.start : hit.end][:QUOTE_LIMIT]
        page = doc.page_at(hit.start)
    values = _Values(hit.values)
    if doc is not None:
        values.setdefault("doc_type", doc.doc_type)
        values.setdefault("path", doc.path)
    deduction = list(rule.deduction) if isinstance(rule.deduction, tuple) else rule.deduction
    confidence = hit.confidence or (
        "ocr" if doc is not None and doc.text_source in ("ocr", "mixed") else rule.confidence
    )
    severity = "major" if confidence == "review" and rule.severity == "veto" else rule.severity
    return Finding(
        rule_id=rule.id,
        defect_class=rule.defect_class,
        title=rule.title,
        category=rule.category,
        severity=severity,  # type: ignore[arg-type]
        message=rule.message.format_map(values),
        legal_basis=rule.legal_basis,
        suggestion=rule.suggestion.format_map(values),
        document=hit.document,
        page=page,
        start=hit.start,
        end=hit.end,
        quote=quote,
        deduction=deduction,
        confidence=confidence,  # type: ignore[arg-type]
    )
