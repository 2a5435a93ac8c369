"""The statutory periods the engine measures on a case (casecheck.timeline.statutory_periods):
generated cases read end to end, judged against the dates the generator planned, and a case
dated in a year without holiday data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casecheck import check_case
from casecheck.engine import CheckOptions, build_context
from casecheck.model import CaseFile, Document, StatutoryPeriod
from casecheck.periods import report_periods, statutory_periods
from casecheck.rules.pack import shipped_and_user_rules
from casecheck.samples import generate_case
from casecheck.samples.facts import make_facts
from casecheck.workdays import add_working_days

NAMES = ["陈述申辩期", "听证通知期", "办案期限", "送达期限"]
RULE_OF = {rule.id: rule for rule in shipped_and_user_rules()}


def periods_of(tmp_path: Path, defects: list[str], seed: int) -> dict[str, StatutoryPeriod]:
    report = check_case(generate_case(tmp_path / "case", defects=defects, seed=seed).path)
    periods = report_periods(report)
    assert [p.name for p in periods] == NAMES
    return {p.name: p for p in periods}


def planned(defects: list[str], seed: int):
    return make_facts(seed, frozenset(defects)).timeline


@pytest.mark.parametrize("seed", [0, 5])
def test_a_clean_case_meets_all_four_periods_on_the_planned_dates(tmp_path, seed):
    periods = periods_of(tmp_path, [], seed)
    plan = planned([], seed)
    rows = {name: (p.start, p.actual, p.met, p.reason) for name, p in periods.items()}
    assert rows == {
        "陈述申辩期": (plan.notice_served, plan.decision, True, ""),
        "听证通知期": (plan.hearing_notice, plan.hearing, True, ""),
        "办案期限": (plan.filing, plan.decision, True, ""),
        "送达期限": (plan.decision, plan.decision_served, True, ""),
    }
    assert periods["办案期限"].due == plan.filing + dt.timedelta(days=90)
    assert periods["送达期限"].due == add_working_days(plan.decision, 7)
    assert periods["听证通知期"].due == add_working_days(plan.hearing_notice, 7)
    assert periods["陈述申辩期"].due == add_working_days(plan.notice_served, 5)
    assert periods["办案期限"].rule_id == "TIME-001"
    assert periods["办案期限"].description == "立案之日起90日内作出决定"


@pytest.mark.parametrize(
    ("defect", "name", "start", "actual"),
    [
        ("late_service", "送达期限", "decision", "decision_served"),
        ("short_hearing_notice", "听证通知期", "hearing_notice", "hearing"),
        ("decision_before_waiting_period", "陈述申辩期", "notice_served", "decision"),
        ("decision_overdue", "办案期限", "filing", "decision"),
    ],
)
def test_a_seeded_defect_breaks_its_period_and_only_it(tmp_path, defect, name, start, actual):
    periods = periods_of(tmp_path, [defect], seed=2)
    plan = planned([defect], seed=2)
    period = periods[name]
    assert (period.start, period.actual, period.met) == (
        getattr(plan, start),
        getattr(plan, actual),
        False,
    )
    assert period.due is not None and period.reason == ""
    others = {n: p.met for n, p in periods.items() if n != name}
    if defect == "decision_before_waiting_period":  # the generator then holds no hearing
        assert others.pop("听证通知期") is None
        assert periods["听证通知期"].reason == "卷内没有听证通知书"
    assert all(others.values()), others


def test_the_periods_agree_with_the_rules_findings(tmp_path):
    report = check_case(generate_case(tmp_path / "case", defects=["late_service"], seed=4).path)
    flagged = {f.rule_id for f in report.findings}
    for period in report_periods(report):
        assert (period.rule_id in flagged) == (period.met is False), period


# A hand-made case dated 2027, beyond the holiday tables: (document type, text).
CASE_2027 = [
    ("立案审批表", "立案审批表\n案由：涉嫌销售过期食品\n立案日期：2027年1月4日\n"),
    ("行政处罚告知书", "行政处罚告知书\n青禾便利店：\n本局拟对你作出罚款的行政处罚。\n"
     "某区市场监督管理局\n2027年2月1日\n"),
    ("送达回证", "送达回证\n送达文书名称：行政处罚告知书\n受送达人：青禾便利店\n"
     "送达日期：2027年2月2日\n"),
    ("行政处罚决定书", "行政处罚决定书\n当事人：青禾便利店\n某区市场监督管理局\n2027年5月20日\n"),
]  # fmt: skip


def context_2027():
    documents = [
        Document(f"D{n:02d}", f"{n:02d}{kind}.txt", text, doc_type=kind, type_confidence=1.0)
        for n, (kind, text) in enumerate(CASE_2027, 1)
    ]
    return build_context(CaseFile("/案卷/青禾案", documents), CheckOptions(department="市场监管"))


def test_a_year_without_holiday_data_is_not_judged_and_says_why():
    periods = {p.name: p for p in statutory_periods(context_2027())}
    waiting = periods["陈述申辩期"]
    assert (waiting.start, waiting.due, waiting.actual, waiting.met) == (
        dt.date(2027, 2, 2),
        None,
        dt.date(2027, 5, 20),
        None,
    )
    assert waiting.reason == "缺少 2027 年的法定节假日安排数据，无法计算工作日"
    assert periods["听证通知期"].met is None
    assert periods["听证通知期"].reason == "卷内没有听证通知书"
    # Calendar days need no holiday table: 1/4 + 90 days = 4/4, the decision came on 5/20.
    overdue = periods["办案期限"]
    assert (overdue.due, overdue.met, overdue.reason) == (dt.date(2027, 4, 4), False, "")
    # Without a receipt the period could not be judged in any year: that is the reason given.
    service = periods["送达期限"]
    assert (service.start, service.due, service.met) == (dt.date(2027, 5, 20), None, None)
    assert service.reason == "卷内没有决定书的送达回证，无法核对送达期限"


def test_only_the_periods_of_the_given_rules_are_measured():
    rules = [RULE_OF["TIME-001"], RULE_OF["TIME-003"]]
    assert [p.name for p in statutory_periods(context_2027(), rules)] == ["陈述申辩期", "办案期限"]
