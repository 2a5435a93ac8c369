"""Evaluate the engine on the hand-written case files of tests/casefiles (issue 12).

    PYTHONPATH=. .venv/bin/python tests/benchmarks/casefile_eval.py [--verbose]

Every case folder is checked with `casecheck.check_case`; each planted defect of its gold file
(tests/casefiles/gold/<case>.yaml) is matched against the findings: same defect class, in the gold
document (or one of its `also` places) at a span overlapping the gold quote — or, for a defect
marked `absent` (the thing is missing), any finding of that class in that document or on the
whole case; for `scope: case` (missing from the whole file) any finding of that class.
`alt_classes` names classes of the vocabulary that describe the same defect equally well.
Printed: per case planted found / planted, the major/veto findings of clean cases (false
positives) and the major/veto findings of defective cases that match no planted defect (for
review), then overall recall and the false major/veto count on clean cases.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rich.console import Console
from rich.table import Table

from casecheck import check_case
from casecheck.model import Document, Finding, Report

CASEFILES = Path(__file__).resolve().parents[1] / "casefiles"
GOLD = CASEFILES / "gold"
SERIOUS = ("veto", "major")


@dataclass(frozen=True)
class Place:
    document: str
    quote: str


@dataclass(frozen=True)
class Planted:
    classes: tuple[str, ...]  # the gold class first, then classes the vocabulary overlaps with
    places: tuple[Place, ...]
    absent: bool  # the defect is a missing thing: any finding of the class in the document
    case_wide: bool  # the missing thing is missing from the whole file: any finding of the class
    note: str

    @property
    def defect_class(self) -> str:
        return self.classes[0]


@dataclass
class Gold:
    case: str
    department: str
    clean: bool
    defects: list[Planted]


@dataclass
class CaseResult:
    gold: Gold
    report: Report
    found: list[Planted] = field(default_factory=list)
    missed: list[Planted] = field(default_factory=list)
    unmatched_serious: list[Finding] = field(default_factory=list)


def load_gold(path: Path) -> Gold:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    defects = []
    for d in data.get("defects") or []:
        places = [Place(d["document"], d["quote"])]
        places += [Place(a["document"], a["quote"]) for a in d.get("also") or []]
        classes = (d["class"], *(d.get("alt_classes") or []))
        scope_case = d.get("scope") == "case"
        absent = bool(d.get("absent")) or scope_case
        defects.append(Planted(classes, tuple(places), absent, scope_case, d["note"]))
    return Gold(data["case"], data["department"], bool(data["clean"]), defects)


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.yaml"))


def _document(report: Report, doc_id: str | None) -> Document | None:
    return next((d for d in report.documents if d.id == doc_id), None)


def _span(doc: Document, finding: Finding) -> tuple[int, int] | None:
    if finding.start is not None and finding.end is not None:
        return finding.start, finding.end
    if finding.quote and finding.quote in doc.text:
        start = doc.text.index(finding.quote)
        return start, start + len(finding.quote)
    return None


def _at_place(finding: Finding, doc: Document, place: Place) -> bool:
    if Path(doc.path).name != place.document:
        return False
    start = doc.text.find(place.quote)
    span = _span(doc, finding)
    if start < 0 or span is None:
        quote = finding.quote
        return bool(quote) and (quote in place.quote or place.quote in quote)
    return span[0] < start + len(place.quote) and start < span[1]


def matches(finding: Finding, report: Report, planted: Planted) -> bool:
    """The finding reports the planted defect (see the module docstring)."""
    if finding.defect_class not in planted.classes:
        return False
    doc = _document(report, finding.document)
    if doc is None or planted.case_wide:
        return planted.absent
    if planted.absent and any(Path(doc.path).name == p.document for p in planted.places):
        return True
    return any(_at_place(finding, doc, place) for place in planted.places)


def evaluate_case(gold: Gold) -> CaseResult:
    report = check_case(CASEFILES / gold.case)
    result = CaseResult(gold, report)
    for planted in gold.defects:
        hit = any(matches(f, report, planted) for f in report.findings)
        (result.found if hit else result.missed).append(planted)
    for f in report.findings:
        if f.severity in SERIOUS and not any(matches(f, report, p) for p in gold.defects):
            result.unmatched_serious.append(f)
    return result


def evaluate() -> list[CaseResult]:
    return [evaluate_case(load_gold(path)) for path in gold_files()]


def recall(results: list[CaseResult]) -> float:
    planted = sum(len(r.gold.defects) for r in results)
    return sum(len(r.found) for r in results) / planted if planted else 1.0


def false_serious_on_clean(results: list[CaseResult]) -> list[tuple[str, Finding]]:
    return [(r.gold.case, f) for r in results if r.gold.clean for f in r.unmatched_serious]


def _describe(report: Report, f: Finding) -> str:
    doc = _document(report, f.document)
    where = Path(doc.path).name if doc else "整个案卷"
    return f"{f.severity} {f.rule_id} [{f.defect_class}] {where}: {f.message[:90]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print the notes of missed defects")
    args = parser.parse_args()
    console = Console(width=160)
    results = evaluate()

    table = Table(title="独立手写案卷评测（issue 12）")
    for column in ("案卷", "部门", "类型", "命中/植入", "未命中缺陷", "未匹配重大/否决"):
        table.add_column(column)
    for r in results:
        kind = "clean" if r.gold.clean else "defective"
        missed = "\n".join(p.defect_class for p in r.missed)
        table.add_row(
            r.gold.case,
            r.gold.department,
            kind,
            f"{len(r.found)}/{len(r.gold.defects)}",
            missed,
            str(len(r.unmatched_serious)),
        )
    console.print(table)

    for r in results:
        for p in r.missed:
            console.print(f"MISS  {r.gold.case}: {p.defect_class} @ {p.places[0].document}")
            if args.verbose:
                console.print(f"      {p.note}")
    for r in results:
        label = "FALSE" if r.gold.clean else "REVIEW"
        for f in r.unmatched_serious:
            console.print(f"{label} {r.gold.case}: {_describe(r.report, f)}")

    planted = sum(len(r.gold.defects) for r in results)
    found = sum(len(r.found) for r in results)
    false_serious = len(false_serious_on_clean(results))
    console.print(
        f"\n召回率 recall: {found}/{planted} = {recall(results):.2f}；"
        f"干净案卷上的重大/否决问题 false major/veto on clean: {false_serious}"
    )


if __name__ == "__main__":
    main()
