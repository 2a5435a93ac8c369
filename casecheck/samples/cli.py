"""The `casecheck demo-case` command: write a synthetic case file, or list the defects."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from casecheck.samples.defects import DEFECTS
from casecheck.samples.generator import LAYOUTS, generate_case


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "demo-case",
        help="生成一份虚构的示例案卷（可植入缺陷，用于演示和练习）",
        description="生成一份虚构企业的一般程序行政处罚示例案卷，可按编号植入缺陷。",
    )
    parser.add_argument(
        "out", nargs="?", type=Path, help="输出目录（zip/merged-pdf 时为输出文件名）"
    )
    parser.add_argument("--defects", default="", help="要植入的缺陷编号，逗号分隔")
    parser.add_argument("--seed", type=int, default=0, help="随机种子（决定名称、金额和日期）")
    parser.add_argument("--layout", choices=LAYOUTS, default="folder", help="案卷形式")
    parser.add_argument("--list", action="store_true", help="列出可植入的缺陷")
    parser.set_defaults(func=run)
    return parser


def _print_catalogue() -> None:
    print("可植入的缺陷（编号 → 缺陷类别 → 涉及文书：说明）")
    for d in DEFECTS.values():
        print(f"  {d.id} → {d.defect_class} → {d.doc_type}：{d.description}")


def run(args: argparse.Namespace) -> int:
    if args.list:
        _print_catalogue()
        return 0
    if args.out is None:
        print("请指定输出位置，例如：casecheck demo-case 示例案卷", file=sys.stderr)
        return 2
    defects = [d.strip() for d in args.defects.replace("，", ",").split(",") if d.strip()]
    started = time.perf_counter()
    try:
        case = generate_case(args.out, defects, seed=args.seed, layout=args.layout)
    except (ValueError, FileExistsError) as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"错误：无法写入 {args.out}：{error.strerror or error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"已生成示例案卷：{case.path}（{len(case.documents)} 份文书，用时 {elapsed:.1f} 秒）")
    for d in case.seeded:
        where = d.document or f"（缺少{d.doc_type}）"
        print(
            f"  植入缺陷 {d.id}（{d.defect_class}）：{where}"
            + (f"：“{d.quote}”" if d.quote else "")
        )
    print(f"缺陷说明文件：{case.sidecar}")
    return 0
