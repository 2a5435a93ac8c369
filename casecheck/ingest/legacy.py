"""Legacy Word files (.doc, and .wps saved by WPS in the same binary format) to .docx bytes.

First the pure-Python `msdoc2docx` package (import name `doc2docx`), then LibreOffice when
`soffice` is on PATH. Both work on a copy in a private temporary folder that is removed
afterwards; the user's file is never touched. LibreOffice gets its own profile folder per run
(so it neither clashes with a running LibreOffice nor writes to the user's profile) and a time
limit, after which its whole process group is killed. A document can link pictures and fields
to addresses (INCLUDEPICTURE "http://…", a UNC path that leaks Windows credentials), which
LibreOffice fetches while converting: on Linux it runs in a network namespace of its own,
without any network (`unshare`); where no namespace can be made, links are not updated by
the profile's settings (`_PROFILE_SETTINGS`). In every case the fields that fetch
(INCLUDEPICTURE, INCLUDETEXT, LINK, DDE, DDEAUTO, IMPORT) are made unknown fields in the copy
LibreOffice gets (`without_links`), so even a LibreOffice that ignored its settings has nothing
to fetch.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path

from casecheck.limits import READER_SECONDS

# LibreOffice is stopped (its whole process group) before the reader process's own bound.
SOFFICE_SECONDS = READER_SECONDS
# The main stream of a Word 97–2003 file, named (UTF-16LE) in the compound file's directory.
_WORD_STREAM = "WordDocument".encode("utf-16-le")

log = logging.getLogger(__name__)


def to_docx(data: bytes, suffix: str = ".doc") -> bytes | None:
    """The document as .docx bytes, or None when no converter can read it."""
    with tempfile.TemporaryDirectory(prefix="casecheck-") as tmp:
        source = Path(tmp, "source" + (suffix if suffix in (".doc", ".wps") else ".doc"))
        source.write_bytes(data)
        return _with_msdoc2docx(source, Path(tmp)) or _with_soffice(source, Path(tmp))


def available() -> bool:
    return importlib.util.find_spec("doc2docx") is not None or shutil.which("soffice") is not None


def is_word(data: bytes) -> bool:
    """Whether an OLE compound file is a Word document a converter can be tried on."""
    return available() and _WORD_STREAM in data


def _with_msdoc2docx(source: Path, tmp: Path) -> bytes | None:
    if importlib.util.find_spec("doc2docx") is None:
        return None
    from doc2docx import convert

    # [MS-CFB] says the header's class id is unused and must be zero; Word leaves its own class
    # id there in many files, which msdoc2docx rejects. Readers ignore the field, so clear it.
    copy = tmp / ("clean" + source.suffix)
    data = source.read_bytes()
    copy.write_bytes(data[:8] + bytes(16) + data[24:])
    out = tmp / "msdoc2docx.docx"
    try:
        convert(copy, out)
        return out.read_bytes()
    except Exception as exc:  # a young parser: any failure falls through to the next route
        log.info("msdoc2docx could not convert: %s: %s", type(exc).__name__, exc)
        return None


# LibreOffice settings for the private profile: never update links (pictures, fields, OLE
# objects) when loading, and block links from untrusted referers.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse">
<value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


@cache
def offline_prefix() -> tuple[str, ...]:
    """The command prefix that runs a program without network: a user and network namespace
    (`unshare -rn`, Linux) when one can be made here, else nothing."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        probe = subprocess.run(
            [unshare, "-rn", "true"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    return (unshare, "-rn") if probe.returncode == 0 else ()


# Field instructions that make Word or LibreOffice fetch a file or address when fields are
# updated; a field's instruction follows its begin mark (0x13), in 8-bit or UTF-16LE text.
_FETCHING_FIELDS = ("INCLUDEPICTURE", "INCLUDETEXT", "DDEAUTO", "LINK", "DDE", "IMPORT")


def _field_pattern(wide: bool) -> re.Pattern[bytes]:
    def encode(text: str) -> bytes:
        return text.encode("utf-16-le" if wide else "ascii")

    def letters(word: str) -> bytes:
        return b"".join(b"(?:%s|%s)" % (encode(c), encode(c.lower())) for c in word)

    names = b"|".join(letters(word) for word in _FETCHING_FIELDS)
    return re.compile(b"(%s(?:%s)*)(%s)(?=%s)" % (encode("\x13"), encode(" "), names, encode(" ")))


_FIELD_PATTERNS = (_field_pattern(wide=False), _field_pattern(wide=True))


def without_links(data: bytes) -> bytes:
    """A legacy Word file whose fetching fields are unknown fields instead: the first letter
    of the field's name becomes X (same length, so every offset in the file still holds)."""
    for pattern, x in zip(_FIELD_PATTERNS, (b"X", "X".encode("utf-16-le")), strict=True):
        data = pattern.sub(lambda m, x=x: m.group(1) + x + m.group(2)[len(x) :], data)
    return data


def _unlimited_memory() -> Callable[[], None] | None:
    """What LibreOffice's process runs first (POSIX): lift the reader's address-space cap,
    which LibreOffice's own reservations would exceed; it is bounded by SOFFICE_SECONDS
    instead. A plain C call, safe between fork and exec."""
    try:
        import resource
    except ImportError:
        return None
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    return partial(resource.setrlimit, resource.RLIMIT_AS, (hard, hard))


def _with_soffice(source: Path, tmp: Path) -> bytes | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    source.write_bytes(without_links(source.read_bytes()))
    out_dir = tmp / "soffice"
    profile = tmp / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, "utf-8")
    command = [
        *offline_prefix(),
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--convert-to",
        "docx",
        "--outdir",
        str(out_dir),
        str(source),
    ]
    posix = os.name == "posix"
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=posix,
        preexec_fn=_unlimited_memory(),
    ) as process:
        try:
            process.wait(timeout=SOFFICE_SECONDS)
        except subprocess.TimeoutExpired:
            if posix:
                os.killpg(process.pid, signal.SIGKILL)
            else:
                process.kill()
            process.wait()
            log.warning("LibreOffice took longer than %s s", SOFFICE_SECONDS)
            return None
    result = out_dir / (source.stem + ".docx")
    return result.read_bytes() if result.is_file() else None
