"""Desensitising a whole case file: read it as the checker does, find the personal values, give
each a pseudonym, and write a copy of every document with the values replaced — the same
pseudonym for the same value in every document and file name. The inputs are never written;
the mapping (original → pseudonym) is written apart from the copy, for the trainer to keep.
"""

from __future__ import annotations

import dataclasses
import os
import random
import secrets
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from casecheck.desensitise.pseudonyms import make_mapping
from casecheck.desensitise.rewrite import Replacer
from casecheck.desensitise.values import CATEGORY_LABELS, Found, canonical, find_values
from casecheck.ingest import legacy, natural_key
from casecheck.ingest.container import Entry, iter_path
from casecheck.ingest.options import ReadOptions
from casecheck.ingest.sniff import decode_text
from casecheck.model import Document
from casecheck.outputs import OutputError, check_outputs, display, dump_json, write_file

SCANNED = "扫描件（第{pages}页没有文字层），无法自动脱敏，未输出；请人工处理后再加入"
UNSUPPORTED = "此类文件无法自动脱敏，未输出"
PDF_AS_TEXT = "PDF 已转为文字版 .txt（版式、印章和图片未保留）"
LEGACY_AS_DOCX = "旧版 Word 文件已转为 .docx 后脱敏"
MAPPING_NOTE = (
    "本文件是脱敏对照表（原值 → 替换值），含个人信息，请妥善保管，不要随脱敏案卷一起分发。"
)


class DesensitiseError(ValueError):
    """The copy cannot be made as asked; the message is Chinese."""


@dataclass(frozen=True)
class Written:
    source: str  # path in the case
    output: str  # path in the output folder
    note: str = ""


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


@dataclass
class DesensitiseResult:
    out_dir: Path
    mapping_path: Path
    written: list[Written] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # category → number of distinct values replaced
    values: dict[str, int] = field(default_factory=dict)
    occurrences: int = 0

    def summary(self) -> list[str]:
        """What was done, in Chinese, one line each."""
        counts = "、".join(f"{CATEGORY_LABELS[c]} {n} 个" for c, n in self.values.items() if n)
        distinct = sum(self.values.values())
        lines = [
            f"已输出 {len(self.written)} 个脱敏文件到：{display(str(self.out_dir))}",
            f"替换 {distinct} 个不同的值（{counts or '无'}），共 {self.occurrences} 处",
            f"对照表（请妥善保管，勿随案卷分发）：{display(str(self.mapping_path))}",
        ]
        lines += [f"  {display(w.output)}：{w.note}" for w in self.written if w.note]
        if self.skipped:
            lines.append(f"未脱敏、未输出 {len(self.skipped)} 个文件：")
            lines += [f"  {display(s.source)}：{s.reason}" for s in self.skipped]
        return lines


def default_mapping_path(out_dir: Path) -> Path:
    """Beside the output folder, never inside it: 「<输出文件夹>-脱敏对照表.json」."""
    out_dir = Path(os.path.abspath(out_dir))
    return out_dir.parent / f"{out_dir.name}-脱敏对照表.json"


def desensitise_case(
    source: str | Path,
    out_dir: str | Path,
    mapping_path: str | Path | None = None,
    authority: bool = False,
    seed: int | None = None,
) -> DesensitiseResult:
    """Write a desensitised copy of the case at `source` (folder, .zip or document) into the
    new or empty folder `out_dir`, and the mapping to `mapping_path` (default: beside
    `out_dir`). `authority`: replace the enforcement authority's names too (kept by default:
    a trainer's exercise is about the authority's procedure, and its name selects the
    department's rules). `seed` makes the pseudonyms repeatable (tests)."""
    from casecheck.engine import extract, read_case

    source, out_dir = Path(source), Path(out_dir)
    mapping_path = Path(mapping_path) if mapping_path else default_mapping_path(out_dir)
    _check_paths(source, out_dir, mapping_path)
    case = read_case(source, ReadOptions(ocr=False))
    elements, _ = extract(case)
    found = find_values(case, elements, authority)
    texts = [d.text for d in case.documents]
    rng = random.Random(seed if seed is not None else secrets.randbits(64))
    mapping = make_mapping(found, rng, texts)
    replacer = Replacer({k: v for table in mapping.values() for k, v in table.items()})
    result = DesensitiseResult(out_dir=out_dir, mapping_path=mapping_path)
    by_path: dict[str, list[Document]] = {}
    for doc in case.documents:
        by_path.setdefault(doc.path, []).append(doc)
    entries = sorted(iter_path(source), key=lambda e: natural_key(e.path))
    used: set[str] = set()
    for entry in entries:
        for relative, data, note in _copies(entry, by_path.get(entry.path, []), replacer, result):
            name = _unique(_output_name(replacer, relative), used)
            write_file(out_dir / name, lambda tmp, data=data: tmp.write_bytes(data))
            result.written.append(Written(entry.path, name, note))
    result.values = {c: len(table) for c, table in mapping.items()}
    result.occurrences = sum(replacer.counts.values())
    _write_mapping(mapping_path, source, result, found, mapping, replacer)
    return result


