"""Limits on the time and memory one piece of work may take, where the platform offers them
(POSIX: a timer signal, which also stops a regular expression match, and the address-space
limit). Elsewhere, and off the main thread, the work runs without them."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any


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


def limit_memory(extra_bytes: int) -> bool:
    """Cap this process's address space at its current size plus `extra_bytes` (for a worker
    process that checks one case at a time); False where the platform has no such limit."""
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
    if soft != resource.RLIM_INFINITY and soft <= limit:
        return True  # already as strict
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return True
