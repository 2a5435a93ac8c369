"""Opening a case through the worker thread, with the engine replaced by a constructed Report."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

import ui.app
import ui.workers
from casecheck import ReadProgress
from ui.main_window import MainWindow

NAMED_CASES = ("first", "second", "案卷", "另一个案卷")


@pytest.fixture(autouse=True)
def named_cases(tmp_path, monkeypatch):
    """The case folders the tests name, relative to the test's own folder (a path that does
    not exist is never checked)."""
    monkeypatch.chdir(tmp_path)
    for name in NAMED_CASES:
        (tmp_path / name).mkdir()


def test_open_folder_checks_in_the_worker_and_loads_the_report(
    qtbot, window, report, tmp_path, monkeypatch
):
    calls = []

    def fake_check(path, settings, progress=None):
        calls.append((path, threading.current_thread() is threading.main_thread()))
        return report

    monkeypatch.setattr(ui.workers, "check_path", fake_check)
    window.open_path(str(tmp_path))
    assert window.progress.isVisible()
    qtbot.waitUntil(lambda: window.report is report)
    assert calls == [(str(tmp_path), False)]
    assert not window.progress.isVisible()
    assert window.documents.count() == len(report.documents)
    assert window.recent_paths() == [str(tmp_path)]
    assert [a.text() for a in window.recent_menu.actions()] == [str(tmp_path)]
    assert window.status_label.text() == "检查完成：5 份文书，7 个问题，1 项未能检查"


def test_a_failing_check_is_reported_in_chinese(qtbot, window, tmp_path, monkeypatch):
    def broken(path, settings, progress=None):
        raise ValueError("意外的数据")

    monkeypatch.setattr(ui.workers, "check_path", broken)
    window.open_path(str(tmp_path))
    qtbot.waitUntil(lambda: not window.is_checking())
    assert window.status_label.text() == "检查失败：ValueError: 意外的数据"
    assert window.view.toPlainText().startswith("检查失败：ValueError: 意外的数据")
    assert window.report is None
    assert window.recent_paths() == []


def test_only_the_latest_check_is_shown(qtbot, window, report, tmp_path, monkeypatch):
    release = threading.Event()
    stale = type(report)(case_path="/案卷/旧案")

    def fake_check(path, settings, progress=None):
        if path == "first":
            release.wait(10)
            return stale
        return report

    monkeypatch.setattr(ui.workers, "check_path", fake_check)
    window.open_path("first")
    window.open_path("second")
    qtbot.waitUntil(lambda: window.report is report)
    release.set()
    assert window.pool.waitForDone(10_000)
    QApplication.processEvents()  # deliver the stale worker's queued signal
    assert window.report is report
    assert window.windowTitle() == "案卷自查 — 青禾案"


def test_launch_shows_the_window_before_the_check_finishes(qtbot, report, tmp_path, monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(
        ui.workers, "check_path", lambda path, settings, progress=None: release.wait(10) and report
    )

    def make_window():
        return MainWindow(QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))

    monkeypatch.setattr(ui.app, "MainWindow", make_window)
    window = ui.app.launch(str(tmp_path))
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.report is None
    assert window.is_checking()
    release.set()
    qtbot.waitUntil(lambda: window.report is report)
    assert window.recent_paths() == [str(tmp_path)]


def test_recent_menu_reopens_a_case(qtbot, window, report, tmp_path, monkeypatch):
    monkeypatch.setattr(ui.workers, "check_path", lambda path, settings, progress=None: report)
    window.open_path(str(tmp_path))
    qtbot.waitUntil(lambda: window.report is report)
    opened = []
    monkeypatch.setattr(window, "open_path", opened.append)
    window.recent_menu.actions()[0].trigger()
    assert opened == [str(tmp_path)]


@pytest.mark.parametrize(
    ("path", "expected"),
    [(None, "无法打开示例案卷：没有示例"), ("案卷", "检查程序不完整，无法检查：没有示例")],
)
def test_a_missing_engine_part_is_reported_in_chinese(qtbot, window, monkeypatch, path, expected):
    def missing(path, settings, progress=None):
        raise ImportError("没有示例")

    monkeypatch.setattr(ui.workers, "check_path", missing)
    window.open_path(path)
    qtbot.waitUntil(lambda: not window.is_checking())
    assert window.status_label.text() == expected


def test_a_moved_recent_folder_is_not_checked_and_is_forgotten(
    qtbot, window, report, tmp_path, monkeypatch, message_boxes
):
    calls = []
    monkeypatch.setattr(
        ui.workers, "check_path", lambda path, settings, progress=None: calls.append(path)
    )
    gone = str(tmp_path / "已移走的案卷")
    window.settings.setValue("recent", [gone, str(tmp_path / "案卷")])
    window.open_path(gone)
    assert calls == [] and not window.is_checking()
    assert window.report is None  # no fake document, no finding
    assert window.view.toPlainText().startswith(f"找不到“{gone}”：文件或文件夹可能已被移动")
    assert window.recent_paths() == [str(tmp_path / "案卷")]
    window.load_report(report)
    window.open_path(gone)  # with a case open: it stays, and a message says why
    assert window.report is report
    assert message_boxes and message_boxes[-1][1].startswith("找不到")


def test_ocr_progress_shows_page_k_of_n(qtbot, window, report, monkeypatch):
    release = threading.Event()

    def scanning(path, settings, progress=None):
        progress(ReadProgress("ocr", "案卷/询问笔录.pdf", 3, 12))
        release.wait(10)
        return report

    monkeypatch.setattr(ui.workers, "check_path", scanning)
    window.open_path("案卷")
    qtbot.waitUntil(lambda: window.progress.maximum() == 12)
    assert window.progress.value() == 3
    assert window.status_label.text() == "正在识别扫描件 询问笔录.pdf：已识别 3/12 页"
    assert window.cancel_button.isVisible()
    release.set()
    qtbot.waitUntil(lambda: window.report is report)
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()


def test_opening_another_case_stops_the_running_check(qtbot, window, report, monkeypatch):
    pages = []
    stale = type(report)(case_path="/案卷/旧案")

    def fake_check(path, settings, progress=None):
        if path == "first":
            for page in range(1, 1000):  # OCR page after page until cancelled
                progress(ReadProgress("ocr", "旧案.pdf", page, 999))
                pages.append(page)
                threading.Event().wait(0.01)
            return stale
        return report

    monkeypatch.setattr(ui.workers, "check_path", fake_check)
    window.open_path("first")
    first = window._worker
    qtbot.waitUntil(lambda: len(pages) > 2)
    window.open_path("second")
    qtbot.waitUntil(lambda: window.report is report)
    assert first.done.wait(5)  # it stopped at its next page
    assert len(pages) < 999
    QApplication.processEvents()
    assert window.report is report


def test_cancel_keeps_the_case_shown_before(qtbot, window, report, monkeypatch):
    window.load_report(report)
    release = threading.Event()
    monkeypatch.setattr(
        ui.workers, "check_path", lambda path, settings, progress=None: release.wait(10) and None
    )
    window.open_path("另一个案卷")
    window.cancel_button.click()
    assert not window.is_checking()
    assert window.status_label.text() == "已取消检查。"
    release.set()
    QApplication.processEvents()
    assert window.report is report


def test_closing_during_a_check_does_not_wait_for_it(qtbot, window, report, monkeypatch):
    import time

    release, entered = threading.Event(), threading.Event()

    def slow_check(path, settings, progress=None):
        entered.set()
        return release.wait(10) and report

    monkeypatch.setattr(ui.workers, "check_path", slow_check)
    window.open_path("案卷")
    qtbot.waitUntil(entered.is_set, timeout=5000)  # the check is running, not just queued
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 1
    assert window.has_running_checks()
    release.set()
    assert window.pool.waitForDone(5000)
    QApplication.processEvents()
    assert window.report is None  # the abandoned result was never shown
