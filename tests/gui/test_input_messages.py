"""Clear Chinese messages for inputs that are not a checkable case file, on the real engine."""

from __future__ import annotations

import pytest

from casecheck.model import Document, Report, Score
from ui.input_messages import input_message


def check(qtbot, window, path) -> Report:
    window.open_path(str(path))
    qtbot.waitUntil(lambda: not window.is_checking(), timeout=120_000)
    assert window.report is not None, window.status_label.text()
    return window.report


def test_an_empty_folder_says_it_is_empty(qtbot, window, tmp_path):
    (tmp_path / "空文件夹").mkdir()
    check(qtbot, window, tmp_path / "空文件夹")
    assert window.banner.isVisible()
    assert window.banner.text().startswith("“空文件夹”中没有文件，没有可检查的文书。")
    assert "空文件夹”中没有文件" in window.view.toPlainText()
    assert window.findings.tree.topLevelItemCount() == 0  # no wall of rule ids


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("决定书.docx", "无法读取“决定书.docx”：文件已损坏，或内容不是 .docx 格式"),
        ("决定书.pdf", "无法读取“决定书.pdf”：文件已损坏，或内容不是 .pdf 格式"),
        ("决定书.wps", "不支持“决定书.wps”的格式（.wps）。"),
    ],
)
def test_a_damaged_or_wrong_file_says_what_is_wrong(qtbot, window, tmp_path, name, expected):
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 8)
    check(qtbot, window, path)
    assert window.banner.text().startswith(expected)
    assert "请提供 .docx" not in window.banner.text()
    # the engine's own reason, shown in place of the text, agrees with the banner
    shown = window.view.toPlainText()
    assert "暂不支持 .docx" not in shown and "暂不支持 .pdf" not in shown
    if name.endswith((".docx", ".pdf")):
        assert "文件已损坏，或不是真正的" in shown


def test_a_folder_that_is_not_a_case_file_says_so(qtbot, window, tmp_path):
    folder = tmp_path / "会议材料"
    folder.mkdir()
    (folder / "纪要.txt").write_text("会议纪要\n今天开会讨论了年度工作安排。\n", encoding="utf-8")
    report = check(qtbot, window, folder)
    assert report.kind == "not_penalty"
    assert window.banner.text() == report.kind_reason
    assert window.banner.text().startswith("不像行政处罚案卷")


def test_a_case_file_that_cannot_be_graded_says_why(window, report):
    report.kind = "case_file"
    report.score = Score(standard="generic", reason="决定书为扫描件且未识别文字，无法评分")
    window.load_report(report)
    assert window.banner.text() == "决定书为扫描件且未识别文字，无法评分"
    report.score = Score(standard="generic", score=90, grade="优秀")
    window.load_report(report)
    assert not window.banner.isVisible()


def test_several_unreadable_files_are_summarised():
    docs = [Document(id=f"d{n}", path=f"案/{n}.docx", errors=["坏"]) for n in range(3)]
    report = Report(case_path="案", documents=docs, kind="empty", kind_reason="没有可读取的文书")
    assert input_message(report).startswith("没有可读取的文书。所有文件都无法读取")