def _check_paths(source: Path, out_dir: Path, mapping_path: Path) -> None:
    if not source.exists():
        raise DesensitiseError(f"找不到路径：{display(str(source))}")
    try:
        check_outputs([source], [out_dir, mapping_path])
    except OutputError as error:
        raise DesensitiseError(str(error)) from error
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise DesensitiseError(
            f"输出文件夹须为新文件夹或空文件夹（以免与其他文件混在一起）：{display(str(out_dir))}"
        )
    if mapping_path.exists():
        raise DesensitiseError(f"对照表文件已存在，不覆盖：{display(str(mapping_path))}")


def _copies(
    entry: Entry, docs: list[Document], replacer: Replacer, result: DesensitiseResult
) -> list[tuple[str, bytes, str]]:
    """(relative output path, content, note) of one input file; a file that cannot be
    desensitised is added to `result.skipped` instead."""
    relative = _without_archives(entry.path)
    reason = entry.error or next((e for d in docs for e in d.errors), None)
    if entry.kind == "docx" and not reason:
        return [(relative, replacer.docx(entry.data), "")]
    if entry.kind == "text" and not reason and (text := decode_text(entry.data)) is not None:
        return [(relative, replacer.text(text).encode("utf-8"), "")]
    if entry.kind == "pdf" and not reason and docs:
        return _pdf_copies(relative, docs, replacer, result, entry.path)
    if entry.kind == "ole" and legacy.is_word(entry.data):
        converted = legacy.to_docx(entry.data, PurePosixPath(relative).suffix.lower())
        if converted is not None:
            docx = str(PurePosixPath(relative).with_suffix(".docx"))
            return [(docx, replacer.docx(converted), LEGACY_AS_DOCX)]
    result.skipped.append(Skipped(entry.path, reason or UNSUPPORTED))
    return []


def _pdf_copies(
    relative: str,
    docs: list[Document],
    replacer: Replacer,
    result: DesensitiseResult,
    source: str,
) -> list[tuple[str, bytes, str]]:
    """A text PDF as .txt (one per document of a merged PDF); a scanned one is skipped."""
    scanned = [p for d in docs for p in d.pages_needing_ocr()]
    if scanned or not any(d.text.strip() for d in docs):
        pages = "、".join(map(str, scanned[:10])) or "全部"
        result.skipped.append(Skipped(source, SCANNED.format(pages=pages)))
        return []
    stem = str(PurePosixPath(relative).with_suffix(""))
    if len(docs) == 1:
        return [(f"{stem}.txt", replacer.text(docs[0].text).encode("utf-8"), PDF_AS_TEXT)]
    out = []
    for doc in docs:
        first, last = doc.source_pages or (0, 0)
        pages = f"{first}" if first == last else f"{first}-{last}"
        name = f"{stem}（第{pages}页）.txt"
        out.append((name, replacer.text(doc.text).encode("utf-8"), PDF_AS_TEXT))
    return out


def _without_archives(path: str) -> str:
    """「证据/补充.zip/询问笔录.docx」 → 「证据/补充/询问笔录.docx」: the copy is a plain folder."""
    *folders, name = path.split("/")
    return "/".join([p[:-4] if p.lower().endswith(".zip") else p for p in folders] + [name])


def _output_name(replacer: Replacer, relative: str) -> str:
    """The relative path with values replaced; nothing can climb out of the output folder."""
    parts = [p for p in replacer.name(relative).split("/") if p not in ("", ".", "..")]
    return "/".join(parts) or "文书"


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 2
    while candidate.casefold() in used:
        path = PurePosixPath(name)
        candidate = str(path.with_name(f"{path.stem}（{n}）{path.suffix}"))
        n += 1
    used.add(candidate.casefold())
    return candidate


def _write_mapping(
    path: Path,
    source: Path,
    result: DesensitiseResult,
    found: Found,
    mapping: dict[str, dict[str, str]],
    replacer: Replacer,
) -> None:
    values: list[dict[str, Any]] = [
        {
            "category": CATEGORY_LABELS[category],
            "original": found.of(category)[key],  # type: ignore[arg-type]
            "pseudonym": pseudonym,
            "occurrences": replacer.counts[canonical(key)],
        }
        for category, table in mapping.items()
        for key, pseudonym in table.items()
    ]
    data = {
        "note": MAPPING_NOTE,
        "source": str(source),
        "output": str(result.out_dir),
        "values": values,
        "written": [dataclasses.asdict(w) for w in result.written],
        "skipped": [dataclasses.asdict(s) for s in result.skipped],
    }
    dump_json(data, path)
    os.chmod(path, 0o600)  # personal data: readable by its owner only
