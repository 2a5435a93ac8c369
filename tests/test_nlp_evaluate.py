"""The extraction gold set and its scoring (casecheck.nlp.evaluate, `casecheck eval-extract`).

The accuracy targets of the element extraction: F1 ≥ 0.95 for the five header kinds, citations
found by law + article ≥ 0.95 and their roles right ≥ 0.90 — on the generated documents
always, and on the hand-read corpus decisions when ../shared is present.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest
import yaml

from casecheck.nlp.evaluate import Evaluation, evaluate
from casecheck.nlp.evaluate_cli import run
from casecheck.nlp.evaluate_samples import sample_gold

GOLD = Path(__file__).parent / "gold" / "elements.yaml"
TARGET_KINDS = ("doc_number", "party_name", "authority", "decision_date", "fine_amount")

# An invented decision (fictional authority, company and numbers).
DECISION = """栖梧市松陌区应急管理局
行政处罚决定书
栖松应急罚〔2025〕31号
当事人：栖梧市恒岳五金制品有限公司
本局认为，当事人的上述行为违反了《中华人民共和国安全生产法》第四十一条第二款的规定，\
依据《中华人民共和国安全生产法》第一百零二条第（一）项的规定，本局决定对当事人处以罚款\
人民币叁万元整（30000元）。
当事人如不服本决定，可以依据《中华人民共和国行政复议法》第二十条的规定申请行政复议。
栖梧市松陌区应急管理局
2025年11月20日
"""


def _write_gold(tmp_path: Path, body: dict) -> Path:
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return gold


def _assert_targets(result: Evaluation) -> None:
    scores = {kind: round(result.score(kind).f1, 3) for kind in TARGET_KINDS}
    assert all(f1 >= 0.95 for f1 in scores.values()), scores
    citations = result.citations
    assert citations.article.f1 >= 0.95, citations.to_json()
    assert citations.role_accuracy >= 0.90, citations.to_json()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Evaluation:
    """The generated part of the gold file alone (no corpus needed)."""
    part = {"generated": yaml.safe_load(GOLD.read_text(encoding="utf-8"))["generated"]}
    return evaluate(_write_gold(tmp_path_factory.mktemp("gold"), part))


def test_gold_file_has_at_least_60_documents() -> None:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    generated = gold["generated"]
    real = gold["documents"]
    assert len(real) >= 40
    assert len(real) + len(generated["seeds"]) * len(generated["documents"]) >= 60
    assert all(
        d["path"].split("/")[0] in ("yunli45_scraped_2015-2018", "tax_chinatax", "pages_excerpts")
        for d in real
    )


def test_generated_documents_meet_the_targets(generated: Evaluation) -> None:
    assert generated.documents == 21 and generated.missing == []
    print("\n" + generated.table())
    _assert_targets(generated)


@pytest.mark.corpus
def test_gold_set_meets_the_targets(corpus_dir: Path) -> None:
    result = evaluate(GOLD)
    assert result.missing == []
    print("\n" + result.table())
    _assert_targets(result)


def test_generated_gold_values_are_in_their_documents() -> None:
    """The facts-derived gold names what the document shows (the generator's own text)."""
    entries = list(sample_gold([3], ["decision", "notice", "service_decision"]))
    assert [e["document"].doc_type for e in entries] == [
        "行政处罚决定书",
        "行政处罚告知书",
        "送达回证",
    ]
    for entry in entries:
        text = entry["document"].text
        for kind in ("doc_number", "authority", "party_name"):
            for value in entry["expect"].get(kind, []):
                assert value in text, (entry["document"].id, kind, value)
        for fine in entry["expect"]["fine_amount"]:
            assert f"（{fine}元）" in text


def test_sample_gold_rejects_an_unknown_document() -> None:
    with pytest.raises(ValueError, match="示例文书"):
        list(sample_gold([0], ["no_such_document"]))


def test_citations_are_scored_by_article_provision_and_role(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DECISION, encoding="utf-8")
    result = evaluate(
        _write_gold(
            tmp_path,
            {
                "documents": [
                    {
                        "path": "a.txt",
                        "doc_type": "行政处罚决定书",
                        "expect": {
                            "doc_number": ["栖松应急罚〔2025〕31号"],
                            "fine_amount": [30000],
                        },
                        "citations": [
                            # right
                            {
                                "law": "安全生产法",
                                "article": 41,
                                "paragraph": 2,
                                "role": "violated",
                            },
                            # the item is missed, the role is checked on no match
                            {
                                "law": "中华人民共和国安全生产法",
                                "article": 102,
                                "role": "penalty_basis",
                            },
                            # found, but its role is procedure
                            {"law": "中华人民共和国行政复议法", "article": 20, "role": "other"},
                            # not in the text
                            {"law": "中华人民共和国行政处罚法", "article": 51, "role": "procedure"},
                        ],
                    }
                ]
            },
        )
    )
    c = result.citations
    assert (c.article.tp, c.article.fp, c.article.fn) == (3, 0, 1)
    assert (c.provision.tp, c.provision.fp, c.provision.fn) == (2, 1, 2)
    assert (c.roles_correct, c.roles_checked) == (1, 2)
    problems = {(e.kind, e.problem, e.value) for e in result.errors}
    assert ("citation", "missed", "中华人民共和国行政处罚法第51条") in problems
    assert ("citation", "extra", "中华人民共和国安全生产法第102条第1项") in problems
    assert any(
        p == "role" and v.startswith("中华人民共和国行政复议法第20条") for _, p, v in problems
    )
    assert result.score("doc_number").tp == 1 and result.score("fine_amount").tp == 1


def test_absent_corpus_documents_are_skipped(tmp_path: Path) -> None:
    gold = _write_gold(
        tmp_path,
        {
            "root": "no-such-folder",
            "documents": [
                {"path": "x.txt", "doc_type": "行政处罚决定书", "expect": {"doc_number": ["甲"]}}
            ],
        },
    )
    result = evaluate(gold)
    assert result.documents == 0 and result.missing == ["x.txt"] and result.scores == []


def _args(gold: Path, fmt: str) -> argparse.Namespace:
    return argparse.Namespace(gold=gold, format=fmt, errors=True)


def test_cli_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(DECISION, encoding="utf-8")
    gold = _write_gold(
        tmp_path,
        {
            "documents": [
                {
                    "path": "a.txt",
                    "doc_type": "行政处罚决定书",
                    "expect": {"decision_date": ["2025-11-20"]},
                    "citations": [],
                }
            ]
        },
    )
    assert run(_args(gold, "json")) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 1
    assert data["kinds"] == [
        {
            "kind": "decision_date",
            "tp": 1,
            "fp": 0,
            "fn": 0,
            "precision": 1.0,
            "recall": 1.0,
            "f1": 1.0,
        }
    ]
    # An empty citation list: every citation found is an extra.
    assert data["citations"]["article"]["fp"] == 3


def test_cli_prints_a_table_and_the_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(DECISION, encoding="utf-8")
    gold = _write_gold(
        tmp_path,
        {
            "documents": [
                {
                    "path": "a.txt",
                    "doc_type": "行政处罚决定书",
                    "expect": {"party_name": ["栖梧市恒岳五金有限公司"]},
                }
            ]
        },
    )
    assert run(_args(gold, "text")) == 0
    out = capsys.readouterr().out
    assert "当事人" in out and "F1" in out
    assert re.search(r"漏抽：栖梧市恒岳五金有限公司", out)
    assert re.search(r"多抽：栖梧市恒岳五金制品有限公司", out)


def test_cli_reports_bad_gold_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(_args(tmp_path / "missing.yaml", "text")) == 2
    assert "无法读取金标准文件" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("documents: [{path: a.txt}]\nroot: .\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(DECISION, encoding="utf-8")
    assert run(_args(bad, "json")) == 2
