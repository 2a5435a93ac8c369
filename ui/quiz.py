"""Grading a trainee's marks against the engine's findings (trainer mode, Qt-free).

A mark hits a finding when both lie in the same document and their spans overlap. Findings
without a span (a missing document) cannot be marked in the text; they count as misses and
say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from casecheck.model import Span

if TYPE_CHECKING:
    from casecheck.model import Finding


@dataclass(frozen=True)
class Mark:
    """A stretch of text the trainee marked as a suspected defect."""

    document: str
    start: int
    end: int
    quote: str

    @property
    def span(self) -> Span:
        return Span(self.document, self.start, self.end)


@dataclass
class QuizResult:
    hits: list[tuple[Mark, Finding]] = field(default_factory=list)
    misses: list[Finding] = field(default_factory=list)
    false_marks: list[Mark] = field(default_factory=list)

    def summary(self) -> str:
        found = len({id(f) for _, f in self.hits})
        total = found + len(self.misses)
        return (
            f"命中 {found} / {total} 个问题，漏判 {len(self.misses)} 个，"
            f"误判 {len(self.false_marks)} 处"
        )


def finding_span(finding: Finding) -> Span | None:
    if finding.document is None or finding.start is None or finding.end is None:
        return None
    return Span(finding.document, finding.start, finding.end)


def grade(marks: list[Mark], findings: list[Finding]) -> QuizResult:
    result = QuizResult()
    hit_findings: set[int] = set()
    for mark in marks:
        matched = [f for f in findings if (s := finding_span(f)) and s.overlaps(mark.span)]
        if not matched:
            result.false_marks.append(mark)
        for finding in matched:
            result.hits.append((mark, finding))
            hit_findings.add(id(finding))
    result.misses = [f for f in findings if id(f) not in hit_findings]
    return result
