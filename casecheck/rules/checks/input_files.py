"""Files that could not be read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from casecheck.rules.context import CaseContext
from casecheck.rules.registry import Hit, register

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule


@register("input.unreadable")
def unreadable(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    for doc in ctx.case.documents:
        if doc.errors:
            yield Hit(doc.id, values={"path": doc.path, "error": "；".join(doc.errors)})
