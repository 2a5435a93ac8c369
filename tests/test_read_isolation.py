"""Every file of a case is read in a child process under a time and memory bound (issue 17): a
file that hangs, runs out of memory or kills its reader becomes a document with a Chinese
message and an `input.unreadable` finding, and the rest of the case is read. The reader
below stands in for hostile files (stuck in native code, a runaway allocation, a crash); it
runs in the child, so it lives at module level where the child can import it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from casecheck import check_case
from casecheck.ingest import ReadOptions, ReadProgress, isolation, read_document, read_path
from casecheck.ingest.container import Entry
from casecheck.model import Document
from tests.test_ingest_ocr import needs_ocr, scan_of
from tests.test_ingest_pdf import PAGE_ONE, PAGE_TWO, make_pdf

NOTICE = "行政处罚告知书\n当事人：某某有限公司\n本机关拟对你单位处以罚款人民币五千元。\n"
linux_only = pytest.mark.skipif(
    not Path("/proc/self/statm").exists(), reason="the memory cap needs Linux"
)


def hostile_by_name(entry: Entry, options: ReadOptions) -> Document:
    """Reads like the real reader, except files whose name says how they misbehave."""
    if "hang" in entry.path:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as native code would
        time.sleep(600)
    if "hog" in entry.path:
        hoard = [bytearray(64 * 2**20) for _ in range(32)]  # 2 GB
        del hoard
    if "crash" in entry.path:
        os.kill(os.getpid(), signal.SIGKILL)
    if "paced" in entry.path and options.progress:  # a page every 0.8 s, 4.8 s in all
        for page in range(7):
            options.progress(ReadProgress("ocr", entry.path, page, 6))
            time.sleep(0.8)
    return read_document(entry, options)


def entry(name: str) -> Entry:
    return Entry(name, NOTICE.encode("utf-8"), "text")


@pytest.fixture
def reader() -> Iterator[isolation.FileReader]:
    """A reader with a short time bound (2 s) and a small memory cap (256 MB)."""
    made = isolation.FileReader(hostile_by_name, seconds=2, memory_bytes=256 * 2**20)
    yield made
    made.stop()


@pytest.fixture
def patient_reader() -> Iterator[isolation.FileReader]:
    """The same memory cap, with time enough for anything but a hang on a loaded machine."""
    made = isolation.FileReader(hostile_by_name, seconds=60, memory_bytes=256 * 2**20)
    yield made
    made.stop()


def test_a_hanging_file_is_stopped_and_the_next_one_read(reader: isolation.FileReader) -> None:
    started = time.monotonic()
    stuck = reader.read(entry("hang.txt"), ReadOptions())
    assert time.monotonic() - started < 30
    assert stuck.errors == [isolation.TIMEOUT.format(seconds=2)]
    assert reader.read(entry("after.txt"), ReadOptions()).text.startswith("行政处罚告知书")


@linux_only
def test_a_file_past_the_memory_cap_gets_a_message(
    patient_reader: isolation.FileReader,
) -> None:
    hog = patient_reader.read(entry("hog.txt"), ReadOptions())
    assert hog.errors == [isolation.DIED.format(limit=256)]
    assert patient_reader.read(entry("after.txt"), ReadOptions()).errors == []


def test_a_reader_that_dies_costs_only_its_file(patient_reader: isolation.FileReader) -> None:
    crashed = patient_reader.read(entry("crash.txt"), ReadOptions())
    assert crashed.errors == [isolation.DIED.format(limit=256)]
    assert patient_reader.read(entry("after.txt"), ReadOptions()).errors == []


def test_progress_is_relayed_and_keeps_a_long_read_going(reader: isolation.FileReader) -> None:
    calls: list[ReadProgress] = []
    doc = reader.read(entry("paced.txt"), ReadOptions(progress=calls.append))
    assert doc.errors == []
    assert calls == [ReadProgress("ocr", "paced.txt", page, 6) for page in range(7)]


class Cancelled(Exception):
    pass


def test_a_cancel_from_progress_stops_the_read(reader: isolation.FileReader) -> None:
    def cancel(step: ReadProgress) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        reader.read(entry("paced.txt"), ReadOptions(progress=cancel))
    assert reader.read(entry("after.txt"), ReadOptions()).errors == []


def test_without_a_child_files_are_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(method: str) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(isolation, "get_context", refuse)
    made = isolation.FileReader(read_document)
    assert made.read(entry("a.txt"), ReadOptions()).text.startswith("行政处罚告知书")


def test_a_hanging_file_becomes_a_finding_and_the_case_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader: isolation.FileReader
) -> None:
    monkeypatch.setattr(isolation, "_shared", reader)
    for name in ("1告知书.txt", "2hang.txt", "3告知书.txt"):
        (tmp_path / name).write_text(NOTICE, encoding="utf-8")
    report = check_case(tmp_path)
    documents = {d.path: d for d in report.documents}
    assert documents["2hang.txt"].errors == [isolation.TIMEOUT.format(seconds=2)]
    assert documents["1告知书.txt"].readable and documents["3告知书.txt"].readable
    unread = [f for f in report.findings if f.defect_class == "input.unreadable"]
    assert [f.document for f in unread] == [documents["2hang.txt"].id]


@needs_ocr
@pytest.mark.slow
def test_a_scan_is_recognised_in_the_child_within_its_memory_allowance(tmp_path: Path) -> None:
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(scan_of(make_pdf([PAGE_ONE, PAGE_TWO])))
    calls: list[ReadProgress] = []
    (doc,) = read_path(path, ReadOptions(progress=calls.append)).documents
    assert doc.errors == []
    assert [p.text_source for p in doc.pages] == ["ocr", "ocr"]
    ocr = [(c.file, c.done, c.total) for c in calls if c.stage == "ocr"]
    assert ocr == [("扫描件.pdf", 0, 2), ("扫描件.pdf", 1, 2), ("扫描件.pdf", 2, 2)]


ABANDON = """
import os, threading, time
from casecheck.ingest import ReadOptions, isolation
from tests.test_read_isolation import entry, hostile_by_name

if __name__ == "__main__":
    reader = isolation.FileReader(hostile_by_name, seconds=600)
    hang = (entry("hang.txt"), ReadOptions())
    threading.Thread(target=reader.read, args=hang, daemon=True).start()
    while reader._child is None:
        time.sleep(0.1)
    print(reader._child.pid, flush=True)
    time.sleep(1)
    os._exit(0)  # as the app does when its window closes during a check
"""


@pytest.mark.skipif(os.name != "posix", reason="looks for the child's process id")
def test_a_child_stuck_in_a_file_ends_with_its_parent(tmp_path: Path) -> None:
    script = tmp_path / "abandon.py"
    script.write_text(ABANDON, encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root,
        env=env,
    )
    child = int(out.stdout.split()[0])
    deadline = time.monotonic() + 30
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"
