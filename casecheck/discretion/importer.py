"""Read the benchmark tables departments publish (.xlsx, .docx) or a benchmark in our YAML form,
with a small column mapping (checklists/discretion/columns.yaml, or the user's `--columns`).

A table is a header row and one row per circumstance level; rows of the same violation and
articles make one entry. Merged cells are read as their value repeated (Excel) or, where a
row leaves the violation or the articles blank, as the row above's. A row that cannot be read
becomes a problem line in Chinese; the rest is imported."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casecheck.discretion.model import GRADES, Benchmark, Level
from casecheck.discretion.store import benchmark_from, grade_of, split_articles
from casecheck.laws.penalties import parse_fine_ranges, penalty_types
from casecheck.resources import load_yaml

COLUMNS = ("violation", "violated", "basis", "level", "facts", "penalty")
REQUIRED = ("basis", "level", "penalty")
COLUMN_NAMES = {
    "violation": "违法行为",
    "violated": "违法依据",
    "basis": "处罚依据",
    "level": "裁量阶次",
    "facts": "适用情形",
    "penalty": "处罚标准",
}
_MAX_FACT = 60
_FACT_SPLIT = re.compile(r"[；;。\n]|(?<=[^0-9])[、，,](?=\s*\d+[.、])")
_NUMBERING = re.compile(r"^\s*(?:[（(]?\d{1,2}[)）.、．]|[一二三四五六七八九十]{1,2}[、.．])\s*")


@dataclass
class Mapping:
    columns: dict[str, list[str]]
    grades: dict[str, str]


@dataclass
class ImportResult:
    benchmark: Benchmark | None = None
    rows: int = 0
    problems: list[str] = field(default_factory=list)


def load_mapping(path: Path | None = None) -> Mapping:
    """The shipped column mapping, with the keys of the user's file (if given) replacing it."""
    data: dict[str, Any] = {
        "columns": dict(load_yaml("discretion", "columns.yaml")["columns"]),
        "grades": dict(load_yaml("discretion", "columns.yaml")["grades"]),
    }
    if path is not None:
        own = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(own, dict):
            raise ValueError(f"列映射文件 {path} 应为含 columns、grades 的映射")
        for key in ("columns", "grades"):
            if isinstance(own.get(key), dict):
                data[key].update({str(k): v for k, v in own[key].items()})
    columns = {
        key: [str(n) for n in ([names] if isinstance(names, str) else names)]
        for key, names in data["columns"].items()
        if key in COLUMNS
    }
    bad = [g for g in data["grades"].values() if g not in GRADES]
    if bad:
        raise ValueError(f"列映射中的阶次“{'、'.join(bad)}”不是{'、'.join(GRADES)}之一")
    return Mapping(columns, {str(k): str(v) for k, v in data["grades"].items()})


def _clean(value: Any) -> str:
    return "" if value is None else re.sub(r"[ \t\u3000]+", "", str(value)).strip()


def read_xlsx(path: Path) -> list[list[str]]:
    """Every sheet's rows, merged cells filled with their value."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=False, data_only=True)
    rows: list[list[str]] = []
    for sheet in book.worksheets:
        grid = [[_clean(c.value) for c in row] for row in sheet.iter_rows()]
        for merged in sheet.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    grid[r][c] = value
        rows.extend(grid)
    return rows


def read_docx(path: Path) -> list[list[str]]:
    """Every table's rows (a cell merged across columns or rows is repeated by python-docx, or
    left blank and filled from the row above later)."""
    from docx import Document

    rows: list[list[str]] = []
    for table in Document(str(path)).tables:
        for row in table.rows:
            rows.append([_clean(cell.text) for cell in row.cells])
    return rows


def _header(rows: list[list[str]], mapping: Mapping) -> tuple[int, dict[str, int]] | None:
    """The header row's index and the column of each mapped key (a cell matches the longest
    name it contains; each column is used once)."""
    for n, row in enumerate(rows):
        found: dict[str, int] = {}
        for col, cell in enumerate(row):
            if not cell or len(cell) > 20:
                continue
            best = max(
                (
                    (len(name), key)
                    for key, names in mapping.columns.items()
                    for name in names
                    if name in cell and key not in found
                ),
                default=None,
            )
            if best:
                found[best[1]] = col
        if len(found) >= 2:
            return n, found
    return None


def _facts(text: str) -> tuple[str, ...]:
    parts = (_NUMBERING.sub("", p).strip(" ，,：:") for p in _FACT_SPLIT.split(text))
    return tuple(p[:_MAX_FACT] for p in parts if p)


def table_benchmark(rows: list[list[str]], mapping: Mapping, head: dict[str, Any]) -> ImportResult:
    """A benchmark (with `head`: name, department, regions, from …) from a table's rows."""
    result = ImportResult()
    header = _header(rows, mapping)
    if header is None:
        names = "、".join(COLUMN_NAMES[k] for k in REQUIRED)
        result.problems.append(f"未找到表头行（应含{names}等列；列名可用 --columns 映射）")
        return result
    start, cols = header
    missing = [COLUMN_NAMES[k] for k in REQUIRED if k not in cols]
    if missing:
        result.problems.append(f"表头缺少列：{'、'.join(missing)}（列名可用 --columns 映射）")
        return result
    entries: dict[tuple[str, str, str], list[Level]] = {}
    above: dict[str, str] = {}
    for n, row in enumerate(rows[start + 1 :], start + 2):
        cell = {k: (row[c] if c < len(row) else "") for k, c in cols.items()}
        if not any(cell.values()) or cell == {k: rows[start][c] for k, c in cols.items()}:
            continue  # a blank row, or the header repeated on a new page
        for key in ("violation", "violated", "basis"):
            if key in cell and not cell[key]:
                cell[key] = above.get(key, "")
        above.update({k: v for k, v in cell.items() if k in ("violation", "violated", "basis")})
        result.rows += 1
        try:
            key, level = _row(cell, mapping)
        except ValueError as exc:
            result.problems.append(f"第{n}行：{exc}")
            continue
        entries.setdefault(key, []).append(level)
    benchmark = _assemble(head, entries, result)
    result.benchmark = benchmark
    return result


