"""The prior notice (行政处罚法第四十四条): what it must say."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casecheck.model import Element
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import Hit, register


@register("notice.required_contents", proposal_pattern="regex", wordings="regex_map")
def required_contents(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The notice lacks the proposed penalty, the facts, the reasons and basis, or the rights;
    or it proposes a fine (拟…罚款) without saying how much."""
    wordings: dict[str, str] = ctx.param(rule, "wordings")
    proposal = re.compile(ctx.param(rule, "proposal_pattern"))
    for doc in ctx.documents(rule.applies_to):
        types = ctx.elements_in(doc.id, "penalty_type")
        if not (ctx.elements_in(doc.id, "fine_amount") or types):
            yield Hit(doc.id, values={"missing": "拟作出的行政处罚内容"})
        elif not ctx.elements_in(doc.id, "fine_amount"):
            for element in types:
                if element.normalized == "罚款" and _in_proposal(doc.text, element, proposal):
                    yield Hit(doc.id, element.start, element.end, {"missing": "拟罚款的数额"})
                    break
        for label, pattern in wordings.items():
            if not re.search(pattern, doc.text):
                yield Hit(doc.id, values={"missing": label})


def _in_proposal(text: str, element: Element, proposal: re.Pattern[str]) -> bool:
    """Whether the element stands in the sentence that proposes the penalty (本局拟对你作出…),
    not in quoted statute text."""
    start = max(text.rfind(mark, 0, element.start) for mark in "。；\n") + 1
    return bool(proposal.search(text, start, element.start))
