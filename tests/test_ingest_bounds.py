"""Bounded work and nothing skipped silently (issue 17), each on a small generated input:
.docx tables with huge spans and long merges, one picture placed many times, oversized parts,
huge PDF pages, large text files, zip members named `./x`, links, long paths, and one archive
budget per case."""

from __future__ import annotations

import io
import os
import time
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas

from casecheck.ingest import container, docx_reader, read_document, read_path, sniff, txt_reader
from casecheck.ingest.container import (
    LINK_BROKEN,
    LINK_LOOP,
    PATH_TOO_LONG,
    ZIP_TOTAL,
    Entry,
    iter_path,
)
from casecheck.ingest.docx_reader import PART_TOO_LARGE
from casecheck.ingest.normalize import TOO_MUCH_TEXT
from casecheck.ingest.pdf_reader import MAX_OCR_PIXELS, MAX_SEAL_PIXELS, read_pdf, render_dpi
from tests.test_ingest_hostile import peak_rss_mb

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(rows: int, cols: int) -> docx.document.Document:
    document = docx.Document()
    document.add_paragraph("行政处罚决定书")
    table = document.add_table(rows=rows, cols=cols)
    table.cell(0, 0).text = "当事人：某某有限公司"
    table.cell(0, 1).text = "罚款人民币五千元"
    return document


def _set(tc, tag: str, value: str | None) -> None:
    tc_pr = tc.get_or_add_tcPr()
    element = tc_pr.makeelement(qn(tag), {qn("w:val"): value} if value else {})
    tc_pr.append(element)


def test_a_huge_grid_span_is_read_at_once():
    document = _table(2, 2)
    _set(document.tables[0].rows[0]._tr.tc_lst[1], "w:gridSpan", "2000000000")
    started = time.perf_counter()
    doc = docx_reader.read_docx("d.docx", _docx_bytes(document))
    assert time.perf_counter() - started < 2
    assert not doc.errors and "罚款人民币五千元" in doc.text
    assert {b.locator for b in doc.blocks} >= {"t0.r0.c0", "t0.r0.c1", "t0.r1.c0", "t0.r1.c1"}


def test_a_long_vertical_merge_is_read_in_linear_time():
    rows = 3000
    document = _table(rows, 2)
    trs = document.tables[0]._tbl.tr_lst
    _set(trs[0].tc_lst[0], "w:vMerge", "restart")
    for tr in trs[1:]:
        _set(tr.tc_lst[0], "w:vMerge", None)  # continue
    data = _docx_bytes(document)
    started = time.perf_counter()
    doc = docx_reader.read_docx("d.docx", data)
    assert time.perf_counter() - started < 3
    locators = [b.locator for b in doc.blocks if b.locator.startswith("t0.")]
    assert locators[:3] == ["t0.r0.c0", "t0.r0.c1", "t0.r1.c1"]  # continuations are not cells
    assert len(locators) == rows + 1


