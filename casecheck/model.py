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
    "discretion.benchmark",
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
    # Read back from a JSON report, which holds no text or pages: their (pages, chars) counts.
    counts: tuple[int, int] | None = None

    @property
    def chars(self) -> int:
        return self.counts[1] if self.counts is not None and not self.text else len(self.text)

    @property
    def page_count(self) -> int:
        """Pages of a PDF or OFD document; 0 for a document without pages (.docx, .txt)."""
        return self.counts[0] if self.counts is not None and not self.pages else len(self.pages)

    @property
    def display_name(self) -> str:
        """The document as users read its name: the file's name, and for a part of a
        multi-document file also its type and pages (`合并.pdf › 行政处罚决定书（第3–4页）`)."""
        name = self.path.rsplit("/", 1)[-1] or self.path
        if self.source_pages is None:
            return name
        first, last = self.source_pages
        pages = f"第{first}页" if first == last else f"第{first}–{last}页"
        return f"{name} › {self.doc_type}（{pages}）"

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
            "pages": self.page_count,
            "chars": self.chars,
            "text_source": self.text_source,
            "errors": list(self.errors),
            **({"source_pages": list(self.source_pages)} if self.source_pages else {}),
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
    note: str = ""  # why the status is what it is, when the status alone does not say

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


@dataclass(frozen=True)
class StatutoryPeriod:
    """One statutory period: counted from `start`, ending on `due`, and the day (`actual`)
    that had to respect it. `met` judges the dates as the rule `rule_id` does; it is None when
    they cannot be judged, and `reason` says why, in Chinese. An exception the rule allows (an
    approved extension, an express waiver) is not applied here: the rule's finding decides."""

    name: str
    rule_id: str
    start: dt.date | None
    due: dt.date | None
    actual: dt.date | None
    met: bool | None
    reason: str = ""
    description: str = ""  # e.g. 立案之日起90日内作出决定

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("start", "due", "actual"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StatutoryPeriod:
        fields = dict(data)
        for key in ("start", "due", "actual"):
            fields[key] = dt.date.fromisoformat(fields[key]) if fields.get(key) else None
        return cls(**fields)


@dataclass(frozen=True)
class Location:
    """One place a finding shows in the case file."""

    document: str
    page: int | None = None
    start: int | None = None
    end: int | None = None
    quote: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Fact:
    """A fact a rule used to decide (a date, an amount, an article, a threshold), with where it
    came from, so a reviewer can verify a finding in seconds."""

    name: str
    value: str
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Finding:
    """A defect found by a rule, at a span (or at the document where something is absent).

    One defect is one finding: where it shows in several places (one credit code in eight
    documents), `locations` lists them all and the single-place fields hold the first.
    `deduction` is the rule's own; what a standard charges for it is on the report's Score.
    """

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
    confidence: Confidence = "high"
    id: str = ""
    locations: list[Location] = field(default_factory=list)
    basis: list[Fact] = field(default_factory=list)

    def to_json(self, charge: Charge | None = None) -> dict[str, Any]:
        """The finding of Contract 1; `charge` is what the standard deducts for it."""
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
            "deduction": charge.points if charge else self.deduction,
            "rule_deduction": self.deduction,
            "standard_item": charge.item if charge else None,
            "confidence": self.confidence,
            "locations": [loc.to_json() for loc in self.locations],
            "basis": [fact.to_json() for fact in self.basis],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        own = data.get("rule_deduction", data.get("deduction"))
        return cls(
            rule_id=data["rule_id"],
            defect_class=data["class"],
            title=data["title"],
            severity=data["severity"],
            message=data["message"],
            category=data.get("category", ""),
            legal_basis=data.get("legal_basis", ""),
            suggestion=data.get("suggestion", ""),
            document=data.get("document"),
            page=data.get("page"),
            start=data.get("start"),
            end=data.get("end"),
            quote=data.get("quote", ""),
            deduction=own,
            confidence=data.get("confidence", "high"),
            id=data.get("id", ""),
            locations=[Location(**loc) for loc in data.get("locations") or ()],
            basis=[Fact(**fact) for fact in data.get("basis") or ()],
        )


@dataclass(frozen=True)
class NotChecked:
    """A check that could not run, and why (in Chinese, for the user)."""

    check: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "reason": self.reason}


