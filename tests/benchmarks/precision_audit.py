"""Precision audit on the real corpora: run the engine over published decisions and real
documents of many departments, count findings per rule and severity, and list every major/veto
finding with its context so that each can be judged true or false of its file.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/precision_audit.py OUT_DIR [--sample 200]

Corpora (under ../shared/corpus): every .txt/.docx/.pdf of `decisions/` (single decisions and
excerpts), every file of `variety/` (each checked as a one-document case), and the first N
decisions of `decisions/yunli45_scraped_2015-2018/_sample_1500.jsonl`.

Writes OUT_DIR/findings.jsonl (every major/veto finding: file, rule, severity, confidence,
message, quote and ±80 characters of context, its judgement key and verdict) and
OUT_DIR/table.txt; prints per rule: findings by severity, major/veto judged true/false and the
precision, then the major/veto findings that have no judgement yet in
tests/benchmarks/results/precision_judgements.yaml (new findings after a change), so they can be
judged quickly, and the false vetoes marked `open` that no longer fire. `--judged-only` runs only
the documents the judgement file names (from the whole scraped sample; the CI set).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from casecheck import check_case
from casecheck.model import Finding, Report

REPO = Path(__file__).resolve().parents[2]
# ../shared beside the repository; a worktree in a subfolder finds it one level further up.
CORPUS = next(
    (p / "shared" / "corpus" for p in REPO.parents if (p / "shared" / "corpus").is_dir()),
    REPO.parent / "shared" / "corpus",
)
DECISIONS = CORPUS / "decisions"
VARIETY = CORPUS / "variety"
JSONL = DECISIONS / "yunli45_scraped_2015-2018" / "_sample_1500.jsonl"
JUDGEMENTS = Path(__file__).with_name("results") / "precision_judgements.yaml"
SUFFIXES = {".txt", ".docx", ".pdf"}
SEVERE = ("veto", "major")
CONTEXT = 80
QUOTE_KEY = 30
SAMPLE_SIZE = 1_413  # records in _sample_1500.jsonl


@dataclass(frozen=True)
class Case:
    """One checked unit: its stable name in the judgement file and the path to check."""

    name: str
    path: Path


def finding_key(name: str, finding: Finding) -> str:
    """The judgement key: file, rule and the start of the quote (or of the message if none)."""
    anchor = finding.quote or f"msg:{finding.message}"
    return f"{name}|{finding.rule_id}|{' '.join(anchor.split())[:QUOTE_KEY]}"


def corpus_cases(work: Path, sample: int, names: set[str] | None = None) -> Iterator[Case]:
    """The real corpora in a fixed order (only `names`, if given); the first `sample` records of
    the scraped sample are written to `work` as .txt."""
    if DECISIONS.is_dir():
        for path in sorted(DECISIONS.rglob("*")):
            name = f"decisions/{path.relative_to(DECISIONS)}"
            if path.suffix.lower() in SUFFIXES and (names is None or name in names):
                yield Case(name, path)
    if VARIETY.is_dir():
        for path in sorted(VARIETY.iterdir()):
            name = f"variety/{path.name}"
            if path.suffix.lower() in SUFFIXES and (names is None or name in names):
                yield Case(name, path)
    if sample and JSONL.exists():
        with JSONL.open(encoding="utf-8") as fh:
            for _, line in zip(range(sample), fh, strict=False):
                record = json.loads(line)
                name = f"sample/{record['record_id']}"
                if names is not None and name not in names:
                    continue
                path = work / f"{record['record_id']}.txt"
                path.write_text(record["text"], encoding="utf-8")
                yield Case(name, path)


def load_judgements(path: Path = JUDGEMENTS) -> dict[str, dict]:
    """Judgement key -> its entry (verdict, reason, severity when judged, owner, open)."""
    if not path.exists():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {f"{e['file']}|{e['rule']}|{e['quote']}": e for e in entries}


def judged_cases(work: Path, judgements: dict[str, dict]) -> list[Case]:
    """The cases the judgement file names, from the whole scraped sample (the CI set)."""
    named = {key.split("|", 1)[0] for key in judgements}
    return list(corpus_cases(work, SAMPLE_SIZE, named))


def _context(report: Report, finding: Finding) -> str:
    doc = next((d for d in report.documents if d.id == finding.document), None)
    if doc is None or finding.start is None:
        return ""
    end = finding.end if finding.end is not None else finding.start
    text = doc.text
    return (
        text[max(0, finding.start - CONTEXT) : finding.start]
        + "【"
        + text[finding.start : end]
        + "】"
        + text[end : end + CONTEXT]
    )


def audit(cases: list[Case], judgements: dict[str, dict]) -> tuple[list[dict], Counter]:
    """Check every case; return the major/veto rows and the (rule, severity) counts."""
    rows: list[dict] = []
    counts: Counter = Counter()
    for case in cases:
        report = check_case(case.path)
        for f in report.findings:
            counts[(f.rule_id, f.severity)] += 1
            if f.severity not in SEVERE:
                continue
            key = finding_key(case.name, f)
            judged = judgements.get(key)
            rows.append(
                {
                    "key": key,
                    "file": case.name,
                    "rule": f.rule_id,
                    "severity": f.severity,
                    "confidence": f.confidence,
                    "doc_type": next(
                        (d.doc_type for d in report.documents if d.id == f.document), ""
                    ),
                    "message": f.message,
                    "quote": f.quote,
                    "context": _context(report, f),
                    "verdict": None if judged is None else judged["verdict"],
                }
            )
    return rows, counts


def table(rows: list[dict], counts: Counter, n_cases: Counter) -> str:
    per_rule: dict[str, Counter] = defaultdict(Counter)
    for (rule, severity), n in counts.items():
        per_rule[rule][severity] += n
    judged: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        judged[row["rule"]][{True: "true", False: "false", None: "unjudged"}[row["verdict"]]] += 1
    lines = [
        f"{sum(n_cases.values())} documents",
        f"{'rule':<34}{'veto':>6}{'major':>6}{'minor':>6}{'hint':>6}"
        f"{'true':>6}{'false':>6}{'unj.':>6}{'prec.':>7}",
    ]
    for rule in sorted(per_rule):
        c, j = per_rule[rule], judged[rule]
        done = j["true"] + j["false"]
        precision = f"{j['true'] / done:.2f}" if done else "-"
        lines.append(
            f"{rule:<34}{c['veto']:>6}{c['major']:>6}{c['minor']:>6}{c['hint']:>6}"
            f"{j['true']:>6}{j['false']:>6}{j['unjudged']:>6}{precision:>7}"
        )
    for corpus, n in sorted(n_cases.items()):
        mine = [r for r in rows if r["file"].startswith(f"{corpus}/")]
        false = [r for r in mine if r["verdict"] is False]
        lines.append(
            f"{corpus}: {n} documents, {len(mine)} major/veto; judged true "
            f"{sum(r['verdict'] is True for r in mine)}, false {len(false)}, unjudged "
            f"{sum(r['verdict'] is None for r in mine)}; false veto "
            f"{sum(r['severity'] == 'veto' for r in false)}; false per 20 documents "
            f"{20 * len(false) / max(n, 1):.2f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, help="directory for findings.jsonl and table.txt")
    parser.add_argument("--sample", type=int, default=200, help="decisions from _sample_1500")
    parser.add_argument(
        "--judged-only", action="store_true", help="only the files the judgement file names"
    )
    args = parser.parse_args()
    judgements = load_judgements()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.judged_only:
            cases = judged_cases(Path(tmp), judgements)
        else:
            cases = list(corpus_cases(Path(tmp), args.sample))
        rows, counts = audit(cases, judgements)
    with (args.out / "findings.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    text = table(rows, counts, Counter(c.name.split("/", 1)[0] for c in cases))
    (args.out / "table.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    raised = {r["key"] for r in rows if r["severity"] == "veto"}
    run = {c.name for c in cases}
    gone = [
        k for k, e in judgements.items() if e.get("open") and e["file"] in run and k not in raised
    ]
    if gone:
        print(f"\n{len(gone)} false vetoes marked open no longer fire (remove `open`):")
        for key in gone:
            print(f"- {key}")
    unjudged = [r for r in rows if r["verdict"] is None]
    if unjudged:
        print(f"\n{len(unjudged)} major/veto findings without a judgement:")
        for r in unjudged:
            print(f"- {r['key']}  [{r['severity']}/{r['confidence']}] {r['message'][:80]}")


if __name__ == "__main__":
    main()
