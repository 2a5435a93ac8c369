"""The same party, code and amounts across all documents; identifiers that fail their checksum."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from casecheck.model import Document, Element
from casecheck.nlp.identifiers import credit_code_status, id_number_status
from casecheck.nlp.numbers import Amount, find_amounts
from casecheck.nlp.structure import adds_up, decision_parts, in_spans
from casecheck.rules.checks.common import amount_of, max_amount, yuan
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import Hit, register

_BRACKETS = str.maketrans("()", "（）")
_TRAILING_NOTE = re.compile(r"（[^（）]{1,20}）$")


def _canonical(value: str) -> str:
    """The value without spaces, with full-width brackets, and without a note in brackets at
    its end: 「（以下简称…）」, a role such as （建设单位） or （法定代表人）."""
    value = re.sub(r"\s+", "", value).translate(_BRACKETS)
    while (bare := _TRAILING_NOTE.sub("", value)) != value and len(bare) >= 2:
        value = bare
    return value


def _same_party(value: str, expected: str) -> bool:
    """`value` names `expected`: the same canonical form, or `expected` named in a note in
    brackets (刘某（某某便利店经营者） for the shop 某某便利店)."""
    if _canonical(value) == expected:
        return True
    notes = re.findall(r"（([^（）]*)）", re.sub(r"\s+", "", value).translate(_BRACKETS))
    return any(expected in note for note in notes)


@register("consistency.same_value", kind="text")
def same_value(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """An element kind (party name, credit code …) written differently across documents.

    Each document's first value stands for it (a decision may name several parties, e.g. a
    company and its responsible staff); the form most documents use is taken as intended and
    every other form is a hit at its span. A single document is compared with nothing.
    """
    kind = ctx.param(rule, "kind")
    first: dict[str, Element] = {}
    for element in ctx.elements_of(kind):
        if element.value.strip():
            first.setdefault(element.document, element)
    if len(first) < 2:
        return
    forms = Counter(_canonical(e.value) for e in first.values())
    if len(forms) < 2:
        return
    expected, _ = forms.most_common(1)[0]
    for element in first.values():
        if not _same_party(element.value, expected):
            yield Hit(
                element.document,
                element.start,
                element.end,
                {"found": element.value, "expected": expected},
            )


@register("consistency.amount_figures")
def amount_figures(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """An amount written twice, in words and in figures (叁仟圆（2000元）, 伍万元（¥5000.00）),
    whose two forms differ; amounts in quoted statute text are the law's."""
    for doc in ctx.documents(rule.applies_to):
        quoted = decision_parts(doc).quoted
        for a in find_amounts(doc.text):
            if a.figure_mismatch and a.figure is not None and not in_spans(a.start, quoted):
                values = {"found": a.text, "words": yuan(a.value), "figure": yuan(a.figure)}
                yield Hit(doc.id, a.start, a.end, values)


