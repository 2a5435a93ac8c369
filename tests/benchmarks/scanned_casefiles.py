"""Hand-written case files as one scanned PDF each: what the engine makes of a whole-file scan.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/scanned_casefiles.py [case …]

Paper case files are often scanned for review as ONE image-only PDF of the whole file. For each
case of tests/casefiles (four of different departments and layouts by default) this builds a
"scanned twin" in a temporary folder: every document printed as A4 pages (title centred, body
justified, `| 栏 | 值 |` rows as ruled table cells), a red seal where the text marks one
(（印章）/（盖章）, the marker itself is not printed), then scan artefacts (grey paper, noise,
rotation within ±1°, 200 dpi, JPEG), all documents in file order in one PDF. It then checks the
text folder and the scan with `check_case` and prints per case: documents expected/found (a
found part counts when it starts at the page its document starts on), typing accuracy (of the
parts that start right, the share typed as the text version types that document), gold recall
text vs scan (tests/benchmarks/casefile_eval.py's matching, by document order for the scan) and
the major/veto findings on the scan that the text version lacks (rule and document), with the
pages, seconds and CPU load of the run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from casecheck import check_case
from casecheck.ingest import read_path
from casecheck.ingest.options import ReadOptions
from casecheck.model import Finding, Report
from tests.benchmarks.casefile_eval import CASEFILES, GOLD, SERIOUS, Gold, load_gold, matches

DEFAULT_CASES = ("weijian-clinic", "xiaofang-exits", "haiguan-declaration", "zhifa-nightnoise")
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DPI = 200
PAGE = (1654, 2339)  # A4 at 200 dpi
MARGIN = (220, 200)  # left/right, top/bottom
BODY_PX, TITLE_PX, HEADER_PX = 33, 50, 39  # 12 pt, 18 pt, 14 pt at 200 dpi
LEADING = 1.65
SEAL_MARK = re.compile(r"[（(](?:印章|盖章|公章|印|章)[)）]")
SEAL_DIAMETER = 330  # 42 mm at 200 dpi


@dataclass
class Printed:
    """One document laid out on pages, and the page the document starts on in the scan."""

    name: str
    first_page: int
    pages: list[Image.Image] = field(default_factory=list)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


class _Layout:
    """Draws lines of text onto A4 page images, starting a page when one is full."""

    def __init__(self) -> None:
        self.pages: list[Image.Image] = []
        self.y = PAGE[1]
        self.width = PAGE[0] - 2 * MARGIN[0]

    def _page(self) -> ImageDraw.ImageDraw:
        return ImageDraw.Draw(self.pages[-1])

    def _room(self, height: float) -> ImageDraw.ImageDraw:
        if not self.pages or self.y + height > PAGE[1] - MARGIN[1]:
            self.pages.append(Image.new("RGB", PAGE, "white"))
            self.y = MARGIN[1]
        return self._page()

    @staticmethod
    def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
        lines, current = [], ""
        for char in text:
            if current and font.getlength(current + char) > width:
                lines.append(current)
                current = ""
            current += char
        return [*lines, current]

    def line(self, text: str, size: int = BODY_PX, align: str = "left") -> int:
        """Draws a paragraph; returns the y of its last line."""
        font = _font(size)
        indent = 2 * size if align == "left" and text and not text.startswith(" ") else 0
        pieces = self._wrap(text.strip(), font, self.width - indent) if text.strip() else [""]
        for n, piece in enumerate(pieces):
            draw = self._room(size * LEADING)
            x = MARGIN[0] + (indent if n == 0 else 0)
            if align == "center":
                x = (PAGE[0] - font.getlength(piece)) / 2
            elif align == "right":
                x = PAGE[0] - MARGIN[0] - font.getlength(piece) - 2 * size
            if align == "left" and n < len(pieces) - 1 and len(piece) > 1:
                # justified, as Word sets Chinese body text: full lines end at the margin
                room = self.width - (indent if n == 0 else 0) - font.getlength(piece)
                for char in piece:
                    draw.text((x, self.y), char, font=font, fill=(20, 20, 20))
                    x += font.getlength(char) + room / (len(piece) - 1)
            else:
                draw.text((x, self.y), piece, font=font, fill=(20, 20, 20))
            last = self.y
            self.y += size * LEADING
        return int(last)

    def table_row(self, cells: list[str]) -> None:
        font = _font(BODY_PX)
        if len(cells) == 2:
            widths = [self.width * 0.28, self.width * 0.72]
        else:
            widths = [self.width / len(cells)] * len(cells)
        wrapped = [self._wrap(c, font, w - 24) for c, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped) * BODY_PX * LEADING + 20
        draw = self._room(height)
        x = MARGIN[0]
        for lines, w in zip(wrapped, widths, strict=True):
            draw.rectangle((x, self.y, x + w, self.y + height), outline=(30, 30, 30), width=2)
            for n, piece in enumerate(lines):
                draw.text((x + 12, self.y + 10 + n * BODY_PX * LEADING), piece, font=font, fill=20)
            x += w
        self.y += height


def _seal(page: Image.Image, centre: tuple[float, float], rng: random.Random) -> None:
    """A red official seal (ring, star, inscription) printed over `centre`."""
    r = SEAL_DIAMETER // 2
    layer = Image.new("RGBA", (2 * r + 4, 2 * r + 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    red = (215, 40, 45, 200)
    draw.ellipse((2, 2, 2 * r, 2 * r), outline=red, width=9)
    star = [
        (
            r + 1 + (48 if k % 2 == 0 else 19) * np.sin(k * np.pi / 5),
            r + 1 - (48 if k % 2 == 0 else 19) * np.cos(k * np.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    font = _font(34)
    for k, char in enumerate("行政执法专用章执法"):
        angle = np.pi * (-0.75 + 1.5 * k / 8)
        x, y = r + (r - 40) * np.sin(angle), r - (r - 40) * np.cos(angle)
        draw.text((x - 17, y - 17), char, font=font, fill=red)
    layer = layer.rotate(rng.uniform(-20, 20))
    page.paste(layer, (int(centre[0] - r), int(centre[1] - r)), layer)


def _print_document(text: str, title: str, rng: random.Random) -> list[Image.Image]:
    layout = _Layout()
    seal_at: list[tuple[int, float]] = []
    lines = text.splitlines()
    title_seen = False
    for raw in lines:
        line = raw.rstrip()
        if line.startswith("|") and line.endswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                layout.table_row(cells)
            continue
        marked = bool(SEAL_MARK.search(line))
        line = SEAL_MARK.sub("", line)
        if not title_seen and line.strip() and title in line.strip():
            title_seen = True
            layout.line(line.strip(), TITLE_PX, "center")
        elif not title_seen and line.strip():
            layout.line(line.strip(), HEADER_PX, "center")  # the authority above the title
        elif marked:
            y = layout.line(line.strip(), align="right")
            width = _font(BODY_PX).getlength(line.strip())
            seal_at.append(
                (len(layout.pages) - 1, (PAGE[0] - MARGIN[0] - 2 * BODY_PX - width / 2, y))
            )
        else:
            layout.line(line)
    for index, centre in seal_at:
        _seal(layout.pages[index], centre, rng)
    if len(layout.pages) > 1:
        font = _font(24)
        for n, page in enumerate(layout.pages, start=1):
            footer = f"第{n}页 共{len(layout.pages)}页"
            x = (PAGE[0] - font.getlength(footer)) / 2
            ImageDraw.Draw(page).text((x, PAGE[1] - 120), footer, font=font, fill=(20, 20, 20))
    return layout.pages


def _scan(page: Image.Image, rng: random.Random) -> Image.Image:
    """What a 200 dpi office scanner makes of a printed page."""
    grey = rng.randint(222, 238)
    angle = rng.uniform(-1.0, 1.0)
    page = page.rotate(angle, resample=Image.BICUBIC, fillcolor="white")
    pixels = np.asarray(page, dtype=np.float32)
    pixels = pixels * (grey / 255.0)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 12, pixels.shape[:2])
    pixels += noise[..., None]
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return image.filter(ImageFilter.GaussianBlur(0.6))


def build_scanned_twin(case: Path, out: Path, seed: int = 7) -> list[Printed]:
    """Writes the scanned twin of `case` to `out` (one image-only PDF); returns its documents
    with the page each starts on (1-based)."""
    rng = random.Random(seed)
    folder = read_path(case, ReadOptions(ocr=False))
    printed: list[Printed] = []
    images: list[Image.Image] = []
    for doc in folder.documents:
        title = _title(Path(doc.path).stem)
        pages = [_scan(p, rng) for p in _print_document(doc.text, title, rng)]
        printed.append(Printed(Path(doc.path).name, len(images) + 1, pages))
        images += pages
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=DPI, quality=70)
    return printed


def _title(stem: str) -> str:
    """The document title a file name gives (`09行政处罚决定书` → `行政处罚决定书`)."""
    return re.sub(r"[（(].*?[)）]", "", re.sub(r"^\d+", "", stem)).split("、")[0]


@dataclass
class CaseRow:
    case: str
    pages: int
    expected: int
    found: int
    split_right: int
    typed_right: int
    recall_text: tuple[int, int]
    recall_scan: tuple[int, int]
    elements: tuple[int, int]
    extra_serious: list[str]
    seconds: float
    load: float
    notes: list[str] = field(default_factory=list)


def _recall(report: Report, gold: Gold) -> int:
    return sum(any(matches(f, report, p) for f in report.findings) for p in gold.defects)


def _as_text_documents(scan: Report, text: Report, printed: list[Printed]) -> Report:
    """The scan's report with each part that starts on a document's first page given that
    document's path and text id, so gold places (file names) and finding keys line up."""
    by_start = {p.first_page: (p.name, d) for p, d in zip(printed, text.documents, strict=True)}
    for doc in scan.documents:
        first = doc.source_pages[0] if doc.source_pages else 1
        if first in by_start:
            name, text_doc = by_start[first]
            doc.path = str(Path(text_doc.path).with_name(name))
    return scan


