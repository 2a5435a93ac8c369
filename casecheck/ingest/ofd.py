"""OFD documents (GB/T 33190-2016, the format of electronic official documents), read from
their XML with our own reader.

An OFD file is a zip package: `OFD.xml` names the document (`DocBody/DocRoot` →
`Document.xml`), which lists its pages (`Pages/Page@BaseLoc` → a page's `Content.xml`) and
resources (fonts, pictures). Text is in `TextObject`s of a page's layers: each `TextCode` gives
the position of its first character (X, Y in mm from the top left of the object's Boundary)
and the advances of the others (DeltaX/DeltaY, `g n v` repeating v n times). Characters are
gathered per page and ordered into lines by baseline, then left to right; lines then go the
way of the PDF reader's (wrapped lines joined, page-number lines dropped), so an OFD and its
PDF twin read alike.

Paths (`PathObject`: rules, table borders, text drawn as outlines, a seal drawn as lines) are
read into outlines (`ofd_paths`) and drawn in page images. A page of pictures or drawings
without text (a scanned page, text drawn as outlines) is recognised by OCR from its image, as a
scanned PDF page is, when the `ocr` extra is installed, and is otherwise listed as unread.
Elements are found by local name whatever their namespace (the 2016 one, an earlier draft's,
or none).

Seals: an electronic seal (`Signatures.xml` → a signature whose `StampAnnot` names a page), a
stamp annotation (`Annotations.xml` → `Annot Type="Stamp"`), a picture on the page that shows a
red seal, or a red seal on the image of a scanned page each give that page a `Block` located
`seal:page<N>`; so does a red seal on the image of a page with red drawings.

The package is read member by member with the container's limits (member and package sizes,
compression ratio, encrypted members); XML with a DOCTYPE (the carrier of entity bombs and
external entities, which OFD writers never write) is refused, and references that leave the
package root are refused. `render_page` draws a page (text at its positions with a CJK font
when the machine has one, pictures, drawings, seals) for the app's page view.
"""

from __future__ import annotations

import functools
import io
import itertools
import logging
import math
import posixpath
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from lxml import etree
from PIL import Image, ImageChops, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from casecheck.ingest import ocr
from casecheck.ingest.container import BOMB_MIN_BYTES, MAX_RATIO, member_name
from casecheck.ingest.docx_reader import MAX_PACKAGE_BYTES, MAX_PART_BYTES, MAX_XML_PART_BYTES
from casecheck.ingest.normalize import MAX_TEXT_CHARS, TOO_MUCH_TEXT
from casecheck.ingest.ofd_paths import MAX_COORDINATE, Outline, outlines
from casecheck.ingest.options import ReadOptions
from casecheck.ingest.pdf_reader import (
    MAX_PAGES,
    MIN_TEXT_CHARS,
    SEAL_DPI,
    _assemble,
    _Extent,
    _Line,
    _PageRead,
    _wrapped,
    recognize_into,
)
from casecheck.ingest.seal import has_seal, image_has_seal, red_mask
from casecheck.ingest.sniff import ZIP_ERRORS
from casecheck.model import Document

DAMAGED = "OFD 文件已损坏或不完整，无法读取；请用版式阅读器打开后另存或导出为 PDF 再检查"
NOT_OFD = "文件不是有效的 OFD 文件（缺少 OFD.xml 或其中没有文档），无法读取"
ENCRYPTED = "OFD 文件已加密，无法读取；请提供未加密的文件"
HAS_DTD = "OFD 文件中含有 DTD 声明（OFD 不会写入，可能是恶意构造的文件），未读取"
PART_TOO_LARGE = "OFD 文件内部的组成部分过大或压缩比异常（可能是恶意构造的文件），未读取"
UNSAFE_PATH = "OFD 文件内部引用了包外的路径（{name}，可能是恶意构造的文件），未读取"
TOO_MANY_PAGES = "OFD 文件共 {pages} 页，超过 {limit} 页，未读取；请拆分后分批检查"
TIMEOUT = "OFD 文件读取超时（超过 {seconds} 秒），未读取；请拆分后分批检查"

