"""Rule packs a user adds (`<user config dir>/casecheck/rules/*.yaml`) are untrusted input: a pack
that is malformed (YAML, fields, types, message placeholders, regular expressions) is skipped
and reported, never allowed to stop every check; regular expressions that can backtrack
without bound are refused when the pack is read, and a user rule's check runs under a time
limit where the platform allows one (`casecheck.limits`).
"""

from __future__ import annotations

import re
import string

# re's own parser: the pattern's structure, for the backtracking check.
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from casecheck.rules import checks  # noqa: F401  (registers the built-in checks)
from casecheck.rules.registry import patterns_in

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
_CHARACTER = {sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN}
_LOOKAROUND = {sre_constants.ASSERT, sre_constants.ASSERT_NOT}
# A user rule's check may run this long (seconds) before it is stopped and reported.
USER_CHECK_SECONDS = 5.0
_FIELD = re.compile(r"[A-Za-z_]\w*$")
_TEXT_FIELDS = ("id", "class", "title", "category", "severity", "check", "message")


class UserRuleTimeout(Exception):
    """A user rule's check ran past its time limit."""


def problems_of(raw: Any) -> list[str]:
    """What is wrong with one raw rule of a user pack (Chinese), beyond what parse_rule checks:
    field types, message placeholders and regular expressions."""
    if not isinstance(raw, dict):
        return ["规则应为键值映射（id、class、title、message 等）"]
    problems = [
        f"字段 {key} 应为文字"
        for key in (*_TEXT_FIELDS, "legal_basis", "suggestion")
        if key in raw and raw[key] is not None and not isinstance(raw[key], str)
    ]
    deduction = raw.get("deduction")
    if deduction is not None and not _is_deduction(deduction):
        problems.append("deduction 应为分值或 [最低, 最高] 两个分值")
    if not isinstance(raw.get("applies_to") or [], list) or not all(
        isinstance(t, str) for t in raw.get("applies_to") or []
    ):
        problems.append("applies_to 应为文书类型列表")
    if not isinstance(raw.get("params") or {}, dict):
        problems.append("params 应为键值映射")
    if not isinstance(raw.get("examples") or {}, dict):
        problems.append("examples 应为键值映射（bad、good）")
    for key in ("message", "suggestion"):
        if isinstance(raw.get(key), str):
            problems += _placeholder_problems(key, raw[key])
    if isinstance(raw.get("params"), dict):
        for key, pattern in patterns_in(str(raw.get("check")), raw["params"]):
            problem = regex_problem(pattern)
            if problem:
                problems.append(f"参数 {key} 的正则表达式{problem}")
    return problems


def _is_deduction(value: Any) -> bool:
    number = (int, float)
    if isinstance(value, bool):
        return False
    if isinstance(value, number):
        return True
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, number) and not isinstance(v, bool) for v in value)
    )


def _placeholder_problems(key: str, text: str) -> list[str]:
    """Placeholders must be plain names ({party}); `{0}`, `{x.attr}`, `{x[0]}` and stray
    braces fail or reach into objects when the message is filled."""
    try:
        fields = [name for _, name, spec, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        return [f"{key} 中的花括号不成对（{exc}）"]
    bad = [name for name in fields if not _FIELD.match(name)]
    return [f"{key} 中的占位符 {{{name}}} 无效，只能是 {{名称}}" for name in bad]


def regex_problem(pattern: Any) -> str:
    """Why `pattern` may not be used (Chinese, empty when it may): not text, does not compile,
    or can backtrack without bound (a repeat inside a repeat, like `(a+)+`)."""
    if not isinstance(pattern, str):
        return "应为文字"
    if pattern.startswith("$"):  # a reference to checklists/params, not a pattern
        return ""
    try:
        tree = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"无法编译（{exc}）"
    if _nested_repeat(tree, inside=False):
        return "含有嵌套的重复（如 (a+)+），可能使检查长时间无法结束"
    return ""


def _nested_repeat(items: Any, inside: bool) -> bool:
    """A repeat of more than one holding an unbounded repeat (directly, in a group, a branch
    or a lookaround): the shape that backtracks exponentially. Possessive repeats never do."""
    for op, av in items:
        if op in _REPEATS:
            _, high, sub = av
            if inside and high == sre_constants.MAXREPEAT:
                return True
            repeats = high > 1 and not _separated(sub)
            if _nested_repeat(sub, inside or repeats):
                return True
        elif op == sre_constants.SUBPATTERN or op in _LOOKAROUND:
            if _nested_repeat(av[-1], inside):
                return True
        elif op == sre_constants.BRANCH and any(_nested_repeat(b, inside) for b in av[1]):
            return True
    return False


def _separated(items: Any) -> bool:
    """Whether each repetition must match a character of its own outside any repeat (as in
    `(?:\\d+、)+`): repetitions then cannot trade text among themselves. A heuristic; the
    time limit stops what it misses."""
    for op, av in items:
        if op in _CHARACTER:
            return True
        if op == sre_constants.SUBPATTERN and _separated(av[-1]):
            return True
    return False
