"""The law registry: shipped facts (checklists/laws), hand-written facts (manual.yaml) and the
user's imported laws (the SQLite store), resolved by name and by date.

Loading reads only the small index; a law's per-article facts are read on first use.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from casecheck.laws.facts import (
    PREFIX,
    ArticleFacts,
    LawRecord,
    StructureEntry,
    VersionRecord,
    articles_from_json,
    link_versions,
    parse_date,
)
from casecheck.laws.store import LawStore, StoredLaw
from casecheck.resources import checklist_path

_STRIP = re.compile(r"[\s《》〈〉<>“”\"'「」]")
_VERSION_NOTE = re.compile(r"（[^（）]*\d{4}[^（）]*）$")  # （2021年修订）


# 中华人民共和国 with its last character misread (中华人民共和固: OCR, a slip of the keyboard).
_PREFIX_MISREAD = re.compile(rf"^{PREFIX[:-1]}[^{PREFIX[-1]}](?=.{{2}})")


def normalize_name(name: str) -> str:
    """The lookup key of a law name: no brackets, quotes, spaces, 中华人民共和国 (or the prefix
    with its last character misread) or version note."""
    key = _STRIP.sub("", name).replace("(", "（").replace(")", "）")
    key = _VERSION_NOTE.sub("", key)
    return key.removeprefix(PREFIX) if key.startswith(PREFIX) else _PREFIX_MISREAD.sub("", key)


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else (str(value) if value else None)


@dataclass
class LawVersion:
    """One version of a law: when it was in force and what it contains."""

    law: Law
    date: str
    effective: dt.date | None
    effective_source: str
    superseded: dt.date | None
    article_count: int | None
    notes: str = ""
    source: str = ""
    has_facts: bool = True  # False for versions known only from manual.yaml (counts only)

    def in_force_on(self, on: dt.date) -> bool:
        start = self.effective or parse_date(self.date)
        return (
            start is not None and start <= on and (self.superseded is None or on < self.superseded)
        )

    def _full(self) -> VersionRecord | None:
        return self.law.full_version(self.date) if self.has_facts else None

    @property
    def structure(self) -> list[StructureEntry]:
        full = self._full()
        return full.structure if full else []

    @property
    def history(self) -> list[tuple[str, str]]:
        full = self._full()
        return full.history if full else []

    def articles(self) -> dict[str, ArticleFacts]:
        return self.law.articles(self.date) if self.has_facts else {}

    def article(self, number: int, suffix: int | None = None) -> ArticleFacts | None:
        """Article `number` (第N条; `suffix` 1 = 第N条之一), or None if absent or not known."""
        return self.articles().get(f"{number}-{suffix}" if suffix else str(number))

    def penalty_articles(self) -> list[ArticleFacts]:
        return [a for a in self.articles().values() if a.penalties]


@dataclass
class Law:
    """A law with its names and versions (ordered by the date they came into force)."""

    name: str
    short: str
    level: str
    issuer: str = ""
    aliases: list[str] = field(default_factory=list)
    repealed: dt.date | None = None
    replaced_by: str = ""  # the law that repealed this one, when known
    former_names: list[tuple[str, dt.date]] = field(default_factory=list)
    versions: list[LawVersion] = field(default_factory=list)
    facts_file: str | None = None  # shipped per-law JSON, read lazily
    # the user's imported records of this law, read lazily; their versions replace shipped
    # versions of the same date
    user_records: list[Callable[[], LawRecord | None]] = field(default_factory=list, repr=False)
    _record: LawRecord | None = field(default=None, repr=False)
    _articles: dict[str, dict[str, ArticleFacts]] = field(default_factory=dict, repr=False)

    def version_at(self, on: dt.date) -> LawVersion | None:
        """The version in force on `on`; None before the first or after repeal."""
        if self.repealed and on >= self.repealed:
            return None
        return next((v for v in reversed(self.versions) if v.in_force_on(on)), None)

    @property
    def latest(self) -> LawVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def article_bound(self) -> int | None:
        """The largest article count of any known version: no version has an article above it,
        unless a version of unknown length was longer than every known one (rare: laws grow; the
        bound is used for versions of unknown length and for citations without a date)."""
        return max((v.article_count for v in self.versions if v.article_count), default=None)

    @property
    def counts_complete(self) -> bool:
        """Whether every known version's article count is known (the bound is then exact)."""
        return bool(self.versions) and all(v.article_count for v in self.versions)

    def _full_record(self) -> LawRecord | None:
        if self._record is None and self.facts_file:
            path = checklist_path("laws", "facts", self.facts_file)
            self._record = LawRecord.from_json(json.loads(path.read_text(encoding="utf-8")))
        if self.user_records:
            record = self._record or LawRecord(self.name, self.short, self.level)
            for read in self.user_records:
                user = read()
                dates = {u.date for u in user.versions} if user else set()
                record.versions = [v for v in record.versions if v.date not in dates]
                record.versions += user.versions if user else []
            self._record, self.user_records = record, []
        return self._record

    def full_version(self, date: str) -> VersionRecord | None:
        record = self._full_record()
        return next((v for v in record.versions if v.date == date), None) if record else None

    def articles(self, date: str) -> dict[str, ArticleFacts]:
        if date not in self._articles:
            full = self.full_version(date)
            self._articles[date] = articles_from_json(full.articles or {}) if full else {}
        return self._articles[date]


