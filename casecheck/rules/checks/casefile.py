"""Checks of the case file as a whole: a case file without its decision."""

from __future__ import annotations

from collections.abc import Iterator

from casecheck.casekind import (
    CASE_FILE,
    SUMMARY,
    case_kind,
    decision_types,
    is_read,
    surely_typed,
)
from casecheck.classify import UNKNOWN
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import Rule
from casecheck.rules.registry import CannotCheck, Hit, register


@register("casefile.decision_present")
def decision_present(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A penalty case file holds its decision. Sure only when every document was read and
    typed with confidence; otherwise the decision may be among the others, and a person looks."""
    documents = ctx.case.documents
    kind = case_kind(documents)
    if kind.kind not in (CASE_FILE, SUMMARY):
        raise CannotCheck(f"输入为{kind.label}，不按完整案卷检查是否有决定书")
    if any(d.doc_type in decision_types() for d in documents):
        return
    doubtful = [
        d for d in documents if not is_read(d) or d.doc_type == UNKNOWN or not surely_typed(d)
    ]
    if not doubtful:
        yield Hit(None)
        return
    names = "、".join(d.path for d in doubtful[:5]) + ("等" if len(doubtful) > 5 else "")
    yield Hit(
        None,
        confidence="review",
        review=f"{len(doubtful)} 份文件未能读取或未能确定类型（{names}），决定书可能在其中",
    )
