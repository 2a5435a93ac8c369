"""Thresholds and periods by department × region × date come from checklists/params."""

from __future__ import annotations

import datetime as dt

import pytest

from casecheck.rules.params import detect_department, lookup, param_table


@pytest.mark.parametrize(
    ("key", "department", "region", "on", "value"),
    [
        ("hearing_fine_threshold_organisation", "市场监管", "", dt.date(2025, 6, 1), 100000),
        ("hearing_fine_threshold_individual", "市场监管", "浙江", dt.date(2025, 6, 1), 10000),
        ("hearing_fine_threshold_organisation", "公安", "", dt.date(2025, 6, 1), 10000),
        ("hearing_fine_threshold_organisation", "生态环境", "", dt.date(2022, 6, 1), 50000),
        ("hearing_fine_threshold_organisation", "生态环境", "", dt.date(2024, 6, 1), 200000),
        ("hearing_fine_threshold_organisation", "", "山东", dt.date(2025, 6, 1), 10000),
        ("hearing_request_working_days", "", "", dt.date(2020, 6, 1), 3),
        ("hearing_request_working_days", "", "", dt.date(2021, 7, 15), 5),
        ("litigation_months", "", "", dt.date(2015, 4, 30), 3),
        ("litigation_months", "", "", dt.date(2015, 5, 1), 6),
    ],
)
def test_most_specific_value_in_force_wins(key, department, region, on, value):
    entry = lookup(key, department, region, on)
    assert entry is not None and entry.value == value


def test_no_value_when_nothing_applies():
    assert lookup("hearing_fine_threshold_organisation", "", "", dt.date(2025, 6, 1)) is None


def test_every_entry_names_its_source():
    assert all(p.source for p in param_table())


def test_unverified_values_are_flagged():
    unverified = {(p.key, p.department) for p in param_table() if not p.verified}
    assert ("hearing_fine_threshold_organisation", "生态环境") in unverified
    assert ("hearing_fine_threshold_organisation", "市场监管") not in unverified


@pytest.mark.parametrize(
    ("authority", "department"),
    [
        ("上海市浦东新区市场监督管理局", "市场监管"),
        ("国家税务总局安顺市税务局稽查局", "税务"),
        ("岳阳市生态环境局汨罗分局", "生态环境"),
        ("醴陵市应急管理局", "应急管理"),
        ("某某市教育局", ""),
    ],
)
def test_department_detected_from_authority(authority, department):
    assert detect_department([authority]) == department
