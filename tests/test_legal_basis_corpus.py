"""Acceptance of the legal-basis, penalty and remedy rules on the real decisions of
../shared/corpus/decisions (skipped when absent): the laws they cite resolve in the registry,
the genuine defects are found, and nothing else is raised."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from casecheck.engine import check_case
from casecheck.laws.registry import load_registry, normalize_name
from casecheck.laws.validate import validate_citation, written_name
from casecheck.model import Citation, Report
from casecheck.nlp.dates import find_dates

FOLDERS = ("yunli45_scraped_2015-2018", "tax_chinatax", "pages_excerpts")
FAMILIES = ("CITE-", "PEN-", "REM-")
NATIONAL_LEVELS = ("法律", "行政法规")
QINGTIAN = "pages_excerpts/生态_青田_丽环青罚2021-4号__PARTIAL.txt"


@pytest.fixture(scope="module")
def reports(corpus_dir: Path) -> dict[str, Report]:
    files = sorted(f for folder in FOLDERS for f in (corpus_dir / folder).glob("*.txt"))
    assert len(files) > 70  # 59 scraped decisions, 16 tax decisions, 8 page excerpts
    return {f.relative_to(corpus_dir).as_posix(): check_case(f) for f in files}


def _cited_name(c: Citation) -> str:
    return written_name(c) or c.law


def _national(name: str) -> bool | None:
    """True for a law or administrative regulation of the registry; for a name the registry
    does not know, whether it looks like one (…法, or 中华人民共和国…条例)."""
    law = load_registry().resolve_name(name)
    if law is not None:
        return law.level in NATIONAL_LEVELS
    key = normalize_name(name)
    return bool(re.search(r"(?<![办方])法$", key)) or (
        name.startswith("中华人民共和国") and key.endswith("条例")
    )


def test_cited_national_laws_resolve(reports: dict[str, Report]) -> None:
    """Every 法律 and 行政法规 the decisions cite, by the name they write, is in the registry,
    except 《中华人民共和国征收管理法》 (for the 税收征收管理法): a defect, not a variant."""
    registry = load_registry()
    resolved, unresolved = 0, []
    for path, report in reports.items():
        for c in report.citations:
            name = _cited_name(c)
            if not _national(name):
                continue
            if registry.resolve_name(name):
                resolved += 1
            else:
                unresolved.append((path, name, c.status))
    assert unresolved == [
        ("yunli45_scraped_2015-2018/3财政__2341702.txt", "中华人民共和国征收管理法", "unknown_law")
    ]
    assert resolved / (resolved + len(unresolved)) > 0.99
    assert resolved > 450  # about 500 national-law citations in all


_LITIGATION = re.compile(r"(三|3|叁)个月内?[^。；]{0,30}(起诉|诉讼)")


def _three_months(text: str) -> tuple[str, dt.date] | None:
    """A litigation period of three months and the latest date the text states (the decision
    is dated last), read straight from the text."""
    m = _LITIGATION.search(text)
    dates = [d.date for d in find_dates(text)]
    return (m.group(0)[: m.group(0).index("月") + 1], max(dates)) if m and dates else None


def test_three_months_for_litigation_after_2015_05_01(
    corpus_dir: Path, reports: dict[str, Report]
) -> None:
    """行政诉讼法 (2014修正, in force 2015-05-01) gives six months; the decisions dated after that
    which still say three months are found, and those dated before are left alone."""
    after, before = [], []
    for path in reports:
        found = _three_months((corpus_dir / path).read_text(encoding="utf-8"))
        if found:
            (after if found[1] >= dt.date(2015, 5, 1) else before).append((path, found[0]))
    assert sorted(p for p, _ in after) == [
        "yunli45_scraped_2015-2018/人力资源劳动监察__791989.txt",  # 2015-06-29
        "yunli45_scraped_2015-2018/旅游风景区管理__207480.txt",  # 2017-06-26
        "yunli45_scraped_2015-2018/民政__1606701.txt",  # 2016-02-16
    ]
    assert len(before) >= 10  # 2010–2015 decisions, rightly three months
    for path, period in after:
        quotes = [f.quote for f in reports[path].findings if f.rule_id == "REM-001"]
        assert period in quotes and period in ("三个月", "3个月"), path
    for path, period in before:
        assert not any(
            f.rule_id == "REM-001" and f.quote == period for f in reports[path].findings
        ), path


def test_qingtian_surcharge_cites_the_numbering_in_force(reports: dict[str, Report]) -> None:
    """The 2021 decision cites 《行政处罚法》第五十一条 for the 3% daily surcharge: the 1996–2017
    numbering (第七十二条 from 2021-07-15). The excerpt has no decision date; its latest date is
    the notice served on 2021-05-10, and the decision followed the notice (the party let the
    hearing period pass). The page was published on 2021-06-23 (PROVENANCE.md), so it was made
    before 2021-07-15 and 第五十一条 was still the right article: no finding."""
    report = reports[QINGTIAN]
    assert not [e for e in report.elements if e.kind == "decision_date"]
    assert max(e.date for e in report.timeline) == dt.date(2021, 5, 10)
    (surcharge,) = [
        c
        for c in report.citations
        if c.law == "中华人民共和国行政处罚法" and c.article == 51 and c.item == 1
    ]
    assert (surcharge.status, surcharge.version) == ("valid", "2017-09-01")
    assert not [f for f in report.findings if f.rule_id == "CITE-003"]
    # The same words in a decision made after 2021-07-15 would be the old numbering.
    context = (
        "逾期不缴纳罚款的，我局将依据《中华人民共和国行政处罚法》第五十一条第一项规定，"
        "每日按罚款数额的百分之三加处罚款"
    )
    later = validate_citation(surcharge, dt.date(2021, 8, 2), context)
    assert later.status == "outdated_numbering"


# Every legal-basis, penalty and remedy finding on the corpus: (file, rule, quote).
Y = "yunli45_scraped_2015-2018/"
T = "tax_chinatax/"
P = "pages_excerpts/"
BEIHAI = T + "税务处理决定书_北市税稽处[2026]16号.txt"
PANJIN = P + "生态_盘锦_盘环罚决2021-138号__COMPLETE.txt"
URBAN_TAX = "《中华人民共和国城市维护建设税暂行条例》"
EXPECTED = {
    # Genuine defects.
    (Y + "3财政__2341702.txt", "CITE-001", "《中华人民共和国征收管理法》第六十三条第一款"),
    # 1998 numbering after the 2016 revision (the article quoted is 第三十条 now).
    (Y + "民政__84506.txt", "CITE-002", "《社会团体登记管理条例》第三十三条第一款第三项"),
    # tax period 2025-08 only: the 暂行条例 was repealed on 2021-09-01 by the 城市维护建设税法.
    # One defect (the repealed regulation), cited in three articles: one finding, three places.
    (BEIHAI, "CITE-004", URBAN_TAX + "（国发〔1985〕19号）第二条"),
    (Y + "人力资源劳动监察__791989.txt", "REM-001", "3个月"),
    (Y + "旅游风景区管理__207480.txt", "REM-001", "三个月"),
    (Y + "民政__1606701.txt", "REM-001", "三个月"),
    # 十五日 to sue directly, without reconsideration (2012 and 2017).
    (Y + "西藏__3942.txt", "REM-001", "15日"),
    (Y + "质量技术监督__622647.txt", "REM-001", "15日"),
    # The reconsideration period is written "60内": a number without its unit.
    (
        Y + "水利水电水务__1689542.txt",
        "REM-007",
        "可以在收到本处罚决定书之日起60内向温岭市人民政府或台州市水利局申请行政复议",
    ),
    # The notice names no court for the action (六个月内依法提起行政诉讼).
    (Y + "广西行政处罚案例数据8.31__10151444.txt", "REM-008", "六个月内依法提起行政诉讼"),
    # 环境影响评价法第三十一条 imposes penalties in two 款; the decision names none.
    (PANJIN, "CITE-007", "《中华人民共和国环境影响评价法》第三十一条"),
    # The published decision (complete) has no remedy notice.
    (PANJIN, "REM-002", ""),
    # The excerpts stop mid-sentence: what they lack is reported as not checked, not found.
}


def test_legal_basis_findings_on_the_corpus(reports: dict[str, Report]) -> None:
    """The genuine defects are found and nothing else: no 15-day period after a reconsideration
    decision, no 暂行条例 cited for the tax periods before the law replaced it, no article of an
    old text the registry does not hold, no mitigation article taken for the penalty basis."""
    found = {
        (path, f.rule_id, f.quote)
        for path, report in reports.items()
        for f in report.findings
        if f.rule_id.startswith(FAMILIES)
    }
    assert found - EXPECTED == set(), "unexpected findings"
    assert EXPECTED - found == set(), "defects not found"


def test_a_fine_counted_per_unit_is_left_to_the_reviewer(reports: dict[str, Report]) -> None:
    """81,000 yuan (500 per unsold flat) against a cited maximum of 5,000: per-unit counting
    that no cited provision states. Whether each flat is a violation of its own is for a
    reviewer to judge; the tool says it did not compare, it does not veto."""
    report = reports[Y + "物价__1465606.txt"]
    assert not [f for f in report.findings if f.rule_id == "PEN-002"]
    assert any("PEN-002" in n.check and "计量单位" in n.reason for n in report.not_checked)


def test_successor_named_for_a_repealed_regulation(reports: dict[str, Report]) -> None:
    (finding,) = [f for f in reports[BEIHAI].findings if f.rule_id == "CITE-004"]
    assert "2021年9月1日废止，由《中华人民共和国城市维护建设税法》取代" in finding.message
    assert [loc.quote for loc in finding.locations][1:] == ["第三条", "第四条"]
