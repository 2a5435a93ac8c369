"""Person names found for 脱敏, measured on the hand-labelled set tests/gold/person_names.yaml.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_person_names.py [--verbose]

Each small case file of the set is written to a folder and read as the desensitiser reads a case
(`read_case`, `extract`, `find_values`); the names it finds are then located in the text as the
replacer locates them. Scored per occurrence: a gold name occurrence is found when a person value
spans exactly it; a person span that is no gold name is a false positive (a distractor of the set
or anything else). Three ways are compared:

(a) labels only: each line read on its own (under its document's title), so a name counts only
    where a label, a signature or its form marks it on that line;
(b) labels + propagation: the names found anywhere in the case file, replaced everywhere (what
    `casecheck desensitise` does);
(c0) (b) + every word jieba tags as a person's name (nr, nrt, nrfg) that is 2–3 characters
    long and opens with a common surname (checklists/lexicon/elements.yaml);
(c) (b) + jieba's names as `casecheck desensitise` keeps them (`running_text_names` of
    checklists/lexicon/desensitise.yaml: no common dictionary word, no place).
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rich.console import Console
from rich.table import Table

from casecheck.desensitise.rewrite import Replacer
from casecheck.desensitise.values import canonical, find_values, words
from casecheck.nlp.lexicon import lexicon

GOLD = Path(__file__).resolve().parents[1] / "gold" / "person_names.yaml"
_MARK = re.compile(r"⟦(?P<name>[^⟧]+)⟧|⟪(?P<other>[^⟫]+)⟫")

Span = tuple[str, int, int]  # (document key, start, end)


@dataclass
class Doc:
    key: str  # case/file
    file: str
    text: str
    names: list[tuple[int, int]] = field(default_factory=list)
    distractors: list[tuple[int, int]] = field(default_factory=list)


def parse(marked: str, key: str, file: str) -> Doc:
    """The text without its marks, with the spans of the names and distractors marked."""
    doc, out, pos = Doc(key, file, ""), [], 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        start = sum(map(len, out))
        value = m.group("name") or m.group("other")
        out.append(value)
        (doc.names if m.group("name") else doc.distractors).append((start, start + len(value)))
        pos = m.end()
    out.append(marked[pos:])
    doc.text = "".join(out)
    return doc


def load(path: Path = GOLD) -> list[list[Doc]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        [parse(d["text"], f"{c['name']}/{d['file']}", d["file"]) for d in c["documents"]]
        for c in data["cases"]
    ]


def found_persons(docs: Iterable[tuple[str, str]], running_text: bool = False) -> set[str]:
    """The canonical person values the desensitiser finds in a case of (file, text)."""
    from casecheck.engine import extract, read_case
    from casecheck.ingest.options import ReadOptions

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "案卷"
        folder.mkdir()
        for file, text in docs:
            (folder / file).write_text(text, encoding="utf-8")
        case = read_case(folder, ReadOptions(ocr=False))
        elements, _ = extract(case)
        return set(find_values(case, elements, running_text=running_text).of("person"))


def spans_of(values: set[str], doc: Doc, lines: range | None = None) -> set[Span]:
    if not values:
        return set()
    replacer = Replacer(dict.fromkeys(values, "X"))
    out = set()
    for start, end, _ in replacer.spans(doc.text):
        if lines is None or (lines.start <= start and end <= lines.stop):
            out.add((doc.key, start, end))
    return out


def labels_only(case: list[Doc]) -> set[Span]:
    spans: set[Span] = set()
    for doc in case:
        title, _, _ = doc.text.partition("\n")
        pos = len(title) + 1
        for line in doc.text[pos:].splitlines(keepends=True):
            values = found_persons([(doc.file, f"{title}\n{line}")])
            spans |= spans_of(values, doc, range(pos, pos + len(line)))
            pos += len(line)
    return spans


def with_propagation(case: list[Doc]) -> set[Span]:
    values = found_persons((d.file, d.text) for d in case)
    return set().union(*(spans_of(values, d) for d in case))


def raw_jieba_names(text: str) -> set[str]:
    """Words jieba tags as person names, 2–3 characters, opening with a common surname: jieba
    with no other filter, for comparison."""
    from jieba import posseg

    from casecheck.nlp.segmenter import configure_jieba

    configure_jieba()
    spec = lexicon()["person_names"]
    never = set(words()["never_names"])
    out = set()
    for line in text.splitlines():
        for token in posseg.cut(line):
            word = token.word
            surname = word[:2] if word[:2] in spec["compound_surnames"] else word[:1]
            if (
                token.flag in spec["tags"]
                and 2 <= len(word) <= 3
                and (surname in spec["surnames"] or surname in spec["compound_surnames"])
                and word not in never
            ):
                out.add(canonical(word))
    return out


def with_raw_jieba(case: list[Doc]) -> set[Span]:
    values = found_persons((d.file, d.text) for d in case)
    values |= set().union(*(raw_jieba_names(d.text) for d in case))
    return set().union(*(spans_of(values, d) for d in case))


def with_jieba(case: list[Doc]) -> set[Span]:
    values = found_persons(((d.file, d.text) for d in case), running_text=True)
    return set().union(*(spans_of(values, d) for d in case))


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    distractors_hit: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


def score(cases: list[list[Doc]], method: Callable[[list[Doc]], set[Span]]) -> Score:
    result = Score()
    for case in cases:
        predicted = method(case)
        by_key = {d.key: d for d in case}
        gold = {(d.key, s, e) for d in case for s, e in d.names}
        distractors = {(d.key, s, e) for d in case for s, e in d.distractors}
        result.gold += len(gold)
        result.found += len(gold & predicted)
        result.predicted += len(predicted)
        result.correct += len(gold & predicted)
        for key, s, e in sorted(predicted - gold):
            overlaps = any(k == key and s < de and ds < e for k, ds, de in distractors)
            result.distractors_hit += overlaps
            result.wrong.append(f"{key}: {by_key[key].text[s:e]}")
        result.missed += [f"{k}: {by_key[k].text[s:e]}" for k, s, e in sorted(gold - predicted)]
    return result


METHODS: dict[str, Callable[[list[Doc]], set[Span]]] = {
    "(a) 仅标签": labels_only,
    "(b) 标签+全卷传播": with_propagation,
    "(c0) (b)+jieba nr，仅姓氏和长度": with_raw_jieba,
    "(c) (b)+jieba nr，过滤常用词和地名": with_jieba,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    args = parser.parse_args()
    cases = load()
    docs = [d for c in cases for d in c]
    console = Console()
    console.print(
        f"{len(cases)} 个案卷，{len(docs)} 份文书，"
        f"{sum(len(d.text.splitlines()) - 1 for d in docs)} 行；"
        f"人名 {sum(len(d.names) for d in docs)} 处"
        f"（{len({d.text[s:e] for d in docs for s, e in d.names})} 个不同），"
        f"干扰词 {sum(len(d.distractors) for d in docs)} 处"
    )
    table = Table(title="脱敏人名识别")
    for header in ("方法", "召回", "精确", "命中干扰词", "漏", "误"):
        table.add_column(header)
    for label, method in METHODS.items():
        s = score(cases, method)
        table.add_row(
            label,
            f"{s.recall:.3f} ({s.found}/{s.gold})",
            f"{s.precision:.3f} ({s.correct}/{s.predicted})",
            str(s.distractors_hit),
            str(len(s.missed)),
            str(len(s.wrong)),
        )
        if args.verbose:
            console.print(f"{label} 漏：{'；'.join(s.missed)}")
            console.print(f"{label} 误：{'；'.join(s.wrong)}")
    console.print(table)


if __name__ == "__main__":
    main()
