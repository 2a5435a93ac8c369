"""OCR of scanned PDF pages. Recognition tests skip when the `ocr` extra is not installed; the
page plumbing (progress, time cap, fallback) is tested with a stand-in recogniser."""

from __future__ import annotations

import difflib
import io
import re
import socket
import threading
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from casecheck.classify import classify_document, load_catalog
from casecheck.ingest import ReadOptions, ReadProgress, ocr, read_path
from casecheck.ingest.ocr import OcrLine, merge_rows
from tests.test_ingest_pdf import FACTS, PAGE_ONE, PAGE_TWO, _text, make_pdf

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")


def scan_of(pdf_bytes: bytes, dpi: int = 200) -> bytes:
    """An image-only PDF: each page of `pdf_bytes` rasterised, as a scanner would store it."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    images = [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def char_accuracy(found: str, expected: str) -> float:
    """Share of the expected characters that OCR gave back, in order (whitespace ignored)."""
    found, expected = compact(found), compact(expected)
    matcher = difflib.SequenceMatcher(None, found, expected, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(expected)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@needs_ocr
@pytest.mark.slow
def test_scanned_pages_are_recognised_offline(tmp_path: Path, no_network: None) -> None:
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(scan_of(make_pdf([PAGE_ONE, PAGE_TWO])))
    calls: list[ReadProgress] = []
    (doc,) = read_path(path, ReadOptions(progress=calls.append)).documents
    assert doc.errors == []
    assert [p.text_source for p in doc.pages] == ["ocr", "ocr"]
    assert doc.text_source == "ocr"
    # document 1 of 1, its OCR pages 0, 1, 2 of 2, then all documents read
    assert [(c.stage, c.file, c.done, c.total) for c in calls] == [
        ("document", "扫描件.pdf", 0, 1),
        ("ocr", "扫描件.pdf", 0, 2),
        ("ocr", "扫描件.pdf", 1, 2),
        ("ocr", "扫描件.pdf", 2, 2),
        ("document", "", 1, 1),
    ]
    one, two = doc.pages
    expected_one = "".join(_text(item) for item in PAGE_ONE)
    expected_two = "".join(_text(item) for item in PAGE_TWO)
    assert char_accuracy(doc.text[one.start : one.end], expected_one) >= 0.97
    assert char_accuracy(doc.text[two.start : two.end], expected_two) >= 0.97
    # Offsets still map to pages; the page footer is dropped as on a text PDF.
    assert doc.page_at(doc.text.index("青禾示例食品有限公司")) == 1
    assert doc.page_at(doc.text.index("伍万元整")) == 2
    assert "共2页" not in doc.text
    # Wrapped lines join up within a sentence, as on a text PDF.
    assert any(compact(FACTS.split("，")[1]) in compact(line) for line in doc.text.split("\n"))


@needs_ocr
@pytest.mark.slow
@pytest.mark.corpus
def test_real_scan_gets_its_number_and_type(corpus_dir: Path, no_network: None) -> None:
    path = corpus_dir / "tax_chinatax" / "税务处理决定书_常税稽处[2026]71号.pdf"
    if not path.exists():
        pytest.skip("the scanned tax decision is absent")
    (doc,) = read_path(path).documents
    assert doc.errors == []
    assert doc.text_source == "ocr"
    number = re.search(r"常税稽处[〔\[（(]2026[〕\]）)]71号", doc.text)
    assert number and doc.page_at(number.start()) == 1
    assert classify_document(doc, load_catalog())[0] == "税务处理决定书"
    # The date under the seal is read once the red ink is removed.
    assert doc.page_at(doc.text.index("二〇二六年三月二日")) == 5
    assert [b.locator for b in doc.blocks if b.locator.startswith("seal:")] == ["seal:page5"]


def test_without_ocr_pages_stay_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_of(make_pdf([PAGE_ONE]), dpi=72))
    monkeypatch.setattr(ocr, "available", lambda: False)
    for options in (ReadOptions(), ReadOptions(ocr=False)):
        (doc,) = read_path(path, options).documents
        assert doc.errors == [] and doc.text == ""
        assert doc.text_source == "none" and doc.pages_needing_ocr() == [1]


def fake_recognizer(lines_per_page: list[str]):
    """A stand-in for the OCR engine returning one line per call, in turn."""
    texts = iter(lines_per_page)

    def recognize(image: np.ndarray) -> list[OcrLine]:
        assert image.ndim == 3 and image.shape[2] >= 3
        return [OcrLine(next(texts), 100, 100, 900, 130)]

    return recognize


def test_mixed_document_keeps_page_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text_pdf = pdfium.PdfDocument(make_pdf([PAGE_ONE]))
    text_pdf.import_pages(pdfium.PdfDocument(scan_of(make_pdf([PAGE_TWO]), dpi=72)))
    out = io.BytesIO()
    text_pdf.save(out)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(out.getvalue())
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognize", fake_recognizer(["二、并处罚款人民币伍万元整。"]))
    (doc,) = read_path(path).documents
    assert [p.text_source for p in doc.pages] == ["text", "ocr"]
    assert doc.text_source == "mixed"
    assert doc.page_at(doc.text.index("伍万元整")) == 2
    assert doc.page_at(doc.text.index("青禾示例")) == 1


def test_slow_page_stays_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_of(make_pdf([PAGE_ONE, PAGE_TWO]), dpi=72))
    release = threading.Event()

    def stuck(image: np.ndarray) -> list[OcrLine]:
        release.wait(10)
        return []

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognize", stuck)
    try:
        (doc,) = read_path(path, ReadOptions(ocr_page_seconds=0.05)).documents
    finally:
        release.set()
    assert doc.errors == []
    assert [p.text_source for p in doc.pages] == ["none", "none"]


def test_engine_failure_leaves_the_scan_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_of(make_pdf([PAGE_ONE]), dpi=72))

    def broken(image: np.ndarray) -> list[OcrLine]:
        raise RuntimeError("model failed to load")

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognize", broken)
    (doc,) = read_path(path).documents
    assert doc.errors == [] and doc.text_source == "none"


def test_boxes_on_one_row_are_joined_left_to_right() -> None:
    boxes = [
        OcrLine("性别：男", 600, 102, 700, 128),
        OcrLine("当事人：张三", 100, 100, 300, 130),
        OcrLine("住址：青禾市示例路1号", 100, 150, 500, 180),
    ]
    rows = merge_rows(boxes)
    assert [r.text for r in rows] == ["当事人：张三 性别：男", "住址：青禾市示例路1号"]
    assert (rows[0].left, rows[0].right) == (100, 700)


@needs_ocr
def test_models_come_from_the_installed_wheel() -> None:
    paths = ocr.model_paths()
    assert paths is not None
    assert set(paths) == {"Det", "Cls", "Rec"}
    assert all(p.is_file() and p.parent.parent.name == "rapidocr" for p in paths.values())


def test_seal_ink_is_removed_before_recognition() -> None:
    from casecheck.ingest.seal import without_red

    image = np.full((10, 10, 3), 255, dtype=np.uint8)
    image[2, 2] = (230, 60, 70)  # seal red
    image[5, 5] = (20, 20, 20)  # black text
    cleaned = without_red(image)
    assert tuple(cleaned[2, 2]) == (255, 255, 255)
    assert tuple(cleaned[5, 5]) == (20, 20, 20)
    assert Image.fromarray(cleaned).mode == "RGB"
