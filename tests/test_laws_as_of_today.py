"""Whole checks of hand-written decisions that cite laws changed after the statute files: the
2025 治安管理处罚法 (in force 2026-01-01) is applied with its own numbering and fines, and a
law the 生态环境法典 may replace (from 2026-08-15) is reported as not checked, never valid."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casecheck.engine import check_case
from casecheck.laws.currency import CHANGED_AFTER
from casecheck.laws.registry import load_registry

PUBLIC_ORDER = """\
清河县公安局
行政处罚决定书
清公（治）行罚决字〔2026〕15号
违法行为人：王某某，男，住清河县示例路8号。
现查明：违法行为发生于2026年2月10日21时许，王某某在清河县示例路某饭店内因琐事殴打李某，致李某面部\
软组织挫伤。以上事实有王某某的陈述和申辩、被侵害人陈述、证人证言等证据证实。
根据《中华人民共和国治安管理处罚法》第五十一条第一款之规定，现决定对王某某处行政拘留七日，并处罚款{fine}。
如不服本决定，可以在收到本决定书之日起六十日内申请行政复议或者在六个月内依法提起行政诉讼。
清河县公安局
2026年3月2日
"""

ENVIRONMENT = """\
清河县生态环境局
行政处罚决定书
清环罚〔2026〕21号
当事人：清河示例化工有限公司。
经查，当事人于2026年8月20日违法行为发生时超过大气污染物排放标准排放废气，以上事实有现场检查笔录、\
监测报告等证据证实。
当事人的上述行为违反了《中华人民共和国大气污染防治法》第十八条的规定。依据《中华人民共和国大气污染防治法》\
第九十九条第二项的规定，决定对当事人处罚款十五万元。
如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内向人民法院提起行政诉讼。
清河县生态环境局
2026年9月10日
"""


@pytest.fixture(autouse=True)
def empty_user_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CASECHECK_DATA_DIR", str(tmp_path / "data"))
    load_registry.cache_clear()
    yield
    load_registry.cache_clear()


def _check(tmp_path: Path, text: str):
    path = tmp_path / "行政处罚决定书.txt"
    path.write_text(text, encoding="utf-8")
    return check_case(path)


def test_a_2026_public_order_decision_is_checked_against_the_2025_text(tmp_path: Path) -> None:
    """第五十一条第一款 of the 2025 text (殴打他人) fines 500–1000 yuan; in the 2012 text the
    article was 招摇撞骗 (up to 500 yuan): 800 yuan is within range, 3000 is not."""
    within = _check(tmp_path, PUBLIC_ORDER.format(fine="八百元"))
    (basis,) = [c for c in within.citations if c.role == "penalty_basis"]
    assert (basis.version, basis.status, basis.note) == ("2025-06-27", "valid", "")
    assert not [f for f in within.findings if f.rule_id == "PEN-002"]
    assert within.to_json()["laws"]["current_to"] == within.laws_current_to != ""
    beyond = _check(tmp_path, PUBLIC_ORDER.format(fine="三千元"))
    (finding,) = [f for f in beyond.findings if f.rule_id == "PEN-002"]
    assert "上限1,000元" in finding.message


def test_a_law_the_code_may_replace_is_not_checked_after_its_date(tmp_path: Path) -> None:
    report = _check(tmp_path, ENVIRONMENT)
    cited = [c for c in report.citations if "大气污染防治法" in c.law]
    assert cited and all(c.status == "unchecked" for c in cited)
    assert all(c.note.startswith(CHANGED_AFTER) and "生态环境法典" in c.note for c in cited)
    gaps = {n.check: n.reason for n in report.not_checked}
    assert gaps["引用的《中华人民共和国大气污染防治法》"].startswith(CHANGED_AFTER)
    assert CHANGED_AFTER in gaps["PEN-002 罚款超出处罚依据条款的幅度"]
    assert not [f for f in report.findings if f.rule_id.startswith("CITE")]
