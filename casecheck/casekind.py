"""What an input is, decided before it is graded: an ordinary-procedure case file, a 简易程序
file, a single decision, a few documents of a file, something that is not a penalty file at
all, or nothing readable.

A 评查标准 grades case files. Whatever else is given is still checked, but gets no grade: the
reason says why, in the report, the exports and the app (data in checklists/casekinds.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from casecheck.model import Document
from casecheck.resources import load_yaml

CASE_FILE, SUMMARY, SINGLE_DECISION, DOCUMENTS, NOT_PENALTY, EMPTY = (
    "case_file",
    "summary",
    "single_decision",
    "documents",
    "not_penalty",
    "empty",
)
UNKNOWN_TYPE = "其他材料"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CaseKind:
    """The kind of an input and, where it cannot be graded, why (Chinese, for the user)."""

    kind: str
    reason: str = ""

    @property
    def gradable(self) -> bool:
        return not self.reason

    @property
    def label(self) -> str:
        return kind_label(self.kind)


@cache
def _settings() -> dict[str, Any]:
    return load_yaml("casekinds.yaml")


def kind_label(kind: str) -> str:
    entry = _settings()["kinds"].get(kind)
    return entry["label"] if entry else ""


def decision_types() -> frozenset[str]:
    return frozenset(_settings()["decision_types"])


def is_read(doc: Document) -> bool:
    """The document's text was read: no read error and not a page without text."""
    return doc.readable and doc.text_source != "none"


def surely_typed(doc: Document) -> bool:
    """The document's type was recognised surely enough for a finding to rest on it."""
    return doc.type_confidence >= float(_settings()["trust"]["min_type_confidence"])


def case_kind(documents: Sequence[Document]) -> CaseKind:
    """The kind of an input from its typed documents (after classification)."""
    settings = _settings()
    kinds = settings["kinds"]
    decisions = decision_types()
    read = [d for d in documents if is_read(d)]
    if not read:
        return CaseKind(EMPTY, kinds[EMPTY]["reason"])
    typed = [
        d
        for d in read
        if d.doc_type != UNKNOWN_TYPE and d.type_confidence >= settings["min_type_confidence"]
    ]
    if not typed:
        return CaseKind(
            NOT_PENALTY,
            f"{kinds[NOT_PENALTY]['reason']}（共 {len(read)} 份可读文件，均未识别为执法文书）",
        )
    if all(d.doc_type in decisions for d in typed) and len(typed) == len(read):
        body = _decision_obstacle(documents)
        return CaseKind(SINGLE_DECISION, body or kinds[SINGLE_DECISION]["reason"])
    summary = any(d.doc_type in settings["summary_types"] for d in typed)
    # A 简易程序 file is short by law; an ordinary one of a few papers is part of a file, even
    # with its decision among them (a decision and its receipt are no file to grade).
    if len(read) < settings["min_case_documents"] and not summary:
        reason = f"只有 {len(read)} 份文书，{kinds[DOCUMENTS]['reason']}"
        return CaseKind(DOCUMENTS, reason)
    return CaseKind(SUMMARY if summary else CASE_FILE, _decision_obstacle(documents))


def _decision_obstacle(documents: Sequence[Document]) -> str:
    """Why a case file cannot be graded: its decision is not found, not read, or a title
    without a body. (Where every document was read and typed with confidence, a missing
    decision is also a veto finding, DOC-002, and the file fails.)"""
    decisions = [d for d in documents if d.doc_type in decision_types()]
    read = [d for d in decisions if is_read(d)]
    unread = [d for d in documents if not is_read(d)]
    minimum = _settings()["min_decision_chars"]
    if not decisions:
        also = f"（另有 {len(unread)} 份文件未能读取，可能包括决定书）" if unread else ""
        return f"案卷中未找到行政处罚决定书{also}，无法评分"
    if not read:
        doc = decisions[0]
        why = "；".join(doc.errors) or "扫描件未识别文字"
        return f"行政处罚决定书无法读取（{doc.path}：{why}），无法评分"
    if all(len(_SPACES.sub("", d.text)) < minimum for d in read):
        doc = read[0]
        size = len(_SPACES.sub("", doc.text))
        return f"行政处罚决定书只有 {size} 字，没有正文（{doc.path}），无法评分"
    return ""


def unread_documents(documents: Sequence[Document]) -> list[str]:
    """Paths of the documents not read in full: read errors, or pages without text."""
    return [d.path for d in documents if not is_read(d) or d.pages_needing_ocr()]


def unread_note(paths: Sequence[str]) -> str:
    """For a gradable file with unread documents: the score covers only what was read."""
    if not paths:
        return ""
    names = "、".join(paths[:5]) + ("等" if len(paths) > 5 else "")
    return f"有 {len(paths)} 份文书未能完整读取（{names}），得分只反映已读取的内容，需人工复核"
