"""Checking many case files (Contract 2): a process pool over the entries of a folder, one JSON
report per case written by the worker as it finishes, resume, cancel, and the batch summary.

Workers share nothing but their input (an entry, the output folder and the options) and their
result, a small `CaseSummary`: the parent never holds the reports, so its memory stays flat
however large the batch. A case that fails in any way still gets its JSON report, with an
`input.unreadable` finding. `iter_batch` serves the CLI and the app alike.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from casecheck.batch_stats import BatchStats, CaseSummary, batch_stats, summarise
from casecheck.casekind import EMPTY
from casecheck.engine import CheckOptions, check_case
from casecheck.ingest.container import is_skipped
from casecheck.laws.currency import load_currency
from casecheck.limits import limit_memory, time_limit
from casecheck.model import Finding, Report
from casecheck.outputs import OutputError, display, dump_json, shown, shown_fields, write_file
from casecheck.resources import data_dir
from casecheck.review import (
    carry_over,
    load_review,
    review_path,
    save_review,
    track,
    without_rejected,
)
from casecheck.rules.pack import shipped_and_user_rules
from casecheck.scoring import Assessment, assess, load_standard, score

XLSX_NAME, DOCX_NAME, SUMMARY_NAME = "评查表.xlsx", "评查汇总报告.docx", "batch-summary.json"


@dataclass
class BatchResult:
    results: list[CaseSummary]  # in entry order
    stats: BatchStats
    outputs: list[Path]
    cancelled: bool = False


def case_entries(input_dir: Path, exclude: Path | None = None) -> list[Path]:
    """The case files of a batch: every subfolder, .zip and document file of `input_dir`, in
    name order, without hidden and system files (and without `exclude`, the output folder)."""
    skip = exclude.resolve() if exclude else None
    return sorted(
        (p for p in input_dir.iterdir() if not is_skipped(p.name) and p.resolve() != skip),
        key=lambda p: p.name,
    )


def default_out_dir(input_dir: Path) -> Path:
    """Where the app keeps a batch's reports when the user names no folder: one folder per
    input folder in the user data dir, so checking the same folder again resumes."""
    resolved = input_dir.resolve()
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:10]
    return data_dir() / "batches" / f"{resolved.name}-{digest}"


# Endings of the files the batch writes beside the case reports: an entry whose report name
# would end so gets `.case` added (an entry `X.review` must not overwrite the review of `X`).
_OUTPUT_STEMS = (".review", ".previous", ".broken")


def json_path_for(entry: Path, out_dir: Path) -> Path:
    name = entry.name
    if name == Path(SUMMARY_NAME).stem or name.endswith(_OUTPUT_STEMS) or name.startswith(".tmp-"):
        name += ".case"
    return out_dir / f"{name}.json"


def is_current(entry: Path, json_path: Path) -> bool:
    """Resume: the report exists and is newer than every file of the entry."""
    if not json_path.is_file():
        return False
    return json_path.stat().st_mtime > _newest_mtime(entry)


def _newest_mtime(entry: Path) -> float:
    newest = entry.stat().st_mtime
    if entry.is_dir():
        for root, dirs, files in os.walk(entry):
            dirs[:] = [d for d in dirs if not is_skipped(d)]
            for name in (n for n in files if not is_skipped(n)):
                try:
                    newest = max(newest, Path(root, name).stat().st_mtime)
                except OSError:
                    continue
    return newest


def check_one(path: str, options: CheckOptions) -> Report:
    """Worker: check and score one case; never raises (a failure becomes a finding)."""
    try:
        return check_case(path, options)  # scored by the engine
    except Exception as exc:  # one bad case must not stop the batch
        return failed_report(path, options, exc)


FAILED = "案卷检查失败"  # how a failure report's kind_reason begins


def failed_report(path: str, options: CheckOptions, exc: BaseException) -> Report:
    """The scored report of a case that could not be checked at all."""
    from casecheck.version import __version__

    rule = next(r for r in shipped_and_user_rules() if r.defect_class == "input.unreadable")
    finding = Finding(
        rule_id=rule.id,
        defect_class=rule.defect_class,
        title=rule.title,
        severity=rule.severity,  # type: ignore[arg-type]
        category=rule.category,
        message=f"案卷“{Path(path).name}”检查失败：{type(exc).__name__}: {exc}",
        suggestion=f"{rule.suggestion}；如仍失败，请将此文件报告给开发者",
        deduction=0,
        id="F001",
    )
    report = Report(
        case_path=path,
        department=options.department,
        region=options.region,
        standard=options.standard,
        tool_version=__version__,
        findings=[finding],
        kind=EMPTY,
        kind_reason=f"{FAILED}（{type(exc).__name__}），无法评分",
        laws_current_to=load_currency().current_to.isoformat(),
    )
    report.score = score(report, options.standard or "generic")
    report.standard = report.score.standard
    return report


def write_report_json(report: Report, path: Path) -> None:
    """Write atomically, so an interrupted batch never leaves a half report that resume trusts."""
    dump_json(report.to_json(), path)


class ReportError(ValueError):
    """A JSON report that cannot be read (truncated, not a report, tampered); Chinese message."""


def load_report(path: Path) -> Report:
    """A Report from its JSON file (Contract 1). Documents come back without their text.
    Raises ReportError for a file that is not a complete, well-formed report."""
    try:
        return Report.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ReportError(
            f"报告 {display(str(path))} 无法读取：文件不完整、不是 casecheck 报告或已被改动"
            f"（{type(exc).__name__}）；请重新检查案卷生成报告"
        ) from exc


Progress = Callable[[str, int, int], None]  # (entry name, done, total)
Cancelled = Callable[[], bool]  # asked between cases: stop now?
Work = Callable[[Path, Path, CheckOptions], CaseSummary]  # checks one entry (check_entry)


# One case may take this long and (in a worker process) this much more memory; past either it
# gets a failure report and the batch goes on.
CASE_SECONDS = 900
CASE_MEMORY_BYTES = 3 * 2**30


# The parent checks on its workers this often, and kills a pool whose case has run past twice
# CASE_SECONDS and this grace (its worker's own limit failed to stop it).
WATCH_SECONDS = 5.0
WATCHDOG_GRACE = 60.0


class CaseTimeout(BaseException):
    """A case ran past CASE_SECONDS (a BaseException: no reader's `except Exception` eats it)."""

    def __str__(self) -> str:
        return f"检查超过 {CASE_SECONDS} 秒未完成，已停止"


def check_entry(entry: Path, out_dir: Path, options: CheckOptions) -> CaseSummary:
    """Worker: check one case, carry its review over, write its JSON report and return its
    summary; never raises (a failure, a case past its time limit, becomes a finding)."""
    json_path = json_path_for(entry, out_dir)
    try:
        with time_limit(CASE_SECONDS, CaseTimeout):
            report = check_one(str(entry), options)
    except CaseTimeout as exc:
        report = failed_report(str(entry), options, exc)
    _follow_review(json_path, report)
    write_report_json(report, json_path)
    return _summary_of(entry.name, json_path, report, options.standard)


def _summary_of(
    name: str, json_path: Path, report: Report, standard: str, resumed: bool = False
) -> CaseSummary:
    scored = without_rejected(report, load_review(json_path))
    return summarise(name, json_path, scored, assess(scored, standard or "generic"), resumed)


def iter_batch(
    input_dir: Path,
    out_dir: Path,
    options: CheckOptions,
    jobs: int | None = None,
    cancelled: Cancelled | None = None,
) -> Iterator[CaseSummary]:
    """Check every entry of `input_dir` into `out_dir`, yielding each case's summary as it
    finishes: first the entries whose JSON report is newer than the entry (resume), then the
    others. `cancelled()` is asked between cases; no new case starts once it says True.

    Raises StandardError for an unknown standard, before any case is checked.
    """
    load_standard(options.standard or "generic")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出目录 {display(str(out_dir))}：{exc.strerror}") from exc
    _remove_stale_temporaries(out_dir)
    todo = []
    for entry in case_entries(input_dir, exclude=out_dir):
        json_path = json_path_for(entry, out_dir)
        if is_current(entry, json_path):
            try:
                report = load_report(json_path)
            except ReportError:
                todo.append(entry)  # an unreadable old report: check the case again
                continue
            if _reusable(report, options):
                yield _summary_of(entry.name, json_path, report, options.standard, resumed=True)
                continue
        todo.append(entry)
    yield from _check_all(todo, out_dir, options, jobs or os.cpu_count() or 1, cancelled)


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed batch left (`.tmp-*`), once older than any case may run."""
    cutoff = time.time() - 2 * CASE_SECONDS
    for path in out_dir.glob(".tmp-*"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def _reusable(report: Report, options: CheckOptions) -> bool:
    """Resume keeps a report made by this version, for the department, region and standard
    asked now (when asked), whose check did not fail (a killed worker, a broken environment)."""
    from casecheck.version import __version__

    asked = (
        (options.department, report.department),
        (options.region, report.region),
        (options.standard and load_standard(options.standard).name, report.standard),
    )
    same_scope = all(not want or want == have for want, have in asked)
    failed = report.kind_reason.startswith(FAILED)
    return report.tool_version == __version__ and same_scope and not failed


def run_batch(
    input_dir: Path,
    out_dir: Path,
    options: CheckOptions,
    jobs: int | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BatchResult:
    """`iter_batch` to the end, then the batch summary (评查表, Word summary, statistics)."""
    total = len(case_entries(input_dir, exclude=out_dir)) if input_dir.is_dir() else 0
    results: list[CaseSummary] = []
    for summary in iter_batch(input_dir, out_dir, options, jobs, cancelled):
        results.append(summary)
        if progress:
            progress(summary.name, len(results), total)
    results.sort(key=lambda r: r.name)
    standard = options.standard or "generic"
    stats = batch_stats(results, standard)
    outputs = write_batch_summary(results, out_dir, standard)
    return BatchResult(results, stats, outputs, bool(cancelled and cancelled()))


def _follow_review(json_path: Path, report: Report) -> None:
    """A case checked again whose earlier report was reviewed: move the reviewer's decisions to
    the new findings and record what was fixed, remains or is new (整改跟踪)."""
    if not (json_path.is_file() and review_path(json_path).is_file()):
        return
    try:
        old = load_report(json_path)
    except ReportError:
        return
    state = carry_over(load_review(json_path), track(old, report))
    save_review(json_path, report, state)


def _check_all(
    entries: list[Path],
    out_dir: Path,
    options: CheckOptions,
    jobs: int,
    cancelled: Cancelled | None,
    work: Work | None = None,
) -> Iterator[CaseSummary]:
    """Summaries in the order cases finish (`work`, by default `check_entry`, checks one);
    one process per job (spawned: nothing is inherited). At most two cases per worker wait
    in the queue, so a cancel takes effect after the cases already started.

    A worker that dies (memory, a signal) breaks the whole pool: the cases it held are then
    checked again one at a time, each in a process of its own, so only the case that kills
    its worker gets a failure report and the batch goes on."""
    stop = cancelled or (lambda: False)
    work = work or check_entry
    if jobs <= 1 or len(entries) <= 1:
        for entry in entries:
            if stop():
                return
            yield work(entry, out_dir, options)
        return
    queue = list(reversed(entries))
    while queue and not stop():
        suspects: list[Path] = []
        yield from _pool_run(work, queue, suspects, out_dir, options, jobs, stop)
        for entry in suspects:
            yield from _pool_run(work, [entry], [], out_dir, options, 1, stop, last_try=True)


def _pool_run(
    work: Work,
    queue: list[Path],
    suspects: list[Path],
    out_dir: Path,
    options: CheckOptions,
    jobs: int,
    stop: Cancelled,
    last_try: bool = False,
) -> Iterator[CaseSummary]:
    """Check entries popped from `queue` in one pool until it is empty, cancelled or the pool
    breaks; the entries a broken pool held go to `suspects` (or, on the last try, get a
    failure report). An entry stuck past the watchdog's limit gets a failure report at once."""
    timed_out: set[Path] = set()
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=get_context("spawn"), initializer=_limit_worker
    ) as pool:
        pending: dict[Future[CaseSummary], Path] = {}
        running_since: dict[Future[CaseSummary], float] = {}
        broken = False
        while (queue or pending) and not broken:
            while queue and len(pending) < 2 * jobs and not stop():
                entry = queue.pop()
                try:
                    pending[pool.submit(work, entry, out_dir, options)] = entry
                except BrokenProcessPool:
                    queue.append(entry)
                    broken = True
                    break
            if not pending:
                return
            finished, _ = wait(pending, timeout=WATCH_SECONDS, return_when=FIRST_COMPLETED)
            if not finished:
                timed_out |= _overdue(pool, pending, running_since)
                continue
            for future in finished:
                entry = pending.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool as exc:
                    broken = True
                    if entry in timed_out:
                        yield _failed(entry, out_dir, options, CaseTimeout())
                    elif not last_try:
                        suspects.append(entry)
                    else:
                        yield _failed(entry, out_dir, options, exc)
                except Exception as exc:  # raised by the worker's code itself
                    yield _failed(entry, out_dir, options, exc)
        suspects.extend(pending.values())


