"""批量评查: rows from constructed reports, then the real engine on a folder of generated cases
(a folder case and a .zip case), cancel, double-click into the main window, JSON export."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from casecheck.model import Report
from ui.batch_window import COLUMNS, BatchWindow, result_cells
from ui.settings_dialog import CheckSettings


@pytest.fixture
def batch(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CASECHECK_DATA_DIR", str(tmp_path / "data"))
    win = BatchWindow(CheckSettings())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _summary(name, report):
    from pathlib import Path

    from casecheck.batch_stats import summarise
    from casecheck.scoring import assess

    return summarise(name, Path(f"{name}.json"), report, assess(report))


def test_a_row_counts_findings_by_severity(report):
    cells = result_cells(_summary("青禾案", report))
    assert dict(zip(COLUMNS, cells, strict=True)) == {
        "案卷": "青禾案",
        "文书": 5,
        "否决": 1,
        "重大": 3,
        "一般": 1,
        "提示": 2,
        "一票否决": "是",
        "得分": 0,
        "等次": "不合格",
        "主要问题": "处罚重于告知内容；听证申请期限告知错误；缺少法制审核意见书",
    }


def test_a_case_without_a_grade_says_so():
    cells = result_cells(_summary("空案", Report(case_path="/x/空案", kind="empty")))
    assert cells[-4:] == ["否", "", "无法评分", "（未发现问题）"]


def test_rows_sort_by_number_not_text(batch, report):
    many = build_many(report)
    for name, rep in many:
        batch.add_result(_summary(name, rep))
    batch.table.sortItems(COLUMNS.index("重大"), Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in batch.rows()] == ["甲案", "丙案", "乙案"]  # 12 > 3 > 2 as numbers


def build_many(report):
    from tests.gui.conftest import build_report

    heavy, light = build_report(), build_report()
    heavy.findings = heavy.findings * 4  # 12 major
    light.findings = [f for f in light.findings if f.severity != "major"] + light.findings[1:3]
    return [("甲案", heavy), ("乙案", light), ("丙案", report)]


def test_an_empty_folder_gets_a_chinese_message(batch, tmp_path):
    assert not batch.start(tmp_path)
    assert batch.status.text() == f"文件夹中没有案卷：{tmp_path}"


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    from casecheck.samples import generate_case

    root = tmp_path_factory.mktemp("batch") / "待评查"
    generate_case(root / "甲案", defects=["late_service"], seed=21)
    generate_case(root / "乙案", defects=["fine_over_range", "no_seal"], seed=22, layout="zip")
    generate_case(root / "丙案", seed=23)
    for sidecar in root.glob("*.seeded.json"):
        sidecar.unlink()  # the generator's answer key is not a case
    return root


@pytest.mark.slow
def test_a_folder_of_cases_through_the_real_engine(qtbot, batch, cases, tmp_path):
    window_opened = []
    batch.openCase.connect(window_opened.append)
    assert batch.start(cases)
    qtbot.waitUntil(lambda: not batch.is_running(), timeout=300_000)
    rows = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in batch.rows()}
    assert set(rows) == {"甲案", "乙案.zip", "丙案"}
    assert batch.progress.value() == 3
    assert "决定书未在七个工作日内送达" in rows["甲案"]["主要问题"]
    assert all(row["等次"] for row in rows.values())  # every case is scored
    assert batch.status.text().startswith("检查完成：3 个案卷")

    row = next(
        r for r in range(batch.table.rowCount()) if batch.table.item(r, 0).text() == "乙案.zip"
    )
    batch.table.cellDoubleClicked.emit(row, 3)
    assert window_opened[0].endswith("乙案.zip")

    written = batch.export_json(tmp_path / "报告")
    names = ["丙案.json", "乙案.zip.json", "甲案.json", "评查表.xlsx", "评查汇总报告.docx"]
    assert sorted(p.name for p in written) == sorted([*names, "batch-summary.json"])
    data = json.loads((tmp_path / "报告" / "甲案.json").read_text(encoding="utf-8"))
    assert any(f["rule_id"] == "TIME-002" for f in data["findings"])
    assert sorted(p.name for p in cases.iterdir()) == ["丙案", "乙案.zip", "甲案"]  # untouched


@pytest.mark.slow
def test_cancel_stops_after_the_current_case(qtbot, batch, cases):
    assert batch.start(cases)
    batch.cancel()
    qtbot.waitUntil(lambda: not batch.is_running(), timeout=300_000)
    assert batch.table.rowCount() < 3
    assert batch.status.text() == f"已取消：完成 {batch.table.rowCount()} / 3 个案卷。"
    assert batch.choose_button.isEnabled()


@pytest.mark.slow
def test_double_click_opens_the_case_in_the_main_window(qtbot, window, cases):
    window.open_batch()
    assert window.batch.start(cases)
    qtbot.waitUntil(lambda: not window.batch.is_running(), timeout=300_000)
    window.batch.table.cellDoubleClicked.emit(0, 0)
    name = window.batch.table.item(0, 0).text()
    qtbot.waitUntil(
        lambda: window.report is not None and window.report.case_path.endswith(name),
        timeout=300_000,  # the case is checked again in the background; a busy machine is slow
    )
    assert window.documents.count() == len(window.report.documents) > 0
