"""`casecheck --self-test`: prove, offline and without a window, that this installation works.

It generates sample case files into a temporary folder (a clean one, and one with defects
seeded into it), checks them with the real engine and compares the findings with what was
seeded; it also recognises officers' names with jieba once. The offline bundle runs it after every
build; an officer can run it on a machine where the tool misbehaves.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

# Defects seeded into the test case: a deadline, a remedy clause and an identifier, each
# caught by a different rule pack; the case is written as a .zip to read that path too.
SEEDED = ("late_service", "wrong_remedy_period", "invalid_credit_code")
NAMES_PROBE = "张建国李秀英"  # two officers' names written together, as in a signature line


class SelfTestError(Exception):
    """A check of the self-test failed; the message is Chinese and says what."""


@dataclass(frozen=True)
class StepResult:
    name: str
    ok: bool
    detail: str
    seconds: float


def _shipped_data() -> str:
    from casecheck.classify import load_catalog
    from casecheck.report import report_schema
    from casecheck.resources import checklists_dir

    folder = checklists_dir()
    types = load_catalog().types
    if not types:
        raise SelfTestError(f"{folder} 中没有文书类型")
    report_schema()
    return f"{len(types)} 种文书类型，报告格式已载入"


def _clean_case(tmp: Path) -> str:
    from casecheck import check_case
    from casecheck.samples import generate_case

    generated = generate_case(tmp / "clean")
    report = check_case(generated.path)
    expected = [doc_type for _, doc_type in generated.documents]
    typed = [d.doc_type for d in report.documents]
    if typed != expected:
        wrong = sum(a != b for a, b in zip(typed, expected, strict=False))
        raise SelfTestError(f"{wrong} 份文书类型识别错误（共 {len(expected)} 份）")
    unread = [d.path for d in report.documents if d.errors]
    if unread:
        raise SelfTestError(f"读不出的文书：{'、'.join(unread)}")
    if report.findings:
        titles = "、".join(sorted({f.title for f in report.findings}))
        raise SelfTestError(f"无缺陷案卷报告了 {len(report.findings)} 个问题：{titles}")
    return f"{len(report.documents)} 份文书全部识别，未报告问题"


def _seeded_case(tmp: Path) -> str:
    from casecheck import check_case
    from casecheck.samples import generate_case

    generated = generate_case(tmp / "seeded", defects=SEEDED, layout="zip")
    report = check_case(generated.path)
    found = {f.defect_class for f in report.findings}
    missed = [s.description for s in generated.seeded if s.defect_class not in found]
    if missed:
        raise SelfTestError(f"未发现预置缺陷：{'；'.join(missed)}")
    return f"预置 {len(generated.seeded)} 处缺陷全部发现（报告问题 {len(report.findings)} 个）"


def _nlp() -> str:
    from casecheck.nlp.names import person_names

    found = person_names(NAMES_PROBE)
    if found != ["张建国", "李秀英"]:
        raise SelfTestError(f"未识别出执法人员姓名（识别结果：{'、'.join(found) or '无'}）")
    return "jieba 分词与人名识别正常"


def _step(name: str, check: Callable[[], str]) -> StepResult:
    started = time.perf_counter()
    try:
        detail, ok = check(), True
    except SelfTestError as exc:
        detail, ok = str(exc), False
    except Exception as exc:  # a broken installation: report it, never crash
        detail, ok = f"程序错误 {type(exc).__name__}: {exc}", False
    return StepResult(name, ok, detail, time.perf_counter() - started)


def run_steps() -> list[StepResult]:
    """Every step of the self-test, in order; each catches its own failure."""
    with tempfile.TemporaryDirectory(prefix="casecheck-selftest-") as name:
        tmp = Path(name)
        return [
            _step("规则数据", _shipped_data),
            _step("无缺陷示例案卷", lambda: _clean_case(tmp)),
            _step("预置缺陷示例案卷", lambda: _seeded_case(tmp)),
            _step("分词与人名识别", _nlp),
        ]


def run(out: TextIO | None = None) -> int:
    """Run the self-test, print a short Chinese summary; 0 when every step passed, else 1."""
    from casecheck.version import __version__

    out = out or sys.stdout
    started = time.perf_counter()
    print(f"案卷自查 {__version__} 自检（离线，不需要网络）", file=out)
    steps = run_steps()
    for step in steps:
        mark = "通过" if step.ok else "失败"
        print(f"  [{mark}] {step.name}：{step.detail}（{step.seconds:.1f} 秒）", file=out)
    failed = [s.name for s in steps if not s.ok]
    total = time.perf_counter() - started
    if failed:
        print(f"自检未通过：{'、'.join(failed)}（用时 {total:.1f} 秒）", file=out)
        return 1
    print(f"自检通过，用时 {total:.1f} 秒", file=out)
    return 0
