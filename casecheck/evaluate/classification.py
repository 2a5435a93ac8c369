"""`casecheck eval-classify GOLD`: document-type precision and recall on a labelled set.

The gold file (tests/gold/doctypes.yaml) lists `path`, expected `type` and `split` (dev |
heldout). Paths `variety/…` and `decisions/…` resolve under the corpus root (default
../shared/corpus next to the repository); `demo/Dnn` is the nn-th document of the generated
sample case; anything else is a path relative to the repository.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from casecheck.classify import load_catalog
from casecheck.ingest import read_path
from casecheck.model import CaseFile

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
_CORPUS_PREFIXES = ("variety/", "decisions/")
DEMO_PREFIX = "demo/"


@dataclass
class Outcome:
    path: str
    expected: str
    predicted: str
    confidence: float
    split: str


@dataclass
class Evaluation:
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def of_split(self, split: str | None) -> list[Outcome]:
        return [o for o in self.outcomes if split is None or o.split == split]

    def accuracy(self, split: str | None = None) -> float:
        chosen = self.of_split(split)
        return sum(o.expected == o.predicted for o in chosen) / len(chosen) if chosen else 0.0

    def per_type(self, split: str | None = None) -> dict[str, tuple[float, float, int]]:
        """type → (precision, recall, support) on `split`."""
        chosen = self.of_split(split)
        right = Counter(o.expected for o in chosen if o.expected == o.predicted)
        expected = Counter(o.expected for o in chosen)
        predicted = Counter(o.predicted for o in chosen)
        return {
            t: (
                right[t] / predicted[t] if predicted[t] else 0.0,
                right[t] / expected[t] if expected[t] else 0.0,
                expected[t],
            )
            for t in sorted(set(expected) | set(predicted))
        }

    def errors(self, split: str | None = None) -> list[Outcome]:
        return [o for o in self.of_split(split) if o.expected != o.predicted]


def load_gold(path: Path) -> list[dict[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["entries"])


def _demo_case(workdir: Path) -> CaseFile:
    from casecheck.samples.generator import generate_case

    generate_case(workdir / "demo", [], seed=0, layout="folder")
    return read_path(workdir / "demo")


def evaluate(gold: Path, corpus: Path = DEFAULT_CORPUS, repo: Path = REPO) -> Evaluation:
    """Classify every gold entry whose file exists; entries under a missing corpus are skipped."""
    from casecheck.classify import classify_case

    catalog = load_catalog()
    result = Evaluation()
    entries = load_gold(gold)
    with tempfile.TemporaryDirectory() as tmp:
        demo = None
        if any(e["path"].startswith(DEMO_PREFIX) for e in entries):
            demo = _demo_case(Path(tmp))
            classify_case(demo, catalog)
        for entry in entries:
            rel = entry["path"]
            if rel.startswith(DEMO_PREFIX):
                doc = demo.document(rel[len(DEMO_PREFIX) :]) if demo else None
            else:
                base = corpus if rel.startswith(_CORPUS_PREFIXES) else repo
                file = base / rel
                if not file.exists():
                    result.skipped.append(rel)
                    continue
                case = read_path(file)
                classify_case(case, catalog)
                doc = case.documents[0] if case.documents else None
            if doc is None:
                result.skipped.append(rel)
                continue
            result.outcomes.append(
                Outcome(rel, entry["type"], doc.doc_type, doc.type_confidence, entry["split"])
            )
    return result


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "eval-classify",
        help="用金标准文件评估文书类型识别的准确率",
        description="对金标准文件中的文书识别类型，按类型输出精确率和召回率，并给出总体准确率。",
    )
    parser.add_argument("gold", type=Path, help="金标准文件（YAML），如 tests/gold/doctypes.yaml")
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="语料根目录（含 variety/、decisions/）"
    )
    parser.add_argument(
        "--repo", type=Path, default=REPO, help="其余相对路径的根目录（默认本仓库）"
    )
    parser.add_argument(
        "--split", choices=("dev", "heldout", "all"), default="heldout", help="评估哪一部分"
    )
    parser.add_argument("--errors", action="store_true", help="列出每一处识别错误")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    if not args.gold.is_file():
        print(f"错误：找不到金标准文件 {args.gold}", file=sys.stderr)
        return 3
    result = evaluate(args.gold, args.corpus, args.repo)
    split = None if args.split == "all" else args.split
    chosen = result.of_split(split)
    print(f"{'文书类型':<16}精确率  召回率  样本数")
    for name, (precision, recall, support) in result.per_type(split).items():
        print(f"{name:<16}{precision:6.2f}  {recall:6.2f}  {support:5d}")
    print(f"\n{args.split}：{len(chosen)} 份，准确率 {result.accuracy(split):.3f}")
    if split != "dev":
        print(f"dev：准确率 {result.accuracy('dev'):.3f}（{len(result.of_split('dev'))} 份）")
    if result.skipped:
        print(f"跳过 {len(result.skipped)} 份（文件不存在）")
    if args.errors:
        for o in result.errors(split):
            print(f"  ✗ {o.path}：应为 {o.expected}，识别为 {o.predicted}（{o.confidence:.2f}）")
    return 0
