"""The Excel 评查表: one sheet per case (序号 / 评查内容 / 分值 / 扣分标准 / 扣分 / 得分 /
评查意见 / 否决), and for a batch a 汇总 sheet first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from casecheck.batch_stats import CaseSummary, summarise
from casecheck.model import Report
from casecheck.scoring import Assessment, Deduction

CASE_COLUMNS = ("序号", "评查内容", "分值", "扣分标准", "扣分", "得分", "评查意见", "否决")
CASE_WIDTHS = (6, 28, 8, 40, 8, 8, 60, 8)
SUMMARY_COLUMNS = (
    "序号",
    "案卷",
    "执法机关",
    "评查标准",
    "得分",
    "等次",
    "否决",
    "分流",
    "问题数",
    "裁量阶次",
    "说明",
)
SUMMARY_WIDTHS = (6, 36, 28, 12, 8, 8, 8, 12, 8, 22, 48)
HEADER_ROW = 5  # rows 1–3 name the case and the standard, the table starts here
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_VETO_FILL = PatternFill("solid", fgColor="F8CBAD")
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_xlsx(
    cases: Iterable[tuple[Report, Assessment]],
    path: Path,
    summaries: Sequence[CaseSummary] | None = None,
    note: str = "",
) -> Path:
    """Write the 评查表 workbook: a 汇总 sheet of `summaries` (of the cases themselves when
    there is more than one and none are given), then a sheet per case, read one at a time.
    `note` is a line under the summary's title. Returns the path."""
    book = Workbook()
    first = book.active
    names: set[str] = set()
    if summaries is None:
        cases = list(cases)
        if len(cases) > 1:
            summaries = [summarise(case_label(r), Path(r.case_path), r, a) for r, a in cases]
    if summaries is not None:
        first.title = "汇总"
        names.add("汇总")
        _summary(first, summaries, note)
    for n, (report, assessment) in enumerate(cases, 1):
        sheet = book.create_sheet() if summaries is not None or n > 1 else first
        sheet.title = _sheet_name(n, report.case_path, names)
        _case_sheet(sheet, report, assessment)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def case_label(report: Report) -> str:
    return Path(report.case_path).name or report.case_path


def _sheet_name(n: int, case_path: str, taken: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique ignoring case.
    base = re.sub(r"[\[\]:*?/\\]", "_", f"{n}-{Path(case_path).name}")[:31]
    name, k = base, 1
    while name.lower() in taken:
        k += 1
        name = f"{base[:27]}~{k}"
    taken.add(name.lower())
    return name


def _header(sheet: Worksheet, columns: Sequence[str], widths: Sequence[int]) -> None:
    for col, (title, width) in enumerate(zip(columns, widths, strict=True), 1):
        cell = sheet.cell(HEADER_ROW, col, title)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)


def _case_sheet(sheet: Worksheet, report: Report, a: Assessment) -> None:
    std, score = a.standard, a.score
    sheet["A1"] = f"行政处罚案卷评查表：{case_label(report)}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = f"评查标准：{std.title}（{'已核实' if std.verified else '分值未经核实，可配置'}）"
    sheet["A3"] = (
        f"得分：{_num(score.score)} / {_num(score.total)}    等次：{_grade(score.grade)}"
        + ("    （命中否决项）" if score.vetoed else "")
        + (f"    {score.reason}" if score.reason else "")
    )
    _header(sheet, CASE_COLUMNS, CASE_WIDTHS)
    row = HEADER_ROW + 1
    for item in std.veto_items:
        hits = [d for d in a.veto if d.item is item]
        values = (item.id, item.content, "否决项", "命中即不合格", "", "", _opinions(hits))
        _row(sheet, row, (*values, "是" if hits else "否"), _VETO_FILL if hits else None)
        row += 1
    for result in a.items:
        item = result.item
        values = (
            item.id,
            f"{item.stage}：{item.content}" if item.stage else item.content,
            item.points,
            item.criteria_text,
            result.lost,
            result.earned,
            _opinions(result.deductions),
            "",
        )
        _row(sheet, row, values)
        row += 1
    lost = sum(r.lost for r in a.items)
    _row(
        sheet,
        row,
        ("合计", "", std.total, "", lost, score.score, _grade(score.grade), _yes(score.vetoed)),
    )
    for cell in sheet[row]:
        cell.font = _BOLD
    if a.unlisted:
        row += 2
        sheet.cell(row, 1, "未列入本标准的问题（不扣分）").font = _BOLD
        for finding in a.unlisted:
            row += 1
            sheet.cell(row, 2, f"{finding.id} {finding.title}")
            sheet.cell(row, 7, finding.message).alignment = _WRAP


