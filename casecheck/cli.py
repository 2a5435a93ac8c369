"""Command line: `casecheck check PATH`, `casecheck doctypes`, `casecheck desensitise IN OUT`,
and the subcommands of the sample generator, the law store and the rules.

Exit status of `check`: 0 when no veto or major finding was raised, 1 when one was,
2 for usage errors (argparse), 3 when the path does not exist.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.markup import escape

from casecheck import batch_cli, holidays_cli, rules_cli
from casecheck.desensitise import cli as desensitise_cli
from casecheck.discretion import cli as discretion_cli
from casecheck.evaluate import classification as classify_eval
from casecheck.evaluate import extraction_cli as evaluate_cli
from casecheck.laws import cli as laws_cli
from casecheck.outputs import OutputError, check_outputs, display, shown, write_text
from casecheck.samples import cli as samples_cli

if TYPE_CHECKING:
    from rich.progress import Progress

    from casecheck import ReadProgress

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_NO_INPUT = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    from casecheck.version import __version__

    parser = argparse.ArgumentParser(
        prog="casecheck", description="案卷自查：离线检查行政处罚案卷（文件夹、.zip 或文书文件）"
    )
    parser.add_argument("--version", action="version", version=f"casecheck {__version__}")
    parser.add_argument("--self-test", action="store_true", help="离线自检：检查内置示例案卷后退出")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    check = sub.add_parser("check", help="检查一个案卷（文件夹、.zip、.docx、.pdf、.ofd 或 .txt）")
    check.add_argument("path", type=Path, help="案卷文件夹、.zip 或文书文件")
    _add_check_options(check)
    check.set_defaults(func=_run_check)

    doctypes = sub.add_parser("doctypes", help="列出可识别的文书类型")
    doctypes.set_defaults(func=_run_doctypes)

    demo = sub.add_parser("demo", help="生成内置示例案卷并检查（无图形界面时的主演示）")
    _add_check_options(demo)
    demo.set_defaults(func=_run_demo)

    samples_cli.add_parser(sub)
    laws_cli.add_parser(sub)
    discretion_cli.add_parser(sub)
    rules_cli.add_parser(sub)
    holidays_cli.add_parser(sub)
    batch_cli.add_parser(sub)
    desensitise_cli.add_parser(sub)
    evaluate_cli.add_parser(sub)
    classify_eval.add_parser(sub)
    return parser


def _add_check_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--format", choices=("text", "json"), default="text", help="报告格式")
    cmd.add_argument("--out", type=Path, help="报告写入此文件（默认输出到终端）")
    batch_cli.add_scope_options(cmd)
    cmd.add_argument("--disable", default="", help="不执行的规则编号，逗号分隔，如 DEC-003,ID-001")
    cmd.add_argument("--no-ocr", action="store_true", help="不识别扫描页（更快）")
    batch_cli.add_export_options(cmd)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # names with undecodable bytes print as escapes
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from casecheck.selftest import run

        return run()
    if args.command is None:
        parser.error("请指定命令，例如：casecheck check 案卷文件夹/")
    return args.func(args)


def _run_check(args: argparse.Namespace) -> int:
    if not args.path.exists():
        Console(stderr=True).print(f"[red]找不到路径：{escape(display(str(args.path)))}[/red]")
        return EXIT_NO_INPUT
    return _check_and_report(args.path, args)


def _run_demo(args: argparse.Namespace) -> int:
    from casecheck.samples import sample_case_dir

    _check_and_report(sample_case_dir(), args)
    return EXIT_OK  # the demo ran; its findings are the point, not a failure


@contextmanager
def progress_shown(
    console: Console,
) -> Iterator[tuple[Callable[[ReadProgress], None] | None, Progress | None]]:
    """(progress callback, rich Progress) showing document k of n and OCR page k of n on the
    terminal while a case is checked; (None, None) when `console` is not a terminal."""
    if not console.is_terminal:
        yield None, None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        reading = bar.add_task("读取文书", total=None)
        scans: dict[str, int] = {}

        def step(event: ReadProgress) -> None:
            name = Path(event.file).name
            if event.stage == "ocr":
                if event.file not in scans:
                    scans[event.file] = bar.add_task(f"识别扫描页 {name}", total=event.total)
                bar.update(scans[event.file], completed=event.done, total=event.total)
            elif event.stage == "document":
                shown = f"读取文书 {name}" if name else "读取完毕"
                bar.update(reading, description=shown, completed=event.done, total=event.total)
            else:
                bar.update(reading, description="分析和检查文书")

        yield step, bar


def _check_and_report(path: Path, args: argparse.Namespace) -> int:
    from casecheck import CheckOptions, check_case
    from casecheck.report import render_text, write_json
    from casecheck.scoring import StandardError

    try:
        check_outputs([path], (args.out, args.docx, args.xlsx, args.commented))
    except OutputError as error:
        Console(stderr=True).print(f"[red]{escape(str(error))}[/red]")
        return EXIT_USAGE
    disabled = tuple(r.strip() for r in args.disable.replace("，", ",").split(",") if r.strip())
    options = CheckOptions(
        department=args.department,
        region=args.region,
        standard=args.standard,
        disabled_rules=disabled,
        ocr=not args.no_ocr,
    )
    console = Console(stderr=True)
    batch_cli.warn_setup(console)
    try:
        with progress_shown(console) as (step, _bar):
            report = check_case(path, options, progress=step)
    except StandardError as error:
        Console(stderr=True).print(f"[red]{error}[/red]")
        return EXIT_USAGE
    code = batch_cli.run_exports(report, args)
    if code:
        return code
    if args.out:

        def fill(fh: TextIO) -> None:
            if args.format == "json":
                write_json(report, fh)
            else:
                render_text(shown(report), Console(file=fh, width=110, no_color=True))

        try:
            write_text(args.out, fill)
        except OutputError as error:
            Console(stderr=True).print(f"[red]{escape(str(error))}[/red]")
            return EXIT_USAGE
    elif args.format == "json":
        write_json(report, sys.stdout)
    else:
        render_text(shown(report), Console())
    serious = any(f.severity in ("veto", "major") for f in report.findings)
    return EXIT_FINDINGS if serious else EXIT_OK


def _run_doctypes(args: argparse.Namespace) -> int:
    from rich.table import Table

    from casecheck.classify import load_catalog

    table = Table(title="可识别的文书类型")
    for header in ("名称", "环节", "作用", "别名", "必备"):
        table.add_column(header)
    for t in load_catalog().types:
        function = "、".join(f for f in (t.function, *t.also_fulfils) if f)
        table.add_row(t.name, t.stage, function, "、".join(t.aliases), t.required)
    Console().print(table)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
