"""What the file says about the party and the circumstances, against what the law and the
published lists make of them: a penalised case that a 不予处罚 list covers (行政处罚法第三十三条),
a minor (第三十条), statutory mitigation stated but not considered (第三十一条、第三十二条).

These are questions for the reviewer: the file may hold reasons a text check cannot see, so each
hit is for review and the rules are hints.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from casecheck.model import Document
from casecheck.nlp.identifiers import id_number_status
from casecheck.nlp.numbers import parse_amount
from casecheck.nlp.structure import decision_parts
from casecheck.rules.checks.common import dated, party_kind
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.penalty_lists import Entry, PenaltyList, penalty_lists
from casecheck.rules.registry import CannotCheck, Hit, register

# how far before a circumstance a negation (未、不、非、没有) is looked for
_NEGATION_REACH = 4


def stated(pattern: str, negation: str, text: str) -> re.Match[str] | None:
    """The first place `text` states what `pattern` matches, not negated just before it."""
    negated = re.compile(negation)
    for match in re.finditer(pattern, text):
        if not negated.search(text[max(0, match.start() - _NEGATION_REACH) : match.start()]):
            return match
    return None


def _case_date(ctx: CaseContext) -> dt.date | None:
    violated = dated(ctx.elements_of("violation_date"))
    return violated[0][0] if violated else ctx.reference_date


def _goods_values(pattern: str, texts: list[str]) -> list[float]:
    values = []
    for text in texts:
        for match in re.finditer(pattern, text):
            value = parse_amount(match.group("amount"))
            if value is not None:
                values.append(value)
    return values


def _matching_citation(
    ctx: CaseContext, doc: Document, entry: Entry
) -> tuple[int, int, int] | None:
    """The most precise match of the entry's provisions among the violated or basis provisions
    `doc` cites: (precision, start, end)."""
    found = [
        (p.precision, c.start, c.end)
        for c in ctx.citations_in(doc.id)
        if c.role in ("violated", "penalty_basis")
        for p in entry.provisions
        if p.matches(c.law, c.article, c.paragraph, c.item)
    ]
    return max(found, key=lambda f: f[0]) if found else None


def _lists_in_force(ctx: CaseContext, kinds: list[str]) -> list[PenaltyList]:
    authorities = [str(e.normalized) for e in ctx.elements_of("authority")]
    on = _case_date(ctx)
    return [
        lst
        for lst in penalty_lists()
        if lst.kind in kinds
        and lst.in_force(on)
        and lst.covers(ctx.department, ctx.region, authorities)
    ]


@register(
    "lists.entry_not_applied",
    kinds="texts",
    conditions="regex_map",
    condition_labels="mapping",
    negation="regex",
    applied_pattern="regex",
    exclusion_pattern="regex",
    goods_value_pattern="regex",
)
def entry_not_applied(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A document of `applies_to` (a penalty decision, a seizure decision) in a case that an
    entry of a list of `kinds` covers: the department's list in force on the violation date
    names the violation the document cites (or any violation, for an entry about
    circumstances), and the file states every condition of the entry (`conditions`: name →
    wording; not negated just before, `negation`) — yet no document of the file says the list's
    outcome was applied or weighed (`applied_pattern`) or gives a reason to exclude it
    (`exclusion_pattern`, not negated: a previous violation, harm done, refusal to correct).
    An entry with a limit on the 货值金额 does not match a file that states a larger value
    (`goods_value_pattern`, group `amount`)."""
    docs = ctx.documents(rule.applies_to)
    if not docs:
        return
    kinds = ctx.param(rule, "kinds")
    lists = _lists_in_force(ctx, kinds)
    if not lists:
        scope = ctx.department or "未识别的部门"
        raise CannotCheck(f"没有适用于{scope}、案件日期的{'、'.join(kinds)}清单")
    texts = [d.text for d in ctx.documents()]
    whole = "\n".join(texts)
    negation = ctx.param(rule, "negation")
    if re.search(ctx.param(rule, "applied_pattern"), whole) or stated(
        ctx.param(rule, "exclusion_pattern"), negation, whole
    ):
        return
    conditions = ctx.param(rule, "conditions")
    labels = ctx.param(rule, "condition_labels")
    values = _goods_values(ctx.param(rule, "goods_value_pattern"), texts)
    for doc in docs:
        candidates = [
            (place, lst, entry)
            for lst in lists
            for entry in lst.entries
            if (place := _covered(ctx, doc, entry, conditions, negation, whole, values))
        ]
        if not candidates:
            continue
        # the entry that names the cited provision most precisely; an entry about
        # circumstances (no provision) last
        (_, start, end), lst, entry = max(candidates, key=lambda c: c[0][0])
        notes = [entry.notes] if entry.notes else []
        if entry.goods_value_max is not None:
            notes.insert(0, f"货值金额不超过{entry.goods_value_max:,.0f}元")
        yield Hit(
            doc.id,
            start,
            end,
            {
                "list": lst.name,
                "kind": lst.kind,
                "entry": entry.violation,
                "conditions": "、".join(labels.get(n, n) for n in entry.conditions),
                "notes": "；".join(notes) or "无",
            },
            confidence="review",
            review=f"清单{'已' if lst.verified else '未'}核对原文（{lst.source}）；"
            "是否符合清单的全部条件，请评查人判断",
        )


