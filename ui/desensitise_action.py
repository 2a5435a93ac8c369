"""培训 → 脱敏导出: a desensitised copy of a case for teaching, made off the GUI thread through
the engine's public `desensitise_case`. The copy goes into a new folder 「脱敏案卷」 inside the
folder the user picks, the mapping beside it (never inside the copy)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from casecheck import DesensitiseResult

TITLE = "脱敏导出（用于教学）"
COPY_NAME = "脱敏案卷"
ASK_CASE = "选择要脱敏的案卷文件夹"
ASK_FOLDER = "选择脱敏副本的保存位置（案卷文件夹以外）"
_POOLS: list[QThreadPool] = []  # kept until the process ends


def new_copy_folder(parent: Path) -> Path:
    """「脱敏案卷」 in `parent`, or 「脱敏案卷（2）」… when the name (or its mapping) is taken."""
    n = 1
    while True:
        name = COPY_NAME if n == 1 else f"{COPY_NAME}（{n}）"
        candidate = parent / name
        mapping = parent / f"{name}-脱敏对照表.json"
        if not candidate.exists() and not mapping.exists():
            return candidate
        n += 1


class _Signals(QObject):
    finished = Signal(object)  # DesensitiseResult
    failed = Signal(str)  # a Chinese message


class DesensitiseWorker(QRunnable):
    def __init__(self, source: str, out_dir: Path) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.source, self.out_dir = source, out_dir
        self.signals = _Signals()

    def run(self) -> None:
        from casecheck import DesensitiseError, desensitise_case

        try:
            result = desensitise_case(self.source, self.out_dir)
        except (DesensitiseError, OSError) as error:
            self.signals.failed.emit(str(error))
            return
        self.signals.finished.emit(result)


class Desensitiser(QObject):
    """Asks for the case (when none is open) and the output folder, runs the worker, and
    shows what was done. `finished`/`failed` are re-emitted for whoever waits (the tests)."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        # not the window's child: closing the window never waits for a running copy
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)
        _POOLS.append(self.pool)
        self.worker: DesensitiseWorker | None = None

    def choose_and_run(self, case_path: str | None) -> None:
        source = case_path or QFileDialog.getExistingDirectory(self.window, ASK_CASE)
        if not source:
            return
        folder = QFileDialog.getExistingDirectory(self.window, ASK_FOLDER)
        if folder:
            self.run(source, folder)

    def run(self, source: str, folder: str | Path) -> Path | None:
        """Desensitise `source` into a new folder inside `folder`; None while one is running."""
        if self.worker is not None:
            return None
        out_dir = new_copy_folder(Path(folder))
        self.worker = DesensitiseWorker(source, out_dir)
        self.worker.signals.finished.connect(self._done)
        self.worker.signals.failed.connect(self._failed)
        self.pool.start(self.worker)
        return out_dir

    def _done(self, result: DesensitiseResult) -> None:
        self.worker = None
        QMessageBox.information(self.window, TITLE, "\n".join(result.summary()))
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self.worker = None
        QMessageBox.warning(self.window, TITLE, f"未能脱敏：{message}")
        self.failed.emit(message)
