"""Review state beside the report, and 整改跟踪 on a corrected generated case."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import openpyxl
import pytest

from casecheck import batch_cli, check_case
from casecheck.batch import load_report, write_report_json
from casecheck.review import (
    ReviewError,
    carry_over,
    decide,
    load_review,
    review_path,
    save_review,
    track,
    without_rejected,
)
from casecheck.samples import generate_case
from casecheck.scoring import assess, score

SEED = 31


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    """The case as first filed, and as corrected: the remedy period fixed, the late service not,
    and a new defect introduced."""
    root = tmp_path_factory.mktemp("review")
    before = generate_case(root / "before", ["wrong_remedy_period", "late_service"], seed=SEED)
    after = generate_case(root / "after", ["late_service", "order_as_penalty"], seed=SEED)
    return before.path, after.path


@pytest.fixture
def report_json(cases, tmp_path) -> Path:
    report = check_case(cases[0])
    score(report, "generic")
    path = tmp_path / "out" / "before.json"
    write_report_json(report, path)
    return path


def _rule_of(report, rule_id: str):
    return next(f for f in report.findings if f.rule_id == rule_id)


def test_decisions_are_stored_beside_the_report(report_json, cases):
    report = load_report(report_json)
    state = load_review(report_json)
    late = _rule_of(report, "TIME-002")
    decide(state, report, late.id, "rejected", "送达日期系笔误，原件为按期送达")
    remedy = _rule_of(report, "REM-001")
    decide(state, report, remedy.id, "accepted")
    decide(state, report, remedy.id, "noted", "已通知承办人")  # a note keeps the status
    saved = save_review(report_json, report, state)
    assert saved == review_path(report_json) == report_json.with_name("before.review.json")
    assert not any(p.name.endswith(".review.json") for p in cases[0].rglob("*"))
    again = load_review(report_json)
    assert again.decision(late.id).status == "rejected"
    assert (again.decision(remedy.id).status, again.decision(remedy.id).note) == (
        "accepted",
        "已通知承办人",
    )


def test_rejected_findings_do_not_cost_points(report_json):
    report = load_report(report_json)
    state = load_review(report_json)
    decide(state, report, _rule_of(report, "TIME-002").id, "rejected")
    assert assess(report).score.score == 100 - 2 - 5
    assert assess(without_rejected(report, state)).score.score == 100 - 2


def test_unknown_finding_and_review_inside_the_case_are_refused(report_json, cases, tmp_path):
    report = load_report(report_json)
    with pytest.raises(ReviewError, match="没有问题 F999"):
        decide(load_review(report_json), report, "F999", "accepted")
    inside = cases[0] / "report.json"
    with pytest.raises(ReviewError, match="不能写入案卷文件夹"):
        save_review(inside, report, load_review(inside))
    assert not review_path(inside).exists()


def test_tracking_a_corrected_case(cases, report_json):
    old = load_report(report_json)
    new = check_case(cases[1])
    tracking = track(old, new)
    assert [f.rule_id for f in tracking.fixed] == ["REM-001"]
    assert [(o.rule_id, n.rule_id) for o, n in tracking.remaining] == [("TIME-002", "TIME-002")]
    assert [f.rule_id for f in tracking.new] == ["DEC-002"]

    state = load_review(report_json)
    decide(state, old, _rule_of(old, "TIME-002").id, "rejected", "笔误")
    decide(state, old, _rule_of(old, "REM-001").id, "accepted")
    moved = carry_over(state, tracking, stamp="2026-03-01T10:00:00")
    assert [(d.finding_id, d.status, d.note) for d in moved.decisions] == [
        (_rule_of(new, "TIME-002").id, "rejected", "笔误")
    ]
    assert moved.history == [
        {
            "at": "2026-03-01T10:00:00",
            "fixed": ["REM-001 救济期限告知错误"],
            "remaining": [f"{_rule_of(new, 'TIME-002').id} TIME-002 决定书未在七个工作日内送达"],
            "new": [f"{_rule_of(new, 'DEC-002').id} DEC-002 将责令改正列为处罚种类"],
        }
    ]


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    batch_cli.add_parser(parser.add_subparsers(required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_review_command_records_and_tracks(report_json, cases, capsys):
    report = load_report(report_json)
    late = _rule_of(report, "TIME-002").id
    assert _cli("review", str(report_json), "reject", late, "--note", "笔误") == 0
    assert _cli("review", str(report_json), "accept", "F999") == 2
    before = report_json.read_bytes()
    assert _cli("review", str(report_json), "track", "--case", str(cases[1])) == 0
    out = capsys.readouterr().out
    assert "已整改 1 项，仍存在 1 项，新发现 1 项" in out
    current = load_report(report_json)
    assert {f.rule_id for f in current.findings} == {"TIME-002", "DEC-002"}
    assert report_json.with_name("before.previous.json").read_bytes() == before
    review = json.loads(review_path(report_json).read_text(encoding="utf-8"))
    assert [d["rule_id"] for d in review["decisions"]] == ["TIME-002"]
    assert review["decisions"][0]["finding_id"] == _rule_of(current, "TIME-002").id


def test_export_from_a_reviewed_report(report_json, tmp_path):
    report = load_report(report_json)
    assert _cli("review", str(report_json), "reject", _rule_of(report, "TIME-002").id) == 0
    out = tmp_path / "评查表.xlsx"
    assert _cli("export", str(report_json), "--xlsx", str(out)) == 0
    sheet = openpyxl.load_workbook(out).active
    assert "得分：98 / 100" in sheet["A3"].value  # the rejected finding costs nothing
    assert _cli("export", str(report_json)) == 2
