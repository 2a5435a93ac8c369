"""The penalty against the article cited as its basis: the fine within its range (行政处罚法
第三十二条: below the minimum only with a stated 减轻 reason; above the maximum never), and only
the penalty types the article provides."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from casecheck.laws.facts import PenaltyRange
from casecheck.laws.validate import cited_article, fine_range
from casecheck.model import Citation
from casecheck.nlp.numbers import find_amounts
from casecheck.rules.checks.common import dated, max_amount
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


def base_amount(text: str, base: str) -> float | None:
    """The amount the decision states for a base such as 货值金额 or 违法所得 (the largest one
    written right after the base's name)."""
    values = []
    for m in re.finditer(
        re.escape(base[:2]) + r"[^，。；\d零一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]{0,12}", text
    ):
        window = text[m.end() : m.end() + 25]
        amounts = find_amounts(window)
        if amounts and amounts[0].start <= 2:
            values.append(amounts[0].value)
    return max(values) if values else None


def _bounds(ranges: list[PenaltyRange], text: str) -> list[tuple[float | None, float | None, str]]:
    """Each range in yuan: multiples are resolved with the base amount stated in the text."""
    out = []
    for r in ranges:
        if r.base is None:
            out.append((r.low, r.high, r.condition))
            continue
        base = base_amount(text, r.base)
        if base is None:
            continue
        low = r.low * base if r.low is not None else None
        high = r.high * base if r.high is not None else None
        out.append((low, high, f"{r.condition}（{r.base}{base:,.0f}元）"))
    return out


@register("penalty.fine_range")
def fine_in_range(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    mitigation = re.compile(ctx.param(rule, "mitigation_pattern"))
    for doc in ctx.documents(rule.applies_to):
        fine = max_amount(ctx, "fine_amount", doc)
        if fine is None:
            continue
        amount, element = fine
        dates = dated(ctx.elements_in(doc.id, "decision_date"))
        violated = ctx.first_date("violation_date")
        on = (violated[0] if violated else None) or (dates[-1][0] if dates else None)
        if on is None:
            on = ctx.reference_date or dt.date.today()
        ranges = [
            r
            for c in ctx.citations_in(doc.id)
            if c.role == "penalty_basis" and c.status == "valid"
            for r in fine_range(c, on)
        ]
        if not ranges:
            raise CannotCheck("处罚依据条款没有可核对的罚款幅度（未引用、未收录或无法解析）")
        bounds = _bounds(ranges, doc.text)
        if not bounds:
            raise CannotCheck("罚款幅度以货值金额或违法所得为基数，决定书中未找到该基数金额")
        # A multiple of a base is rounded to the yuan (千分之五 of 611,984 = 3,059.92 → 3,059).
        if any(
            (lo is None or amount > lo - 1) and (hi is None or amount < hi + 1)
            for lo, hi, _ in bounds
        ):
            continue
        highs = [hi for _, hi, _ in bounds if hi is not None]
        lows = [lo for lo, _, _ in bounds if lo is not None]
        if highs and amount > max(highs):
            yield Hit(
                doc.id,
                element.start,
                element.end,
                {
                    "amount": f"{amount:,.0f}",
                    "limit": f"上限{max(highs):,.0f}元",
                    "ranges": "；".join(c for _, _, c in bounds if c),
                },
            )
        elif lows and amount < min(lows) and not mitigation.search(doc.text):
            yield Hit(
                doc.id,
                element.start,
                element.end,
                {
                    "amount": f"{amount:,.0f}",
                    "limit": f"下限{min(lows):,.0f}元且未说明减轻处罚理由",
                    "ranges": "；".join(c for _, _, c in bounds if c),
                },
            )


@register("penalty.types_allowed")
def types_allowed(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A penalty type of the decision that no cited penalty clause provides (吊销许可证件 where
    the article only fines). Checked only when every penalty basis is a known article whose
    clause was parsed: a basis outside the registry, or a clause that sets its penalty by
    reference to another provision, may provide what the decision imposes."""
    general = set(ctx.param(rule, "general_laws") or ())
    always = set(ctx.param(rule, "always_allowed") or ())
    hits: list[Hit] = []
    not_checked: list[str] = []
    for doc in ctx.documents(rule.applies_to):
        types = [e for e in ctx.elements_in(doc.id, "penalty_type") if e.normalized not in always]
        bases = [
            c
            for c in ctx.citations_in(doc.id)
            if c.role == "penalty_basis" and c.law not in general
        ]
        if not types or not bases:
            continue
        allowed, unchecked = _provided_types(bases)
        if unchecked:
            not_checked += unchecked
            continue
        hits += [
            Hit(
                doc.id,
                e.start,
                e.end,
                {"type": e.normalized, "allowed": "、".join(sorted(allowed))},
            )
            for e in types
            if e.normalized not in allowed
        ]
    if not_checked and not hits:
        named = "、".join(dict.fromkeys(not_checked))
        raise CannotCheck(f"处罚依据“{named}”的罚则未收录或未能解析，未核对处罚种类")
    yield from hits


def _provided_types(bases: list[Citation]) -> tuple[set[str], list[str]]:
    """The penalty types the cited clauses provide, and the citations whose clauses are not
    known (not in the registry, no penalty clause) or were not parsed."""
    allowed: set[str] = set()
    unchecked = []
    for c in bases:
        found = cited_article(c) if c.status == "valid" else None
        clauses = [
            p
            for p in (found[1].penalties if found else ())
            if c.paragraph is None or p.paragraph == c.paragraph
        ]
        if not clauses or any(p.unparsed for p in clauses):
            unchecked.append(c.as_written)
        allowed.update(t for p in clauses for t in p.types)
    return allowed, unchecked
