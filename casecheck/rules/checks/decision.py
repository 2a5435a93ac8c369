"""The seal on the penalty decision (its required contents are `contents.required` records)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casecheck.model import Document
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


def has_seal(doc: Document, marker: re.Pattern[str]) -> bool:
    """A seal the reader saw (a red seal impression on a page or a seal picture: a block
    located `seal:…`), or a seal marker the drafter typed (（印章）)."""
    return any(b.locator.startswith("seal:") for b in doc.blocks) or bool(marker.search(doc.text))


@register("decision.seal", draft_marker_pattern="regex", marker_pattern="regex")
def seal(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """No seal on a text decision while the file's other external documents carry one.

    Text alone cannot prove a seal absent: only a file whose drafter marks seals in text
    (（印章）) and left the decision unmarked is a finding; otherwise the check is reported as
    not checked, for the reviewer to look at the original. Scans are DEC-005's.
    """
    marker = re.compile(ctx.param(rule, "marker_pattern"))
    decisions = ctx.documents(rule.applies_to)
    unmarked = [d for d in decisions if d.text_source == "text" and not has_seal(d, marker)]
    if not unmarked:
        return
    others = [d for d in ctx.documents() if d not in decisions]
    if not any(re.search(ctx.param(rule, "draft_marker_pattern"), d.text) for d in others):
        raise CannotCheck(
            "文字中看不到印章（印章为图像）；请在原件或扫描件上核对决定书是否加盖印章"
        )
    for doc in unmarked:
        yield Hit(doc.id, values={})


@register("decision.seal_on_scan", marker_pattern="regex")
def seal_on_scan(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A scanned decision on whose pages no red seal impression was detected. A photocopy
    turns the seal grey, so the reviewer confirms (the rule's confidence is `review`)."""
    marker = re.compile(ctx.param(rule, "marker_pattern"))
    for doc in ctx.documents(rule.applies_to):
        if doc.text_source in ("ocr", "mixed") and not has_seal(doc, marker):
            yield Hit(doc.id, values={})
