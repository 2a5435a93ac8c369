"""Commands for review panels: `casecheck batch`, `casecheck export` and `casecheck review`,
plus the export options of `casecheck check` (`--docx`, `--xlsx`, `--commented`).

Exit status: 0 once the command has run (whatever the findings), 2 for usage errors
(bad options, unknown standard or finding), 3 when an input path does not exist.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from casecheck.model import Report
from casecheck.outputs import OutputError, check_outputs, display, shown, write_file

EXIT_OK, EXIT_USAGE, EXIT_NO_INPUT = 0, 2, 3


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register `batch`, `export` and `review`."""
    batch = subparsers.add_parser(
        "batch",
        help="批量检查：目录中每个子文件夹、.zip 或文书文件为一个案卷",
        description="批量检查并评分，输出每卷 JSON 报告、评查表（Excel）和汇总报告（Word）。"
        "已有且比案卷新的报告不再重复检查（可断点续查）。",
    )
    batch.add_argument("input_dir", type=Path, help="案卷所在目录")
    batch.add_argument("--out", type=Path, required=True, help="输出目录")
    batch.add_argument("--jobs", type=int, default=None, help="并行进程数（默认：CPU 核数）")
    add_scope_options(batch)
    batch.set_defaults(func=run_batch_command)

    export = subparsers.add_parser(
        "export",
        help="导出评查报告（Word）、评查表（Excel）和批注版文书",
        description="PATH 为案卷（重新检查）或已有的 JSON 报告；JSON 报告旁的复核记录中"
        "被驳回的问题不计分。",
    )
    export.add_argument("path", type=Path, help="案卷文件夹、.zip、文书文件，或 JSON 报告")
    add_export_options(export)
    add_scope_options(export)
    export.set_defaults(func=run_export_command)

    review = subparsers.add_parser(
        "review",
        help="复核问题（确认、驳回、备注）和整改跟踪",
        description="复核记录保存在 JSON 报告旁（<报告>.review.json），不写入案卷。"
        "track：重新检查整改后的案卷，列出已整改、仍存在和新发现的问题。",
    )
    review.add_argument("report", type=Path, help="JSON 报告（casecheck check --format json）")
    review.add_argument(
        "action", nargs="?", choices=("list", "accept", "reject", "note", "track"), default="list"
    )
    review.add_argument("finding", nargs="?", help="问题编号，如 F003")
    review.add_argument("--note", default="", help="复核意见")
    review.add_argument("--case", type=Path, help="track：整改后的案卷（默认为报告中的路径）")
    add_scope_options(review)
    review.set_defaults(func=run_review_command)


def add_export_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--docx", type=Path, help="写出 Word 评查报告")
    cmd.add_argument("--xlsx", type=Path, help="写出 Excel 评查表")
    cmd.add_argument("--commented", type=Path, help="批注版 Word 文书的输出目录")


def add_scope_options(cmd: argparse.ArgumentParser) -> None:
    """The options that select what a case is checked and scored against."""
    from casecheck.scoring import available_standards

    standards = "、".join(available_standards())
    cmd.add_argument("--standard", default="", help=f"评查标准：{standards} 或 .yaml 文件")
    cmd.add_argument("--department", default="", help="执法部门，如 市场监管、生态环境、税务")
    cmd.add_argument("--region", default="", help="地区（省级），如 浙江")


def write_exports(report: Report, args: argparse.Namespace, console: Console) -> list[Path]:
    """Score `report` against `args.standard` and write what `--docx/--xlsx/--commented` ask.

    `report` must come from a fresh check when `--commented` is given (it needs the text).
    Raises StandardError for an unknown standard, OutputInsideCase for a copy folder inside
    the case folder, OutputError for an output that cannot be written.
    """
    from casecheck.report.commented import write_commented_copies
    from casecheck.report.docx_report import write_case_docx
    from casecheck.report.xlsx_report import write_xlsx
    from casecheck.scoring import assess

    safe = shown(report)  # names as Word and Excel can hold them (the copies need the text)
    assessment = assess(safe, args.standard or report.standard or "generic")
    written = []
    if args.xlsx:
        written.append(write_file(args.xlsx, lambda tmp: write_xlsx([(safe, assessment)], tmp)))
    if args.docx:
        written.append(write_file(args.docx, lambda tmp: write_case_docx(safe, assessment, tmp)))
    if args.commented:
        written += write_commented_copies(report, args.commented)
    for path in written:
        console.print(f"已写出：{escape(display(str(path)))}")
    return written


