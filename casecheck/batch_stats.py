"""What a batch summary knows of each case, and the statistics across cases: triage, score
bands, frequent defects, authorities, and 同案不同罚 (fines for the same violated provision).

A `CaseSummary` is small and plain, so a worker process returns it instead of the whole Report
and the batch parent's memory does not grow with the reports' texts.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from casecheck.labels import provision_text
from casecheck.model import SEVERITY_ORDER, Report, Score
from casecheck.scoring import Assessment

DECISION_TYPE = "行政处罚决定书"
# Tukey's fences on log fines (fines vary by multiples): a statistical screen, not a legal rule.
TUKEY_K, MIN_GROUP_FOR_OUTLIERS = 1.5, 4
TOP_DEFECTS = 10
TRIAGE = ("合格", "需人工复核", "不合格")
BANDS = ("90–100", "80–89", "70–79", "60–69", "60以下", "未评分")


@dataclass(frozen=True)
class CaseSummary:
    """One case of a batch as the summary, the statistics and the app's table need it."""

    name: str  # the entry's name in the batch folder
    json_path: Path
    case_path: str
    kind: str
    score: Score  # without the per-finding charges
    triage: str
    documents: int
    severities: dict[str, int]  # findings per severity
    defects: tuple[str, ...]  # "rule title" per finding, the most severe first
    authority: str
    fine: float | None
    provisions: tuple[str, ...]  # violated provisions the decision cites
    failed: bool  # nothing read, or a file that could not be read
    resumed: bool = False
    level: str = ""  # the discretion level the file states, where a benchmark applies
    level_range: tuple[float, float] | None = None  # the benchmark's range for it, in yuan


def summarise(
    name: str, json_path: Path, report: Report, assessment: Assessment, resumed: bool = False
) -> CaseSummary:
    """The summary of one checked and scored case (`report` without rejected findings)."""
    # the rules load with the first summary, not with this module (the app imports it early)
    from casecheck.rules.checks.discretion import report_level
    from casecheck.rules.pack import shipped_and_user_rules

    ordered = sorted(report.findings, key=lambda f: SEVERITY_ORDER[f.severity])
    level = report_level(report, shipped_and_user_rules())
    return CaseSummary(
        name=name,
        json_path=json_path,
        case_path=report.case_path,
        kind=report.kind,
        score=replace(assessment.score, charges={}),
        triage=assessment.triage,
        documents=len(report.documents),
        severities={s: sum(f.severity == s for f in report.findings) for s in SEVERITY_ORDER},
        defects=tuple(f"{f.rule_id} {f.title}" for f in ordered),
        authority=next((e.value for e in report.elements if e.kind == "authority"), ""),
        fine=case_fine(report),
        provisions=tuple(sorted(violated_provisions(report))),
        failed=assessment.documents_read == 0
        or any(f.defect_class == "input.unreadable" for f in report.findings),
        resumed=resumed,
        level=level.grade if level else "",
        level_range=(level.low, level.high)
        if level and level.low is not None and level.high is not None
        else None,
    )


def case_fine(report: Report) -> float | None:
    """The fine of the decision: the largest amount the 决定书 states."""
    decisions = {d.id for d in report.documents if d.doc_type == DECISION_TYPE}
    fines = [
        float(e.normalized)
        for e in report.elements
        if e.kind == "fine_amount" and e.document in decisions and e.normalized
    ]
    return max(fines, default=None)


def violated_provisions(report: Report) -> set[str]:
    """Violated provisions the decision cites (any document's when the decision cites none)."""
    decisions = {d.id for d in report.documents if d.doc_type == DECISION_TYPE}
    violated = [c for c in report.citations if c.role == "violated" and c.article]
    in_decision = [c for c in violated if c.document in decisions]
    return {provision_text(c) for c in in_decision or violated}


@dataclass(frozen=True)
class DefectCount:
    title: str
    findings: int
    cases: int


@dataclass(frozen=True)
class AuthorityRow:
    authority: str
    cases: int
    mean_score: float | None
    failed: int


@dataclass(frozen=True)
class LevelSpread:
    """Cases of one provision that state the same discretion level, whose fines differ by more
    than the benchmark's range for that level allows (同案不同罚 against the benchmark)."""

    level: str
    fines: list[tuple[str, float]]
    range_low: float
    range_high: float


@dataclass
class FineGroup:
    """Cases citing the same violated provision, with their fines (同案不同罚)."""

    provision: str
    fines: list[tuple[str, float]]
    outliers: list[str] = field(default_factory=list)
    beyond_benchmark: list[LevelSpread] = field(default_factory=list)

    @property
    def low(self) -> float:
        return min(f for _, f in self.fines)

    @property
    def high(self) -> float:
        return max(f for _, f in self.fines)

    @property
    def median(self) -> float:
        return statistics.median(f for _, f in self.fines)

    @property
    def spread(self) -> float:
        return self.high / self.low if self.low else math.inf


