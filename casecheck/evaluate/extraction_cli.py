"""The `casecheck eval-extract GOLD` command: score extraction against a gold file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from rich.console import Console
from rich.table import Table

from casecheck.labels import ELEMENT_LABELS

if TYPE_CHECKING:
    from casecheck.evaluate.extraction import Evaluation, KindScore

_PROBLEMS = {"missed": "漏抽", "extra": "多抽", "role": "作用不符"}


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "eval-extract",
        help="用金标准文件评估要素和法律条款的抽取准确率",
        description="对金标准文件中的文书运行要素抽取和法律条款识别，按要素输出精确率、召回率和F1。",
    )
    parser.add_argument("gold", type=Path, help="金标准文件（YAML），如 tests/gold/elements.yaml")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    parser.add_argument("--errors", action="store_true", help="列出每一处漏抽、多抽和作用不符")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        from casecheck.evaluate.extraction import evaluate  # loads the extractors: only when run

        result = evaluate(args.gold)
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        print(f"无法读取金标准文件 {args.gold}：{exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print(result, Console(), args.errors)
    return 0


def _row(table: Table, label: str, s: KindScore) -> None:
    table.add_row(
        label,
        str(s.tp),
        str(s.fp),
        str(s.fn),
        f"{s.precision:.2f}",
        f"{s.recall:.2f}",
        f"{s.f1:.2f}",
    )


def _print(result: Evaluation, console: Console, errors: bool) -> None:
    table = Table(title=f"抽取评估（{result.documents} 份文书）")
    for header in ("要素", "TP", "FP", "FN", "精确率", "召回率", "F1"):
        table.add_column(header, justify="left" if header == "要素" else "right")
    for s in result.scores:
        _row(table, f"{ELEMENT_LABELS.get(s.kind, s.kind)}（{s.kind}）", s)
    _row(table, "合计", result.total)
    c = result.citations
    _row(table, "法律条款（法名+条）", c.article)
    _row(table, "法律条款（含款、项）", c.provision)
    console.print(table)
    console.print(
        f"条款作用正确率：{c.roles_correct}/{c.roles_checked} = {c.role_accuracy:.2f}"
        f"（{c.documents} 份文书标注了条款）"
    )
    if result.missing:
        console.print(f"[yellow]未找到的文书（已跳过）：{len(result.missing)} 份[/yellow]")
    if errors:
        for e in result.errors:
            kind = ELEMENT_LABELS.get(e.kind, "法律条款" if e.kind == "citation" else e.kind)
            console.print(f"{e.document}　{kind}　{_PROBLEMS[e.problem]}：{e.value}", markup=False)
