"""OFD reading: an OFD decision reads and checks like its PDF twin; seals of each kind; page
images; hostile and broken packages become a Chinese `input.unreadable` message."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader

from casecheck import check_case, generate_case, ofd_as_pdf
from casecheck.ingest import ReadOptions, ocr, read_path
from casecheck.ingest import ofd as ofd_reader
from casecheck.ingest.ofd import (
    DAMAGED,
    ENCRYPTED,
    HAS_DTD,
    NOT_OFD,
    PART_TOO_LARGE,
    TOO_MANY_PAGES,
    UNSAFE_PATH,
    load_pages,
    read_ofd,
    render_page,
)
from casecheck.ingest.pdf_reader import MAX_PAGES, read_pdf
from casecheck.ingest.seal import has_seal, red_mask
from casecheck.samples.facts import make_facts
from casecheck.samples.generator import build_documents
from casecheck.samples.render import _PdfWriter
from casecheck.samples.textdoc import TextDoc
from tests.ofd_writer import NS, OfdSpec, Picture, Run, Seal, ofd_from_pdf, seal_png, write_ofd

DECISION = "21行政处罚决定书"
# Where the seal sits over the signature lines of the sample decision's last page (mm).
SEAL = Seal(page=-1, x=120.0, y=60.0)
MM = 72 / 25.4


def _decision(defects: frozenset[str] = frozenset()) -> TextDoc:
    docs, _ = build_documents(make_facts(0, defects))
    return next(d for d in docs if d.doc_type == "行政处罚决定书")


def decision_pdf(doc: TextDoc, path: Path, sealed: bool) -> bytes:
    """The decision as the sample generator writes it, with the seal picture drawn on its last
    page when `sealed` (where the OFD twin places its electronic seal)."""
    writer = _PdfWriter(path)
    writer.document(doc, title_first=False)
    if sealed:
        size = SEAL.diameter * MM
        top = writer.height - SEAL.y * MM
        picture = ImageReader(io.BytesIO(seal_png()))
        writer.canvas.drawImage(picture, SEAL.x * MM, top - size, size, size, mask="auto")
    writer.save()
    return path.read_bytes()


def twin(pdf: bytes, sealed: bool, kind: str = "signature") -> bytes:
    pages = len(pdfium.PdfDocument(pdf))
    seals = [Seal(pages - 1, SEAL.x, SEAL.y, SEAL.diameter, kind)] if sealed else []
    return ofd_from_pdf(pdf, seals)


@pytest.mark.parametrize("sealed", [True, False])
def test_ofd_reads_like_its_pdf_twin(tmp_path: Path, sealed: bool) -> None:
    pdf = decision_pdf(_decision(), tmp_path / "d.pdf", sealed)
    from_pdf = read_pdf("d.pdf", pdf)
    from_ofd = read_ofd("d.ofd", twin(pdf, sealed))
    assert from_ofd.errors == []
    assert len(from_ofd.pages) == len(from_pdf.pages) >= 2
    assert from_ofd.text == from_pdf.text
    assert from_ofd.pages == from_pdf.pages
    assert from_ofd.blocks == from_pdf.blocks
    assert any(b.locator.startswith("seal:") for b in from_ofd.blocks) is sealed
    assert "行政处罚决定书" in from_ofd.text


def _report_json(case: Path) -> dict:
    report = check_case(case).to_json()
    text = json.dumps(report, ensure_ascii=False).replace(str(case), "CASE")
    return json.loads(text.replace(".ofd", ".pdf"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("defects", "sealed"),
    [
        (frozenset({"wrong_remedy_period", "invalid_credit_code"}), True),
        (frozenset({"no_seal"}), False),
    ],
)
def test_an_ofd_decision_is_checked_like_its_pdf_twin(
    tmp_path: Path, defects: frozenset[str], sealed: bool
) -> None:
    """The same case with its decision as PDF and as OFD: same elements, findings, score."""
    as_pdf = tmp_path / "pdf"
    generate_case(as_pdf, defects=sorted(defects))
    (as_pdf / f"{DECISION}.docx").unlink()
    pdf = decision_pdf(_decision(defects), as_pdf / f"{DECISION}.pdf", sealed)
    as_ofd = tmp_path / "ofd"
    shutil.copytree(as_pdf, as_ofd)
    (as_ofd / f"{DECISION}.pdf").unlink()
    (as_ofd / f"{DECISION}.ofd").write_bytes(twin(pdf, sealed))

    pdf_report, ofd_report = _report_json(as_pdf), _report_json(as_ofd)
    decision = next(d for d in ofd_report["documents"] if d["path"] == f"{DECISION}.pdf")
    assert decision["doc_type"] == "行政处罚决定书" and not decision["errors"]
    assert ofd_report["elements"] == pdf_report["elements"]
    assert ofd_report["findings"] == pdf_report["findings"]
    assert ofd_report["score"] == pdf_report["score"]
    seal_findings = [f for f in ofd_report["findings"] if f["class"] == "decision.no_seal"]
    assert bool(seal_findings) is not sealed  # the seal is seen in both, or missed in both


@pytest.mark.parametrize("kind", ["signature", "annotation", "image"])
def test_each_kind_of_seal_marks_its_page(kind: str) -> None:
    runs = [[Run("行政处罚决定书", 60, 40, 8)], [Run("青禾示例食品有限公司（盖章）", 30, 80)]]
    data = write_ofd(OfdSpec(runs, [Seal(1, 120, 60, kind=kind)]))
    doc = read_ofd("d.ofd", data)
    seals = [b.locator for b in doc.blocks if b.locator.startswith("seal:")]
    assert seals == ["seal:page2"]
    assert doc.text == "行政处罚决定书\n青禾示例食品有限公司（盖章）"


def test_a_personal_signature_without_a_seal_picture_is_no_seal() -> None:
    spec = OfdSpec([[Run("询问笔录", 60, 40, 8)]], [Seal(0, 120, 60)])
    data = write_ofd(spec)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        listing = archive.read("Doc_0/Signs/Signatures.xml").replace(b'"Seal"', b'"Sign"')
    spec.extra = {
        "Doc_0/Signs/Signatures.xml": listing,
        "Doc_0/Signs/Sign_0/SignedValue.dat": b"\x30\x82\x01\x00" + bytes(256),
    }
    assert not [b for b in read_ofd("d.ofd", write_ofd(spec)).blocks if "seal" in b.locator]
    (page,) = load_pages(write_ofd(spec))
    assert len(page.stamps) == 1 and not page.sealed


def test_a_small_red_picture_is_not_a_seal() -> None:
    """A red logo 8 mm wide is no seal (the .docx rule: pictures too small are not decoded)."""
    data = write_ofd(OfdSpec([[Run("通知", 30, 40)]], [Seal(0, 20, 20, diameter=8, kind="image")]))
    assert not [b for b in read_ofd("d.ofd", data).blocks if b.locator.startswith("seal:")]


def test_positions_order_the_text_not_the_file_order() -> None:
    """Objects written out of order (footer first, two columns of a table row) read by place;
    a wide gap on one line is a space; DeltaX `g` repeats; CTM scales."""
    runs = [
        Run("第1页 共1页", 90, 280, 4),
        Run("No.18", 100, 60),
        Run("Case", 20, 60),
        Run("行政处罚决定书", 60, 40, 8),
    ]
    spec = OfdSpec([runs])
    data = write_ofd(spec)
    assert read_ofd("d.ofd", data).text == "行政处罚决定书\nCase No.18"
    content = (
        f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1">'
        '<ofd:TextObject ID="2" Boundary="20 50 100 10" Size="5" CTM="2 0 0 2 0 0">'
        '<ofd:TextCode X="0" Y="4" DeltaX="g 3 5">当事人甲</ofd:TextCode></ofd:TextObject>'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    ).encode()
    spec.extra = {"Doc_0/Pages/Page_0/Content.xml": content}
    (page,) = load_pages(write_ofd(spec))
    assert [round(g.x) for g in page.glyphs] == [20, 30, 40, 50]
    assert {g.y for g in page.glyphs} == {58.0} and {g.size for g in page.glyphs} == {10.0}


def test_page_images_show_text_and_seal(tmp_path: Path) -> None:
    pdf = decision_pdf(_decision(), tmp_path / "d.pdf", True)
    data = twin(pdf, True)
    pages = load_pages(data)
    last = np.asarray(render_page(pages[-1], dpi=100))
    assert has_seal(last, 100)
    assert not has_seal(np.asarray(render_page(pages[0], dpi=100)), 100)
    dark = (last.sum(axis=2) < 200) & ~red_mask(last)
    assert dark.sum() > 2000  # text is drawn (glyphs, or their boxes without a CJK font)
    viewable = ofd_as_pdf(data)
    assert viewable is not None and len(pdfium.PdfDocument(viewable)) == len(pages)
    assert ofd_as_pdf(b"PK\x03\x04broken") is None


def test_read_path_reads_ofd_in_a_folder_and_a_zip(tmp_path: Path) -> None:
    data = write_ofd(OfdSpec([[Run("行政处罚决定书", 60, 40, 8)]]))
    (tmp_path / "决定书.ofd").write_bytes(data)
    archive = tmp_path / "案卷.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("材料/决定书.ofd", data)
    for path in (tmp_path / "决定书.ofd", archive):
        (doc,) = read_path(path).documents
        assert doc.text == "行政处罚决定书" and not doc.errors and len(doc.pages) == 1


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _spec(**extra: bytes) -> OfdSpec:
    return OfdSpec([[Run("行政处罚决定书", 60, 40, 8)]], extra=extra)


def _content(body: str) -> bytes:
    return (
        f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1">{body}'
        "</ofd:Layer></ofd:Content></ofd:Page>"
    ).encode()


def _document(pages: str) -> bytes:
    return (
        f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
        f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>"
    ).encode()


def _encrypted(data: bytes) -> bytes:
    """zipfile cannot write encrypted members: set the flag of the first member (OFD.xml)."""
    out = bytearray(data)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        out[out.index(signature) + flags_at] |= 0x1
    return bytes(out)


XXE = b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + _content(
    '<ofd:TextObject ID="2" Boundary="0 0 9 9" Size="5">'
    '<ofd:TextCode X="0" Y="4">&x;</ofd:TextCode></ofd:TextObject>'
)
LAUGH = b'<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><p>&b;</p>'
PAGE = "Doc_0/Pages/Page_0/Content.xml"

HOSTILE = [
    ("corrupt", b"PK\x03\x04" + bytes(200) + b"OFD.xml", DAMAGED),
    ("no OFD.xml", _zip({"Doc_0/Document.xml": b"<x/>"}), NOT_OFD),
    ("no DocRoot", _zip({"OFD.xml": f'<ofd:OFD xmlns:ofd="{NS}"/>'.encode()}), NOT_OFD),
    ("not XML", write_ofd(_spec(**{PAGE: b"<ofd:Page><unclosed"})), DAMAGED),
    (
        "missing page",
        write_ofd(
            _spec(
                **{
                    "Doc_0/Document.xml": _document(
                        '<ofd:Page ID="1" BaseLoc="Pages/Page_9/Content.xml"/>'
                    )
                }
            )
        ),
        DAMAGED,
    ),
    ("XXE", write_ofd(_spec(**{PAGE: XXE})), HAS_DTD),
    ("billion laughs", write_ofd(_spec(**{"OFD.xml": LAUGH})), HAS_DTD),
    (
        "traversal",
        write_ofd(
            _spec(
                **{
                    "Doc_0/Document.xml": _document(
                        '<ofd:Page ID="1" BaseLoc="../../../etc/passwd"/>'
                    )
                }
            )
        ),
        UNSAFE_PATH.split("（")[0],
    ),
    ("bomb", write_ofd(_spec(**{PAGE: _content(" " * (12 * 2**20))})), PART_TOO_LARGE),
    ("encrypted member", _encrypted(write_ofd(_spec())), ENCRYPTED),
    (
        "encryptions",
        write_ofd(
            _spec(
                **{
                    "OFD.xml": (
                        f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody>'
                        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                        "<ofd:Encryptions>Encs.xml</ofd:Encryptions></ofd:DocBody></ofd:OFD>"
                    ).encode()
                }
            )
        ),
        ENCRYPTED,
    ),
    (
        "huge page count",
        write_ofd(
            _spec(
                **{
                    "Doc_0/Document.xml": _document(
                        '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>' * (MAX_PAGES + 1)
                    )
                }
            )
        ),
        TOO_MANY_PAGES.format(pages=MAX_PAGES + 1, limit=MAX_PAGES),
    ),
]


@pytest.mark.parametrize(("data", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_or_broken_ofd_is_a_chinese_message(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "电子公文.ofd"
    path.write_bytes(data)
    started = time.monotonic()
    (doc,) = read_path(path).documents
    assert time.monotonic() - started < 10
    assert doc.text == "" and len(doc.errors) == 1
    assert doc.errors[0].startswith(message)
    assert "OFD" in doc.errors[0]


def test_a_broken_ofd_is_an_unreadable_finding(tmp_path: Path) -> None:
    (tmp_path / "决定书.ofd").write_bytes(_zip({"Doc_0/Document.xml": b"<x/>"}))
    report = check_case(tmp_path / "决定书.ofd")
    found = [f for f in report.findings if f.defect_class == "input.unreadable"]
    assert found and NOT_OFD.split("，")[0] in found[0].message


def test_reading_time_per_page() -> None:
    """A 100-page OFD of dense text reads in well under the PDF reader's budget."""
    line = "经查，当事人于二〇二五年三月五日在其经营场所销售超过保质期的预包装食品。"
    pages = [[Run(line, 20, 30 + 8 * i, 4.5) for i in range(30)] for _ in range(100)]
    data = write_ofd(OfdSpec(pages))
    started = time.perf_counter()
    doc = read_ofd("big.ofd", data)
    per_page = (time.perf_counter() - started) / 100
    assert len(doc.pages) == 100 and not doc.errors
    assert per_page < 0.05, per_page


