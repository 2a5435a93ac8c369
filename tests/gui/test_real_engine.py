"""The app on the real engine: a generated case with seeded defects, checked in the worker."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

SEEDED = ("missing_document", "old_hearing_period", "old_article_numbering")


def test_generated_case_through_the_real_engine(qtbot, window, tmp_path):
    samples = pytest.importorskip("casecheck.samples")
    case = samples.generate_case(tmp_path / "案卷", defects=SEEDED, seed=3)
    window.open_path(str(case.path))
    qtbot.waitUntil(lambda: not window.is_checking(), timeout=180_000)
    report = window.report
    assert report is not None, window.status_label.text()
    assert window.documents.count() == len(report.documents) > 0
    assert sum(window.findings.group_counts().values()) == len(report.findings) > 0
    texts = {d.id: d.text for d in report.documents}
    spanned = [f for f in report.findings if f.document and f.start is not None]
    for finding in spanned:
        window.findings.select_finding(finding.id)
        assert window.documents.current_document_id() == finding.document
        if texts[finding.document]:
            assert window.view.selected_span() == (finding.start, finding.end)
