"""Legal-basis errors found by validating citations against the law facts: unknown laws,
articles that do not exist, outdated versions or numbering, a basis that is not precise."""

from __future__ import annotations

from collections.abc import Iterator

from casecheck.laws.registry import load_registry
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import Hit, register


def _reference(law: str, article: int | None, paragraph: int | None, item: int | None) -> str:
    parts = [f"《{law}》"]
    for number, unit in ((article, "条"), (paragraph, "款"), (item, "项")):
        if number:
            parts.append(f"第{number}{unit}")
    return "".join(parts)


@register("citation.status")
def citation_status(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Citations whose validation status is one of the rule's `statuses` (and, if given, whose
    role is one of `roles`)."""
    statuses = set(ctx.param(rule, "statuses"))
    roles = set(ctx.param(rule, "roles") or ())
    wanted = {d.id for d in ctx.documents(rule.applies_to)}
    registry = load_registry()
    for c in ctx.citations:
        if c.document not in wanted or c.status not in statuses or (roles and c.role not in roles):
            continue
        suggestions = "、".join(f"《{n}》" for n in registry.suggest(c.law)) or "（无相近名称）"
        renumbered = ""
        if c.status == "outdated_numbering" and c.article:
            # Old numbers after the 2021 revision map forward; 2021 numbers before it, back.
            cutover = registry.renumbering.cutover
            after = ctx.reference_date is None or ctx.reference_date >= cutover
            mapped = registry.old_to_new(c.article) if after else registry.new_to_old(c.article)
            renumbered = "、".join(f"第{n}条" for n in mapped)
        yield Hit(
            c.document,
            c.start,
            c.end,
            {
                "citation": _reference(c.law, c.article, c.paragraph, c.item),
                "version": c.version or "",
                "suggestions": suggestions,
                "renumbered": renumbered or "现行文本的对应条文",
            },
        )


@register("citation.basis_present")
def basis_present(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A decision that cites no provision violated, or no penalty basis (第五十九条第一款第二、
    三项 require both the facts' legal character and the basis of the penalty)."""
    for doc in ctx.documents(rule.applies_to):
        roles = {c.role for c in ctx.citations_in(doc.id)}
        for role, label in ctx.param(rule, "roles").items():
            if role not in roles:
                yield Hit(doc.id, values={"missing": label})
