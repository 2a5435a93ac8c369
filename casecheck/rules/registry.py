"""The registry of check functions that rules name in their `check` field.

A check function takes the case context and the rule and yields `Hit`s; it raises
`CannotCheck` with a Chinese reason when the case lacks what it needs to decide.

The built-in checks register themselves when `casecheck.rules.checks` is imported (the pack
loader, the runner and the user-pack checks import it). Each check declares the parameters it
reads, with their kinds (`register("x", days="int$")`),
so a pack is validated when it loads: a missing, unknown or mistyped parameter is reported in
Chinese before any case is checked (docs/rules.md lists the kinds).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
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

# What a parameter may hold, and how it is named to a pack's author.
PARAM_KINDS = {
    "regex": "正则表达式",
    "regexes": "正则表达式列表",
    "regex_map": "名称到正则表达式的映射",
    "text": "文字",
    "texts": "文字列表",
    "types": "文书类型列表",
    "int": "整数",
    "number": "数值",
    "bool": "true 或 false",
    "date": "日期（YYYY-MM-DD）",
    "mapping": "键值映射",
    "list": "列表",
    "any": "任意值",
}
# Kinds whose values a check family validates itself (`register_kind`), and where their
# values hold patterns.
_KIND_CHECKS: dict[str, Callable[[Any], str]] = {}
_KIND_PATTERNS: dict[str, Callable[[Any], Iterable[Any]]] = {}
_PATTERN_KINDS = ("regex", "regexes", "regex_map")


def register_kind(
    kind: str,
    label: str,
    problem: Callable[[Any], str],
    patterns: Callable[[Any], Iterable[Any]] | None = None,
) -> None:
    """A structured parameter kind: `problem(value)` says in Chinese what is wrong with a
    value (empty when nothing is); `patterns(value)` gives the patterns it holds."""
    PARAM_KINDS[kind] = label
    _KIND_CHECKS[kind] = problem
    if patterns is not None:
        _KIND_PATTERNS[kind] = patterns


def patterns_in(check: str, params: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """The regular expressions among a rule's parameters, as its check declares them, with
    their parameter names (a `$key` reference is left to the parameter table)."""
    specs = _PARAMS.get(check, {})
    for name, value in params.items():
        spec = specs.get(str(name))
        if spec is None or value is None:
            continue
        if spec.kind in _PATTERN_KINDS:
            if isinstance(value, dict):
                found = list(value.values())
            else:
                found = list(value) if isinstance(value, list | tuple) else [value]
        elif spec.kind in _KIND_PATTERNS:
            found = list(_KIND_PATTERNS[spec.kind](value))
        else:
            continue
        yield from ((str(name), pattern) for pattern in found)


@dataclass(frozen=True)
class ParamSpec:
    """A declared parameter: `kind` (a key of PARAM_KINDS), written in a declaration as the
    kind followed by `$` when the value may be a `$key` reference to checklists/params and `?`
    when the parameter may be left out (e.g. `"int$?"`)."""

    name: str
    kind: str
    reference: bool = False
    optional: bool = False

    @classmethod
    def parse(cls, name: str, declared: str) -> ParamSpec:
        kind = declared.rstrip("$?")
        if kind not in PARAM_KINDS:
            raise ValueError(f"parameter {name!r}: unknown kind {declared!r}")
        tail = declared[len(kind) :]
        return cls(name, kind, "$" in tail, "?" in tail)


_CHECKS: dict[str, CheckFunction] = {}
_PARAMS: dict[str, dict[str, ParamSpec]] = {}

# Checks that became generic kinds (2026-12): a user pack naming the old check is told which
# kind to use instead (docs/rules.md shows the shipped rule rewritten).
RENAMED = {
    "format.unfilled_blanks": "text.present",
    "format.replaced_term": "text.present",
    "decision.order_as_penalty": "text.present",
    "remedy.wording": "text.present",
    "decision.required_contents": "contents.required",
    "decision.surcharge_notice": "contents.required",
    "evidence.record_wording": "contents.required",
    "service.receipt_contents": "contents.required",
    "remedy.missing": "contents.required",
    "remedy.on_the_spot_first": "contents.required",
    "deadline.decision_after_filing": "period.between",
    "deadline.service_after_decision": "period.between",
    "notice.waiting_period": "period.between",
    "deadline.payment": "period.between",
    "procedure.filing_before_inquiry": "dates.order",
    "legal_review.before_decision": "dates.order",
    "consistency.approved_fine": "amounts.agree",
    "penalty.heavier_than_notified": "amounts.agree",
    "hearing.legal_review": "documents.required_with",
    "statement.reviewed": "documents.required_with",
    "casefile.decision_present": "documents.required_with",
    "hearing.request_period": "text.stated_number",
    "service.numbers_in_file": "numbers.cited",
    "consistency.decision_number": "numbers.cited",
    "officers.at_least_two": "elements.at_least",
    "decision.seal": "seal.present",
    "decision.seal_on_scan": "seal.present",
}


def register(name: str, **params: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under `name` with the parameters it reads (name=kind)."""
    specs = {key: ParamSpec.parse(key, declared) for key, declared in params.items()}

    def decorator(fn: CheckFunction) -> CheckFunction:
        if name in _CHECKS:
            raise ValueError(f"check {name!r} registered twice")
        _CHECKS[name] = fn
        _PARAMS[name] = specs
        return fn

    return decorator


