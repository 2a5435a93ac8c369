"""What a check function sees: the case, its elements, citations and timeline, and the
department, region and date that select parameters."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from casecheck.classify import load_catalog
from casecheck.model import CaseFile, Citation, Document, Element, Event
from casecheck.nlp.dates import find_dates
from casecheck.rules import params
from casecheck.rules.registry import CannotCheck


@dataclass
class CaseContext:
    case: CaseFile
    elements: list[Element] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    department: str = ""
    region: str = ""
    # the parameters looked up since the runner last cleared this (the facts of a finding)
    used_params: list[params.ParamValue] = field(default_factory=list)
    # what check functions derive from the case once, by key (see `memo`): a check that looks
    # at each citation or element must not scan the whole document again for each one
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    def documents(self, types: Iterable[str] = ()) -> list[Document]:
        """Readable documents of the given types (all readable documents if none given)."""
        wanted = set(types)
        return [
            d for d in self.case.documents if d.readable and (not wanted or d.doc_type in wanted)
        ]

    def documents_fulfilling(self, function: str) -> list[Document]:
        """Documents (readable or not) that fulfil a procedure function (立案, 告知, 审批,
        法制审核 …), whatever their department calls them (see `function` in doctypes.yaml)."""
        catalog = load_catalog()
        return [d for d in self.case.documents if function in catalog.fulfils(d)]

    def document(self, doc_id: str) -> Document:
        doc = self.case.document(doc_id)
        if doc is None:
            raise KeyError(doc_id)
        return doc

    def elements_of(self, kind: str, types: Iterable[str] = ()) -> list[Element]:
        """Elements of one kind, in document order, optionally only in documents of `types`."""
        wanted = set(types)
        ids = {d.id for d in self.case.documents if not wanted or d.doc_type in wanted}
        by_kind = self.memo("elements_of", lambda: _by_kind(self.elements))
        return [e for e in by_kind.get(kind, []) if e.document in ids]

    def elements_in(self, doc_id: str, kind: str | None = None) -> list[Element]:
        found = self.memo("elements_in", lambda: _by_document(self.elements)).get(doc_id, [])
        return [e for e in found if kind is None or e.kind == kind]

    def first_date(self, kind: str, types: Iterable[str] = ()) -> tuple[dt.date, Element] | None:
        for element in self.elements_of(kind, types):
            try:
                return dt.date.fromisoformat(str(element.normalized)), element
            except ValueError:
                continue
        return None

    def citations_in(self, doc_id: str) -> list[Citation]:
        return list(self.memo("citations_in", lambda: _by_document(self.citations)).get(doc_id, []))

    def dates_in(self, doc_id: str) -> set[dt.date]:
        """Every date the document's text states."""
        return self.memo(
            ("dates_in", doc_id), lambda: {d.date for d in find_dates(self.document(doc_id).text)}
        )

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """`compute()`, computed once per case for `key` (the case's elements and citations
        do not change while rules run)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def reference_date(self) -> dt.date | None:
        """The date that selects parameters: the decision date, else the latest event."""
        decided = [e.date for e in self.timeline if e.event == "decision"]
        if decided:
            return max(decided)
        return max((e.date for e in self.timeline), default=None)

    def param_values_ever(self, rule: Any, name: str) -> list[Any]:
        """Every value a `$key` parameter has had for this department and region, on any
        date: without a date, only a value wrong on every date is surely wrong."""
        value = rule.params.get(name)
        if not (isinstance(value, str) and value.startswith("$")):
            return [value]
        return [
            entry.value
            for entry in params.param_table()
            if entry.key == value[1:]
            and entry.department in ("", self.department)
            and entry.region in ("", self.region)
        ]

    def param(self, rule: Any, name: str, on: dt.date | None = None) -> Any:
        """A rule parameter; a value written `$key` is looked up in checklists/params for the
        case's department, region and date. Raises CannotCheck when no value applies."""
        value = rule.params.get(name)
        if not (isinstance(value, str) and value.startswith("$")):
            return value
        key = value[1:]
        on = on or self.reference_date
        entry = params.lookup(key, self.department, self.region, on)
        if entry is None:
            scope = (
                "、".join(x for x in (self.department, self.region) if x) or "未识别的部门和地区"
            )
            when = f"{on.year}年{on.month}月{on.day}日" if on else "案卷日期"
            raise CannotCheck(
                f"没有适用于{scope}、{when}的参数 {key}（当时的规定没有此项，或数据未收录）；"
                "如执法部门或地区未识别，可在设置中指定"
            )
        self.used_params.append(entry)
        return entry.value

    def param_highest(self, rule: Any, name: str, on: dt.date | None = None) -> float | None:
        """For a `$key` threshold with no value for this department and region: the highest
        value any department or region has on the date (a value at or above it reaches every
        known threshold), or None when the data has none."""
        value = rule.params.get(name)
        if not (isinstance(value, str) and value.startswith("$")):
            return None
        entry = params.highest(value[1:], on or self.reference_date)
        if entry is None:
            return None
        self.used_params.append(entry)
        return float(entry.value)


def _by_document(items: Iterable[Element] | Iterable[Citation]) -> dict[str, list[Any]]:
    out: defaultdict[str, list[Any]] = defaultdict(list)
    for item in items:
        out[item.document].append(item)
    return out


def _by_kind(elements: Iterable[Element]) -> dict[str, list[Element]]:
    out: defaultdict[str, list[Element]] = defaultdict(list)
    for element in elements:
        out[element.kind].append(element)
    return out
