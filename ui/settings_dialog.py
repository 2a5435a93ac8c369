"""检查设置: the department, region and 评查标准 a case is checked against (CheckOptions),
OCR on or off, which rules are switched on, and the thresholds with their sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casecheck.labels import PARAM_LABELS, SEVERITY_LABELS
from ui.style import fit_to_screen

AUTO = "自动识别"
NATIONAL = "全国标准"
UNVERIFIED = "未核实"
UNVERIFIED_TINT = "#fff3e0"
DEFAULT_STANDARD = "默认标准"
RULE_COLUMNS = ["启用", "编号", "名称", "严重程度"]
PARAM_COLUMNS = ["参数", "数值", "部门", "地区", "有效期", "核实", "来源"]
RULES_NOTE = "关闭的规则不再检查，并在报告的“未能检查”中列出。"


@dataclass(frozen=True)
class CheckSettings:
    """Empty strings mean: detect the department from the authority; national parameters;
    the default 评查标准. `disabled_rules` are rule ids the engine skips (and lists as not
    checked); `ocr` recognises scanned pages."""

    department: str = ""
    region: str = ""
    disabled_rules: tuple[str, ...] = ()
    standard: str = ""
    ocr: bool = True

    def check_options(self):  # -> casecheck.CheckOptions; imported lazily to keep start-up fast
        from casecheck import CheckOptions

        return CheckOptions(
            self.department,
            self.region,
            standard=self.standard,
            disabled_rules=self.disabled_rules,
            ocr=self.ocr,
        )

    @classmethod
    def load(cls, settings: QSettings) -> CheckSettings:
        disabled = settings.value("disabled_rules", [])
        disabled = [disabled] if isinstance(disabled, str) else list(disabled or [])
        return cls(
            str(settings.value("department", "")),
            str(settings.value("region", "")),
            tuple(sorted(r for r in disabled if r)),
            str(settings.value("standard", "")),
            str(settings.value("ocr", "true")).lower() != "false",
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue("department", self.department)
        settings.setValue("region", self.region)
        settings.setValue("disabled_rules", list(self.disabled_rules))
        settings.setValue("standard", self.standard)
        settings.setValue("ocr", "true" if self.ocr else "false")

    def describe(self) -> str:
        ocr = "" if self.ocr else "；不识别扫描件"
        return f"执法部门：{self.department or AUTO}；地区：{self.region or NATIONAL}{ocr}"

    def same_check(self, other: CheckSettings) -> bool:
        """Whether a case checked under `other` would come out the same under these."""
        return self.check_options() == other.check_options()


@cache
def standard_titles() -> dict[str, str]:
    """Each shipped 评查标准's name → the title users read."""
    from casecheck import StandardError, available_standards, load_standard

    titles = {}
    for name in available_standards():
        try:
            titles[name] = load_standard(name).title or name
        except StandardError:
            continue  # a malformed standard is not offered
    return titles


