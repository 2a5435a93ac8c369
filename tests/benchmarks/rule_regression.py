"""Rule regression: run every rule pack over generated case files, the hand-written case files
and the real decisions, and show what changed against the last run (findings gained and
lost), as eyecite and LanguageTool do for their rule sets.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/rule_regression.py [--sample N] [--save]

Results are keyed by (case, rule, quote); `--save` makes this run the baseline
(tests/benchmarks/results/rule_regression.json). Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from casecheck import check_case
from casecheck.samples import DEFECTS, generate_case

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "decisions"
BASELINE = Path(__file__).with_name("results") / "rule_regression.json"

Key = tuple[str, str, str]


def _findings(name: str, path: Path) -> set[Key]:
    report = check_case(path)
    return {(name, f.rule_id, f.quote[:60]) for f in report.findings}


def generated_cases(work: Path) -> dict[str, Path]:
    cases = {
        f"clean-{seed}": generate_case(work / f"clean-{seed}", seed=seed).path for seed in range(3)
    }
    for defect in sorted(DEFECTS):
        cases[f"defect-{defect}"] = generate_case(work / defect, defects=[defect], seed=1).path
    return cases


def hand_written_cases() -> dict[str, Path]:
    """The independent case files of tests/casefiles (written by hand, not generated)."""
    root = REPO / "tests" / "casefiles"
    return {
        f"casefile-{p.name}": p for p in sorted(root.iterdir()) if p.is_dir() and p.name != "gold"
    }


def corpus_cases(work: Path, sample: int) -> dict[str, Path]:
    if not CORPUS.is_dir():
        return {}
    cases = {str(p.relative_to(CORPUS)): p for p in sorted(CORPUS.rglob("*.txt"))}
    jsonl = CORPUS / "yunli45_scraped_2015-2018" / "_sample_1500.jsonl"
    if sample and jsonl.exists():
        with jsonl.open(encoding="utf-8") as fh:
            for n, line in zip(range(sample), fh, strict=False):
                path = work / f"sample-{n:04d}.txt"
                path.write_text(json.loads(line)["text"], encoding="utf-8")
                cases[f"sample-{n:04d}"] = path
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=200, help="decisions from _sample_1500")
    parser.add_argument("--save", action="store_true", help="store this run as the baseline")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cases = {
            **generated_cases(work / "generated"),
            **hand_written_cases(),
            **corpus_cases(work, args.sample),
        }
        current: set[Key] = set()
        for name, path in cases.items():
            current |= _findings(name, path)

    baseline: set[Key] = set()
    if BASELINE.exists():
        baseline = {tuple(k) for k in json.loads(BASELINE.read_text(encoding="utf-8"))}
    gained, lost = current - baseline, baseline - current
    per_rule = Counter(rule for _, rule, _ in current)
    gained_rule = Counter(rule for _, rule, _ in gained)
    lost_rule = Counter(rule for _, rule, _ in lost)

    table = Table(title=f"规则回归：{len(cases)} 个案卷/文书")
    for header in ("规则", "本次", "新增", "消失"):
        table.add_column(header, justify="right" if header != "规则" else "left")
    for rule in sorted(set(per_rule) | set(lost_rule)):
        table.add_row(rule, str(per_rule[rule]), str(gained_rule[rule]), str(lost_rule[rule]))
    console = Console()
    console.print(table)
    for title, keys in (("新增", gained), ("消失", lost)):
        for case, rule, quote in sorted(keys)[:40]:
            console.print(f"{title} {rule} {case} 「{quote}」")
    if args.save:
        BASELINE.write_text(
            json.dumps(sorted(current), ensure_ascii=False, indent=0), encoding="utf-8"
        )
        console.print(f"已保存基线：{BASELINE}")


if __name__ == "__main__":
    main()