def _covered(
    ctx: CaseContext,
    doc: Document,
    entry: Entry,
    conditions: dict[str, str],
    negation: str,
    whole: str,
    values: list[float],
) -> tuple[int, int | None, int | None] | None:
    """(precision, start, end) of where `doc` cites the violation of `entry` (precision -1 and
    no place for an entry about circumstances), when the file states all the entry's
    conditions and no larger goods value than it allows."""
    if not entry.conditions:
        return None
    place = (-1, None, None) if entry.any_violation else _matching_citation(ctx, doc, entry)
    if place is None:
        return None
    unknown = [name for name in entry.conditions if name not in conditions]
    if unknown:
        names = "、".join(unknown)
        raise CannotCheck(f"清单条目 {entry.id} 的条件 {names} 未在规则参数 conditions 中定义")
    if not all(stated(conditions[name], negation, whole) for name in entry.conditions):
        return None
    if entry.goods_value_max is not None and any(v > entry.goods_value_max for v in values):
        return None
    return place


def _birth_dates(ctx: CaseContext, doc: Document, pattern: str) -> list[tuple[dt.date, int, int]]:
    """Birth dates of the party: from a valid ID number, or stated (`pattern`, groups y, m, d)
    in the party block where the document's structure shows one (a date in the facts is an
    event, not a birth)."""
    party = decision_parts(doc).part("party")
    start, end = (party.start, party.end) if party else (0, len(doc.text))
    found = []
    for element in ctx.elements_in(doc.id, "party_id_number"):
        if not start <= (element.start or 0) < end:
            continue
        code = str(element.normalized)
        if id_number_status(code) in ("valid", "legacy"):
            digits = code[6:14] if len(code) == 18 else "19" + code[6:12]
            born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
            found.append((born, element.start, element.end))
    for match in re.compile(pattern).finditer(doc.text, start, end):
        try:
            born = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        found.append((born, match.start(), match.end()))
    return found


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@register(
    "party.age_at_violation",
    below="int",
    at_least="int?",
    birth_pattern="regex",
    unless_pattern="regex?",
)
def age_at_violation(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A natural-person party younger than `below` (and at least `at_least`) at the violation,
    by the birth date of the party's ID number or a stated birth date in a document of
    `applies_to`, where the document does not say what `unless_pattern` matches (从轻、减轻).
    The age is taken on the earliest date the file gives for the violation, its discovery or
    the decision: the violation was no later, so the party was no older then."""
    if party_kind(ctx) not in ("individual", "sole_trader"):
        return
    events = [
        day
        for kind in ("violation_date", "inspection_date", "filing_date", "decision_date")
        for day, _ in dated(ctx.elements_of(kind))
    ]
    if not events:
        raise CannotCheck("未找到违法行为、检查或决定的日期，无法计算当事人年龄")
    on = min(events)
    below, at_least = int(ctx.param(rule, "below")), ctx.param(rule, "at_least")
    unless = ctx.param(rule, "unless_pattern")
    for doc in ctx.documents(rule.applies_to):
        if unless and re.search(unless, doc.text):
            continue
        for born, start, end in _birth_dates(ctx, doc, ctx.param(rule, "birth_pattern")):
            age = _age(born, on)
            if age < below and (at_least is None or age >= int(at_least)):
                yield Hit(
                    doc.id,
                    start,
                    end,
                    {"born": born.isoformat(), "on": on.isoformat(), "age": age},
                    confidence="review",
                    review="年龄按卷内最早的违法、检查或决定日期计算，请核对违法行为发生时的年龄",
                )
                break


@register(
    "mitigation.not_applied",
    circumstances="regex_map",
    negation="regex",
    applied_pattern="regex",
    fact_types="types?",
)
def mitigation_not_applied(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A circumstance that the law says calls for a lighter penalty (`circumstances`: name →
    wording, not negated just before it) stated in a document of `fact_types` (all if none),
    and a decision of `applies_to` that says nothing of 从轻 or 减轻 (`applied_pattern`)."""
    decisions = ctx.documents(rule.applies_to)
    if not decisions:
        return
    negation = ctx.param(rule, "negation")
    applied = re.compile(ctx.param(rule, "applied_pattern"))
    sources = ctx.documents(ctx.param(rule, "fact_types") or ())
    for decision in decisions:
        if applied.search(decision.text):
            continue
        for name, pattern in ctx.param(rule, "circumstances").items():
            for doc in sorted(sources, key=lambda d: d.id != decision.id):
                match = stated(pattern, negation, doc.text)
                if match:
                    yield Hit(
                        doc.id,
                        match.start(),
                        match.end(),
                        {"circumstance": name, "found": match.group(0)},
                        confidence="review",
                        review="是否确属法定从轻、减轻情节，以及决定是否已在其他文书中说明裁量理由，"
                        "请评查人判断",
                        defect=name,
                    )
                    break
            else:
                continue
            break
