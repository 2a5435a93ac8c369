"""The user's law store: laws imported on this machine (SQLite), consulted by the registry in
addition to the shipped facts, so laws can be added or updated offline.

A damaged store (not a database, corrupt pages, a row that is not a law record) never stops a
command: what can be read is used, the rest is reported by `read` (and `casecheck laws status`),
and `casecheck laws remove` / `reset` repair it."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from casecheck.laws.facts import LawRecord
from casecheck.resources import data_dir

# What a damaged row or store raises when it is read.
_DAMAGE = (sqlite3.DatabaseError, ValueError, KeyError, TypeError, AttributeError, IndexError)


@dataclass
class StoreContents:
    records: list[LawRecord] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # every stored name, readable or not
    problems: list[str] = field(default_factory=list)  # Chinese, one per damaged part


@dataclass
class StoredLaw:
    """A stored law as a check first needs it: its names and versions without their articles
    (`summary`), the dates of the versions whose articles are stored, and `full()`, which reads
    the whole record (None if damaged) when a citation of the law first needs its articles."""

    summary: LawRecord
    with_articles: set[str]
    full: Callable[[], LawRecord | None]


@dataclass
class StoreIndex:
    laws: list[StoredLaw] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # Chinese, one per damaged part


log = logging.getLogger(__name__)


class LawStore:
    """Imported laws as full fact records (JSON), one row per law, keyed by canonical name,
    and (table `law_index`) each law's summary without articles: a check reads only the
    summaries, so a long statute costs a check nothing until a document cites it."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "laws.sqlite3"

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path)
        con.execute(
            "CREATE TABLE IF NOT EXISTS laws (name TEXT PRIMARY KEY, short TEXT NOT NULL,"
            " level TEXT NOT NULL, facts TEXT NOT NULL, updated TEXT NOT NULL)"
        )
        con.execute(
            "CREATE TABLE IF NOT EXISTS law_index (name TEXT PRIMARY KEY, summary TEXT NOT NULL)"
        )
        return con

    def _read_only(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)

    def _damaged_store(self, exc: BaseException) -> str:
        return (
            f"用户法规库 {self.path} 无法读取（{exc}），本次未使用；"
            "可运行 casecheck laws reset 清空后重新导入"
        )

    def _damaged_row(self, name: str, exc: BaseException) -> str:
        return (
            f"用户法规库中的《{name}》已损坏（{type(exc).__name__}），本次未使用；"
            f"可运行 casecheck laws remove {name} 删除后重新导入"
        )

    def index(self) -> StoreIndex:
        """Every stored law's summary (a law stored before summaries were kept, or whose
        summary is damaged, is read whole) and what could not be read."""
        out = StoreIndex()
        if not self.path.is_file():
            return out
        try:
            con = self._read_only()
            try:
                tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
                query = "SELECT name, NULL FROM laws ORDER BY name"
                if "law_index" in tables:
                    query = (
                        "SELECT laws.name, law_index.summary FROM laws LEFT JOIN law_index"
                        " ON law_index.name = laws.name ORDER BY laws.name"
                    )
                rows = con.execute(query).fetchall()
            finally:
                con.close()
        except _DAMAGE as exc:
            out.problems.append(self._damaged_store(exc))
            return out
        for name, summary in rows:
            try:
                if summary is None:
                    record = self._record(str(name))
                    dates = {v.date for v in record.versions if v.articles is not None}
                    out.laws.append(StoredLaw(record, dates, lambda record=record: record))
                    continue
                data = json.loads(summary)
                stored = StoredLaw(
                    LawRecord.from_json(data),
                    set(data["with_articles"]),
                    partial(self._full, str(name)),
                )
            except _DAMAGE as exc:
                out.problems.append(self._damaged_row(str(name), exc))
                continue
            out.laws.append(stored)
        return out

    def _record(self, name: str) -> LawRecord:
        """The whole record of one law; raises one of `_DAMAGE` when it cannot be read."""
        con = self._read_only()
        try:
            row = con.execute("SELECT facts FROM laws WHERE name = ?", (name,)).fetchone()
        finally:
            con.close()
        if row is None:
            raise KeyError(name)
        return LawRecord.from_json(json.loads(row[0]))

    def _full(self, name: str) -> LawRecord | None:
        try:
            return self._record(name)
        except _DAMAGE as exc:  # damaged since the summaries were read
            log.warning("%s", self._damaged_row(name, exc))
            return None

    def load(self) -> list[LawRecord]:
        """All readable stored laws; an absent store is empty (nothing is created by reading),
        a damaged one gives what can be read."""
        return self.read().records

    def read(self) -> StoreContents:
        """The stored laws and what could not be read."""
        contents = StoreContents()
        if not self.path.is_file():
            return contents
        try:
            con = self._read_only()
            try:
                rows = con.execute("SELECT name, facts FROM laws ORDER BY name").fetchall()
            finally:
                con.close()
        except _DAMAGE as exc:
            contents.problems.append(self._damaged_store(exc))
            return contents
        for name, facts in rows:
            contents.names.append(str(name))
            try:
                contents.records.append(LawRecord.from_json(json.loads(facts)))
            except _DAMAGE as exc:
                contents.problems.append(self._damaged_row(str(name), exc))
        return contents

    def save(self, records: list[LawRecord]) -> None:
        """Store laws; a version already stored for the same law and date is replaced.
        Raises sqlite3.DatabaseError for a damaged store (reset it first)."""
        existing = {r.name: r for r in self.load()}
        now = dt.datetime.now().isoformat(timespec="seconds")
        con = self._connect()
        try:
            with con:
                for record in records:
                    old = existing.get(record.name)
                    if old:
                        dates = {v.date for v in record.versions}
                        kept = [v for v in old.versions if v.date not in dates]
                        record.versions = sorted(kept + record.versions, key=lambda v: v.date)
                    con.execute(
                        "INSERT OR REPLACE INTO laws VALUES (?, ?, ?, ?, ?)",
                        (
                            record.name,
                            record.short,
                            record.level,
                            json.dumps(record.to_json(), ensure_ascii=False),
                            now,
                        ),
                    )
                    summary = record.to_json(full=False)
                    summary["with_articles"] = [
                        v.date for v in record.versions if v.articles is not None
                    ]
                    con.execute(
                        "INSERT OR REPLACE INTO law_index VALUES (?, ?)",
                        (record.name, json.dumps(summary, ensure_ascii=False)),
                    )
        finally:
            con.close()

    def remove(self, name: str) -> bool:
        if not self.path.is_file():
            return False
        con = self._connect()
        try:
            with con:
                con.execute("DELETE FROM law_index WHERE name = ?", (name,))
                return con.execute("DELETE FROM laws WHERE name = ?", (name,)).rowcount > 0
        finally:
            con.close()

    def reset(self) -> Path | None:
        """Set the store aside (renamed `.bak`, never deleted) so the next import starts an
        empty one; returns where it went, or None when there was no store."""
        if not self.path.exists():
            return None
        backup = self.path.with_name(self.path.name + ".bak")
        self.path.replace(backup)
        for extra in ("-journal", "-wal", "-shm"):
            self.path.with_name(self.path.name + extra).unlink(missing_ok=True)
        return backup
