"""The LibreOffice route of legacy .doc conversion runs without network (issue 17): a document
can link pictures to addresses, which LibreOffice would fetch. A stand-in `soffice` that tries
to connect shows the namespace it runs in has no network."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from casecheck.ingest import legacy

FAKE_SOFFICE = """#!{python}
import socket, sys
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
source = Path(args[-1])
profile = [a for a in args if a.startswith("-env:UserInstallation=")]
settings = Path(profile[0].split("=", 1)[1].removeprefix("file://")) / "user"
try:
    socket.create_connection(("192.0.2.1", 80), timeout=3)  # TEST-NET-1: what a link fetches
    result = "connected"
except OSError as exc:
    result = "unreachable" if exc.errno == 101 else "other:" + str(exc.errno)
if not (settings / "registrymodifications.xcu").is_file():
    result += ",no-settings"
out.mkdir(parents=True, exist_ok=True)
(out / (source.stem + ".docx")).write_text(result)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="network namespaces are Linux's")
def test_libreoffice_runs_without_network(tmp_path, monkeypatch):
    if not legacy.offline_prefix():
        pytest.skip("no user/network namespace can be made here")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(FAKE_SOFFICE.format(python=sys.executable), encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert shutil.which("soffice") == str(fake)
    work = tmp_path / "work"
    work.mkdir()
    source = work / "source.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0")
    assert legacy._with_soffice(source, work) == b"unreachable"


ECHO_SOFFICE = """#!{python}
import sys
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
source = Path(args[-1])
out.mkdir(parents=True, exist_ok=True)
(out / (source.stem + ".docx")).write_bytes(source.read_bytes())
"""


@pytest.mark.skipif(os.name != "posix", reason="a stand-in soffice script needs POSIX")
def test_libreoffice_gets_no_field_that_fetches(tmp_path, monkeypatch):
    """Whatever namespace is available, the copy LibreOffice converts has its fetching fields
    (a linked picture in 8-bit and in UTF-16 text, a DDEAUTO) made unknown, at the same
    offsets; other text is as it was."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(ECHO_SOFFICE.format(python=sys.executable), encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    wide = '\x13 includePicture "\\\\\\\\host\\\\share\\\\a.png" \x14\x15 LINK 说明'
    narrow = b'\x13 INCLUDEPICTURE "http://192.0.2.1/a.png" \\d \x14\x15\x13DDEAUTO x'
    original = b"\xd0\xcf\x11\xe0" + narrow + wide.encode("utf-16-le")
    work = tmp_path / "work"
    work.mkdir()
    (work / "source.doc").write_bytes(original)
    seen = legacy._with_soffice(work / "source.doc", work)
    assert seen is not None and len(seen) == len(original)
    assert b"INCLUDEPICTURE" not in seen and b"XNCLUDEPICTURE" in seen
    assert "includePicture".encode("utf-16-le") not in seen
    assert "XncludePicture".encode("utf-16-le") in seen
    assert b"\x13XDEAUTO x" in seen  # right after the field's begin mark, too
    assert " LINK 说明".encode("utf-16-le") in seen  # body text, not a field


TRACED_CONVERSION = """
import sys
from pathlib import Path
from casecheck.ingest import legacy
work = Path(sys.argv[1])
converted = legacy._with_soffice(work / "source.doc", work)
print(len(converted or b""))
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_real_libreoffice_conversion_opens_no_network_socket(tmp_path):
    """A real .doc through the real LibreOffice route (namespace, private profile, fields made
    unknown), every process traced: it converts, and no connect() leaves AF_UNIX."""
    rtf = tmp_path / "source.rtf"
    rtf.write_text(
        "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\\f0 "
        "\\u34892?\\u25919?\\u22788?\\u32602?\\u20915?\\u23450?\\u20070?\\par "
        '{\\field{\\*\\fldinst INCLUDEPICTURE "http://127.0.0.1:9/beacon.png" \\\\d}'
        "{\\fldrslt }}\\par}",
        encoding="ascii",
    )
    made = tmp_path / "made"
    subprocess.run(
        [*legacy.offline_prefix(), "soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
         "--headless", "--convert-to", "doc", "--outdir", str(made), str(rtf)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    if not (made / "source.doc").is_file():
        pytest.skip("LibreOffice could not make the test .doc here")
    work = tmp_path / "work"
    work.mkdir()
    (work / "source.doc").write_bytes((made / "source.doc").read_bytes())
    trace = tmp_path / "connect.trace"
    result = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace),
         sys.executable, "-c", TRACED_CONVERSION, str(work)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.split()[-1]) > 0  # converted
    calls = [line for line in trace.read_text().splitlines() if "connect(" in line]
    assert [c for c in calls if "AF_UNIX" not in c] == []
