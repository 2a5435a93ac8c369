"""Scoring against the shipped 评查标准 on generated cases with seeded defects, and the scoring
arithmetic (caps, floor at zero, ranged deductions, veto) on hand-made reports."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from casecheck import check_case
from casecheck.classify import load_catalog
from casecheck.model import DEFECT_CLASSES, Charge, Document, Finding, Report
from casecheck.rules.pack import shipped_and_user_rules
from casecheck.samples import generate_case
from casecheck.scoring import StandardError, assess, available_standards, load_standard, score

STANDARDS = ("generic", "henan", "beijing")


@cache
def _checked(defects: tuple[str, ...], root: Path) -> Report:
    case = generate_case(root / "-".join(defects or ("clean",)), defects=defects, seed=11)
    return check_case(case.path)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    root = tmp_path_factory.mktemp("scoring")
    return lambda *defects: _checked(tuple(defects), root)


def test_shipped_standards_load_and_name_only_known_rules():
    assert set(STANDARDS) <= set(available_standards())
    rule_ids = {r.id for r in shipped_and_user_rules()}
    doc_type_names = {t.name for t in load_catalog().types}
    for name in STANDARDS:
        std = load_standard(name)
        assert sum(i.points for i in std.items) == std.total == 100
        assert not std.verified and not std.bands_verified  # the numbers are UNVERIFIED
        criteria = [c for i in (*std.veto_items, *std.items) for c in i.criteria]
        named = {r for c in criteria for r in c.rules}
        assert named <= rule_ids, named - rule_ids
        doc_types = {t for c in criteria for t in c.doc_types}
        assert doc_types <= doc_type_names, doc_types - doc_type_names


def test_generic_standard_places_every_defect_class():
    std = load_standard("generic")
    listed = {k for i in std.items for c in i.criteria for k in c.classes}
    assert listed == set(DEFECT_CLASSES)


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("defect", ["no_seal", "fine_over_range", "missing_document"])
def test_veto_defect_fails_the_file_under_every_standard(checked, defect, standard):
    report = checked(defect)
    result = score(report, standard)
    assert result.vetoed and result.score == 0 and result.grade == "不合格"
    vetoed = [f for f in report.findings if f.id in result.veto_findings]
    assert vetoed and all(f.severity == "veto" for f in vetoed)


# (defect, standard, rule, item, points per finding, ranged)
MAJOR = [
    ("late_service", "generic", "TIME-002", "G10", 5, None),
    ("late_service", "henan", "TIME-002", "一般-程序", 5, None),
    ("late_service", "beijing", "TIME-002", "送达回证", 10, None),  # 北京细则第32项：超时限10分
    ("order_as_penalty", "beijing", "DEC-002", "决定书", 5, None),  # 第30项：非处罚种类5分
    ("wrong_remedy_period", "generic", "REM-001", "G08", 2, None),
    ("short_hearing_notice", "generic", "HEAR-003", "G05", 1, (1, 5)),
    ("short_hearing_notice", "henan", "HEAR-003", "一般-程序", 3, None),
    ("old_article_numbering", "generic", "CITE-003", "G07", 2, None),
    ("old_article_numbering", "beijing", "CITE-003", "告知书", 2, None),
]


@pytest.mark.parametrize(("defect", "standard", "rule", "item", "points", "ranged"), MAJOR)
def test_major_defect_deducts_per_standard(checked, defect, standard, rule, item, points, ranged):
    report = checked(defect)
    assessment = assess(report, standard)
    hits = [f for f in report.findings if f.rule_id == rule]
    assert hits and all(assessment.score.charges[f.id] == Charge(item, points) for f in hits)
    assert not assessment.score.vetoed
    cap = next(i.points for i in assessment.standard.items if i.id == item)
    assert assessment.score.score == 100 - min(cap, points * len(hits))
    assert [d.ranged for d in assessment.ranged] == ([ranged] * len(hits) if ranged else [])
    assert assessment.triage == ("需人工复核" if ranged else "合格")


def test_old_numbering_is_a_veto_under_the_henan_basic_standard(checked):
    result = score(checked("old_article_numbering"), "henan")
    assert result.vetoed and result.score == 0


def test_clean_case_scores_full_marks(checked):
    report = checked()
    result = score(report, "generic")
    assert (result.score, result.grade, result.vetoed) == (100, "优秀", False)


def test_rescoring_is_stable(checked):
    report = checked("late_service")
    first = score(report, "beijing")
    assert score(report, "generic").score == 95
    assert score(report, "beijing") == first


# Arithmetic on hand-made reports and a small custom standard.
CUSTOM = {
    "name": "test",
    "total": 20,
    "veto": {"items": [{"id": "V", "content": "否决", "criteria": [{"rules": ["X-VETO"]}]}]},
    "grades": {"bands": [{"grade": "好", "min": 15}, {"grade": "差", "min": 0}]},
    "items": [
        {"id": "A", "content": "甲", "points": 8, "criteria": [{"rules": ["X-A"]}]},
        {
            "id": "B",
            "content": "乙",
            "points": 12,
            "criteria": [{"rules": ["X-B"], "deduction": [2, 6]}, {"rules": ["X-C"]}],
        },
    ],
}


def _report(*rules_and_points: tuple[str, float]) -> Report:
    doc = Document(id="D01", path="a.docx", text="x", doc_type="行政处罚决定书")
    findings = [
        Finding(rule, "format.nonstandard", rule, "minor", "m", deduction=pts, id=f"F{n}")
        for n, (rule, pts) in enumerate(rules_and_points)
    ]
    return Report(case_path="case", documents=[doc], findings=findings)


@pytest.fixture
def custom(tmp_path) -> str:
    def write(**changes) -> str:
        data = {**CUSTOM, **changes}
        path = tmp_path / f"std{len(list(tmp_path.iterdir()))}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return str(path)

    return write


# (findings as (rule, rule deduction), expected score, grade)
ARITHMETIC = [
    ([], 20, "好"),
    ([("X-A", 3)], 17, "好"),
    ([("X-A", 5), ("X-A", 5)], 12, "差"),  # item A capped at its 8 points
    ([("X-A", 50), ("X-C", 50)], 0, "差"),  # both items exhausted, never below zero
    ([("X-B", 9)], 18, "好"),  # ranged [2, 6]: the minimum, whatever the rule says
    ([("X-OTHER", 9)], 20, "好"),  # not listed in the standard: no deduction
]


@pytest.mark.parametrize(("findings", "expected", "grade"), ARITHMETIC)
def test_deductions_are_capped_and_floored(custom, findings, expected, grade):
    report = _report(*findings)
    assessment = assess(report, custom())
    assert (assessment.score.score, assessment.score.grade) == (expected, grade)
    assert all(0 <= r.lost <= r.item.points for r in assessment.items)


def test_ranged_deduction_is_flagged_and_unlisted_finding_has_no_item(custom):
    report = _report(("X-B", 9), ("X-OTHER", 1))
    assessment = assess(report, custom())
    assert [(d.finding.id, d.points, d.ranged) for d in assessment.ranged] == [("F0", 2, (2, 6))]
    assert assessment.score.charges["F1"] == Charge(None, 0.0)
    assert assessment.triage == "需人工复核"


def test_an_unsure_finding_never_vetoes(custom):
    report = _report(("X-VETO", 0))
    report.findings[0].confidence = "review"
    assessment = assess(report, custom())
    assert not assessment.score.vetoed and assessment.score.grade == "好"


def test_scoring_does_not_change_the_report(custom):
    report = _report(("X-B", 9), ("X-VETO", 0))
    before = [f.to_json() for f in report.findings], report.score
    assess(report, custom())
    assert ([f.to_json() for f in report.findings], report.score) == before


def test_veto_score_and_cap_are_parameters(custom):
    report = _report(("X-A", 3), ("X-VETO", 0))
    zero = assess(report, custom())
    assert (zero.score.score, zero.score.grade, zero.score.veto_findings) == (0, "不合格", ["F1"])
    capped = assess(report, custom(veto={**CUSTOM["veto"], "score": None, "cap": 10}))
    assert capped.score.vetoed and capped.score.score == 10


def test_bad_standards_get_chinese_errors(custom):
    with pytest.raises(StandardError, match="未知的评查标准"):
        load_standard("no-such-standard")
    with pytest.raises(StandardError, match="分值之和"):
        load_standard(custom(total=30))
    bad = [{"id": "A", "content": "甲", "points": 20, "criteria": [{"classes": ["no.such"]}]}]
    with pytest.raises(StandardError, match=r"no\.such"):
        load_standard(custom(items=bad))
