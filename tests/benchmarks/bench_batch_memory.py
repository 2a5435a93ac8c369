"""Peak memory of the batch parent as the batch grows (not a test): the 1,413 real decisions of
the yunli45 sample, repeated under new names up to each size, checked by `run_batch` with two
workers in a fresh process per size. The parent holds only each case's `CaseSummary`, so its
peak should stay flat: the target is ≤ 1.3× from 1,000 to 10,000 cases and < 400 MB.

Run: PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_batch_memory.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = (
    Path(__file__).resolve().parents[2].parent
    / "shared/corpus/decisions/yunli45_scraped_2015-2018/_sample_1500.jsonl"
)


def make_decisions(folder: Path, count: int) -> None:
    texts = [json.loads(line)["text"] for line in SAMPLE.open(encoding="utf-8")]
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"{n:05d}.txt").write_text(texts[n % len(texts)], encoding="utf-8")


def run(size: int, jobs: int) -> None:
    """In its own process: make the decisions, run the batch, print the parent's peak."""
    from casecheck import CheckOptions, run_batch

    with tempfile.TemporaryDirectory(prefix="bench-batch-memory-") as tmp:
        make_decisions(Path(tmp) / "in", size)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        began = time.perf_counter()
        result = run_batch(Path(tmp) / "in", Path(tmp) / "out", CheckOptions(), jobs=jobs)
        seconds = time.perf_counter() - began
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    row = {"cases": len(result.results), "seconds": seconds, "parent_peak_mb": peak / 1024}
    print(json.dumps({**row, "parent_before_mb": before / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run(args.one, args.jobs)
        return
    if not SAMPLE.is_file():
        sys.exit(f"the decision sample is absent: {SAMPLE}")
    print(f"{'cases':>6}  {'seconds':>8}  {'per min':>8}  {'parent peak MB':>14}")
    peaks = []
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--jobs", str(args.jobs)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        row = json.loads(out.stdout.strip().splitlines()[-1])
        peaks.append(row["parent_peak_mb"])
        rate = row["cases"] * 60 / row["seconds"]
        print(f"{row['cases']:>6}  {row['seconds']:>8.1f}  {rate:>8.0f}  {peaks[-1]:>14.0f}")
    if len(peaks) > 1:
        print(f"peak ratio largest/smallest: {peaks[-1] / peaks[0]:.2f} (target ≤ 1.3)")


if __name__ == "__main__":
    main()
