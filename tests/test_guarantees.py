"""What the engine promises the user, checked on a generated case with a scanned page:
input files unchanged (bytes and times), no network connection, no temporary files left."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from casecheck import check_case
from casecheck.ingest import ocr
from casecheck.samples import generate_case

REPO = Path(__file__).resolve().parents[1]
# jieba keeps its dictionary cache in the temporary folder on purpose (it is reused by every
# later run); everything else the engine writes there must be gone when a check ends.
KEPT_CACHES = ("jieba.cache", "jieba.u")


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated case plus one scanned page (an image-only copy of a generated PDF)."""
    root = tmp_path_factory.mktemp("case")
    case = generate_case(root / "案卷", defects=(), seed=3).path
    text_pdf = next(p for p in sorted(case.rglob("*.pdf")))
    pdf = pdfium.PdfDocument(text_pdf.read_bytes())
    image = pdf[0].render(scale=100 / 72).to_pil().convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=100)
    (case / "99 扫描件.pdf").write_bytes(out.getvalue())
    (case / "98 只读说明.txt").write_text("情况说明\n本案卷材料由青禾示例局整理。", "utf-8")
    (case / "98 只读说明.txt").chmod(0o444)
    return case


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Each file's SHA-256, modification time (ns) and mode."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            info = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            out[path.relative_to(folder).as_posix()] = (digest, info.st_mtime_ns, info.st_mode)
    return out


def temp_listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(KEPT_CACHES)}


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty temporary folder for this test alone (the machine's /tmp is shared)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access is disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.mark.slow
@pytest.mark.usefixtures("read_in_process")  # the patched sockets and temporary folder apply
def test_check_case_changes_nothing_connects_nowhere_and_cleans_up(
    case_dir: Path, private_tmp: Path, no_network: list[object]
) -> None:
    before = snapshot(case_dir)
    report = check_case(case_dir)
    assert snapshot(case_dir) == before
    assert no_network == []
    assert temp_listing(private_tmp) == set()
    documents = {d.path: d for d in report.documents}
    assert {p for p in before if not p.startswith(".")} <= set(documents)
    assert all(d.errors == [] for d in report.documents)
    scan = documents["99 扫描件.pdf"]
    assert scan.text_source == ("ocr" if ocr.available() else "none")


@dataclass(frozen=True)
class CliRun:
    result: subprocess.CompletedProcess[str]
    before: dict[str, tuple[str, int, int]]
    after: dict[str, tuple[str, int, int]]
    report: Path
    tmp: Path
    home: Path
    trace: Path | None


@pytest.fixture(scope="module")
def cli_run(case_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """`casecheck check … --format json --out …` in a fresh process with its own temporary
    and home folders, traced for connect() calls when strace is installed (native code, such
    as onnxruntime's telemetry, bypasses any Python-level socket patch)."""
    work = tmp_path_factory.mktemp("cli")
    tmp, home = work / "tmp", work / "home"
    tmp.mkdir()
    home.mkdir()
    out = work / "报告.json"
    command = [sys.executable, "-m", "casecheck", "check", str(case_dir)]
    command += ["--format", "json", "--out", str(out)]
    trace = work / "connect.trace" if shutil.which("strace") else None
    if trace:
        command = ["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace), *command]
    before = snapshot(case_dir)
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp), "HOME": str(home)},
    )
    return CliRun(result, before, snapshot(case_dir), out, tmp, home, trace)


@pytest.mark.slow
def test_cli_json_report_changes_nothing_and_cleans_up(cli_run: CliRun) -> None:
    assert cli_run.result.returncode in (0, 1), cli_run.result.stderr
    assert cli_run.report.is_file(), (cli_run.result.stdout[-2000:], cli_run.result.stderr[-2000:])
    assert cli_run.after == cli_run.before
    assert temp_listing(cli_run.tmp) == set()
    assert sorted(p.relative_to(cli_run.home) for p in cli_run.home.rglob("*")) == []
    report = json.loads(cli_run.report.read_text("utf-8"))
    paths = {d["path"] for d in report["documents"]}
    assert {p for p in cli_run.before if not p.startswith(".")} <= paths


@pytest.mark.slow
def test_cli_opens_no_network_connection(cli_run: CliRun) -> None:
    if cli_run.trace is None:
        pytest.skip("strace is not installed")
    assert cli_run.result.returncode in (0, 1), cli_run.result.stderr
    calls = cli_run.trace.read_text().splitlines()
    assert [c for c in calls if "AF_INET" in c] == []
