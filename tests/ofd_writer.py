"""A small OFD writer for tests: packages (GB/T 33190-2016) built from lines of text at their
positions, or from a PDF (each character where the PDF places it, so the OFD is the PDF's twin),
with an electronic seal (signature + stamp), a stamp annotation or a seal picture."""

from __future__ import annotations

import ctypes
import io
import itertools
import math
import zipfile
from dataclasses import dataclass, field
from typing import Literal
from xml.sax.saxutils import escape

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw

NS = "http://www.ofdspec.org/2016"
MM_PER_PT = 25.4 / 72
SIGNATURES = "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>"
ANNOTATIONS = "<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>"
SealKind = Literal["signature", "annotation", "image"]


@dataclass(frozen=True)
class Run:
    """Characters from (x, baseline y) in mm, `advances` apart (one per gap; default: size)."""

    text: str
    x: float
    y: float
    size: float = 5.0
    advances: tuple[float, ...] = ()


@dataclass(frozen=True)
class Seal:
    page: int  # 0-based
    x: float
    y: float
    diameter: float = 42.0
    kind: SealKind = "signature"


@dataclass(frozen=True)
class Picture:
    """A picture (PNG) placed on a page: its box in mm from the top left."""

    page: int  # 0-based
    x: float
    y: float
    width: float
    height: float
    png: bytes


@dataclass
class OfdSpec:
    pages: list[list[Run]]
    seals: list[Seal] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    width: float = 210.0
    height: float = 297.0
    extra: dict[str, bytes] = field(default_factory=dict)  # more members, or replacements
    # "runs": a TextObject a line with DeltaX (word processors); "glyphs": a TextObject a
    # character at 20 times its size scaled down by a CTM (a common PDF-to-OFD converter).
    layout: Literal["runs", "glyphs"] = "runs"


