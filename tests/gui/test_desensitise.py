"""培训 → 脱敏导出: the menu action asks for the output folder, runs the engine's desensitise off
the GUI thread and says what it did; the case is not touched and the mapping lies beside the
copy, not in it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

CASE = Path(__file__).resolve().parents[1] / "casefiles" / "jiaotong-overload"


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_menu_action_writes_a_desensitised_copy(qtbot, window, tmp_path, monkeypatch):
    before = _digest(CASE)
    asked, shown = [], []

    def pick(parent, title, *args):
        asked.append(title)
        return str(CASE) if "要脱敏" in title else str(tmp_path)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", pick)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    action = window.desensitise_action
    assert action.text() == "脱敏导出（用于教学）…"
    assert action in window.menuBar().actions()[-1].menu().actions()  # the 培训 menu
    with qtbot.waitSignal(window.desensitiser.finished, timeout=120_000) as done:
        action.trigger()
    result = done.args[0]
    # no case open: the action asked for one, then for where to put the copy
    assert len(asked) == 2 and "保存位置" in asked[1]
    copy = tmp_path / "脱敏案卷"
    assert result.out_dir == copy and len(list(copy.iterdir())) == len(before)
    assert result.mapping_path == tmp_path / "脱敏案卷-脱敏对照表.json"
    assert result.mapping_path.exists() and not result.mapping_path.is_relative_to(copy)
    text = "".join(p.read_text(encoding="utf-8") for p in copy.glob("*.txt"))
    assert "覃志勇" not in text and "61011319911130531X" not in text
    assert shown and shown[0].startswith("已输出 11 个脱敏文件")
    assert _digest(CASE) == before
    # a second run goes to a new folder beside the first, never into it
    with qtbot.waitSignal(window.desensitiser.finished, timeout=120_000) as again:
        window.desensitiser.run(str(CASE), tmp_path)
    assert again.args[0].out_dir == tmp_path / "脱敏案卷（2）"


def test_a_copy_into_the_case_itself_is_refused(qtbot, window, tmp_path, monkeypatch):
    case = tmp_path / "案卷"
    case.mkdir()
    (case / "询问笔录.txt").write_text("询问笔录\n被询问人：覃志勇\n", encoding="utf-8")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    with qtbot.waitSignal(window.desensitiser.failed, timeout=120_000):
        window.desensitiser.run(str(case), case)
    assert warned and warned[0].startswith("未能脱敏：输出不能位于案卷文件夹内")
    assert [p.name for p in case.iterdir()] == ["询问笔录.txt"]
