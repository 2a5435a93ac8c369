"""Dated steps of the procedure, named in a rule's params so that generic checks can compare any
two of them (`dates.order`, `period.between`).

An event is a mapping:

    source: filing | served | signed | element
    types: [document types]      # where to look
    kind: decision_date          # source `element`: the element kind
    in_document: last | first    # which of a document's dates (default last)
    pick: first_document | earliest | latest | each   # across documents (default first_document)
    as: decision                 # the name of its date in the rule's message
    missing: 卷内未找到立案日期    # the reason a check cannot run without it ({doc_type} allowed)

`filing` is the date of 立案 (a labelled date, or the approval closing the filing form);
`served` the date a 送达回证 records for a document of `types`; `signed` the last date written in
each document (its sign-off; with `in_document: first`, the first date it gives); `element` the
dates the extractor labelled `kind`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from casecheck.model import Document, Element
from casecheck.rules.checks.common import dated, served_on
from casecheck.rules.checks.procedure import first_date, last_date
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import CannotCheck, register_kind

SOURCES = ("filing", "served", "signed", "element")
PICKS = ("first_document", "earliest", "latest", "each")

Dated = tuple[dt.date, Element]


def filing_date(ctx: CaseContext, types: list[str]) -> Dated | None:
    """The date of 立案: a date the documents label as such or, failing that, the approval
    that closes the filing form (its last date: 同意立案 + signature + date)."""
    labelled = ctx.first_date("filing_date", types)
    if labelled is not None:
        return labelled
    for doc in ctx.documents(types):
        signed = _signed(doc, "filing_date")
        if signed is not None:
            return signed
    return None


def _signed(doc: Document, kind: str = "date", first: bool = False) -> Dated | None:
    found = first_date(doc) if first else last_date(doc)
    if found is None:
        return None
    written = doc.text[found.start : found.end]
    element = Element(doc.id, kind, written, found.date.isoformat(), found.start, found.end)
    return found.date, element


def event_dates(ctx: CaseContext, event: Mapping[str, Any]) -> list[Dated]:
    """The dates of an event: one, none, or (pick `each`) one per document of its types. With
    `each`, a document without a date makes the event missing as a whole."""
    source, types = event["source"], list(event.get("types") or ())
    if source == "filing":
        found = filing_date(ctx, types)
        return [found] if found else []
    if source == "served":
        found = served_on(ctx, types)
        return [found] if found else []
    per_document: list[tuple[Document, Dated | None]] = []
    for doc in ctx.documents(types):
        if source == "signed":
            per_document.append((doc, _signed(doc, first=event.get("in_document") == "first")))
            continue
        found = dated(ctx.elements_in(doc.id, event["kind"]))
        pick_first = event.get("in_document") == "first"
        per_document.append((doc, (found[0] if pick_first else found[-1]) if found else None))
    pick = event.get("pick", "first_document")
    if pick == "each":
        lacking = next((doc for doc, found in per_document if found is None), None)
        if lacking is not None:
            raise CannotCheck(missing(event, lacking))
        return [found for _, found in per_document if found is not None]
    present = [found for _, found in per_document if found is not None]
    if not present:
        return []
    if pick == "earliest":
        return [min(present, key=lambda pair: pair[0])]
    if pick == "latest":
        return [max(present, key=lambda pair: pair[0])]
    return [present[0]]


def one_date(ctx: CaseContext, event: Mapping[str, Any]) -> Dated | None:
    found = event_dates(ctx, event)
    return found[0] if found else None


def missing(event: Mapping[str, Any], doc: Document | None = None) -> str:
    """Why the event could not be dated (Chinese)."""
    reason = str(event.get("missing") or "卷内未找到相关日期")
    return reason.format(doc_type=doc.doc_type) if doc is not None else reason


def event_problem(value: Any) -> str:
    """What is wrong with an event written in a pack (Chinese; empty when nothing is)."""
    if not isinstance(value, dict):
        return "应为键值映射（source、types …）"
    if value.get("source") not in SOURCES:
        return f"source 应为 {'、'.join(SOURCES)} 之一"
    if value["source"] == "element" and not isinstance(value.get("kind"), str):
        return "source 为 element 时需要 kind（要素种类）"
    if value.get("pick", "first_document") not in PICKS:
        return f"pick 应为 {'、'.join(PICKS)} 之一"
    if value.get("in_document", "last") not in ("first", "last"):
        return "in_document 应为 first 或 last"
    if not isinstance(value.get("as"), str):
        return "需要 as（该日期在提示信息中的名称）"
    types = value.get("types", [])
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        return "types 应为文书类型列表"
    return ""


register_kind("event", "日期事件（source、types 等）", event_problem)
