"""A 公安 治安 case file (tests/casefiles/gongan-assault) is read as police files are
written: the 受案登记表 opens the case, the 呈请报告书 approves, the 告知笔录 notifies, the
decision names its 违法行为人 on one long line, and a 2026 decision that keeps a 2012 article
number is caught."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casecheck import check_case
from casecheck.model import Report

CASE = Path(__file__).parent / "casefiles" / "gongan-assault"


@pytest.fixture(scope="module")
def report() -> Report:
    return check_case(CASE)


def _by_name(report: Report) -> dict[str, str]:
    return {Path(d.path).name: d.doc_type for d in report.documents}


def test_police_documents_are_typed_by_their_function(report: Report):
    types = _by_name(report)
    assert types["01受案登记表.txt"] == "立案审批表"
    assert types["06呈请行政处罚报告书.txt"] == "行政处罚决定审批表"
    assert types["07行政处罚告知笔录.txt"] == "行政处罚告知笔录"
    assert types["10被处罚人家属通知书.txt"] == "家属通知书"
    assert report.department == "公安"


def test_the_decision_names_its_party_and_the_day_of_the_act(report: Report):
    decision = next(d.id for d in report.documents if d.doc_type == "行政处罚决定书")
    found = {(e.kind, e.value) for e in report.elements if e.document == decision}
    assert ("party_name", "彭志强") in found
    assert ("violation_date", "2026年3月14日") in found
    relatives = {e.value for e in report.elements if e.kind == "party_name"}
    assert "向红" not in relatives


def test_a_2012_article_number_in_a_2026_decision_is_reported(tmp_path: Path):
    case = tmp_path / "case"
    shutil.copytree(CASE, case)
    decision = case / "08行政处罚决定书.txt"
    text = decision.read_text(encoding="utf-8")
    decision.write_text(text.replace("第五十一条第一款", "第四十三条第一款"), encoding="utf-8")
    serious = [f for f in check_case(case).findings if f.severity in ("major", "veto")]
    assert [f.rule_id for f in serious] == ["CITE-003"]
    assert "第51条" in serious[0].message
