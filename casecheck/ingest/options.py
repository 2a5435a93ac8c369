"""How a case is read: OCR on or off, progress reporting, time caps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from casecheck.limits import READER_SECONDS

# progress(file path in the case, pages recognised so far, pages to recognise in that file);
# called with 0 before the first page and after each page.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ReadOptions:
    # Recognise scanned pages when the `ocr` extra is installed.
    ocr: bool = True
    progress: Progress | None = None
    # A page whose OCR takes longer stays unread, and so do the file's later scanned pages.
    ocr_page_seconds: float = READER_SECONDS
    # Reading one file's text layer (seal detection included, OCR not) takes at most this.
    file_seconds: float = READER_SECONDS
