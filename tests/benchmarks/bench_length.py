"""Time versus document length (not a test): one penalty decision as a text-layer PDF of 1, 10,
100 and 500 pages (its findings paragraphs repeated, drawn with reportlab by the sample
renderer), read and checked by a warm engine. The 1-page document is the baseline: a linear
engine keeps the time per page flat.

Run: PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_length.py [--pages 1,10,100,500]
     [--profile PAGES]   # cProfile of checking that length, top functions
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pypdfium2

from casecheck import check_case, read_case
from casecheck.samples.facts import make_facts
from casecheck.samples.generator import build_documents
from casecheck.samples.render import write_pdf
from casecheck.samples.textdoc import Para

PROBE = 20


def decision_pdf(path: Path, pages: int) -> int:
    """Write the generated decision with its longest paragraph repeated to fill about `pages`
    pages; returns the page count written."""
    docs, _ = build_documents(make_facts(0, frozenset()))
    decision = next(d for d in docs if d.key == "decision")
    longest = max(
        (n for n, b in enumerate(decision.blocks) if isinstance(b, Para)),
        key=lambda n: len(decision.blocks[n].text),
    )

    def write(copies: int) -> int:
        blocks = list(decision.blocks)
        blocks[longest + 1 : longest + 1] = [decision.blocks[longest]] * copies
        write_pdf(replace(decision, blocks=blocks, fmt="pdf"), path)
        return len(pypdfium2.PdfDocument(path))

    base = write(0)
    if pages <= base:
        return base
    added = max(write(PROBE) - base, 1)  # pages that PROBE copies add
    return write(round((pages - base) * PROBE / added))


def timed(work, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def print_table(rows: list[tuple[str, ...]]) -> None:
    """The rows right-aligned in columns, then the peak memory and the machine's load."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB; load average {os.getloadavg()[0]:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="1,10,100,500", help="lengths, comma-separated")
    parser.add_argument("--profile", type=int, help="profile the check of this length")
    args = parser.parse_args()
    lengths = [int(n) for n in args.pages.split(",")]

    rows = [("pages", "chars", "read s", "check s", "check s/page", "× 1-page per page")]
    with tempfile.TemporaryDirectory(prefix="bench-length-") as tmp:
        files = {}
        for n in lengths:
            path = Path(tmp) / f"{n}页" / "行政处罚决定书.pdf"
            path.parent.mkdir()
            files[n] = (path, decision_pdf(path, n))
        check_case(files[lengths[0]][0])  # warm the engine
        base = None
        for n in lengths:
            path, pages = files[n]
            repeat = 3 if pages <= 10 else 1
            chars = sum(d.chars for d in read_case(path).documents)
            read = timed(lambda p=path: read_case(p), repeat)
            check = timed(lambda p=path: check_case(p), repeat)
            per_page = check / pages
            base = base or per_page
            rows.append(
                (
                    str(pages),
                    f"{chars:,}",
                    f"{read:.2f}",
                    f"{check:.2f}",
                    f"{per_page:.3f}",
                    f"{per_page / base:.2f}",
                )
            )
        if args.profile:
            path = files[args.profile][0]
            profiler = cProfile.Profile()
            profiler.runcall(check_case, path)
            pstats.Stats(profiler).strip_dirs().sort_stats("cumulative").print_stats(30)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
