"""`casecheck holidays …`: import a State Council holiday notice into the user's holiday table,
and show which years the working-day calendar covers. Wired into casecheck/cli.py."""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from casecheck import workdays
from casecheck.holidays import AnnouncementError, parse_announcement, save_arrangement
from casecheck.ingest.sniff import decode_text


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("holidays", help="法定节假日安排：导入国务院办公厅的放假通知")
    sub = parser.add_subparsers(dest="holidays_command", required=True)
    imp = sub.add_parser("import", help="从放假通知的文字（.txt）导入一年的放假调休安排")
    imp.add_argument("file", help="通知文字的文本文件（UTF-8 或 GB18030）")
    imp.add_argument("--year", type=int, help="年份（通知标题中没有时）")
    imp.add_argument("--source", default="", help="来源说明（默认取通知标题）")
    imp.add_argument("--print", action="store_true", help="只显示解析结果（YAML），不写入")
    sub.add_parser("status", help="工作日计算覆盖的年份及数据来源")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.holidays_command == "status":
        return _status()
    return _import(Path(args.file), args.year, args.source, args.print)


def _read(path: Path) -> str:
    text = decode_text(path.read_bytes())
    if text is None:
        raise AnnouncementError(f"无法识别文件编码：{path.name}")
    return text


def _import(path: Path, year: int | None, source: str, print_only: bool) -> int:
    if not path.is_file():
        print(f"找不到文件：{path}")
        return 1
    try:
        arrangement = parse_announcement(_read(path), year, source)
    except AnnouncementError as exc:
        print(f"未导入：{exc}")
        return 1
    days_off = [d for d in arrangement.holidays if d.weekday() < 5]
    summary = (
        f"{arrangement.year} 年：{'、'.join(arrangement.festivals)}；"
        f"工作日放假 {len(days_off)} 天，调休上班 {len(arrangement.workdays)} 天"
    )
    if print_only:
        print(
            yaml.safe_dump({"years": {arrangement.year: arrangement.to_yaml()}}, allow_unicode=True)
        )
        print(summary)
        return 0
    table = save_arrangement(arrangement)
    workdays.reload()
    print(f"已导入 {summary}（写入 {table}）")
    return 0


def _status() -> int:
    years = workdays.covered_years()
    by_source: dict[str, list[int]] = {}
    for year, source in years.items():
        by_source.setdefault(source, []).append(year)
    for source, listed in by_source.items():
        print(f"{source}：{_span(listed)}")
    print("其他年份的期限按工作日计算时报告为未能检查；可用 casecheck holidays import 导入")
    return 0


def _span(years: list[int]) -> str:
    years = sorted(years)
    if len(years) > 2 and years[-1] - years[0] == len(years) - 1:
        return f"{years[0]}–{years[-1]} 年"
    return "、".join(str(y) for y in years) + " 年"
