"""Officers on evidence-taking documents (行政处罚法第四十二条、第五十五条)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from casecheck.rules.checks.elements import sub_span
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import Hit, register

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule


@register("officers.certificate_numbers", no_number_field="texts?")
def certificate_numbers(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """An officer named without an enforcement certificate number, or with two numbers. In
    the departments of `no_number_field` the records' official formats have no field for the
    number (the officer shows the card and the record says so): only two different numbers
    for one officer are reported there."""
    seen: dict[str, str] = {}
    unnumbered_ok = ctx.department in (ctx.param(rule, "no_number_field") or ())
    for doc in ctx.documents(rule.applies_to):
        for element in ctx.elements_in(doc.id, "officer"):
            info = element.normalized if isinstance(element.normalized, dict) else {}
            name, cert = info.get("name"), info.get("cert_no")
            if not name or (not cert and unnumbered_ok):
                continue
            if not cert:
                yield Hit(
                    doc.id, *sub_span(element, name), {"name": name, "problem": "未记载执法证件号"}
                )
            elif seen.setdefault(name, cert) != cert:
                yield Hit(
                    doc.id,
                    *sub_span(element, cert),
                    {"name": name, "problem": f"的证号{cert}与其他文书（{seen[name]}）不一致"},
                )
