"""Contents of the penalty decision (行政处罚法第五十九条) and how penalties are stated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casecheck.model import Document
from casecheck.nlp.structure import decision_parts
from casecheck.rules.checks.common import complete_documents
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


@register("decision.required_contents", contents="list", payable_kinds="texts", signoff_chars="int")
def required_contents(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Each 第五十九条 element the decision lacks. The rule's `contents` list says how each is
    recognised: an extracted element kind, a part of the decision's structure
    (`casecheck.nlp.structure`), wording anywhere outside quoted statute text, wording in the
    party block, or wording in the sign-off (the last `signoff_chars` characters); any one of
    them suffices. An item
    marked `payable` (履行方式和期限) is demanded only where something is to be paid (a fine or
    a sum confiscated), not for 警告, 停止执业 or the confiscation of seized goods; an item
    marked `heading` only where the text keeps its heading (title line).

    An incomplete text (see `complete_documents`: no party block, decision or sign-off, and
    no title line or cut off mid-sentence) is reported as not checked rather than as lacking
    them.
    """
    contents: list[dict] = ctx.param(rule, "contents")
    tail = int(ctx.param(rule, "signoff_chars"))
    payable_kinds = set(ctx.param(rule, "payable_kinds"))
    for doc in complete_documents(ctx, rule):
        present = {e.kind for e in ctx.elements_in(doc.id)}
        structure = decision_parts(doc)
        own = _unquoted(doc.text, structure.quoted)
        # A phrase broken across lines (提起行政\n诉讼) is still the phrase.
        joined = _LINE_BREAK_IN_WORD.sub("", own)
        block = structure.part("party")
        party = doc.text[block.start : block.end] if block else None
        for item in contents:
            if item.get("payable") and not present & payable_kinds:
                continue
            if item.get("heading") and not doc.title:
                continue
            found = (
                any(kind in present for kind in item.get("elements", ()))
                or any(structure.has(part) for part in item.get("parts", ()))
                or ("text" in item and re.search(item["text"], joined))
                or ("party" in item and party is not None and re.search(item["party"], party))
                or ("signoff" in item and re.search(item["signoff"], own[-tail:]))
            )
            if not found:
                yield Hit(doc.id, values={"missing": item["label"]})


_LINE_BREAK_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff])\s*\n\s*(?=[\u4e00-\u9fff])")


def _unquoted(text: str, quoted: tuple[tuple[int, int], ...]) -> str:
    """`text` with quoted statute text blanked out (offsets kept)."""
    chars = list(text)
    for s, e in quoted:
        chars[s:e] = "\u3000" * (e - s)
    return "".join(chars).rstrip()


@register("decision.order_as_penalty", pattern="regex")
def order_as_penalty(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """责令改正 listed among the penalties imposed (行政处罚法第九条、第二十八条)."""
    pattern = re.compile(ctx.param(rule, "pattern"))
    for doc in ctx.documents(rule.applies_to):
        for m in pattern.finditer(doc.text):
            yield Hit(doc.id, m.start("order"), m.end("order"), {"found": m.group("order")})


@register("decision.surcharge_notice", pattern="regex")
def surcharge_notice(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A fine is imposed but the 3 % daily surcharge for late payment is not notified."""
    pattern = re.compile(ctx.param(rule, "pattern"))
    for doc in ctx.documents(rule.applies_to):
        if ctx.elements_in(doc.id, "fine_amount") and not pattern.search(doc.text):
            yield Hit(doc.id, values={})


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
