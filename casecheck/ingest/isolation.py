"""Each file of a case is read in a child process, so that no file can take more than
`limits.FILE_SECONDS` without progress or `limits.FILE_MEMORY_BYTES` of memory, whatever the
reader does (a stuck pdfium call, a runaway allocation in native code): past either the child
is stopped and the file becomes a document with a Chinese message; the rest of the case is read
by a new child.

One child serves a whole process (`casecheck check`, the app, each batch worker) and reads one
file at a time; it is started on the first file and costs one interpreter start, not one per
file. Where no child can be started (a platform or bundle without processes) files are read
in this process, bounded by the readers' own limits only.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from multiprocessing import get_context, parent_process
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from casecheck import limits
from casecheck.ingest.container import Entry
from casecheck.ingest.options import Progress, ReadOptions, ReadProgress
from casecheck.model import Document

TIMEOUT = (
    "文件读取超过 {seconds} 秒仍未完成（可能是异常构造的文件），已停止读取；"
    "请用原软件打开后另存再检查"
)
DIED = (
    "读取文件时读取进程异常退出（文件结构异常，或所需内存超过 {limit} MB），未读取；"
    "请用原软件打开后另存再检查"
)
# Starting a child (an interpreter and the readers' imports) may take this long on a busy
# machine before files are read in this process instead.
START_SECONDS = 120.0
# False: read every file in this process (tests that replace a reader's internals).
ENABLED = True

Reader = Callable[[Entry, ReadOptions], Document]
log = logging.getLogger(__name__)


class FileReader:
    """Reads entries with `read` in a child process under a time and memory bound."""

    def __init__(
        self,
        read: Reader,
        seconds: float = limits.FILE_SECONDS,
        memory_bytes: int = limits.FILE_MEMORY_BYTES,
    ) -> None:
        self.read_in_child = read
        self.seconds = seconds
        self.memory_bytes = memory_bytes
        self._lock = threading.Lock()
        self._child: BaseProcess | None = None
        self._conn: Connection | None = None
        self._ready = False
        self._broken = False  # no child could be started: read in this process

    def read(self, entry: Entry, options: ReadOptions) -> Document:
        with self._lock:
            conn = self._started()
            if conn is None:
                return self.read_in_child(entry, options)
            try:
                return self._read(conn, entry, options)
            except BaseException:  # the caller's progress callback cancelled the read
                self.stop()
                raise

    def stop(self) -> None:
        """End the child (a new one starts for the next file)."""
        if self._child is not None:
            self._child.kill()
            self._child.join()
        if self._conn is not None:
            self._conn.close()
        self._child = self._conn = None

    def _start(self) -> None:
        if self._broken or (self._child is not None and self._child.is_alive()):
            return
        self.stop()
        try:
            context = get_context("spawn")
            parent, child_end = context.Pipe()
            child = context.Process(
                target=_serve,
                args=(child_end, self.read_in_child, self.memory_bytes),
                daemon=True,
                name="casecheck-reader",
            )
            child.start()
        except (OSError, AssertionError, RuntimeError) as exc:
            # AssertionError: a daemonic process may not have children.
            self._give_up(exc)
            return
        child_end.close()
        self._child, self._conn, self._ready = child, parent, False

    def _started(self) -> Connection | None:
        """The connection to a ready child, or None to read in this process."""
        self._start()
        if self._conn is None or self._ready:
            return self._conn
        try:
            ready = self._conn.poll(START_SECONDS) and self._conn.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            self._give_up(OSError("the reader process did not start"))
            return None
        self._ready = True
        return self._conn

    def _give_up(self, exc: BaseException) -> None:
        log.warning("reading files in this process, without a child: %s", exc)
        self._broken = True

    def _read(self, conn: Connection, entry: Entry, options: ReadOptions) -> Document:
        try:
            conn.send((entry, replace(options, progress=None), options.progress is not None))
        except OSError:  # the child is gone
            return self._failed(entry, DIED.format(limit=self.memory_bytes >> 20))
        deadline = time.monotonic() + self.seconds
        while True:
            left = deadline - time.monotonic()
            try:
                if left <= 0 or not conn.poll(left):
                    return self._failed(entry, TIMEOUT.format(seconds=round(self.seconds)))
                message = conn.recv()
            except (EOFError, OSError):
                return self._failed(entry, DIED.format(limit=self.memory_bytes >> 20))
            if message[0] == "done":
                return message[1]
            if options.progress is not None:
                options.progress(message[1])
            deadline = time.monotonic() + self.seconds

    def _failed(self, entry: Entry, error: str) -> Document:
        self.stop()
        return Document(id="", path=entry.path, errors=[error])


def _serve(conn: Connection, read: Reader, memory_bytes: int) -> None:
    """The child: read each entry sent, under a fresh memory cap, and send back its document
    (and, on request, OCR progress as it goes); ends when the parent closes the pipe, or
    exits at once when the parent is gone (even while a file is still being read)."""
    parent = parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), daemon=True).start()
    conn.send("ready")
    while True:
        try:
            entry, options, report = conn.recv()
        except EOFError:
            return
        limits.limit_memory(memory_bytes, loosen=True)
        try:
            document = read(entry, replace(options, progress=_progress(conn, report)))
        except MemoryError:  # past the cap outside the reader's own guard
            error = DIED.format(limit=memory_bytes >> 20)
            document = Document(id="", path=entry.path, errors=[error])
        del entry
        conn.send(("done", document))


def _exit_after(parent: BaseProcess) -> None:
    parent.join()
    os._exit(0)


def _progress(conn: Connection, report: bool) -> Progress:
    """OCR progress: the OCR engine gets its own memory allowance when a file's OCR begins
    (page images are already capped in pixels), and the parent hears of each page when asked."""

    def progress(step: ReadProgress) -> None:
        if step.stage == "ocr" and step.done == 0:
            limits.limit_memory(limits.OCR_MEMORY_BYTES, loosen=True)
        if report:
            conn.send(("progress", step))

    return progress


_shared: FileReader | None = None
_shared_lock = threading.Lock()


def read_bounded(entry: Entry, options: ReadOptions, read: Reader) -> Document:
    """`read(entry, options)` in this process's reader child (started on first use)."""
    if not ENABLED:
        return read(entry, options)
    return _shared_reader(read).read(entry, options)


def _shared_reader(read: Reader) -> FileReader:
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = FileReader(read)
        return _shared
