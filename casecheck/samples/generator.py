"""Generate a synthetic ordinary-procedure case file, optionally with seeded defects."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import platformdirs

from casecheck.samples import docs_decision as dec
from casecheck.samples import docs_hearing as hear
from casecheck.samples import docs_investigation as inv
from casecheck.samples.defects import DEFECTS, check_combination
from casecheck.samples.facts import CaseFacts, make_facts
from casecheck.samples.render import write_docx, write_merged_pdf, write_pdf
from casecheck.samples.textdoc import Marks, TextDoc, day

Layout = Literal["folder", "zip", "merged-pdf"]
LAYOUTS: tuple[str, ...] = ("folder", "zip", "merged-pdf")
GENERATOR_VERSION = 1
SIDECAR = ".casecheck-seeded.json"  # hidden: case-file readers skip it


@dataclass(frozen=True)
class SeededDefect:
    """A defect seeded into a generated case, and where a finding must point.

    `document` is the file (folder layout), the zip member, or the document's name inside the
    merged PDF (then `page` is its first page); None when the defect removed that document.
    `quote` is text the defect put in the document; `removed` is clean-case text it took out.
    """

    id: str
    defect_class: str
    description: str
    doc_type: str
    key: str
    document: str | None
    quote: str = ""
    removed: str = ""
    missing: bool = False
    page: int | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["class"] = data.pop("defect_class")
        return data


@dataclass
class GeneratedCase:
    """What `generate_case` wrote. `documents` are (file name, document type) in filing order;
    `keys` and `pages` run parallel to them (pages only for the merged PDF)."""

    path: Path
    layout: str
    seed: int
    documents: list[tuple[str, str]]
    seeded: list[SeededDefect]
    sidecar: Path
    keys: list[str] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)

    def file_of(self, key: str) -> str | None:
        pairs = zip(self.documents, self.keys, strict=True)
        return next((name for (name, _), k in pairs if k == key), None)


Builder = Callable[[CaseFacts, Marks], TextDoc]


def build_documents(facts: CaseFacts) -> tuple[list[TextDoc], Marks]:
    """All documents of the case in filing order, and the marks of the seeded defects."""
    marks = Marks(facts.defects)
    t = facts.timeline

    def receipt(key: str, served: str, number: str, served_on: str) -> Builder:
        return lambda f, m: inv.service_receipt(f, key, served, number, served_on)

    served_decision = day(t.decision_served)
    marks.mark("late_service", "service_decision", quote=served_decision)
    builders: list[Builder] = [
        inv.filing,
        inv.inspection,
        *([inv.seizure] if facts.has("seizure_overdue") else []),
        inv.preserve_approval,
        inv.preserve_notice,
        inv.inquiry,
        inv.evidence_list,
        inv.evidence_materials,
        inv.preserve_decision,
        receipt(
            "service_preserve",
            "先行登记保存处理决定书",
            facts.number("先处", t.preserve_decision),
            day(t.preserve_decision),
        ),
        inv.report,
        hear.notice,
        receipt(
            "service_notice", "行政处罚告知书", hear.notice_number(facts), day(t.notice_served)
        ),
    ]
    if facts.hearing_held:
        assert t.hearing_notice is not None
        builders += [
            hear.hearing_request,
            hear.hearing_notice,
            receipt(
                "service_hearing_notice",
                "听证通知书",
                hear.hearing_notice_number(facts),
                day(t.hearing_notice),
            ),
            hear.hearing_record,
            hear.hearing_report,
        ]
    if not facts.has("missing_document"):
        builders.append(dec.legal_review)
    builders += [
        dec.discussion,
        dec.decision_approval,
        dec.decision,
        receipt("service_decision", "行政处罚决定书", dec.decision_number(facts), served_decision),
        dec.payment,
        dec.closing,
    ]
    return [build(facts, marks) for build in builders], marks


def _file_names(docs: list[TextDoc]) -> list[str]:
    return [f"{n:02d}{doc.file_stem}.{doc.fmt}" for n, doc in enumerate(docs, 1)]


def _seeded(
    defect_ids: list[str],
    docs: list[TextDoc],
    names: list[str],
    marks: Marks,
    pages: list[int | None],
) -> list[SeededDefect]:
    by_key = {doc.key: i for i, doc in enumerate(docs)}
    seeded = []
    for defect_id in defect_ids:
        defect = DEFECTS[defect_id]
        described = (defect.id, defect.defect_class, defect.description, defect.doc_type)
        if defect.absent:
            seeded.append(SeededDefect(*described, defect.document, None, missing=True))
            continue
        key, quote, removed = marks.found[defect_id]
        i = by_key[key]
        text = docs[i].text()
        # The generator's own promise: the quote is in the text, the removed text is not.
        if (quote and quote not in text) or (removed and removed in text):
            raise RuntimeError(f"seeded defect {defect_id} does not show in {names[i]}")
        seeded.append(SeededDefect(*described, key, names[i], quote, removed, page=pages[i]))
    return seeded


def generate_case(
    out_dir: Path,
    defects: Sequence[str] = (),
    seed: int = 0,
    layout: Layout = "folder",
) -> GeneratedCase:
    """Write a synthetic case file of a fictional enterprise.

    Args:
        out_dir: the case folder (layout "folder"; must not hold files yet), or the name of the
            output file: ``<out_dir>.zip`` / ``<out_dir>.pdf`` (out_dir may already end so).
        defects: ids from `DEFECTS` to seed (they may be combined unless they conflict).
        seed: varies names, amounts and dates deterministically.
        layout: "folder" (numbered .docx/.pdf files), "zip" (the same in one .zip) or
            "merged-pdf" (one PDF, each document from a new page).

    Returns:
        A GeneratedCase; a sidecar JSON describing the seeded defects is written too.

    Raises:
        ValueError: unknown or conflicting defects, or an unknown layout (Chinese message).
        FileExistsError: the output already exists.
    """
    defect_ids = check_combination(tuple(defects))
    if layout not in LAYOUTS:
        raise ValueError(f"未知的案卷形式：{layout}（可选：{'、'.join(LAYOUTS)}）")
    out_dir = Path(out_dir)
    facts = make_facts(seed, frozenset(defect_ids))
    docs, marks = build_documents(facts)
    names = _file_names(docs)
    created = facts.timeline.inspection

    if layout == "folder":
        if out_dir.exists() and any(out_dir.iterdir()):
            raise FileExistsError(f"输出目录已存在且不为空：{out_dir}")
        out_dir.mkdir(parents=True, exist_ok=True)
        _write_files(docs, names, out_dir, created)
        path, sidecar, pages = out_dir, out_dir / SIDECAR, [None] * len(docs)
    else:
        suffix = ".zip" if layout == "zip" else ".pdf"
        path = out_dir if out_dir.suffix == suffix else out_dir.with_name(out_dir.name + suffix)
        if path.exists():
            raise FileExistsError(f"输出文件已存在：{path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        sidecar = path.with_name(path.stem + ".seeded.json")
        if layout == "zip":
            _write_zip(docs, names, path, created)
            pages = [None] * len(docs)
        else:
            names = [name.rsplit(".", 1)[0] for name in names]
            pages = list(write_merged_pdf(docs, path))

    seeded = _seeded(defect_ids, docs, names, marks, pages)
    case = GeneratedCase(
        path=path,
        layout=layout,
        seed=seed,
        documents=[(name, doc.doc_type) for name, doc in zip(names, docs, strict=True)],
        seeded=seeded,
        sidecar=sidecar,
        keys=[doc.key for doc in docs],
        pages=pages,
    )
    _write_sidecar(case)
    return case


def _write_files(docs: list[TextDoc], names: list[str], folder: Path, created) -> None:
    for doc, name in zip(docs, names, strict=True):
        if doc.fmt == "docx":
            write_docx(doc, folder / name, created)
        else:
            write_pdf(doc, folder / name)


def _write_zip(docs: list[TextDoc], names: list[str], path: Path, created) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _write_files(docs, names, Path(tmp), created)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in names:
                # Fixed member times keep the archive reproducible; UTF-8 names are flagged.
                info = zipfile.ZipInfo(
                    name, date_time=(created.year, created.month, created.day, 9, 0, 0)
                )
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, (Path(tmp) / name).read_bytes())


def _write_sidecar(case: GeneratedCase) -> None:
    data = {
        "generator": "casecheck.samples",
        "version": GENERATOR_VERSION,
        "seed": case.seed,
        "layout": case.layout,
        "path": case.path.name,
        "documents": [
            {"file": name, "doc_type": doc_type, "key": key, "page": page}
            for (name, doc_type), key, page in zip(
                case.documents, case.keys, case.pages, strict=True
            )
        ],
        "defects": [d.to_json() for d in case.seeded],
    }
    case.sidecar.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


# The bundled sample case carries a few common defects, so that a first run shows what a
# finding looks like: a hearing period from the old law, a remedy period of 三个月, a party
# name spelt differently, and a decision served late.
SAMPLE_DEFECTS = (
    "old_hearing_period",
    "wrong_remedy_period",
    "inconsistent_party_name",
    "late_service",
)


def sample_case_dir() -> Path:
    """The sample case (seed 0, folder layout, `SAMPLE_DEFECTS` seeded), generated once into
    the user cache dir."""
    root = Path(platformdirs.user_cache_dir("casecheck")) / f"sample-case-v{GENERATOR_VERSION}-demo"
    if (root / SIDECAR).is_file():
        return root
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="sample-case-", dir=root.parent))
    try:
        generate_case(staging / "case", defects=SAMPLE_DEFECTS)
        shutil.rmtree(root, ignore_errors=True)  # a half-written copy from an interrupted run
        os.replace(staging / "case", root)
    except OSError:
        if not (root / SIDECAR).is_file():  # lost a race with another process: theirs is fine
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return root
