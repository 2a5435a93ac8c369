"""Citation extraction speed on the 1,413 real decisions of the yunli45 sample (not a test).

Run: PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_citations.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from casecheck.nlp.citations import find_citations

SAMPLE = (
    Path(__file__).resolve().parents[2].parent
    / "shared/corpus/decisions/yunli45_scraped_2015-2018/_sample_1500.jsonl"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (best is reported)")
    args = parser.parse_args()
    if not SAMPLE.is_file():
        print(f"样本文件不存在：{SAMPLE}", file=sys.stderr)
        return 1
    with SAMPLE.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]

    find_citations("《行政处罚法》第一条")  # load the lexicon before timing
    best = float("inf")
    for _ in range(args.repeat):
        began = time.perf_counter()
        results = [find_citations(text) for text in texts]
        best = min(best, time.perf_counter() - began)

    roles = Counter(c.role for found in results for c in found)
    citations = sum(roles.values())
    chars = sum(map(len, texts))
    rows = [
        ("texts", f"{len(texts):,}"),
        ("characters", f"{chars:,}"),
        ("citations", f"{citations:,}"),
        ("texts with a citation", f"{sum(1 for r in results if r):,}"),
        *((f"role {role}", f"{n:,} ({n / citations:.0%})") for role, n in roles.most_common()),
        ("best of passes", f"{best:.2f} s ({args.repeat} passes)"),
        ("citations / s", f"{citations / best:,.0f}"),
        ("texts / s", f"{len(texts) / best:,.0f}"),
        ("characters / s", f"{chars / best:,.0f}"),
        ("ms / text", f"{1000 * best / len(texts):.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
