"""Do case files written as Word forms read like their plain-text versions?

    PYTHONPATH=. .venv/bin/python tests/benchmarks/word_casefiles.py [--verbose]

Four hand-written case files of tests/casefiles (different departments) are written as Word
documents laid out like those departments' forms (tests/word_forms.py: real tables, merged and
vertical label cells, check boxes, the 文号 in the page header, page-number footers, a seal
picture) in a temporary folder, and both versions are checked with `check_case`. Per case:
documents typed differently, elements of the text version the Word version lacks (and gains),
gold recall of each version, and major/veto findings of the Word version that the text version
does not have (rule and document) — what reading the forms adds.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from casecheck import check_case
from casecheck.model import Finding, Report
from tests.benchmarks.casefile_eval import (
    CASEFILES,
    GOLD,
    SERIOUS,
    Gold,
    Place,
    load_gold,
    matches,
)
from tests.word_forms import Style, write_case

CASES = {
    "shuili-water": Style(checkbox="symbol"),
    "gongan-assault": Style(checkbox="control", party_group=False, record_in_table=True),
    "chengguan-building": Style(checkbox="unicode", signoff_box=True),
    "renshe-contract": Style(checkbox="symbol"),
}
# The elements compared: what a reviewer reads off a form.
KINDS = (
    "party_name",
    "party_address",
    "legal_representative",
    "party_credit_code",
    "party_id_number",
    "case_cause",
    "doc_number",
    "fine_amount",
    "officer",
    "filing_date",
    "inspection_date",
    "notice_date",
    "decision_date",
    "service_date",
)


@dataclass
class Side:
    report: Report
    found: int
    serious: set[tuple[str, str]]


@dataclass
class Comparison:
    case: str
    gold: Gold
    text: Side
    word: Side
    retyped: list[str]
    lost: Counter[tuple[str, str, str]]
    gained: Counter[tuple[str, str, str]]

    @property
    def extra(self) -> set[tuple[str, str]]:
        return self.word.serious - self.text.serious


def _stem(report: Report, doc_id: str | None) -> str:
    doc = next((d for d in report.documents if d.id == doc_id), None)
    return Path(doc.path).stem if doc else "整个案卷"


def _side(report: Report, gold: Gold) -> Side:
    found = sum(any(matches(f, report, p) for f in report.findings) for p in gold.defects)
    serious = {
        (f.rule_id, _stem(report, f.document)) for f in report.findings if f.severity in SERIOUS
    }
    return Side(report, found, serious)


def _elements(report: Report) -> Counter[tuple[str, str, str]]:
    return Counter(
        (_stem(report, e.document), e.kind, str(e.normalized or e.value))
        for e in report.elements
        if e.kind in KINDS
    )


def as_word(gold: Gold) -> Gold:
    """The gold places in the Word versions of the documents (一.txt → 一.docx)."""

    def place(p: Place) -> Place:
        return Place(str(Path(p.document).with_suffix(".docx")), p.quote)

    defects = [replace(d, places=tuple(map(place, d.places))) for d in gold.defects]
    return replace(gold, defects=defects)


def compare(case: str, style: Style, folder: Path) -> Comparison:
    gold = load_gold(GOLD / f"{case}.yaml")
    text = check_case(CASEFILES / case)
    word = check_case(write_case(CASEFILES / case, folder, style))
    types = {Path(d.path).stem: d.doc_type for d in text.documents}
    retyped = [
        f"{Path(d.path).stem}: {types.get(Path(d.path).stem)} → {d.doc_type}"
        for d in word.documents
        if types.get(Path(d.path).stem) != d.doc_type
    ]
    a, b = _elements(text), _elements(word)
    sides = _side(text, gold), _side(word, as_word(gold))
    return Comparison(case, gold, *sides, retyped, a - b, b - a)


def compare_all(every: bool = False) -> list[Comparison]:
    """The four cases in their departments' styles, or every case (the default style)."""
    cases = {p.stem: CASES.get(p.stem, Style()) for p in sorted(GOLD.glob("*.yaml"))}
    with tempfile.TemporaryDirectory() as tmp:
        return [
            compare(case, style, Path(tmp)) for case, style in (cases if every else CASES).items()
        ]


def _finding(report: Report, f: Finding) -> str:
    return f"{f.severity} {f.rule_id} {_stem(report, f.document)}: {f.message[:80]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list lost elements and findings")
    parser.add_argument("--all", action="store_true", help="every case of tests/casefiles")
    args = parser.parse_args()
    console = Console(width=170)
    results = compare_all(args.all)
    table = Table(title="Word 表单版案卷 vs 文本版")
    for column in ("案卷", "类型不同", "要素缺失/多出", "命中 文本→Word", "Word 多出的重大/否决"):
        table.add_column(column)
    for c in results:
        planted = len(c.gold.defects)
        table.add_row(
            c.case,
            str(len(c.retyped)),
            f"{sum(c.lost.values())}/{sum(c.gained.values())}",
            f"{c.text.found}/{planted} → {c.word.found}/{planted}",
            "\n".join(f"{rule} {doc}" for rule, doc in sorted(c.extra)) or "0",
        )
    console.print(table)
    if args.verbose:
        for c in results:
            console.print(f"[bold]{c.case}[/bold]")
            for line in c.retyped:
                console.print(f"  类型 {line}")
            for (doc, kind, value), n in sorted(c.lost.items()):
                console.print(f"  缺 {doc} {kind} {value} ×{n}")
            for (doc, kind, value), n in sorted(c.gained.items()):
                console.print(f"  多 {doc} {kind} {value} ×{n}")
            for f in c.word.report.findings:
                if (f.rule_id, _stem(c.word.report, f.document)) in c.extra:
                    console.print(f"  {_finding(c.word.report, f)}")
    extra = sum(len(c.extra) for c in results)
    console.print(f"Word 版多出的重大/否决发现：{extra}")


if __name__ == "__main__":
    main()
