"""The four lists departments publish — 不予处罚 (首违不罚, 轻微不罚, 无过错不罚: 行政处罚法
第三十三条), 减轻, 从轻 and 免予行政强制 — read from `checklists/lists/*.yaml` (format in its
README.md).

Each list covers one department and, where it is a province's or a city's, one region, over a
period. An entry names the violation by the provisions a decision cites and the circumstances
that must be stated in the file for it to apply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from casecheck.nlp.citations import canonical_law_name
from casecheck.resources import checklist_path, load_yaml

KINDS = ("首违不罚", "轻微不罚", "无过错不罚", "从轻", "减轻", "免予行政强制")
_NATIONAL_PREFIX = "中华人民共和国"


@dataclass(frozen=True)
class Provision:
    law: str
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None

    def matches(
        self, law: str, article: int | None, paragraph: int | None, item: int | None
    ) -> bool:
        """Whether a citation of `law` 第`article`条… is this provision: same law and article
        (where the entry names one); a paragraph or item left out on either side is not
        compared."""
        if _law_key(law) != _law_key(self.law):
            return False
        if self.article is not None and article != self.article:
            return False
        narrower = ((self.paragraph, paragraph), (self.item, item))
        return all(mine is None or theirs is None or mine == theirs for mine, theirs in narrower)

    @property
    def precision(self) -> int:
        """How many of article, paragraph and item the entry names (a match on more wins)."""
        return sum(x is not None for x in (self.article, self.paragraph, self.item))


@dataclass(frozen=True)
class Entry:
    id: str
    violation: str
    provisions: tuple[Provision, ...]
    conditions: tuple[str, ...]
    any_violation: bool = False
    goods_value_max: float | None = None
    notes: str = ""


@dataclass(frozen=True)
class PenaltyList:
    name: str
    kind: str
    department: str
    region: str
    places: tuple[str, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: str
    verified: bool
    entries: tuple[Entry, ...]

    def in_force(self, on: dt.date | None) -> bool:
        if on is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    def covers(self, department: str, region: str, authorities: list[str]) -> bool:
        """Whether the list applies to a case of this department, whose region setting is
        `region` and whose authorities are named `authorities`."""
        if self.department and self.department != department:
            return False
        if not self.region:
            return True
        places = self.places or (self.region,)
        return self.region == region or any(p in name for name in authorities for p in places)


def _law_key(name: str) -> str:
    return canonical_law_name(name).removeprefix(_NATIONAL_PREFIX)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _entry(raw: dict[str, Any]) -> Entry:
    provisions = tuple(
        Provision(p["law"], p.get("article"), p.get("paragraph"), p.get("item"))
        for p in raw.get("violated") or []
    )
    limit = raw.get("goods_value_max")
    return Entry(
        id=str(raw["id"]),
        violation=str(raw["violation"]),
        provisions=provisions,
        conditions=tuple(raw.get("conditions") or ()),
        any_violation=bool(raw.get("any_violation", False)),
        goods_value_max=float(limit) if limit is not None else None,
        notes=str(raw.get("notes") or ""),
    )


def _list(raw: dict[str, Any]) -> PenaltyList:
    if raw.get("kind") not in KINDS:
        raise ValueError(f"清单 {raw.get('list')!r} 的 kind 应为 {'、'.join(KINDS)} 之一")
    return PenaltyList(
        name=str(raw["list"]),
        kind=str(raw["kind"]),
        department=str(raw.get("department") or ""),
        region=str(raw.get("region") or ""),
        places=tuple(raw.get("places") or ()),
        valid_from=_date(raw.get("from")),
        valid_to=_date(raw.get("to")),
        source=str(raw.get("source") or ""),
        verified=bool(raw.get("verified", True)),
        entries=tuple(_entry(e) for e in raw.get("entries") or []),
    )


@cache
def penalty_lists() -> tuple[PenaltyList, ...]:
    """Every shipped list, in file-name order."""
    return tuple(
        _list(load_yaml("lists", path.name))
        for path in sorted(checklist_path("lists").glob("*.yaml"))
    )
