"""The overview's timeline: the engine's statutory periods (measured with the rules,
parameters and working days, 2025's National Day 调休 included), drawn green or red and put
into words."""

from __future__ import annotations

import pytest

from casecheck.model import Document, Element, Finding, Report
from casecheck.periods import report_periods
from casecheck.timeline import build_timeline
from tests.gui.test_screenshot import colours_in
from ui.timeline_chart import (
    MET_COLOR,
    STATUS_COLORS,
    TimelineChart,
    status_of,
    timeline_steps,
    verdict,
)

# (document type, text, [(element kind, value as written, ISO date)])
CASE = [
    ("立案审批表", "立案审批表\n立案日期：2025年9月1日\n", [("filing_date", "2025年9月1日")]),
    ("行政处罚告知书", "行政处罚告知书\n松岚果蔬店：\n……\n2025年10月9日\n",
     [("notice_date", "2025年10月9日")]),
    ("送达回证", "送达回证\n送达文书名称：行政处罚告知书\n送达日期：2025年10月10日\n",
     [("service_date", "2025年10月10日")]),
    ("听证通知书", "听证通知书\n定于2025年10月27日上午九时举行听证。\n",
     [("hearing_date", "2025年10月27日")]),
    ("送达回证", "送达回证\n送达文书名称：听证通知书\n送达日期：2025年10月16日\n",
     [("service_date", "2025年10月16日")]),
    ("行政处罚决定书", "行政处罚决定书\n……\n2025年12月10日\n",
     [("decision_date", "2025年12月10日")]),
    ("送达回证", "送达回证\n送达文书名称：行政处罚决定书\n送达日期：2025年12月12日\n",
     [("service_date", "2025年12月12日")]),
]  # fmt: skip


def iso(written: str) -> str:
    year, rest = written.split("年")
    month, day = rest.rstrip("日").split("月")
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def timeline_report(case=CASE, findings=()) -> Report:
    documents, elements = [], []
    for number, (doc_type, text, found) in enumerate(case, 1):
        doc_id = f"D{number:02d}"
        documents.append(Document(doc_id, f"松岚案/{number:02d}{doc_type}.docx", text,
                                  doc_type=doc_type, type_confidence=0.9))  # fmt: skip
        for kind, written in found:
            start = text.index(written)
            elements.append(
                Element(doc_id, kind, written, iso(written), start, start + len(written))
            )
    report = Report(
        case_path="/案卷/松岚案",
        department="市场监管",
        documents=documents,
        elements=elements,
        timeline=build_timeline(elements),
        findings=list(findings),
    )
    report.periods = report_periods(report)  # as the engine measures them
    return report


def replaced(old: str, new: str):
    return [(t, text.replace(old, new), [(k, w.replace(old, new)) for k, w in found])
            for t, text, found in CASE]  # fmt: skip


def by_name(report: Report) -> dict[str, object]:
    return {p.name: p for p in report_periods(report)}


def test_periods_follow_the_rules_parameters_and_working_days():
    periods = by_name(timeline_report())
    rows = {
        name: (str(p.start), str(p.due), str(p.actual), status_of(p)) for name, p in periods.items()
    }
    assert rows == {
        # 10/11/2025 (a Saturday) was a working day: five working days end on 10/16, not 10/17.
        "陈述申辩期": ("2025-10-10", "2025-10-16", "2025-12-10", "met"),
        "听证通知期": ("2025-10-16", "2025-10-27", "2025-10-27", "met"),
        "办案期限": ("2025-09-01", "2025-11-30", "2025-12-10", "missed"),
        "送达期限": ("2025-12-10", "2025-12-19", "2025-12-12", "met"),
    }
    assert periods["办案期限"].description == "立案之日起90日内作出决定"
    assert periods["陈述申辩期"].description == "告知书送达后5个工作日内不得作出决定"


@pytest.mark.parametrize(
    ("old", "new", "name", "status"),
    [
        ("2025年10月27日", "2025年10月24日", "听证通知期", "missed"),  # one working day short
        ("2025年12月10日", "2025年10月15日", "陈述申辩期", "missed"),  # before the period ran out
        ("2025年12月12日", "2025年12月22日", "送达期限", "missed"),
        ("2025年12月10日", "2025年11月28日", "办案期限", "met"),
    ],
)
def test_a_moved_date_changes_the_verdict(old, new, name, status):
    assert status_of(by_name(timeline_report(replaced(old, new)))[name]) == status


def test_years_without_holiday_data_are_not_guessed():
    periods = by_name(timeline_report(replaced("2025年12月", "2027年1月")))
    assert status_of(periods["送达期限"]) == "unknown"
    assert verdict(periods["送达期限"]) == (
        "无法判断（缺少 2027 年的法定节假日安排数据，无法计算工作日）"
    )
    assert status_of(periods["办案期限"]) == "missed"  # calendar days need no holiday table


def test_a_missing_receipt_is_said_not_guessed():
    case = [entry for entry in CASE if "听证通知书\n送达日期" not in entry[1]]
    period = by_name(timeline_report(case))["听证通知期"]
    assert status_of(period) == "unknown"
    assert verdict(period) == "无法判断（卷内没有听证通知书的送达回证，无法核对通知期限）"


def test_an_engine_finding_is_named_on_its_period(qtbot):
    finding = Finding("TIME-001", "deadline.overdue", "立案后超过九十日作出决定且无延期审批",
                      "major", "超过九十日", document="D06", id="F001")  # fmt: skip
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.set_report(timeline_report(findings=[finding]))
    lines = [chart.period_line(p) for p in chart.periods]
    assert lines[2] == (
        "办案期限（立案之日起90日内作出决定）：不符合　期限届满 2025-11-30，实际 2025-12-10"
        "　（见问题 TIME-001）"
    )
    assert not any("见问题" in line for line in lines[:2] + lines[3:])
    assert chart.toolTip().split("\n") == lines


def test_steps_are_one_per_day_with_chinese_labels():
    steps = timeline_steps(timeline_report())
    assert [(str(day), label) for day, label in steps] == [
        ("2025-09-01", "立案"),
        ("2025-10-09", "告知"),
        ("2025-10-10", "送达"),
        ("2025-10-16", "送达"),
        ("2025-10-27", "听证"),
        ("2025-12-10", "行政处罚决定"),  # a decision is named by its document
        ("2025-12-12", "送达"),
    ]


def test_the_overview_draws_met_and_missed_periods(qtbot, window):
    window.load_report(timeline_report())
    window.tabs.setCurrentWidget(window.overview)
    chart = window.overview.timeline
    qtbot.waitUntil(chart.isVisible)
    image = window.grab().toImage()
    colours = colours_in(image, window, chart)
    assert MET_COLOR in colours
    assert STATUS_COLORS["missed"] in colours
    assert chart.height() >= chart.sizeHint().height()


def test_a_report_without_dates_shows_a_message(qtbot, window, report):
    window.load_report(report)  # the constructed case has elements but no timeline
    chart = window.overview.timeline
    assert chart.steps == [] and chart.periods == []
    assert chart.date_range() is None


def test_each_decision_is_named_by_its_document():
    from casecheck.labels import event_label

    assert event_label("decision", "查封扣押决定书") == "查封扣押决定"
    assert event_label("decision", "行政处罚决定书") == "行政处罚决定"
    assert event_label("decision", "其他材料") == "作出决定"
    assert event_label("filing", "立案审批表") == "立案"
