"""Case files written as Word forms (tests/word_forms.py) read like their plain-text versions:
tables as `| 栏 | 值 |` rows, vertical labels as words, check boxes with their state, the 文号
of the page header above the body, page-number footers dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck.classify import classify_document, load_catalog
from casecheck.ingest.docx_reader import read_docx
from casecheck.model import Document
from casecheck.nlp.elements import extract_elements
from tests.benchmarks.word_casefiles import CASES, compare
from tests.word_forms import Style, write_document

CASEFILES = Path(__file__).parent / "casefiles"


def _word(case: str, name: str, style: Style | None = None) -> Document:
    """The document as a Word form, read and typed."""
    text = (CASEFILES / case / name).read_text(encoding="utf-8")
    doc = read_docx(f"{Path(name).stem}.docx", write_document(text, style or Style()))
    doc.doc_type, doc.type_confidence, doc.title = classify_document(doc, load_catalog())
    return doc


def _values(doc: Document, kind: str) -> list[str]:
    return [e.value for e in extract_elements(doc) if e.kind == kind]


def test_a_form_reads_as_rows_with_labels_joined() -> None:
    """立案审批表: label cells beside value cells spanning the grid, 当事人 merged over the
    party's facts, opinion labels one character per line, signature and date below."""
    doc = _word("shuili-water", "立案审批表.txt")
    lines = doc.text.split("\n")
    assert "| 案由 | 涉嫌未经批准擅自取水 |" in lines
    assert "| 当事人 | 名称 | 东湖县润丰混凝土有限公司 |" in lines
    assert "| 统一社会信用代码 | 91320583MA1Y6Q2N42 |" in lines  # under the merged 当事人
    assert "| 承办人意见 | 建议立案调查。黄志诚 邵敏2025年8月13日 |" in lines
    assert "承\n办" not in doc.text
    # one block per cell, at the cell's text
    (cell,) = [b for b in doc.blocks if b.locator == "t0.r1.c1"]
    assert doc.text[cell.start : cell.end] == "涉嫌未经批准擅自取水"


def test_form_elements_are_those_of_the_text() -> None:
    doc = _word("shuili-water", "立案审批表.txt")
    assert _values(doc, "party_name") == ["东湖县润丰混凝土有限公司"]
    assert _values(doc, "legal_representative") == ["钱振东"]
    assert _values(doc, "party_address") == ["东湖县临湖镇工业集中区6号"]
    assert _values(doc, "doc_number") == ["东水立字〔2025〕第9号"]


def test_page_header_number_comes_first_and_page_numbers_are_dropped() -> None:
    doc = _word("chengguan-building", "03责令限期改正通知书.txt")
    assert doc.text.startswith("垦东执责改字〔2025〕第118号\n")
    assert "页" not in doc.text.split("\n")[-1]  # 第1页 共1页 of the footer
    assert "第1页" not in doc.text
    # the salutation below the title names the party, though the number is above the title
    assert _values(doc, "party_name") == ["万志强"]


@pytest.mark.parametrize("checkbox", ["unicode", "symbol", "control"])
def test_check_boxes_read_with_their_state(checkbox: str) -> None:
    doc = _word("shuili-water", "送达回证2.txt", Style(checkbox=checkbox))
    (row,) = [line for line in doc.text.split("\n") if line.startswith("| 送达方式")]
    ticked, unticked = {"unicode": ("☑", "□"), "symbol": ("☑", "□"), "control": ("☒", "☐")}[
        checkbox
    ]
    assert f"{ticked}邮寄送达" in row and f"{unticked}直接送达" in row
    assert f"{ticked}直接送达" not in row


def test_an_unticked_option_dates_nothing() -> None:
    """「☑投诉（2026年3月23日…）□检查发现」: the date is not an inspection's."""
    doc = _word("renshe-contract", "01立案审批表.txt")
    assert "□检查发现" in doc.text
    assert "inspection_date" not in {e.kind for e in extract_elements(doc)}


@pytest.mark.parametrize("case", sorted(CASES))
def test_word_case_file_checks_like_the_text(case: str, tmp_path: Path) -> None:
    """The whole case file as Word forms: same typing, the same key elements, the same planted
    defects found, and no major or veto finding the text version does not have."""
    c = compare(case, CASES[case], tmp_path)
    assert c.retyped == []
    assert not c.lost and not c.gained
    assert c.word.found == c.text.found == len(c.gold.defects)
    assert c.extra == set()


def _text_doc(text: str, doc_type: str) -> Document:
    return Document(id="d1", path="d.docx", text=text, doc_type=doc_type, title=doc_type)


def test_a_label_is_not_given_the_next_rows_label() -> None:
    """A head line ending in a label word, then the form's next row: 「…有限公司法定代表人」
    is a duty, and 「| 询问人 |」 is no legal representative."""
    doc = _text_doc(
        "调查询问笔录\n被询问人：孙某强 职务：某某铸造有限公司法定代表人\n"
        "| 询问人 | 刘某峰、许某 |\n| 记录人 | 许某 |\n问：你是否申请回避？\n答：不申请。",
        "询问笔录",
    )
    assert _values(doc, "legal_representative") == []


def test_an_address_stops_at_the_cell_bar() -> None:
    doc = _text_doc(
        "立案登记表\n| 当事人 | 段某华，女，住滇平县松茂镇小箐村12号 |\n"
        "| 案由 | 擅自改变林地用途 |",
        "立案审批表",
    )
    assert _values(doc, "party_address") == ["滇平县松茂镇小箐村12号"]


def test_a_signoff_in_a_text_box_over_the_seal() -> None:
    text = (CASEFILES / "chengguan-building" / "09行政处罚决定书.txt").read_text(encoding="utf-8")
    doc = read_docx("09.docx", write_document(text, Style(signoff_box=True)))
    doc.doc_type, doc.type_confidence, doc.title = classify_document(doc, load_catalog())
    assert any(b.locator.startswith("seal:") for b in doc.blocks)
    assert [b.locator for b in doc.blocks if b.locator.startswith("textbox")] == ["textbox0"]
    assert _values(doc, "decision_date") == ["2025年7月10日"]


def test_a_record_in_a_form_cell_keeps_its_lines() -> None:
    """A 笔录 whose questions and answers fill a cell of its form: each on its own line, the
    signature line last; the short cells of the head stay on their rows."""
    doc = _word(
        "gongan-assault", "07行政处罚告知笔录.txt", Style(checkbox="control", record_in_table=True)
    )
    lines = doc.text.split("\n")
    assert "| 被告知人 | 彭志强 | 性别 | 男 | 出生日期 | 1991年5月16日 |" in lines
    assert "问：你是否提出陈述和申辩？" in lines
    assert "答：清楚。" in lines
    assert _values(doc, "notice_date") == ["2026年3月19日"]
