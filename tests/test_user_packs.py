"""A user's rule packs are untrusted input (issue 17): a broken pack is reported in Chinese and
skipped while the rest of the check runs; regular expressions that backtrack without bound are
refused, and a user rule that runs too long is stopped."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from casecheck.engine import CheckOptions, check_case
from casecheck.rules import pack, registry, runner
from casecheck.rules.user_packs import problems_of, regex_problem

GOOD_RULE = {
    "id": "USER-001",
    "class": "decision.missing_element",
    "title": "自定义：决定书写明复议机关",
    "category": "文书",
    "severity": "minor",
    "check": "text.present",
    "message": "{doc_type}写有“{found}”",
    "params": {"pattern": "加处罚款"},
    "deduction": 1,
}

BROKEN_PACKS = {
    "yaml": "- id: X\n  title: [unclosed\n",
    "not-a-list": "id: X\n",
    "missing-fields": yaml.safe_dump([{"id": "X-1", "title": "缺字段"}], allow_unicode=True),
    "wrong-types": yaml.safe_dump([{**GOOD_RULE, "title": ["列表"], "deduction": "很多"}]),
    "bad-regex": yaml.safe_dump([{**GOOD_RULE, "params": {"pattern": "(未闭合"}}]),
    "redos": yaml.safe_dump([{**GOOD_RULE, "params": {"pattern": "(\\d+)+$"}}]),
    "placeholder-index": yaml.safe_dump([{**GOOD_RULE, "message": "{0}"}]),
    "placeholder-attribute": yaml.safe_dump([{**GOOD_RULE, "message": "{doc_type.__class__}"}]),
    "stray-brace": yaml.safe_dump([{**GOOD_RULE, "message": "未写明 {"}]),
    "rule-not-a-mapping": "- just text\n",
    "binary": "\udcff\udcfe",
    "missing-param": yaml.safe_dump([{**GOOD_RULE, "params": {}}]),
    "unknown-param": yaml.safe_dump([{**GOOD_RULE, "params": {"pattern": "x", "patern": "y"}}]),
    "mistyped-param": yaml.safe_dump([{**GOOD_RULE, "params": {"pattern": "x", "since": "去年"}}]),
    "unknown-reference": yaml.safe_dump(
        [{**GOOD_RULE, "check": "period.between", "params": {"days": "$no_such_key"}}]
    ),
    "bad-event": yaml.safe_dump(
        [
            {
                **GOOD_RULE,
                "check": "dates.order",
                "params": {"first": {"source": "yesterday"}, "then": {}, "defect": "after"},
            }
        ]
    ),
}


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch) -> Path:
    rules = tmp_path / "user-rules"
    rules.mkdir()
    monkeypatch.setattr(pack, "user_rules_dir", lambda: rules)
    pack._shipped_and_user.cache_clear()
    yield rules
    pack._shipped_and_user.cache_clear()


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    text = "行政处罚决定书\n当事人：某某有限公司\n罚款人民币五千元。\n" + "a" * 40 + "b\n"
    (folder / "决定书.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", BROKEN_PACKS)
def test_a_broken_user_pack_is_skipped_and_reported(user_dir, name):
    raw = BROKEN_PACKS[name].encode("utf-8", "surrogateescape")
    (user_dir / f"{name}.yaml").write_bytes(raw)
    (user_dir / "z-good.yaml").write_text(yaml.safe_dump([GOOD_RULE]), encoding="utf-8")
    rules = {r.id: r for r in pack.shipped_and_user_rules()}
    assert "USER-001" in rules and rules["USER-001"].user
    assert "EVID-001" in rules  # the shipped rules are all there
    (problem,) = pack.pack_problems()
    assert problem.startswith(f"用户规则包 {name}.yaml 未加载：")


def test_a_broken_pack_is_a_not_checked_line_and_the_check_goes_on(user_dir, case):
    (user_dir / "bad.yaml").write_text("- id: [\n", encoding="utf-8")
    report = check_case(case, CheckOptions(ocr=False))
    lines = [n for n in report.not_checked if n.check == "自定义规则"]
    assert len(lines) == 1 and "bad.yaml" in lines[0].reason
    assert report.documents and report.score is not None


def test_a_user_rule_that_runs_too_long_is_stopped(user_dir, case, monkeypatch):
    monkeypatch.setattr(runner, "USER_CHECK_SECONDS", 0.3)
    slow = {  # overlapping alternatives: passes the shape check, backtracks exponentially
        **GOOD_RULE,
        "check": "text.present",
        "message": "{found}",
        "params": {"pattern": "(?P<quote>(?:a|a)+)$"},
    }
    (user_dir / "slow.yaml").write_text(yaml.safe_dump([slow]), encoding="utf-8")
    assert regex_problem(slow["params"]["pattern"]) == ""
    started = time.perf_counter()
    report = check_case(case, CheckOptions(ocr=False))
    assert time.perf_counter() - started < 10
    (line,) = [n for n in report.not_checked if n.check.startswith("USER-001")]
    assert "超过" in line.reason


def test_a_user_rule_failing_at_run_time_is_not_checked(user_dir, case, monkeypatch):
    def failing(ctx, rule):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(registry._CHECKS, "test.failing", failing)
    monkeypatch.setitem(registry._PARAMS, "test.failing", {})
    bad = {**GOOD_RULE, "check": "test.failing", "params": {}}
    (user_dir / "failing.yaml").write_text(yaml.safe_dump([bad]), encoding="utf-8")
    report = check_case(case, CheckOptions(ocr=False))
    (line,) = [n for n in report.not_checked if n.check.startswith("USER-001")]
    assert "用户规则无法运行" in line.reason


@pytest.mark.parametrize(
    "pattern",
    ["(a+)+$", "(?:\\s*\\d+)*x", "(\\d+){2,}", "((ab)*)+", "(?=(a+)+)b"],
)
def test_backtracking_shapes_are_refused(pattern):
    assert "嵌套的重复" in regex_problem(pattern)


@pytest.mark.parametrize("pattern", ["(a|b)+", "第[一二三]+条", "(?:\\d+、)+", "$key", "x{2,5}"])
def test_ordinary_patterns_pass(pattern):
    assert regex_problem(pattern) == ""


def test_every_shipped_rule_would_pass_as_a_user_rule():
    """A user who copies a shipped rule to change it must not have it refused."""
    for path in sorted(Path(pack.checklist_path("rules")).glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            assert problems_of(raw) == [], f"{path.name} {raw['id']}"


def test_parameter_problems_name_the_parameter_and_what_it_should_be():
    keys = {"payment_days"}
    problems = registry.param_problems(
        "period.between",
        {"start": {"source": "served", "types": ["行政处罚决定书"], "as": "served"},
         "end": "决定书", "days": "$payment_dayz", "working": "yes", "relation": "within",
         "elapsed_as": "days", "colour": "red"},
        keys,
    )  # fmt: skip
    assert "参数 end 应为日期事件（source、types 等）（应为键值映射（source、types …））" in (
        problems
    )
    assert "参数 days 引用的 $payment_dayz 在参数表中不存在" in problems
    assert "参数 working 应为true 或 false（实际为 'yes'）" in problems
    assert any(p.startswith("检查 period.between 没有参数 colour") for p in problems)
    assert len(problems) == 4


def test_every_shipped_rule_has_the_parameters_its_check_declares():
    keys = pack.param_keys()
    for rule in pack.load_rules():
        assert registry.param_problems(rule.check, rule.params, keys) == [], rule.id


def test_a_user_rule_naming_a_check_that_became_generic_is_told_the_new_kind(user_dir, case):
    old = {**GOOD_RULE, "check": "decision.surcharge_notice", "params": {"pattern": "加处罚款"}}
    (user_dir / "old.yaml").write_text(yaml.safe_dump([old]), encoding="utf-8")
    report = check_case(case, CheckOptions(ocr=False))
    (line,) = [n for n in report.not_checked if n.check.startswith("USER-001")]
    assert "contents.required" in line.reason and "docs/rules.md" in line.reason


def test_patterns_inside_a_contents_list_are_checked_for_backtracking():
    rule = {
        **GOOD_RULE,
        "check": "contents.required",
        "params": {"contents": [{"label": "核对", "text": "(a+)+$"}]},
    }
    assert any("嵌套的重复" in p for p in problems_of(rule))
