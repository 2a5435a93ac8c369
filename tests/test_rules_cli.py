"""`casecheck rules`: a rule author tests a pack of YAML-only rules before installing it, and
sees which check kinds and parameters exist (docs/rules.md)."""

from __future__ import annotations

from pathlib import Path

import yaml

from casecheck.cli import main

EXAMPLE_PACK = Path(__file__).resolve().parents[1] / "docs" / "examples" / "user-rules.yaml"


def test_the_documented_example_pack_passes(capsys):
    assert main(["rules", "test", str(EXAMPLE_PACK)]) == 0
    out = capsys.readouterr().out
    assert "USER-EVID-101" in out and "USER-TIME-101" in out and "全部通过" in out


def test_a_rule_that_misses_its_bad_example_fails_the_pack(tmp_path, capsys):
    rules = yaml.safe_load(EXAMPLE_PACK.read_text(encoding="utf-8"))
    # the bad example now has the confirmation: the rule cannot fire on it
    rules[0]["examples"]["bad"] = rules[0]["examples"]["good"]
    pack = tmp_path / "pack.yaml"
    pack.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    assert main(["rules", "test", str(pack)]) == 1
    assert capsys.readouterr().out.rstrip().endswith("1 项未通过")


def test_a_pack_with_a_mistyped_parameter_is_refused_with_the_reason(tmp_path, capsys):
    rules = yaml.safe_load(EXAMPLE_PACK.read_text(encoding="utf-8"))
    rules[1]["params"]["working"] = "是"
    pack = tmp_path / "pack.yaml"
    pack.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    assert main(["rules", "test", str(pack)]) == 1
    assert "参数 working 应为true 或 false" in capsys.readouterr().out


def test_kinds_lists_a_kind_with_its_parameters(capsys):
    assert main(["rules", "kinds", "period.between"]) == 0
    out = capsys.readouterr().out
    assert "period.between" in out and "excused_by?" in out and "days$" in out
    assert main(["rules", "kinds", "no.such"]) == 2
