"""The evidence, procedure, service, discretion and formatting rules on whole generated case
files: silent on a clean file, firing at the right place when one realistic defect is made in
it (a document taken out, a date or a word changed), and quiet on real published decisions."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from casecheck.engine import CheckOptions, build_context, check_case, read_case
from casecheck.model import CaseFile
from casecheck.rules.pack import load_rules
from casecheck.rules.registry import CannotCheck
from casecheck.rules.runner import hits_for
from casecheck.samples import generate_case

FAMILY_FILES = ("evidence", "procedure", "service", "discretion", "formatting")
RULES = {r.id: r for r in load_rules() if Path(r.source).stem in FAMILY_FILES}


def _hits(case: CaseFile, rule_id: str):
    ctx = build_context(case, CheckOptions())
    return ctx, hits_for(ctx, RULES[rule_id])


@pytest.fixture(scope="module")
def clean_case(tmp_path_factory) -> CaseFile:
    return read_case(generate_case(tmp_path_factory.mktemp("families") / "case", seed=0).path)


def test_the_families_are_loaded():
    assert {"EVID-001", "DISC-001", "REV-001", "SERV-001", "DISCR-001", "FMT-001"} <= set(RULES)


@pytest.mark.parametrize("seed", range(5))
def test_clean_generated_case_has_no_major_or_veto_finding(tmp_path, seed):
    report = check_case(generate_case(tmp_path / "case", seed=seed).path)
    serious = [
        (f.rule_id, f.message)
        for f in report.findings
        if f.rule_id in RULES and f.severity in ("major", "veto")
    ]
    assert serious == []


def test_clean_case_fires_none_of_the_family_rules(clean_case):
    ctx = build_context(clean_case, CheckOptions())
    fired = {}
    for rule_id, rule in RULES.items():
        try:
            hits = hits_for(ctx, rule)
        except CannotCheck:  # nothing to judge (e.g. no violation date): not a finding
            continue
        if hits:
            fired[rule_id] = hits
    assert fired == {}


# (rule, document type, pattern to replace, replacement, quote the finding must point at)
EDITS = [
    ("SERV-001", "送达回证", "直接送达", "留置送达", "留置送达"),
    (
        "CONS-101",
        "行政处罚决定书",
        "罚款人民币壹拾叁万肆仟元整（134000元）",
        "罚款人民币壹拾贰万元整（120000元）",
        "人民币壹拾贰万元整（120000元）",
    ),
    ("CONS-102", "罚没款缴纳凭证", "罚〔2025〕48号", "罚〔2025〕84号", "澄晴市监罚〔2025〕84号"),
    (
        "PAY-001",
        "罚没款缴纳凭证",
        "缴款日期：2025年11月6日",
        "缴款日期：2025年12月6日",
        "2025年12月6日",
    ),
    ("REV-001", "法制审核意见书", "2025年10月27日", "2025年10月30日", "2025年10月30日"),
    ("REV-002", "法制审核意见书", "2025年10月27日", "2025年10月29日", "2025年10月29日"),
    ("EVID-003", "先行登记保存处理决定书", "2025年9月9日", "2025年9月19日", "2025年9月19日"),
    (
        "EVID-004",
        "询问笔录",
        "这是我们的执法证件（出示证件），请你过目。|证件我看清楚了。",
        "",
        None,
    ),
    ("EVID-005", "询问笔录", "回避", "", None),
    ("FMT-001", "询问笔录", "2025年9月3日14时10分", "年月日14时10分", "年月日"),
    ("FMT-002", "立案审批表", "普通程序", "一般程序", "一般程序"),
    (
        "LIM-001",
        "立案审批表",
        "2025年9月1日，执法人员",
        "当事人于2023年5月2日擅自销售；执法人员",
        "2023年5月2日",
    ),
]


@pytest.mark.parametrize(("rule_id", "doc_type", "old", "new", "quote"), EDITS)
def test_one_edit_makes_the_rule_fire_where_the_defect_is(
    clean_case, rule_id, doc_type, old, new, quote
):
    case = copy.deepcopy(clean_case)
    target = next(d for d in case.documents if d.doc_type == doc_type and re.search(old, d.text))
    target.text = re.sub(old, new, target.text)
    _, hits = _hits(case, rule_id)
    assert hits, f"{rule_id} did not fire"
    # the first place is the edited document; a period's finding also shows where it began
    assert hits[0].document == target.id
    if quote is not None:
        assert quote in [target.text[h.start : h.end] for h in hits if h.start is not None]


# (rule, document type taken out of the file, quote the finding points at, None for a document)
REMOVALS = [
    ("EVID-001", "询问笔录", "询问笔录"),
    ("EVID-003", "先行登记保存审批表", None),
    ("DISC-001", "集体讨论记录", None),
    ("SERV-002", "先行登记保存处理决定书", "澄晴市监先处〔2025〕43号"),
]


@pytest.mark.parametrize(("rule_id", "removed", "quote"), REMOVALS)
def test_taking_a_document_out_makes_the_rule_fire(clean_case, rule_id, removed, quote):
    case = copy.deepcopy(clean_case)
    case.documents = [d for d in case.documents if d.doc_type != removed]
    ctx, hits = _hits(case, rule_id)
    assert hits, f"{rule_id} did not fire"
    if quote is not None:
        quoted = [ctx.document(h.document).text[h.start : h.end] for h in hits]
        assert quoted == [quote]


def test_evidence_amount_not_in_any_record_is_reported(clean_case):
    """The 货值金额 appears only in the decision and the notice once the report's figure is
    gone and the report no longer states it."""
    case = copy.deepcopy(clean_case)
    for doc in case.documents:
        if doc.doc_type in ("调查终结报告", "听证笔录"):
            doc.text = re.sub(r"货值金额为人民币[^。，]*", "", doc.text)
    ctx, hits = _hits(case, "EVID-002")
    assert [h.values["base"] for h in hits] == ["货值金额"]
    assert ctx.document(hits[0].document).doc_type == "行政处罚决定书"


def test_published_decisions_raise_no_serious_finding_from_these_rules(corpus_dir):
    """Single published decisions: rules about the whole file cannot run, and the rules that
    read one document find nothing major in them."""
    serious = []
    for path in sorted(corpus_dir.rglob("*.txt")):
        for f in check_case(path).findings:
            if f.rule_id in RULES and f.severity in ("major", "veto"):
                serious.append((path.name, f.rule_id, f.quote))
    assert serious == []
