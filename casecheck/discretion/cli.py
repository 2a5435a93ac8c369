"""`casecheck discretion …`: import a published benchmark table into the user store, list and
show the benchmarks the rules use. Wired into casecheck/cli.py through `add_parser`."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

from casecheck.discretion.model import Benchmark
from casecheck.discretion.store import load_benchmarks, remove_benchmark, save_benchmark, user_dir


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("discretion", help="行政处罚裁量基准：导入、查看")
    sub = parser.add_subparsers(dest="discretion_command", required=True)
    imp = sub.add_parser("import", help="导入部门公布的裁量基准表（.xlsx/.docx/.yaml）")
    imp.add_argument("path", type=Path, help="裁量基准表文件")
    imp.add_argument("--name", help="基准名称（默认取文件名）")
    imp.add_argument("--department", help="执法部门，如 市场监管、生态环境、交通运输")
    imp.add_argument("--region", help="适用地区，如 四川省；多个用逗号分隔；不填为全国")
    imp.add_argument("--from", dest="valid_from", help="施行日期，如 2023-10-31")
    imp.add_argument("--to", dest="valid_to", help="失效日期（含当日），如 2025-12-31")
    imp.add_argument("--source", help="来源：文件名称、文号或网址")
    imp.add_argument("--columns", type=Path, help="列映射文件（YAML，见 docs/discretion.md）")
    sub.add_parser("list", help="列出内置和已导入的裁量基准")
    show = sub.add_parser("show", help="显示一个裁量基准的条目和阶次")
    show.add_argument("name", help="基准名称（或其中的文字）")
    remove = sub.add_parser("remove", help="删除一个已导入的裁量基准")
    remove.add_argument("name", help="基准名称（见 casecheck discretion list）")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    command = args.discretion_command
    if command == "list":
        return _list()
    if command == "show":
        return _show(args.name)
    if command == "remove":
        return _remove(args.name)
    return _import(args)


def _import(args: argparse.Namespace) -> int:
    from casecheck.discretion.importer import import_file, load_mapping

    if not args.path.is_file():
        print(f"找不到文件：{args.path}")
        return 1
    regions = [r for r in re.split(r"[,，、]", args.region or "") if r.strip()]
    head = {
        "name": args.name or args.path.stem,
        "department": args.department,
        "regions": regions,
        "from": args.valid_from,
        "to": args.valid_to,
        "source": args.source or args.path.name,
    }
    if args.path.suffix.lower() in (".yaml", ".yml"):
        head = {k: v for k, v in head.items() if v and (k not in ("name", "source") or args.name)}
    elif not args.department:
        print("请用 --department 指定执法部门（如 市场监管），裁量基准按部门选用")
        return 1
    try:
        mapping = load_mapping(args.columns)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"列映射无法使用：{exc}")
        return 1
    result = import_file(args.path, head, mapping)
    for problem in result.problems:
        print(f"  未导入：{problem}")
    if result.benchmark is None:
        print(f"未导入 {args.path.name}")
        return 1
    target = save_benchmark(result.benchmark)
    entries = result.benchmark.entries
    levels = sum(len(e.levels) for e in entries)
    counts = f"{len(entries)} 个违法行为、{levels} 个裁量阶次"
    print(f"已导入《{result.benchmark.name}》：{counts} → {target}")
    return 0 if not result.problems else 1


def _describe(b: Benchmark) -> str:
    where = "、".join(b.regions) or "全国"
    return f"{b.name}\t{b.department}\t{where}\t{b.period()}\t{len(b.entries)} 条\t{b.origin}"


def _list() -> int:
    loaded = load_benchmarks()
    for b in loaded.benchmarks:
        print(_describe(b))
    for problem in loaded.problems:
        print(f"  [未使用] {problem}")
    print(f"共 {len(loaded.benchmarks)} 个（导入的基准保存在 {user_dir()}）")
    return 1 if loaded.problems else 0


def _find(name: str) -> list[Benchmark]:
    benchmarks = load_benchmarks().benchmarks
    exact = [b for b in benchmarks if b.name == name]
    return exact or [b for b in benchmarks if name in b.name]


def _show(name: str) -> int:
    found = _find(name)
    if len(found) != 1:
        names = "、".join(b.name for b in found) or "无"
        print(f"没有唯一名为“{name}”的裁量基准（匹配：{names}；见 casecheck discretion list）")
        return 1
    b = found[0]
    print(_describe(b))
    for key, label in (
        ("source", "来源"),
        ("url", "网址"),
        ("retrieved", "取得"),
        ("note", "说明"),
    ):
        if getattr(b, key):
            print(f"  {label}：{getattr(b, key)}")
    for e in b.entries:
        violated = f"；违反 {e.violated_text}" if e.violated_text else ""
        print(f"  [{e.id}] {e.title}（依据 {e.basis_text}{violated}）")
        for lv in e.levels:
            mark = "" if lv.verified else "（未核对原文）"
            facts = "、".join(lv.facts)
            print(
                f"    {lv.name}→{lv.grade}：{lv.penalty}{mark}"
                + (f"；情形：{facts}" if facts else "")
            )
    return 0


def _remove(name: str) -> int:
    found = [b for b in _find(name) if b.origin.startswith("用户:")]
    if len(found) != 1:
        print(f"已导入的基准中没有唯一名为“{name}”的（内置基准不能删除）")
        return 1
    path = remove_benchmark(found[0])
    print(f"已删除《{found[0].name}》（{path}）")
    return 0