@dataclass(frozen=True)
class RenumberEntry:
    old: int
    new: tuple[int, ...]
    topic: str
    verified: bool
    keywords: tuple[str, ...] = ()
    role_only: tuple[str, ...] = ()


@dataclass
class Renumbering:
    """A revision's old → new article map (checklists/laws/*_renumbering.yaml): the 行政处罚法
    1996/2009/2017 → 2021, the 治安管理处罚法 2012 → 2025. `context` is where the topic words
    are looked for: the citation's sentence, or the whole document (a decision that names the
    act in its facts and cites the article in another sentence)."""

    law: str
    cutover: dt.date
    entries: dict[int, RenumberEntry]
    new_topics: dict[int, tuple[str, ...]]
    revision: str = "2021年修订"
    context: str = "sentence"

    def old_to_new(self, article: int) -> list[int]:
        entry = self.entries.get(article)
        return list(entry.new) if entry else []

    def new_to_old(self, article: int) -> list[int]:
        return [e.old for e in self.entries.values() if article in e.new]

    @classmethod
    def load(cls, file_name: str = "xingzheng_chufa_renumbering.yaml") -> Renumbering:
        with checklist_path("laws", file_name).open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=yaml.CSafeLoader)
        entries = {
            e["old"]: RenumberEntry(
                e["old"],
                tuple(e["new"]),
                e["topic"],
                bool(e["verified"]),
                tuple(e.get("keywords", ())),
                tuple(e.get("role_only", ())),
            )
            for e in data["entries"]
        }
        topics = {int(k): tuple(v) for k, v in data.get("new_topics", {}).items()}
        return cls(
            data["law"],
            dt.date.fromisoformat(_iso(data["cutover"])),
            entries,
            topics,
            data.get("revision", "2021年修订"),
            data.get("context", "sentence"),
        )

    @classmethod
    def load_all(cls) -> dict[str, Renumbering]:
        """Every table of checklists/laws, by the full name of its law."""
        files = sorted(checklist_path("laws").glob("*_renumbering.yaml"))
        return {t.law: t for t in (cls.load(p.name) for p in files)}


