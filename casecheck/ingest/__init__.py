"""Reading a case file (folder, .zip or one document) into a `CaseFile` of `Document`s.

`read_path` never raises for bad input: a file that cannot be read becomes a document with
empty text and a Chinese message in `errors`. Files are recognised by content, so a PDF named
`.txt` is read as a PDF. User files are only opened for reading; nothing is written beside
them (a legacy .doc is converted from a copy in a private temporary folder).

Scanned PDF pages are recognised by OCR when the `ocr` extra is installed (`ReadOptions`).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from casecheck.ingest import legacy
from casecheck.ingest.container import Entry, count_entries, iter_path
from casecheck.ingest.docx_reader import read_docx
from casecheck.ingest.normalize import MAX_TEXT_CHARS, TOO_MUCH_TEXT
from casecheck.ingest.ofd import read_ofd
from casecheck.ingest.options import Progress, ReadOptions, ReadProgress
from casecheck.ingest.pdf_reader import read_pdf
from casecheck.ingest.txt_reader import UNDECODABLE, read_txt
from casecheck.model import CaseFile, Document

__all__ = ["Progress", "ReadOptions", "ReadProgress", "natural_key", "read_document", "read_path"]

EMPTY = "文件为空"
PASSWORD = "文件受密码保护，无法读取；请取消密码后另存为 .docx 再检查"
LEGACY_WORD = "暂不支持 {ext} 格式；请用 WPS 或 Word 另存为 .docx 后再检查"
LEGACY_WORD_MISNAMED = "文件实际是旧版 Word（.doc/.wps）格式，暂不支持；请另存为 .docx 后再检查"
LEGACY_FAILED = "旧版 Word 文件无法转换（可能已损坏或加密）；请用 WPS 或 Word 另存为 .docx 后再检查"
IMAGE = "暂不支持图片文件（{ext}）；请将扫描件合并为 PDF 后再检查"
UNSUPPORTED = "暂不支持 {ext} 格式的文件；请提供 .docx、.pdf、.ofd 或 .txt 文件"
NOT_AS_NAMED = (
    "文件已损坏，或不是真正的{what}（内容与扩展名 {ext} 不符），无法读取；"
    "请用原软件重新导出或另存后再检查"
)
INTERNAL = "文件内容异常，无法读取（{error}）"
OUT_OF_MEMORY = "文件结构异常，读取所需内存超过上限，未读取；请用原软件打开后另存再检查"

# Names under which a plain-text file is read as a document; other text files (.xml, .csv …)
# are not case documents.
_TEXT_SUFFIXES = {"", ".txt", ".text", ".pdf", ".docx", ".doc", ".wps"}
# Names under which an OLE file is tried as a legacy Word document.
_WORD_SUFFIXES = {".doc", ".wps", ".docx", ".pdf", ".txt", ""}
# What a file of a readable format is called, for a file whose content is not of it.
_NAMED_FORMATS = {
    ".docx": "Word文档",
    ".pdf": "PDF文件",
    ".zip": "压缩包",
}
_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".heic"}


def read_path(path: Path, options: ReadOptions | None = None) -> CaseFile:
    """Read a document file, a folder (recursively) or a .zip into a CaseFile.

    Documents are in natural order of their path relative to the case root (`2询问笔录` before
    `10送达回证`) and numbered D01, D02, … in that order.
    """
    options = options or ReadOptions()
    report = options.progress or (lambda _step: None)
    total = count_entries(Path(path)) if options.progress else 0
    # Each file's bytes are dropped once read, so a large archive is never all in memory.
    documents = []
    for entry in iter_path(Path(path)):
        total = max(total, len(documents) + 1)
        report(ReadProgress("document", entry.path, len(documents), total))
        documents.append(read_document(entry, options))
    report(ReadProgress("document", "", len(documents), len(documents)))
    documents.sort(key=lambda d: natural_key(d.path))
    for number, document in enumerate(documents, start=1):
        document.id = f"D{number:02d}"
    return CaseFile(path=str(path), documents=documents)


def natural_key(path: str) -> tuple[tuple[object, ...], ...]:
    """Sort key comparing digit runs by value, path component by component."""
    # re.split with a group alternates text (even positions) and digit runs (odd positions).
    return tuple(
        tuple(int(t) if i % 2 else t.casefold() for i, t in enumerate(re.split(r"(\d+)", part)))
        for part in path.split("/")
    )


def read_document(entry: Entry, options: ReadOptions | None = None) -> Document:
    """One document from an `Entry`, chosen by the content's kind, not the file name."""
    if entry.error:
        return Document(id="", path=entry.path, errors=[entry.error])
    try:
        doc = _read(entry, options or ReadOptions())
    except MemoryError:  # a hostile file past the process's memory limit
        return Document(id="", path=entry.path, errors=[OUT_OF_MEMORY])
    except Exception as exc:  # a reader bug must not lose the rest of the case
        return Document(id="", path=entry.path, errors=[INTERNAL.format(error=type(exc).__name__)])
    if len(doc.text) > MAX_TEXT_CHARS:
        return Document(id="", path=entry.path, errors=[TOO_MUCH_TEXT])
    return doc


def _read(entry: Entry, options: ReadOptions) -> Document:
    suffix = PurePosixPath(entry.path).suffix.lower()
    kind = entry.kind
    if kind == "pdf":
        return read_pdf(entry.path, entry.data, options)
    if kind == "docx":
        return read_docx(entry.path, entry.data)
    if kind == "ofd":
        return read_ofd(entry.path, entry.data, options)
    if kind == "text" and suffix in _TEXT_SUFFIXES:
        return read_txt(entry.path, entry.data)
    if kind == "ole" and suffix in _WORD_SUFFIXES and legacy.is_word(entry.data):
        converted = legacy.to_docx(entry.data, suffix)
        if converted is None:
            return Document(id="", path=entry.path, errors=[LEGACY_FAILED])
        doc = read_docx(entry.path, converted)
        return doc if not doc.errors else Document(id="", path=entry.path, errors=[LEGACY_FAILED])
    return Document(id="", path=entry.path, errors=[_unreadable_message(kind, suffix)])


def _unreadable_message(kind: str, suffix: str) -> str:
    if kind == "empty":
        return EMPTY
    if kind == "encrypted_office":
        return PASSWORD
    if kind == "ole":
        if suffix in {".doc", ".wps"}:
            return LEGACY_WORD.format(ext=suffix)
        if suffix in {".docx", ".pdf", ".txt", ""}:
            return LEGACY_WORD_MISNAMED
    if kind == "binary" and suffix in {".txt", ".text"}:
        return UNDECODABLE
    if suffix in _IMAGE_SUFFIXES:
        return IMAGE.format(ext=suffix)
    if suffix in _NAMED_FORMATS:
        return NOT_AS_NAMED.format(what=_NAMED_FORMATS[suffix], ext=suffix)
    return UNSUPPORTED.format(ext=suffix or "无扩展名")