def _overdue(
    pool: ProcessPoolExecutor,
    pending: dict[Future[CaseSummary], Path],
    running_since: dict[Future[CaseSummary], float],
) -> set[Path]:
    """The entries running past twice CASE_SECONDS (stuck where the worker's own time limit
    cannot reach, as in native code); when there are any, the pool's workers are killed, so
    the pool breaks and its other cases are checked again."""
    now = time.monotonic()
    for future in pending:
        if future.running():  # up to one case a worker ahead of the one it runs
            running_since.setdefault(future, now)
    limit = 2 * CASE_SECONDS + WATCHDOG_GRACE
    overdue = {
        pending[f] for f, since in running_since.items() if f in pending and now - since > limit
    }
    if overdue:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
    return overdue


def _limit_worker() -> None:
    """A worker's memory is capped, so a hostile file fails its case, not the machine."""
    limit_memory(CASE_MEMORY_BYTES)


def _failed(entry: Path, out_dir: Path, options: CheckOptions, exc: BaseException) -> CaseSummary:
    json_path = json_path_for(entry, out_dir)
    report = failed_report(str(entry), options, exc)
    write_report_json(report, json_path)
    return _summary_of(entry.name, json_path, report, options.standard)


# A workbook with a sheet per case stays usable (and its memory bounded) up to this many cases;
# a larger batch gets the 汇总 sheet only, and each case's 评查表 is exported on its own.
MAX_CASE_SHEETS = 200


