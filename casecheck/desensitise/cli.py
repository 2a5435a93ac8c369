"""`casecheck desensitise IN OUT [--mapping FILE] [--authority]`: a desensitised copy of a case
file for teaching (脱敏), and the mapping written apart from it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from casecheck.outputs import OutputError

EXIT_OK, EXIT_USAGE, EXIT_NO_INPUT = 0, 2, 3


def add_parser(sub: Any) -> None:
    cmd = sub.add_parser(
        "desensitise",
        help="脱敏：把真实案卷中的姓名、证件号、信用代码、电话、地址、车牌、账号替换为一致的化名",
        description=(
            "输出案卷的脱敏副本（原文件不被改动）。同一值在所有文书中替换为同一化名；"
            "身份证号和统一社会信用代码重新计算校验位。对照表（原值→化名）默认写在输出文件夹旁边，"
            "不放入输出文件夹，请妥善保管。"
        ),
    )
    cmd.add_argument("path", type=Path, help="案卷文件夹、.zip 或文书文件（.docx、.txt、.pdf）")
    cmd.add_argument("out", type=Path, help="输出文件夹（新建或空文件夹，不能在案卷内）")
    cmd.add_argument(
        "--mapping", type=Path, help="对照表写入此文件（默认：<输出文件夹>-脱敏对照表.json）"
    )
    cmd.add_argument(
        "--authority", action="store_true", help="执法机关名称也替换（默认保留，便于教学）"
    )
    cmd.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from casecheck.desensitise import DesensitiseError, desensitise_case

    err = Console(stderr=True)
    if not args.path.exists():
        err.print(f"[red]找不到路径：{escape(str(args.path))}[/red]")
        return EXIT_NO_INPUT
    try:
        result = desensitise_case(args.path, args.out, args.mapping, authority=args.authority)
    except (DesensitiseError, OutputError) as error:
        err.print(f"[red]{escape(str(error))}[/red]")
        return EXIT_USAGE
    console = Console()
    for line in result.summary():
        console.print(escape(line))
    return EXIT_OK
