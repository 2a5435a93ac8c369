"""Shared fixtures. Tests that read ../shared (statutes, real decisions) skip when it is absent."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # the engine is imported in fixtures only, once the environment below is set
    from casecheck.laws.registry import Registry

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# OCR results are cached in a folder of the test run, never in the user's cache; the folder
# goes when the run ends.
if "CASECHECK_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="casecheck-test-cache-")
    os.environ["CASECHECK_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

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


@pytest.fixture
def read_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are read in the test's own process, where the reader internals a test replaces
    apply (they are read in a child process otherwise: `casecheck.ingest.isolation`)."""
    from casecheck.ingest import isolation

    monkeypatch.setattr(isolation, "ENABLED", False)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    """The shipped registry with an empty user store."""
    from casecheck.laws.registry import load_registry

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CASECHECK_DATA_DIR", str(tmp_path_factory.mktemp("data")))
        load_registry.cache_clear()
        yield load_registry()
    load_registry.cache_clear()
