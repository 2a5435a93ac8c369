"""A long document is checked in time linear in its length (issue 17: 900,000 characters of an
ordinary decision took minutes): what the checks derive from a document is derived once, not
again for each citation, amount or finding in it. Tested by counting work, not by timing."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck import check_case
from casecheck.nlp.amounts import _squeeze
from casecheck.nlp.citations import _blank
from casecheck.nlp.numbers import find_amounts
from casecheck.rules import context

CASEFILE = Path(__file__).parent / "casefiles" / "chengguan-building" / "09行政处罚决定书.txt"


def test_dates_are_found_once_per_document_however_many_citations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [line for line in CASEFILE.read_text("utf-8").splitlines() if line.strip()]
    path = tmp_path / "行政处罚决定书.txt"
    path.write_text("\n".join(lines[:4] + lines[4:] * 30), encoding="utf-8")
    calls = []
    real = context.find_dates

    def counting(text: str):
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(context, "find_dates", counting)
    report = check_case(path)
    assert len(report.citations) >= 60
    assert any(c.status == "no_such_article" for c in report.citations)  # checked on dates
    assert len(calls) == 1


def test_a_figure_absorbed_by_an_amount_is_dropped_in_a_long_text() -> None:
    text = "罚款人民币伍仟元整（¥5000.00），" * 500
    amounts = find_amounts(text)
    assert len(amounts) == 500
    assert all(a.figure == 5000.0 and a.value == 5000.0 for a in amounts)


def test_blanking_and_squeezing_keep_offsets() -> None:
    assert _blank("甲乙丙丁戊", [(3, 5), (0, 2), (1, 3)]) == "\x00" * 5
    assert _blank("甲乙丙丁戊", [(1, 2)]) == "甲\x00丙丁戊"
    squeezed, origin = _squeeze("罚 款 一千元 警　告")
    assert squeezed == "罚款一千元警告"
    assert "".join("罚 款 一千元 警　告"[o] for o in origin) == squeezed