KEY_ELEMENTS = ("party_name", "doc_number", "fine_amount", "confiscation_amount")


def _key_elements(report: Report, doc_id: str) -> set[tuple[str, str]]:
    """The party, decision number, amounts and dates read from one document."""
    return {
        (e.kind, str(e.normalized.get("name") if isinstance(e.normalized, dict) else e.normalized))
        for e in report.elements
        if e.document == doc_id and (e.kind in KEY_ELEMENTS or e.kind.endswith("_date"))
    }


def _key(report: Report, f: Finding) -> tuple[str, str]:
    doc = next((d for d in report.documents if d.id == f.document), None)
    return f.rule_id, Path(doc.path).name if doc else ""


def evaluate_case(name: str, workdir: Path) -> CaseRow:
    gold = load_gold(GOLD / f"{name}.yaml")
    pdf = workdir / f"{name}.pdf"
    printed = build_scanned_twin(CASEFILES / name, pdf)
    text = check_case(CASEFILES / name)
    load = os.getloadavg()[0]
    began = time.monotonic()
    scan = check_case(pdf)
    seconds = time.monotonic() - began
    _as_text_documents(scan, text, printed)
    starts = {p.first_page: text.documents[i] for i, p in enumerate(printed)}
    split_right = typed_right = read = wanted = 0
    notes = []
    for doc in scan.documents:
        first = doc.source_pages[0] if doc.source_pages else 1
        expected = starts.get(first)
        if expected is None:
            notes.append(f"多切 p{first}: {doc.doc_type}")
            continue
        split_right += 1
        want, got = _key_elements(text, expected.id), _key_elements(scan, doc.id)
        wanted, read = wanted + len(want), read + len(want & got)
        notes += [f"要素 {Path(expected.path).name}: {k} {v} 未读出" for k, v in sorted(want - got)]
        if doc.doc_type == expected.doc_type:
            typed_right += 1
        else:
            notes.append(f"类型 {Path(expected.path).name}: {expected.doc_type} → {doc.doc_type}")
    found_starts = {d.source_pages[0] for d in scan.documents if d.source_pages}
    notes += [
        f"漏切 {p.name} (p{p.first_page})" for p in printed if p.first_page not in found_starts
    ]
    text_keys = {_key(text, f) for f in text.findings if f.severity in SERIOUS}
    extra = [
        f"{f.severity} {f.rule_id} @ {_key(scan, f)[1] or '案卷'}: {f.message[:60]}"
        for f in scan.findings
        if f.severity in SERIOUS and _key(scan, f) not in text_keys
    ]
    return CaseRow(
        case=name,
        pages=sum(len(p.pages) for p in printed),
        expected=len(printed),
        found=len(scan.documents),
        split_right=split_right,
        typed_right=typed_right,
        recall_text=(_recall(text, gold), len(gold.defects)),
        recall_scan=(_recall(scan, gold), len(gold.defects)),
        elements=(read, wanted),
        extra_serious=extra,
        seconds=seconds,
        load=load,
        notes=notes,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", default=list(DEFAULT_CASES))
    parser.add_argument("--keep", type=Path, help="write the scanned PDFs to this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        rows = [evaluate_case(name, workdir) for name in args.cases]
    print(
        "| case | pages | docs expected/found | split right | typed right | key elements | "
        "gold recall text | gold recall scan | extra major/veto on scan | seconds | load |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        vetoes = sum(e.startswith("veto") for e in r.extra_serious)
        print(
            f"| {r.case} | {r.pages} | {r.expected}/{r.found} | {r.split_right}/{r.expected} | "
            f"{r.typed_right}/{r.split_right} | {r.elements[0]}/{r.elements[1]} | "
            f"{r.recall_text[0]}/{r.recall_text[1]} | "
            f"{r.recall_scan[0]}/{r.recall_scan[1]} | {len(r.extra_serious)} ({vetoes} veto) | "
            f"{r.seconds:.0f} | {r.load:.1f} |"
        )
    for r in rows:
        for line in r.notes + r.extra_serious:
            print(f"  {r.case}: {line}")


if __name__ == "__main__":
    main()
