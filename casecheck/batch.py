"""Checking many case files (Contract 2): a process pool over the entries of a folder, one JSON
report per case written as it finishes, resume, triage and cross-case statistics.

Workers share nothing but their input (a path and the options) and their result (a Report).
A case that fails in any way still gets its JSON report, with an `input.unreadable` finding.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from casecheck.casekind import EMPTY
from casecheck.engine import CheckOptions, check_case
from casecheck.ingest.container import is_skipped
from casecheck.model import (
    Citation,
    Finding,
    Report,
)
from casecheck.review import (
    carry_over,
    load_review,
    review_path,
    save_review,
    track,
    without_rejected,
)
from casecheck.rules.pack import shipped_and_user_rules
from casecheck.scoring import Assessment, assess, load_standard, score

XLSX_NAME, DOCX_NAME, SUMMARY_NAME = "评查表.xlsx", "评查汇总报告.docx", "batch-summary.json"
DECISION_TYPE = "行政处罚决定书"
# Tukey's fences on log fines (fines vary by multiples): a statistical screen, not a legal rule.
TUKEY_K, MIN_GROUP_FOR_OUTLIERS = 1.5, 4
TOP_DEFECTS = 10


@dataclass
class CaseResult:
    name: str  # the entry's name in INPUT_DIR
    json_path: Path
    report: Report  # without the findings a reviewer rejected
    assessment: Assessment
    resumed: bool = False


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


@dataclass
class FineGroup:
    """Cases citing the same violated provision, with their fines (同案不同罚)."""

    provision: str
    fines: list[tuple[str, float]]
    outliers: list[str] = field(default_factory=list)

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
                }
                for g in self.fine_groups
            ],
            "failed_cases": self.failed_cases,
        }


@dataclass
class BatchResult:
    results: list[CaseResult]
    stats: BatchStats
    outputs: list[Path]


def case_entries(input_dir: Path, exclude: Path | None = None) -> list[Path]:
    """The case files of a batch: every subfolder, .zip and document file of `input_dir`, in
    name order, without hidden and system files (and without `exclude`, the output folder)."""
    skip = exclude.resolve() if exclude else None
    return sorted(
        (p for p in input_dir.iterdir() if not is_skipped(p.name) and p.resolve() != skip),
        key=lambda p: p.name,
    )


def json_path_for(entry: Path, out_dir: Path) -> Path:
    return out_dir / f"{entry.name}.json"


def is_current(entry: Path, json_path: Path) -> bool:
    """Resume: the report exists and is newer than every file of the entry."""
    if not json_path.is_file():
        return False
    return json_path.stat().st_mtime > _newest_mtime(entry)


def _newest_mtime(entry: Path) -> float:
    newest = entry.stat().st_mtime
    if entry.is_dir():
        for root, dirs, files in os.walk(entry):
            dirs[:] = [d for d in dirs if not is_skipped(d)]
            for name in (n for n in files if not is_skipped(n)):
                try:
                    newest = max(newest, Path(root, name).stat().st_mtime)
                except OSError:
                    continue
    return newest


def check_one(path: str, options: CheckOptions) -> Report:
    """Worker: check and score one case; never raises (a failure becomes a finding)."""
    try:
        return check_case(path, options)  # scored by the engine
    except Exception as exc:  # one bad case must not stop the batch
        return failed_report(path, options, exc)


def failed_report(path: str, options: CheckOptions, exc: BaseException) -> Report:
    """The scored report of a case that could not be checked at all."""
    from casecheck import __version__

    rule = next(r for r in shipped_and_user_rules() if r.defect_class == "input.unreadable")
    finding = Finding(
        rule_id=rule.id,
        defect_class=rule.defect_class,
        title=rule.title,
        severity=rule.severity,  # type: ignore[arg-type]
        category=rule.category,
        message=f"案卷“{Path(path).name}”检查失败：{type(exc).__name__}: {exc}",
        suggestion=f"{rule.suggestion}；如仍失败，请将此文件报告给开发者",
        deduction=0,
        id="F001",
    )
    report = Report(
        case_path=path,
        department=options.department,
        region=options.region,
        standard=options.standard,
        tool_version=__version__,
        findings=[finding],
        kind=EMPTY,
        kind_reason=f"案卷检查失败（{type(exc).__name__}），无法评分",
    )
    report.score = score(report, options.standard or "generic")
    report.standard = report.score.standard
    return report


def write_report_json(report: Report, path: Path) -> None:
    """Write atomically, so an interrupted batch never leaves a half report that resume trusts."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(report.to_json(), fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    os.replace(tmp, path)


