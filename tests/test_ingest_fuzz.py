"""Property tests of the text normalisation and of the readers on mutated files, and the
inputs fuzzing once found (tests/fuzz/) read back as error documents."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casecheck.ingest import INTERNAL, ReadOptions, read_document, read_path
from casecheck.ingest.container import Entry
from casecheck.ingest.normalize import (
    clean_line,
    full_lines_by_width,
    normalize_text,
    split_lines,
)
from casecheck.ingest.sniff import decode_text, sniff
from casecheck.model import Document
from tests.benchmarks.fuzz_readers import SHAPES, _read_zip, problem, seeds

FUZZ_DIR = Path(__file__).parent / "fuzz"
CJK = re.compile(r"[\u4e00-\u9fff]")

# Characters that matter to the normaliser: Han, full-width and ASCII punctuation, digits,
# every kind of space and line end, zero-width and control characters.
TEXT = st.text(
    alphabet=st.sampled_from(
        list("当事人罚款伍万元整第条款项〇一二三")
        + list("，。：；（）《》〔〕、！？—…“”·０９")
        + list("abcXYZ059.,:;()-/ ")
        + ["\t", "\n", "\r", "\u3000", "\u00a0", "\u2002", "\u200b", "\ufeff", "\x07"]
    ),
    max_size=200,
)
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")


def visible(text: str) -> str:
    return re.sub(r"\s", "", INVISIBLE.sub("", text))


@given(TEXT)
def test_clean_line_is_idempotent_and_trimmed(text: str) -> None:
    line = text.replace("\r", "").replace("\n", "")
    cleaned = clean_line(line)
    assert clean_line(cleaned) == cleaned
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned and "\t" not in cleaned
    assert visible(cleaned) == visible(line)


@given(TEXT, st.sets(st.integers(min_value=0, max_value=40)))
def test_normalize_text_keeps_every_visible_character(text: str, full: set[int]) -> None:
    out = normalize_text(text, full)
    assert "\r" not in out
    assert visible(out) == visible(text)
    assert out.count("\n") <= len(split_lines(text)) - 1


@given(TEXT)
def test_normalize_text_is_idempotent_without_wraps(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.lists(TEXT.map(lambda t: t.replace("\n", "").replace("\r", "")), max_size=30))
def test_full_lines_are_indices_of_the_lines(lines: list[str]) -> None:
    assert full_lines_by_width(lines) <= set(range(len(lines)))


@given(st.binary(max_size=600))
def test_sniff_and_decode_take_any_bytes(data: bytes) -> None:
    kind = sniff(data)
    text = decode_text(data)
    if kind == "text":
        assert text is not None
    if text is not None:
        assert "\x00" not in text


@cache
def _seeds() -> dict[str, bytes]:
    return seeds()


def _mutated(name: str, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    data = bytearray(_seeds()[name])
    for position, value in edits:
        data[position % len(data)] = value
    if cut is not None:
        del data[cut % len(data) :]
    return bytes(data)


def _read(name: str, data: bytes) -> Document:
    return read_document(Entry(name, data, sniff(data)), ReadOptions(ocr=False))


EDITS = st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=12)


@pytest.mark.parametrize("name", ["seed.docx", "seed.pdf", "seed.txt", "seed.zip"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=EDITS, cut=st.none() | st.integers(min_value=1))
def test_readers_survive_mutated_files(name: str, edits, cut) -> None:
    document = _read(name, _mutated(name, edits, cut))
    assert isinstance(document, Document)
    assert problem(document) is None
    assert all(CJK.search(error) for error in document.errors)


# Shapes whose inputs are large (hundreds of thousands of paragraphs or drawing operators).
_SLOW_SHAPES = {"shape_docx_parts", "shape_pdf_streams"}
SHAPED = [
    pytest.param(
        suffix,
        shape,
        id=shape.__name__,
        marks=[pytest.mark.slow] if shape.__name__ in _SLOW_SHAPES else [],
    )
    for suffix, shapes in SHAPES.items()
    for shape in shapes
]


@pytest.mark.parametrize(("suffix", "shape"), SHAPED)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_readers_survive_hostile_shapes(suffix: str, shape, seed: int) -> None:
    """Table spans and merges, oversized and repeated parts, PDF page boxes and streams, odd
    member names: a document or a Chinese error."""
    import random

    data = shape(_seeds()[f"seed{suffix}"], random.Random(seed))
    # (their time is bounded by the readers' limits and the reading child: test_read_isolation)
    documents = (
        _read_zip(data, ReadOptions(ocr=False)) if suffix == ".zip" else [_read(suffix, data)]
    )
    for document in documents:
        assert problem(document) is None
        assert all(CJK.search(error) for error in document.errors)


def test_unmutated_seeds_read_cleanly() -> None:
    for name in ("seed.docx", "seed.pdf", "seed.txt"):
        document = _read(name, _seeds()[name])
        assert document.errors == [] and "青示市监罚〔2026〕12号" in document.text, name


REGRESSIONS = sorted(p for p in FUZZ_DIR.iterdir() if p.suffix != ".md")


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_inputs_fuzzing_found_become_error_documents(path: Path) -> None:
    documents = read_path(path, ReadOptions(ocr=False)).documents
    assert documents
    for document in documents:
        assert document.errors and not document.errors[0].startswith(INTERNAL.split("（")[0])
        assert CJK.search(document.errors[0])