class Registry:
    """All known laws, looked up by any of their names."""

    def __init__(self, laws: list[Law], manual: dict[str, Any] | None = None) -> None:
        self.laws = laws
        self.settings = manual or {}
        self._by_key: dict[str, Law] = {}
        self._former: dict[str, tuple[Law, dt.date]] = {}
        for law in sorted(laws, key=lambda x: _LEVEL_RANK.get(x.level, 9)):
            for name in (law.name, law.short, *law.aliases):
                self._by_key.setdefault(normalize_name(name), law)
            for name, until in law.former_names:
                self._former[normalize_name(name)] = (law, until)
                self._by_key.setdefault(normalize_name(name), law)
        self._renumberings: dict[str, Renumbering] | None = None

    def resolve_name(self, name: str) -> Law | None:
        """The law called `name` (full, short or alias; 《》, spaces, 中华人民共和国 optional)."""
        return self._by_key.get(normalize_name(name)) if name else None

    def former_name(self, name: str) -> tuple[Law, dt.date] | None:
        """(law, date renamed) if `name` is a name the law stopped using on that date."""
        return self._former.get(normalize_name(name))

    def successor(self, law: Law) -> Law | None:
        """The law that replaced a repealed `law` (its final articles say 《…》同时废止, or
        manual.yaml says so)."""
        return self.resolve_name(law.replaced_by) if law.replaced_by else None

    def suggest(self, name: str, n: int = 3, cutoff: float = 0.5) -> list[str]:
        """Canonical names closest to `name`, best first."""
        keys = difflib.get_close_matches(normalize_name(name), self._by_key, n * 3, cutoff)
        out: list[str] = []
        for key in keys:
            canonical = self._by_key[key].name
            if canonical not in out:
                out.append(canonical)
        return out[:n]

    def similarity(self, name: str) -> float:
        """How close `name` is to the nearest registered name (0–1)."""
        key = normalize_name(name)
        best = difflib.get_close_matches(key, self._by_key, 1, 0.0)
        return difflib.SequenceMatcher(None, key, best[0]).ratio() if best else 0.0

    @property
    def renumbering(self) -> Renumbering:
        """The 行政处罚法's table (the one `old_to_new`, `new_to_old` answer for)."""
        return self.renumbering_of("中华人民共和国行政处罚法") or Renumbering.load()

    def renumbering_of(self, law_name: str) -> Renumbering | None:
        """The renumbering table of a law (its full name), if one is shipped."""
        if self._renumberings is None:
            self._renumberings = Renumbering.load_all()
        return self._renumberings.get(law_name)

    def old_to_new(self, article: int) -> list[int]:
        """行政处罚法: the 2021 article numbers of an old (1996–2017) article."""
        return self.renumbering.old_to_new(article)

    def new_to_old(self, article: int) -> list[int]:
        """行政处罚法: the old (1996–2017) article numbers of a 2021 article."""
        return self.renumbering.new_to_old(article)

    def by_level(self, level: str | None = None) -> list[Law]:
        return [law for law in self.laws if level is None or law.level == level]


_LEVEL_RANK = {"宪法": 0, "法律": 1, "行政法规": 2, "司法解释": 3, "部门规章": 4}


def _law_from_index(entry: dict[str, Any]) -> Law:
    law = Law(
        name=entry["name"],
        short=entry["short"],
        level=entry["level"],
        issuer=entry.get("issuer", ""),
        aliases=list(entry.get("aliases", [])),
        repealed=parse_date(entry.get("repealed")),
        replaced_by=entry.get("replaced_by") or "",
        facts_file=entry.get("file"),
    )
    law.versions = [_version(law, v, v.get("article_count") is not None) for v in entry["versions"]]
    return law


def _version(law: Law, v: dict[str, Any], has_facts: bool = True) -> LawVersion:
    return LawVersion(
        law=law,
        date=v["date"],
        effective=parse_date(v.get("effective")),
        effective_source=v.get("effective_source", "assumed"),
        superseded=parse_date(v.get("superseded")),
        article_count=v.get("article_count"),
        source=v.get("source", ""),
        has_facts=has_facts,
    )


