"""The self-test (`casecheck --self-test`, run by the offline bundle after its build) passes on a
working installation and fails, in Chinese and without a traceback, when the engine misses a
seeded defect, reports a defect in the clean case, or breaks."""

from __future__ import annotations

import io

import pytest

from casecheck import engine, selftest
from casecheck.model import Finding


def _run() -> tuple[int, str]:
    out = io.StringIO()
    return selftest.run(out), out.getvalue()


def test_a_working_installation_passes():
    status, text = _run()
    assert status == 0, text
    assert text.count("[通过]") == 4
    assert "自检通过" in text
    assert "失败" not in text


real_check_case = engine.check_case


def _without_findings(path, options=None):
    report = real_check_case(path, options)
    report.findings.clear()
    return report


def _with_a_finding(path, options=None):
    report = real_check_case(path, options)
    extra = Finding("test.rule", "remedy.incorrect", "救济期限错误", "major", "测试用的问题")
    report.findings.append(extra)
    return report


def _broken(path, options=None):
    raise KeyError("doc_type")


@pytest.mark.parametrize(
    ("fake_check", "failed_steps", "message"),
    [
        (_without_findings, ["预置缺陷示例案卷"], "未发现预置缺陷"),
        (_with_a_finding, ["无缺陷示例案卷"], "无缺陷案卷报告了 1 个问题：救济期限错误"),
        (_broken, ["无缺陷示例案卷", "预置缺陷示例案卷"], "程序错误 KeyError"),
    ],
)
def test_a_broken_engine_fails_with_a_chinese_reason(
    monkeypatch, fake_check, failed_steps, message
):
    monkeypatch.setattr(engine, "check_case", fake_check)
    status, text = _run()
    assert status == 1
    assert message in text
    failed = [line for line in text.splitlines() if "[失败]" in line]
    assert [line.split("]")[1].split("：")[0].strip() for line in failed] == failed_steps
    assert f"自检未通过：{'、'.join(failed_steps)}" in text


def test_every_seeded_defect_is_one_the_generator_knows():
    from casecheck.samples import DEFECTS
    from casecheck.samples.defects import check_combination

    assert set(check_combination(selftest.SEEDED)) == set(selftest.SEEDED) <= set(DEFECTS)