def get_check(name: str) -> CheckFunction:
    try:
        return _CHECKS[name]
    except KeyError:
        if name in RENAMED:
            raise KeyError(
                f"检查函数 {name!r} 已改为通用检查 {RENAMED[name]!r}，请按 docs/rules.md 改写该规则"
                "（可参照内置规则的写法：casecheck rules list）"
            ) from None
        raise KeyError(f"规则引用了未注册的检查函数 {name!r}") from None


def check_names() -> list[str]:
    return sorted(_CHECKS)


def param_specs(name: str) -> dict[str, ParamSpec]:
    """The parameters check `name` declares (empty for an unknown check)."""
    return _PARAMS.get(name, {})


def param_problems(check: str, params: dict[str, Any], known_keys: set[str]) -> list[str]:
    """What is wrong with a rule's `params` for `check` (Chinese; empty when nothing is):
    required parameters left out, parameters the check does not read, values of the wrong
    kind, patterns that do not compile, `$key` references to no entry of checklists/params
    (`known_keys`). An unknown check is the runner's to report."""
    if check not in _CHECKS:
        return []
    specs = _PARAMS[check]
    problems = [
        f"缺少参数 {spec.name}（{PARAM_KINDS[spec.kind]}）"
        for spec in specs.values()
        if not spec.optional and spec.name not in params
    ]
    for name, value in params.items():
        spec = specs.get(name)
        if spec is None:
            expected = "、".join(specs) or "无"
            problems.append(f"检查 {check} 没有参数 {name}（它的参数：{expected}）")
        elif isinstance(value, str) and value.startswith("$") and spec.reference:
            if value[1:] not in known_keys:
                problems.append(f"参数 {name} 引用的 {value} 在参数表中不存在")
        elif value is not None or not spec.optional:
            problem = _kind_problem(spec.kind, value)
            if problem:
                problems.append(f"参数 {name} 应为{PARAM_KINDS[spec.kind]}（{problem}）")
    return problems


def _kind_problem(kind: str, value: Any) -> str:
    """Why `value` is not of `kind` (empty when it is)."""
    if kind == "any":
        return ""
    if kind in _KIND_CHECKS:
        return _KIND_CHECKS[kind](value)
    if kind in ("regex", "text"):
        if not isinstance(value, str):
            return f"实际为 {type(value).__name__}"
        return _compile_problem(value) if kind == "regex" else ""
    if kind in ("regexes", "texts", "types"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "应为由文字组成的列表"
        return next(filter(None, map(_compile_problem, value)), "") if kind == "regexes" else ""
    if kind == "regex_map":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return "应为“名称: 正则表达式”的映射"
        return next(filter(None, map(_compile_problem, value.values())), "")
    if kind == "int":
        return "" if isinstance(value, int) and not isinstance(value, bool) else f"实际为 {value!r}"
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return "" if ok else f"实际为 {value!r}"
    if kind == "bool":
        return "" if isinstance(value, bool) else f"实际为 {value!r}"
    if kind == "date":
        if isinstance(value, dt.date):
            return ""
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return f"实际为 {value!r}"
        return ""
    expected = {"mapping": dict, "list": list}[kind]
    return "" if isinstance(value, expected) else f"实际为 {type(value).__name__}"


def _compile_problem(pattern: str) -> str:
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"无法编译：{exc}"
    return ""
