"""Scoring a checked case against a 评查标准 (checklists/standards/*.yaml).

A standard has two layers, as the published ones do (domain-reference §4.1): veto items that
fail the file, and a deduction layer of items with points, each capped at its points and the
total never below zero. Each finding goes to the first veto item it matches, else to the first
deduction item; findings no item lists cost nothing (山东2023: 只按列明的事项计分).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from casecheck.casekind import CASE_FILE, SUMMARY, unread_note
from casecheck.model import DEFECT_CLASSES, SEVERITY_ORDER, Charge, Finding, Report, Score
from casecheck.resources import checklist_path

DEFAULT_STANDARD = "generic"
_FILTERS = ("rules", "classes", "categories", "doc_types", "severities")


class StandardError(ValueError):
    """A standard is unknown or malformed; the message is Chinese and names the file."""


@dataclass(frozen=True)
class Criterion:
    """One 扣分标准 line: filters a finding must all satisfy, and the points it costs."""

    text: str = ""
    rules: frozenset[str] = frozenset()
    classes: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    doc_types: frozenset[str] = frozenset()
    severities: frozenset[str] = frozenset()
    deduction: float | tuple[float, float] | None = None

    def matches(self, finding: Finding, doc_type: str | None) -> bool:
        checks = (
            (self.rules, finding.rule_id),
            (self.classes, finding.defect_class),
            (self.categories, finding.category),
            (self.doc_types, doc_type),
            (self.severities, finding.severity),
        )
        return all(not allowed or value in allowed for allowed, value in checks)

    def describe(self) -> str:
        if isinstance(self.deduction, tuple):
            return f"{self.text}（扣{_num(self.deduction[0])}–{_num(self.deduction[1])}分）"
        return self.text


@dataclass(frozen=True)
class Item:
    """A 评查项目: a veto item (points 0) or a deduction item worth `points`."""

    id: str
    content: str
    criteria: tuple[Criterion, ...]
    stage: str = ""
    points: float = 0.0

    def match(self, finding: Finding, doc_type: str | None) -> Criterion | None:
        return next((c for c in self.criteria if c.matches(finding, doc_type)), None)

    @property
    def criteria_text(self) -> str:
        return "；".join(c.describe() for c in self.criteria if c.text)


@dataclass(frozen=True)
class Band:
    grade: str
    min: float


@dataclass(frozen=True)
class Standard:
    name: str
    title: str
    source: str
    total: float
    veto_items: tuple[Item, ...]
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    veto_score: float | None = 0.0
    veto_cap: float | None = None
    veto_grade: str = "不合格"
    verified: bool = False
    bands_verified: bool = False
    bands_source: str = ""

    def grade(self, score: float) -> str:
        return next((b.grade for b in self.bands if score >= b.min), self.bands[-1].grade)


@dataclass
class Deduction:
    """One finding's place in the standard."""

    finding: Finding
    item: Item | None
    points: float = 0.0
    ranged: tuple[float, float] | None = None  # the reviewer judges within this range


@dataclass
class ItemResult:
    item: Item
    deductions: list[Deduction] = field(default_factory=list)

    @property
    def lost(self) -> float:
        """Points lost on this item: the sum of its deductions, capped at its points."""
        return min(self.item.points, sum(d.points for d in self.deductions))

    @property
    def earned(self) -> float:
        return self.item.points - self.lost


@dataclass
class Assessment:
    """The full scoring sheet of a case: what the 评查表 and the 评查报告 show."""

    standard: Standard
    score: Score
    veto: list[Deduction]
    items: list[ItemResult]
    unlisted: list[Finding]
    documents_read: int = 0
    kind: str = ""  # the report's case kind ("" in reports of older versions)

    @property
    def ranged(self) -> list[Deduction]:
        return [d for r in self.items for d in r.deductions if d.ranged]

    @property
    def triage(self) -> str:
        """合格 / 需人工复核 / 不合格 for sorting a batch: a file that fails the standard, a file
        whose result rests on something a person must judge (no grade, a document not read in
        full, a hint, OCR text, a finding to verify, a ranged deduction, an input that is not a
        whole case file), or the rest. Never 合格 for what was not checked."""
        if self.score.vetoed or self.score.grade == self.standard.bands[-1].grade:
            return "不合格"
        findings = [d.finding for r in self.items for d in r.deductions] + self.unlisted
        if (
            self.score.grade is None
            or self.score.reason
            or self.kind not in (CASE_FILE, SUMMARY, "")
            or self.ranged
            or any(
                f.severity == "hint"
                or f.confidence != "high"
                or f.defect_class == "input.unreadable"
                for f in findings
            )
        ):
            return "需人工复核"
        return "合格"


def available_standards() -> list[str]:
    return sorted(p.stem for p in checklist_path("standards").glob("*.yaml"))


@cache
def load_standard(name: str = DEFAULT_STANDARD) -> Standard:
    """A shipped standard by name (`generic`, `henan`, `beijing`) or a YAML file by path."""
    name = name or DEFAULT_STANDARD
    path = (
        Path(name)
        if name.endswith((".yaml", ".yml"))
        else checklist_path("standards", f"{name}.yaml")
    )
    if not path.is_file():
        known = "、".join(available_standards())
        raise StandardError(f"未知的评查标准：{name}（可用：{known}，或指定 .yaml 文件）")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return _parse(raw, path.name)
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, StandardError):
            raise
        raise StandardError(f"评查标准 {path.name} 格式错误：{exc}") from exc


