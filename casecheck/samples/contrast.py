"""The wrong and the correct wording of a seeded defect, side by side (trainer mode).

A seed's clean case and its defective variants share names, amounts and untouched dates, so
the document a defect touches is built twice — with the exercise's defects and without this
one — and the lines that differ around the defect's mark are its wrong and correct wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from casecheck.samples.defects import DEFECTS
from casecheck.samples.facts import make_facts
from casecheck.samples.generator import build_documents

# Lines of the correct document shown for a defect that removed the whole document.
ABSENT_LINES = 4


@dataclass(frozen=True)
class Contrast:
    """One seeded defect: its document, the wrong wording (as the exercise has it) and the
    correct one, each with the (start, end) spans where the two differ."""

    defect: str
    description: str
    doc_type: str
    wrong: str
    correct: str
    wrong_spans: list[tuple[int, int]] = field(default_factory=list)
    correct_spans: list[tuple[int, int]] = field(default_factory=list)


def defect_contrasts(defects: tuple[str, ...] | list[str], seed: int) -> list[Contrast]:
    """The wrong and the correct wording of each defect of a case generated with `defects`
    and `seed` (as `generate_case` makes it)."""
    chosen = frozenset(defects)
    docs, marks = build_documents(make_facts(seed, chosen))
    out = []
    for defect_id in defects:
        defect = DEFECTS[defect_id]
        clean_docs, _ = build_documents(make_facts(seed, chosen - {defect_id}))
        clean = next((d.text() for d in clean_docs if d.key == defect.document), "")
        if defect.absent:
            shown = "\n".join(clean.splitlines()[:ABSENT_LINES])
            wrong = f"（卷内没有{defect.doc_type}）"
            out.append(
                Contrast(defect_id, defect.description, defect.doc_type, wrong, shown,
                         [(0, len(wrong))], [(0, len(shown))])
            )  # fmt: skip
            continue
        key, quote, removed = marks.found[defect_id]
        text = next(d.text() for d in docs if d.key == key)
        clean = next((d.text() for d in clean_docs if d.key == key), "")
        if defect.added:  # the correct document also says what the defective one leaves out
            wrong, correct = text, f"{text}\n{defect.fix}"
        else:
            wrong, correct = _changed_lines(text, clean, quote, removed)
        wrong_spans, correct_spans = _differences(wrong, correct)
        out.append(
            Contrast(defect_id, defect.description, defect.doc_type, wrong, correct,
                     wrong_spans, correct_spans)
        )  # fmt: skip
    return out


def _changed_lines(text: str, clean: str, quote: str, removed: str) -> tuple[str, str]:
    """The block of lines where `text` differs from `clean` that holds the defect's mark (the
    quote it added, or the text it removed); the first differing block otherwise."""
    lines, clean_lines = text.splitlines(), clean.splitlines()
    blocks = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, lines, clean_lines).get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2 and i1 > 0 and j1 > 0:  # lines left out: show them after the line before
            i1, j1 = i1 - 1, j1 - 1
        blocks.append(("\n".join(lines[i1:i2]), "\n".join(clean_lines[j1:j2])))
    for wrong, correct in blocks:
        if (quote and quote in wrong) or (removed and removed in correct):
            return wrong, correct
    return blocks[0] if blocks else ("", "")


def _differences(wrong: str, correct: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the two wordings differ, character by character: spans in each."""
    ops = SequenceMatcher(None, wrong, correct, autojunk=False).get_opcodes()
    changed = [op for op in ops if op[0] != "equal"]
    return (
        [(i1, i2) for _tag, i1, i2, _j1, _j2 in changed if i2 > i1],
        [(j1, j2) for _tag, _i1, _i2, j1, j2 in changed if j2 > j1],
    )
