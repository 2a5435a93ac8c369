"""Rule packs (Contract 3): YAML records naming a registered check function, its parameters,
its message, its legal basis and its own bad/good examples.

Packs ship in `checklists/rules/*.yaml`; a user may add or override rules (same `id`) with
packs in `<user config dir>/casecheck/rules/*.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs
import yaml

from casecheck.model import DEFECT_CLASSES, SEVERITY_ORDER
from casecheck.resources import checklist_path
from casecheck.rules.params import param_keys
from casecheck.rules.registry import param_problems
from casecheck.rules.user_packs import problems_of

CATEGORIES = ("主体", "证据", "法律适用", "程序", "文书", "裁量", "送达执行", "归档")


class RulePackError(ValueError):
    """A rule pack is malformed; the message names the file and the rule."""


@dataclass(frozen=True)
class ExampleDoc:
    """A document of an example case; `error` makes it an unreadable file, `ocr` a scanned
    page read by OCR, `seal` a page on which a seal impression was seen."""

    doc_type: str
    text: str
    error: str = ""
    ocr: bool = False
    seal: bool = False


@dataclass(frozen=True)
class Example:
    """One example case: documents given by type and text, and for a bad example the quote
    (and document index) the finding must point at."""

    docs: tuple[ExampleDoc, ...]
    quote: str | None = None
    document: int = 0
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    defect_class: str
    title: str
    category: str
    severity: str
    check: str
    message: str
    legal_basis: str = ""
    suggestion: str = ""
    deduction: float | tuple[float, float] | None = None
    applies_to: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    # `review` where the rule can only raise a question the reviewer must judge.
    confidence: str = "high"
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    source: str = ""
    user: bool = False  # from a user pack: checked with a time limit


def _example(raw: dict[str, Any], where: str) -> Example:
    specs = raw.get("docs", [raw])
    if not all("type" in d and ("text" in d or "error" in d) for d in specs):
        raise RulePackError(f"{where}: 示例需要 type 和 text（或 error），或 docs 列表")
    docs = tuple(
        ExampleDoc(
            d["type"],
            str(d.get("text", "")).rstrip("\n"),
            d.get("error", ""),
            bool(d.get("ocr")),
            bool(d.get("seal")),
        )
        for d in specs
    )
    return Example(
        docs=docs,
        quote=raw.get("quote"),
        document=int(raw.get("document", 0)),
        params=dict(raw.get("params") or {}),
    )


def parse_rule(raw: dict[str, Any], source: str, user: bool = False) -> Rule:
    where = f"{source}: {raw.get('id', '?')}"
    missing = [
        k
        for k in ("id", "class", "title", "category", "severity", "check", "message")
        if not raw.get(k)
    ]
    if missing:
        raise RulePackError(f"{where}: 缺少字段 {', '.join(missing)}")
    if raw["class"] not in DEFECT_CLASSES:
        raise RulePackError(f"{where}: 未知的问题类别 {raw['class']}")
    if raw["severity"] not in SEVERITY_ORDER:
        raise RulePackError(f"{where}: 未知的严重程度 {raw['severity']}")
    if raw.get("confidence", "high") not in ("high", "review"):
        raise RulePackError(f"{where}: confidence 只能是 high 或 review")
    if raw["category"] not in CATEGORIES:
        raise RulePackError(f"{where}: 未知的评查类别 {raw['category']}")
    deduction = raw.get("deduction")
    if isinstance(deduction, list):
        deduction = (float(deduction[0]), float(deduction[1]))
    examples = raw.get("examples") or {}
    return Rule(
        id=raw["id"],
        defect_class=raw["class"],
        title=raw["title"],
        category=raw["category"],
        severity=raw["severity"],
        check=raw["check"],
        message=raw["message"],
        legal_basis=raw.get("legal_basis") or "",
        suggestion=raw.get("suggestion") or "",
        deduction=deduction,
        applies_to=tuple(raw.get("applies_to") or ()),
        params=dict(raw.get("params") or {}),
        confidence=raw.get("confidence") or "high",
        bad=tuple(_example(e, where) for e in examples.get("bad") or ()),
        good=tuple(_example(e, where) for e in examples.get("good") or ()),
        source=source,
        user=user,
    )


def _validated(rules: list[Rule], where: str) -> list[Rule]:
    """The rules, once each one's params fit what its check declares (casecheck.rules.registry);
    raises RulePackError naming the rule and every problem."""
    keys = param_keys()
    for n, rule in enumerate(rules, 1):
        problems = param_problems(rule.check, rule.params, keys)
        if problems:
            raise RulePackError(f"{where}第 {n} 条规则（{rule.id}）：{'；'.join(problems)}")
    return rules


def user_rules_dir() -> Path:
    return Path(platformdirs.user_config_dir("casecheck")) / "rules"


def load_pack(path: Path) -> list[Rule]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    if not isinstance(data, list):
        raise RulePackError(f"{path.name}: 规则包应为规则列表")
    return _validated([parse_rule(raw, path.name) for raw in data], f"{path.name} ")


def load_user_pack(path: Path) -> list[Rule]:
    """A user's pack, checked as untrusted input; raises RulePackError (Chinese) for a pack
    that cannot be read, is not a list of rules, or has a rule with a problem."""
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        raise RulePackError(f"无法读取（{type(exc).__name__}）") from exc
    if not isinstance(data, list):
        raise RulePackError("规则包应为规则列表")
    rules = []
    for n, raw in enumerate(data, 1):
        rule_id = raw.get("id") if isinstance(raw, dict) else None
        where = f"第 {n} 条规则" + (f"（{rule_id}）" if isinstance(rule_id, str) else "")
        problems = problems_of(raw)
        if problems:
            raise RulePackError(f"{where}：{'；'.join(problems)}")
        try:
            rules.append(parse_rule(raw, path.name, user=True))
        except RulePackError:
            raise
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise RulePackError(f"{where}：{type(exc).__name__}: {exc}") from exc
    return _validated(rules, "")


def load_rules(extra_dirs: Iterable[Path] = ()) -> list[Rule]:
    """Shipped rules, then user packs; a later rule with the same id replaces the earlier.
    A user pack with a problem is skipped (see `pack_problems`)."""
    return list(_load(tuple(extra_dirs))[0])


def _load(extra_dirs: tuple[Path, ...]) -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    by_id: dict[str, Rule] = {}
    for path in sorted(checklist_path("rules").glob("*.yaml")):
        for rule in load_pack(path):
            by_id[rule.id] = rule
    problems = []
    for directory in extra_dirs:
        for path in sorted(Path(directory).glob("*.yaml")):
            try:
                rules = load_user_pack(path)
            except RulePackError as exc:
                problems.append(f"用户规则包 {path.name} 未加载：{exc}")
                continue
            by_id.update((rule.id, rule) for rule in rules)
    return tuple(by_id.values()), tuple(problems)


@cache
def _shipped_and_user() -> tuple[tuple[Rule, ...], tuple[str, ...]]:
    user_dir = user_rules_dir()
    return _load((user_dir,) if user_dir.is_dir() else ())


def shipped_and_user_rules() -> tuple[Rule, ...]:
    return _shipped_and_user()[0]


def pack_problems() -> tuple[str, ...]:
    """Why user packs were skipped (Chinese, one line per pack)."""
    return _shipped_and_user()[1]