log = logging.getLogger(__name__)

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)
# The page box when neither the page nor the document gives one: A4, in millimetres.
_A4 = (0.0, 0.0, 210.0, 297.0)
# Characters on one page (a dense A4 page holds about 2,500).
MAX_PAGE_GLYPHS = 200_000
# Points of the paths drawn on one page (a page of text drawn as outlines: about 150,000).
MAX_PAGE_PATH_POINTS = 400_000
# Filling outlines in a page image costs at most this many times the image's pixels (a page
# of text drawn as outlines: about 2); past it, drawings are only stroked.
_FILL_BUDGET = 40
# The width of a stroked line when the path gives none (mm; GB/T 33190 default 0.353).
_LINE_WIDTH = 0.353
# Characters whose baselines differ by less than this share of their size are on one line.
_SAME_LINE = 0.5
# A gap wider than this share of the character size between two characters is a space.
_SPACE_GAP = 1.0
# CJK fonts looked for to draw page images (Debian, Windows, macOS).
_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
)
# The text layer of the viewer's PDF: Adobe's built-in CID font (needs no font file).
_PDF_FONT = "STSong-Light"
_PT_PER_MM = 72 / 25.4
# A picture up to this much larger than the page is drawn (cropped by the page).
_OVERSHOOT = 1.05
# Page images are never larger than this many pixels.
MAX_RENDER_PIXELS = 16_000_000
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


class Unreadable(Exception):
    """The package cannot or must not be read; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Glyph:
    """One character at its baseline position on the page (mm from the top left)."""

    char: str
    x: float
    y: float
    size: float
    advance: float
    color: tuple[int, int, int] = (0, 0, 0)
    # Read but not drawn: invisible text (the text layer of a scan made searchable).
    visible: bool = True


@dataclass(frozen=True)
class Picture:
    """A picture placed on the page: its box (x, y, width, height in mm) and its bytes."""

    box: tuple[float, float, float, float]
    data: bytes | None


@dataclass(frozen=True)
class Drawing:
    """Lines and curves drawn on the page (rules, table borders, text drawn as outlines, a
    vector seal): outlines in mm, filled (even-odd) and/or stroked `width` mm wide."""

    outlines: list[Outline]
    fill: tuple[int, int, int] | None
    stroke: tuple[int, int, int] | None
    width: float


@dataclass
class OfdPage:
    """What one page shows: its size (mm), characters, pictures, drawings, stamps (electronic
    seals and stamp annotations), and whether any of these is a seal."""

    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    drawings: list[Drawing] = field(default_factory=list)
    drawn_points: int = 0  # the points of all its drawings (at most MAX_PAGE_PATH_POINTS)
    stamps: list[Picture] = field(default_factory=list)
    sealed: bool = False


def read_ofd(path: str, data: bytes, options: ReadOptions | None = None) -> Document:
    options = options or ReadOptions()
    try:
        pages = load_pages(data, time.monotonic() + options.file_seconds, options.file_seconds)
    except Unreadable as problem:
        return Document(id="", path=path, errors=[str(problem)])
    reads = [_read_page(page) for page in pages]
    if options.ocr and any(r.lines is None for r in reads) and ocr.available():
        _recognize_scans(pages, reads, path, options)
    return _assemble(path, reads)


def _read_page(page: OfdPage) -> _PageRead:
    """A page's lines; a page of pictures or drawings without text (a scan, text drawn as
    outlines) is None, to be recognised, as the PDF reader takes such a page. Its image is
    looked at for a red seal, as is that of a page with red drawings (a seal drawn as lines)."""
    scan = len(page.glyphs) < MIN_TEXT_CHARS and bool(page.pictures or page.drawings)
    sealed = page.sealed
    if not sealed and (scan or any(_reddish(d) for d in page.drawings)):
        sealed = has_seal(np.asarray(render_page(page, SEAL_DPI)), SEAL_DPI)
    if scan:
        return _PageRead(None, "none", sealed)
    return _PageRead(_page_lines(page), "text", sealed)


def _reddish(drawing: Drawing) -> bool:
    """Drawn in a colour the seal search takes for red (`seal.red_mask`)."""
    colors = [c for c in (drawing.fill, drawing.stroke) if c is not None]
    return bool(colors) and bool(red_mask(np.array([colors])).any())


def _recognize_scans(
    pages: list[OfdPage], reads: list[_PageRead], path: str, options: ReadOptions
) -> None:
    """OCR the scanned pages in place, as the PDF reader does (`recognize_into`)."""
    todo = [i for i, r in enumerate(reads) if r.lines is None]
    images = (np.asarray(render_page(pages[i], ocr.SETTINGS.dpi)) for i in todo)
    recognize_into(reads, todo, images, path, options)


def load_pages(data: bytes, deadline: float = float("inf"), seconds: float = 0) -> list[OfdPage]:
    """The pages of the first document of the package, in order. Raises Unreadable."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise Unreadable(DAMAGED) from exc
    with archive:
        package = _Package(archive)
        try:
            return _Reader(package, deadline, seconds).pages()
        except ZIP_ERRORS as exc:
            raise Unreadable(DAMAGED) from exc
        except etree.XMLSyntaxError as exc:
            raise Unreadable(DAMAGED) from exc


