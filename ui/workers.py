"""Checking a case off the GUI thread. The worker emits only the plain `Report` back, and the
engine's progress (document k of n, OCR page k of n, checking); a cancelled worker stops at
its next progress point and emits nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Signal

from ui.settings_dialog import CheckSettings

if TYPE_CHECKING:
    from casecheck import ReadProgress
    from casecheck.model import Report


Progress = Callable[["ReadProgress"], None]


class CheckCancelled(BaseException):
    """Raised from the progress callback of a cancelled check. A BaseException, so that the
    engine's guards against bad input (`except Exception`) let it through and the check ends."""


def check_path(
    path: str | None, settings: CheckSettings, progress: Progress | None = None
) -> Report:
    """Check `path`, or the bundled sample case when `path` is None.

    The engine is imported here, not at module level: spaCy and jieba take over a second to
    load, and the window must show before that.
    """
    from casecheck import check_case

    if path is None:
        from casecheck import sample_case_dir

        path = str(sample_case_dir())
    return check_case(path, settings.check_options(), progress=progress)


class CheckSignals(QObject):
    finished = Signal(object)  # Report
    failed = Signal(str)  # a Chinese message
    progress = Signal(str, str, int, int)  # stage, file, done, total (see ReadProgress)


class CheckWorker(QRunnable):
    """Runs `check_path` in a QThreadPool thread; create it on the GUI thread. `cancel()` from
    the GUI thread: the check stops at its next progress point and signals nothing."""

    def __init__(self, path: str | None, settings: CheckSettings) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the window keeps it until its signal has been handled
        self.path = path
        self.settings = settings
        self.signals = CheckSignals()
        self._cancelled = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _progress(self, step: ReadProgress) -> None:
        if self.cancelled:
            raise CheckCancelled
        self.signals.progress.emit(step.stage, step.file, step.done, step.total)

    def run(self) -> None:
        try:
            self._run()
        finally:
            self.done.set()

    def _run(self) -> None:
        if self.cancelled:
            return
        try:
            report = check_path(self.path, self.settings, progress=self._progress)
        except CheckCancelled:
            return
        except ImportError as exc:
            what = "无法打开示例案卷" if self.path is None else "检查程序不完整，无法检查"
            self.signals.failed.emit(f"{what}：{exc}")
        except Exception as exc:  # the engine should not raise; never let the app die if it does
            self.signals.failed.emit(f"检查失败：{type(exc).__name__}: {exc}")
        else:
            if not self.cancelled:
                self.signals.finished.emit(report)


def generate_and_check(folder: str, defects: tuple[str, ...], seed: int) -> Report:
    """Write a generated case with `defects` seeded into `folder` (new) and check it."""
    from casecheck import check_case, generate_case

    case = generate_case(Path(folder), defects=list(defects), seed=seed)
    return check_case(str(case.path))


class ExerciseWorker(QRunnable):
    """Generates and checks a training case in a QThreadPool thread; create it on the GUI
    thread. Emits the Report through `signals.finished`, a Chinese message through `failed`."""

    def __init__(self, folder: str, defects: tuple[str, ...], seed: int) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.folder = folder
        self.defects = defects
        self.seed = seed
        self.signals = CheckSignals()

    def run(self) -> None:
        try:
            report = generate_and_check(self.folder, self.defects, self.seed)
        except (ValueError, OSError) as exc:
            self.signals.failed.emit(f"无法生成练习案卷：{exc}")
        except Exception as exc:  # the engine should not raise; never let the app die if it does
            self.signals.failed.emit(f"检查失败：{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(report)
