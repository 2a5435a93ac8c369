"""A reviewer's decisions on one checked case (确认 / 驳回 / 备注), kept as the CLI's review
state beside the report's JSON, and the exports that follow them (rejected findings are not
scored). A report the user never saved is saved in the user data dir, one per case path, so
opening the case again carries the decisions over to the findings that remain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casecheck import Assessment
    from casecheck.model import Report


def default_report_path(case_path: str) -> Path:
    """Where the app keeps a case's report when the user has not saved it anywhere."""
    from casecheck import data_dir

    resolved = Path(case_path).resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:10]
    return data_dir() / "reviews" / f"{resolved.name or 'case'}-{digest}.json"


def write_report_json(report: Report, path: Path) -> Path:
    from casecheck import write_json

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        write_json(report, out)
    return path


@dataclass
class CaseReview:
    """The review of `report`; `json_path` is where its report was saved (None: not yet)."""

    report: Report
    json_path: Path | None = None
    state: object = None  # casecheck.review.ReviewState, made on the first decision

    @classmethod
    def resume(cls, report: Report) -> CaseReview:
        """The review of a freshly checked report: decisions made on an earlier check of the
        same case (kept in the user data dir) move to the findings that remain."""
        from casecheck import Report as ReportClass
        from casecheck import carry_over, load_review, review_path, save_review, track

        review = cls(report)
        path = default_report_path(report.case_path)
        if not (path.is_file() and review_path(path).is_file()):
            return review
        try:
            old = ReportClass.from_json(json.loads(path.read_text(encoding="utf-8")))
            state = carry_over(load_review(path), track(old, report))
            write_report_json(report, path)
            save_review(path, report, state)
        except (OSError, ValueError, KeyError, TypeError):
            return review  # an unreadable earlier review is not carried over
        review.json_path, review.state = path, state
        return review

    def follow(self, corrected: Report) -> CaseReview:
        """The review of a re-check of the corrected case: decisions move to the findings that
        remain, and the tracking result joins the history (saved where this one was)."""
        from casecheck import carry_over, track

        review = CaseReview(corrected)
        if self.state is None or self.json_path is None:
            return review
        review.state = carry_over(self.state, track(self.report, corrected))
        try:
            review.save_as(self.json_path)
        except (OSError, ValueError):
            review.json_path = None  # kept in memory; saved again on the next decision
        return review

    def save_as(self, path: Path) -> Path:
        """Save the report at `path` (the review, if any, moves beside it)."""
        from casecheck import save_review

        write_report_json(self.report, path)
        self.json_path = path
        if self.state is not None:
            save_review(path, self.report, self.state)
        return path

    def decide(self, finding_id: str, status: str, note: str = "") -> Path:
        """Record a decision and store it; returns the review file. Raises ValueError (a
        Chinese message) or OSError when it cannot be stored."""
        from casecheck import decide, load_review, save_review

        if self.json_path is None:
            self.save_as(default_report_path(self.report.case_path))
        if self.state is None:
            self.state = load_review(self.json_path)
        decide(self.state, self.report, finding_id, status, note)
        return save_review(self.json_path, self.report, self.state)

    def labels(self) -> dict[str, str]:
        """Each decided finding's decision as the reviewer reads it: 确认 / 驳回：理由."""
        from casecheck import STATUS_LABELS

        if self.state is None:
            return {}
        return {
            d.finding_id: STATUS_LABELS[d.status] + (f"：{d.note}" if d.note else "")
            for d in self.state.decisions
        }

    def scored(self) -> Report:
        """The report without the findings the reviewer rejected."""
        from casecheck import without_rejected

        return self.report if self.state is None else without_rejected(self.report, self.state)

    def assessment(self, standard: str = "") -> Assessment:
        from casecheck import assess

        return assess(self.scored(), standard or self.report.standard)  # "": the default


def export_docx(review: CaseReview, path: Path) -> Path:
    """The 评查报告 (Word) of the reviewed case."""
    from casecheck import write_case_docx

    return write_case_docx(review.scored(), review.assessment(), path)


def export_xlsx(review: CaseReview, path: Path) -> Path:
    """The 评查表 (Excel) of the reviewed case."""
    from casecheck import write_xlsx

    return write_xlsx([(review.scored(), review.assessment())], path)


def export_commented(review: CaseReview, folder: Path) -> list[Path]:
    """Copies of the case's Word documents with a comment on each finding."""
    from casecheck import write_commented_copies

    return write_commented_copies(review.scored(), folder)
