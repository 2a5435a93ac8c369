"""The case timeline: every dated event the documents state, with its source span, in order.

The statutory periods measured on it are in `casecheck.periods` (they use the deadline rules);
working-day arithmetic lives in `casecheck.workdays`.
"""

from __future__ import annotations

import datetime as dt

from casecheck.model import Element, Event

# Element kinds that date a step of the procedure → the event's stable name.
EVENT_OF_KIND: dict[str, str] = {
    "violation_date": "violation",
    "filing_date": "filing",
    "inspection_date": "inspection",
    "notice_date": "notice",
    "hearing_date": "hearing",
    "decision_date": "decision",
    "service_date": "service",
    "payment_date": "payment",
}


def build_timeline(elements: list[Element]) -> list[Event]:
    events = []
    for element in elements:
        name = EVENT_OF_KIND.get(element.kind)
        if name is None:
            continue
        try:
            day = dt.date.fromisoformat(str(element.normalized))
        except ValueError:
            continue
        events.append(Event(name, day, element.document, element.start, element.end))
    events.sort(key=lambda e: (e.date, e.document, e.start))
    return events
