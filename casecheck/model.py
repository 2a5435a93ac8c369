"""Plain data classes of a checked case file, and their JSON form (Contract 1).

Offsets (`start`, `end`) are character offsets into `Document.text`, the normalised text
of one document; `page` is 1-based and `None` where the source has no pages (.docx, .txt).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_ID = "casecheck.report/1"

TextSource = Literal["text", "ocr", "mixed", "none"]
Severity = Literal["veto", "major", "minor", "hint"]
Confidence = Literal["high", "ocr", "review"]
CitationRole = Literal["violated", "penalty_basis", "procedure", "other"]
CitationStatus = Literal[
    "valid", "unknown_law", "no_such_article", "not_in_force", "outdated_numbering", "unchecked"
]

SEVERITY_ORDER: dict[str, int] = {"veto": 0, "major": 1, "minor": 2, "hint": 3}

# The stable defect vocabulary of DESIGN.md; rule ids are finer and map to one class each.
DEFECT_CLASSES: tuple[str, ...] = (
    "input.unreadable",
    "document.missing",
    "evidence.missing",
    "evidence.defective",
    "officers.insufficient",
    "notice.missing_content",
    "notice.waiting_period",
    "hearing.not_notified",
    "hearing.deadline",
    "hearing.procedure",
    "legal_review.missing",
    "discussion.missing",
    "citation.unknown_law",
    "citation.nonexistent_article",
    "citation.outdated",
    "citation.role_mismatch",
    "penalty.out_of_range",
    "penalty.type_not_allowed",
    "penalty.heavier_than_notified",
    "remedy.incorrect",
    "decision.missing_element",
    "decision.no_seal",
    "deadline.overdue",
    "deadline.limitation",
    "procedure.order",
    "service.defective",
    "consistency.mismatch",
    "identifier.invalid",
    "discretion.unexplained",
    "format.nonstandard",
)

ELEMENT_KINDS: tuple[str, ...] = (
    "doc_number",
    "authority",
    "party_name",
    "party_credit_code",
    "party_id_number",
    "legal_representative",
    "party_address",
    "case_cause",
    "violation_date",
    "filing_date",
    "inspection_date",
    "notice_date",
    "hearing_date",
    "decision_date",
    "service_date",
    "payment_date",
    "fine_amount",
    "confiscation_amount",
    "penalty_type",
    "officer",
    "evidence_item",
    "remedy_reconsideration",
    "remedy_litigation",
)


@dataclass(frozen=True)
class Span:
    """A stretch of one document's normalised text."""

    document: str
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.document == other.document and self.start < other.end and other.start < self.end

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(frozen=True)
class Page:
    """One page of a paged source: its 1-based number and where its text lies in the document."""

    number: int
    start: int
    end: int
    text_source: TextSource = "text"

    @property
    def needs_ocr(self) -> bool:
        return self.text_source == "none"


@dataclass(frozen=True)
class Block:
    """Where a stretch of text came from in the source file, for mapping findings back.

    `locator` names the source place: ``p12`` (body paragraph 12), ``t0.r2.c1`` (table 0, row 2,
    cell 1), ``header`` / ``footer``, or ``page3`` for PDFs.
    """

    start: int
    end: int
    locator: str


@dataclass
class Document:
    """One document of a case file: a file, or a part of a multi-document PDF."""

    id: str
    path: str
    text: str = ""
    pages: list[Page] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    text_source: TextSource = "text"
    doc_type: str = "其他材料"
    type_confidence: float = 0.0
    title: str = ""
    errors: list[str] = field(default_factory=list)
    # For a part split out of a multi-document file: the 1-based page range in that file.
    source_pages: tuple[int, int] | None = None

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def readable(self) -> bool:
        return not self.errors and bool(self.text.strip())

    def page_at(self, offset: int) -> int | None:
        """The page number holding `offset`, or None for unpaged sources."""
        for page in self.pages:
            if page.start <= offset < page.end or (offset == page.end == len(self.text)):
                return page.number
        return None

    def pages_needing_ocr(self) -> list[int]:
        return [p.number for p in self.pages if p.needs_ocr]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "doc_type": self.doc_type,
            "type_confidence": round(self.type_confidence, 3),
            "pages": len(self.pages),
            "chars": self.chars,
            "text_source": self.text_source,
            "errors": list(self.errors),
        }


@dataclass
class CaseFile:
    """A case file as read: its documents in file order."""

    path: str
    documents: list[Document] = field(default_factory=list)

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)


@dataclass(frozen=True)
class Element:
    """A fact read from a document: a date, an amount, a name … with its span."""

    document: str
    kind: str
    value: str
    normalized: Any
    start: int
    end: int
    page: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    """A cited provision: `law` is the canonical full name, numbers are integers."""

    document: str
    law: str
    as_written: str
    article: int | None
    paragraph: int | None = None
    item: int | None = None
    role: CitationRole = "other"
    start: int = 0
    end: int = 0
    version: str | None = None
    status: CitationStatus = "unchecked"
    page: int | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("page")
        return data


@dataclass(frozen=True)
class Event:
    """A dated step of the procedure, placed on the case timeline."""

    event: str
    date: dt.date
    document: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "date": self.date.isoformat(),
            "document": self.document,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Finding:
    """A defect found by a rule, at a span (or at the document where something is absent)."""

    rule_id: str
    defect_class: str
    title: str
    severity: Severity
    message: str
    category: str = ""
    legal_basis: str = ""
    suggestion: str = ""
    document: str | None = None
    page: int | None = None
    start: int | None = None
    end: int | None = None
    quote: str = ""
    deduction: float | list[float] | None = None
    standard_item: str | None = None
    confidence: Confidence = "high"
    id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule_id": self.rule_id,
            "class": self.defect_class,
            "title": self.title,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "legal_basis": self.legal_basis,
            "suggestion": self.suggestion,
            "document": self.document,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "deduction": self.deduction,
            "standard_item": self.standard_item,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class NotChecked:
    """A check that could not run, and why (in Chinese, for the user)."""

    check: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "reason": self.reason}


@dataclass
class Score:
    standard: str = ""
    total: float = 100.0
    score: float | None = None
    grade: str | None = None
    vetoed: bool = False
    veto_findings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    """Everything the engine knows about one case file; the JSON report is its `to_json()`."""

    case_path: str
    department: str = ""
    region: str = ""
    standard: str = ""
    tool_version: str = ""
    documents: list[Document] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    score: Score = field(default_factory=Score)
    not_checked: list[NotChecked] = field(default_factory=list)

    def worst_severity(self, doc_id: str | None = None) -> str | None:
        found = [f.severity for f in self.findings if doc_id is None or f.document == doc_id]
        return min(found, key=SEVERITY_ORDER.__getitem__) if found else None

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "tool": {"name": "casecheck", "version": self.tool_version},
            "case": {
                "path": self.case_path,
                "department": self.department,
                "region": self.region,
                "standard": self.standard,
            },
            "documents": [d.to_json() for d in self.documents],
            "elements": [e.to_json() for e in self.elements],
            "citations": [c.to_json() for c in self.citations],
            "timeline": [e.to_json() for e in self.timeline],
            "findings": [f.to_json() for f in self.findings],
            "score": self.score.to_json(),
            "not_checked": [n.to_json() for n in self.not_checked],
        }
