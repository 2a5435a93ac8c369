"""批量评查: check every case of a folder (each subfolder, .zip or document is one case) with the
engine's batch (`casecheck.batch.iter_batch`: a process pool, resume, cancel between cases) in a
worker thread; a sortable results table; export the JSON reports.

The reports are kept in the user data dir, one folder per input folder (`default_out_dir`), so
checking the same folder again only checks what changed.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casecheck.labels import SEVERITY_LABELS
from ui.settings_dialog import CheckSettings
from ui.style import fit_to_screen

if TYPE_CHECKING:
    from casecheck import CaseSummary

COLUMNS = ["案卷", "文书", *SEVERITY_LABELS.values(), "一票否决", "得分", "等次", "主要问题"]
TOP_DEFECTS = 3
REPORT_ROLE = Qt.ItemDataRole.UserRole


def result_cells(case: CaseSummary) -> list[str | int | float]:
    """One table row: counts are numbers so the columns sort by value."""
    titles = [d.split(" ", 1)[-1] for d in case.defects]  # "rule title", the worst first
    top = "；".join(list(dict.fromkeys(titles))[:TOP_DEFECTS])
    score = case.score
    return [
        case.name,
        case.documents,
        *(case.severities.get(s, 0) for s in SEVERITY_LABELS),
        "是" if score.vetoed else "否",
        score.score if score.score is not None else "",
        score.grade or "无法评分",
        top or "（未发现问题）",
    ]


class BatchSignals(QObject):
    caseDone = Signal(object)  # CaseSummary
    failed = Signal(str)  # a Chinese message
    finished = Signal(bool)  # True when cancelled


class BatchWorker(QRunnable):
    def __init__(self, folder: Path, out_dir: Path, settings: CheckSettings) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.folder = folder
        self.out_dir = out_dir
        self.settings = settings
        self.signals = BatchSignals()
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Stop after the cases being checked now (a case cannot be interrupted midway)."""
        self._stop.set()

    def run(self) -> None:
        from casecheck import StandardError, iter_batch

        options = self.settings.check_options()
        try:
            for case in iter_batch(self.folder, self.out_dir, options, None, self._stop.is_set):
                self.signals.caseDone.emit(case)
        except (StandardError, OSError) as exc:
            self.signals.failed.emit(str(exc))
        self.signals.finished.emit(self._stop.is_set())


class BatchWindow(QMainWindow):
    """Emits `openCase(case path)` when a result row is double-clicked."""

    openCase = Signal(object)

    def __init__(self, settings: CheckSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("批量评查 — 案卷自查")
        fit_to_screen(self, 1200, 700)
        self.settings = settings
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.worker: BatchWorker | None = None
        self.cases: dict[str, CaseSummary] = {}  # entry name → summary

        self.folder_label = QLabel(
            "请选择一个文件夹：其中每个子文件夹、.zip 或文书文件为一个案卷。"
        )
        self.folder_label.setWordWrap(True)
        self.choose_button = QPushButton("选择文件夹…")
        self.choose_button.clicked.connect(self.choose_folder)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.export_button = QPushButton("导出报告与评查表…")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.choose_export_folder)
        self.progress = QProgressBar()
        self.status = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.table.cellDoubleClicked.connect(self._on_double_click)

        buttons = QHBoxLayout()
        for widget in (self.choose_button, self.cancel_button, self.export_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.progress, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.folder_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择要批量评查的文件夹")
        if folder:
            self.start(Path(folder))

    def start(self, folder: Path, out_dir: Path | None = None) -> bool:
        """Check every case of `folder` into `out_dir` (by default the folder's own place in
        the user data dir); False (with a Chinese message) when there is no case."""
        from casecheck import case_entries, default_out_dir

        if self.worker is not None:
            return False
        try:
            entries = case_entries(folder)
        except OSError as exc:
            self.status.setText(f"无法读取文件夹：{folder}（{exc.strerror or exc}）")
            return False
        if not entries:
            self.status.setText(f"文件夹中没有案卷：{folder}")
            return False
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        self.table.setSortingEnabled(True)
        self.cases.clear()
        self.folder_label.setText(f"文件夹：{folder}（{len(entries)} 个案卷）")
        self.progress.setRange(0, len(entries))
        self.progress.setValue(0)
        self.status.setText(f"正在检查（{self.settings.describe()}）…")
        worker = BatchWorker(folder, out_dir or default_out_dir(folder), self.settings)
        worker.signals.caseDone.connect(self.add_result)
        worker.signals.failed.connect(self.status.setText)
        worker.signals.finished.connect(self._on_finished)
        self.worker = worker
        self.choose_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.export_button.setEnabled(False)
        self.pool.start(worker)
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("正在取消：当前案卷检查完后停止…")

    def is_running(self) -> bool:
        return self.worker is not None

    def add_result(self, case: CaseSummary) -> None:
        self.cases[case.name] = case
        self.table.setSortingEnabled(False)  # rows must not move while one is being filled
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate(result_cells(case)):
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.DisplayRole, value)
            item.setData(REPORT_ROLE, case.name)
            self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        self.progress.setValue(len(self.cases))
        self.export_button.setEnabled(True)

    def _on_finished(self, cancelled: bool) -> None:
        total = self.progress.maximum()
        done = len(self.cases)
        self.worker = None
        self.choose_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if cancelled:
            self.status.setText(f"已取消：完成 {done} / {total} 个案卷。")
        else:
            self.status.setText(f"检查完成：{done} 个案卷。双击一行在主窗口中查看。")

    def rows(self) -> list[list[str]]:
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    def _on_double_click(self, row: int, _column: int) -> None:
        name = self.table.item(row, 0).data(REPORT_ROLE)
        self.openCase.emit(self.cases[name].case_path)

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择导出报告与评查表的文件夹")
        if folder:
            self.export_json(Path(folder))

    def export_json(self, folder: Path) -> list[Path]:
        """One `<案卷名>.json` per checked case, then the batch's 评查表, Word summary and
        statistics, as `casecheck batch` writes them; the cases' own files are never touched."""
        from casecheck import write_batch_summary

        written = []
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for case in self.cases.values():
                target = folder / case.json_path.name
                shutil.copyfile(case.json_path, target)
                written.append(target)
            cases = sorted(self.cases.values(), key=lambda c: c.name)
            written += write_batch_summary(cases, folder, self.settings.standard or "generic")
        except OSError as exc:
            QMessageBox.warning(self, "批量评查", f"无法写入报告：{exc.filename}\n{exc.strerror}")
            return written
        self.status.setText(f"已导出 {len(self.cases)} 份报告和评查表、汇总报告到：{folder}")
        return written
