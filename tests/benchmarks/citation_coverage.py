"""How many article citations in the real decisions the law facts can check (not a test).

For every decision of ../shared/corpus/decisions (the .txt files and the yunli45 sample), the
citations are extracted and validated as `casecheck check` does; the table gives the share of
article citations per status and the laws whose citations most often stay `unchecked`.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/citation_coverage.py [--corpus DIR] [--sample N]
        [--list STATUS]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from casecheck.engine import extract, read_case, validate
from casecheck.timeline import build_timeline

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "decisions"


def texts(corpus: Path, sample: int) -> dict[str, str]:
    out = {str(p.relative_to(corpus)): p.read_text(encoding="utf-8") for p in corpus.rglob("*.txt")}
    jsonl = corpus / "yunli45_scraped_2015-2018" / "_sample_1500.jsonl"
    if jsonl.is_file():
        with jsonl.open(encoding="utf-8") as fh:
            for n, line in zip(range(sample), fh, strict=False):
                out[f"sample-{n:04d}"] = json.loads(line)["text"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=1500, help="decisions from _sample_1500")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the decisions folder")
    parser.add_argument("--list", default="", help="print every citation with this status")
    args = parser.parse_args()
    statuses: Counter[str] = Counter()
    unchecked: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in sorted(texts(args.corpus, args.sample).items()):
            path = Path(tmp) / "decision.txt"
            path.write_text(text, encoding="utf-8")
            case = read_case(path)
            elements, citations = extract(case)
            for c in validate(case, citations, build_timeline(elements)):
                if c.article is None:
                    continue
                statuses[c.status] += 1
                if c.status == "unchecked":
                    unchecked[f"{c.law} {c.version or ''}"] += 1
                if c.status == args.list:
                    print(f"{name}\t{c.as_written}\t{c.version}\t{c.role}")
    total = sum(statuses.values())
    for status, n in statuses.most_common():
        print(f"{status:<20} {n:>6} {n / total:6.1%}")
    print(f"{'article citations':<20} {total:>6}")
    print("\nmost unchecked:")
    for law, n in unchecked.most_common(40):
        print(f"{n:>5}  {law}")


if __name__ == "__main__":
    main()
