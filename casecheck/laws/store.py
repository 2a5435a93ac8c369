"""The user's law store: laws imported on this machine (SQLite), consulted by the registry in
addition to the shipped facts, so laws can be added or updated offline."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from casecheck.laws.facts import LawRecord
from casecheck.resources import data_dir


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
        """All stored laws; an absent store is empty (nothing is created by reading)."""
        if not self.path.is_file():
            return []
        con = self._connect()
        try:
            rows = con.execute("SELECT facts FROM laws ORDER BY name").fetchall()
        finally:
            con.close()
        return [LawRecord.from_json(json.loads(r[0])) for r in rows]

    def save(self, records: list[LawRecord]) -> None:
        """Store laws; a version already stored for the same law and date is replaced."""
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
