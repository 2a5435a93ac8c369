"""检查设置: department and region reach the engine's CheckOptions through the worker."""

from __future__ import annotations

import pytest

import ui.workers
from ui.settings_dialog import AUTO, NATIONAL, CheckSettings, SettingsDialog


@pytest.mark.parametrize(
    ("settings", "department", "region"),
    [
        (CheckSettings(), AUTO, NATIONAL),
        (CheckSettings("市场监管", "山东"), "市场监管", "山东"),
        (CheckSettings("税务", "某新地区"), "税务", "某新地区"),
    ],
)
def test_dialog_shows_and_returns_the_settings(qtbot, settings, department, region):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.department.currentText() == department
    assert dialog.region.currentText() == region
    assert dialog.chosen() == settings


def test_dialog_offers_the_departments_of_the_parameters(qtbot):
    dialog = SettingsDialog(CheckSettings())
    qtbot.addWidget(dialog)
    offered = [dialog.department.itemText(i) for i in range(dialog.department.count())]
    assert offered[0] == AUTO
    assert "市场监管" in offered


def test_changed_settings_recheck_the_open_case(qtbot, window, report, monkeypatch, tmp_path):
    seen = []
    report.case_path = str(tmp_path)

    def fake_check(path, settings, progress=None):
        seen.append((path, settings))
        return report

    monkeypatch.setattr(ui.workers, "check_path", fake_check)
    window.load_report(report)
    window.apply_settings(CheckSettings("市场监管", "山东"))
    qtbot.waitUntil(lambda: not window.is_checking())
    assert seen == [(report.case_path, CheckSettings("市场监管", "山东"))]
    assert CheckSettings.load(window.settings) == CheckSettings("市场监管", "山东")
    window.apply_settings(CheckSettings("市场监管", "山东"))  # unchanged: no new check
    assert not window.is_checking()
    assert len(seen) == 1


def test_rules_are_listed_and_switching_one_off_is_stored(qtbot, tmp_path):
    from PySide6.QtCore import QSettings, Qt

    from casecheck.rules.pack import shipped_and_user_rules

    rules = shipped_and_user_rules()
    dialog = SettingsDialog(CheckSettings())
    qtbot.addWidget(dialog)
    table = dialog.rules
    assert table.rowCount() == len(rules) > 20
    listed = [
        (table.item(r, 1).text(), table.item(r, 2).text(), table.item(r, 3).text())
        for r in range(table.rowCount())
    ]
    labels = {"veto": "否决", "major": "重大", "minor": "一般", "hint": "提示"}
    assert listed == [(r.id, r.title, labels[r.severity]) for r in rules]
    assert dialog.chosen().disabled_rules == ()
    row = next(r for r, rule in enumerate(rules) if rule.id == "TIME-002")
    table.item(row, 0).setCheckState(Qt.CheckState.Unchecked)
    chosen = dialog.chosen()
    assert chosen.disabled_rules == ("TIME-002",)

    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    chosen.save(store)
    assert CheckSettings.load(store).disabled_rules == ("TIME-002",)
    again = SettingsDialog(CheckSettings.load(store))
    qtbot.addWidget(again)
    assert again.rules.item(row, 0).checkState() == Qt.CheckState.Unchecked
    assert again.chosen() == chosen


def test_switching_a_rule_off_rechecks_without_it(qtbot, window, report, monkeypatch, tmp_path):
    seen = []
    report.case_path = str(tmp_path)

    def fake_check(path, settings, progress=None):
        seen.append(settings.check_options().disabled_rules)
        return report

    monkeypatch.setattr(ui.workers, "check_path", fake_check)
    window.load_report(report)
    window.apply_settings(CheckSettings(disabled_rules=("TIME-002",)))
    qtbot.waitUntil(lambda: not window.is_checking())
    assert seen == [("TIME-002",)]
    assert CheckSettings.load(window.settings).disabled_rules == ("TIME-002",)


def test_thresholds_show_their_source_and_flag_unverified_values(qtbot):
    from casecheck.labels import PARAM_LABELS
    from casecheck.rules.params import param_table

    entries = param_table()
    dialog = SettingsDialog(CheckSettings())
    qtbot.addWidget(dialog)
    table = dialog.params
    rows = [
        [table.item(r, c).text() for c in range(table.columnCount())] for r in range(len(entries))
    ]
    assert len(rows) == table.rowCount()
    flagged = [r[0] for r in rows if r[5] == "未核实"]
    assert flagged == [PARAM_LABELS[p.key] for p in entries if not p.verified] and flagged
    hearing = next(r for r in rows if r[0] == PARAM_LABELS["hearing_notice_working_days"])
    assert hearing[1] == "7" and "第六十四条" in hearing[6]
    eco = next(
        r
        for r, p in zip(rows, entries, strict=True)
        if p.department == "生态环境" and not p.verified
    )
    assert eco[2] == "生态环境" and eco[4].startswith("2023-07-01")


def test_standard_and_ocr_are_chosen_by_their_titles_and_reach_the_engine(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from casecheck.scoring import available_standards, load_standard

    dialog = SettingsDialog(CheckSettings(standard="henan", ocr=False))
    qtbot.addWidget(dialog)
    offered = [dialog.standard.itemText(i) for i in range(dialog.standard.count())]
    assert offered == ["默认标准", *(load_standard(n).title for n in available_standards())]
    assert not set(offered) & set(available_standards())  # no code names shown
    assert dialog.standard.currentText() == load_standard("henan").title
    assert not dialog.ocr.isChecked()
    chosen = dialog.chosen()
    assert chosen == CheckSettings(standard="henan", ocr=False)
    options = chosen.check_options()
    assert (options.standard, options.ocr) == ("henan", False)
    stored = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    chosen.save(stored)
    assert CheckSettings.load(stored) == chosen
    assert CheckSettings.load(QSettings(str(tmp_path / "new.ini"), QSettings.Format.IniFormat)).ocr


def test_parameters_are_named_in_chinese(qtbot):
    from casecheck.labels import PARAM_LABELS
    from casecheck.rules.params import param_table

    dialog = SettingsDialog(CheckSettings())
    qtbot.addWidget(dialog)
    names = [dialog.params.item(r, 0).text() for r in range(dialog.params.rowCount())]
    assert len(names) == len(param_table())
    assert set(names) <= set(PARAM_LABELS.values())
    values = {dialog.params.item(r, 1).text() for r in range(dialog.params.rowCount())}
    assert not values & {"True", "False"}
