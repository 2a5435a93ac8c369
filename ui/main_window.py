"""The main window: documents | text and overview | findings, menus, drag and drop."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.case_review import CaseReview, export_commented, export_docx, export_xlsx
from ui.desensitise_action import Desensitiser
from ui.document_list import DocumentList
from ui.document_view import DocumentView
from ui.findings_panel import FindingsPanel
from ui.input_messages import input_message, missing_path_message
from ui.overview import CaseOverview
from ui.pdf_view import PdfPane
from ui.settings_dialog import CheckSettings, SettingsDialog
from ui.style import fit_to_screen
from ui.workers import CheckWorker

if TYPE_CHECKING:
    from casecheck.model import Document, Finding, Report

APP_TITLE = "案卷自查"
FILE_FILTER = "案卷文件 (*.docx *.pdf *.ofd *.txt *.zip);;所有文件 (*)"
MAX_RECENT = 8
_POOLS: list[QThreadPool] = []  # kept until the process ends (an abandoned check may still run)
EXPORTS: dict[str, tuple[str, str, str]] = {
    "json": ("保存 JSON 报告", "评查报告.json", "JSON (*.json)"),
    "docx": ("导出评查报告", "评查报告.docx", "Word 文档 (*.docx)"),
    "xlsx": ("导出评查表", "评查表.xlsx", "Excel 工作簿 (*.xlsx)"),
}
BANNER_STYLE = "background:#fff3e0;color:#5d4037;padding:6px;border:1px solid #ffcc80;"
WELCOME = "请打开案卷：菜单“文件 → 打开文件夹…/打开文件…”，或把文件夹、文件拖放到此窗口。"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings("casecheck", "casecheck-gui")
        self.report: Report | None = None
        self.review: CaseReview | None = None
        self._tracking_base: CaseReview | None = None  # the check before a 整改复查
        self.tracking_dialog = None
        self._worker: CheckWorker | None = None
        self.trainer = None  # the 培训模式 and 批量评查 windows, made on first use
        self.desensitiser = Desensitiser(self)
        self.batch = None
        # One check is shown at a time: opening another case cancels the running one, which
        # stops at its next OCR page; a second thread lets the new check start meanwhile. The
        # pool is not the window's child: closing never waits for an abandoned check.
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(2)
        _POOLS.append(self.pool)
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        fit_to_screen(self, 1360, 820)

        self.documents = DocumentList()
        self.view = DocumentView()
        self.overview = CaseOverview()
        self.findings = FindingsPanel()
        self.pdf_pane = PdfPane()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.view, "文书")
        self.tabs.addTab(self.pdf_pane, "原件")
        self.tabs.addTab(self.overview, "案件概览")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)  # no pane can be dragged out of sight
        for widget in (self.documents, self.tabs, self.findings):
            splitter.addWidget(widget)
        splitter.setSizes([250, 700, 410])
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self.findings.splitter.setChildrenCollapsible(False)
        self._restore_layout()
        self.banner = QLabel()  # why the input cannot be checked or graded as a case file
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(2)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.documents.documentSelected.connect(self.show_document)
        self.findings.findingSelected.connect(self.show_finding)
        self.findings.locationRequested.connect(self.show_location)
        self.findings.reviewRequested.connect(self.review_finding)
        self.view.findingClicked.connect(self.findings.select_finding)
        self.overview.spanRequested.connect(self.show_span)
        self.view.cursorPositionChanged.connect(self._show_page)

        self._build_actions()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy until the engine reports OCR pages
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setText("取消")
        self.cancel_button.setToolTip("停止正在进行的检查")
        self.cancel_button.clicked.connect(self.cancel_check)
        self.cancel_button.hide()
        self.status_label = QLabel()
        self.page_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.page_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.view.show_message(WELCOME)

    # ---- menus and toolbar -------------------------------------------------------------

    def _build_actions(self) -> None:
        self.open_folder_action = QAction("打开文件夹…", self)
        self.open_folder_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_folder_action.triggered.connect(self.choose_folder)
        self.open_file_action = QAction("打开文件…", self)
        self.open_file_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_file_action.triggered.connect(self.choose_file)
        self.export_action = QAction("导出评查报告（Word）…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(lambda: self.choose_export("docx"))
        self.xlsx_action = QAction("导出评查表（Excel）…", self)
        self.xlsx_action.triggered.connect(lambda: self.choose_export("xlsx"))
        self.commented_action = QAction("导出批注副本…", self)
        self.commented_action.triggered.connect(self.choose_commented_folder)
        self.json_action = QAction("保存 JSON 报告…", self)
        self.json_action.setShortcut(QKeySequence.StandardKey.Save)
        self.json_action.triggered.connect(lambda: self.choose_export("json"))
        self.track_action = QAction("整改复查…", self)
        self.track_action.setToolTip("检查整改后的案卷，列出已整改、仍存在和新发现的问题")
        self.track_action.triggered.connect(self.choose_corrected_case)
        self.report_actions = (
            self.export_action,
            self.xlsx_action,
            self.commented_action,
            self.json_action,
            self.track_action,
        )
        for action in self.report_actions:
            action.setEnabled(False)
        self.recheck_action = QAction("重新检查", self)
        self.recheck_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.recheck_action.setEnabled(False)
        self.recheck_action.triggered.connect(self.recheck)
        settings_action = QAction("检查设置…", self)
        settings_action.triggered.connect(self.edit_settings)
        quit_action = QAction("退出", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        menu = self.menuBar().addMenu("文件")
        menu.addAction(self.open_folder_action)
        menu.addAction(self.open_file_action)
        batch_action = QAction("批量评查…", self)
        batch_action.triggered.connect(self.open_batch)
        menu.addAction(batch_action)
        self.recent_menu = menu.addMenu("最近打开")
        menu.addSeparator()
        for action in (self.json_action, self.export_action, self.xlsx_action):
            menu.addAction(action)
        menu.addAction(self.commented_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        self._rebuild_recent_menu()
        check_menu = self.menuBar().addMenu("检查")
        check_menu.addAction(self.recheck_action)
        check_menu.addAction(self.track_action)
        check_menu.addAction(settings_action)
        trainer_action = QAction("培训模式…", self)
        trainer_action.triggered.connect(self.open_trainer)
        trainer_menu = self.menuBar().addMenu("培训")
        trainer_menu.addAction(trainer_action)
        self.desensitise_action = QAction("脱敏导出（用于教学）…", self)
        self.desensitise_action.setToolTip(
            "把真实案卷中的姓名、证件号、电话、地址等替换为化名，另存一份用于培训"
        )
        self.desensitise_action.triggered.connect(self.choose_desensitise)
        trainer_menu.addAction(self.desensitise_action)

        toolbar = self.addToolBar("工具栏")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        actions = (
            self.open_folder_action,
            self.open_file_action,
            self.recheck_action,
            self.export_action,
        )
        for action in actions:
            toolbar.addAction(action)

    def recent_paths(self) -> list[str]:
        value = self.settings.value("recent", [])
        paths = [value] if isinstance(value, str) else list(value or [])
        return [p for p in paths if p]

    def _remember(self, path: str) -> None:
        paths = [path, *(p for p in self.recent_paths() if p != path)][:MAX_RECENT]
        self.settings.setValue("recent", paths)
        self._rebuild_recent_menu()

    def _forget(self, path: str) -> None:
        self.settings.setValue("recent", [p for p in self.recent_paths() if p != path])
        self._rebuild_recent_menu()

    def _show_problem(self, message: str) -> None:
        """Tell the user why nothing (new) was checked; the case shown before stays."""
        self.status_label.setText(message.splitlines()[0])
        if self.report is None:
            self.view.show_message(f"{message}\n\n{WELCOME}")
        else:
            QMessageBox.information(self, APP_TITLE, message)

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent_paths()
        for path in paths:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(paths))

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "打开案卷文件夹")
        if path:
            self.open_path(path)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "打开案卷文件", "", FILE_FILTER)
        if path:
            self.open_path(path)

    def _default_name(self, suffix: str) -> str:
        stem = Path(self.report.case_path).with_suffix("").name if self.report else "案卷"
        return f"{stem}-{suffix}"

    def choose_export(self, kind: str) -> None:
        """Ask where to write the JSON report, the Word 评查报告 or the Excel 评查表."""
        if self.report is None:
            return
        title, suffix, pattern = EXPORTS[kind]
        path, _ = QFileDialog.getSaveFileName(self, title, self._default_name(suffix), pattern)
        if path:
            self.export(kind, path)

    def export(self, kind: str, path: str | Path) -> bool:
        """Write the open case's report as `kind` (json, docx or xlsx) to `path`."""
        if self.review is None:
            return False
        path = Path(path)
        try:
            if kind == "json":
                self.review.save_as(path)
            elif kind == "docx":
                export_docx(self.review, path)
            else:
                export_xlsx(self.review, path)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            QMessageBox.warning(self, APP_TITLE, f"无法写入：{path}\n{reason}")
            return False
        self.status_label.setText(f"已导出：{path}")
        return True

    def export_json(self, path: str | Path) -> bool:
        return self.export("json", path)

    def choose_commented_folder(self) -> None:
        if self.report is None:
            return
        folder = QFileDialog.getExistingDirectory(self, "选择批注副本的保存位置（案卷文件夹以外）")
        if folder:
            self.export_commented(folder)

    def export_commented(self, folder: str | Path) -> list[Path]:
        """Copies of the case's Word documents with a comment on each finding."""
        if self.review is None:
            return []
        try:
            written = export_commented(self.review, Path(folder))
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, APP_TITLE, f"无法导出批注副本：{exc}")
            return []
        self.status_label.setText(
            f"已导出 {len(written)} 份批注副本：{folder}"
            if written
            else "没有可批注的 Word 文书（PDF 和文本文书不能批注）。"
        )
        return written

    # ---- review ------------------------------------------------------------------------

    def review_finding(self, finding_id: str, status: str, note: str | None = None) -> bool:
        """确认 / 驳回 / 备注 a finding; stored as the CLI's review state beside the report."""
        if self.review is None:
            return False
        if note is None:
            prompt = "驳回理由（可不填）：" if status == "rejected" else "备注："
            if status == "accepted":
                note = ""
            else:
                note, ok = QInputDialog.getMultiLineText(self, "复核", prompt)
                if not ok:
                    return False
        try:
            stored = self.review.decide(finding_id, status, note)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, APP_TITLE, f"无法保存复核记录：{exc}")
            return False
        self.findings.set_reviews(self.review.labels())
        self.status_label.setText(f"复核记录已保存：{stored}")
        return True

    def choose_corrected_case(self) -> None:
        if self.report is None:
            return
        path = QFileDialog.getExistingDirectory(
            self, "选择整改后的案卷文件夹", self.report.case_path
        )
        if path:
            self.check_corrected(path)

    def check_corrected(self, path: str) -> None:
        """Check the corrected case and show what was fixed, what remains, what is new."""
        if self.review is None:
            return
        self.open_path(path, tracking=self.review)

    def _restore_layout(self) -> None:
        """The splitter positions the user left last time (QSettings)."""
        for key, splitter in self._splitters().items():
            state = self.settings.value(key)
            if state is not None:
                splitter.restoreState(state)

    def save_layout(self) -> None:
        for key, splitter in self._splitters().items():
            self.settings.setValue(key, splitter.saveState())

    def _splitters(self) -> dict[str, QSplitter]:
        return {"layout/main": self.splitter, "layout/findings": self.findings.splitter}

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        # A running check is abandoned, never waited for: it stops at its next OCR page and
        # its result is dropped (only the current worker's signals are handled).
        self.cancel_check()
        super().closeEvent(event)

    def edit_settings(self) -> None:
        dialog = SettingsDialog(CheckSettings.load(self.settings), self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.apply_settings(dialog.chosen())

    def apply_settings(self, chosen: CheckSettings) -> None:
        """Store the settings and check the open case again if they change its result."""
        before = CheckSettings.load(self.settings)
        chosen.save(self.settings)
        if not chosen.same_check(before):
            self.recheck()

    def open_batch(self) -> None:
        from ui.batch_window import BatchWindow

        if self.batch is None:
            self.batch = BatchWindow(CheckSettings.load(self.settings), self)
            self.batch.openCase.connect(self.show_batch_case)
        self.batch.settings = CheckSettings.load(self.settings)
        self.batch.show()
        self.batch.raise_()

    def show_batch_case(self, case_path: str) -> None:
        self.open_path(case_path)
        self.raise_()
        self.activateWindow()

    def open_trainer(self) -> None:
        from ui.trainer import TrainerWindow

        if self.trainer is None:
            self.trainer = TrainerWindow(self)
        self.trainer.show()
        self.trainer.raise_()

    def choose_desensitise(self) -> None:
        """Desensitise the open case (or one the user picks) into a folder the user picks."""
        self.desensitiser.choose_and_run(self.report.case_path if self.report else None)

    def recheck(self) -> None:
        if self.report is not None:
            self.open_path(self.report.case_path)

    # ---- drag and drop -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_path(paths[0])

    # ---- checking ------------------------------------------------------------------------

    def open_path(self, path: str | None, tracking: CaseReview | None = None) -> None:
        """Check `path` (the bundled sample case when None) in a worker thread; with
        `tracking`, the result is compared with that earlier check (整改复查)."""
        if path is not None and not Path(path).exists():
            self._forget(path)
            self._show_problem(missing_path_message(path))
            return
        if self._worker is not None:
            self._worker.cancel()  # its result is never shown
        self._tracking_base = tracking
        worker = CheckWorker(path, CheckSettings.load(self.settings))
        worker.signals.finished.connect(lambda report: self._on_checked(worker, report))
        worker.signals.failed.connect(lambda message: self._on_failed(worker, message))
        worker.signals.progress.connect(
            lambda stage, file, done, total: self._on_progress(worker, stage, file, done, total)
        )
        self._worker = worker  # only the latest check's result is shown
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        what = f"正在检查：{path}" if path else "正在检查示例案卷…"
        self.status_label.setText(f"{what}（{worker.settings.describe()}）")
        self.pool.start(worker)

    def cancel_check(self) -> None:
        """Stop the running check; the case shown before stays."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        worker.cancel()
        self._tracking_base = None
        self._end_progress()
        self.status_label.setText("已取消检查。")

    def _end_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _on_progress(
        self, worker: CheckWorker, stage: str, file: str, done: int, total: int
    ) -> None:
        """Document k of n while reading, OCR page k of n on a scan, then a busy bar."""
        if worker is not self._worker:
            return
        name = Path(file).name or file
        if stage == "check" or total <= 0:
            self.progress.setRange(0, 0)
            self.status_label.setText(f"正在分析和检查 {total} 份文书…")
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if stage == "ocr":
            self.status_label.setText(f"正在识别扫描件 {name}：已识别 {done}/{total} 页")
        elif file:
            self.status_label.setText(f"正在读取第 {done + 1}/{total} 份文书：{name}")

    def has_running_checks(self) -> bool:
        """Whether any check, abandoned or not, still runs in a thread."""
        return any(pool.activeThreadCount() for pool in _POOLS)

    def is_checking(self) -> bool:
        return self._worker is not None

    def _on_checked(self, worker: CheckWorker, report: Report) -> None:
        if worker is not self._worker:
            return
        self._worker = None
        self._end_progress()
        base, self._tracking_base = self._tracking_base, None
        if base is None:
            self.load_report(report, CaseReview.resume(report))
        else:
            self.load_report(report, base.follow(report))
            self.show_tracking(base.report, report)
        if worker.path is not None and Path(worker.path).exists():
            self._remember(worker.path)

    def _on_failed(self, worker: CheckWorker, message: str) -> None:
        if worker is not self._worker:
            return
        self._worker = None
        self._tracking_base = None
        self._end_progress()
        self.status_label.setText(message)
        if self.report is None:
            self.view.show_message(f"{message}\n\n{WELCOME}")

    # ---- showing a report ----------------------------------------------------------------

    def show_tracking(self, old: Report, new: Report) -> None:
        from casecheck import track
        from ui.tracking_dialog import TrackingDialog

        self.tracking_dialog = TrackingDialog(track(old, new), self)
        self.tracking_dialog.show()

    def load_report(self, report: Report, review: CaseReview | None = None) -> None:
        self.report = report
        self.review = review or CaseReview(report)
        self.setWindowTitle(f"{APP_TITLE} — {Path(report.case_path).name or report.case_path}")
        self.findings.set_report(report)
        self.findings.set_reviews(self.review.labels())
        problem = input_message(report)
        self.banner.setText(problem)
        self.banner.setVisible(bool(problem))
        self.overview.set_report(report)
        self.documents.set_report(report)
        for action in self.report_actions:
            action.setEnabled(True)
        self.recheck_action.setEnabled(True)
        self.status_label.setText(
            f"检查完成：{len(report.documents)} 份文书，{len(report.findings)} 个问题，"
            f"{len(report.not_checked)} 项未能检查"
        )
        self.view.document_id = None
        self.pdf_pane.clear("选择一份 PDF 文书查看原件。")
        if report.documents:
            self.documents.setCurrentRow(0)
        else:
            self.view.show_message(problem or "案卷中没有可读取的文书。")
        if report.findings:  # open on the most serious finding, with its basis and suggestion
            self.findings.select_finding(report.findings[0].id)

    def show_document(self, doc_id: str) -> None:
        document = self._document(doc_id)
        if document is None or self.view.document_id == doc_id:
            return
        current = self.findings.current_finding()
        if current is not None and not self.findings.concerns(current, doc_id):
            self.findings.clear_selection()  # the details never describe another document
        self.view.show_document(
            document,
            [f for f in self.report.findings if f.document == doc_id],
            [e for e in self.report.elements if e.document == doc_id],
        )
        # A scan without text still has pages to show; a file that failed to read has none.
        paged = not document.errors and self.pdf_pane.show_document(self.report.case_path, document)
        self.tabs.setTabEnabled(self.tabs.indexOf(self.pdf_pane), paged)
        self._show_page()
        self._show_text_or_page()

    def _show_text_or_page(self) -> None:
        """Stay on the 原件 tab while it can show the document; otherwise show the text."""
        on_pdf = self.tabs.currentWidget() is self.pdf_pane
        if not (on_pdf and self.tabs.isTabEnabled(self.tabs.indexOf(self.pdf_pane))):
            self.tabs.setCurrentWidget(self.view)

    def _show_page(self) -> None:
        """Show which page of a paged source (PDF) the cursor is on."""
        document = self._document(self.view.document_id)
        page = None
        if document is not None and document.pages and document.readable:
            page = document.page_at(self.view.selected_span()[0])
        self.page_label.setText(f"第{page}页" if page else "")
        if page:
            self.pdf_pane.show_page(page)

    def _document(self, doc_id: str | None) -> Document | None:
        if self.report is None or doc_id is None:
            return None
        return next((d for d in self.report.documents if d.id == doc_id), None)

    def show_span(self, doc_id: str, start: int, end: int) -> None:
        self.documents.select_document(doc_id)
        self.show_document(doc_id)
        self._show_text_or_page()
        self.view.mark_span(start, end)

    def show_location(self, doc_id: str, start: int, end: int, page: int) -> None:
        """One place of a finding (a link in its details); -1 and 0 mean no span, no page.

        In a PDF the place is shown on the original page, its quote marked there."""
        if start >= 0 and end >= 0:
            self.show_span(doc_id, start, end)
        else:
            self.documents.select_document(doc_id)
            self._show_text_or_page()
        if self._show_original(doc_id):
            if page:
                self.pdf_pane.show_page(page)
            document = self._document(doc_id)
            if start >= 0 and end >= 0 and document is not None:
                self.pdf_pane.show_quote(document, start, end)

    def _show_original(self, doc_id: str) -> bool:
        """Switch to the 原件 tab when it can show document `doc_id`."""
        index = self.tabs.indexOf(self.pdf_pane)
        if self.view.document_id != doc_id or not self.tabs.isTabEnabled(index):
            return False
        self.tabs.setCurrentIndex(index)
        return True

    def show_finding(self, finding: Finding) -> None:
        if not finding.document:
            return  # a finding about the whole case file, e.g. a missing document
        start = -1 if finding.start is None or finding.end is None else finding.start
        end = -1 if start < 0 else finding.end
        self.show_location(finding.document, start, end, finding.page or 0)