def _merge_user_record(laws: dict[str, Law], stored: StoredLaw) -> None:
    """Put a user-imported law into `laws`: its versions replace shipped ones of the same date.
    Only its summary is read now; its articles when a citation first needs them."""
    record = stored.summary
    name, short = normalize_name(record.name), normalize_name(record.short)
    law = next(
        (
            x
            for x in laws.values()
            if name == normalize_name(x.name) or short == normalize_name(x.short)
        ),
        None,
    )
    if law is None:
        law = laws[record.name] = Law(record.name, record.short, record.level, record.issuer)
    law.aliases = sorted(set(law.aliases) | set(record.aliases) | {record.short})
    if record.repealed:  # an imported text's final articles repeal it (《…》同时废止)
        law.repealed = parse_date(record.repealed)
        law.replaced_by = record.replaced_by or law.replaced_by
    law.user_records.append(stored.full)
    law._articles.clear()
    known = {v.date for v in record.versions}
    law.versions = [v for v in law.versions if v.date not in known] + [
        _version(law, u.index_json(), u.date in stored.with_articles) for u in record.versions
    ]


def _apply_manual(laws: dict[str, Law], manual: dict[str, Any]) -> None:
    by_key = {}
    for law in laws.values():
        for name in (law.name, law.short, *law.aliases):
            by_key.setdefault(normalize_name(name), law)
    for item in manual.get("laws", []):
        law = by_key.get(normalize_name(item["name"]))
        if law is None:
            law = laws[item["name"]] = Law(
                item["name"], normalize_name(item["name"]), item.get("level", "法律")
            )
        law.aliases = sorted(set(law.aliases) | set(item.get("aliases", [])))
        if "repealed" in item:
            law.repealed = parse_date(_iso(item["repealed"]))
        law.replaced_by = item.get("replaced_by", law.replaced_by)
        law.former_names = [
            (f["name"], dt.date.fromisoformat(_iso(f["until"])))
            for f in item.get("former_names", [])
        ]
        for mv in item.get("versions", []):
            date = _iso(mv["date"])
            version = next((v for v in law.versions if v.date == date), None)
            if version is None:
                version = _version(law, {"date": date}, has_facts=False)
                law.versions.append(version)
            if "effective" in mv:
                version.effective = parse_date(_iso(mv["effective"]))
                version.effective_source = "manual"
            if "article_count" in mv:
                version.article_count = mv["article_count"]
            version.notes = mv.get("notes", version.notes)
            version.source = mv.get("source", version.source)


def build_registry(
    index: dict[str, Any], manual: dict[str, Any], user: list[StoredLaw]
) -> Registry:
    laws: dict[str, Law] = {}
    for entry in index.get("laws", []):
        law = _law_from_index(entry)
        laws[law.name] = law
    for record in user:
        _merge_user_record(laws, record)
    _apply_manual(laws, manual)
    for law in laws.values():
        link_versions(law.versions, lambda v: v.effective or parse_date(v.date))
    return Registry(list(laws.values()), manual)


def _shipped() -> tuple[dict[str, Any], dict[str, Any]]:
    """The shipped index and hand-written facts."""
    index_path = checklist_path("laws", "index.json")
    index = json.loads(index_path.read_text(encoding="utf-8")) if index_path.is_file() else {}
    with checklist_path("laws", "manual.yaml").open(encoding="utf-8") as fh:
        manual = yaml.load(fh, Loader=yaml.CSafeLoader) or {}
    return index, manual


@cache
def load_registry() -> Registry:
    """The registry of shipped, hand-written and user-imported law facts (loaded once)."""
    index, manual = _shipped()
    return build_registry(index, manual, LawStore().index().laws)


def shipped_registry() -> Registry:
    """The registry of the shipped and hand-written facts only (no user imports)."""
    index, manual = _shipped()
    return build_registry(index, manual, [])