def _seal_png() -> bytes:
    image = Image.new("RGB", (200, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 190, 190), outline=(230, 0, 0), width=10)
    draw.regular_polygon((100, 100, 40), 5, fill=(230, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_one_picture_placed_many_times_is_decoded_once(monkeypatch):
    document = docx.Document()
    picture = _seal_png()
    for n in range(300):
        paragraph = document.add_paragraph(f"第{n}段")
        paragraph.add_run().add_picture(io.BytesIO(picture), width=Mm(40))
    decoded = []

    def counting(data: bytes, width_mm: float) -> bool:
        decoded.append(width_mm)
        return True

    monkeypatch.setattr(docx_reader, "image_has_seal", counting)
    doc = docx_reader.read_docx("d.docx", _docx_bytes(document))
    assert len(decoded) == 1
    assert sum(b.locator.startswith("seal:") for b in doc.blocks) == 300


def _package_with(name: str, content: bytes, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes(_table(1, 2))))
    with zipfile.ZipFile(out, "w", compress) as package:
        for info in source.infolist():
            package.writestr(info.filename, source.read(info))
        package.writestr(name, content)
    return out.getvalue()


def test_a_part_that_compresses_like_a_bomb_is_refused():
    data = _package_with("word/media/image1.png", bytes(12 * 2**20))
    assert len(data) < 2**20
    assert docx_reader.read_docx("d.docx", data).errors == [PART_TOO_LARGE]


def test_oversized_parts_are_refused_before_reading(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 2**20)
    monkeypatch.setattr(docx_reader, "MAX_XML_PART_BYTES", 2**20)
    picture = os.urandom(2**20 + 1)  # does not compress: only the size can tell
    assert docx_reader.read_docx("d.docx", _package_with("word/media/x.png", picture)).errors == [
        PART_TOO_LARGE
    ]
    paragraphs = b"".join(b'<w:p w:rsidR="%08X"/>' % n for n in range(60_000))
    assert docx_reader.read_docx("d.docx", _package_with("word/extra.xml", paragraphs)).errors == [
        PART_TOO_LARGE
    ]


def test_render_resolution_is_capped_by_pixels():
    assert render_dpi((595, 842), 50, MAX_SEAL_PIXELS) == 50
    huge = render_dpi((14400, 14400), 150, MAX_OCR_PIXELS)
    assert (14400 * huge / 72) ** 2 <= MAX_OCR_PIXELS * 1.001
    assert render_dpi((0, 842), 50, MAX_SEAL_PIXELS) == 0
    assert render_dpi((float("nan"), 842), 50, MAX_SEAL_PIXELS) == 0


def test_a_huge_pdf_page_is_read_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(14400, 14400))
    pdf.setFillColorRGB(0.9, 0.1, 0.1)
    pdf.circle(7200, 7200, 3000, fill=1)
    pdf.showPage()
    pdf.save()
    code = (
        "import json\nfrom pathlib import Path\nfrom casecheck.ingest.pdf_reader import read_pdf\n"
        "from casecheck.ingest.options import ReadOptions\n"
        f"doc = read_pdf('huge.pdf', Path({str(path)!r}).read_bytes(), ReadOptions(ocr=False))\n"
        "print(json.dumps({'errors': doc.errors}))"
    )
    result, peak = peak_rss_mb(code)
    assert result == {"errors": []}
    assert peak < 400, f"{peak:.0f} MB"


def test_a_large_text_file_is_not_decoded_before_its_size_is_checked(monkeypatch):
    decoded: list[int] = []
    real = sniff.decode_text

    def counting(data: bytes):
        decoded.append(len(data))
        return real(data)

    monkeypatch.setattr(sniff, "decode_text", counting)
    monkeypatch.setattr(txt_reader, "decode_text", counting)
    data = ("行政处罚决定书。" * 300_000).encode("utf-8")  # 7 MB, 2.4 million characters
    entry = Entry("big.txt", data, sniff.sniff(data))
    assert entry.kind == "text"
    assert read_document(entry).errors == [TOO_MUCH_TEXT]
    assert max(decoded) <= sniff.SNIFF_BYTES


def test_a_large_text_file_under_the_limit_is_read(tmp_path):
    text = "行政处罚决定书\n" + "当事人某某有限公司。\n" * 40_000  # 440,000 characters
    data = text.encode("gb18030")
    assert len(data) > sniff.SNIFF_BYTES
    doc = read_document(Entry("t.txt", data, sniff.sniff(data)))
    assert not doc.errors and doc.text.startswith("行政处罚决定书")


def test_zip_members_named_dot_slash_are_read(tmp_path):
    path = tmp_path / "case.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("./决定书.txt", "行政处罚决定书\n罚款人民币五千元。")
        archive.writestr("./证据//笔录.txt", "询问笔录\n问：姓名？")
    paths = sorted(e.path for e in iter_path(path))
    assert paths == ["决定书.txt", "证据/笔录.txt"]


