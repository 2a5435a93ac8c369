"""The registry of check functions that rules name in their `check` field.

A check function takes the case context and the rule and yields `Hit`s; it raises
`CannotCheck` with a Chinese reason when the case lacks what it needs to decide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from casecheck.model import Fact

if TYPE_CHECKING:
    from casecheck.rules.context import CaseContext
    from casecheck.rules.pack import Rule


@dataclass(frozen=True)
class Hit:
    """Where a rule fired: a span in a document, or just a document (for an absence), or the
    whole case (document None). `values` fill the rule's message template.

    A check that is not sure of what it saw sets `confidence="review"` and says in `review`
    what a person should verify; the finding is then at most major. `facts` are what the
    check decided on (dates, amounts, thresholds with their sources), beyond `values`. Hits of
    one rule with the same `defect` (by default, the same message) are one defect in several
    places: one finding.
    """

    document: str | None = None
    start: int | None = None
    end: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    confidence: str | None = None
    review: str = ""
    facts: tuple[Fact, ...] = ()
    defect: str = ""


class CannotCheck(Exception):
    """The check could not run on this case; the message says why, in Chinese."""


CheckFunction = Callable[["CaseContext", "Rule"], Iterable[Hit]]

_CHECKS: dict[str, CheckFunction] = {}


def register(name: str) -> Callable[[CheckFunction], CheckFunction]:
    def decorator(fn: CheckFunction) -> CheckFunction:
        if name in _CHECKS:
            raise ValueError(f"check {name!r} registered twice")
        _CHECKS[name] = fn
        return fn

    return decorator


def get_check(name: str) -> CheckFunction:
    from casecheck.rules import checks  # noqa: F401  (registers the built-in checks)

    try:
        return _CHECKS[name]
    except KeyError:
        raise KeyError(f"规则引用了未注册的检查函数 {name!r}") from None
