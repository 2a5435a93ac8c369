"""The same party, code and amounts across all documents; identifiers that fail their checksum."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from casecheck.model import Element
from casecheck.nlp.identifiers import credit_code_status, id_number_status
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import Hit, register

_BRACKETS = str.maketrans("()", "（）")


def _canonical(value: str) -> str:
    """The value without spaces, with full-width brackets, and without 「（以下简称…）」."""
    value = re.sub(r"\s+", "", value).translate(_BRACKETS)
    return re.sub(r"（(?:以下简称|下称|简称)[^）]*）$", "", value)


@register("consistency.same_value")
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
        if _canonical(element.value) != expected:
            yield Hit(
                element.document,
                element.start,
                element.end,
                {"found": element.value, "expected": expected},
            )


@register("identifier.checksum")
def checksum(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Credit codes (GB 32100) and ID numbers (GB 11643) that fail their check character."""
    kind = ctx.param(rule, "kind")
    failing = set(ctx.param(rule, "fail_statuses"))
    status_of = credit_code_status if kind == "party_credit_code" else id_number_status
    for element in ctx.elements_of(kind):
        if status_of(element.value) in failing:
            yield Hit(element.document, element.start, element.end, {"found": element.value})
