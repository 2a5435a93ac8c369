"""Time and memory limits (issue 17): a case past its time limit gets a failure report and the
batch goes on; a worker's memory is capped; a reader out of memory gives an error document."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from casecheck import batch, ingest
from casecheck.engine import CheckOptions
from casecheck.ingest.container import Entry
from casecheck.limits import time_limit

REPO = Path(__file__).resolve().parents[1]


class Expired(Exception):
    pass


def test_time_limits_nest_and_give_time_back():
    started = time.monotonic()
    with pytest.raises(Expired), time_limit(0.6, Expired):
        with time_limit(0.2, KeyError):
            pass
        with time_limit(5, KeyError):  # the outer limit ends first and keeps its timer
            time.sleep(3)
    assert time.monotonic() - started < 1.5


def test_a_case_past_its_time_limit_fails_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "CASE_SECONDS", 0.3)
    slow = tmp_path / "in" / "slow.txt"
    slow.parent.mkdir()
    slow.write_text("行政处罚决定书", encoding="utf-8")
    monkeypatch.setattr(batch, "check_one", lambda path, options: time.sleep(10))
    started = time.monotonic()
    summary = batch.check_entry(slow, tmp_path / "out", CheckOptions())
    assert time.monotonic() - started < 5
    report = batch.load_report(summary.json_path)
    assert "秒未完成" in report.findings[0].message
    assert report.kind_reason.startswith(batch.FAILED)


def test_a_reader_out_of_memory_gives_an_error_document(monkeypatch):
    def exhausted(entry, options):
        raise MemoryError

    monkeypatch.setattr(ingest, "_read", exhausted)
    doc = ingest.read_document(Entry("a.pdf", b"%PDF-1.4", "pdf"))
    assert doc.errors == [ingest.OUT_OF_MEMORY]


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_a_worker_memory_cap_stops_a_runaway_allocation():
    code = (
        "from casecheck.limits import limit_memory\n"
        "assert limit_memory(256 * 2**20)\n"
        "try:\n    block = bytearray(1024 * 2**20)\nexcept MemoryError:\n    print('capped')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.strip() == "capped", out.stderr


def hang_on_stuck(entry: Path, out_dir: Path, options: CheckOptions):
    """A worker stuck where no signal reaches it (as in native code) on the entry `stuck`."""
    if entry.name == "stuck":
        import signal

        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(120)
    return batch.check_entry(entry, out_dir, options)


@pytest.mark.slow
def test_a_stuck_worker_is_killed_and_the_batch_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "CASE_SECONDS", 1)
    monkeypatch.setattr(batch, "WATCHDOG_GRACE", 0)
    monkeypatch.setattr(batch, "WATCH_SECONDS", 0.2)
    cases = tmp_path / "in"
    (cases / "stuck").mkdir(parents=True)
    (cases / "quick.txt").write_text("行政处罚决定书", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    entries = batch.case_entries(cases)
    started = time.monotonic()
    done = list(batch._check_all(entries, out, CheckOptions(), 2, None, work=hang_on_stuck))
    assert time.monotonic() - started < 60
    assert sorted(c.name for c in done) == ["quick.txt", "stuck"]
    (stuck,) = [c for c in done if c.name == "stuck"]
    assert stuck.failed
    assert "秒未完成" in batch.load_report(out / "stuck.json").findings[0].message
