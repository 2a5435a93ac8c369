"""Benchmark of `casecheck batch`: cases per minute with 1 and 2 worker processes.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_batch.py [--cases 50] [--jobs 1 2]

Generates the cases (folders, every fifth a .zip, defects cycling through the catalogue) into
a temporary folder, then times `run_batch` from scratch for each job count, including the
start of the worker processes and the summary workbook and report.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from casecheck.batch import run_batch
from casecheck.engine import CheckOptions
from casecheck.samples import DEFECTS, generate_case


def make_cases(root: Path, count: int) -> None:
    defects = list(DEFECTS)
    for n in range(count):
        seeded = [] if n % 4 == 0 else [defects[n % len(defects)]]
        layout = "zip" if n % 5 == 4 else "folder"
        generate_case(root / f"case{n:03d}", defects=seeded, seed=100 + n, layout=layout)
    for sidecar in root.glob("*.seeded.json"):
        sidecar.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=50)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "in"
        started = time.perf_counter()
        make_cases(cases, args.cases)
        print(f"generated {args.cases} cases in {time.perf_counter() - started:.1f} s")
        print(f"{'jobs':>4}  {'seconds':>8}  {'cases/min':>9}  triage")
        for jobs in args.jobs:
            started = time.perf_counter()
            result = run_batch(cases, Path(tmp) / f"out{jobs}", CheckOptions(), jobs=jobs)
            seconds = time.perf_counter() - started
            rate = len(result.results) * 60 / seconds
            print(f"{jobs:>4}  {seconds:>8.1f}  {rate:>9.0f}  {result.stats.triage}")


if __name__ == "__main__":
    main()