def test_package_members_are_found_case_insensitively_and_by_absolute_path() -> None:
    spec = _spec()
    data = write_ofd(spec)
    members = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            members[name] = archive.read(name)
    members["Doc_0/Document.xml"] = members["Doc_0/Document.xml"].replace(
        b'BaseLoc="Pages/Page_0/Content.xml"', b'BaseLoc="/Doc_0/Pages/Page_0/Content.xml"'
    )
    doc = read_ofd("d.ofd", _zip(members))
    assert doc.text == "行政处罚决定书"


def test_unsafe_path_names_the_reference() -> None:
    with pytest.raises(ofd_reader.Unreadable, match="etc/passwd"):
        ofd_reader._resolve("Doc_0/Document.xml", "../../etc/passwd")


@pytest.mark.corpus
def test_real_ofd_files_read(corpus_dir: Path) -> None:
    """Real OFD files, where the shared corpus holds any: each reads with text or a message."""
    files = sorted(corpus_dir.rglob("*.ofd"))
    if not files:
        pytest.skip("no .ofd files in the shared corpus")
    for file in files:
        (doc,) = read_path(file).documents
        assert doc.errors or doc.text.strip(), file


@pytest.fixture(scope="module")
def real_decisions(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Real published decisions as PDFs: those the corpus holds (text and scanned), and its
    Word 行政处罚决定书 printed to PDF by LibreOffice where it is installed."""
    pdfs = sorted(corpus_dir.rglob("*.pdf"))
    words = sorted(p for p in corpus_dir.rglob("*行政处罚决定书*") if p.suffix in {".doc", ".docx"})
    soffice = shutil.which("soffice")
    if words and soffice:
        out = tmp_path_factory.mktemp("printed")
        profile = (out / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
        subprocess.run(
            [*command, "--convert-to", "pdf", "--outdir", str(out), *map(str, words)],
            capture_output=True,
            timeout=300,
            check=False,
        )
        pdfs += sorted(out.glob("*.pdf"))
    if not pdfs:
        pytest.skip("no real decisions to print")
    return pdfs


def _comparable(report: dict) -> dict:
    """What a user sees of a one-document case: the document's type, its elements (value and
    page; offsets differ where the readers join wrapped lines differently), the findings and the
    score."""
    return {
        "types": [d["doc_type"] for d in report["documents"]],
        "elements": sorted(
            (e["kind"], e["value"], json.dumps(e["normalized"], ensure_ascii=False), e["page"])
            for e in report["elements"]
        ),
        "findings": sorted(
            (f["rule_id"], f["severity"], f["confidence"], f["message"]) for f in report["findings"]
        ),
        "score": report["score"],
    }


@pytest.mark.corpus
@pytest.mark.slow
def test_real_decisions_are_checked_like_their_ofd_twins(
    real_decisions: list[Path], tmp_path: Path
) -> None:
    """Each real decision as its PDF and as an OFD twin (the PDF's characters and pictures where
    the PDF places them; in turn a TextObject a line and one a character scaled by a CTM): the
    same type, elements, findings and score. Scanned pages are recognised in both."""
    for n, source in enumerate(real_decisions):
        data = source.read_bytes()
        reports = []
        for kind, content in (
            ("pdf", data),
            ("ofd", ofd_from_pdf(data, layout="glyphs" if n % 2 else "runs")),
        ):
            case = tmp_path / f"{n}-{kind}"
            case.mkdir()
            (case / f"decision.{kind}").write_bytes(content)
            reports.append(_comparable(_report_json(case)))
        as_pdf, as_ofd = reports
        assert as_ofd == as_pdf, source.name
        assert as_pdf["types"][0].endswith("决定书") and as_pdf["elements"], source.name


@pytest.mark.parametrize("namespace", ["http://www.ofdspec.org", None])
@pytest.mark.parametrize("kind", ["signature", "annotation", "image"])
def test_an_earlier_namespace_or_none_reads_alike(namespace: str | None, kind: str) -> None:
    """Suwell pdf2ofd (2019) writes parts in the namespace of an earlier draft, some writers
    none at all: the same text and seal as the 2016 namespace."""
    pages = [[Run("行政处罚决定书", 60, 40, 8)], [Run("罚款人民币伍万元整。", 20, 40)]]
    data = write_ofd(OfdSpec(pages, [Seal(1, 120, 60, kind=kind)]))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.endswith(".xml"):
                declared = f' xmlns:ofd="{NS}"'.encode()
                part = (
                    part.replace(NS.encode(), namespace.encode())
                    if namespace
                    else part.replace(declared, b"").replace(b"ofd:", b"")
                )
            target.writestr(info, part)
    doc = read_ofd("d.ofd", out.getvalue())
    assert doc.text == read_ofd("d.ofd", data).text == "行政处罚决定书\n罚款人民币伍万元整。"
    assert [b.locator for b in doc.blocks if b.locator.startswith("seal:")] == ["seal:page2"]


def test_one_object_per_character_scaled_by_ctm() -> None:
    """The layout of a common PDF→OFD converter: each character its own TextObject in nested
    PageBlocks, drawn at a nominal size 20 times too large and scaled down by the CTM, glyph
    maps (CGTransform), the page box on the page, Pages listed before CommonData."""
    text = ["当事人：青禾示例食品有限公司", "罚款人民币5000元"]
    objects = []
    for row, line in enumerate(text):
        for col, char in enumerate(line):
            width = 3.6865 if ord(char) > 0x2E80 else 1.8433
            x = 31.75 + sum(3.6865 if ord(c) > 0x2E80 else 1.8433 for c in line[:col])
            objects.append(
                f'<ofd:TextObject ID="{100 * row + col + 7}" Boundary="{x:.4f} '
                f'{25.9325 + 4.826 * row:.4f} {width} 3.6865" Size="73.73059844970703" '
                'CTM="0.05 0 0 0.05 0 0" Fill="true" Font="8">'
                '<ofd:FillColor Value="0 0 0" Alpha="255"/>'
                '<ofd:CGTransform GlyphCount="1" CodeCount="1" CodePosition="0">'
                f"<ofd:Glyphs>{col + 1}</ofd:Glyphs></ofd:CGTransform>"
                f'<ofd:TextCode X="0" Y="63.3622">{char}</ofd:TextCode></ofd:TextObject>'
            )
    content = (
        f'<ofd:Page xmlns:ofd="{NS}"><ofd:Area><ofd:PhysicalBox>0 0 215.9 279.4'
        '</ofd:PhysicalBox></ofd:Area><ofd:Content ID="1"><ofd:Layer ID="2">'
        '<ofd:PageBlock ID="4"><ofd:PageBlock ID="5">'
        + "".join(objects)
        + "</ofd:PageBlock></ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>"
    ).encode()
    document = (
        f'<ofd:Document xmlns:ofd="{NS}"><ofd:Pages>'
        '<ofd:Page ID="3" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>'
        "<ofd:CommonData><ofd:MaxUnitID>2740</ofd:MaxUnitID><ofd:PageArea>"
        "<ofd:PhysicalBox>0 0 297 270</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData></ofd:Document>"
    ).encode()
    data = write_ofd(_spec(**{PAGE: content, "Doc_0/Document.xml": document}))
    assert read_ofd("d.ofd", data).text == "\n".join(text)
    (page,) = load_pages(data)
    assert (page.width, page.height) == (215.9, 279.4)
    assert {round(g.size, 2) for g in page.glyphs} == {3.69}


def test_a_scan_a_little_larger_than_the_page_is_drawn() -> None:
    """Scanners place the page picture a fraction of a millimetre past the page's edges; it is
    drawn (cropped), not dropped as too large."""
    grey = io.BytesIO()
    Image.new("RGB", (300, 420), (90, 90, 90)).save(grey, "PNG")
    scan = Picture(0, 0.0, -0.3, 210.2, 297.6, grey.getvalue())
    (page,) = load_pages(write_ofd(OfdSpec([[]], pictures=[scan])))
    image = np.asarray(render_page(page, 50))
    assert image.mean() < 100


def test_huge_or_unusable_numbers_cost_bounded_time_and_memory() -> None:
    """A page and a seal 100 m wide, NaN and infinite coordinates: read, drawn under the pixel
    cap, nothing larger than the page is drawn."""
    spec = OfdSpec(
        [[Run("行政处罚决定书", 60, 40, 8)]],
        [Seal(0, 0, 0, 99_000, "image")],
        width=99_000,
        height=99_000,
    )
    data = write_ofd(spec)
    (page,) = load_pages(data)
    image = render_page(page)
    assert image.width * image.height <= ofd_reader.MAX_RENDER_PIXELS
    content = _content(
        '<ofd:TextObject ID="2" Boundary="nan 0 9 9" Size="5"><ofd:TextCode X="0" Y="4">甲'
        '</ofd:TextCode></ofd:TextObject><ofd:TextObject ID="3" Boundary="0 0 9 9" Size="inf">'
        '<ofd:TextCode X="1e308" Y="4" DeltaX="g 999999999 nan">乙丙</ofd:TextCode>'
        "</ofd:TextObject>"
    )
    (page,) = load_pages(write_ofd(_spec(**{PAGE: content})))
    render_page(page)
    assert all(abs(g.x) <= ofd_reader.MAX_COORDINATE * 2 for g in page.glyphs)


def test_text_past_the_document_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ofd_reader, "MAX_TEXT_CHARS", 10)
    data = write_ofd(OfdSpec([[Run("行政处罚决定书", 60, 40, 8)], [Run("当事人：甲", 20, 40)]]))
    assert read_ofd("d.ofd", data).errors == [ofd_reader.TOO_MUCH_TEXT]


def _scanned_ofd(tmp_path: Path) -> bytes:
    """An OFD whose page is one picture: the image of a text page with a seal (a scan)."""
    text = OfdSpec(
        [[Run("行政处罚决定书", 20, 30, 8), Run("罚款人民币伍万元整。", 20, 50, 6)]],
        [Seal(0, 80, 40, 40, "image")],
        width=148,
        height=105,
    )
    scan = io.BytesIO()
    render_page(load_pages(write_ofd(text))[0], 150).save(scan, "PNG")
    page = Picture(0, 0, 0, 148, 105, scan.getvalue())
    return write_ofd(OfdSpec([[]], pictures=[page], width=148, height=105))


def test_a_scanned_page_is_unread_without_ocr_and_its_seal_is_seen(tmp_path: Path) -> None:
    doc = read_ofd("scan.ofd", _scanned_ofd(tmp_path), ReadOptions(ocr=False))
    assert not doc.errors and doc.text == ""
    assert doc.pages_needing_ocr() == [1]
    assert [b.locator for b in doc.blocks if b.locator.startswith("seal:")] == ["seal:page1"]


@pytest.mark.slow
@pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")
def test_a_scanned_page_is_recognised(tmp_path: Path) -> None:
    doc = read_ofd("scan.ofd", _scanned_ofd(tmp_path))
    assert doc.text_source == "ocr"
    assert "行政处罚决定书" in doc.text.replace(" ", "")


def test_invisible_text_is_read_but_not_drawn() -> None:
    """A scan made searchable: the picture shows the page, an invisible text layer holds its
    words. The text is read (as a PDF's invisible text layer is) and not drawn twice."""
    hidden = (
        '<ofd:TextObject ID="2" Boundary="20 20 150 10" Size="6" Fill="false">'
        '<ofd:TextCode X="0" Y="6">行政处罚决定书当事人青禾示例食品有限公司</ofd:TextCode>'
        "</ofd:TextObject>"
    )
    (page,) = load_pages(write_ofd(_spec(**{PAGE: _content(hidden)})))
    assert read_ofd("d.ofd", write_ofd(_spec(**{PAGE: _content(hidden)}))).text.startswith(
        "行政处罚决定书"
    )
    assert np.asarray(render_page(page, 50)).min() == 255  # nothing drawn: a blank page


def test_the_viewer_pdf_carries_the_text_so_quotes_can_be_marked(tmp_path: Path) -> None:
    from casecheck import quote_boxes

    pdf = decision_pdf(_decision(), tmp_path / "d.pdf", True)
    data = twin(pdf, True)
    doc = read_ofd("d.ofd", data)
    viewable = ofd_as_pdf(data)
    assert viewable is not None
    for quote in ("行政处罚决定书", "六个月"):
        start = doc.text.index(quote)
        (part,) = quote_boxes(viewable, doc, start, start + len(quote))
        assert part.page == doc.page_at(start) and part.rects
        on_pdf = quote_boxes(pdf, read_pdf("d.pdf", pdf), start, start + len(quote))
        assert abs(part.rects[0].left - on_pdf[0].rects[0].left) < 3  # points