@dataclass
class BatchStats:
    standard: str
    cases: int
    triage: dict[str, int]
    score_bands: dict[str, int]
    top_defects: list[DefectCount]
    authorities: list[AuthorityRow]
    fine_groups: list[FineGroup]
    failed_cases: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "standard": self.standard,
            "cases": self.cases,
            "triage": self.triage,
            "score_bands": self.score_bands,
            "top_defects": [vars(d) for d in self.top_defects],
            "authorities": [vars(a) for a in self.authorities],
            "same_violation_fines": [
                {
                    "provision": g.provision,
                    "fines": [{"case": c, "fine": f} for c, f in g.fines],
                    "low": g.low,
                    "high": g.high,
                    "median": g.median,
                    "outliers": g.outliers,
                    "beyond_benchmark": [
                        {
                            "level": s.level,
                            "fines": [{"case": c, "fine": f} for c, f in s.fines],
                            "benchmark_low": s.range_low,
                            "benchmark_high": s.range_high,
                        }
                        for s in g.beyond_benchmark
                    ],
                }
                for g in self.fine_groups
            ],
            "failed_cases": self.failed_cases,
        }


def batch_stats(cases: Sequence[CaseSummary], standard: str) -> BatchStats:
    triage = Counter(c.triage for c in cases)
    bands = Counter(score_band(c.score.score) for c in cases)
    findings: Counter[str] = Counter()
    with_defect: Counter[str] = Counter()
    for c in cases:
        findings.update(c.defects)
        with_defect.update(set(c.defects))
    return BatchStats(
        standard=standard,
        cases=len(cases),
        triage={k: triage[k] for k in TRIAGE},
        score_bands={b: bands[b] for b in BANDS},
        top_defects=[
            DefectCount(t, n, with_defect[t]) for t, n in findings.most_common(TOP_DEFECTS)
        ],
        authorities=_authorities(cases),
        fine_groups=fine_groups(cases),
        failed_cases=[c.name for c in cases if c.failed],
    )


def score_band(score: float | None) -> str:
    if score is None:
        return BANDS[-1]
    for label, low in zip(BANDS, (90, 80, 70, 60), strict=False):
        if score >= low:
            return label
    return BANDS[-2]


def _authorities(cases: Sequence[CaseSummary]) -> list[AuthorityRow]:
    groups: dict[str, list[CaseSummary]] = defaultdict(list)
    for c in cases:
        groups[c.authority or "（未识别）"].append(c)
    rows = []
    for name, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        scores = [c.score.score for c in group if c.score.score is not None]
        failed = sum(c.triage == "不合格" for c in group)
        mean = round(statistics.fmean(scores), 1) if scores else None
        rows.append(AuthorityRow(name, len(group), mean, failed))
    return rows


def level_spreads(members: Sequence[CaseSummary]) -> list[LevelSpread]:
    """Per discretion level stated by two or more of `members`: the fines when their spread is
    wider than the benchmark's range for that level (the widest range among them, for ranges
    that are multiples of each case's base)."""
    by_level: dict[str, list[CaseSummary]] = defaultdict(list)
    for c in members:
        if c.level and c.level_range and c.fine is not None:
            by_level[c.level].append(c)
    out = []
    for level, same in sorted(by_level.items()):
        if len(same) < 2:
            continue
        fines = sorted(((c.name, c.fine) for c in same if c.fine is not None), key=lambda p: p[1])
        low, high = max((c.level_range for c in same if c.level_range), key=lambda r: r[1] - r[0])
        if fines[-1][1] - fines[0][1] > high - low + 0.5:
            out.append(LevelSpread(level, fines, low, high))
    return out


def fine_groups(cases: Sequence[CaseSummary]) -> list[FineGroup]:
    """同案不同罚: for every violated provision cited by two or more cases with a fine, the
    fines and the outliers (Tukey's fences on the log fine, from four cases on), and the cases
    stating the same discretion level whose fines differ beyond the benchmark's range."""
    by_provision: dict[str, list[CaseSummary]] = defaultdict(list)
    for c in cases:
        if c.fine is None or c.fine <= 0:
            continue
        for p in c.provisions:
            by_provision[p].append(c)
    groups = []
    for name, members in sorted(by_provision.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(members) < 2:
            continue
        fines = [(c.name, c.fine) for c in members if c.fine is not None]
        group = FineGroup(name, fines, beyond_benchmark=level_spreads(members))
        if len(fines) >= MIN_GROUP_FOR_OUTLIERS:
            logs = sorted(math.log(f) for _, f in fines)
            q1, _, q3 = statistics.quantiles(logs, n=4, method="inclusive")
            low, high = q1 - TUKEY_K * (q3 - q1), q3 + TUKEY_K * (q3 - q1)
            group.outliers = [c for c, f in fines if not low <= math.log(f) <= high]
        groups.append(group)
    return groups
