"""Commented copies of a case's Word documents: each finding becomes a Word comment anchored
at its span. The originals are only read; the copies go to an output folder outside the case.

A finding's span is an offset range in the normalised text; the reader recorded which paragraph
or table cell each stretch came from (`Block.locator`: `p<N>`, `t<T>.r<R>.c<C>`). Normalisation
only drops or collapses whitespace, so the k-th non-space character of the block is the k-th
non-space character of the source runs. The runs at both ends are split so the comment covers
exactly the quoted text.
"""

from __future__ import annotations

import copy
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from casecheck.ingest.container import iter_path
from casecheck.labels import SEVERITY_LABELS
from casecheck.model import Charge, Document, Finding, Report

AUTHOR, INITIALS = "案卷自查", "CC"
_PLAIN = {qn(t) for t in ("w:rPr", "w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen")}
_CELL = re.compile(r"t(\d+)\.r(\d+)\.c(\d+)$")


class OutputInsideCase(ValueError):
    """The output folder lies inside the case folder (the user's files are never modified)."""


def write_commented_copies(report: Report, out_dir: Path) -> list[Path]:
    """Copies of the case's .docx documents with one comment per finding; returns their paths.

    Documents without findings are not copied. PDF and text documents are not annotated.
    """
    case_path = Path(report.case_path).resolve()
    out_dir = out_dir.resolve()
    if case_path.is_dir() and out_dir.is_relative_to(case_path):
        raise OutputInsideCase(f"批注副本的输出目录不能位于案卷文件夹内：{out_dir}")
    by_doc: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        if finding.document:
            by_doc[finding.document].append(finding)
    docs = {d.id: d for d in report.documents if d.id in by_doc and d.readable}
    sources = dict(_docx_sources(case_path, {d.path for d in docs.values()}))
    written = []
    for doc_id, doc in docs.items():
        if doc.path not in sources:
            continue
        word = docx.Document(io.BytesIO(sources[doc.path]))
        for finding in by_doc[doc_id]:
            add_finding_comment(word, doc, finding, report.score.charges.get(finding.id))
        target = out_dir / _copy_name(doc.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        word.save(str(target))
        written.append(target)
    return written


def _copy_name(doc_path: str) -> str:
    """`证据/补充.zip/询问笔录.docx` → `证据/补充.zip_/询问笔录（批注）.docx`: an archive's name
    becomes a folder name that cannot clash with the archive file."""
    parts = doc_path.split("/")
    parts = [p + "_" if p.lower().endswith(".zip") else p for p in parts[:-1]] + [parts[-1]]
    stem, _, ext = parts[-1].rpartition(".")
    parts[-1] = f"{stem}（批注）.{ext}"
    return "/".join(parts)


def _docx_sources(case_path: Path, wanted: set[str]) -> Iterator[tuple[str, bytes]]:
    for entry in iter_path(case_path):
        if entry.path in wanted and entry.kind == "docx" and not entry.error:
            yield entry.path, entry.data


def add_finding_comment(
    word: WordDocument, doc: Document, finding: Finding, charge: Charge | None = None
) -> None:
    runs = _anchor(word, doc, finding)
    if not runs:
        return
    first, *lines = _comment_lines(finding, charge)
    comment = word.add_comment(runs, text=first, author=AUTHOR, initials=INITIALS)
    for line in lines:
        comment.add_paragraph(line)


def _comment_lines(f: Finding, charge: Charge | None) -> list[str]:
    lines = [f"{f.id} {f.title}（{SEVERITY_LABELS[f.severity]}）", f.message]
    if charge and charge.item:
        lines.append(f"评查项目：{charge.item}，扣分：{charge.points:g}")
    if f.legal_basis:
        lines.append(f"依据：{f.legal_basis}")
    if f.suggestion:
        lines.append(f"整改意见：{f.suggestion}")
    return lines


def _anchor(word: WordDocument, doc: Document, finding: Finding) -> list[Run]:
    """The runs that hold the finding's span, split to fit it; the title paragraph when the
    finding has no span or its block cannot be mapped back."""
    if finding.start is not None and finding.end is not None:
        for block in doc.blocks:
            if block.start <= finding.start < max(block.end, block.start + 1):
                runs = _block_runs(word, block.locator)
                if runs:
                    text = doc.text[block.start : block.end]
                    s, e = finding.start - block.start, min(finding.end, block.end) - block.start
                    return _isolate(runs, text, s, e, finding.quote) or runs
                break
    return next((p.runs for p in word.paragraphs if p.runs and p.text.strip()), [])


def _block_runs(word: WordDocument, locator: str) -> list[Run]:
    paragraphs: list[Paragraph] = []
    if locator.startswith("p") and locator[1:].isdigit():
        n = int(locator[1:])
        paragraphs = word.paragraphs[n : n + 1]
    elif match := _CELL.match(locator):
        t, r, c = map(int, match.groups())
        try:
            paragraphs = word.tables[t].rows[r].cells[c].paragraphs
        except IndexError:
            paragraphs = []
    return [
        Run(r, p) for p in paragraphs for r in p._p.xpath("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r")
    ]


def _isolate(runs: list[Run], text: str, start: int, end: int, quote: str) -> list[Run] | None:
    """Split runs so that [start, end) of the normalised `text` is exactly whole runs."""
    raw = [
        (i, k) for i, run in enumerate(runs) for k, ch in enumerate(run.text) if not ch.isspace()
    ]
    raw_chars = "".join(runs[i].text[k] for i, k in raw)
    norm_chars = "".join(ch for ch in text if not ch.isspace())
    first = len([ch for ch in text[:start] if not ch.isspace()])
    count = len([ch for ch in text[start:end] if not ch.isspace()])
    if raw_chars != norm_chars:  # the source differs beyond whitespace: look for the quote
        first = raw_chars.find("".join(ch for ch in quote if not ch.isspace())) if quote else -1
    if first < 0 or count == 0 or first + count > len(raw):
        return None
    (i, a), (j, b) = raw[first], raw[first + count - 1]
    _split(runs[j], b + 1)
    tail = _split(runs[i], a)
    start_run = tail or runs[i]
    end_run = start_run if i == j else runs[j]
    return [start_run, end_run]


def _split(run: Run, at: int) -> Run | None:
    """Cut a plain-text run at character `at`; the new second run, or None (no cut made)."""
    text = run.text
    if not 0 < at < len(text) or any(child.tag not in _PLAIN for child in run._r):
        return None
    tail = copy.deepcopy(run._r)
    run._r.addnext(tail)
    run.text = text[:at]
    second = Run(tail, run._parent)
    second.text = text[at:]
    return second
