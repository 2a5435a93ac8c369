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


def parse_rule(raw: dict[str, Any], source: str) -> Rule:
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
    )


def user_rules_dir() -> Path:
    return Path(platformdirs.user_config_dir("casecheck")) / "rules"


def load_pack(path: Path) -> list[Rule]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    if not isinstance(data, list):
        raise RulePackError(f"{path.name}: 规则包应为规则列表")
    return [parse_rule(raw, path.name) for raw in data]


def load_rules(extra_dirs: Iterable[Path] = ()) -> list[Rule]:
    """Shipped rules, then user packs; a later rule with the same id replaces the earlier."""
    by_id: dict[str, Rule] = {}
    for directory in (checklist_path("rules"), *extra_dirs):
        for path in sorted(Path(directory).glob("*.yaml")):
            for rule in load_pack(path):
                by_id[rule.id] = rule
    return list(by_id.values())


@cache
def shipped_and_user_rules() -> tuple[Rule, ...]:
    user_dir = user_rules_dir()
    return tuple(load_rules([user_dir] if user_dir.is_dir() else []))
