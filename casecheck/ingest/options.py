"""How a case is read: OCR on or off, progress reporting, time caps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

ProgressStage = Literal["document", "ocr", "check"]


@dataclass(frozen=True)
class ReadProgress:
    """One step of a check, for a progress display.

    - "document": `done` of `total` documents are read and `file` (its path in the case) is
      read next; sent before each document and once more with done == total and no file.
      `total` counts the case's files before they are read (an archive's members from its
      listing) and grows should reading find more.
    - "ocr": `done` of the `total` scanned pages of `file` are recognised; sent with 0 before
      the first page and after each page.
    - "check": the case is read; its documents are being analysed and checked.
    """

    stage: ProgressStage
    file: str
    done: int
    total: int


Progress = Callable[[ReadProgress], None]


@dataclass(frozen=True)
class ReadOptions:
    # Recognise scanned pages when the `ocr` extra is installed.
    ocr: bool = True
    progress: Progress | None = None
    # A page whose OCR takes longer stays unread, and so do the file's later scanned pages.
    ocr_page_seconds: float = 60.0
    # Reading one file's text layer (seal detection included, OCR not) takes at most this.
    file_seconds: float = 120.0
