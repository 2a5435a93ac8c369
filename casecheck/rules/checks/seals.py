"""A generic check that a document bears its authority's seal (行政处罚法第五十九条第二款: the
decision is sealed), judged on scans by the seal impression the reader saw and on text by the
seal markers drafters type."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casecheck.model import Document
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register

_SCANNED = ("ocr", "mixed")


def has_seal(doc: Document, marker: re.Pattern[str]) -> bool:
    """A seal the reader saw (a red seal impression on a page or a seal picture: a block
    located `seal:…`), or a seal marker the drafter typed (（印章）)."""
    return any(b.locator.startswith("seal:") for b in doc.blocks) or bool(marker.search(doc.text))


@register("seal.present", scanned="bool", marker_pattern="regex", draft_marker_pattern="regex?")
def seal_present(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A document of `applies_to` without a seal: no seal impression or picture seen and no
    typed marker (`marker_pattern`).

    `scanned: true` judges scanned documents, on whose pages a red impression would have been
    seen (a photocopy turns it grey: such rules ask for review). `scanned: false` judges text
    documents; text alone cannot prove a seal absent, so only a file whose drafter marks seals
    in its other documents (`draft_marker_pattern`) and left this one unmarked is a finding;
    otherwise the check is reported as not checked, for the reviewer to look at the original.
    """
    marker = re.compile(ctx.param(rule, "marker_pattern"))
    documents = ctx.documents(rule.applies_to)
    scanned = bool(ctx.param(rule, "scanned"))
    unsealed = [
        d
        for d in documents
        if (d.text_source in _SCANNED) == scanned
        and (scanned or d.text_source == "text")
        and not has_seal(d, marker)
    ]
    if not unsealed:
        return
    if not scanned:
        others = [d for d in ctx.documents() if d not in documents]
        draft = ctx.param(rule, "draft_marker_pattern") or "(?!)"
        if not any(re.search(draft, d.text) for d in others):
            raise CannotCheck(
                "文字中看不到印章（印章为图像）；请在原件或扫描件上核对决定书是否加盖印章"
            )
    for doc in unsealed:
        yield Hit(doc.id)
