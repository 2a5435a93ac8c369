"""A whole case file scanned as one image-only PDF (tests/benchmarks/scanned_casefiles.py builds
it): the scan is split into the file's documents at the right pages, typed as the text version
is, its planted defects are still found, and it raises no veto that the text version does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck.ingest import ocr
from tests.benchmarks.scanned_casefiles import evaluate_case

CASE = "weijian-clinic"  # 11 documents, 11 pages: narrative documents and four table forms


@pytest.mark.slow
@pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")
def test_a_scanned_case_file_splits_types_and_vetoes_as_its_text(tmp_path: Path) -> None:
    row = evaluate_case(CASE, tmp_path)
    assert row.found == row.split_right == row.expected == 11, row.notes
    assert row.typed_right == row.expected, row.notes
    assert row.recall_scan == row.recall_text == (2, 2)
    assert not [f for f in row.extra_serious if f.startswith("veto")]
