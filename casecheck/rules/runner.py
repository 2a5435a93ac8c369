"""Runs rules over a case context and turns their hits into findings; rules that cannot run
become `not_checked` entries, grouped so a lone document does not list every rule.

One defect is one finding: the hits of a rule that say the same thing (the same message) in
several places become one finding with all its locations. A finding is only as sure as what it
rests on: a hit the check marks unsure, a document whose type was a guess, or OCR text makes
it `confidence: review`/`ocr` and never a veto.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable

from casecheck.casekind import surely_typed
from casecheck.labels import FACT_LABELS, PARAM_LABELS
from casecheck.limits import time_limit
from casecheck.model import SEVERITY_ORDER, Document, Fact, Finding, Location, NotChecked
from casecheck.nlp.structure import in_spans, quoted_spans
from casecheck.rules import checks  # noqa: F401  (registers the built-in checks)
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule, pack_problems
from casecheck.rules.registry import CannotCheck, Hit, get_check
from casecheck.rules.user_packs import USER_CHECK_SECONDS, UserRuleTimeout
from casecheck.workdays import NoHolidayData

# Text sources read by OCR, and the characters of numbers, dates and amounts it may misread.
_RECOGNISED = ("ocr", "mixed")
_NUMERAL = re.compile(r"[0-9０-９〇○零一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]")

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
        ctx.used_params.clear()
        try:
            hits = _user_hits(ctx, rule, check) if rule.user else list(check(ctx, rule))
        except (CannotCheck, NoHolidayData) as reason:
            not_checked.append(NotChecked(check=f"{rule.id} {rule.title}", reason=str(reason)))
            continue
        made = [(make_finding(ctx, rule, hit), hit.defect) for hit in hits]
        findings.extend(merge_findings(made))
    for types, skipped in absent.items():
        names = "、".join(f"{r.id} {r.title}" for r in skipped)
        not_checked.append(
            NotChecked(check=names, reason=f"卷内没有{'或'.join(types)}，以上检查未执行")
        )
    not_checked += [NotChecked(check="自定义规则", reason=p) for p in pack_problems()]
    return findings, not_checked


def _user_hits(ctx: CaseContext, rule: Rule, check) -> list[Hit]:
    """The hits of a rule from a user pack: under a time limit, and any failure of the rule
    (its parameters, its message) reported as CannotCheck instead of stopping the check."""
    try:
        with time_limit(USER_CHECK_SECONDS, UserRuleTimeout):
            hits = list(check(ctx, rule))
            for hit in hits:  # fill the message now: a bad placeholder fails here, not later
                make_finding(ctx, rule, hit)
            return hits
    except UserRuleTimeout:
        raise CannotCheck(
            f"用户规则运行超过 {USER_CHECK_SECONDS:g} 秒未完成，已停止（请简化其正则表达式）"
        ) from None
    except (CannotCheck, NoHolidayData):
        raise
    except Exception as exc:  # a user rule is untrusted input: report it, check the rest
        raise CannotCheck(f"用户规则无法运行（{type(exc).__name__}: {exc}），请检查其参数") from exc


def merge_findings(findings: Iterable[tuple[Finding, str]]) -> list[Finding]:
    """One finding per defect: findings of one rule that name the same defect (the hit's
    `defect`, else the same message) are one defect seen in several places. The surest of them
    leads; `locations` lists every place, its own first."""
    groups: dict[str, list[Finding]] = {}
    for finding, defect in findings:
        groups.setdefault(defect or finding.message, []).append(finding)
    merged = []
    for group in groups.values():
        lead = min(group, key=lambda f: (SEVERITY_ORDER[f.severity], f.confidence != "high"))
        places: dict[Location, None] = {}  # in order, each once
        for finding in [lead, *(f for f in group if f is not lead)]:
            places.update(dict.fromkeys(finding.locations))
        lead.locations = list(places)
        merged.append(lead)
    return merged


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
    message = rule.message.format_map(values)
    scanned_case = any(d.text_source in _RECOGNISED for d in ctx.case.documents)
    severity, confidence, doubts = _trust(rule, hit, doc, scanned_case)
    if doubts:
        message += f"（需人工复核：{'；'.join(doubts)}）"
    return Finding(
        rule_id=rule.id,
        defect_class=rule.defect_class,
        title=rule.title,
        category=rule.category,
        severity=severity,  # type: ignore[arg-type]
        message=message,
        legal_basis=rule.legal_basis,
        suggestion=rule.suggestion.format_map(values),
        document=hit.document,
        page=page,
        start=hit.start,
        end=hit.end,
        quote=quote,
        deduction=deduction,
        confidence=confidence,  # type: ignore[arg-type]
        locations=[Location(hit.document, page, hit.start, hit.end, quote)] if doc else [],
        basis=_facts(ctx, hit),
    )


def _trust(
    rule: Rule, hit: Hit, doc: Document | None, scanned_case: bool = False
) -> tuple[str, str, list[str]]:
    """The finding's severity and confidence, and what a person should verify.

    A veto must rest on text the tool is sure of: a hit its check is sure of, in a document
    whose type was recognised surely (for a veto, or a rule that applies to types), read from
    a text layer, in the document's own words (not statute text it quotes or appends).
    Otherwise it is `review` and at most major (`ocr` for recognised text). A finding at text
    recognised by OCR that rests on a number, a date or an amount (which OCR may misread) is
    `review` too, and so is a veto on the whole of a file with scanned documents (what it
    misses may be in a page OCR misread).
    """
    doubts = []
    if hit.confidence == "review":
        doubts.append(hit.review or "检查所依据的内容识别不确定")
    typed_rule = bool(rule.applies_to) or rule.severity == "veto"
    if typed_rule and doc is not None and not surely_typed(doc):
        doubts.append(f"“{doc.path}”的文书类型（{doc.doc_type}）是推断的，请确认文书类型")
    if (
        rule.severity == "veto"
        and doc is not None
        and hit.start is not None
        and in_spans(hit.start, quoted_spans(doc))
    ):
        doubts.append("所指文字位于文书引用的法律条文中，不一定是本案的事实")
    ocr = doc is not None and _recognised_at(doc, hit.start)
    if ocr and rule.severity == "veto":
        doubts.append("依据的是扫描件识别出的文字，请对照原件")
    elif ocr and _rests_on_values(hit, doc):
        doubts.append("所依据的数字、日期或金额是扫描件识别出的，可能识别有误，请对照原件")
    elif doc is None and scanned_case and rule.severity == "veto":
        doubts.append("案卷含扫描件，所缺内容可能在识别有误的页面中，请对照原件")
    confidence = "review" if doubts else "ocr" if ocr else rule.confidence
    severity = rule.severity
    if doubts and SEVERITY_ORDER[severity] < SEVERITY_ORDER["major"]:
        severity = "major"
    return severity, confidence, doubts


def _recognised_at(doc: Document, offset: int | None) -> bool:
    """The text at `offset` (or, without one, the document) was read by OCR."""
    number = doc.page_at(offset) if offset is not None else None
    page = next((p for p in doc.pages if p.number == number), None)
    source = page.text_source if page is not None else doc.text_source
    return source in _RECOGNISED


def _rests_on_values(hit: Hit, doc: Document) -> bool:
    """The hit points at a number, date or amount, or decided on one."""
    quote = doc.text[hit.start : hit.end] if hit.start is not None and hit.end else ""
    if _NUMERAL.search(quote):
        return True
    values = hit.values.values()
    return any(isinstance(v, dt.date | int | float) and not isinstance(v, bool) for v in values)


def _facts(ctx: CaseContext, hit: Hit) -> list[Fact]:
    """What the rule decided on: the check's own facts, the hit's labelled values, and the
    parameters it used with their sources."""
    facts = list(hit.facts)
    for key, value in hit.values.items():
        if key in FACT_LABELS and value not in (None, "", [], ()):
            text = value.isoformat() if isinstance(value, dt.date) else str(value)
            facts.append(Fact(FACT_LABELS[key], text))
    used: list = []
    for entry in ctx.used_params:
        if entry in used:
            continue
        used.append(entry)
        label = PARAM_LABELS.get(entry.key, entry.key)
        source = entry.source + ("（未核实）" if not entry.verified else "")
        facts.append(Fact(label, str(entry.value), source))
    return facts
