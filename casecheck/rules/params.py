"""Thresholds and periods that differ by department, region and date, read from
`checklists/params/*.yaml` (except holidays.yaml and departments.yaml).

Each entry: `key`, `value`, optional `department`, `region`, `from`, `to` (ISO dates, inclusive),
`source` and `verified` (false where the domain reference marks the value UNVERIFIED). The most
specific entry in force on the date wins: department and region > department > region > national.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from casecheck.resources import checklist_path, load_yaml

_NOT_PARAM_FILES = {"holidays.yaml", "departments.yaml"}


@dataclass(frozen=True)
class ParamValue:
    key: str
    value: Any
    department: str = ""
    region: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""
    verified: bool = True

    def in_force(self, on: dt.date | None) -> bool:
        if on is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@cache
def param_table() -> tuple[ParamValue, ...]:
    entries = []
    for path in sorted(checklist_path("params").glob("*.yaml")):
        if path.name in _NOT_PARAM_FILES:
            continue
        for raw in load_yaml("params", path.name) or []:
            entries.append(
                ParamValue(
                    key=raw["key"],
                    value=raw["value"],
                    department=raw.get("department") or "",
                    region=raw.get("region") or "",
                    valid_from=_date(raw.get("from")),
                    valid_to=_date(raw.get("to")),
                    source=raw.get("source") or "",
                    verified=bool(raw.get("verified", True)),
                )
            )
    return tuple(entries)


def param_keys() -> set[str]:
    """The keys a rule may reference as `$key`."""
    return {p.key for p in param_table()}


def lookup(
    key: str, department: str = "", region: str = "", on: dt.date | None = None
) -> ParamValue | None:
    """The entry for `key` that applies to this department, region and date, or None."""
    candidates = [
        p
        for p in param_table()
        if p.key == key
        and p.department in ("", department)
        and p.region in ("", region)
        and p.in_force(on)
    ]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda p: (bool(p.department), bool(p.region), p.valid_from or dt.date.min),
    )


def highest(key: str, on: dt.date | None = None) -> ParamValue | None:
    """The entry with the largest value of `key` in force on the date, whatever its department
    and region: a value at or above it reaches every threshold the data knows."""
    candidates = [p for p in param_table() if p.key == key and p.in_force(on)]
    return max(candidates, key=lambda p: float(p.value)) if candidates else None


def known_departments() -> dict[str, list[str]]:
    """Department name → authority-name patterns that identify it."""
    data = load_yaml("params", "departments.yaml") or {}
    return {name: list(spec.get("authority_patterns", [])) for name, spec in data.items()}


def detect_department(authority_texts: list[str]) -> str:
    """The department whose authority pattern occurs in the given authority names, or ''."""
    for name, patterns in known_departments().items():
        if any(p in text for text in authority_texts for p in patterns):
            return name
    return ""
