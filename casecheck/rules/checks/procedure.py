"""Steps of the procedure between investigation and payment: collective discussion (第五十七条
第二款), legal review before the decision (第五十八条), review of the party's statement
(第四十五条), the limitation period (第三十六条) and payment within fifteen days (第六十七条、
第七十二条)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from casecheck.model import Document, Element
from casecheck.nlp.dates import DateMatch, find_dates
from casecheck.rules.checks.common import dated, hearing_scope, require_case_file
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import CannotCheck, Hit, register

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule


def first_date(doc: Document) -> DateMatch | None:
    """The date written first in a document (on a register, when the matter came in)."""
    dates = find_dates(doc.text)
    return dates[0] if dates else None


def last_date(doc: Document) -> DateMatch | None:
    """The date written last in a document: its sign-off or, on a notice, the receipt."""
    dates = find_dates(doc.text)
    return dates[-1] if dates else None


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@register(
    "discussion.required",
    discussion_types="types",
    discussion_function="text?",
    hearing_types="types?",
    min_documents="int?",
    scope_penalty_types="texts",
    threshold_individual="number$",
    threshold_organisation="number$",
    threshold_label="text?",
)
def discussion_required(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A case that went through a hearing (`hearing_types`), or whose penalty is of
    `scope_penalty_types` or a fine at the thresholds (hearing scope; a department's list of
    重大执法决定), decided without a document of `discussion_types` (or one fulfilling
    `discussion_function`, e.g. a 法制审核 row in an approval form). Such cases are usually
    情节复杂或者重大; the reviewer judges whether this one is. `threshold_label` names the
    thresholds in the message (default 听证标准)."""
    require_case_file(ctx, rule)
    if ctx.documents(ctx.param(rule, "discussion_types")):
        return
    function = ctx.param(rule, "discussion_function")
    if function and ctx.documents_fulfilling(function):
        return
    decisions = ctx.documents(rule.applies_to)
    if not decisions:
        return
    decision = decisions[0]
    hearing_types = ctx.param(rule, "hearing_types")
    hearing = ctx.documents(hearing_types) if hearing_types else []
    if hearing:
        yield Hit(decision.id, values={"reason": f"案件经过听证（{hearing[0].doc_type}）"})
        return
    label = ctx.param(rule, "threshold_label") or "听证标准"
    scope = hearing_scope(ctx, rule, [decision], label)
    if scope is not None:
        yield scope[1]


def _event_date(ctx: CaseContext, rule: Rule, element: Element) -> bool:
    """Whether a date element dates an event rather than a document it cites (the rule's
    `document_date_before` / `document_date_after` patterns around the date)."""
    doc = next((d for d in ctx.documents() if d.id == element.document), None)
    if doc is None or element.start is None or element.end is None:
        return True
    before = doc.text[max(0, element.start - 6) : element.start]
    after = doc.text[element.end : element.end + 6]
    return not (
        re.search(ctx.param(rule, "document_date_before"), before)
        or re.search(ctx.param(rule, "document_date_after"), after)
    )


@register(
    "deadline.limitation",
    continuing_pattern="regex",
    discovery_kinds="texts",
    document_date_after="regex",
    document_date_before="regex",
    extended_pattern="regex",
    extended_years="int",
    years="number$",
)
def limitation(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The violation happened more than two years (five for life, health or financial safety
    with harm) before it was discovered, and no document says it was continuing. A date that
    belongs to a document named in the text (《…裁量基准》（2014年1月6日印发）) is not the
    violation's date, whatever words stand before it."""
    violated = next(
        (
            pair
            for pair in dated(ctx.elements_of("violation_date"))
            if _event_date(ctx, rule, pair[1])
        ),
        None,
    )
    if violated is None:
        raise CannotCheck("未找到违法行为发生日期")
    day, element = violated
    continuing = re.compile(ctx.param(rule, "continuing_pattern"))
    texts = [d.text for d in ctx.documents()]
    if any(continuing.search(t) for t in texts):
        return
    discovered = [
        d
        for kind in ctx.param(rule, "discovery_kinds")
        for d, _ in dated(ctx.elements_of(kind))
        if d >= day
    ]
    if not discovered:
        raise CannotCheck("未找到发现违法行为（检查或立案）的日期")
    found = min(discovered)
    years = int(ctx.param(rule, "years"))
    if re.search(ctx.param(rule, "extended_pattern"), "\n".join(texts)):
        years = int(ctx.param(rule, "extended_years"))
    if day < _years_before(found, years):
        yield Hit(
            element.document,
            element.start,
            element.end,
            {"violation": day.isoformat(), "found": found.isoformat(), "years": years},
        )