def warn_setup(console: Console) -> None:
    """Warn about the user's own data that a check goes on without: a damaged law store and
    rule packs that were skipped."""
    from casecheck.laws.store import LawStore
    from casecheck.rules.pack import pack_problems

    for problem in (*LawStore().index().problems, *pack_problems()):
        console.print(f"[yellow]注意：{escape(display(problem))}[/yellow]")


def run_exports(report: Report, args: argparse.Namespace) -> int:
    """For `casecheck check`: write the exports its options ask for; EXIT_USAGE (message
    printed) for an unknown standard, an output inside the case or one that cannot be
    written, else EXIT_OK."""
    from casecheck.report.commented import OutputInsideCase
    from casecheck.scoring import StandardError

    if not (args.docx or args.xlsx or args.commented):
        return EXIT_OK
    try:
        write_exports(report, args, Console(stderr=True))
    except (StandardError, OutputInsideCase, OutputError) as exc:
        Console(stderr=True).print(f"[red]{escape(str(exc))}[/red]")
        return EXIT_USAGE
    return EXIT_OK


def run_batch_command(args: argparse.Namespace) -> int:
    from casecheck.batch import run_batch
    from casecheck.engine import CheckOptions
    from casecheck.scoring import StandardError

    console = Console(stderr=True)
    if not args.input_dir.is_dir():
        console.print(f"[red]找不到案卷目录：{escape(str(args.input_dir))}[/red]")
        return EXIT_NO_INPUT
    if args.jobs is not None and args.jobs < 1:
        console.print("[red]--jobs 应为正整数[/red]")
        return EXIT_USAGE
    try:
        check_outputs([args.input_dir], [args.out])
    except OutputError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        return EXIT_USAGE
    options = CheckOptions(args.department, args.region, args.standard)
    warn_setup(console)
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
    )
    jobs = args.jobs or os.cpu_count() or 1
    try:
        with Progress(*columns, console=console) as progress:
            task = progress.add_task(f"批量检查（{jobs} 个进程）", total=None)

            def advance(name: str, done: int, total: int) -> None:
                progress.update(
                    task, total=total, completed=done, description=f"已完成 {escape(display(name))}"
                )

            result = run_batch(args.input_dir, args.out, options, jobs, advance)
    except (StandardError, OutputError) as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        return EXIT_USAGE
    out = Console()
    table = Table(title=f"批量评查结果（{len(result.results)} 卷）", title_justify="left")
    for header in ("案卷", "得分", "等次", "分流", "问题数", "说明"):
        table.add_column(header)
    for r in result.results:
        notes = [r.score.reason] if r.score.reason else []
        notes += ["沿用已有报告"] if r.resumed else []
        table.add_row(
            escape(display(r.name)),
            "-" if r.score.score is None else f"{r.score.score:g}",
            r.score.grade or "无法评分",
            r.triage,
            str(len(r.defects)),
            escape("；".join(notes)),
        )
    out.print(table)
    out.print("，".join(f"{k} {v} 卷" for k, v in result.stats.triage.items()))
    for path in result.outputs:
        out.print(f"已写出：{escape(display(str(path)))}")
    return EXIT_OK


def _report_for(args: argparse.Namespace, path: Path) -> Report:
    """A fresh check of the case at `path`."""
    from casecheck import CheckOptions, check_case

    return check_case(path, CheckOptions(args.department, args.region, args.standard))


