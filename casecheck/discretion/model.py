"""A discretion benchmark (行政处罚裁量基准): for a department, a region and a period, each
violation (named by the violated and penalty articles) has circumstance levels, each with the
facts that define it and the penalties and fine ranges it allows.

Provisions are written as a decision cites them (《中华人民共和国食品安全法》第一百二十四条第一款
第（五）项) and fine ranges as a benchmark writes them (处货值金额十倍以上十三倍以下罚款); both are
parsed when a benchmark is loaded, with the same parsers the rules use on case files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from casecheck.laws.facts import PenaltyRange

# The circumstance levels a benchmark's own level names map to, lightest first.
GRADES: tuple[str, ...] = ("不予处罚", "减轻", "从轻", "一般", "从重")


@dataclass(frozen=True)
class Provision:
    """An article (with paragraph and item where written) of a law, by canonical name."""

    law: str
    article: int
    paragraph: int | None = None
    item: int | None = None

    def covers(
        self, law: str, article: int | None, paragraph: int | None, item: int | None
    ) -> bool:
        """A cited provision falls under this one: same article, and the same paragraph and
        item where both name one."""
        return (
            law == self.law
            and article == self.article
            and (self.paragraph is None or paragraph is None or paragraph == self.paragraph)
            and (self.item is None or item is None or item == self.item)
        )

    def label(self) -> str:
        short = self.law.removeprefix("中华人民共和国")
        parts = [f"《{short}》第{self.article}条"]
        if self.paragraph:
            parts.append(f"第{self.paragraph}款")
        if self.item:
            parts.append(f"第{self.item}项")
        return "".join(parts)


@dataclass(frozen=True)
class Level:
    """One circumstance level of a violation: its published name (轻微, 较重 …), the grade it
    maps to, the facts that define it (short phrases), and the penalty it allows."""

    name: str
    grade: str
    facts: tuple[str, ...] = ()
    penalty: str = ""  # as the benchmark states it: 处货值金额十倍以上十三倍以下罚款
    ranges: tuple[PenaltyRange, ...] = ()
    types: tuple[str, ...] = ()
    verified: bool = False


@dataclass(frozen=True)
class Entry:
    """A violation of a benchmark and its levels."""

    id: str
    title: str
    basis: tuple[Provision, ...]  # the penalty articles
    violated: tuple[Provision, ...] = ()
    levels: tuple[Level, ...] = ()
    basis_text: str = ""
    violated_text: str = ""

    def levels_of(self, grade: str) -> list[Level]:
        return [lv for lv in self.levels if lv.grade == grade]


@dataclass
class Benchmark:
    """A published benchmark: who issued it, where and when it applies, where it came from."""

    name: str
    department: str
    regions: tuple[str, ...] = ()  # empty: nationwide
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""  # the document's title and number
    url: str = ""
    retrieved: str = ""
    note: str = ""
    entries: list[Entry] = field(default_factory=list)
    origin: str = ""  # the file it was loaded from (shipped or the user store)

    def in_force(self, on: dt.date | None) -> bool:
        if on is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    def period(self) -> str:
        start = self.valid_from.isoformat() if self.valid_from else "…"
        end = self.valid_to.isoformat() if self.valid_to else "今"
        return f"{start} 至 {end}"


def level_to_json(level: Level) -> dict[str, Any]:
    data: dict[str, Any] = {"name": level.name, "grade": level.grade}
    if level.facts:
        data["facts"] = list(level.facts)
    if level.penalty:
        data["penalty"] = level.penalty
    data["verified"] = level.verified
    return data


def benchmark_to_json(b: Benchmark) -> dict[str, Any]:
    """The YAML form of a benchmark (what `load` reads back)."""
    head: dict[str, Any] = {"name": b.name, "department": b.department}
    if b.regions:
        head["regions"] = list(b.regions)
    if b.valid_from:
        head["from"] = b.valid_from.isoformat()
    if b.valid_to:
        head["to"] = b.valid_to.isoformat()
    for key in ("source", "url", "retrieved", "note"):
        if getattr(b, key):
            head[key] = getattr(b, key)
    head["entries"] = [
        {
            "id": e.id,
            "title": e.title,
            **({"violated": e.violated_text} if e.violated_text else {}),
            "basis": e.basis_text,
            "levels": [level_to_json(lv) for lv in e.levels],
        }
        for e in b.entries
    ]
    return head