def load_report(path: Path) -> Report:
    """A Report from its JSON file (Contract 1). Documents come back without their text."""
    return Report.from_json(json.loads(path.read_text(encoding="utf-8")))


Progress = Callable[[str, int, int], None]  # (entry name, done, total)


def run_batch(
    input_dir: Path,
    out_dir: Path,
    options: CheckOptions,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Check every entry of `input_dir` into `out_dir` and write the batch summary.

    Entries whose JSON report is newer than the entry are not checked again (resume).
    Raises StandardError for an unknown standard, before any case is checked.
    """
    standard = options.standard or "generic"
    load_standard(standard)
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = case_entries(input_dir, exclude=out_dir)
    results: list[CaseResult] = []

    def done(entry: Path, report: Report, resumed: bool) -> None:
        json_path = json_path_for(entry, out_dir)
        if not resumed:
            _follow_review(json_path, report)
            write_report_json(report, json_path)
        scored = without_rejected(report, load_review(json_path))
        results.append(CaseResult(entry.name, json_path, scored, assess(scored, standard), resumed))
        if progress:
            progress(entry.name, len(results), len(entries))

    todo = []
    for entry in entries:
        json_path = json_path_for(entry, out_dir)
        if is_current(entry, json_path):
            try:
                done(entry, load_report(json_path), resumed=True)
                continue
            except (OSError, ValueError, KeyError, TypeError):
                pass  # an unreadable old report: check the case again
        todo.append(entry)
    for entry, report in _check_all(todo, options, jobs or os.cpu_count() or 1):
        done(entry, report, resumed=False)

    order = {e.name: n for n, e in enumerate(entries)}
    results.sort(key=lambda r: order[r.name])
    stats = batch_stats(results, standard)
    outputs = _write_summary(results, stats, out_dir)
    return BatchResult(results, stats, outputs)


def _follow_review(json_path: Path, report: Report) -> None:
    """A case checked again whose earlier report was reviewed: move the reviewer's decisions to
    the new findings and record what was fixed, remains or is new (整改跟踪)."""
    if not (json_path.is_file() and review_path(json_path).is_file()):
        return
    try:
        old = load_report(json_path)
    except (OSError, ValueError, KeyError, TypeError):
        return
    state = carry_over(load_review(json_path), track(old, report))
    save_review(json_path, report, state)


def _check_all(
    entries: list[Path], options: CheckOptions, jobs: int
) -> Iterator[tuple[Path, Report]]:
    """Reports in the order they finish; one process per job (spawned: nothing is inherited)."""
    if jobs <= 1 or len(entries) <= 1:
        for entry in entries:
            yield entry, check_one(str(entry), options)
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        pending: dict[Future[Report], Path] = {
            pool.submit(check_one, str(e), options): e for e in entries
        }
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                entry = pending.pop(future)
                try:
                    report = future.result()
                except Exception as exc:  # a worker died (memory, signal …)
                    report = failed_report(str(entry), options, exc)
                yield entry, report


def batch_stats(results: list[CaseResult], standard: str) -> BatchStats:
    triage = Counter(r.assessment.triage for r in results)
    bands: Counter[str] = Counter()
    for r in results:
        bands[_band(r.assessment.score.score)] += 1
    findings: Counter[str] = Counter()
    cases: Counter[str] = Counter()
    for r in results:
        titles = [f"{f.rule_id} {f.title}" for f in r.report.findings]
        findings.update(titles)
        cases.update(set(titles))
    return BatchStats(
        standard=standard,
        cases=len(results),
        triage={k: triage[k] for k in ("合格", "需人工复核", "不合格")},
        score_bands={b: bands[b] for b in _BANDS},
        top_defects=[DefectCount(t, n, cases[t]) for t, n in findings.most_common(TOP_DEFECTS)],
        authorities=_authorities(results),
        fine_groups=fine_groups(results),
        failed_cases=[
            r.name
            for r in results
            if r.assessment.documents_read == 0
            or any(f.defect_class == "input.unreadable" for f in r.report.findings)
        ],
    )


_BANDS = ("90–100", "80–89", "70–79", "60–69", "60以下", "未评分")


def _band(score: float | None) -> str:
    if score is None:
        return _BANDS[-1]
    for label, low in zip(_BANDS, (90, 80, 70, 60), strict=False):
        if score >= low:
            return label
    return _BANDS[-2]


def _authorities(results: list[CaseResult]) -> list[AuthorityRow]:
    groups: dict[str, list[CaseResult]] = defaultdict(list)
    for r in results:
        name = next((e.value for e in r.report.elements if e.kind == "authority"), "（未识别）")
        groups[name].append(r)
    rows = []
    for name, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        scores = [r.assessment.score.score for r in group if r.assessment.score.score is not None]
        failed = sum(r.assessment.triage == "不合格" for r in group)
        mean = round(statistics.fmean(scores), 1) if scores else None
        rows.append(AuthorityRow(name, len(group), mean, failed))
    return rows


def provision(citation: Citation) -> str:
    parts = [f"《{citation.law}》第{citation.article}条"]
    if citation.paragraph:
        parts.append(f"第{citation.paragraph}款")
    if citation.item:
        parts.append(f"第{citation.item}项")
    return "".join(parts)


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
    return {provision(c) for c in in_decision or violated}


def fine_groups(results: list[CaseResult]) -> list[FineGroup]:
    """同案不同罚: for every violated provision cited by two or more cases with a fine, the
    fines and the outliers (Tukey's fences on the log fine, from four cases on)."""
    by_provision: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for r in results:
        fine = case_fine(r.report)
        if fine is None or fine <= 0:
            continue
        for p in violated_provisions(r.report):
            by_provision[p].append((r.name, fine))
    groups = []
    for name, fines in sorted(by_provision.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(fines) < 2:
            continue
        group = FineGroup(name, fines)
        if len(fines) >= MIN_GROUP_FOR_OUTLIERS:
            logs = sorted(math.log(f) for _, f in fines)
            q1, _, q3 = statistics.quantiles(logs, n=4, method="inclusive")
            low, high = q1 - TUKEY_K * (q3 - q1), q3 + TUKEY_K * (q3 - q1)
            group.outliers = [c for c, f in fines if not low <= math.log(f) <= high]
        groups.append(group)
    return groups


def _write_summary(results: list[CaseResult], stats: BatchStats, out_dir: Path) -> list[Path]:
    from casecheck.report.docx_report import write_batch_docx
    from casecheck.report.xlsx_report import write_xlsx

    summary = out_dir / SUMMARY_NAME
    summary.write_text(
        json.dumps(
            {
                **stats.to_json(),
                "reports": [
                    {"entry": r.name, "json": r.json_path.name, "triage": r.assessment.triage}
                    for r in results
                ],
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    cases = [(r.report, r.assessment) for r in results]
    return [
        write_xlsx(cases, out_dir / XLSX_NAME, summary=True),
        write_batch_docx(stats, out_dir / DOCX_NAME),
        summary,
    ]
