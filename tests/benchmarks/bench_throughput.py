"""Batch throughput and peak memory per worker (not a test): generated case files and the
1,413 real decisions of the yunli45 sample (one .txt each), checked with 1 and with 2 worker
processes. The 1-worker run is the baseline of the 2-worker run.

Uses `casecheck.batch.run_batch` (JSON reports and the summary workbook included) when the
module is there, else a `ProcessPoolExecutor` over `check_case`. Each configuration runs in a
fresh Python process, so the peak RSS of its workers (getrusage of its children) is its own.
bench_batch.py times `run_batch` alone on a smaller, mixed set.

Run: PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_throughput.py [--cases 200]
     [--jobs 1,2] [--no-corpus]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

SAMPLE = (
    Path(__file__).resolve().parents[2].parent
    / "shared/corpus/decisions/yunli45_scraped_2015-2018/_sample_1500.jsonl"
)
TARGET_PER_MINUTE = 100  # case files a minute with two workers
TARGET_WORKER_MB = 400
# A defect in every other generated case, so the rules that fire get their share of the time.
VARIETY = (
    "late_service",
    "wrong_remedy_period",
    "fine_over_range",
    "inconsistent_party_name",
    "missing_document",
    "old_article_numbering",
)


def _generate(args: tuple[Path, int]) -> None:
    from casecheck.samples import generate_case

    out, seed = args
    defects = [VARIETY[seed // 2 % len(VARIETY)]] if seed % 2 else []
    generate_case(out / f"case-{seed:03d}", defects=defects, seed=seed)


def make_cases(folder: Path, count: int) -> None:
    folder.mkdir()
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        list(pool.map(_generate, [(folder, seed) for seed in range(count)]))


def make_decisions(folder: Path, sample: Path) -> None:
    folder.mkdir()
    with sample.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            text = json.loads(line)["text"]
            (folder / f"{n:04d}.txt").write_text(text, encoding="utf-8")


def run_one(input_dir: Path, jobs: int) -> dict[str, object]:
    """Check every entry of `input_dir` with `jobs` processes (in its own process)."""
    from casecheck import CheckOptions, check_case

    entries = sorted(p for p in input_dir.iterdir() if not p.name.startswith("."))
    began = time.perf_counter()
    if importlib.util.find_spec("casecheck.batch") is not None:
        from casecheck.batch import run_batch

        with tempfile.TemporaryDirectory(prefix="bench-throughput-out-") as out:
            run_batch(input_dir, Path(out), CheckOptions(), jobs=jobs)
        engine = "casecheck.batch.run_batch"
    elif jobs == 1:
        for entry in entries:
            check_case(entry)
        engine = "check_case in-process"
    else:
        with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
            list(pool.map(check_case, entries))
        engine = "ProcessPoolExecutor over check_case"
    seconds = time.perf_counter() - began
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    own, children = (u.ru_maxrss / 1024 for u in usage)
    return {
        "entries": len(entries),
        "seconds": seconds,
        # CPU time of this process and of its workers (the machine here is shared)
        "parent_cpu": usage[0].ru_utime + usage[0].ru_stime,
        "worker_cpu": usage[1].ru_utime + usage[1].ru_stime,
        "engine": engine,
        # with one job the checks run in this process; with more, in the workers
        "worker_mb": own if jobs == 1 else children,
        "parent_mb": own,
    }


def measure(input_dir: Path, jobs: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--one", str(input_dir), str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(name: str, input_dir: Path, jobs: list[int]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    baseline = None
    for n in jobs:
        result = measure(input_dir, n)
        per_minute = 60 * result["entries"] / result["seconds"]
        baseline = baseline or per_minute
        target = ""
        if n == 2:
            met = per_minute >= TARGET_PER_MINUTE
            target = f"; target ≥ {TARGET_PER_MINUTE}/min: {'met' if met else 'MISSED'}"
        parent_cpu, worker_cpu = (
            result[k] / result["entries"] for k in ("parent_cpu", "worker_cpu")
        )
        rows.append(
            (
                f"{name}, {n} worker{'s' if n > 1 else ''}",
                f"{result['entries']} in {result['seconds']:.1f} s = {per_minute:.0f}/min "
                f"(×{per_minute / baseline:.2f} 1 worker{target})",
            )
        )
        rows.append(
            (
                "  CPU per case",
                f"{parent_cpu + worker_cpu:.3f} s: parent {parent_cpu:.3f} s, "
                f"workers {worker_cpu:.3f} s",
            )
        )
        worker_ok = "met" if result["worker_mb"] <= TARGET_WORKER_MB else "MISSED"
        rows.append(
            (
                "  peak RSS per worker",
                f"{result['worker_mb']:.0f} MB (target ≤ {TARGET_WORKER_MB}: {worker_ok}); "
                f"parent {result['parent_mb']:.0f} MB; {result['engine']}",
            )
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200, help="generated case files")
    parser.add_argument("--jobs", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--no-corpus", action="store_true", help="skip the real decisions")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="the decisions' .jsonl")
    parser.add_argument("--one", nargs=2, metavar=("DIR", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(Path(args.one[0]), int(args.one[1]))))
        return 0

    jobs = [int(n) for n in args.jobs.split(",")]
    load = os.getloadavg()[0]
    rows: list[tuple[str, str]] = [("machine", f"{os.cpu_count()} cores, load {load:.1f} at start")]
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp:
        cases = Path(tmp) / "cases"
        make_cases(cases, args.cases)
        rows += table(f"{args.cases} generated case files", cases, jobs)
        if not args.no_corpus and args.sample.is_file():
            decisions = Path(tmp) / "decisions"
            make_decisions(decisions, args.sample)
            rows += table("1,413 real decisions (.txt)", decisions, jobs)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
