"""What a file is, judged by its content rather than its name."""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from typing import Literal

from casecheck.ingest.normalize import is_cjk

Kind = Literal[
    "empty",
    "pdf",
    "docx",
    "zip",
    "xlsx",
    "pptx",
    "ofd",
    "ole",
    "encrypted_office",
    "text",
    "binary",
]

# What the zipfile module raises on a damaged or unusual archive: bad headers, bad deflate
# data, truncation, an unsupported zip version or method, an encrypted member.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx/.xlsx is an OLE file holding this stream (name stored as UTF-16LE).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def sniff(data: bytes) -> Kind:
    if not data:
        return "empty"
    # PDF readers accept the header anywhere in the first KiB.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if data.startswith(_OLE_MAGIC):
        return "encrypted_office" if _ENCRYPTED_PACKAGE in data else "ole"
    if decode_text(_sample(data)) is not None:
        return "text"
    return "binary"


# A larger file is judged by its first bytes: decoding it whole is the reader's work, done once.
SNIFF_BYTES = 256 * 2**10


def _sample(data: bytes) -> bytes:
    """The head of `data`: for UTF-8 without the character the cut splits; otherwise cut
    after its last line feed (no GB18030 character is cut there) and, for UTF-16, to whole
    code units."""
    if len(data) <= SNIFF_BYTES:
        return data
    head = data[:SNIFF_BYTES]
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:  # UTF-8: drop the character the cut splits
        decoder.decode(head, final=False)
        return head[: len(head) - len(decoder.getstate()[0])]
    except UnicodeDecodeError:
        pass
    cut = head.rfind(b"\n")
    head = head[: cut + 1] if cut > 0 else head
    if head.startswith(_BOMS[1:]) or b"\x00" in head[:4096]:
        head = head[: len(head) // 2 * 2]
    return head


def _zip_kind(data: bytes) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except ZIP_ERRORS:
        # A damaged Office or OFD file still usually names its main part near the start.
        if b"word/document.xml" in data:
            return "docx"
        return "ofd" if b"OFD.xml" in data else "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def decode_text(data: bytes) -> str | None:
    """Text of `data`: BOM (UTF-8, UTF-16) first, then strict UTF-8, then UTF-16 without a
    BOM where NUL bytes show it (the high byte of ASCII characters), then GB18030.

    None when no encoding fits or the result does not look like text (control characters).
    """
    text: str | None = None
    if data.startswith(_BOMS[0]):
        text = _try(data, "utf-8-sig")
    elif data.startswith(_BOMS[1]) or data.startswith(_BOMS[2]):
        text = _try(data, "utf-16")
    else:
        text = _try(data, "utf-8")
        if text is None and b"\x00" in data[:4096]:
            text = _try(data, _utf16_order(data[:4096]))
            if text is not None and not _mostly_chinese_or_ascii(text):
                text = None
        if text is None:
            text = _try(data, "gb18030")
    if text is None or not _looks_like_text(text):
        return None
    return text


def _utf16_order(head: bytes) -> str:
    """UTF-16LE puts an ASCII character's zero byte second, UTF-16BE first."""
    return "utf-16-le" if head[1::2].count(0) >= head[::2].count(0) else "utf-16-be"


def _mostly_chinese_or_ascii(text: str) -> bool:
    """Binary data decodes as UTF-16 to characters from all over Unicode; text does not."""
    sample = text[:4096]
    usual = sum(
        1 for c in sample if (c.isascii() and (c.isprintable() or c.isspace())) or is_cjk(c)
    )
    return usual >= 0.95 * len(sample)


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_like_text(text: str) -> bool:
    """No NUL and few other control characters (text copied from Word has some \\x1f, \\x07)."""
    sample = text[:65536]
    controls = sum(1 for c in sample if c < " " and c not in "\n\r\t\f")
    return "\x00" not in sample and controls <= len(sample) // 20
