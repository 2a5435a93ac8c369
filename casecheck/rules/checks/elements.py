"""A generic check of how many of an element a document holds: a record with fewer than two
officers (行政处罚法第四十二条、第五十五条)."""

from __future__ import annotations

from collections.abc import Iterator

from casecheck.model import Element
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


def sub_span(element: Element, part: str) -> tuple[int, int]:
    """The span of `part` (a name, a certificate number) inside an element."""
    offset = element.value.find(part)
    if offset < 0:
        return element.start, element.end
    return element.start + offset, element.start + offset + len(part)


def _distinct(ctx: CaseContext, doc_id: str, kind: str, key: str) -> dict[str, Element]:
    """The elements of `kind` in a document, one per value of their `key` (an officer's name)."""
    out: dict[str, Element] = {}
    for element in ctx.elements_in(doc_id, kind):
        if isinstance(element.normalized, dict) and element.normalized.get(key):
            out.setdefault(str(element.normalized[key]), element)
    return out


@register(
    "elements.at_least",
    kind="text",
    key="text",
    minimum="int",
    sure_sources="texts",
    read="text",
    not_found="text",
    verify="text",
    unread="text",
)
def at_least(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A document of `applies_to` holding fewer than `minimum` distinct elements of `kind`
    (distinct by their normalized `key`). Sure only when one of them was read from a source in
    `sure_sources` (a labelled field, a table cell, a signature line); read from running text,
    the count is for review (`verify` says what to check). A document where none was read is
    not checked (or, beside other hits, reported for review). Message value `what`: the `read`
    text ({count}, {names}) or `not_found`; `unread` ({docs}) is the reason for not checking."""
    kind, key = ctx.param(rule, "kind"), ctx.param(rule, "key")
    minimum = int(ctx.param(rule, "minimum"))
    sure = set(ctx.param(rule, "sure_sources"))
    hits: list[Hit] = []
    unread = []
    for doc in ctx.documents(rule.applies_to):
        found = _distinct(ctx, doc.id, kind, key)
        if len(found) >= minimum:
            continue
        if not found:
            unread.append(doc)
            continue
        certain = any(e.normalized.get("source") in sure for e in found.values())
        names = "、".join(found)
        values = {"what": ctx.param(rule, "read").format(count=len(found), names=names)}
        name, element = next(iter(found.items()))
        doubt = {} if certain else {"confidence": "review", "review": ctx.param(rule, "verify")}
        hits.append(Hit(doc.id, *sub_span(element, name), values, **doubt))
    if unread and not hits:
        raise CannotCheck(ctx.param(rule, "unread").format(docs="、".join(d.path for d in unread)))
    for doc in unread:
        values = {"what": ctx.param(rule, "not_found")}
        hits.append(
            Hit(doc.id, values=values, confidence="review", review=ctx.param(rule, "verify"))
        )
    yield from hits