def _parse(raw: dict[str, Any], where: str) -> Standard:
    veto = raw.get("veto") or {}
    grades = raw["grades"]
    standard = Standard(
        name=raw["name"],
        title=raw.get("title", raw["name"]),
        source=raw.get("source", ""),
        total=float(raw.get("total", 100)),
        veto_items=tuple(_item(i, where) for i in veto.get("items") or ()),
        items=tuple(_item(i, where) for i in raw["items"]),
        bands=tuple(
            sorted(
                (Band(b["grade"], float(b["min"])) for b in grades["bands"]), key=lambda b: -b.min
            )
        ),
        veto_score=None if veto.get("score", 0) is None else float(veto.get("score", 0)),
        veto_cap=None if veto.get("cap") is None else float(veto["cap"]),
        veto_grade=veto.get("grade", "不合格"),
        verified=bool(raw.get("verified", False)),
        bands_verified=bool(grades.get("verified", False)),
        bands_source=grades.get("source", ""),
    )
    points = sum(i.points for i in standard.items)
    if abs(points - standard.total) > 1e-6:
        raise StandardError(
            f"评查标准 {where}：各项分值之和 {points:g} 不等于总分 {standard.total:g}"
        )
    return standard


def _item(raw: dict[str, Any], where: str) -> Item:
    criteria = []
    for c in raw["criteria"]:
        unknown = set(c) - {*_FILTERS, "text", "deduction"}
        bad_classes = set(c.get("classes") or ()) - set(DEFECT_CLASSES)
        bad_severities = set(c.get("severities") or ()) - set(SEVERITY_ORDER)
        if unknown or bad_classes or bad_severities:
            wrong = "、".join(sorted(unknown | bad_classes | bad_severities))
            raise StandardError(f"评查标准 {where} 第 {raw['id']} 项：未知的字段或取值 {wrong}")
        deduction = c.get("deduction")
        if isinstance(deduction, list):
            deduction = (float(deduction[0]), float(deduction[1]))
        elif deduction is not None:
            deduction = float(deduction)
        criteria.append(
            Criterion(
                text=c.get("text", ""),
                deduction=deduction,
                **{k: frozenset(c.get(k) or ()) for k in _FILTERS},
            )
        )
    return Item(
        id=str(raw["id"]),
        content=raw["content"],
        criteria=tuple(criteria),
        stage=raw.get("stage", ""),
        points=float(raw.get("points", 0)),
    )


def assess(report: Report, standard: Standard | str = DEFAULT_STANDARD) -> Assessment:
    """The scoring sheet of `report` against a standard; a pure function of both.

    Each finding goes to the first veto item it matches (only a finding the tool is sure of,
    confidence high, can veto), else to the first deduction item; a veto costs the whole
    total; a ranged deduction ([min, max]) deducts its minimum and is listed in
    `Assessment.ranged` for the reviewer; findings no item lists cost nothing. An input that
    is not a gradable case file (`report.kind_reason`) gets no grade unless a veto fails it.
    """
    std = load_standard(standard) if isinstance(standard, str) else standard
    doc_types = {d.id: d.doc_type for d in report.documents}
    veto: list[Deduction] = []
    results = [ItemResult(item) for item in std.items]
    unlisted: list[Finding] = []
    charges: dict[str, Charge] = {}
    for finding in report.findings:
        doc_type = doc_types.get(finding.document or "")
        veto_item = None
        if finding.confidence == "high":
            veto_item = next((i for i in std.veto_items if i.match(finding, doc_type)), None)
        if veto_item is not None:
            charges[finding.id] = Charge(veto_item.id, std.total)
            veto.append(Deduction(finding, veto_item, std.total))
            continue
        for result in results:
            criterion = result.item.match(finding, doc_type)
            if criterion is not None:
                points, ranged = _points(criterion, finding.deduction)
                charges[finding.id] = Charge(result.item.id, points)
                result.deductions.append(Deduction(finding, result.item, points, ranged))
                break
        else:
            charges[finding.id] = Charge(None, 0.0)
            unlisted.append(finding)
    deducted = max(0.0, std.total - sum(r.lost for r in results))
    read = sum(1 for d in report.documents if not d.errors and d.text_source != "none")
    reason = report.kind_reason or ("没有可读取的文书" if not read else "")
    if veto:
        value = deducted if std.veto_score is None else std.veto_score
        if std.veto_cap is not None:
            value = min(value, std.veto_cap)
        grade: str | None = std.veto_grade
        total: float | None = value
    elif reason:
        grade, total = None, None
    else:
        grade, total = std.grade(deducted), deducted
    score = Score(
        standard=std.name,
        total=std.total,
        score=total,
        grade=grade,
        vetoed=bool(veto),
        veto_findings=[d.finding.id for d in veto],
        reason=reason or unread_note(report.unread),
        charges=charges,
    )
    return Assessment(std, score, veto, results, unlisted, read, report.kind)


def score(report: Report, standard_name: str = DEFAULT_STANDARD) -> Score:
    """The Score of `report` against a standard (`assess(...).score`)."""
    return assess(report, standard_name).score


def _points(criterion: Criterion, rule_deduction: Any) -> tuple[float, tuple[float, float] | None]:
    """Points for one finding: the criterion's, else the rule's own; ranges deduct the minimum."""
    value = criterion.deduction if criterion.deduction is not None else rule_deduction
    if isinstance(value, list | tuple):
        low, high = float(value[0]), float(value[1])
        return low, (low, high)
    return float(value or 0), None


def _num(value: float) -> str:
    return f"{value:g}"