@register("consistency.decision_amounts", restated_pattern="regex")
def decision_amounts(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Inside one decision: a stated total (合计罚没款…元) that is not the sum of the fines and
    sums confiscated before it in the decision part, and a fine restated where payment is
    demanded (以上罚款…元: `restated_pattern` just before it) that matches none of the amounts
    decided nor their sum."""
    kinds = ("fine_amount", "confiscation_amount")
    restated = re.compile(ctx.param(rule, "restated_pattern"))
    for doc in ctx.documents(rule.applies_to):
        structure = decision_parts(doc)
        decision = structure.part("decision")
        if decision is None:
            continue
        amounts = [
            (e, v)
            for e in sorted(ctx.elements_in(doc.id), key=lambda e: e.start)
            if e.kind in kinds and (v := amount_of(e)) is not None
        ]
        decided = [(e, v) for e, v in amounts if decision.holds(e.start)]
        totals = [
            a
            for a in find_amounts(doc.text[: decision.end])
            if decision.holds(a.start) and adds_up(doc.text, a.start)
        ]
        yield from _totals(doc, decided, totals)
        performance = structure.part("performance")
        if performance is None or not decided:
            continue
        known = {round(v, 2) for _, v in decided} | {round(sum(v for _, v in decided), 2)}
        for e, v in amounts:
            if (
                performance.holds(e.start)
                and not decision.holds(e.start)
                and restated.search(doc.text, max(0, e.start - 12), e.start)
                and round(v, 2) not in known
            ):
                expected = "、".join(yuan(x) for x in sorted(known))
                yield Hit(doc.id, e.start, e.end, {"found": yuan(v), "expected": expected})


def _totals(
    doc: Document, decided: list[tuple[Element, float]], totals: list[Amount]
) -> Iterator[Hit]:
    """Each total against the sum of the amounts decided since the previous total."""
    for n, total in enumerate(totals):
        after = totals[n - 1].start if n else -1
        parts = [
            v
            for e, v in decided
            if after < e.start < total.start and not adds_up(doc.text, e.start)
        ]
        if len(parts) >= 2 and abs(sum(parts) - total.value) >= 0.5:
            added = "＋".join(yuan(p) for p in parts)
            expected = f"{added}＝{yuan(sum(parts))}"
            yield Hit(
                doc.id, total.start, total.end, {"found": yuan(total.value), "expected": expected}
            )


@register(
    "amounts.agree",
    kind="text",
    reference_types="types",
    reference_pick="text",
    relation="text",
    reference_as="text",
)
def amounts_agree(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """An amount of `kind` in a document of `applies_to` (its largest: the fine decided) that
    does not agree with the amount a document of `reference_types` gave it (the fine approved,
    or proposed in the notice): `relation: equal` (differs by half a yuan or more) or
    `not_above` (exceeds it). The reference is the last such document's amount
    (`reference_pick: last`) or the largest of them (`largest`). Message values: `decided` and
    `reference_as`."""
    kind = ctx.param(rule, "kind")
    given = [
        pair
        for doc in ctx.documents(ctx.param(rule, "reference_types"))
        if (pair := max_amount(ctx, kind, doc)) is not None
    ]
    if not given:
        return
    amounts = [amount for amount, _ in given]
    reference = max(amounts) if ctx.param(rule, "reference_pick") == "largest" else amounts[-1]
    at_most = ctx.param(rule, "relation") == "not_above"
    for doc in ctx.documents(rule.applies_to):
        found = max_amount(ctx, kind, doc)
        if found is None:
            continue
        amount, element = found
        if (amount > reference) if at_most else (abs(amount - reference) >= 0.5):
            values = {"decided": yuan(amount), ctx.param(rule, "reference_as"): yuan(reference)}
            yield Hit(doc.id, element.start, element.end, values)


@register(
    "consistency.paid_amount",
    decision_types="types",
    paid_pattern="regex",
    surcharge_pattern="regex",
)
def paid_amount(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A sum paid on a voucher (`applies_to`) that is none of the fines and sums confiscated of
    the decision, nor their total. A partial payment (分期, 延期) or a surcharge paid with it
    can explain a difference: the rule is a hint for the reviewer."""
    decisions = ctx.documents(ctx.param(rule, "decision_types"))
    decided = [
        v
        for d in decisions
        for e in ctx.elements_in(d.id)
        if e.kind in ("fine_amount", "confiscation_amount") and (v := amount_of(e)) is not None
    ]
    if not decided:
        return
    known = {round(v, 2) for v in decided} | {round(sum(set(decided)), 2)}
    paid = re.compile(ctx.param(rule, "paid_pattern"))
    surcharge = re.compile(ctx.param(rule, "surcharge_pattern"))
    for doc in ctx.documents(rule.applies_to):
        for a in find_amounts(doc.text):
            before = doc.text[max(0, a.start - 12) : a.start]
            paid_here = paid.search(before) and not surcharge.search(before)
            if paid_here and round(a.value, 2) not in known:
                expected = "、".join(yuan(x) for x in sorted(known))
                yield Hit(doc.id, a.start, a.end, {"found": yuan(a.value), "expected": expected})


@register("identifier.checksum", fail_statuses="texts", kind="text")
def checksum(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Credit codes (GB 32100) and ID numbers (GB 11643) that fail their check character."""
    kind = ctx.param(rule, "kind")
    failing = set(ctx.param(rule, "fail_statuses"))
    status_of = credit_code_status if kind == "party_credit_code" else id_number_status
    for element in ctx.elements_of(kind):
        if status_of(element.value) in failing:
            yield Hit(element.document, element.start, element.end, {"found": element.value})