class _Package:
    """The members of the package, read with the container's limits."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.infos: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in archive.infolist():
            if info.is_dir():
                continue
            total += info.file_size
            if total > MAX_PACKAGE_BYTES:
                raise Unreadable(PART_TOO_LARGE)
            name = member_name(info).lstrip("/")
            self.infos.setdefault(name.lower(), info)

    def has(self, name: str) -> bool:
        return name.lower() in self.infos

    def read(self, name: str, xml: bool = False) -> bytes:
        info = self.infos.get(name.lower())
        if info is None:
            raise KeyError(name)
        if info.flag_bits & 0x1:
            raise Unreadable(ENCRYPTED)
        limit = MAX_XML_PART_BYTES if xml else MAX_PART_BYTES
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limit or (info.file_size >= BOMB_MIN_BYTES and ratio > MAX_RATIO):
            raise Unreadable(PART_TOO_LARGE)
        with self.archive.open(info) as member:
            content = member.read(limit + 1)
        if len(content) > limit:
            raise Unreadable(PART_TOO_LARGE)
        return content

    def xml(self, name: str) -> etree._Element:
        content = self.read(name, xml=True)
        if b"<!DOCTYPE" in content[:4096].upper():
            raise Unreadable(HAS_DTD)
        return etree.fromstring(content, _PARSER)


def _resolve(base: str, ref: str) -> str:
    """The member a reference in part `base` names: absolute from the package root (`/Doc_0/…`)
    or relative to the folder of `base`. A reference leaving the package is refused."""
    ref = ref.strip().replace("\\", "/")
    joined = (
        ref.lstrip("/") if ref.startswith("/") else posixpath.join(posixpath.dirname(base), ref)
    )
    name = posixpath.normpath(joined) if joined else ""
    if not name or name == "." or name.startswith("../") or name == ".." or ":" in name:
        raise Unreadable(UNSAFE_PATH.format(name=ref[:80]))
    return name


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _descendants(element: etree._Element, *names: str) -> Iterator[etree._Element]:
    """Elements under `element` with one of these local names, in document order, whatever
    their namespace: writers use the 2016 one, an earlier draft's (Suwell pdf2ofd 2019 mixes
    both in one package) or none."""
    return (e for e in element.iter() if _local(e) in names)


def _children(element: etree._Element | None, name: str) -> list[etree._Element]:
    if element is None:
        return []
    return [c for c in element if _local(c) == name]


def _child(element: etree._Element | None, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _number(token: str) -> float:
    """A coordinate or size: finite and within MAX_COORDINATE (ValueError otherwise)."""
    number = float(token)
    if not abs(number) <= MAX_COORDINATE:  # also false for NaN
        raise ValueError(token)
    return number


def _numbers(value: str | None) -> list[float]:
    """The numbers of an attribute; none when any is not a usable number."""
    try:
        return [_number(token) for token in (value or "").split()]
    except ValueError:
        return []


def _box(value: str | None) -> tuple[float, float, float, float] | None:
    numbers = _numbers(value)
    if len(numbers) != 4 or numbers[2] < 0 or numbers[3] < 0:
        return None
    x, y, w, h = numbers
    return (x, y, w, h)


def _deltas(value: str | None, count: int) -> list[float]:
    """The advances of a DeltaX/DeltaY attribute (`g n v` repeats v n times), at most `count`."""
    tokens = (value or "").split()
    out: list[float] = []
    i = 0
    try:
        while i < len(tokens) and len(out) < count:
            if tokens[i] == "g" and i + 2 < len(tokens):
                out.extend([_number(tokens[i + 2])] * min(int(tokens[i + 1]), count - len(out)))
                i += 3
            else:
                out.append(_number(tokens[i]))
                i += 1
    except ValueError:
        return out
    return out


def _visible(element: etree._Element) -> bool:
    """Whether a text object shows: not hidden, filled, and not fully transparent."""
    fill = _child(element, "FillColor")
    alpha = fill.get("Alpha", "255").strip() if fill is not None else "255"
    return (
        element.get("Visible", "true") != "false"
        and element.get("Fill", "true") != "false"
        and alpha not in ("0", "0.0")
    )


def _color(element: etree._Element, name: str = "FillColor") -> tuple[int, int, int]:
    """The object's fill (or stroke) colour; black when it gives none in RGB."""
    color = _child(element, name)
    values = _numbers(color.get("Value") if color is not None else None)
    if len(values) == 3:
        r, g, b = (max(0, min(255, int(v))) for v in values)
        return (r, g, b)
    return (0, 0, 0)


