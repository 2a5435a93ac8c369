"""Replacing the values in text, in .docx files and in file names.

One regular expression holds every value (longest first), each written with blanks allowed
between its characters and either width of digits, so 「张  三」, 「张三」 and 「１８６…」 are
found alike; a number never matches inside a longer number.

A .docx is rewritten in a copy: in each paragraph the texts of its runs are joined, the values
found in the joined text, and each replacement written into the first run the value touches
(the value's part in later runs removed), so the formatting of the runs stays. Its author and
last editor are cleared, and the names on comments and tracked changes become 「审阅人」.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from casecheck.desensitise.values import canonical

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_T, _P, _DEL_T = f"{{{_W}}}t", f"{{{_W}}}p", f"{{{_W}}}delText"
_AUTHOR, _INITIALS, _W_TAG = f"{{{_W}}}author", f"{{{_W}}}initials", f"{{{_W}}}"
_PEOPLE = {
    "{http://purl.org/dc/elements/1.1/}creator",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy",
}
_REVIEWER = "审阅人"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# The parts of a .docx whose text is the document's (body, headers, footers, notes, comments)
# and the document properties (author, last editor).
_TEXT_PARTS = re.compile(
    r"word/(?:document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml|docProps/core\.xml"
)
_BLANK = r"[ \t\u3000]*"
_FULL_WIDTH = {str(d): chr(ord("0") + d + 0xFEE0) for d in range(10)}


@dataclass
class Replacer:
    """canonical value → pseudonym; `counts` says how often each value was replaced."""

    table: dict[str, str]
    counts: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        alternatives = [_pattern(key) for key in sorted(self.table, key=len, reverse=True)]
        self.regex = re.compile("|".join(alternatives)) if alternatives else None

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, replacement) of every value in `text`, left to right."""
        if self.regex is None:
            return []
        out = []
        for m in self.regex.finditer(text):
            key = canonical(m.group())
            pseudonym = self.table.get(key)
            if pseudonym is None:
                continue
            self.counts[key] += 1
            out.append((m.start(), m.end(), _spaced_like(m.group(), pseudonym)))
        return out

    def text(self, text: str) -> str:
        parts, pos = [], 0
        for start, end, replacement in self.spans(text):
            parts += [text[pos:start], replacement]
            pos = end
        return "".join(parts) + text[pos:]

    def docx(self, data: bytes) -> bytes:
        """A copy of the .docx `data` with the values replaced; other parts copied as they are."""
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(data)) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for info in source.infolist():
                content = source.read(info)
                if _TEXT_PARTS.fullmatch(info.filename):
                    content = self._xml_part(content)
                target.writestr(info, content)
        return out.getvalue()

    def _xml_part(self, content: bytes) -> bytes:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, huge_tree=True))
        for paragraph in root.iter(_P):
            self._paragraph(paragraph)
        for element in root.iter():
            if not isinstance(element.tag, str):  # comments, processing instructions
                continue
            # deleted text, drawing text, the properties' author: no runs to keep apart
            if element.text and (element.tag == _DEL_T or not element.tag.startswith(_W_TAG)):
                element.text = self.text(element.text)
            if element.tag in _PEOPLE:  # who wrote or last saved the file
                element.text = None
            for attribute in (_AUTHOR, _INITIALS):  # who commented or revised
                if element.get(attribute):
                    element.set(attribute, _REVIEWER if attribute == _AUTHOR else "")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _paragraph(self, paragraph: etree._Element) -> None:
        runs = [t for t in paragraph.iter(_T) if next(t.iterancestors(_P), None) is paragraph]
        texts = [t.text or "" for t in runs]
        spans = self.spans("".join(texts))
        if not spans:
            return
        bounds, pos = [], 0
        for text in texts:
            bounds.append((pos, pos + len(text)))
            pos += len(text)
        for start, end, replacement in reversed(spans):
            first = True
            for node, text, (lo, hi) in zip(runs, texts, bounds, strict=True):
                if hi <= start or lo >= end or lo == hi:
                    continue
                keep_left = text[: max(0, start - lo)]
                keep_right = text[max(0, end - lo) :] if end < hi else ""
                node.text = keep_left + (replacement if first else "") + keep_right
                node.set(_XML_SPACE, "preserve")
                first = False
            texts = [t.text or "" for t in runs]

    def name(self, relative: str) -> str:
        """A relative path with each of its parts' values replaced."""
        return "/".join(self.text(part) for part in relative.split("/"))


def _pattern(key: str) -> str:
    chars = []
    for ch in key:
        if ch.isdigit():
            chars.append(f"[{ch}{_FULL_WIDTH[ch]}]")
        elif ch in "X*":
            chars.append(f"[{ch}{ch.lower()}{chr(ord(ch) + 0xFEE0)}]")
        else:
            chars.append(re.escape(ch))
    body = _BLANK.join(chars)
    digits = r"0-9０-９"
    if key[0].isdigit():
        body = rf"(?<![{digits}]){body}"
    if key[-1].isdigit() or key[-1] == "X":
        body = rf"{body}(?![{digits}])"
    return body


def _spaced_like(found: str, pseudonym: str) -> str:
    """The pseudonym with the blanks the original had between its characters, when both have
    as many characters (「张  三」 → 「李  明」); else the pseudonym as it is."""
    bare = re.sub(_BLANK, "", found)
    if len(bare) != len(pseudonym) or bare == found:
        return pseudonym
    out, i = [], 0
    for piece in re.split(f"({_BLANK})", found):
        if piece and not re.fullmatch(_BLANK, piece):
            out.append(pseudonym[i : i + len(piece)])
            i += len(piece)
        else:
            out.append(piece)
    return "".join(out)
