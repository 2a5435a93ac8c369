"""Contents of the penalty decision (行政处罚法第五十九条) and how penalties are stated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


@register("decision.required_contents")
def required_contents(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Each 第五十九条 element the decision lacks: element kinds that must be extracted, and
    statements found by wording (履行方式和期限 …), both listed in the rule's params."""
    kinds: dict[str, str] = ctx.param(rule, "element_groups")
    wordings: dict[str, str] = ctx.param(rule, "wordings")
    for doc in ctx.documents(rule.applies_to):
        present = {e.kind for e in ctx.elements_in(doc.id)}
        for label, group in kinds.items():
            if not any(kind in present for kind in group.split("|")):
                yield Hit(doc.id, values={"missing": label})
        for label, pattern in wordings.items():
            if not re.search(pattern, doc.text):
                yield Hit(doc.id, values={"missing": label})


@register("decision.order_as_penalty")
def order_as_penalty(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """责令改正 listed among the penalties imposed (行政处罚法第九条、第二十八条)."""
    pattern = re.compile(ctx.param(rule, "pattern"))
    for doc in ctx.documents(rule.applies_to):
        for m in pattern.finditer(doc.text):
            yield Hit(doc.id, m.start("order"), m.end("order"), {"found": m.group("order")})


@register("decision.surcharge_notice")
def surcharge_notice(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A fine is imposed but the 3 % daily surcharge for late payment is not notified."""
    pattern = re.compile(ctx.param(rule, "pattern"))
    for doc in ctx.documents(rule.applies_to):
        if ctx.elements_in(doc.id, "fine_amount") and not pattern.search(doc.text):
            yield Hit(doc.id, values={})


@register("decision.seal")
def seal(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """No seal marker on the decision while the file's other external documents carry one.

    A seal is an image, so text alone cannot prove it absent: only a file whose drafter marks
    seals in text (（印章）) and left the decision unmarked is a finding; otherwise the check is
    reported as not checked, for the reviewer to look at the original.
    """
    marker = re.compile(ctx.param(rule, "marker_pattern"))
    decisions = ctx.documents(rule.applies_to)
    unmarked = [d for d in decisions if not marker.search(d.text)]
    if not unmarked:
        return
    others = [d for d in ctx.documents() if d not in decisions]
    if not any(re.search(ctx.param(rule, "draft_marker_pattern"), d.text) for d in others):
        raise CannotCheck(
            "文字中看不到印章（印章为图像）；请在原件或扫描件上核对决定书是否加盖印章"
        )
    for doc in unmarked:
        yield Hit(doc.id, values={})