def run_export_command(args: argparse.Namespace) -> int:
    from casecheck.batch import ReportError, load_report
    from casecheck.review import load_review, review_path, without_rejected

    console = Console(stderr=True)
    if not (args.docx or args.xlsx or args.commented):
        console.print("[red]请至少指定 --docx、--xlsx 或 --commented 之一[/red]")
        return EXIT_USAGE
    if not args.path.exists():
        console.print(f"[red]找不到路径：{escape(str(args.path))}[/red]")
        return EXIT_NO_INPUT
    outputs = (args.docx, args.xlsx, args.commented)
    try:
        if args.path.suffix.lower() == ".json":
            check_outputs([args.path, review_path(args.path)], outputs)
            report = load_report(args.path)
            check_outputs([Path(report.case_path)], outputs)
            if args.commented:  # annotating needs the documents' text: read the case again
                report = _report_for(args, Path(report.case_path))
            state = load_review(args.path)
            if state.problem:
                console.print(f"[yellow]{escape(state.problem)}[/yellow]")
            report = without_rejected(report, state)
        else:
            check_outputs([args.path], outputs)
            report = _report_for(args, args.path)
    except (ReportError, OutputError) as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        return EXIT_USAGE
    return run_exports(report, args)


def run_review_command(args: argparse.Namespace) -> int:
    from casecheck.batch import ReportError, load_report, write_report_json
    from casecheck.review import ReviewError, carry_over, decide, load_review, save_review, track

    console, err = Console(), Console(stderr=True)
    if not args.report.is_file():
        err.print(f"[red]找不到报告：{escape(str(args.report))}[/red]")
        return EXIT_NO_INPUT
    try:
        report = load_report(args.report)
    except ReportError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        return EXIT_USAGE
    state = load_review(args.report)
    if state.problem:
        err.print(f"[yellow]{escape(state.problem)}[/yellow]")
    try:
        if args.action in ("accept", "reject", "note"):
            if not args.finding:
                err.print("[red]请指定问题编号，如 F003[/red]")
                return EXIT_USAGE
            status = {"accept": "accepted", "reject": "rejected", "note": "noted"}[args.action]
            decide(state, report, args.finding, status, args.note)  # type: ignore[arg-type]
            save_review(args.report, report, state)
        elif args.action == "track":
            case = args.case or Path(report.case_path)
            if not case.exists():
                err.print(f"[red]找不到案卷：{escape(str(case))}[/red]")
                return EXIT_NO_INPUT
            new = _report_for(args, case)
            tracking = track(report, new)
            previous = args.report.with_name(args.report.stem + ".previous.json")
            write_file(previous, lambda tmp: shutil.copy2(args.report, tmp))
            write_report_json(new, args.report)
            state = carry_over(state, tracking)
            save_review(args.report, new, state)
            _print_tracking(console, tracking)
            report = new
    except (ReviewError, OutputError) as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        return EXIT_USAGE
    _print_findings(console, report, state)
    return EXIT_OK


def _print_findings(console: Console, report: Report, state) -> None:
    from casecheck.review import STATUS_LABELS

    table = Table(title=f"复核：{escape(display(report.case_path))}", title_justify="left")
    for header in ("编号", "规则", "问题", "扣分", "复核", "意见"):
        table.add_column(header)
    for f in report.findings:
        decision = state.decision(f.id)
        table.add_row(
            f.id,
            f.rule_id,
            escape(f.title),
            _points(report.score.points_of(f)),
            STATUS_LABELS[decision.status] if decision else "待复核",
            escape(decision.note) if decision else "",
        )
    console.print(table)


def _points(deduction: float | list[float] | None) -> str:
    if deduction is None:
        return "-"
    if isinstance(deduction, list):
        return "–".join(f"{d:g}" for d in deduction)
    return f"{deduction:g}"


def _print_tracking(console: Console, tracking) -> None:
    console.print(
        f"整改跟踪：已整改 {len(tracking.fixed)} 项，仍存在 {len(tracking.remaining)} 项，"
        f"新发现 {len(tracking.new)} 项"
    )
    for f in tracking.fixed:
        console.print(f"  [green]已整改[/green] {f.rule_id} {escape(f.title)}")
    for _, f in tracking.remaining:
        console.print(f"  [yellow]仍存在[/yellow] {f.id} {f.rule_id} {escape(f.title)}")
    for f in tracking.new:
        console.print(f"  [red]新发现[/red] {f.id} {f.rule_id} {escape(f.title)}")
