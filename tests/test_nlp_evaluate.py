"""The extraction gold set and its scoring (casecheck.evaluate.extraction, eval-extract).

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

from casecheck.evaluate.extraction import Evaluation, evaluate
from casecheck.evaluate.extraction_cli import run
from casecheck.evaluate.samples import sample_gold

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
    assert generated.documents == 33 and generated.missing == []
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


# ---- extraction fixes the gold set showed (invented texts) ---------------------------------

ELEMENT_CASES = [
    # (name, text, kind, expected normalized values)
    (
        "a number in brackets is another document's",
        "本局于2025年3月2日向你公司送达了《行政处罚告知书》（栖松罚告〔2025〕7号），你公司未陈述申辩。",
        "doc_number",
        [],
    ),
    (
        "a number after a title is that document's",
        "依据《栖梧市价格监督检查工作的通知》栖松发〔2024〕3号第六条的规定，决定罚款伍仟元。",
        "doc_number",
        [],
    ),
    (
        "a receipt quotes the decision's number",
        "栖梧市松陌区应急管理局\n送达回证\n送达文书名称及文号\n《行政处罚决定书》（栖松应急罚〔2025〕31号）"
        "\n受送达人\n栖梧市恒岳五金制品有限公司\n送达方式\n直接送达",
        "doc_number",
        [],
    ),
    (
        "a voucher quotes the decision's number under a label",
        "罚没款缴纳凭证\n缴款人：栖梧市恒岳五金制品有限公司\n"
        "处罚决定书文号：栖松应急罚〔2025〕31号\n项目：罚款　金额：30000元",
        "doc_number",
        [],
    ),
    (
        "the authority above a form's title",
        "栖梧市松陌区应急管理局\n立案审批表\n案件名称\n栖梧市恒岳五金制品有限公司未落实安全措施案",
        "authority",
        ["栖梧市松陌区应急管理局"],
    ),
    (
        "the party in a form's next cell",
        "栖梧市松陌区应急管理局\n立案审批表\n当事人\n栖梧市恒岳五金制品有限公司\n法定代表人\n方志远",
        "party_name",
        ["栖梧市恒岳五金制品有限公司"],
    ),
    (
        "a bare addressee line below the number",
        "行政处罚决定书\n栖松应急罚〔2025〕31号\n栖梧市恒岳五金制品有限公司\n统一社会信用代码：91350100MA2Y0000X1",
        "party_name",
        ["栖梧市恒岳五金制品有限公司"],
    ),
    (
        "a person addressed by name and sex",
        "栖梧市松陌区林业局行政处罚决定书栖松林罚〔2025〕5号\n方志远，男，栖梧人。\n经查，当事人擅自改变林地用途。",
        "party_name",
        ["方志远"],
    ),
    (
        "an addressee right after the number on a scraped line",
        "栖梧市松陌区税务局稽查局税务行政处罚决定书栖松税稽罚〔2025〕8号栖梧市恒岳五金制品有限公司："
        "法定代表人：方志远，经营地址：松陌区滨河大道8号。",
        "party_name",
        ["栖梧市恒岳五金制品有限公司"],
    ),
    (
        "a sign-off at the end of a one-line text",
        "当事人：栖梧市恒岳五金制品有限公司　　经查，当事人未落实安全措施，本局决定罚款叁万元。"
        "如不服本决定，可申请行政复议。 栖梧市松陌区应急管理局 2025年11月20日",
        "decision_date",
        ["2025-11-20"],
    ),
    (
        "a date standing apart after blanks",
        "当事人：栖梧市恒岳五金制品有限公司　　本局决定罚款叁万元。　　联系电话：12345678"
        "　　二〇二五年十一月二十日",
        "decision_date",
        ["2025-11-20"],
    ),
    (
        "a sign-off before an appendix",
        "当事人：栖梧市恒岳五金制品有限公司\n经查，当事人未按时年检，本局决定给予警告。\n栖梧市民政局\n"
        "2025年11月20日\n附：\n《某某管理条例》\n第三条 应当于每年3月31日前报送年度报告。",
        "decision_date",
        ["2025-11-20"],
    ),
    (
        "a second party on the line below the first",
        "〔2025〕12号\n当事人：方志远，男，1970年5月出生，住址：栖梧市松陌区。\n白雨桐，女，1975年3月出生。"
        "\n依据《中华人民共和国证券法》的有关规定，我会对栖梧某某股份有限公司涉嫌信息披露违法行为进行了立案调查、"
        "审理，并依法告知了当事人作出市场禁入的事实、理由和依据。",
        "party_name",
        ["方志远", "白雨桐"],
    ),
    (
        "the authority after a code on the title line",
        "代码：0015119007栖梧市司法局行政处罚决定书栖司罚决〔2025〕3号\n当事人：方志远，女，律师。",
        "authority",
        ["栖梧市司法局"],
    ),
    (
        "被行政处罚人 is a party label",
        "劳动保障监察行政处罚决定书\n栖人社监罚决字〔2025〕19号\n被行政处罚人：栖梧市恒岳五金制品有限公司，"
        "住所地：栖梧市松陌区。",
        "party_name",
        ["栖梧市恒岳五金制品有限公司"],
    ),
    (
        "a note between the amount and 罚款",
        "本局决定对你单位作出如下行政处罚：处以贰仟伍佰元（人民币）罚款。",
        "fine_amount",
        [2500],
    ),
    (
        "处…元的行政处罚",
        "决定给予处人民币 2000元 的行政处罚。",
        "fine_amount",
        [2000],
    ),
    (
        "the base of a rate is no fine",
        "处以采购金额（1500000元）千分之五的罚款，即人民币7500元（1500000元×0.005=7500元）。",
        "fine_amount",
        [7500],
    ),
    (
        "a per-unit rate is no fine",
        "并处非法改变用途林地每平方米15元的罚款，计人民币壹仟捌佰元整（1800元）。",
        "fine_amount",
        [1800],
    ),
]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [case[1:] for case in ELEMENT_CASES],
    ids=[case[0] for case in ELEMENT_CASES],
)
def test_extraction_fixes(text: str, kind: str, expected: list) -> None:
    from casecheck.model import Document
    from casecheck.nlp.elements import extract_elements

    doc_type = "送达回证" if "送达回证" in text else "行政处罚决定书"
    if "立案审批表" in text:
        doc_type = "立案审批表"
    found = extract_elements(Document(id="D1", path="a.txt", text=text, doc_type=doc_type))
    values = [e.normalized for e in found if e.kind == kind]
    if kind == "party_name":
        values = [v["name"] for v in values]
    assert set(values) == set(expected)


CITATION_CASES = [
    (
        "第（一）款 is a paragraph",
        "违反了《中华人民共和国食品安全法》第二十九条第（一）款之规定。",
        [("中华人民共和国食品安全法", 29, 1, None, "violated")],
    ),
    (
        "an item after a quotation",
        "根据《无照经营查处取缔办法》第四条第一款“下列行为应予查处”第（二）项“擅自经营的”之规定，当事人的行为已属无照经营。",
        [("无照经营查处取缔办法", 4, 1, 2, "other")],
    ),
    (
        "a blank between article and paragraph",
        "属于《中华人民共和国公证法》第四十二条 第一款第二项规定的情形。",
        [("中华人民共和国公证法", 42, 1, 2, "other")],
    ),
    (
        "a normative number between title and article",
        "依据《栖梧市物价局关于环保电价的通知》栖价发[2015]201号第六条第（二）项的规定，决定没收多收价款。",
        [("栖梧市物价局关于环保电价的通知", 6, None, 2, "other")],
    ),
    (
        "a filing form's label before 依据",
        "立案依据\n《市场监督管理行政处罚程序规定》第十九条；符合立案条件",
        [("市场监督管理行政处罚程序规定", 19, None, None, "procedure")],
    ),
    (
        "不适用 sets a provision aside",
        "你公司的理由不适用《中华人民共和国行政处罚法》第二十七条规定中从轻处罚的情形，不予采纳。",
        [("中华人民共和国行政处罚法", 27, None, None, "other")],
    ),
    (
        "a procedure named by its kind",
        "依照《中华人民共和国行政处罚法》第三十六条的规定，我关适用一般程序对本案进行调查审理。",
        [("中华人民共和国行政处罚法", 36, None, None, "procedure")],
    ),
    (
        "paying the fine is procedure",
        "根据《中华人民共和国行政处罚法》第四十六条第三款的规定，当事人自收到本处罚决定书之日起十五日内缴纳罚没款。",
        [("中华人民共和国行政处罚法", 46, 3, None, "procedure")],
    ),
    (
        "the law applied, as a legal review says",
        "三、定性准确，违反《中华人民共和国安全生产法》第四十一条第二款，"
        "适用《中华人民共和国安全生产法》第一百零二条第（一）项正确；",
        [
            ("中华人民共和国安全生产法", 41, 2, None, "violated"),
            ("中华人民共和国安全生产法", 102, None, 1, "penalty_basis"),
        ],
    ),
    (
        "征收管理法 is the 税收征收管理法",
        "根据《中华人民共和国征收管理法》第六十三条第一款的规定，决定处以罚款。",
        [("中华人民共和国税收征收管理法", 63, 1, None, "penalty_basis")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in CITATION_CASES],
    ids=[case[0] for case in CITATION_CASES],
)
def test_citation_fixes(text: str, expected: list) -> None:
    from casecheck.nlp.citations import find_citations

    found = [(c.law, c.article, c.paragraph, c.item, c.role) for c in find_citations(text)]
    assert found == expected
