"""The same party, code and amounts across all documents; identifiers that fail their checksum."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from casecheck.nlp.identifiers import credit_code_status, id_number_status
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import Hit, register

_BRACKETS = str.maketrans("()", "（）")


def _canonical(value: str) -> str:
    return re.sub(r"\s+", "", value).translate(_BRACKETS)


@register("consistency.same_value")
def same_value(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """An element kind (party name, credit code …) written differently in some documents.

    The most common form is taken as intended; every other form is a hit at its span.
    """
    kind = ctx.param(rule, "kind")
    elements = [e for e in ctx.elements_of(kind) if e.value.strip()]
    forms = Counter(_canonical(e.value) for e in elements)
    if len(forms) < 2:
        return
    expected, _ = forms.most_common(1)[0]
    for element in elements:
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
