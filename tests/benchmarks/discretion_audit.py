"""Discretion rules on the real corpora: the findings of DISCR-002..005 (to list and judge), why
each rule was not checked, and every place the rules read as a stated level (to judge the
reading of unseen text). Results in docs/discretion.md.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/discretion_audit.py OUT_DIR [--sample 300]

Writes OUT_DIR/findings.tsv, OUT_DIR/levels.tsv (file, level, ±40 characters) and prints the
counts. Not a test.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from casecheck.engine import CheckOptions, build_context, check_case
from casecheck.ingest import read_path
from casecheck.rules.checks.discretion import _stated_levels
from casecheck.rules.pack import shipped_and_user_rules
from tests.benchmarks.precision_audit import DECISIONS, JSONL, VARIETY

RULES = ("DISCR-002", "DISCR-003", "DISCR-004", "DISCR-005")


def corpus(work: Path) -> dict[str, Path]:
    """The decisions, the variety documents and every decision of the scraped sample."""
    files = {str(p.relative_to(DECISIONS)): p for p in sorted(DECISIONS.rglob("*.txt"))}
    files |= {f"variety/{p.name}": p for p in sorted(VARIETY.glob("*")) if p.is_file()}
    if JSONL.exists():
        with JSONL.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                path = work / f"sample-{n:04d}.txt"
                path.write_text(json.loads(line)["text"], encoding="utf-8")
                files[f"sample-{n:04d}"] = path
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sample", type=int, default=300, help="scraped decisions checked whole")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rule = next(r for r in shipped_and_user_rules() if r.id == "DISCR-002")
    reasons: Counter[tuple[str, str]] = Counter()
    levels: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        files = corpus(Path(tmp))
        with (
            (args.out / "findings.tsv").open("w", encoding="utf-8") as found,
            (args.out / "levels.tsv").open("w", encoding="utf-8") as read,
        ):
            for name, path in files.items():
                if not name.startswith("sample-") or int(name[7:]) < args.sample:
                    report = check_case(path)
                    for f in report.findings:
                        if f.rule_id in RULES:
                            found.write(f"{name}\t{f.rule_id}\t{f.message}\t{f.quote}\n")
                    reasons.update(
                        (n.check[:9], n.reason) for n in report.not_checked if n.check[:9] in RULES
                    )
                if path.suffix != ".txt":
                    continue
                ctx = build_context(read_path(path), CheckOptions())
                for s in _stated_levels(ctx, rule, ctx.documents()):
                    levels[s.grade] += 1
                    context = s.document.text[max(0, s.start - 40) : s.end + 10].replace("\n", " ")
                    read.write(f"{name}\t{s.grade}\t{context}\n")
    print("findings:", sum(1 for _ in (args.out / "findings.tsv").open(encoding="utf-8")))
    for (check, reason), n in reasons.most_common():
        print(n, check, reason)
    print("levels read:", dict(levels))


if __name__ == "__main__":
    main()
