"""OCR of scanned PDF pages. Recognition tests skip when the `ocr` extra is not installed; the
page plumbing (progress, time cap, fallback) is tested with a stand-in recogniser."""

from __future__ import annotations

import difflib
import io
import re
import socket
import threading
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from casecheck.classify import classify_document, load_catalog
from casecheck.ingest import ReadOptions, ReadProgress, ocr, ocr_cache, read_path
from casecheck.ingest.ocr import OcrLine, merge_rows
from tests.test_ingest_pdf import FACTS, PAGE_ONE, PAGE_TWO, _text, make_pdf

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")
# The OCR engine replaced and the network refused in this process apply where files are read.
pytestmark = pytest.mark.usefixtures("read_in_process")


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own OCR cache, so a page read by one test is not a cache hit in another."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv(ocr_cache.CACHE_DIR_ENV, str(folder))
    return folder


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


def test_a_page_scanned_askew_is_read_level(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines turned by 1° (their left ends drift right down the page) come out with one left
    margin and level rows, so wrapped lines are recognised at the page's true margins."""
    turn = np.radians(1.0)

    def line_box(top: float) -> list[list[float]]:
        corners = [(200, top), (1400, top), (1400, top + 40), (200, top + 40)]
        return [
            [x * np.cos(turn) - y * np.sin(turn) + 60, x * np.sin(turn) + y * np.cos(turn)]
            for x, y in corners
        ]

    tops = [400.0, 460.0, 520.0, 1800.0]

    texts = [f"第{n}行文字" for n in range(len(tops))]
    result = SimpleNamespace(
        boxes=[line_box(top) for top in tops], txts=texts, scores=[0.9] * len(tops)
    )
    monkeypatch.setattr(ocr, "_get_engine", lambda: lambda gray: result)
    lines = ocr.recognize(np.full((2339, 1654, 3), 235, dtype=np.uint8))
    assert [line.text for line in lines] == texts
    lefts = [line.left for line in lines]
    assert max(lefts) - min(lefts) < 2  # 1° over 1400 px drifts 24 px unlevelled
    assert all(abs(line.height - 40) < 2 for line in lines)


# A recognised form page (A4 at 200 dpi, text 200–1450 px wide): rows of cells, a cell wrapped
# over three lines from its own left edge, and a question wrapped once inside a number.
FORM_PAGE = [
    OcrLine("| 当事人 | 某某有限公司 |", 200, 400, 900, 445),
    OcrLine("| 案情摘要 | 经查，当事人于2O25年4月8日在某地 |", 200, 460, 1450, 505),
    OcrLine("开设诊所，为患者输液，违法所得人民币3200", 560, 515, 1448, 565),  # taller box
    OcrLine("元（见《收费记账本》)。", 560, 575, 900, 617),
    OcrLine("| 承办人 | 周某 |", 200, 630, 700, 675),
    OcrLine("问：我们是监督员，监督证号42110519", 270, 700, 1450, 745),
    OcrLine("007，这是我们的证件。", 200, 760, 700, 805),
]


def test_a_recognised_form_reads_as_table_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_of(make_pdf([PAGE_ONE]), dpi=72))
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognize", lambda image: FORM_PAGE)
    (doc,) = read_path(path).documents
    assert doc.text.split("\n") == [
        "|当事人|某某有限公司|",
        "|案情摘要|经查，当事人于2025年4月8日在某地开设诊所，为患者输液，违法所得人民币3200"
        "元（见《收费记账本》）。|",
        "|承办人|周某|",
        "问：我们是监督员，监督证号42110519007，这是我们的证件。",
    ]


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
        OcrLine("签名：李四", 330, 101, 450, 131),
        OcrLine("当事人：张三", 100, 100, 300, 130),
        OcrLine("住址：青禾市示例路1号", 100, 150, 500, 180),
    ]
    rows = merge_rows(boxes)
    assert [r.text for r in rows] == ["当事人：张三 签名：李四", "住址：青禾市示例路1号"]
    assert (rows[0].left, rows[0].right) == (100, 450)
    assert (rows[0].top, rows[0].bottom) == (100.5, 130.5)  # the boxes' average height


def test_boxes_in_different_cells_make_a_table_row() -> None:
    """Boxes far apart, or with a ruled line between them, are a form's cells: written as the
    text of a table row, which the element readers know (`| 当事人 | 张三 |`)."""
    label, value = OcrLine("当事人", 100, 100, 196, 130), OcrLine("张三", 240, 100, 300, 130)
    far = OcrLine("张三", 400, 100, 460, 130)
    assert merge_rows([label, value])[0].text == "当事人 张三"
    assert merge_rows([label, far])[0].text == "| 当事人 | 张三 |"
    page = np.full((200, 500), 235, dtype=np.uint8)
    page[90:140, 218:220] = 20  # the rule between the label cell and the value cell
    assert merge_rows([label, value], page)[0].text == "| 当事人 | 张三 |"


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


