"""Acceptance of the rule packs on the synthetic case files: every defect the generator can seed
is found with its defect class at the place the generator's sidecar names, and a clean case
raises no major or veto finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck import check_case
from casecheck.model import Finding, Report
from casecheck.samples import DEFECTS, SeededDefect, generate_case


def _points_at(finding: Finding, report: Report, seeded: SeededDefect) -> bool:
    """The finding is about the seeded defect: same class, in the document the defect touches
    (any document when the defect removed one), at an overlapping quote (or at the whole
    document when either side names no text) — at any of the places the finding lists."""
    if finding.defect_class != seeded.defect_class:
        return False
    if seeded.document is None:
        return True
    paths = {d.id: d.path for d in report.documents}
    places = [(loc.document, loc.quote) for loc in finding.locations] or [
        (finding.document, finding.quote)
    ]
    return any(
        paths.get(doc or "") == seeded.document
        and (not quote or not seeded.quote or quote in seeded.quote or seeded.quote in quote)
        for doc, quote in places
    )


@pytest.mark.parametrize("seed", [0, 3])
def test_clean_case_has_no_major_or_veto_finding(tmp_path: Path, seed: int):
    report = check_case(generate_case(tmp_path / "case", seed=seed).path)
    serious = [(f.rule_id, f.quote) for f in report.findings if f.severity in ("veto", "major")]
    assert serious == []


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_seeded_defect_is_found_where_it_was_seeded(tmp_path: Path, defect: str):
    generated = generate_case(tmp_path / "case", defects=[defect], seed=1)
    report = check_case(generated.path)
    (seeded,) = generated.seeded
    found = [f for f in report.findings if _points_at(f, report, seeded)]
    assert found, [(f.rule_id, f.defect_class, f.document, f.quote) for f in report.findings]
