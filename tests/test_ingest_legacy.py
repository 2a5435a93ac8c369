"""Legacy Word files (.doc/.wps) converted to .docx, by msdoc2docx or LibreOffice."""

from __future__ import annotations

import difflib
import importlib.util
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest

from casecheck.ingest import LEGACY_FAILED, LEGACY_WORD, legacy, read_path

HAS_MSDOC = importlib.util.find_spec("doc2docx") is not None
SOFFICE = shutil.which("soffice")
needs_converter = pytest.mark.skipif(not legacy.available(), reason="no .doc converter installed")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
# The converters replaced in this process apply where files are read.
pytestmark = pytest.mark.usefixtures("read_in_process")

LINES = [
    "青禾市示例区市场监督管理局",
    "行政处罚决定书",
    "青示市监罚〔2026〕7号",
    "当事人：青禾示例商贸有限公司",
    "经查，当事人于2026年1月8日销售过期食品，罚款人民币叁仟元整（3000元）。",
]

# A compound-file header naming a WordDocument stream, and nothing a reader can use.
WORD_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le")


def compact(text: str) -> str:
    return re.sub(r"\s", "", text)


def temp_entries() -> set[str]:
    """The reader's temporary folders (casecheck-…); not the OCR cache of a test run, which
    another run on the machine may make at any time."""
    return {
        p.name
        for p in Path(tempfile.gettempdir()).iterdir()
        if p.name.startswith("casecheck") and not p.name.startswith("casecheck-test-cache-")
    }


@pytest.fixture(scope="module")
def made_doc(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A .doc saved by LibreOffice from a .docx of invented text."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("doc")
    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    document.save(folder / "决定书.docx")
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(folder),
            str(folder / "决定书.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (folder / "决定书.doc").read_bytes()


@needs_converter
@pytest.mark.corpus
def test_corpus_doc_files_match_their_reference_text(corpus_dir: Path) -> None:
    files = sorted((corpus_dir / "tax_chinatax").glob("*.doc"))
    if not files:
        pytest.skip("no .doc files in the corpus")
    for path in files:
        (doc,) = read_path(path).documents
        assert doc.errors == [], path.name
        assert doc.path == path.name
        found = compact(doc.text)
        expected = compact(path.with_suffix(".txt").read_text("utf-8"))
        ratio = difflib.SequenceMatcher(None, found, expected, autojunk=False).ratio()
        assert ratio >= 0.99, (path.name, ratio)
        number = re.search(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号", expected)
        assert number and number.group() in found, path.name


@pytest.mark.parametrize("route", ["msdoc2docx", "soffice"])
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_made_doc_is_read(
    made_doc: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, route: str, suffix: str
) -> None:
    if route == "msdoc2docx" and not HAS_MSDOC:
        pytest.skip("msdoc2docx is not installed")
    if route == "soffice":
        monkeypatch.setattr(legacy, "_with_msdoc2docx", lambda source, tmp: None)
    path = tmp_path / f"决定书{suffix}"
    path.write_bytes(made_doc)
    before = temp_entries()
    (doc,) = read_path(path).documents
    assert doc.errors == []
    assert doc.text.split("\n")[: len(LINES)] == LINES
    assert path.read_bytes() == made_doc
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    assert temp_entries() == before


@needs_soffice
def test_soffice_time_limit(made_doc: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(legacy, "_with_msdoc2docx", lambda source, tmp: None)
    monkeypatch.setattr(legacy, "SOFFICE_SECONDS", 0.01)
    path = tmp_path / "决定书.doc"
    path.write_bytes(made_doc)
    before = temp_entries()
    (doc,) = read_path(path).documents
    assert doc.errors == [LEGACY_FAILED]
    assert temp_entries() == before


@needs_converter
def test_broken_word_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "损坏.doc"
    path.write_bytes(WORD_HEADER + bytes(2048))
    (doc,) = read_path(path).documents
    assert doc.errors == [LEGACY_FAILED] and doc.text == ""


def test_without_converter_the_message_says_how(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(legacy, "available", lambda: False)
    path = tmp_path / "决定书.doc"
    path.write_bytes(WORD_HEADER + bytes(2048))
    (doc,) = read_path(path).documents
    assert doc.errors == [LEGACY_WORD.format(ext=".doc")]
    assert "另存为 .docx" in doc.errors[0]
