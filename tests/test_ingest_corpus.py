"""The readers on real published decisions (../shared/corpus; skipped when absent).

Each .pdf/.docx there has a .txt of its text made independently; the scanned PDF has none.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casecheck.ingest import ReadOptions, read_path

pytestmark = pytest.mark.corpus

# Page numbers the .txt files keep (some inside a line) and the PDF reader drops.
PAGE_MARK = re.compile(r"第\d+页共\d+页|-\d+-")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕\d*号")


@pytest.fixture(scope="module")
def tax_dir(corpus_dir: Path) -> Path:
    path = corpus_dir / "tax_chinatax"
    if not path.is_dir():
        pytest.skip("tax_chinatax corpus is absent")
    return path


def _files(tax_dir: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in tax_dir.iterdir() if p.suffix in suffixes)


def _read(path: Path):
    """The one document of a file, text layers only (OCR: test_ingest_ocr.py)."""
    (doc,) = read_path(path, ReadOptions(ocr=False)).documents
    return doc


def _compact(text: str) -> str:
    return re.sub(r"[\s|]", "", text)  # a Word table row reads as 「| 栏 | 值 |」


def test_documents_read_without_error(tax_dir: Path) -> None:
    files = _files(tax_dir, ".pdf", ".docx", ".txt")
    assert files
    for path in files:
        doc = _read(path)
        assert doc.errors == [], path.name
        if path.suffix == ".pdf" and not path.with_suffix(".txt").exists():
            assert doc.pages and all(p.needs_ocr for p in doc.pages), path.name
            assert doc.text_source == "none"
        else:
            assert doc.text_source == "text", path.name
            assert len(doc.text) > 500, path.name
            assert not doc.pages_needing_ocr(), path.name


def test_scanned_pdf_is_present(tax_dir: Path) -> None:
    scans = [p for p in _files(tax_dir, ".pdf") if not p.with_suffix(".txt").exists()]
    assert [p.name for p in scans] == ["税务处理决定书_常税稽处[2026]71号.pdf"]


def test_text_matches_the_reference_text(tax_dir: Path) -> None:
    for path in _files(tax_dir, ".pdf", ".docx"):
        reference = path.with_suffix(".txt")
        if not reference.exists():
            continue
        expected = PAGE_MARK.sub("", _compact(_read(reference).text))
        assert _compact(_read(path).text) == expected, path.name


def test_pdf_text_contains_its_doc_number(tax_dir: Path) -> None:
    checked = 0
    for path in _files(tax_dir, ".pdf"):
        reference = path.with_suffix(".txt")
        if not reference.exists():
            continue
        number = DOC_NUMBER.search(_read(reference).text)
        assert number, reference.name
        doc = _read(path)
        assert number.group() in doc.text, path.name
        assert doc.page_at(doc.text.index(number.group())) == 1
        checked += 1
    assert checked >= 5
