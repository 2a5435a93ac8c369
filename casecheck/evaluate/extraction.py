"""Score extraction against a gold file: per element kind precision, recall and F1, and the
citations found (law + article, and down to paragraph and item) with their roles.

The gold file (YAML) has two parts. ``documents`` names real texts by path under ``root``
(relative to the gold file) and lists the expected values of some kinds — only the kinds
listed for a document are scored there, an empty list meaning "none expected" — and, when a
``citations`` key is present, every provision the document cites (law, article, paragraph,
item, role). ``generated`` names seeds and documents of generated case files, whose expected
values come from the generator's facts (casecheck.evaluate.samples). A document whose
file is absent is skipped and listed in `Evaluation.missing`.

Values are compared on their normalized form: dates as YYYY-MM-DD, amounts in yuan, names for
parties, officers and evidence, the period as written for remedies. Citations without an
article (违反《…法》的规定) are not scored; gold law names are made canonical as the engine
makes found ones (the law registry first).

    python -m casecheck.evaluate.extraction tests/gold/elements.yaml
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casecheck.model import ELEMENT_KINDS, Citation, Document
from casecheck.nlp.citations import NameResolver, canonical_law_name, find_citations
from casecheck.nlp.elements import extract_elements

_NAME_KEYS = {"party_name": "name", "officer": "name", "evidence_item": "name"}
_PERIOD_KINDS = ("remedy_reconsideration", "remedy_litigation")
_AMOUNT_KINDS = ("fine_amount", "confiscation_amount")

Provision = tuple[str, int, int | None, int | None]  # law, article, paragraph, item


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

    def count(self, want: set[Any], got: set[Any]) -> None:
        self.tp += len(want & got)
        self.fp += len(got - want)
        self.fn += len(want - got)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class CitationScore:
    """`article` counts (law, article) pairs, `provision` (law, article, paragraph, item);
    roles are checked for every gold citation whose provision was found."""

    article: KindScore = field(default_factory=lambda: KindScore("citation (law+article)"))
    provision: KindScore = field(default_factory=lambda: KindScore("citation (+paragraph/item)"))
    roles_checked: int = 0
    roles_correct: int = 0
    documents: int = 0

    @property
    def role_accuracy(self) -> float:
        return self.roles_correct / self.roles_checked if self.roles_checked else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "article": self.article.to_json(),
            "provision": self.provision.to_json(),
            "roles_checked": self.roles_checked,
            "roles_correct": self.roles_correct,
            "role_accuracy": round(self.role_accuracy, 4),
        }


@dataclass(frozen=True)
class Error:
    """One disagreement: `problem` is missed (in the gold, not found), extra (found, not in the
    gold) or role (found with another role than the gold's)."""

    document: str
    kind: str
    problem: str
    value: str


@dataclass
class Evaluation:
    scores: list[KindScore]
    documents: int
    missing: list[str]
    citations: CitationScore = field(default_factory=CitationScore)
    errors: list[Error] = field(default_factory=list)

    @property
    def total(self) -> KindScore:
        total = KindScore("all")
        for s in self.scores:
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total

    def score(self, kind: str) -> KindScore:
        return next((s for s in self.scores if s.kind == kind), KindScore(kind))

    def table(self) -> str:
        lines = [f"{'kind':28} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
        c = self.citations
        for s in [*self.scores, self.total, c.article, c.provision]:
            lines.append(
                f"{s.kind:28} {s.tp:4d} {s.fp:4d} {s.fn:4d} "
                f"{s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f}"
            )
        lines.append(
            f"citation roles: {c.roles_correct}/{c.roles_checked} = {c.role_accuracy:.2f}"
            f" ({c.documents} documents)"
        )
        lines.append(f"documents scored: {self.documents}; missing: {len(self.missing)}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "missing": self.missing,
            "kinds": [s.to_json() for s in self.scores],
            "total": self.total.to_json(),
            "citations": self.citations.to_json(),
            "errors": [asdict(e) for e in self.errors],
        }


def _key(kind: str, value: Any) -> Any:
    """The comparable form of a normalized value (or of a gold value as written)."""
    if isinstance(value, dict):
        value = value.get("period") if kind in _PERIOD_KINDS else value.get(_NAME_KEYS[kind])
    if kind in _AMOUNT_KINDS and isinstance(value, int | float):
        return round(float(value), 2)
    return str(value)  # YAML reads 2018-01-22 as a date and a 15-digit number as an int


def _law_resolver() -> NameResolver | None:
    """The registry's name lookup, as the engine uses it; None when the registry won't load."""
    try:
        from casecheck.laws.registry import load_registry

        registry = load_registry()
    except (OSError, ValueError, KeyError, yaml.YAMLError):
        return None

    def resolve(name: str) -> str | None:
        law = registry.resolve_name(name)
        return law.name if law else None

    return resolve


def _provision(c: dict[str, Any], resolve: NameResolver | None) -> Provision:
    law = canonical_law_name(str(c["law"]), resolve)
    return (law, int(c["article"]), c.get("paragraph"), c.get("item"))


def _show(p: Provision) -> str:
    law, article, paragraph, item = p
    return (
        law
        + f"第{article}条"
        + (f"第{paragraph}款" if paragraph else "")
        + (f"第{item}项" if item else "")
    )


def _gold_documents(gold_path: Path, gold: dict[str, Any], missing: list[str]) -> Iterator[dict]:
    """Every gold entry with its Document; absent corpus files go to `missing`."""
    root = (gold_path.parent / gold.get("root", ".")).resolve()
    for entry in gold.get("documents") or []:
        path = root / entry["path"]
        if not path.is_file():
            missing.append(entry["path"])
            continue
        text = path.read_text(encoding="utf-8")
        doc = Document(id=entry["path"], path=str(path), text=text, doc_type=entry["doc_type"])
        yield {**entry, "document": doc}
    generated = gold.get("generated")
    if generated:
        from casecheck.evaluate.samples import sample_gold

        yield from sample_gold(list(generated["seeds"]), list(generated["documents"]))


def _score_elements(
    doc: Document, expect: dict[str, Any], scores: dict[str, KindScore], errors: list[Error]
) -> None:
    found = extract_elements(doc)
    for kind, expected in expect.items():
        want = {_key(kind, v) for v in expected or []}
        got = {_key(kind, e.normalized) for e in found if e.kind == kind}
        scores[kind].count(want, got)
        errors += [Error(doc.id, kind, "missed", str(v)) for v in sorted(want - got, key=str)]
        errors += [Error(doc.id, kind, "extra", str(v)) for v in sorted(got - want, key=str)]


def _score_citations(
    doc: Document,
    gold: list[dict[str, Any]],
    score: CitationScore,
    resolve: NameResolver | None,
    errors: list[Error],
) -> None:
    found: list[Citation] = [
        c for c in find_citations(doc.text, doc.id, resolve_name=resolve) if c.article is not None
    ]
    got = {(c.law, c.article, c.paragraph, c.item): c for c in found}
    roles: dict[Provision, set[str]] = {}
    for c in found:
        roles.setdefault((c.law, c.article, c.paragraph, c.item), set()).add(c.role)
    want = [(_provision(g, resolve), g["role"]) for g in gold]
    score.documents += 1
    score.article.count({p[:2] for p, _ in want}, {p[:2] for p in got})
    score.provision.count({p for p, _ in want}, set(got))
    wanted = {p for p, _ in want}
    errors += [Error(doc.id, "citation", "missed", _show(p)) for p in sorted(wanted - set(got))]
    errors += [Error(doc.id, "citation", "extra", _show(p)) for p in sorted(set(got) - wanted)]
    for p, role in want:
        if p not in roles:
            continue
        score.roles_checked += 1
        if role in roles[p]:
            score.roles_correct += 1
        else:
            found_roles = "/".join(sorted(roles[p]))
            errors.append(Error(doc.id, "citation", "role", f"{_show(p)}: {role} ≠ {found_roles}"))


def evaluate(gold_path: str | Path) -> Evaluation:
    """Run extraction on every gold document found and count hits per kind and citation."""
    gold_path = Path(gold_path)
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    scores = {k: KindScore(k) for k in ELEMENT_KINDS}
    citations = CitationScore()
    errors: list[Error] = []
    missing: list[str] = []
    resolve = _law_resolver()
    documents = 0
    for entry in _gold_documents(gold_path, gold, missing):
        documents += 1
        doc = entry["document"]
        _score_elements(doc, entry.get("expect") or {}, scores, errors)
        if entry.get("citations") is not None:
            _score_citations(doc, entry["citations"], citations, resolve, errors)
    used = [s for s in scores.values() if s.tp + s.fp + s.fn]
    return Evaluation(used, documents, missing, citations, errors)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("用法：python -m casecheck.evaluate.extraction 金标准文件.yaml", file=sys.stderr)
        return 2
    try:
        result = evaluate(args[0])
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        print(f"无法读取金标准文件 {args[0]}：{exc}", file=sys.stderr)
        return 2
    print(result.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
