"""检查设置: the department and region a case is checked against (CheckOptions)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

AUTO = "自动识别"
NATIONAL = "全国标准"


@dataclass(frozen=True)
class CheckSettings:
    """Empty strings mean: detect the department from the authority; national parameters."""

    department: str = ""
    region: str = ""

    @classmethod
    def load(cls, settings: QSettings) -> CheckSettings:
        return cls(str(settings.value("department", "")), str(settings.value("region", "")))

    def save(self, settings: QSettings) -> None:
        settings.setValue("department", self.department)
        settings.setValue("region", self.region)

    def describe(self) -> str:
        return f"执法部门：{self.department or AUTO}；地区：{self.region or NATIONAL}"


def known_choices() -> tuple[list[str], list[str]]:
    """Departments and regions that the shipped parameters distinguish."""
    from casecheck.rules.params import known_departments, param_table

    regions = sorted({p.region for p in param_table() if p.region})
    return list(known_departments()), regions


class SettingsDialog(QDialog):
    def __init__(self, current: CheckSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("检查设置")
        departments, regions = known_choices()
        self.department = QComboBox()
        self.department.addItems([AUTO, *departments])
        self.department.setCurrentText(current.department or AUTO)
        self.region = QComboBox()
        self.region.setEditable(True)  # a region the parameters do not list yet is allowed
        self.region.addItems([NATIONAL, *regions])
        self.region.setCurrentText(current.region or NATIONAL)
        note = QLabel("听证标准等数额因部门和地区而异；自动识别按决定机关名称判断执法部门。")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("执法部门", self.department)
        form.addRow("地区", self.region)
        form.addRow(note)
        form.addRow(buttons)

    def chosen(self) -> CheckSettings:
        department = self.department.currentText()
        region = self.region.currentText().strip()
        return CheckSettings(
            department="" if department == AUTO else department,
            region="" if region in ("", NATIONAL) else region,
        )
