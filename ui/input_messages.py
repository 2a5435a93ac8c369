"""What the app tells the user about an input it cannot check as a case file: a path that is
gone, an empty folder, a file that is damaged or of the wrong format, a folder that is not a
case file. Plain Chinese, saying what to do next."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casecheck.model import Document, Report

READABLE_SUFFIXES = (".docx", ".pdf", ".ofd", ".txt", ".zip")
WHAT_TO_OPEN = "请选择案卷文件夹、.zip 压缩包，或 .docx、.pdf、.ofd、.txt 文书。"


def missing_path_message(path: str) -> str:
    return f"找不到“{path}”：文件或文件夹可能已被移动、改名或删除。\n{WHAT_TO_OPEN}"


def unreadable_file_message(document: Document) -> str:
    """Why one file could not be read, by what its name promises."""
    name = Path(document.path).name or document.path
    suffix = Path(document.path).suffix.lower()
    if suffix in READABLE_SUFFIXES:
        return (
            f"无法读取“{name}”：文件已损坏，或内容不是 {suffix} 格式（扩展名与内容不符）。"
            "请用原软件重新导出或另存后再检查。"
        )
    shown = suffix or "无扩展名"
    return f"不支持“{name}”的格式（{shown}）。{WHAT_TO_OPEN}"


def input_message(report: Report) -> str:
    """The banner over a report that cannot be checked or graded as a case file; "" if none."""
    if report.kind == "empty":
        if not report.documents:
            name = Path(report.case_path).name or report.case_path
            return f"“{name}”中没有文件，没有可检查的文书。{WHAT_TO_OPEN}"
        failed = [d for d in report.documents if d.errors]
        if len(failed) == 1 and len(report.documents) == 1:
            return unreadable_file_message(failed[0])
        return f"{report.kind_reason or report.score.reason}。所有文件都无法读取，{WHAT_TO_OPEN}"
    return report.kind_reason or report.score.reason
