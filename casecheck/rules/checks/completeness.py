"""The documents an ordinary-procedure case file must hold."""

from __future__ import annotations

from collections.abc import Iterator

from casecheck.classify import load_catalog
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


@register("documents.required")
def required_documents(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Each type the catalog marks `required: always` that no document of the case has.

    A lone decision or a handful of papers is not a whole case file; checking it for
    completeness would only list everything, so it is reported as not checked instead.
    """
    minimum = int(ctx.param(rule, "min_documents"))
    if len(ctx.case.documents) < minimum:
        raise CannotCheck(
            f"只有 {len(ctx.case.documents)} 份文书，不是完整案卷，未检查文书是否齐全"
        )
    catalog = load_catalog()
    present = set()
    for doc in ctx.case.documents:
        present.add(doc.doc_type)
        known = catalog.get(doc.doc_type)
        if known is not None and known.kind_of:
            present.add(known.kind_of)  # a 税务行政处罚决定书 is a 行政处罚决定书
    for doc_type in catalog.types:
        if doc_type.required == "always" and doc_type.name not in present:
            yield Hit(None, values={"missing": doc_type.name})