def test_links_inside_the_case_are_followed_and_the_others_reported(tmp_path):
    case = tmp_path / "case"
    (case / "sub").mkdir(parents=True)
    (case / "sub" / "决定书.txt").write_text("行政处罚决定书\n罚款五千元。", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("不属于本案卷", encoding="utf-8")
    (case / "inside-link.txt").symlink_to(case / "sub" / "决定书.txt")
    (case / "outside-link.txt").symlink_to(outside / "secret.txt")
    (case / "outside-folder").symlink_to(outside)
    (case / "sub" / "up").symlink_to(case)
    (case / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    entries = {e.path: e for e in iter_path(case)}
    assert entries["inside-link.txt"].kind == "text"
    assert "案卷以外" in entries["outside-link.txt"].error
    assert "案卷以外" in entries["outside-folder"].error
    assert entries["sub/up"].error == LINK_LOOP
    assert entries["broken.txt"].error == LINK_BROKEN
    assert not any("secret" in p for p in entries)


def test_paths_over_path_max_are_reported(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    (case / "决定书.txt").write_text("行政处罚决定书", encoding="utf-8")
    fd = os.open(case, os.O_RDONLY)
    try:
        for _ in range(24):  # 24 × 200 characters: deeper than PATH_MAX (4096)
            os.mkdir("d" * 200, dir_fd=fd)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        made = os.open("笔录.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
        os.write(made, "询问笔录".encode())
        os.close(made)
    finally:
        os.close(fd)
    errors = [e.error for e in iter_path(case) if e.error]
    assert PATH_TOO_LONG in errors


def test_unreadable_folders_are_reported(tmp_path, monkeypatch):
    case = tmp_path / "case"
    (case / "locked").mkdir(parents=True)
    real_scandir = os.scandir

    def refusing(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    (entry,) = list(iter_path(case))
    assert entry.path == "locked" and entry.error == container.FOLDER_UNREADABLE


def test_all_archives_of_a_case_share_one_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(container, "MAX_TOTAL_BYTES", 4 * 2**20)
    case = tmp_path / "case"
    case.mkdir()
    for n in range(3):
        with zipfile.ZipFile(case / f"{n}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{n}.txt", "行政处罚决定书\n" + "甲" * (2**19))  # 1.5 MB each
    errors = [e.error for e in iter_path(case)]
    assert errors.count(None) == 2 and ZIP_TOTAL.format(limit=4) in errors


def test_the_case_reads_through_read_path(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    (case / "决定书.txt").write_text("行政处罚决定书", encoding="utf-8")
    (case / "link.txt").symlink_to(tmp_path)
    assert [d.errors for d in read_path(case).documents][1] == []
    assert read_pdf  # imported for the memory probe above


pytestmark = pytest.mark.skipif(os.name != "posix", reason="links and PATH_MAX are POSIX here")


def test_a_flate_bomb_in_a_pdf_is_refused_before_pdfium_reads_it():
    import re
    import zlib

    from casecheck.ingest.pdf_reader import FLATE_BOMB, MAX_STREAM_BYTES
    from tests.benchmarks.fuzz_readers import seed_pdf

    data = seed_pdf()
    stream = re.search(rb"<<[^<>]*/Length\s+\d+[^<>]*>>\s*stream\r?\n", data)
    end = data.find(b"endstream", stream.end())
    body = zlib.compress(b" " * (MAX_STREAM_BYTES + 2**20), 9)  # 257 MB from 260 KB
    head = f"<< /Length {len(body)} /Filter /FlateDecode >>\nstream\n".encode()
    bomb = data[: stream.start()] + head + body + b"\nendstream" + data[end + 9 :]
    started = time.perf_counter()
    doc = read_pdf("bomb.pdf", bomb)
    assert doc.errors == [FLATE_BOMB.format(limit=MAX_STREAM_BYTES >> 20)]
    assert time.perf_counter() - started < 3