def _row(cell: dict[str, str], mapping: Mapping) -> tuple[tuple[str, str, str], Level]:
    violated, basis = split_articles(cell.get("basis", ""))
    if cell.get("violated"):
        violated = cell["violated"]
    if not basis:
        raise ValueError(f"处罚依据“{cell.get('basis', '')[:40]}”中没有可识别的条款")
    name = cell.get("level", "")
    grade = grade_of(name, mapping.grades) if name else None
    if grade is None:
        raise ValueError(f"裁量阶次“{name[:20]}”无法识别（可在列映射的 grades 中添加）")
    penalty = cell.get("penalty", "")
    ranges, problems = parse_fine_ranges(penalty)
    types = penalty_types(penalty)
    if problems or not (ranges or types):
        why = "；".join(problems) or "没有可识别的处罚种类或罚款幅度"
        raise ValueError(f"处罚标准“{penalty[:40]}”无法识别：{why}")
    level = Level(
        name=name[:20],
        grade=grade,
        facts=_facts(cell.get("facts", "")),
        penalty=penalty,
        ranges=tuple(ranges),
        types=types,
    )
    return (cell.get("violation", ""), violated, basis), level


def _assemble(
    head: dict[str, Any], entries: dict[tuple[str, str, str], list[Level]], result: ImportResult
) -> Benchmark | None:
    if not entries:
        result.problems.append("没有可导入的行")
        return None
    raw = {
        **head,
        "entries": [
            {
                "id": f"{n}",
                "title": title or basis,
                "violated": violated,
                "basis": basis,
                "levels": [
                    # read from the published table itself
                    {
                        "name": lv.name,
                        "grade": lv.grade,
                        "facts": list(lv.facts),
                        "penalty": lv.penalty,
                        "verified": True,
                    }
                    for lv in levels
                ],
            }
            for n, ((title, violated, basis), levels) in enumerate(entries.items(), 1)
        ],
    }
    try:
        return benchmark_from(raw, "导入")
    except ValueError as exc:
        result.problems.append(str(exc))
        return None


def import_file(path: Path, head: dict[str, Any], mapping: Mapping) -> ImportResult:
    """A benchmark from a .xlsx, .docx or .yaml file; `head` (name, department, regions,
    from, to, source …) fills or overrides what the file says."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(raw, dict):
                raw = {**raw, **{k: v for k, v in head.items() if v}}
            return ImportResult(benchmark_from(raw, "导入"), len((raw or {}).get("entries") or []))
        if suffix == ".xlsx":
            rows = read_xlsx(path)
        elif suffix == ".docx":
            rows = read_docx(path)
        else:
            kinds = "可导入 .xlsx、.docx、.yaml"
            return ImportResult(problems=[f"不支持的文件类型 {suffix}（{kinds}）"])
    except (OSError, ValueError, KeyError, yaml.YAMLError, TypeError) as exc:
        return ImportResult(problems=[f"无法读取 {path.name}：{exc}"])
    except Exception as exc:  # a damaged Office file raises what its reader raises
        return ImportResult(problems=[f"无法读取 {path.name}（{type(exc).__name__}）"])
    return table_benchmark(rows, mapping, head)
