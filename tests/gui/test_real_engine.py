"""The app on the real engine: a generated case with seeded defects, checked in the worker."""

from __future__ import annotations

from pathlib import Path

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


def test_reading_reports_document_k_of_n_in_order_then_checking(qtbot, window, tmp_path):
    samples = pytest.importorskip("casecheck.samples")
    case = samples.generate_case(tmp_path / "案卷", defects=SEEDED, seed=3)
    files = sorted(p for p in case.path.rglob("*") if p.is_file() and not p.name.startswith("."))
    steps, labels = [], []

    def record(stage: str, file: str, done: int, total: int) -> None:
        steps.append((stage, file, done, total))
        labels.append((window.status_label.text(), window.progress.value()))

    window.open_path(str(case.path))
    window._worker.signals.progress.connect(record)  # after the window's own handler
    qtbot.waitUntil(lambda: not window.is_checking(), timeout=180_000)
    assert window.report is not None
    reading = [s for s in steps if s[0] == "document"]
    n = len(files)
    assert [(done, total) for _stage, _file, done, total in reading] == [
        (k, n) for k in range(n + 1)
    ]
    assert sorted(case.path / f for _s, f, _d, _t in reading[:-1]) == files
    assert steps[-1][0] == "check" and steps.index(reading[-1]) < len(steps) - 1
    text, value = labels[1]
    assert text == f"正在读取第 2/{n} 份文书：{Path(reading[1][1]).name}" and value == 1


def test_cancelling_stops_the_real_engine_between_documents(qtbot, window, tmp_path):
    samples = pytest.importorskip("casecheck.samples")
    case = samples.generate_case(tmp_path / "案卷", defects=SEEDED, seed=3)
    seen = []
    window.open_path(str(case.path))
    worker = window._worker

    def cancel_at_third(stage: str, _file: str, done: int, _total: int) -> None:
        seen.append(done)
        if stage == "document" and done == 2:
            window.cancel_check()

    worker.signals.progress.connect(cancel_at_third)
    assert worker.done.wait(120)  # the worker thread ended
    qtbot.wait(100)
    assert window.report is None and not window.is_checking()
    assert window.status_label.text() == "已取消检查。"
    assert max(seen) < len(list(case.path.rglob("*.*")))  # it did not read the whole case
