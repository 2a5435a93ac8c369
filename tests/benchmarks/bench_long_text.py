"""Time versus length of a plain-text document (not a test): a penalty decision with its whole
body (facts, evidence, citations, amounts, dates) repeated to 100,000, 300,000 and 900,000
characters, as one .txt file, checked by a warm engine in this process. Two decisions: the
generated one (every citation valid) and the hand-written one of `tests/casefiles/chengguan-
building` (undated, its penalty basis an article the law does not have, so the citation checks
look for dates in the document). Unlike `bench_length.py`, which repeats one paragraph, every
kind of element grows with the length, so a check that scans the whole document again for each
citation, amount or finding shows up.

Run: PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_long_text.py [--chars 100000,900000]
     [--profile CHARS]   # cProfile of checking that length, top functions
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from casecheck import check_case
from casecheck.ingest import isolation
from casecheck.samples.facts import make_facts
from casecheck.samples.generator import build_documents
from tests.benchmarks.bench_length import print_table

HEAD_LINES = 4  # title, number and party stay once, at the top
CASEFILE = Path(__file__).parents[1] / "casefiles" / "chengguan-building" / "09行政处罚决定书.txt"


def decision_lines(source: str) -> list[str]:
    if source == "casefile":
        return [line for line in CASEFILE.read_text("utf-8").splitlines() if line.strip()]
    docs, _ = build_documents(make_facts(0, frozenset()))
    return next(d for d in docs if d.key == "decision").text().splitlines()


def long_decision(source: str, chars: int) -> str:
    """The decision, its body repeated to at least `chars` characters."""
    lines = decision_lines(source)
    head, body = lines[:HEAD_LINES], lines[HEAD_LINES:]
    out = list(head)
    while sum(len(line) + 1 for line in out) < chars:
        out += body
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", default="100000,300000,900000", help="lengths, comma-separated")
    parser.add_argument("--profile", type=int, help="profile the check of this length")
    args = parser.parse_args()
    isolation.ENABLED = False  # the check's own time, in this process
    rows = [("decision", "chars", "check s", "CPU s", "CPU s per 100,000 chars")]
    with tempfile.TemporaryDirectory(prefix="bench-long-text-") as tmp:
        check_case(_write(Path(tmp), "generated", 2000))  # warm the engine
        for source in ("generated", "casefile"):
            for n in [int(x) for x in args.chars.split(",")]:
                path = _write(Path(tmp), source, n)
                began, cpu = time.perf_counter(), time.process_time()
                check_case(path)
                wall, cpu = time.perf_counter() - began, time.process_time() - cpu
                per = cpu * 100_000 / n
                rows.append((source, f"{n:,}", f"{wall:.2f}", f"{cpu:.2f}", f"{per:.2f}"))
                if args.profile == n:
                    profiler = cProfile.Profile()
                    profiler.runcall(check_case, path)
                    pstats.Stats(profiler).strip_dirs().sort_stats("tottime").print_stats(25)
    print_table(rows)
    return 0


def _write(folder: Path, source: str, chars: int) -> Path:
    path = folder / f"{source}-{chars}" / "行政处罚决定书.txt"
    path.parent.mkdir()
    path.write_text(long_decision(source, chars), encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main())
