"""The pipeline: read → split → classify → extract → check → report.

Every step is a plain function of its inputs; heavy resources (the spaCy pipeline, the law
registry) are loaded once per process and reused across documents and case files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casecheck import model
from casecheck.classify import classify_case, load_catalog
from casecheck.ingest import read_path
from casecheck.ingest.split import split_case
from casecheck.model import CaseFile, Finding, NotChecked, Report
from casecheck.resources import load_yaml


@dataclass(frozen=True)
class CheckOptions:
    """What to check a case against; empty strings mean the national defaults."""

    department: str = ""
    region: str = ""
    standard: str = ""


def read_case(path: str | Path) -> CaseFile:
    """Read a folder, a .zip or a document into a CaseFile whose documents are typed.

    Files that cannot be read stay in the case as documents with `errors`; nothing raises
    for bad input. The user's files are only ever opened for reading.
    """
    catalog = load_catalog()
    case = split_case(read_path(Path(path)), catalog)
    classify_case(case, catalog)
    return case


def check_case(path: str | Path, options: CheckOptions | None = None) -> Report:
    """Read and check one case file; the returned Report is Contract 1's JSON report."""
    from casecheck import __version__

    options = options or CheckOptions()
    case = read_case(path)
    report = Report(
        case_path=str(path),
        department=options.department,
        region=options.region,
        standard=options.standard,
        tool_version=__version__,
        documents=case.documents,
    )
    report.findings.extend(_unreadable_findings(case))
    report.not_checked.extend(_unread_pages(case))
    _number_findings(report)
    return report


def _rule(rule_id: str) -> dict:
    for rule in load_yaml("rules", "input.yaml"):
        if rule["id"] == rule_id:
            return rule
    raise KeyError(rule_id)


def _unreadable_findings(case: CaseFile) -> list[Finding]:
    rule = _rule("INPUT-001")
    return [
        Finding(
            rule_id=rule["id"],
            defect_class=rule["class"],
            title=rule["title"],
            category=rule["category"],
            severity=rule["severity"],
            message=rule["message"].format(path=doc.path, error="；".join(doc.errors)),
            legal_basis=rule.get("legal_basis", ""),
            suggestion=rule["suggestion"],
            document=doc.id,
        )
        for doc in case.documents
        if doc.errors
    ]


def _unread_pages(case: CaseFile) -> list[NotChecked]:
    out = []
    for doc in case.documents:
        pages = doc.pages_needing_ocr()
        if pages:
            shown = "、".join(str(p) for p in pages[:20]) + ("等" if len(pages) > 20 else "")
            out.append(
                NotChecked(
                    check=f"文书内容：{doc.path}",
                    reason=f"第{shown}页没有文字层（扫描件），需要 OCR 识别后才能检查；"
                    "安装 OCR 扩展（pip install casecheck[ocr]）后重新检查",
                )
            )
    return out


def _number_findings(report: Report) -> None:
    report.findings.sort(
        key=lambda f: (model.SEVERITY_ORDER[f.severity], f.document or "", f.start or 0)
    )
    for n, finding in enumerate(report.findings, 1):
        finding.id = f"F{n:03d}"
