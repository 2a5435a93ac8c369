"""The user's law store: laws imported on this machine (SQLite), consulted by the registry in
addition to the shipped facts, so laws can be added or updated offline.

A damaged store (not a database, corrupt pages, a row that is not a law record) never stops a
command: what can be read is used, the rest is reported by `read` (and `casecheck laws status`),
and `casecheck laws remove` / `reset` repair it."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
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


class LawStore:
    """Imported laws as full fact records (JSON), one row per law, keyed by canonical name."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "laws.sqlite3"

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path)
        con.execute(
            "CREATE TABLE IF NOT EXISTS laws (name TEXT PRIMARY KEY, short TEXT NOT NULL,"
            " level TEXT NOT NULL, facts TEXT NOT NULL, updated TEXT NOT NULL)"
        )
        return con

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
            con = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
            try:
                rows = con.execute("SELECT name, facts FROM laws ORDER BY name").fetchall()
            finally:
                con.close()
        except _DAMAGE as exc:
            contents.problems.append(
                f"用户法规库 {self.path} 无法读取（{exc}），本次未使用；"
                "可运行 casecheck laws reset 清空后重新导入"
            )
            return contents
        for name, facts in rows:
            contents.names.append(str(name))
            try:
                contents.records.append(LawRecord.from_json(json.loads(facts)))
            except _DAMAGE as exc:
                contents.problems.append(
                    f"用户法规库中的《{name}》已损坏（{type(exc).__name__}），本次未使用；"
                    f"可运行 casecheck laws remove {name} 删除后重新导入"
                )
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
        finally:
            con.close()

    def remove(self, name: str) -> bool:
        if not self.path.is_file():
            return False
        con = self._connect()
        try:
            with con:
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