class _Reader:
    """Walks the package: OFD.xml → Document.xml → pages, resources, signatures, annotations."""

    def __init__(self, package: _Package, deadline: float, seconds: float) -> None:
        self.package = package
        self.deadline = deadline
        self.seconds = seconds
        self.media: dict[str, str] = {}  # resource ID → member of the picture
        self.templates: dict[str, etree._Element] = {}
        self.glyphs = 0  # characters read so far, all pages

    def pages(self) -> list[OfdPage]:
        if not self.package.has("OFD.xml"):
            raise Unreadable(NOT_OFD)
        root = self.package.xml("OFD.xml")
        body = _child(root, "DocBody")
        doc_root = _text(_child(body, "DocRoot"))
        if body is None or not doc_root:
            raise Unreadable(NOT_OFD)
        if _child(body, "Encryptions") is not None or self.package.has("Encryptions.xml"):
            raise Unreadable(ENCRYPTED)
        doc_name = _resolve("OFD.xml", doc_root)
        if not self.package.has(doc_name):
            raise Unreadable(DAMAGED)
        document = self.package.xml(doc_name)
        common = _child(document, "CommonData")
        default_box = _box(_text(_child(_child(common, "PageArea"), "PhysicalBox"))) or _A4
        for res in [*_children(common, "PublicRes"), *_children(common, "DocumentRes")]:
            self._load_resources(_resolve(doc_name, _text(res)))
        templates = {
            t.get("ID", ""): _resolve(doc_name, t.get("BaseLoc", ""))
            for t in _children(common, "TemplatePage")
            if t.get("BaseLoc")
        }
        entries = _children(_child(document, "Pages"), "Page")
        if len(entries) > MAX_PAGES:
            raise Unreadable(TOO_MANY_PAGES.format(pages=len(entries), limit=MAX_PAGES))
        pages: list[OfdPage] = []
        ids: dict[str, int] = {}
        for index, entry in enumerate(entries):
            self._check_time()
            ids[entry.get("ID", "")] = index
            pages.append(self._page(doc_name, entry, default_box, templates))
        annotations = _text(_child(document, "Annotations"))
        if annotations:
            self._annotations(_resolve(doc_name, annotations), pages, ids)
        signatures = _text(_child(body, "Signatures"))
        if signatures:
            self._signatures(_resolve("OFD.xml", signatures), pages, ids)
        return pages

    def _check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise Unreadable(TIMEOUT.format(seconds=round(self.seconds)))

    def _load_resources(self, name: str) -> None:
        if not self.package.has(name):
            return
        res = self.package.xml(name)
        base = res.get("BaseLoc", "")
        folder = _resolve(name, base) if base else posixpath.dirname(name)
        for media in _descendants(res, "MultiMedia"):
            file = _text(_child(media, "MediaFile"))
            if file and media.get("ID"):
                self.media[media.get("ID", "")] = _resolve(folder + "/x", file)

    def _page(
        self,
        doc_name: str,
        entry: etree._Element,
        default_box: tuple[float, float, float, float],
        templates: dict[str, str],
    ) -> OfdPage:
        name = _resolve(doc_name, entry.get("BaseLoc", ""))
        if not self.package.has(name):
            raise Unreadable(DAMAGED)
        content = self.package.xml(name)
        box = _box(_text(_child(_child(content, "Area"), "PhysicalBox"))) or default_box
        page = OfdPage(width=box[2], height=box[3])
        for template in _children(content, "Template"):
            member = templates.get(template.get("TemplateID", ""))
            if member and self.package.has(member):
                if member not in self.templates:  # a template serves many pages: parse it once
                    self.templates[member] = self.package.xml(member)
                self._objects(self.templates[member], page)
        self._objects(content, page)
        return page

    def _objects(self, root: etree._Element, page: OfdPage) -> None:
        """Text and pictures of every layer and page block under `root`, in document order."""
        content = _child(root, "Content")
        if content is None:
            return
        for element in _descendants(content, "TextObject", "ImageObject", "PathObject"):
            kind = _local(element)
            if kind == "TextObject":
                self._text_object(element, page)
            elif kind == "ImageObject":
                self._image_object(element, page)
            else:
                self._path_object(element, page)

    def _text_object(self, element: etree._Element, page: OfdPage) -> None:
        box = _box(element.get("Boundary"))
        if box is None:
            return
        ctm = _numbers(element.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        scale = abs(a * d - b * c) ** 0.5 or 1.0
        size = float(_numbers(element.get("Size"))[0]) if _numbers(element.get("Size")) else 3.5
        color = _color(element)
        visible = _visible(element)
        x = y = 0.0
        for code in _children(element, "TextCode"):
            chars = code.text or ""
            x = _numbers(code.get("X"))[0] if _numbers(code.get("X")) else x
            y = _numbers(code.get("Y"))[0] if _numbers(code.get("Y")) else y
            dx = _deltas(code.get("DeltaX"), len(chars) - 1)
            dy = _deltas(code.get("DeltaY"), len(chars) - 1)
            for i, char in enumerate(chars):
                if len(page.glyphs) >= MAX_PAGE_GLYPHS:
                    return
                self.glyphs += 1
                if self.glyphs > MAX_TEXT_CHARS:
                    raise Unreadable(TOO_MUCH_TEXT)
                advance = dx[i] if i < len(dx) else _width(char) * size
                gx, gy = a * x + c * y + e + box[0], b * x + d * y + f + box[1]
                if not char.isspace() or char == " ":
                    glyph = Glyph(char, gx, gy, size * scale, advance * scale, color, visible)
                    page.glyphs.append(glyph)
                x += advance
                y += dy[i] if i < len(dy) else 0.0

    def _path_object(self, element: etree._Element, page: OfdPage) -> None:
        box = _box(element.get("Boundary"))
        data = _text(_child(element, "AbbreviatedData"))
        room = MAX_PAGE_PATH_POINTS - page.drawn_points
        if box is None or not data or room <= 0 or element.get("Visible") == "false":
            return
        ctm = _numbers(element.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

        def place(x: float, y: float) -> tuple[float, float]:
            return (box[0] + a * x + c * y + e, box[1] + b * x + d * y + f)

        found = outlines(data, place, room)
        # Stroked unless Stroke="false", filled only with Fill="true" (the standard's defaults)
        stroke = _color(element, "StrokeColor") if element.get("Stroke") != "false" else None
        fill = _color(element, "FillColor") if element.get("Fill") == "true" else None
        widths = _numbers(element.get("LineWidth"))
        width = (widths[0] if widths else _LINE_WIDTH) * (abs(a * d - b * c) ** 0.5 or 1.0)
        if found and (stroke or fill):
            page.drawings.append(Drawing(found, fill, stroke, width))
            page.drawn_points += sum(len(o) for o in found)

    def _image_object(self, element: etree._Element, page: OfdPage) -> None:
        box = _box(element.get("Boundary"))
        member = self.media.get(element.get("ResourceID", ""))
        if box is None or member is None or not self.package.has(member):
            return
        data = self.package.read(member)
        page.pictures.append(Picture(box, data))
        if not page.sealed and image_has_seal(data, box[2]):
            page.sealed = True

    def _annotations(self, name: str, pages: list[OfdPage], ids: dict[str, int]) -> None:
        if not self.package.has(name):
            return
        for entry in _children(self.package.xml(name), "Page"):
            index = ids.get(entry.get("PageID", ""))
            member = _resolve(name, _text(_child(entry, "FileLoc")))
            if index is None or not self.package.has(member):
                continue
            for annot in _descendants(self.package.xml(member), "Annot"):
                if annot.get("Type") == "Stamp":
                    appearance = _child(annot, "Appearance")
                    box = _box(appearance.get("Boundary")) if appearance is not None else None
                    stamp = Picture(box or (0, 0, 0, 0), self._appearance_picture(appearance))
                    # A stamp drawn from a picture is a seal when the picture shows one (not
                    # an 已审核 mark); one drawn otherwise is taken at its word.
                    pages[index].sealed |= stamp.data is None or image_has_seal(
                        stamp.data, stamp.box[2]
                    )
                    pages[index].stamps.append(stamp)

    def _appearance_picture(self, appearance: etree._Element | None) -> bytes | None:
        if appearance is None:
            return None
        for image in _descendants(appearance, "ImageObject"):
            member = self.media.get(image.get("ResourceID", ""))
            if member and self.package.has(member):
                return self.package.read(member)
        return None

    def _signatures(self, name: str, pages: list[OfdPage], ids: dict[str, int]) -> None:
        """Electronic seals: each signature's stamp on the page it names, with the seal
        picture when the signed value or seal file carries one in a common image format. A
        signature of type Seal is a seal; one of type Sign (a person's digital signature) only
        when its picture shows a red seal."""
        if not self.package.has(name):
            return
        for entry in _children(self.package.xml(name), "Signature"):
            member = _resolve(name, entry.get("BaseLoc", ""))
            if not self.package.has(member):
                continue
            signature = self.package.xml(member)
            info = _child(signature, "SignedInfo")
            picture = None
            for ref in (_text(_child(signature, "SignedValue")), _seal_file(info)):
                if ref and picture is None:
                    target = _resolve(member, ref)
                    if self.package.has(target):
                        picture = _embedded_image(self.package.read(target))
            is_seal = entry.get("Type", "Seal") != "Sign"
            for stamp in _children(info, "StampAnnot"):
                index = ids.get(stamp.get("PageRef", ""))
                if index is not None:
                    box = _box(stamp.get("Boundary")) or (0, 0, 0, 0)
                    pages[index].stamps.append(Picture(box, picture))
                    pages[index].sealed |= is_seal or (
                        picture is not None and image_has_seal(picture, box[2])
                    )


def _seal_file(info: etree._Element | None) -> str:
    return _text(_child(_child(info, "Seal"), "BaseLoc"))


def _embedded_image(data: bytes) -> bytes | None:
    """A picture in a common format inside a seal's binary (ASN.1) data, if any."""
    for magic in _IMAGE_MAGIC[:4]:
        start = data.find(magic)
        if start >= 0:
            return data[start:]
    return None


def _width(char: str) -> float:
    """A character's advance in units of its size when the file gives none."""
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.5


def _glyph_lines(page: OfdPage) -> list[list[Glyph]]:
    """The page's characters in reading order: lines by baseline top to bottom, each left to
    right."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(page.glyphs, key=lambda g: (g.y, g.x)):
        line = lines[-1] if lines else None
        if line and abs(glyph.y - line[0].y) <= _SAME_LINE * max(glyph.size, line[0].size):
            line.append(glyph)
        else:
            lines.append([glyph])
    for line in lines:
        line.sort(key=lambda g: g.x)
    return lines


def _page_lines(page: OfdPage) -> list[_Line]:
    """The page's characters as lines: by baseline top to bottom, each left to right, a space
    where a wide gap separates two characters; wrapped lines marked as the PDF reader does."""
    texts: list[str] = []
    extents: list[_Extent | None] = []
    for line in _glyph_lines(page):
        parts = [line[0].char]
        for before, glyph in itertools.pairwise(line):
            gap = glyph.x - (before.x + before.advance)
            if gap > _SPACE_GAP * glyph.size and before.char != " " and glyph.char != " ":
                parts.append(" ")
            parts.append(glyph.char)
        text = "".join(parts)
        visible = [g for g in line if not g.char.isspace()]
        texts.append(text)
        if visible:
            last = visible[-1]
            right = last.x + last.advance
            extents.append(_Extent(visible[0].x, right, last.size, last.char.isalnum()))
        else:
            extents.append(None)
    return _wrapped(texts, extents)


@functools.lru_cache(maxsize=64)
def _font(pixels: int) -> ImageFont.FreeTypeFont | None:
    """The first CJK font found, at `pixels`; loaded once per size (a CJK font file is large)."""
    for file in _FONT_FILES:
        if Path(file).is_file():
            try:
                return ImageFont.truetype(file, max(pixels, 1))
            except OSError:
                continue
    return None


@functools.lru_cache(maxsize=8192)
def _glyph_mask(char: str, pixels: int) -> tuple[int, int, Image.Image] | None:
    """A character drawn once as a mask, with its offset from the baseline point: a page
    repeats few distinct characters, and drawing each anew is most of a page's time."""
    font = _font(pixels)
    if font is None:
        return None
    left, top, right, bottom = font.getbbox(char, anchor="ls")
    shape = Image.new("L", (max(1, right - left), max(1, bottom - top)))
    ImageDraw.Draw(shape).text((-left, -top), char, fill=255, font=font, anchor="ls")
    return int(left), int(top), shape


def has_cjk_font() -> bool:
    return _font(12) is not None


def render_page(page: OfdPage, dpi: float = 110) -> Image.Image:
    """An image of the page: pictures, characters at their positions (boxes where no CJK
    font is installed), and seal pictures (a red ring where the picture is not readable)."""
    scale = dpi / 25.4
    pixels = page.width * page.height * scale * scale
    if pixels > MAX_RENDER_PIXELS:
        scale *= (MAX_RENDER_PIXELS / pixels) ** 0.5
    size = (max(1, round(page.width * scale)), max(1, round(page.height * scale)))
    image = Image.new("RGB", size, "white")
    for picture in page.pictures:
        _paste(image, picture, scale)
    draw = ImageDraw.Draw(image)
    budget = [_FILL_BUDGET * size[0] * size[1]]
    for drawing in page.drawings:
        _draw(image, draw, drawing, scale, budget)
    for glyph in page.glyphs:
        if glyph.char.isspace() or not glyph.visible:
            continue
        px = round(glyph.size * scale)
        if not 1 <= px <= image.height:  # too small to see, or larger than the page
            continue
        x, y = glyph.x * scale, glyph.y * scale
        mask = _glyph_mask(glyph.char, px)
        if mask is not None:
            left, top, shape = mask
            image.paste(glyph.color, (round(x) + left, round(y) + top), shape)
        else:
            draw.rectangle(
                (x, y - 0.8 * px, x + glyph.advance * scale * 0.9, y), outline=glyph.color
            )
    for stamp in page.stamps:
        if not _paste(image, stamp, scale):
            x, y, w, h = (v * scale for v in stamp.box)
            if 0 < w <= image.width and 0 < h <= image.height:
                draw.ellipse((x, y, x + w, y + h), outline=(220, 0, 0), width=max(2, round(scale)))
    return image


def _draw(
    image: Image.Image,
    draw: ImageDraw.ImageDraw,
    drawing: Drawing,
    scale: float,
    budget: list[float],
) -> None:
    """Fill the outlines by the even-odd rule (a letter's hole stays open), then stroke them.
    Each outline filled costs a mask of the drawing's size, paid from `budget` (pixels); past
    it drawings are only stroked."""
    # Points far off the page are pulled in to its surroundings (the drawing library takes
    # pixel coordinates as 32-bit integers).
    reach = 4 * max(image.size)
    shapes = [
        [(_clamp(x * scale, reach), _clamp(y * scale, reach)) for x, y in outline]
        for outline in drawing.outlines
    ]
    if drawing.fill is not None:
        # The mask covers the drawing's part of the page only (a letter, not the page).
        xs = [x for shape in shapes for x, _ in shape]
        ys = [y for shape in shapes for _, y in shape]
        left, top = max(0, math.floor(min(xs))), max(0, math.floor(min(ys)))
        right = min(image.width, math.ceil(max(xs)) + 1)
        bottom = min(image.height, math.ceil(max(ys)) + 1)
        cost = (right - left) * (bottom - top) * len(shapes)
        if right > left and bottom > top and cost <= budget[0]:
            budget[0] -= cost
            size = (right - left, bottom - top)
            mask = Image.new("1", size, 0)
            for shape in shapes:
                if len(shape) > 2:
                    one = Image.new("1", size, 0)
                    ImageDraw.Draw(one).polygon([(x - left, y - top) for x, y in shape], fill=1)
                    mask = ImageChops.logical_xor(mask, one)
            image.paste(drawing.fill, (left, top), mask)
    if drawing.stroke is not None:
        width = max(1, round(drawing.width * scale))
        for shape in shapes:
            draw.line(shape, fill=drawing.stroke, width=width)


def _clamp(value: float, reach: float) -> float:
    return max(-reach, min(reach, value))


def _paste(image: Image.Image, picture: Picture, scale: float) -> bool:
    x, y, w, h = picture.box
    if not picture.data or w <= 0 or h <= 0:
        return False
    try:
        with Image.open(io.BytesIO(picture.data)) as source:
            if source.width * source.height > MAX_RENDER_PIXELS:
                return False
            target = (max(1, round(w * scale)), max(1, round(h * scale)))
            # Larger than the page: refused, bar the small overshoot of a full-page scan
            # placed a little past the page's edges (the page crops it).
            if target[0] > image.width * _OVERSHOOT or target[1] > image.height * _OVERSHOOT:
                return False
            tile = source.convert("RGBA").resize(target)
    except (OSError, ValueError, Image.DecompressionBombError):
        return False
    image.paste(tile, (round(x * scale), round(y * scale)), tile)
    return True


def as_pdf(data: bytes, dpi: float = 110) -> bytes | None:
    """The pages of an OFD file as a PDF for a viewer: each page drawn as an image, with its
    characters as invisible text at their places; None when the file cannot be read."""
    try:
        pages = load_pages(data)
    except Unreadable:
        return None
    if not pages:
        return None
    if _PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_PDF_FONT))
    out = io.BytesIO()
    pdf = Canvas(out, invariant=1)
    for page in pages:
        width, height = page.width * _PT_PER_MM, page.height * _PT_PER_MM
        pdf.setPageSize((width, height))
        picture = io.BytesIO()
        render_page(page, dpi).save(picture, "JPEG", quality=85)  # embedded as it is
        # reportlab writes pictures as ASCII85 unless told otherwise, in pure Python when
        # its C accelerator is not installed: half the time of a page.
        a85, rl_config.useA85 = rl_config.useA85, 0
        try:
            pdf.drawImage(ImageReader(picture), 0, 0, width, height)
        finally:
            rl_config.useA85 = a85
        # The characters again, invisible, where the page shows them: the viewer's text layer,
        # so the app can mark a quote on the page as on a PDF's.
        layer = pdf.beginText()
        layer.setTextRenderMode(3)
        for line in _glyph_lines(page):
            for glyph in line:
                size = glyph.size * _PT_PER_MM
                if glyph.char.isspace() or not 0 < size < height:
                    continue
                layer.setFont(_PDF_FONT, size)
                layer.setTextOrigin(glyph.x * _PT_PER_MM, height - glyph.y * _PT_PER_MM)
                layer.textOut(glyph.char)
        pdf.drawText(layer)
        pdf.showPage()
    pdf.save()
    return out.getvalue()
