"""Discretion (行政处罚法第三十四条; 国办发〔2022〕27号): a fine chosen inside the statutory range
should say why that amount — the circumstances, the mitigating or aggravating facts, the
discretion benchmark applied."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from casecheck.laws.validate import fine_range
from casecheck.rules.checks.common import dated, max_amount
from casecheck.rules.checks.penalty import _bounds
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


@register("discretion.reasons_given", discretion_pattern="regex")
def reasons_given(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A fine strictly between the ends of the range of the article cited as its basis, in a
    decision with no words on discretion."""
    words = re.compile(ctx.param(rule, "discretion_pattern"))
    for doc in ctx.documents(rule.applies_to):
        fine = max_amount(ctx, "fine_amount", doc)
        if fine is None or words.search(doc.text):
            continue
        if len({e.normalized for e in ctx.elements_in(doc.id, "fine_amount")}) > 1:
            raise CannotCheck("决定书含多项罚款（或合计数），未逐项判断裁量说明")
        amount, element = fine
        dates = dated(ctx.elements_in(doc.id, "decision_date"))
        violated = ctx.first_date("violation_date")
        if violated:
            on = violated[0]
        elif dates:
            on = dates[-1][0]
        else:
            on = ctx.reference_date or dt.date.today()
        ranges = [
            r
            for c in ctx.citations_in(doc.id)
            if c.role == "penalty_basis" and c.status == "valid"
            for r in fine_range(c, on)
        ]
        bounds = _bounds(ranges, doc.text)
        if not bounds:
            raise CannotCheck("处罚依据条款没有可核对的罚款幅度，无法判断罚款是否在幅度中间")
        # a range with only a maximum (处…元以下罚款) starts at nothing
        inside = [
            (lo or 0.0, hi) for lo, hi, _ in bounds if hi is not None and (lo or 0) < amount < hi
        ]
        if inside:
            lo, hi = inside[0]
            yield Hit(
                doc.id,
                element.start,
                element.end,
                {"amount": f"{amount:,.0f}", "low": f"{lo:,.0f}", "high": f"{hi:,.0f}"},
            )
