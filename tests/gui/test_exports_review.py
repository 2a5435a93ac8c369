"""Exports from the app through the public API, a reviewer's decisions stored as the CLI's
review state, and the 整改复查 view."""

from __future__ import annotations

import copy
import json
import zipfile

import pytest
from openpyxl import load_workbook

import ui.workers
from casecheck.review import load_review, review_path


def test_word_and_excel_exports_leave_out_rejected_findings(window, report, tmp_path):
    window.load_report(report)
    assert window.review_finding("F001", "rejected", "告知书已重新送达")
    docx, xlsx = tmp_path / "报告.docx", tmp_path / "评查表.xlsx"
    assert window.export("docx", docx) and window.export("xlsx", xlsx)
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "行政处罚案卷评查报告" in body
    assert "听证申请期限告知错误" in body
    assert "处罚重于告知内容" not in body  # rejected: not in the scored report
    cells = " ".join(
        str(c.value) for sheet in load_workbook(xlsx) for row in sheet.iter_rows() for c in row
    )
    assert "听证申请期限告知错误" in cells and "处罚重于告知内容" not in cells
    assert window.status_label.text() == f"已导出：{xlsx}"


def test_an_export_that_cannot_be_written_says_so(window, report, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window.load_report(report)
    (tmp_path / "占用").write_text("")
    assert not window.export("docx", tmp_path / "占用" / "报告.docx")
    assert shown and shown[0].startswith("无法写入：")


def test_a_decision_saves_the_report_in_the_data_dir_and_the_review_beside_it(
    window, report, user_data_dir
):
    window.load_report(report)
    assert window.review_finding("F002", "accepted")
    assert window.review_finding("F005", "noted", "签收页在卷宗第12页")
    saved = window.review.json_path
    assert saved.parent.is_relative_to(user_data_dir)
    assert json.loads(saved.read_text(encoding="utf-8"))["case"]["path"] == report.case_path
    state = load_review(saved)
    assert {d.finding_id: (d.status, d.note) for d in state.decisions} == {
        "F002": ("accepted", ""),
        "F005": ("noted", "签收页在卷宗第12页"),
    }
    rows = {
        window.findings.tree.topLevelItem(r).data(0, 256): window.findings.tree.topLevelItem(r)
        for r in range(window.findings.tree.topLevelItemCount())
    }
    assert rows["F002"].text(3) == "确认"
    assert rows["F005"].text(3) == "备注：签收页在卷宗第12页"
    window.findings.select_finding("F005")
    assert "签收页在卷宗第12页" in window.findings.details.toPlainText()
    assert window.status_label.text() == f"复核记录已保存：{review_path(saved)}"


def test_saving_the_json_moves_the_review_beside_it(window, report, tmp_path):
    window.load_report(report)
    window.review_finding("F001", "rejected", "误报")
    target = tmp_path / "out" / "青禾案.json"
    assert window.export_json(target)
    assert load_review(target).rejected() == {"F001"}


def test_review_buttons_follow_the_selection(qtbot, window, report, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a: ("不成立", True))
    window.load_report(report)
    buttons = window.findings.review_buttons
    assert all(b.isEnabled() for b in buttons.values())  # the first finding is selected
    buttons["rejected"].click()
    assert window.review.labels() == {"F001": "驳回：不成立"}
    window.findings.clear_selection()
    assert not any(b.isEnabled() for b in buttons.values())


def test_decisions_carry_over_when_the_case_is_checked_again(
    qtbot, window, report, tmp_path, monkeypatch
):
    case = tmp_path / "青禾案"  # the data dir is not inside it
    case.mkdir()
    report.case_path = str(case)
    again = copy.deepcopy(report)
    monkeypatch.setattr(ui.workers, "check_path", lambda path, settings, progress=None: again)
    window.load_report(report)
    assert window.review_finding("F002", "rejected", "期限已改正")
    window.open_path(str(case))
    qtbot.waitUntil(lambda: window.report is again)
    assert window.review.labels() == {"F002": "驳回：期限已改正"}


def test_corrected_case_shows_fixed_remaining_and_new(qtbot, window, report, tmp_path, monkeypatch):
    from casecheck.model import Finding

    corrected = copy.deepcopy(report)
    corrected.findings = [f for f in corrected.findings if f.id not in ("F001", "F002")]
    corrected.findings.append(
        Finding(rule_id="SERV-009", defect_class="service.defective", title="送达方式未写明",
                severity="minor", message="送达回证未写明送达方式", id="F008")
    )  # fmt: skip
    monkeypatch.setattr(ui.workers, "check_path", lambda path, settings, progress=None: corrected)
    window.load_report(report)
    window.review_finding("F005", "accepted")
    (tmp_path / "整改后").mkdir()
    window.check_corrected(str(tmp_path / "整改后"))
    qtbot.waitUntil(lambda: window.report is corrected)
    dialog = window.tracking_dialog
    assert dialog is not None and dialog.isVisible()
    fixed = dialog.lines("已整改")
    assert any("处罚重于告知内容" in line for line in fixed) and len(fixed) == 2
    assert len(dialog.lines("仍存在")) == len(report.findings) - 2
    assert dialog.lines("新发现") == ["[一般] 送达方式未写明：送达回证未写明送达方式"]
    assert window.review.labels() == {"F005": "确认"}  # the decision followed its finding


@pytest.mark.slow
def test_commented_copies_of_a_real_case(qtbot, window, tmp_path):
    samples = pytest.importorskip("casecheck.samples")
    case = samples.generate_case(tmp_path / "案卷", defects=("old_hearing_period",), seed=5)
    window.open_path(str(case.path))
    qtbot.waitUntil(lambda: not window.is_checking(), timeout=180_000)
    assert window.report is not None, window.status_label.text()
    written = window.export_commented(tmp_path / "批注")
    assert written and all(p.suffix == ".docx" and p.is_file() for p in written)
    with zipfile.ZipFile(written[0]) as archive:
        assert "word/comments.xml" in archive.namelist()
