"""Speed of checking one case file (not a test): reading only versus the full check, a warm
engine on the typical generated 24-document case, the CLI's cold start for one document, and
the memory of the process. Each figure is printed with its baseline measured in the same run.

Run: PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_check.py [--repeat N]
     [--bundle dist/casecheck/casecheck]   # also time the built bundle's cold start
     [--profile]                           # cProfile of one warm check, top functions
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from casecheck import check_case, read_case
from casecheck.samples import generate_case

REPO = Path(__file__).resolve().parents[2]
TARGET_WARM_S = 1.0
TARGET_FULL_OVER_READ = 2.0


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """The best wall time and the best CPU time of `repeat` runs (the machine may be shared)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        work()
        wall = min(wall, time.perf_counter() - began)
        cpu = min(cpu, time.process_time() - began_cpu)
    return wall, cpu


def first_output(command: list[str]) -> float:
    """Seconds from starting `command` to the first byte it writes to stdout (a cold process)."""
    began = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, cwd=REPO) as proc:
        assert proc.stdout is not None
        proc.stdout.read(1)
        elapsed = time.perf_counter() - began
        proc.stdout.read()
    return elapsed


def cold_starts(document: Path, bundle: Path | None, repeat: int) -> list[tuple[str, str]]:
    python = [sys.executable]
    baseline = min(first_output([*python, "-c", "print(1)"]) for _ in range(repeat))
    check = [str(document), "--format", "json"]
    cli = min(first_output([*python, "-m", "casecheck", "check", *check]) for _ in range(repeat))
    rows = [
        ("python start (baseline)", f"{baseline:.2f} s"),
        ("CLI cold start, one document", f"{cli:.2f} s (×{cli / baseline:.1f} baseline)"),
    ]
    if bundle:
        frozen = min(first_output([str(bundle), "check", *check]) for _ in range(repeat))
        rows.append(("bundle cold start, one document", f"{frozen:.2f} s"))
    return rows


def profile(case: Path, top: int = 25) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(check_case, case)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (best is reported)")
    parser.add_argument("--bundle", type=Path, help="the bundle's casecheck executable")
    parser.add_argument("--profile", action="store_true", help="profile one warm check")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        generated = generate_case(Path(tmp) / "case")
        case = generated.path
        began = time.perf_counter()
        check_case(case)  # loads rules, lexicons and the law registry once
        cold = time.perf_counter() - began
        read, read_cpu = best_of(args.repeat, lambda: read_case(case))
        full, full_cpu = best_of(args.repeat, lambda: check_case(case))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        decision = next(case.glob("*处罚决定书*"))
        rows = [
            ("case file", f"{len(generated.documents)} documents (generated, seed 0)"),
            ("first check in the process", f"{cold:.3f} s"),
            ("read only (read_case), warm", f"{read:.3f} s (CPU {read_cpu:.3f} s)"),
            (
                "full check (check_case), warm",
                f"{full:.3f} s (CPU {full_cpu:.3f} s; target ≤ {TARGET_WARM_S:.0f} s: "
                f"{'met' if full <= TARGET_WARM_S else 'MISSED'})",
            ),
            (
                "ratio full / read",
                f"{full / read:.2f} (target ≤ {TARGET_FULL_OVER_READ:.0f}: "
                f"{'met' if full / read <= TARGET_FULL_OVER_READ else 'MISSED'})",
            ),
            ("check minus read (extract + rules)", f"{full - read:.3f} s"),
            ("load average (1 min) of the machine", f"{os.getloadavg()[0]:.1f}"),
            *cold_starts(decision, args.bundle, max(1, args.repeat // 2)),
            ("peak RSS of this process", f"{peak_mb:.0f} MB"),
        ]
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")
        if args.profile:
            profile(case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