@dataclass(frozen=True)
class Charge:
    """What a standard deducts for one finding, and under which of its items."""

    item: str | None
    points: float


@dataclass
class Score:
    """A case's result against a 评查标准. `grade` is None where no grade can be given, and
    `reason` then says why (not a case file, decision missing or unread …); `charges` holds each
    finding's deduction by finding id (shown on the findings in JSON)."""

    standard: str = ""
    total: float = 100.0
    score: float | None = None
    grade: str | None = None
    vetoed: bool = False
    veto_findings: list[str] = field(default_factory=list)
    reason: str = ""
    charges: dict[str, Charge] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("charges")
        return data

    def points_of(self, finding: Finding) -> float | list[float] | None:
        """What this score deducts for `finding`; the rule's own deduction if unscored."""
        charge = self.charges.get(finding.id)
        return charge.points if charge else finding.deduction

    @classmethod
    def from_json(cls, data: dict[str, Any], findings: list[dict[str, Any]]) -> Score:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if fields.get("standard"):  # a scored report: each finding's deduction is its charge
            fields["charges"] = {
                f["id"]: Charge(f.get("standard_item"), float(f["deduction"]))
                for f in findings
                if isinstance(f.get("deduction"), int | float)
            }
        return cls(**fields)


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
    # What the input is (casecheck.casekind): case_file | summary | single_decision |
    # not_penalty | empty ("" in reports of older versions); why it cannot be graded, if so;
    # and the documents that were not read in full.
    kind: str = ""
    kind_reason: str = ""
    unread: list[str] = field(default_factory=list)
    # the statutory periods measured on the case (casecheck.periods), for the timeline
    periods: list[StatutoryPeriod] = field(default_factory=list)
    # the date the law facts are current to (checklists/laws/currency.yaml) and notes on it
    laws_current_to: str = ""
    law_notes: list[str] = field(default_factory=list)

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
                "kind": self.kind,
                "kind_reason": self.kind_reason,
                "unread": list(self.unread),
            },
            "documents": [d.to_json() for d in self.documents],
            "elements": [e.to_json() for e in self.elements],
            "citations": [c.to_json() for c in self.citations],
            "timeline": [e.to_json() for e in self.timeline],
            "periods": [p.to_json() for p in self.periods],
            "findings": [f.to_json(self.score.charges.get(f.id)) for f in self.findings],
            "score": self.score.to_json(),
            "not_checked": [n.to_json() for n in self.not_checked],
            "laws": {"current_to": self.laws_current_to, "notes": list(self.law_notes)},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """A Report from its JSON (Contract 1). Documents come back without their text and
        pages, with their counts."""
        case = data["case"]
        return cls(
            case_path=case["path"],
            department=case.get("department", ""),
            region=case.get("region", ""),
            standard=case.get("standard", ""),
            kind=case.get("kind", ""),
            kind_reason=case.get("kind_reason", ""),
            unread=list(case.get("unread") or ()),
            tool_version=data.get("tool", {}).get("version", ""),
            documents=[
                Document(
                    id=d["id"],
                    path=d["path"],
                    doc_type=d["doc_type"],
                    type_confidence=d["type_confidence"],
                    text_source=d["text_source"],
                    errors=list(d["errors"]),
                    counts=(int(d.get("pages") or 0), int(d.get("chars") or 0)),
                    source_pages=_page_range(d.get("source_pages")),
                )
                for d in data["documents"]
            ],
            elements=[Element(**e) for e in data["elements"]],
            citations=[Citation(**c) for c in data["citations"]],
            timeline=[
                Event(
                    e["event"],
                    dt.date.fromisoformat(e["date"]),
                    e["document"],
                    e["start"],
                    e["end"],
                )
                for e in data["timeline"]
            ],
            periods=[StatutoryPeriod.from_json(p) for p in data.get("periods") or ()],
            findings=[Finding.from_json(f) for f in data["findings"]],
            score=Score.from_json(data["score"], data["findings"]),
            not_checked=[NotChecked(**n) for n in data["not_checked"]],
            laws_current_to=(data.get("laws") or {}).get("current_to", ""),
            law_notes=list((data.get("laws") or {}).get("notes") or ()),
        )


def _page_range(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None
