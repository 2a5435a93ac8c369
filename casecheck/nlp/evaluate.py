"""Score `extract_elements` against a gold file: per element kind, precision, recall and F1.

The gold file (YAML) names documents by path under `root` (relative to the gold file) and
lists the expected values of some kinds; only the kinds listed for a document are scored
there. Values are compared on their normalized form: dates as YYYY-MM-DD, amounts in yuan,
names for parties, officers and evidence, the period as written for remedies.

    python -m casecheck.nlp.evaluate tests/gold/elements.yaml
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from casecheck.model import ELEMENT_KINDS, Document
from casecheck.nlp.elements import extract_elements

_NAME_KEYS = {"party_name": "name", "officer": "name", "evidence_item": "name"}
_PERIOD_KINDS = ("remedy_reconsideration", "remedy_litigation")
_AMOUNT_KINDS = ("fine_amount", "confiscation_amount")


@dataclass
class KindScore:
    kind: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    scores: list[KindScore]
    documents: int
    missing: list[str]

    @property
    def total(self) -> KindScore:
        total = KindScore("all")
        for s in self.scores:
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total

    def table(self) -> str:
        lines = [f"{'kind':24} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
        for s in [*self.scores, self.total]:
            lines.append(
                f"{s.kind:24} {s.tp:4d} {s.fp:4d} {s.fn:4d} "
                f"{s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f}"
            )
        lines.append(f"documents scored: {self.documents}; missing: {len(self.missing)}")
        return "\n".join(lines)


def _key(kind: str, value: Any) -> Any:
    """The comparable form of a normalized value (or of a gold value as written)."""
    if isinstance(value, dict):
        value = value.get("period") if kind in _PERIOD_KINDS else value.get(_NAME_KEYS[kind])
    if kind in _AMOUNT_KINDS and isinstance(value, int | float):
        return round(float(value), 2)
    return str(value)  # YAML reads 2018-01-22 as a date and a 15-digit number as an int


def evaluate(gold_path: str | Path) -> Evaluation:
    """Run extraction on every gold document found and count hits per kind."""
    gold_path = Path(gold_path)
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    root = (gold_path.parent / gold.get("root", ".")).resolve()
    scores = {k: KindScore(k) for k in ELEMENT_KINDS}
    documents, missing = 0, []
    for entry in gold["documents"]:
        path = root / entry["path"]
        if not path.is_file():
            missing.append(entry["path"])
            continue
        documents += 1
        text = path.read_text(encoding="utf-8")
        doc = Document(id=entry["path"], path=str(path), text=text, doc_type=entry["doc_type"])
        found = extract_elements(doc)
        for kind, expected in entry["expect"].items():
            want = {_key(kind, v) for v in expected or []}
            got = {_key(kind, e.normalized) for e in found if e.kind == kind}
            score = scores[kind]
            score.tp += len(want & got)
            score.fp += len(got - want)
            score.fn += len(want - got)
    used = [s for s in scores.values() if s.tp + s.fp + s.fn]
    return Evaluation(used, documents, missing)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("用法：python -m casecheck.nlp.evaluate 金标准文件.yaml", file=sys.stderr)
        return 2
    try:
        result = evaluate(args[0])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        print(f"无法读取金标准文件 {args[0]}：{exc}", file=sys.stderr)
        return 2
    print(result.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
