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


def test_changed_settings_recheck_the_open_case(qtbot, window, report, monkeypatch):
    seen = []

    def fake_check(path, settings):
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
