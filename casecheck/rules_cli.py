"""`casecheck rules …`: the rules a check runs, the check kinds a rule can use with their
parameters, and a test of a rule pack before it is installed (docs/rules.md). Wired into
casecheck/cli.py through `add_parser`."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from casecheck.rule_examples import problems_with_bad, run_example
from casecheck.rules.pack import RulePackError, load_user_pack, shipped_and_user_rules
from casecheck.rules.registry import PARAM_KINDS, check_names, param_specs


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("rules", help="规则：列出规则、检查种类，测试自定义规则包")
    sub = parser.add_subparsers(dest="rules_command", required=True)
    sub.add_parser("list", help="列出所有规则（内置和自定义）")
    kinds = sub.add_parser("kinds", help="列出规则可用的检查种类及其参数")
    kinds.add_argument("name", nargs="?", help="只显示这一种（如 text.present）")
    test = sub.add_parser("test", help="校验规则包并运行其中每条规则的正例和反例")
    test.add_argument("pack", type=Path, help="规则包（.yaml）")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    console = Console()
    if args.rules_command == "list":
        return _list(console)
    if args.rules_command == "kinds":
        return _kinds(console, args.name)
    return _test(console, args.pack)


def _list(console: Console) -> int:
    table = Table(title="规则")
    for header in ("编号", "名称", "严重程度", "检查种类", "来源"):
        table.add_column(header)
    for rule in shipped_and_user_rules():
        source = "自定义" if rule.user else "内置"
        row = (rule.id, rule.title, rule.severity, rule.check, f"{source} {rule.source}")
        table.add_row(*map(escape, row))
    console.print(table)
    return 0


def _kinds(console: Console, name: str | None) -> int:
    names = check_names()
    if name is not None and name not in names:
        console.print(f"没有检查种类 {escape(name)}；可用的有：{escape('、'.join(names))}")
        return 2
    table = Table(title="检查种类及参数（? 可省略，$ 可引用参数表 checklists/params）")
    table.add_column("检查种类")
    table.add_column("参数")
    for check in [name] if name else names:
        params = [
            f"{spec.name}{'?' if spec.optional else ''}{'$' if spec.reference else ''}："
            f"{PARAM_KINDS[spec.kind]}"
            for spec in param_specs(check).values()
        ]
        table.add_row(check, escape("\n".join(params) or "（无）"))
    console.print(table)
    return 0


def _test(console: Console, pack: Path) -> int:
    """Exit 0 when the pack loads and every rule fires on its bad examples (at the quoted
    span) and on none of its good ones; 1 otherwise; 2 when the file cannot be read."""
    if not pack.is_file():
        console.print(f"找不到规则包：{escape(str(pack))}")
        return 2
    try:
        rules = load_user_pack(pack)
    except RulePackError as exc:
        console.print(f"规则包未通过校验：{escape(str(exc))}", soft_wrap=True)
        return 1
    table = Table(title=f"规则包 {escape(pack.name)}")
    for header in ("规则", "示例", "结果"):
        table.add_column(header)
    failed = 0
    for rule in rules:
        if not rule.bad or not rule.good:
            table.add_row(rule.id, "—", "缺少正例或反例（每条规则至少各一个）")
            failed += 1
        for n, example in enumerate(rule.bad, 1):
            problem = problems_with_bad(rule, example)
            failed += problem is not None
            table.add_row(rule.id, f"反例 {n}", escape(problem or "触发 ✓"))
        for n, example in enumerate(rule.good, 1):
            hits = run_example(rule, example).hits
            failed += bool(hits)
            table.add_row(rule.id, f"正例 {n}", "误触发" if hits else "未触发 ✓")
    console.print(table)
    console.print("全部通过" if not failed else f"{failed} 项未通过")
    return 1 if failed else 0
