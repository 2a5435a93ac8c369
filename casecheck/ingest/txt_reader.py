"""Plain-text documents (.txt): decode, then normalise as one block."""

from __future__ import annotations

from casecheck.ingest.normalize import (
    MAX_TEXT_CHARS,
    TOO_MUCH_TEXT,
    full_lines_by_width,
    normalize_text,
    split_lines,
)
from casecheck.ingest.sniff import decode_text
from casecheck.model import Document

UNDECODABLE = "文本文件编码无法识别（支持 UTF-8、UTF-16 和 GBK/GB18030）；请另存为 UTF-8 后再检查"


def read_txt(path: str, data: bytes) -> Document:
    if len(data) > 4 * MAX_TEXT_CHARS:  # more characters than the limit in any encoding
        return Document(id="", path=path, errors=[TOO_MUCH_TEXT])
    text = decode_text(data)
    if text is None:
        return Document(id="", path=path, errors=[UNDECODABLE])
    if len(text) > MAX_TEXT_CHARS:
        return Document(id="", path=path, errors=[TOO_MUCH_TEXT])
    # Text copied out of a PDF keeps its hard wraps; join them the same way as for a PDF.
    return Document(
        id="", path=path, text=normalize_text(text, full_lines_by_width(split_lines(text)))
    )
