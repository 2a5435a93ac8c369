"""OCR results cached by page image, so that checking the same scan again is instant.

One SQLite file in the user's cache folder (platformdirs; $CASECHECK_CACHE_DIR overrides it),
never in the case folder. Its size is bounded: when it grows past MAX_BYTES, the pages used
least recently are dropped. A cache that cannot be opened or written (read-only home, a
damaged file) is skipped: the pages are then recognised as without it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import platformdirs

if TYPE_CHECKING:
    from casecheck.ingest.ocr import OcrLine

CACHE_DIR_ENV = "CASECHECK_CACHE_DIR"
FILE_NAME = "ocr-pages.sqlite3"
# About 30,000 pages of text.
MAX_BYTES = 64 * 2**20
# Pruning keeps this share of MAX_BYTES, so that it does not run after every page.
KEEP_SHARE = 0.8

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    override = os.environ.get(CACHE_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("casecheck"))


def page_key(image: np.ndarray, fingerprint: str) -> str:
    """A digest of the page's pixels and of what decides how they are read."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(repr((image.shape, str(image.dtype))).encode())
    digest.update(memoryview(np.ascontiguousarray(image)).cast("B"))
    return digest.hexdigest()


class OcrCache:
    def __init__(self, path: Path, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._db = sqlite3.connect(path, timeout=5)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS pages"
            " (key TEXT PRIMARY KEY, lines TEXT NOT NULL, size INTEGER NOT NULL,"
            " used REAL NOT NULL)"
        )
        self._db.commit()

    def get(self, key: str) -> list[OcrLine] | None:
        from casecheck.ingest.ocr import OcrLine

        try:
            row = self._db.execute("SELECT lines FROM pages WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            self._db.execute("UPDATE pages SET used = ? WHERE key = ?", (time.time(), key))
            self._db.commit()
            return [OcrLine(*line) for line in json.loads(row[0])]
        except (sqlite3.Error, ValueError, TypeError):
            log.warning("OCR cache entry unreadable", exc_info=True)
            return None

    def put(self, key: str, lines: list[OcrLine]) -> None:
        data = json.dumps(
            [[line.text, line.left, line.top, line.right, line.bottom] for line in lines],
            ensure_ascii=False,
        )
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)",
                (key, data, len(data.encode()), time.time()),
            )
            self._prune()
            self._db.commit()
        except sqlite3.Error:
            log.warning("OCR cache not written", exc_info=True)

    def _prune(self) -> None:
        (total,) = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM pages").fetchone()
        if total <= self.max_bytes:
            return
        excess = total - int(KEEP_SHARE * self.max_bytes)
        dropped = 0
        for key, size in self._db.execute("SELECT key, size FROM pages ORDER BY used").fetchall():
            if dropped >= excess:
                break
            self._db.execute("DELETE FROM pages WHERE key = ?", (key,))
            dropped += size

    def close(self) -> None:
        self._db.close()


def open_cache() -> OcrCache | None:
    """The user's OCR cache, or None when it cannot be used."""
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return OcrCache(folder / FILE_NAME)
    except (OSError, sqlite3.Error):
        log.warning("OCR cache unavailable", exc_info=True)
        return None
