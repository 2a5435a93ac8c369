"""Small lookups shared by several check families."""

from __future__ import annotations

import datetime as dt
import re

from casecheck.model import Document, Element
from casecheck.rules.context import CaseContext

SERVICE_RECEIPT = "送达回证"


def as_date(element: Element) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(element.normalized))
    except ValueError:
        return None


def dated(elements: list[Element]) -> list[tuple[dt.date, Element]]:
    out = [(d, e) for e in elements if (d := as_date(e)) is not None]
    return sorted(out, key=lambda pair: pair[0])


def served_on(ctx: CaseContext, served_types: list[str]) -> tuple[dt.date, Element] | None:
    """The service date of a document of `served_types`, read from a 送达回证 naming it.

    A receipt names what it served (送达文书名称); the earliest service date on a receipt
    that names one of the types is the date of service.
    """
    found = []
    for receipt in ctx.documents([SERVICE_RECEIPT]):
        if not any(name in receipt.text for name in served_types):
            continue
        found.extend(dated(ctx.elements_in(receipt.id, "service_date")))
    return min(found, key=lambda pair: pair[0]) if found else None


def amount_of(element: Element) -> float | None:
    value = element.normalized
    return float(value) if isinstance(value, int | float) else None


def max_amount(ctx: CaseContext, kind: str, doc: Document) -> tuple[float, Element] | None:
    pairs = [(a, e) for e in ctx.elements_in(doc.id, kind) if (a := amount_of(e)) is not None]
    return max(pairs, key=lambda pair: pair[0]) if pairs else None


def party_kind(ctx: CaseContext) -> str | None:
    """`organisation`, `individual`, or None when the documents do not say."""
    if ctx.elements_of("party_credit_code") or ctx.elements_of("legal_representative"):
        return "organisation"
    if ctx.elements_of("party_id_number"):
        return "individual"
    for element in ctx.elements_of("party_name"):
        if isinstance(element.normalized, dict) and element.normalized.get("type"):
            return str(element.normalized["type"])
    return None


def search(pattern: str, doc: Document) -> re.Match[str] | None:
    return re.search(pattern, doc.text)
