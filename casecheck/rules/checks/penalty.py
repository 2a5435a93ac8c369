"""The penalty against the article cited as its basis: the fine within its range (行政处罚法
第三十二条: below the minimum only with a stated 减轻 reason; above the maximum never), and only
the penalty types the article provides."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from casecheck.laws.facts import PenaltyRange
from casecheck.laws.registry import load_registry
from casecheck.laws.validate import cited_article, fine_range
from casecheck.model import Citation, Document, Element
from casecheck.nlp.amounts import stated_after
from casecheck.nlp.structure import adds_up, decision_parts, in_spans, quoted_spans
from casecheck.resources import load_yaml
from casecheck.rules.checks.common import amount_of, dated
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


@cache
def _base_families() -> list[tuple[tuple[str, ...], re.Pattern[str]]]:
    data = load_yaml("lexicon", "amount_bases.yaml")
    return [
        (tuple(f["names"]), re.compile("|".join(f"(?:{w})" for w in f["written"])))
        for f in data["families"]
    ]


def base_amount(text: str, base: str, skip: list[tuple[int, int]] | None = None) -> float | None:
    """The amount the decision states for a base such as 货值金额 or 违法所得 (the largest one
    written right after the base's name or a way of writing it: 多收…元, 获利…元), outside
    the spans in `skip`. A base no family knows is looked for by its full name."""
    names = next(
        (written for family, written in _base_families() if any(n in base for n in family)),
        re.compile(re.escape(base)),
    )
    values = [a.value for a in stated_after(text, names, skip or [])]
    return max(values) if values else None


def _bounds(
    ranges: list[PenaltyRange], text: str, skip: list[tuple[int, int]] | None = None
) -> list[tuple[float | None, float | None, str]] | None:
    """Each range in yuan: multiples are resolved with the base amount stated in the text.
    None when a multiple's base is not stated: the fine may lie in that range."""
    out = []
    for r in ranges:
        if r.base is None:
            out.append((r.low, r.high, r.condition))
            continue
        base = base_amount(text, r.base, skip or [])
        if base is None:
            return None
        low = r.low * base if r.low is not None else None
        high = r.high * base if r.high is not None else None
        out.append((low, high, f"{r.condition}（{r.base}{base:,.0f}元）"))
    return out


def tied_bases(doc: Document, pos: int, bases: list[Citation]) -> list[Citation] | None:
    """The penalty bases that a penalty at `pos` rests on: those of its own sentence, else of
    its numbered section, else — in a decision on a single violation — all of them. None when
    the decision sets penalties for several violations and this one cannot be tied to its
    basis (summing or mixing the violations' ranges would be wrong)."""
    structure = decision_parts(doc)
    text = doc.text
    left = max(text.rfind(ch, 0, pos) for ch in "。；;\n") + 1
    right = min((i for i in (text.find(ch, pos) for ch in "。；;\n") if i >= 0), default=len(text))
    sentence = [c for c in bases if left <= c.start < right]
    if sentence:
        return sentence
    item = structure.item_at(pos)
    in_item = [c for c in bases if item and item.holds(c.start)]
    if in_item:
        return in_item
    return None if structure.several_violations else bases


def version_uncertain(ctx: CaseContext, doc: Document, c: Citation, rule: Rule) -> bool:
    """Whether the law version a penalty basis was checked against may not be the one the
    decision applied: with no violation date known, the version follows the decision date, and
    a version that took effect less than the limitation period (行政处罚法第三十六条) before
    the decision may postdate the violation (实体从旧, 第三十七条)."""
    if ctx.first_date("violation_date") is not None:
        return False
    law = load_registry().resolve_name(c.law)
    version = next((v for v in law.versions if v.date == c.version), None) if law else None
    decided = dated(ctx.elements_in(doc.id, "decision_date"))
    if version is None or version.effective is None or not decided:
        return True
    years = float(ctx.param(rule, "limitation_years"))
    return (decided[-1][0] - version.effective).days < years * 365


def _own_fines(ctx: CaseContext, doc: Document) -> list[Element]:
    """The fines a decision imposes, one per amount, without a total that adds several up
    (合计罚款…元)."""
    fines = [e for e in ctx.elements_in(doc.id, "fine_amount") if amount_of(e) is not None]
    if len({amount_of(e) for e in fines}) > 1:
        fines = [e for e in fines if not adds_up(doc.text, e.start)]
    seen: set[float | None] = set()
    return [e for e in fines if not (amount_of(e) in seen or seen.add(amount_of(e)))]


@register(
    "penalty.fine_range",
    general_laws="texts",
    limitation_years="int",
    mitigation_pattern="regex",
    per_unit_pattern="regex",
)
def fine_in_range(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Each fine against the ranges of its own penalty basis (see `tied_bases`), never a sum of
    several violations' fines against one article. Not checked when a fine is computed per
    unit (每套…元), when it cannot be tied to its basis, or when a multiple's base amount is
    not stated."""
    mitigation = re.compile(ctx.param(rule, "mitigation_pattern"))
    per_unit = re.compile(ctx.param(rule, "per_unit_pattern"))
    general = set(ctx.param(rule, "general_laws") or ())
    unchecked: list[str] = []
    hits: list[Hit] = []
    for doc in ctx.documents(rule.applies_to):
        fines = _own_fines(ctx, doc)
        if not fines:
            continue
        quoted = quoted_spans(doc)
        if (m := per_unit.search(doc.text)) and not in_spans(m.start(), quoted):
            unchecked.append(f"罚款按计量单位计算（{m.group()}），未与条款幅度直接比较")
            continue
        dates = dated(ctx.elements_in(doc.id, "decision_date"))
        violated = ctx.first_date("violation_date")
        on = (violated[0] if violated else None) or (dates[-1][0] if dates else None)
        if on is None:
            on = ctx.reference_date or dt.date.today()
        # Tied on every basis, whatever its status: a fine resting on a regulation the registry
        # does not know is not checked against the ranges of another basis in the decision.
        bases = [
            c
            for c in ctx.citations_in(doc.id)
            if c.role == "penalty_basis" and c.law not in general and not in_spans(c.start, quoted)
        ]
        for element in fines:
            amount = amount_of(element) or 0.0
            tied = tied_bases(doc, element.start, bases)
            if tied is None:
                unchecked.append(f"罚款{amount:,.0f}元未能对应到其违法行为的处罚依据")
                continue
            if any(c.status != "valid" for c in tied):
                named = "、".join(c.as_written for c in tied if c.status != "valid")
                why = next((c.note for c in tied if c.note), "未收录或未通过核对")
                unchecked.append(f"处罚依据“{named}”{why}")
                continue
            if any(version_uncertain(ctx, doc, c, rule) for c in tied):
                unchecked.append("未找到违法行为发生日期，处罚依据适用的法律版本不能确定")
                continue
            ranges = [r for c in tied for r in fine_range(c, on)]
            if not ranges:
                unchecked.append("处罚依据条款没有可核对的罚款幅度（未引用、未收录或无法解析）")
                continue
            bounds = _bounds(ranges, doc.text, quoted)
            if bounds is None:
                unchecked.append("罚款幅度以货值金额或违法所得等为基数，决定书中未找到该基数金额")
                continue
            hit = _out_of_range(doc, element, amount, bounds, mitigation)
            if hit:
                hits.append(hit)
    # The runner keeps no hits once a check raises: fines that were checked are reported.
    if unchecked and not hits:
        raise CannotCheck("；".join(dict.fromkeys(unchecked)))
    yield from hits


def _out_of_range(
    doc: Document,
    element: Element,
    amount: float,
    bounds: list[tuple[float | None, float | None, str]],
    mitigation: re.Pattern[str],
) -> Hit | None:
    # A multiple of a base is rounded to the yuan (千分之五 of 611,984 = 3,059.92 → 3,059).
    if any(
        (lo is None or amount > lo - 1) and (hi is None or amount < hi + 1) for lo, hi, _ in bounds
    ):
        return None
    highs = [hi for _, hi, _ in bounds if hi is not None]
    lows = [lo for lo, _, _ in bounds if lo is not None]
    ranges = "；".join(c for _, _, c in bounds if c)
    if highs and amount > max(highs):
        limit = f"上限{max(highs):,.0f}元"
    elif lows and amount < min(lows) and not mitigation.search(doc.text):
        limit = f"下限{min(lows):,.0f}元且未说明减轻处罚理由"
    else:
        return None
    values = {"amount": f"{amount:,.0f}", "limit": limit, "ranges": ranges}
    return Hit(doc.id, element.start, element.end, values)


@register(
    "penalty.types_allowed",
    always_allowed="texts",
    general_laws="texts",
    limitation_years="int",
    unchecked_wording="regex",
)
def types_allowed(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A penalty type of the decision that no cited penalty clause provides (吊销许可证件 where
    the article only fines). Each type is compared with its own basis (see `tied_bases`: in a
    decision on several violations or parties, the basis of its sentence or section). Checked
    only when every such basis is a known article whose clause was parsed: a basis outside the
    registry, or a clause that sets its penalty by reference to another provision, may provide
    what the decision imposes; wordings the statute facts may not record (`unchecked_wording`)
    are not compared either."""
    general = set(ctx.param(rule, "general_laws") or ())
    always = set(ctx.param(rule, "always_allowed") or ())
    unrecorded = re.compile(ctx.param(rule, "unchecked_wording"))
    hits: list[Hit] = []
    not_checked: list[str] = []
    for doc in ctx.documents(rule.applies_to):
        types = [e for e in ctx.elements_in(doc.id, "penalty_type") if e.normalized not in always]
        quoted = quoted_spans(doc)
        bases = [
            c
            for c in ctx.citations_in(doc.id)
            if c.role == "penalty_basis" and c.law not in general and not in_spans(c.start, quoted)
        ]
        if not types or not bases:
            continue
        for e in types:
            tied = tied_bases(doc, e.start, bases)
            if tied is None or unrecorded.search(e.value):
                not_checked.append(f"“{e.value}”未能对应到其处罚依据")
                continue
            if any(version_uncertain(ctx, doc, c, rule) for c in tied):
                not_checked.append("未找到违法行为发生日期，处罚依据适用的法律版本不能确定")
                continue
            allowed, unchecked = _provided_types(tied)
            if unchecked:
                not_checked += [f"处罚依据“{u}”的罚则未收录或未能解析" for u in unchecked]
            elif e.normalized not in allowed:
                values = {"type": e.normalized, "allowed": "、".join(sorted(allowed))}
                hits.append(Hit(doc.id, e.start, e.end, values))
    if not_checked and not hits:
        raise CannotCheck("；".join(dict.fromkeys(not_checked)) + "，未核对处罚种类")
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
