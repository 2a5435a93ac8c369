"""The documents an ordinary-procedure case file must hold, and the documents that others call
for (a hearing calls for the 法制审核, a statement for its review)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from casecheck.casekind import SUMMARY, is_read, surely_typed
from casecheck.classify import UNKNOWN, load_catalog
from casecheck.rules.checks.common import require_case_file
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import CannotCheck, Hit, register

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule


@register("documents.required", min_documents="int?")
def required_documents(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Each procedure function that a `required: always` type stands for and that no document
    of the case fulfils, under whatever name its department gives it (a 审理报告 for the
    调查终结报告, a 法制审核 row inside a 审批表 for the 法制审核).

    A function is only missing for sure when every document is confidently typed; while a
    document of unsure type might be the missing one, the finding is 需人工复核. A lone
    decision or a handful of papers is not a whole case file, nor is a 简易程序 file held to
    these: both are reported as not checked.
    """
    if require_case_file(ctx, rule) == SUMMARY:
        raise CannotCheck("简易程序案卷：普通程序的必备文书不适用，未检查")
    unsure = [d.path for d in ctx.case.documents if not surely_typed(d)]
    confidence = "review" if unsure else None
    shown = "、".join(unsure[:3])
    review = f"类型未能确认的文书（{shown}）可能就是所缺文书，请核对" if unsure else ""
    reported: set[str] = set()
    for doc_type in load_catalog().types:
        function = doc_type.function
        if doc_type.required != "always" or function in reported:
            continue
        if ctx.department and ctx.department in doc_type.not_required_in:
            continue
        if not ctx.documents_fulfilling(function):
            reported.add(function)
            values = {"missing": doc_type.name}
            yield Hit(None, values=values, confidence=confidence, review=review)


@register(
    "documents.required_with",
    required_types="types?",
    whole_file="bool?",
    judged_with="types?",
    or_pattern="regex?",
    or_types="types?",
    when_pattern="regex?",
    in_force="bool$?",
)
def required_with(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A file without a document of `required_types` (read or not: a file the reader could not
    open is still in the file), nor the wording `or_pattern` in a document of `or_types` (with
    no `required_types`, the wording alone), where a document of `applies_to` calls for it —
    one hit, at the first such document; with no `applies_to`, the whole file must have one (a
    case file without its decision). While a document was not read or its type is unsure, the
    missing one may be among them: the hit is for review, never sure.

    Options: `whole_file` — only a whole case file can lack it (`casecheck.casekind`);
    `judged_with` — the absence means something only beside a document of these types (the
    decision answers the statement), else not checked; `or_pattern` in a document of
    `or_types` — wording that shows the required step done inside another document;
    `when_pattern` — a document calls for it only where it says this (没收…物品 calls for the
    disposal record); the hit is then at that wording; `in_force` — only where this `$key`
    parameter is true for the case's department, region and date (a department's rules call for
    the document)."""
    if "in_force" in rule.params and not ctx.param(rule, "in_force"):
        return
    required = ctx.param(rule, "required_types") or []
    if any(d.doc_type in required for d in ctx.case.documents):
        return  # present: nothing is missing, whatever the input is
    if ctx.param(rule, "whole_file"):
        require_case_file(ctx)
    wanted = "或".join(required) or "所需材料"
    judged = ctx.param(rule, "judged_with")
    if judged and not ctx.documents(judged):
        raise CannotCheck(f"卷内没有{'或'.join(judged[:2])}，无法判断是否缺少{wanted}")
    wording, elsewhere = ctx.param(rule, "or_pattern"), ctx.param(rule, "or_types")
    if wording and elsewhere and any(re.search(wording, d.text) for d in ctx.documents(elsewhere)):
        return
    calling = ctx.documents(rule.applies_to) if rule.applies_to else []
    place: tuple[str | None, int | None, int | None] = (None, None, None)
    if calling:
        place = (calling[0].id, None, None)
    when = ctx.param(rule, "when_pattern")
    if when:
        said = ((d, m) for d in calling or ctx.documents() if (m := re.search(when, d.text)))
        first = next(said, None)
        if first is None:
            return
        place = (first[0].id, first[1].start(), first[1].end())
    elif rule.applies_to and not calling:
        return
    doubtful = [
        d
        for d in ctx.case.documents
        if not is_read(d) or d.doc_type == UNKNOWN or not surely_typed(d)
    ]
    if not doubtful:
        yield Hit(*place)
        return
    names = "、".join(d.path for d in doubtful[:5]) + ("等" if len(doubtful) > 5 else "")
    review = (
        f"{len(doubtful)} 份文件未能读取或未能确定类型（{names}），"
        f"所缺的{'或'.join(required[:2]) or '材料'}可能在其中"
    )
    yield Hit(*place, confidence="review", review=review)
