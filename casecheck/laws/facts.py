"""Plain facts about statutes: penalty clauses, articles, versions, laws, and their JSON form.

The JSON form is what `checklists/laws/` ships and what the user store holds: numbers, dates,
names and short condition phrases only, never article text.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PREFIX = "中华人民共和国"  # the prefix of national laws' full names


@dataclass(frozen=True)
class PenaltyRange:
    """One fine range of a 款. `base` set means a multiple of that base (`low`/`high` are factors,
    e.g. 货值金额 10–20); otherwise yuan. `low` None = only an upper bound, `high` None = only a
    lower bound. `condition` is the short phrase that selects this range (e.g. 情节严重的)."""

    paragraph: int
    low: float | None
    high: float | None
    base: str | None = None
    condition: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"p": self.paragraph, "low": self.low, "high": self.high}
        if self.base is not None:
            data["base"] = self.base
        if self.condition:
            data["cond"] = self.condition
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PenaltyRange:
        return cls(data["p"], data["low"], data["high"], data.get("base"), data.get("cond", ""))


@dataclass(frozen=True)
class PenaltyClause:
    """The penalties one 款 imposes: types named, fine ranges parsed, or why they were not."""

    paragraph: int
    types: tuple[str, ...]
    ranges: tuple[PenaltyRange, ...] = ()
    unparsed: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"p": self.paragraph, "types": list(self.types)}
        if self.ranges:
            data["ranges"] = [r.to_json() for r in self.ranges]
        if self.unparsed:
            data["unparsed"] = self.unparsed
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PenaltyClause:
        return cls(
            data["p"],
            tuple(data["types"]),
            tuple(PenaltyRange.from_json(r) for r in data.get("ranges", ())),
            data.get("unparsed"),
        )


@dataclass(frozen=True)
class ArticleFacts:
    """One article: `key` is "124" or "120-1" (第一百二十条之一); `items[i]` = 项 in 款 i+1."""

    key: str
    items: tuple[int, ...]
    penalties: tuple[PenaltyClause, ...] = ()

    @property
    def number(self) -> int:
        return int(self.key.split("-")[0])

    @property
    def paragraph_count(self) -> int:
        return len(self.items)

    def item_count(self, paragraph: int) -> int:
        return self.items[paragraph - 1] if 1 <= paragraph <= len(self.items) else 0

    @property
    def ranges(self) -> list[PenaltyRange]:
        return [r for clause in self.penalties for r in clause.ranges]


@dataclass(frozen=True)
class StructureEntry:
    """A 编/分编/章/节 heading and the articles it spans (numbers of the main sequence)."""

    level: str
    title: str
    first: int | None
    last: int | None


def parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def link_versions(versions: list[Any], start: Callable[[Any], Any]) -> None:
    """Order versions by `start` (entry into force); each is superseded when the next starts."""
    versions.sort(key=lambda v: (start(v), v.date))
    for older, newer in itertools.pairwise(versions):
        older.superseded = start(newer)
    if versions:
        versions[-1].superseded = None


def articles_to_json(articles: list[ArticleFacts]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for art in articles:
        entry: Any = list(art.items)
        if art.penalties:
            entry = {"items": list(art.items), "pen": [c.to_json() for c in art.penalties]}
        out[art.key] = entry
    return out


def articles_from_json(data: dict[str, Any]) -> dict[str, ArticleFacts]:
    out: dict[str, ArticleFacts] = {}
    for key, entry in data.items():
        if isinstance(entry, list):
            out[key] = ArticleFacts(key, tuple(entry))
        else:
            pens = tuple(PenaltyClause.from_json(c) for c in entry["pen"])
            out[key] = ArticleFacts(key, tuple(entry["items"]), pens)
    return out


@dataclass
class VersionRecord:
    """One version as stored (JSON-ready): the registry wraps these in `LawVersion`."""

    date: str
    effective: str | None = None
    effective_source: str = "assumed"
    superseded: str | None = None
    article_count: int | None = None
    history: list[tuple[str, str]] = field(default_factory=list)
    structure: list[StructureEntry] = field(default_factory=list)
    articles: dict[str, Any] | None = None  # JSON form; None when only counts are known
    source: str = ""

    def index_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "effective": self.effective,
            "effective_source": self.effective_source,
            "superseded": self.superseded,
            "article_count": self.article_count,
        }

    def to_json(self) -> dict[str, Any]:
        data = self.index_json()
        data["history"] = [list(h) for h in self.history]
        data["structure"] = [[s.level, s.title, s.first, s.last] for s in self.structure]
        data["articles"] = self.articles
        if self.source:
            data["source"] = self.source
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VersionRecord:
        return cls(
            date=data["date"],
            effective=data.get("effective"),
            effective_source=data.get("effective_source", "assumed"),
            superseded=data.get("superseded"),
            article_count=data.get("article_count"),
            history=[tuple(h) for h in data.get("history", [])],
            structure=[StructureEntry(*s) for s in data.get("structure", [])],
            articles=data.get("articles"),
            source=data.get("source", ""),
        )


@dataclass
class LawRecord:
    """One law as stored: names, level, and its versions (oldest first)."""

    name: str
    short: str
    level: str
    issuer: str = ""
    aliases: list[str] = field(default_factory=list)
    repealed: str | None = None
    versions: list[VersionRecord] = field(default_factory=list)
    replaced_by: str | None = None  # the law whose final articles repealed this one

    def to_json(self, *, full: bool = True) -> dict[str, Any]:
        data = {
            "name": self.name,
            "short": self.short,
            "level": self.level,
            "issuer": self.issuer,
            "aliases": self.aliases,
            "repealed": self.repealed,
            "versions": [v.to_json() if full else v.index_json() for v in self.versions],
        }
        if self.replaced_by:
            data["replaced_by"] = self.replaced_by
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LawRecord:
        return cls(
            name=data["name"],
            short=data["short"],
            level=data["level"],
            issuer=data.get("issuer", ""),
            aliases=list(data.get("aliases", [])),
            repealed=data.get("repealed"),
            versions=[VersionRecord.from_json(v) for v in data.get("versions", [])],
            replaced_by=data.get("replaced_by"),
        )
