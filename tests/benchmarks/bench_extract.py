"""Benchmark of element extraction; prints a results table.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_extract.py [--limit N]

Measures: jieba's load for officer names (fresh processes), extraction time for one
~5,000-character decision, and characters per second of `extract_elements` over the sampled
real decisions in ../shared/corpus/decisions/yunli45_scraped_2015-2018/_sample_1500.jsonl.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from casecheck.model import Document
from casecheck.nlp.elements import extract_elements

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "decisions"
SAMPLE = CORPUS / "yunli45_scraped_2015-2018" / "_sample_1500.jsonl"

_LOAD = """
import time
t0 = time.perf_counter()
from casecheck.nlp.names import person_names
person_names("张建国")
t1 = time.perf_counter()
person_names("李秀英")
print(t1 - t0, time.perf_counter() - t1)
"""


def _load_times(runs: int = 3) -> tuple[float, float]:
    loads, firsts = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        )
        load, first = map(float, out.stdout.split())
        loads.append(load)
        firsts.append(first)
    return statistics.median(loads), statistics.median(firsts)


def _texts(limit: int | None) -> list[str]:
    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    return texts[:limit] if limit else texts


def _five_thousand(texts: list[str]) -> str:
    """A real decision of about 5,000 characters (the nearest in the sample)."""
    return min(texts, key=lambda t: abs(len(t) - 5000))


def _per_doc_ms(text: str, runs: int = 20) -> tuple[float, float]:
    doc = Document(id="b", path="", text=text, doc_type="行政处罚决定书")
    first = time.perf_counter()
    extract_elements(doc)
    first = time.perf_counter() - first
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        extract_elements(doc)
        times.append(time.perf_counter() - t)
    return first * 1000, statistics.median(times) * 1000


def _throughput(texts: list[str], fn) -> tuple[float, float]:
    t = time.perf_counter()
    for text in texts:
        fn(text)
    seconds = time.perf_counter() - t
    return sum(map(len, texts)) / seconds, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    args = parser.parse_args()
    if not SAMPLE.is_file():
        sys.exit(f"语料不存在：{SAMPLE}")
    texts = _texts(args.limit)
    rows: list[tuple[str, str]] = []

    load, first = _load_times()
    rows.append(("jieba load for names (fresh process, median of 3)", f"{load:.2f} s"))
    rows.append(("next name after load", f"{first * 1000:.1f} ms"))

    decision = _five_thousand(texts)
    first, median = _per_doc_ms(decision)
    rows.append(
        (f"extract_elements, one {len(decision):,}-char decision, first", f"{first:.1f} ms")
    )
    rows.append(
        (f"extract_elements, one {len(decision):,}-char decision, median", f"{median:.1f} ms")
    )

    chars = sum(map(len, texts))
    speed, seconds = _throughput(
        texts, lambda t: extract_elements(Document(id="b", path="", text=t))
    )
    rows.append(
        (f"extract_elements over {len(texts):,} texts ({chars:,} chars)", f"{seconds:.2f} s")
    )
    rows.append(("extract_elements throughput", f"{speed:,.0f} chars/s"))

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':{width}}  result")
    print(f"{'-' * width}  {'-' * 16}")
    for name, value in rows:
        print(f"{name:{width}}  {value}")


if __name__ == "__main__":
    main()
