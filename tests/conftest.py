"""Shared fixtures. Tests that read ../shared (statutes, real decisions) skip when it is absent."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# OCR results are cached in a folder of the test run, never in the user's cache.
os.environ.setdefault("CASECHECK_CACHE_DIR", tempfile.mkdtemp(prefix="casecheck-test-cache-"))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "decisions"
    if not path.is_dir():
        pytest.skip("../shared/corpus/decisions is absent")
    return path


@pytest.fixture(scope="session")
def laws_dir(shared_dir: Path) -> Path:
    path = shared_dir / "laws"
    if not path.is_dir():
        pytest.skip("../shared/laws is absent")
    return path