def _row(sheet: Worksheet, row: int, values: Sequence, fill: PatternFill | None = None) -> None:
    for col, value in enumerate(values, 1):
        cell = sheet.cell(row, col, value)
        cell.alignment = _WRAP
        if fill is not None:
            cell.fill = fill


def _opinions(deductions: Sequence[Deduction]) -> str:
    lines = []
    for d in deductions:
        f = d.finding
        cost = f"扣{_num(d.points)}分" if not d.item or d.item.points else ""
        if d.ranged:
            low, high = d.ranged
            cost += f"，幅度{_num(low)}–{_num(high)}分，请评查人员酌定"
        places = f"（{len(f.locations)} 处）" if len(f.locations) > 1 else ""
        lines.append(f"{f.id} {f.title}{places}：{f.message}" + (f"（{cost}）" if cost else ""))
    return "\n".join(lines)


def _summary(sheet: Worksheet, cases: Sequence[CaseSummary], note: str) -> None:
    sheet["A1"] = _summary_title(cases)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = note
    _header(sheet, SUMMARY_COLUMNS, SUMMARY_WIDTHS)
    for n, case in enumerate(cases, 1):
        values = _summary_values(n, case)
        _row(sheet, HEADER_ROW + n, values, _VETO_FILL if case.score.vetoed else None)


def write_summary_xlsx(cases: Sequence[CaseSummary], path: Path, note: str = "") -> Path:
    """The 汇总 sheet alone, streamed (openpyxl write-only): for batches too large for a sheet
    per case, in memory that does not grow with the number of cases. Returns the path."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("汇总")
    for col, width in enumerate(SUMMARY_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    title = WriteOnlyCell(sheet, _summary_title(cases))
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    sheet.append([note])
    sheet.append([])
    sheet.append([])
    sheet.append([_styled(sheet, t, _HEADER_FILL, _BOLD) for t in SUMMARY_COLUMNS])
    for n, case in enumerate(cases, 1):
        fill = _VETO_FILL if case.score.vetoed else None
        sheet.append([_styled(sheet, v, fill) for v in _summary_values(n, case)])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _styled(
    sheet: Worksheet, value: object, fill: PatternFill | None = None, font: Font | None = None
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    cell.alignment = _WRAP
    if fill is not None:
        cell.fill = fill
    if font is not None:
        cell.font = font
    return cell


def _summary_title(cases: Sequence[CaseSummary]) -> str:
    return f"行政处罚案卷评查汇总表（{len(cases)} 卷）"


def _summary_values(n: int, case: CaseSummary) -> tuple:
    return (
        n,
        Path(case.case_path).name or case.case_path,
        case.authority,
        case.score.standard,
        case.score.score,
        _grade(case.score.grade),
        _yes(case.score.vetoed),
        case.triage,
        len(case.defects),
        _level(case),
        case.score.reason,
    )


def _level(case: CaseSummary) -> str:
    """The discretion level the case states, with the benchmark's range for it."""
    if not case.level or not case.level_range:
        return case.level
    low, high = case.level_range
    return f"{case.level}（基准 {_num(low)}–{_num(high)} 元）"


def _grade(grade: str | None) -> str:
    return grade or "无法评分"


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