def seal_png(pixels: int = 400) -> bytes:
    """A red seal impression: a ring, a star and an arc of marks, on a transparent ground."""
    image = Image.new("RGBA", (pixels, pixels), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (220, 20, 30, 255)
    w = pixels // 25
    draw.ellipse((w, w, pixels - w, pixels - w), outline=red, width=w)
    c, r = pixels / 2, pixels / 8
    star = [
        (
            c + (r if i % 2 == 0 else r / 2.5) * math.sin(i * math.pi / 5),
            c - (r if i % 2 == 0 else r / 2.5) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=red)
    for i in range(14):  # the authority's name around the ring, drawn as blocks
        angle = math.pi * (0.8 + 1.4 * i / 13)
        x, y = c + 0.33 * pixels * math.cos(angle), c + 0.33 * pixels * math.sin(angle)
        draw.rectangle((x - w, y - w, x + w, y + w), fill=red)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def write_ofd(spec: OfdSpec) -> bytes:
    members: dict[str, bytes] = {
        "OFD.xml": _xml(
            f'<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
            "<ofd:DocInfo><ofd:DocID>0c5b1e7f</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            + (
                "<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>"
                if _any(spec, "signature")
                else ""
            )
            + "</ofd:DocBody></ofd:OFD>"
        ),
        "Doc_0/PublicRes.xml": _xml(
            f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
        ),
    }
    pictures = bool(spec.pictures) or any(s.kind != "signature" for s in spec.seals)
    page_ids = [100 + i for i in range(len(spec.pages))]
    pages_xml = "".join(
        f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
        for i, pid in enumerate(page_ids)
    )
    members["Doc_0/Document.xml"] = _xml(
        f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID>'
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {spec.width} {spec.height}</ofd:PhysicalBox>"
        "</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        + ("<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>" if pictures else "")
        + f"</ofd:CommonData><ofd:Pages>{pages_xml}</ofd:Pages>"
        + (
            "<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>"
            if _any(spec, "annotation")
            else ""
        )
        + "</ofd:Document>"
    )
    if pictures:
        media = "".join(
            f'<ofd:MultiMedia ID="{60 + n}" Type="Image" Format="PNG">'
            f"<ofd:MediaFile>picture_{n}.png</ofd:MediaFile></ofd:MultiMedia>"
            for n in range(len(spec.pictures))
        )
        members["Doc_0/DocumentRes.xml"] = _xml(
            f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:MultiMedias>'
            '<ofd:MultiMedia ID="50" Type="Image" Format="PNG">'
            f"<ofd:MediaFile>seal.png</ofd:MediaFile></ofd:MultiMedia>{media}"
            "</ofd:MultiMedias></ofd:Res>"
        )
        members["Doc_0/Res/seal.png"] = seal_png()
        for n, picture in enumerate(spec.pictures):
            members[f"Doc_0/Res/picture_{n}.png"] = picture.png
    next_id = 1000
    for i, runs in enumerate(spec.pages):
        objects = []
        for n, picture in enumerate(spec.pictures):
            if picture.page == i:  # pictures first: text is drawn over them
                next_id += 1
                box = f"{picture.x:.3f} {picture.y:.3f} {picture.width:.3f} {picture.height:.3f}"
                objects.append(
                    f'<ofd:ImageObject ID="{next_id}" ResourceID="{60 + n}" Boundary="{box}" '
                    f'CTM="{picture.width:.3f} 0 0 {picture.height:.3f} 0 0"/>'
                )
        for run in runs:
            if spec.layout == "glyphs":
                for glyph in _glyph_runs(run):
                    next_id += 1
                    objects.append(_glyph_object(next_id, glyph))
            else:
                next_id += 1
                objects.append(_text_object(next_id, run))
        for seal in spec.seals:
            if seal.page == i and seal.kind == "image":
                next_id += 1
                objects.append(
                    f'<ofd:ImageObject ID="{next_id}" ResourceID="50" '
                    f'Boundary="{seal.x} {seal.y} {seal.diameter} {seal.diameter}" '
                    f'CTM="{seal.diameter} 0 0 {seal.diameter} 0 0"/>'
                )
        members[f"Doc_0/Pages/Page_{i}/Content.xml"] = _xml(
            f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="{10 + i}">'
            + "".join(objects)
            + "</ofd:Layer></ofd:Content></ofd:Page>"
        )
    _annotations(spec, page_ids, members)
    _signatures(spec, page_ids, members)
    members.update(spec.extra)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _any(spec: OfdSpec, kind: SealKind) -> bool:
    return any(s.kind == kind for s in spec.seals)


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")


def _text_object(object_id: int, run: Run) -> str:
    advances = run.advances or (run.size,) * max(len(run.text) - 1, 0)
    width = sum(advances) + run.size
    delta = f' DeltaX="{" ".join(f"{a:.3f}" for a in advances)}"' if advances else ""
    return (
        f'<ofd:TextObject ID="{object_id}" Boundary="{run.x:.3f} {run.y - run.size:.3f} '
        f'{width:.3f} {run.size * 1.3:.3f}" Font="2" Size="{run.size:.3f}">'
        '<ofd:FillColor Value="0 0 0"/>'
        f'<ofd:TextCode X="0" Y="{run.size:.3f}"{delta}>{escape(run.text)}</ofd:TextCode>'
        "</ofd:TextObject>"
    )


def _glyph_runs(run: Run) -> list[Run]:
    advances = run.advances or (run.size,) * max(len(run.text) - 1, 0)
    starts = [run.x, *(run.x + sum(advances[:i]) for i in range(1, len(run.text)))]
    return [Run(char, x, run.y, run.size) for char, x in zip(run.text, starts, strict=True)]


def _glyph_object(object_id: int, glyph: Run) -> str:
    nominal, ascent = glyph.size * 20, 0.86 * glyph.size
    return (
        f'<ofd:TextObject ID="{object_id}" Boundary="{glyph.x:.4f} {glyph.y - ascent:.4f} '
        f'{glyph.size:.4f} {glyph.size:.4f}" Size="{nominal:.4f}" CTM="0.05 0 0 0.05 0 0" '
        'Fill="true" Font="2"><ofd:FillColor Value="0 0 0" Alpha="255"/>'
        '<ofd:CGTransform GlyphCount="1" CodeCount="1" CodePosition="0">'
        "<ofd:Glyphs>1</ofd:Glyphs></ofd:CGTransform>"
        f'<ofd:TextCode X="0" Y="{ascent * 20:.4f}">{escape(glyph.text)}</ofd:TextCode>'
        "</ofd:TextObject>"
    )


def _annotations(spec: OfdSpec, page_ids: list[int], members: dict[str, bytes]) -> None:
    seals = [s for s in spec.seals if s.kind == "annotation"]
    if not seals:
        return
    entries = []
    for n, seal in enumerate(seals):
        box = f"{seal.x} {seal.y} {seal.diameter} {seal.diameter}"
        members[f"Doc_0/Annots/Page_{n}/Annotation.xml"] = _xml(
            f'<ofd:PageAnnot xmlns:ofd="{NS}"><ofd:Annot ID="{700 + n}" Type="Stamp">'
            f'<ofd:Appearance Boundary="{box}"><ofd:ImageObject ID="{800 + n}" ResourceID="50" '
            f'Boundary="0 0 {seal.diameter} {seal.diameter}"/></ofd:Appearance>'
            "</ofd:Annot></ofd:PageAnnot>"
        )
        entries.append(
            f'<ofd:Page PageID="{page_ids[seal.page]}">'
            f"<ofd:FileLoc>Page_{n}/Annotation.xml</ofd:FileLoc></ofd:Page>"
        )
    members["Doc_0/Annots/Annotations.xml"] = _xml(
        f'<ofd:Annotations xmlns:ofd="{NS}">{"".join(entries)}</ofd:Annotations>'
    )


def _signatures(spec: OfdSpec, page_ids: list[int], members: dict[str, bytes]) -> None:
    seals = [s for s in spec.seals if s.kind == "signature"]
    if not seals:
        return
    entries = []
    for n, seal in enumerate(seals, start=1):
        folder = f"Doc_0/Signs/Sign_{n - 1}"
        box = f"{seal.x} {seal.y} {seal.diameter} {seal.diameter}"
        members[f"{folder}/Signature.xml"] = _xml(
            f'<ofd:Signature xmlns:ofd="{NS}"><ofd:SignedInfo>'
            '<ofd:Provider ProviderName="casecheck-test" Version="1.0"/>'
            "<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>"
            '<ofd:References CheckMethod="1.2.156.10197.1.401">'
            '<ofd:Reference FileRef="/Doc_0/Document.xml"><ofd:CheckValue>AAAA</ofd:CheckValue>'
            "</ofd:Reference></ofd:References>"
            f'<ofd:StampAnnot ID="{n}" PageRef="{page_ids[seal.page]}" Boundary="{box}"/>'
            "</ofd:SignedInfo><ofd:SignedValue>SignedValue.dat</ofd:SignedValue></ofd:Signature>"
        )
        # An SES signature is DER; the seal's picture sits inside it.
        members[f"{folder}/SignedValue.dat"] = b"\x30\x82\x10\x00\x30\x82" + seal_png()
        entries.append(f'<ofd:Signature ID="{n}" Type="Seal" BaseLoc="/{folder}/Signature.xml"/>')
    members["Doc_0/Signs/Signatures.xml"] = _xml(
        f'<ofd:Signatures xmlns:ofd="{NS}"><ofd:MaxSignId>{len(seals)}</ofd:MaxSignId>'
        + "".join(entries)
        + "</ofd:Signatures>"
    )


def runs_from_pdf(pdf_bytes: bytes) -> tuple[list[list[Run]], float, float]:
    """Each page's characters as runs (one per line of the PDF's text), where the PDF places
    them; and the page size in mm."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    pages: list[list[Run]] = []
    width = height = 0.0
    try:
        for page in pdf:
            width, height = (v * MM_PER_PT for v in page.get_size())
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            runs: list[Run] = []
            current: list[tuple[str, float, float, float]] = []
            for i, char in enumerate(text[: textpage.count_chars()]):
                if char in "\r\n":
                    _flush(current, runs)
                    continue
                if pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
                    continue  # a space pdfium infers from a gap: no character of the file
                x, y = ctypes.c_double(), ctypes.c_double()
                pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, x, y)
                size = _font_size(textpage, i) * MM_PER_PT
                point = (char, x.value * MM_PER_PT, height - y.value * MM_PER_PT, size)
                if current and abs(current[-1][2] - point[2]) > 0.3 * size:
                    _flush(current, runs)
                current.append(point)
            _flush(current, runs)
            textpage.close()
            page.close()
            pages.append(runs)
    finally:
        pdf.close()
    return pages, width, height


def _font_size(textpage: pdfium.PdfTextPage, index: int) -> float:
    """The size a character is drawn at: its font size scaled by its text matrix (producers
    often set a 1-point font and scale it up with the matrix)."""
    matrix = pdfium_c.FS_MATRIX()
    nominal = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
    if not pdfium_c.FPDFText_GetMatrix(textpage.raw, index, matrix):
        return nominal
    return nominal * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))


def _flush(points: list[tuple[str, float, float, float]], runs: list[Run]) -> None:
    if points:
        advances = tuple(b[1] - a[1] for a, b in itertools.pairwise(points))
        text = "".join(p[0] for p in points)
        runs.append(Run(text, points[0][1], points[0][2], points[0][3], advances))
    points.clear()


def pictures_from_pdf(pdf_bytes: bytes) -> list[Picture]:
    """The pictures of each page (a scan, a seal, a QR code) where the PDF places them."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    pictures: list[Picture] = []
    try:
        for index, page in enumerate(pdf):
            height = page.get_height()
            for picture in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
                left, bottom, right, top = picture.get_bounds()
                png = io.BytesIO()
                picture.get_bitmap(render=True).to_pil().save(png, "PNG")
                pictures.append(
                    Picture(
                        index,
                        left * MM_PER_PT,
                        (height - top) * MM_PER_PT,
                        (right - left) * MM_PER_PT,
                        (top - bottom) * MM_PER_PT,
                        png.getvalue(),
                    )
                )
            page.close()
    finally:
        pdf.close()
    return pictures


def ofd_from_pdf(
    pdf_bytes: bytes,
    seals: list[Seal] | None = None,
    layout: Literal["runs", "glyphs"] = "runs",
) -> bytes:
    """The OFD twin of a PDF: the same characters and pictures at the same places on the same
    pages."""
    pages, width, height = runs_from_pdf(pdf_bytes)
    pictures = pictures_from_pdf(pdf_bytes)
    return write_ofd(
        OfdSpec(pages, seals or [], pictures, width=width, height=height, layout=layout)
    )
