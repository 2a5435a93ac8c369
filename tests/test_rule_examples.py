"""Every shipped rule runs on its own examples: bad ones must fire at the stated span, good ones
must not fire. A rule that never fires on its own bad example fails the build."""

from __future__ import annotations

import pytest

from casecheck.rule_examples import problems_with_bad, run_example
from casecheck.rules.pack import RulePackError, load_rules, parse_rule
from casecheck.rules.registry import get_check

RULES = load_rules()


def _cases(kind: str):
    for rule in RULES:
        for n, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule, example, id=f"{rule.id}-{kind}{n}")


def test_every_rule_has_a_bad_and_a_good_example():
    lacking = [r.id for r in RULES if not r.bad or not r.good]
    assert lacking == []


def test_every_rule_names_a_registered_check():
    for rule in RULES:
        get_check(rule.check)


def test_rule_ids_are_unique_across_packs():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("rule", "example"), list(_cases("bad")))
def test_bad_example_fires_at_its_span(rule, example):
    assert problems_with_bad(rule, example) is None


@pytest.mark.parametrize(("rule", "example"), list(_cases("good")))
def test_good_example_does_not_fire(rule, example):
    result = run_example(rule, example)
    assert result.hits == [], f"{rule.id} fired on its good example: {result.hits}"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (
            {
                "id": "X-1",
                "class": "made.up",
                "title": "t",
                "category": "程序",
                "severity": "major",
                "check": "c",
                "message": "m",
            },
            "未知的问题类别",
        ),
        (
            {
                "id": "X-2",
                "class": "hearing.deadline",
                "title": "t",
                "category": "程序",
                "severity": "fatal",
                "check": "c",
                "message": "m",
            },
            "未知的严重程度",
        ),
        (
            {
                "id": "X-3",
                "class": "hearing.deadline",
                "title": "t",
                "category": "程序",
                "severity": "major",
                "check": "c",
            },
            "缺少字段 message",
        ),
    ],
)
def test_malformed_rules_are_rejected_with_a_chinese_reason(raw, problem):
    with pytest.raises(RulePackError, match=problem):
        parse_rule(raw, "test.yaml")