def write_batch_summary(results: list[CaseSummary], out_dir: Path, standard: str) -> list[Path]:
    """The summary of a batch in `out_dir`: the 评查表 workbook, the Word summary report and the
    statistics JSON, from the cases' summaries (each case's JSON is read from where the batch
    wrote it). Returns the paths written."""
    from casecheck.report.docx_report import write_batch_docx
    from casecheck.report.xlsx_report import write_summary_xlsx, write_xlsx

    # Word and Excel cannot hold control characters or undecodable bytes of entry names.
    results = [shown_fields(r) for r in results]
    stats = batch_stats(results, standard)
    reports = [{"entry": r.name, "json": r.json_path.name, "triage": r.triage} for r in results]
    # streamed to a temporary file and renamed: no whole-summary string, no half summary
    summary = dump_json({**stats.to_json(), "reports": reports}, out_dir / SUMMARY_NAME)

    def cases() -> Iterator[tuple[Report, Assessment]]:
        for r in results:
            report = shown(without_rejected(load_report(r.json_path), load_review(r.json_path)))
            yield report, assess(report, standard)

    if len(results) > MAX_CASE_SHEETS:
        note = f"案卷较多（{len(results)} 卷），本表只汇总；单卷评查表请用 casecheck export 导出"
        workbook = write_file(
            out_dir / XLSX_NAME, lambda tmp: write_summary_xlsx(results, tmp, note)
        )
    else:
        workbook = write_file(out_dir / XLSX_NAME, lambda tmp: write_xlsx(cases(), tmp, results))
    return [
        workbook,
        write_file(out_dir / DOCX_NAME, lambda tmp: write_batch_docx(stats, tmp)),
        summary,
    ]
