"""Service receipts (送达回证): what a receipt must record (民事诉讼法第八十七条至第九十一条, by
行政处罚法第六十一条) and whether the document numbers it names exist in the file."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casecheck.rules.checks.procedure import require_whole_file
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import Hit, register

_BRACKETS = str.maketrans("[]【】（）()﹝﹞", "〔〕〔〕〔〕〔〕〔〕")


def canonical_number(text: str) -> str:
    """A document number with blanks removed, any bracket around the year as 〔〕 and no 第."""
    folded = re.sub(r"\s+", "", text).translate(_BRACKETS)
    return re.sub(r"〕第", "〕", folded)


def _carried(number: str, text: str) -> bool:
    """Whether `text` holds the number, allowing a shorter issuer prefix (a number read
    after a label may have taken a character or two of the label)."""
    canon = canonical_number(number)
    year = canon.find("〔")
    return any(canon[i:] in text for i in range(max(1, year - 1)))


def _cited_numbers(text: str, pattern: str) -> Iterator[tuple[re.Match[str], str]]:
    """Document numbers in `text`, each with the words before it on its line since the
    previous number (where the document it numbers is named)."""
    previous = 0
    for m in re.finditer(pattern, text):
        start = max(previous, text.rfind("\n", 0, m.start()) + 1, m.start() - 20)
        yield m, text[start : m.start()]
        previous = m.end()


@register(
    "service.numbers_in_file", decision_cue="regex", min_documents="int", number_pattern="regex"
)
def numbers_in_file(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A receipt names a document number that no other document of the file carries. Numbers
    of penalty decisions are left to the decision-number consistency rule."""
    require_whole_file(ctx, rule)
    pattern = ctx.param(rule, "number_pattern")
    decision_cue = re.compile(ctx.param(rule, "decision_cue"))
    carried = "\n".join(
        canonical_number(d.text) for d in ctx.documents() if d.doc_type not in rule.applies_to
    )
    for receipt in ctx.documents(rule.applies_to):
        for m, before in _cited_numbers(receipt.text, pattern):
            if decision_cue.search(before):
                continue
            if not _carried(m.group(), carried):
                yield Hit(receipt.id, m.start(), m.end(), {"number": m.group()})


@register(
    "consistency.decision_number",
    decision_cue="regex",
    decision_types="types",
    number_pattern="regex",
)
def decision_number(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A receipt, payment voucher or closing form cites the penalty decision under a number
    other than the decision's own."""
    own = [
        canonical_number(e.value)
        for e in ctx.elements_of("doc_number", ctx.param(rule, "decision_types"))
    ]
    if not own:
        return
    pattern = ctx.param(rule, "number_pattern")
    decision_cue = re.compile(ctx.param(rule, "decision_cue"))
    for doc in ctx.documents(rule.applies_to):
        for m, before in _cited_numbers(doc.text, pattern):
            if decision_cue.search(before) and not any(_carried(m.group(), n) for n in own):
                yield Hit(doc.id, m.start(), m.end(), {"found": m.group(), "expected": own[0]})