def known_choices() -> tuple[list[str], list[str]]:
    """Departments and regions that the shipped parameters distinguish."""
    from casecheck import known_departments, list_parameters

    regions = sorted({p.region for p in list_parameters() if p.region})
    return list(known_departments()), regions


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _value_text(value: object) -> str:
    """A parameter's value as users read it (是/否 for switches)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"{start.isoformat()} 至 {end.isoformat()}"
    if start:
        return f"{start.isoformat()} 起"
    return f"至 {end.isoformat()}" if end else "长期"


class SettingsDialog(QDialog):
    def __init__(self, current: CheckSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("检查设置")
        fit_to_screen(self, 900, 560)
        departments, regions = known_choices()
        self.department = QComboBox()
        self.department.addItems([AUTO, *departments])
        self.department.setCurrentText(current.department or AUTO)
        self.region = QComboBox()
        self.region.setEditable(True)  # a region the parameters do not list yet is allowed
        self.region.addItems([NATIONAL, *regions])
        self.region.setCurrentText(current.region or NATIONAL)
        self.standard = QComboBox()
        self.standard.addItem(DEFAULT_STANDARD, "")
        for name, title in standard_titles().items():
            self.standard.addItem(title, name)
        self.standard.setCurrentIndex(max(0, self.standard.findData(current.standard)))
        self.ocr = QCheckBox("识别扫描件中的文字（OCR，较慢）")
        self.ocr.setChecked(current.ocr)
        note = QLabel("听证标准等数额因部门和地区而异；自动识别按决定机关名称判断执法部门。")
        note.setWordWrap(True)
        general = QWidget()
        form = QFormLayout(general)
        form.addRow("执法部门", self.department)
        form.addRow("地区", self.region)
        form.addRow("评查标准", self.standard)
        form.addRow("扫描件", self.ocr)
        form.addRow(note)

        self.rules = self._rules_table(set(current.disabled_rules))
        rules_page = QWidget()
        rules_layout = QVBoxLayout(rules_page)
        rules_note = QLabel(RULES_NOTE)
        rules_note.setWordWrap(True)
        rules_layout.addWidget(rules_note)
        rules_layout.addWidget(self.rules)

        self.params = self._params_table()
        params_page = QWidget()
        params_layout = QVBoxLayout(params_page)
        params_note = QLabel(
            f"阈值和期限随本工具提供，来源见各行；标为“{UNVERIFIED}”的数值未能与原文核对，请谨慎采用。"
        )
        params_note.setWordWrap(True)
        params_layout.addWidget(params_note)
        params_layout.addWidget(self.params)

        self.tabs = QTabWidget()
        self.tabs.addTab(general, "部门、地区和标准")
        self.tabs.addTab(rules_page, "规则")
        self.tabs.addTab(params_page, "阈值")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    @staticmethod
    def _rules_table(disabled: set[str]) -> QTableWidget:
        from casecheck import list_rules

        rules = list_rules()
        table = _table(RULE_COLUMNS)
        table.setRowCount(len(rules))
        for row, rule in enumerate(rules):
            switch = QTableWidgetItem()
            switch.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            on = rule.id not in disabled
            switch.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            switch.setData(Qt.ItemDataRole.UserRole, rule.id)
            table.setItem(row, 0, switch)
            table.setItem(row, 1, _item(rule.id))
            table.setItem(row, 2, _item(rule.title))
            table.setItem(row, 3, _item(SEVERITY_LABELS.get(rule.severity, rule.severity)))
        return table

    @staticmethod
    def _params_table() -> QTableWidget:
        from casecheck import list_parameters

        entries = list_parameters()
        table = _table(PARAM_COLUMNS)
        table.setRowCount(len(entries))
        for row, p in enumerate(entries):
            cells = [PARAM_LABELS.get(p.key, p.key), _value_text(p.value),
                     p.department or "各部门", p.region or "全国",
                     _period(p.valid_from, p.valid_to), "" if p.verified else UNVERIFIED,
                     p.source]  # fmt: skip
            for column, text in enumerate(cells):
                item = _item(text)
                item.setToolTip(p.source)
                if not p.verified:
                    item.setBackground(QBrush(QColor(UNVERIFIED_TINT)))
                table.setItem(row, column, item)
        return table

    def disabled_rules(self) -> tuple[str, ...]:
        return tuple(
            sorted(
                self.rules.item(row, 0).data(Qt.ItemDataRole.UserRole)
                for row in range(self.rules.rowCount())
                if self.rules.item(row, 0).checkState() != Qt.CheckState.Checked
            )
        )

    def chosen(self) -> CheckSettings:
        department = self.department.currentText()
        region = self.region.currentText().strip()
        return CheckSettings(
            department="" if department == AUTO else department,
            region="" if region in ("", NATIONAL) else region,
            disabled_rules=self.disabled_rules(),
            standard=self.standard.currentData() or "",
            ocr=self.ocr.isChecked(),
        )
