"""Real-corpus regression: findings judged false in tests/benchmarks/results/
precision_judgements.yaml must not come back as veto. The judged documents (published
decisions and real documents of many departments under ../shared/corpus) are checked again;
a false veto still marked `open` (its owner's fix pending) is allowed, any other fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks.precision_audit import (
    CORPUS,
    audit,
    judged_cases,
    load_judgements,
)


def test_no_finding_judged_false_is_a_veto(tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    judgements = load_judgements()
    cases = judged_cases(tmp_path, judgements)
    assert cases, "the judgement file names no document of the corpus"
    rows, _ = audit(cases, judgements)
    false_vetoes = [
        r["key"]
        for r in rows
        if r["severity"] == "veto"
        and r["verdict"] is False
        and not judgements[r["key"]].get("open")
    ]
    assert false_vetoes == []
