"""Officers on evidence-taking documents (行政处罚法第四十二条、第五十五条)."""

from __future__ import annotations

from collections.abc import Iterator

from casecheck.model import Element
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


def _names(ctx: CaseContext, doc_id: str) -> dict[str, Element]:
    out: dict[str, Element] = {}
    for element in ctx.elements_in(doc_id, "officer"):
        if isinstance(element.normalized, dict) and element.normalized.get("name"):
            out.setdefault(str(element.normalized["name"]), element)
    return out


def _sub_span(element: Element, part: str) -> tuple[int, int]:
    """The span of `part` (a name or a certificate number) inside an officer element."""
    offset = element.value.find(part)
    if offset < 0:
        return element.start, element.end
    return element.start + offset, element.start + offset + len(part)


@register(
    "officers.at_least_two",
    minimum="int",
    not_found="text",
    read="text",
    unread="text",
    verify="text",
)
def at_least_two(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Fewer officers than the minimum. Certain only when the record states its officers in a
    field (a labelled field, a table cell, a signature line); read from a self-introduction or
    the text, the count is for review. A record whose officers were not read at all is not
    checked (or, beside other hits, reported for review)."""
    minimum = int(ctx.param(rule, "minimum"))
    hits: list[Hit] = []
    unread = []
    for doc in ctx.documents(rule.applies_to):
        officers = _names(ctx, doc.id)
        if len(officers) >= minimum:
            continue
        if not officers:
            unread.append(doc)
            continue
        certain = any(e.normalized.get("source") == "field" for e in officers.values())
        names = "、".join(officers)
        values = {"what": ctx.param(rule, "read").format(count=len(officers), names=names)}
        name, element = next(iter(officers.items()))
        doubt = {} if certain else {"confidence": "review", "review": ctx.param(rule, "verify")}
        hits.append(Hit(doc.id, *_sub_span(element, name), values, **doubt))
    if unread and not hits:
        raise CannotCheck(ctx.param(rule, "unread").format(docs="、".join(d.path for d in unread)))
    for doc in unread:
        values = {"what": ctx.param(rule, "not_found")}
        hits.append(
            Hit(doc.id, values=values, confidence="review", review=ctx.param(rule, "verify"))
        )
    yield from hits


@register("officers.certificate_numbers")
def certificate_numbers(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """An officer named without an enforcement certificate number, or with two numbers."""
    seen: dict[str, str] = {}
    for doc in ctx.documents(rule.applies_to):
        for element in ctx.elements_in(doc.id, "officer"):
            info = element.normalized if isinstance(element.normalized, dict) else {}
            name, cert = info.get("name"), info.get("cert_no")
            if not name:
                continue
            if not cert:
                yield Hit(
                    doc.id, *_sub_span(element, name), {"name": name, "problem": "未记载执法证件号"}
                )
            elif seen.setdefault(name, cert) != cert:
                yield Hit(
                    doc.id,
                    *_sub_span(element, cert),
                    {"name": name, "problem": f"的证号{cert}与其他文书（{seen[name]}）不一致"},
                )