def counting_recognizer(calls: list[int]):
    """A stand-in for the OCR engine that records every call; its line tells calls apart."""

    def recognize(image: np.ndarray) -> list[OcrLine]:
        calls.append(1)
        return [OcrLine(f"第{len(calls)}次识别：罚款人民币伍万元整", 100, 100, 900, 130)]

    return recognize


def test_cached_page_is_not_recognised_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_cache: Path
) -> None:
    case = tmp_path / "案卷"
    case.mkdir()
    path = case / "scan.pdf"
    path.write_bytes(scan_of(make_pdf([PAGE_ONE, PAGE_TWO]), dpi=72))
    calls: list[int] = []
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognize", counting_recognizer(calls))
    (first,) = read_path(path).documents
    assert len(calls) == 2 and first.text_source == "ocr"
    (again,) = read_path(path).documents
    assert len(calls) == 2  # both pages came from the cache
    assert again.text == first.text and again.pages == first.pages
    # The cache lives in the user's cache folder, never beside the case.
    assert sorted(p.name for p in case.iterdir()) == ["scan.pdf"]
    assert (own_cache / ocr_cache.FILE_NAME).is_file()
    # Other settings (the direction classifier on) read the page again.
    monkeypatch.setattr(ocr, "SETTINGS", replace(ocr.SETTINGS, use_cls=True))
    read_path(path)
    assert len(calls) == 4


def test_unusable_cache_does_not_stop_ocr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_cache: Path
) -> None:
    own_cache.write_text("a file where the cache folder should be")
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_of(make_pdf([PAGE_ONE]), dpi=72))
    calls: list[int] = []
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognize", counting_recognizer(calls))
    (doc,) = read_path(path).documents
    assert len(calls) == 1 and doc.text_source == "ocr"


def test_cache_drops_the_least_recently_used_pages(tmp_path: Path) -> None:
    cache = ocr_cache.OcrCache(tmp_path / "c.sqlite3", max_bytes=2000)
    line = [("当事人：青禾示例食品有限公司" * 10, 1.0, 2.0, 3.0, 4.0)]
    for key in ("a", "b", "c"):
        cache.put(key, line)
    assert cache.get("a") == line  # "a" is now the most recently used
    for key in ("d", "e", "f", "g"):
        cache.put(key, line)
    (total,) = cache._db.execute("SELECT SUM(size) FROM pages").fetchone()
    assert total <= 2000
    assert cache.get("b") is None and cache.get("g") == line
    cache.close()


def test_text_layer_pages_are_not_recognised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text_pdf = pdfium.PdfDocument(make_pdf([PAGE_ONE]))
    text_pdf.import_pages(pdfium.PdfDocument(scan_of(make_pdf([PAGE_TWO]), dpi=72)))
    text_pdf.import_pages(pdfium.PdfDocument(make_pdf([PAGE_TWO])))
    out = io.BytesIO()
    text_pdf.save(out)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(out.getvalue())
    seen: list[tuple[int, int]] = []

    def recognize(image: np.ndarray) -> list[OcrLine]:
        seen.append(image.shape[:2])
        return [OcrLine("二、并处罚款人民币伍万元整。", 100, 100, 900, 130)]

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognize", recognize)
    calls: list[tuple[str, int, int]] = []
    (doc,) = read_path(path, ReadOptions(progress=_ocr_steps(calls))).documents
    assert len(seen) == 1  # only the scanned middle page was rendered for OCR
    assert [p.text_source for p in doc.pages] == ["text", "ocr", "text"]
    assert calls == [("mixed.pdf", 0, 1), ("mixed.pdf", 1, 1)]


def test_progress_counts_pages_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "scan.pdf"
    pages = [PAGE_ONE, PAGE_TWO, PAGE_ONE[:2], PAGE_TWO[:2], PAGE_ONE[2:]]
    path.write_bytes(scan_of(make_pdf(pages), dpi=72))
    second_started = threading.Event()
    order = iter(range(len(pages)))
    lock = threading.Lock()
    calls: list[tuple[str, int, int]] = []

    def recognize(image: np.ndarray) -> list[OcrLine]:
        with lock:
            call = next(order)
        # The first page finishes after the second (when two run at once): progress still
        # reports pages in order.
        if call == 0:
            second_started.wait(2)
        else:
            second_started.set()
        return [OcrLine(f"第{call}页：罚款人民币伍万元整", 100, 100, 900, 130)]

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognize", recognize)
    (doc,) = read_path(path, ReadOptions(progress=_ocr_steps(calls))).documents
    assert calls == [("scan.pdf", k, 5) for k in range(6)]
    assert [p.text_source for p in doc.pages] == ["ocr"] * 5


def _ocr_steps(calls: list[tuple[str, int, int]]):
    """A progress callback that keeps the OCR steps as (file, page done, pages)."""

    def record(event: ReadProgress) -> None:
        if event.stage == "ocr":
            calls.append((event.file, event.done, event.total))

    return record
