"""Limits on the time and memory one piece of work may take, where the platform offers them
(POSIX: a timer signal, which also stops a regular expression match, and the address-space
limit). Elsewhere, and off the main thread, the work runs without them.

The bounds on reading one file of a case are here too (`casecheck.ingest.isolation` applies
them): the process reading a file is stopped when the file takes FILE_SECONDS without progress
(an OCR page done is progress) or FILE_MEMORY_BYTES more address space than the process had
before it; once the file's OCR begins (its page images capped in pixels), the OCR engine is
allowed OCR_MEMORY_BYTES instead (measured: 0.35 GB to load it, 1.4 GB more address space and
1.1 GB resident at most for a 16-megapixel page). The readers' own time limits (a PDF's text
layer, one OCR page) are READER_SECONDS, shorter, so that a slow but ordinary file ends with
their more precise message first.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

FILE_SECONDS = 60.0
FILE_MEMORY_BYTES = 2**30
OCR_MEMORY_BYTES = 2 * 2**30
READER_SECONDS = 45.0


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float, expired: type[BaseException]) -> Iterator[None]:
    """Raise `expired` in the block after `seconds`. Nests: an enclosing limit that ends
    sooner keeps its own timer, and a longer one gets its remaining time back afterwards."""
    if not _usable():
        yield
        return
    outer = signal.getitimer(signal.ITIMER_REAL)[0]
    if outer and outer <= seconds:
        yield  # the enclosing limit ends first
        return

    def expire(signum: int, frame: Any) -> None:
        raise expired

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


def limit_memory(extra_bytes: int, loosen: bool = False) -> bool:
    """Cap this process's address space at its current size plus `extra_bytes` (for a worker
    process that checks one case or reads one file at a time); False where the platform has no
    such limit. An earlier, stricter cap stays unless `loosen` (a worker renewing its own cap
    for its next piece of work)."""
    try:
        import resource
    except ImportError:
        return False
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            current = int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return False
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = current + extra_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft <= limit and not loosen:
        return True  # already as strict
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return True
