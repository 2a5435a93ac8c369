"""Document numbers (文号) cited in one document against the numbers the file gives: a receipt
naming a document the file does not hold, a voucher citing the decision under another number."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from casecheck.rules.checks.common import require_case_file
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import Hit, register

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule

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
    "numbers.cited",
    number_pattern="regex",
    cue="regex",
    after_cue="bool",
    issued_by="types?",
    min_documents="int?",
)
def numbers_cited(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Document numbers a document of `applies_to` cites that the file does not give. Which
    numbers: those written after `cue` on their line (`after_cue: true`: 处罚决定书文号 …) or
    the others (`false`). Against what: the numbers of the documents of `issued_by` (the
    decision's own number; nothing is said when they have none), or, without `issued_by`, the
    text of every other document of the file (then only in a whole case file).
    Message values: `found` and, with `issued_by`, `expected`."""
    pattern = ctx.param(rule, "number_pattern")
    cue = re.compile(ctx.param(rule, "cue"))
    after_cue = bool(ctx.param(rule, "after_cue"))
    issuers = ctx.param(rule, "issued_by")
    if issuers:
        own = [canonical_number(e.value) for e in ctx.elements_of("doc_number", issuers)]
        if not own:
            return
    else:
        require_case_file(ctx, rule)
        others = [d for d in ctx.documents() if d.doc_type not in rule.applies_to]
        carried = "\n".join(canonical_number(d.text) for d in others)
    for doc in ctx.documents(rule.applies_to):
        for m, before in _cited_numbers(doc.text, pattern):
            if bool(cue.search(before)) != after_cue:
                continue
            if issuers:
                if not any(_carried(m.group(), n) for n in own):
                    yield Hit(doc.id, m.start(), m.end(), {"found": m.group(), "expected": own[0]})
            elif not _carried(m.group(), carried):
                yield Hit(doc.id, m.start(), m.end(), {"found": m.group()})
