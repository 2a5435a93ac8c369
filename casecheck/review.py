"""Review state: a reviewer accepts, rejects or annotates findings, and follows a corrected case
(整改跟踪). The state is a JSON file beside the report (`<report>.review.json`), never in the
case file.

Finding ids (F001 …) are positions in one report; across re-checks a finding is recognised by
its rule, its document type and its quote (then rule and document type, then rule alone).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

from casecheck.model import Finding, Report
from casecheck.outputs import display, dump_json

Status = Literal["accepted", "rejected", "noted"]
STATUS_LABELS: dict[str, str] = {"accepted": "确认", "rejected": "驳回", "noted": "备注"}
SUFFIX = ".review.json"


class ReviewError(ValueError):
    """A review action that cannot be done; the message is Chinese."""


@dataclass
class Decision:
    finding_id: str
    rule_id: str
    doc_type: str
    quote: str
    status: Status
    note: str = ""
    at: str = ""


@dataclass
class Tracking:
    """整改跟踪: findings of the old report that are gone, that remain, and that are new."""

    fixed: list[Finding]
    remaining: list[tuple[Finding, Finding]]  # (old, new)
    new: list[Finding]

    def to_json(self) -> dict[str, list[str]]:
        return {
            "fixed": [f"{f.rule_id} {f.title}" for f in self.fixed],
            "remaining": [f"{n.id} {n.rule_id} {n.title}" for _, n in self.remaining],
            "new": [f"{f.id} {f.rule_id} {f.title}" for f in self.new],
        }


@dataclass
class ReviewState:
    report: str  # the report's file name
    decisions: list[Decision] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    # Why the review file beside the report could not be read (then the state is empty and
    # saving keeps the unreadable file as `<review>.broken`); empty when it was read.
    problem: str = ""

    def decision(self, finding_id: str) -> Decision | None:
        return next((d for d in self.decisions if d.finding_id == finding_id), None)

    def rejected(self) -> set[str]:
        return {d.finding_id for d in self.decisions if d.status == "rejected"}


def review_path(report_json: Path) -> Path:
    return report_json.with_name(report_json.name.removesuffix(".json") + SUFFIX)


def load_review(report_json: Path) -> ReviewState:
    """The review state beside a report; a truncated, empty or tampered review file gives an
    empty state whose `problem` says so (it never stops the command)."""
    path = review_path(report_json)
    if not path.is_file():
        return ReviewState(report=report_json.name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ReviewState(
            report=str(data["report"]),
            decisions=[Decision(**d) for d in data["decisions"]],
            history=[dict(h) for h in data.get("history") or ()],
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return ReviewState(
            report=report_json.name,
            problem=f"复核记录 {display(path.name)} 无法读取（文件不完整或已损坏："
            f"{type(exc).__name__}），按无复核记录处理；再次保存时原文件改名为 .broken 保留",
        )


def save_review(report_json: Path, report: Report, state: ReviewState) -> Path:
    path = review_path(report_json)
    case = Path(report.case_path).resolve()
    if case.is_dir() and path.resolve().is_relative_to(case):
        raise ReviewError(f"复核记录不能写入案卷文件夹：{path}（请把报告放在案卷以外的目录）")
    data = {
        "report": state.report,
        "decisions": [asdict(d) for d in state.decisions],
        "history": state.history,
    }
    if state.problem and path.is_file():  # keep what could not be read; never overwrite it
        os.replace(path, path.with_name(path.name + ".broken"))
    return dump_json(data, path)


def _doc_type(report: Report, finding: Finding) -> str:
    doc = next((d for d in report.documents if d.id == finding.document), None)
    return doc.doc_type if doc else ""


def decide(
    state: ReviewState, report: Report, finding_id: str, status: Status, note: str = ""
) -> Decision:
    """Record a decision on a finding (replacing an earlier one; a note alone keeps the status)."""
    finding = next((f for f in report.findings if f.id == finding_id), None)
    if finding is None:
        known = "、".join(f.id for f in report.findings) or "无"
        raise ReviewError(f"报告中没有问题 {finding_id}（现有：{known}）")
    old = state.decision(finding_id)
    if status == "noted" and old is not None:
        status, note = old.status, note or old.note
    decision = Decision(
        finding_id=finding_id,
        rule_id=finding.rule_id,
        doc_type=_doc_type(report, finding),
        quote=finding.quote,
        status=status,
        note=note,
        at=dt.datetime.now().isoformat(timespec="seconds"),
    )
    state.decisions = [d for d in state.decisions if d.finding_id != finding_id] + [decision]
    return decision


def without_rejected(report: Report, state: ReviewState) -> Report:
    """A copy of the report without the findings the reviewer rejected (for scoring)."""
    rejected = state.rejected()
    return replace(report, findings=[f for f in report.findings if f.id not in rejected])


def track(old: Report, new: Report) -> Tracking:
    """Match the findings of a report on the corrected case to those of the earlier report."""
    keys: list[Callable[[Report, Finding], tuple]] = [
        lambda r, f: (f.rule_id, _doc_type(r, f), f.quote),
        lambda r, f: (f.rule_id, _doc_type(r, f)),
        lambda r, f: (f.rule_id,),
    ]
    old_left, new_left = list(old.findings), list(new.findings)
    remaining: list[tuple[Finding, Finding]] = []
    for key in keys:
        for o in list(old_left):
            match = next((n for n in new_left if key(new, n) == key(old, o)), None)
            if match is not None:
                remaining.append((o, match))
                old_left.remove(o)
                new_left.remove(match)
    return Tracking(fixed=old_left, remaining=remaining, new=new_left)


def carry_over(state: ReviewState, tracking: Tracking, stamp: str | None = None) -> ReviewState:
    """The decisions moved to the new ids of the findings that remain, and the tracking result
    appended to the history; decisions on fixed findings are dropped."""
    moved = []
    for old, new in tracking.remaining:
        decision = state.decision(old.id)
        if decision is not None:
            moved.append(replace(decision, finding_id=new.id, quote=new.quote))
    entry = {"at": stamp or dt.datetime.now().isoformat(timespec="seconds"), **tracking.to_json()}
    return ReviewState(report=state.report, decisions=moved, history=[*state.history, entry])
