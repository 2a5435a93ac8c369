"""Splitting one multi-document PDF into its documents. All texts are invented."""

from __future__ import annotations

from casecheck.classify import classify_case, load_catalog
from casecheck.ingest.split import split_case
from casecheck.model import Block, CaseFile, Document, Page

CATALOG = load_catalog()

FILING = "\n".join(
    [
        "立案审批表",
        "案由：销售超过保质期的食品",
        "当事人：青禾食品贸易有限公司",
        "承办人意见：建议立案调查。2025年3月2日",
    ]
)
INTERVIEW_1 = "\n".join(
    [
        "询问笔录",
        "询问时间：2025年3月6日9时",
        "被询问人：王小禾",
        "问：我们是青禾市市场监督管理局执法人员，向你出示执法证件。你收到",
    ]
)
# Page 2 of the interview opens mid-sentence with a document name: not a new document.
INTERVIEW_2 = "\n".join(
    [
        "行政处罚告知书的内容你是否清楚？",
        "答：清楚。",
        "问：还有什么补充？",
        "答：没有。",
    ]
)
DECISION = "\n".join(
    [
        "青禾市市场监督管理局",
        "行政处罚决定书",
        "青市监罚〔2025〕18号",
        "当事人：青禾食品贸易有限公司",
        "如不服本决定，可以在六十日内申请行政复议，也可以在六个月内提起行政诉讼。",
    ]
)
SERVICE = "\n".join(
    [
        "送达回证",
        "送达文书：《行政处罚决定书》（青市监罚〔2025〕18号）",
        "受送达人：青禾食品贸易有限公司",
        "签收人：王小禾 2025年5月6日",
    ]
)


def paged_document(pages: list[str | None], doc_id: str = "D01") -> Document:
    """A PDF-like document: page texts joined by newlines; None is a scan awaiting OCR."""
    parts, page_list, blocks, offset = [], [], [], 0
    for number, text in enumerate(pages, start=1):
        body = text or ""
        page_list.append(Page(number, offset, offset + len(body), "text" if text else "none"))
        blocks.append(Block(offset, offset + len(body), f"page{number}"))
        parts.append(body)
        offset += len(body) + 1
    source = "mixed" if None in pages else "text"
    return Document(
        id=doc_id,
        path="卷宗.pdf",
        text="\n".join(parts),
        pages=page_list,
        blocks=blocks,
        text_source=source,
    )


def test_archive_is_split_at_pages_that_start_with_a_title():
    archive = paged_document([FILING, INTERVIEW_1, INTERVIEW_2, DECISION, None, SERVICE])
    other = Document(id="D02", path="照片.docx", text="现场照片两张")
    case = split_case(CaseFile(path="case", documents=[archive, other]), CATALOG)
    classify_case(case, CATALOG)

    parts = case.documents[:-1]
    assert case.documents[-1] is other
    assert [(d.id, d.doc_type, d.source_pages) for d in parts] == [
        ("D01-1", "立案审批表", (1, 1)),
        ("D01-2", "询问笔录", (2, 3)),
        ("D01-3", "行政处罚决定书", (4, 5)),
        ("D01-4", "送达回证", (6, 6)),
    ]
    assert all(d.path == "卷宗.pdf" for d in parts)
    assert [[p.number for p in d.pages] for d in parts] == [[1], [2, 3], [4, 5], [6]]
    assert [d.text_source for d in parts] == ["text", "text", "mixed", "text"]
    assert parts[2].pages_needing_ocr() == [5]


def test_parts_keep_file_page_numbers_with_offsets_into_their_own_text():
    archive = paged_document([FILING, INTERVIEW_1, INTERVIEW_2, DECISION, None, SERVICE])
    parts = split_case(CaseFile(path="case", documents=[archive]), CATALOG).documents
    interview = parts[1]
    assert interview.text == INTERVIEW_1 + "\n" + INTERVIEW_2
    assert [interview.text[p.start : p.end] for p in interview.pages] == [INTERVIEW_1, INTERVIEW_2]
    assert interview.page_at(interview.text.index("答：清楚")) == 3
    assert [(b.locator, interview.text[b.start : b.end]) for b in interview.blocks] == [
        ("page2", INTERVIEW_1),
        ("page3", INTERVIEW_2),
    ]
    decision = parts[2]
    assert decision.text.startswith("青禾市市场监督管理局\n行政处罚决定书")
    assert [b.locator for b in decision.blocks] == ["page4", "page5"]


def test_document_without_titles_on_later_pages_stays_whole():
    interview = paged_document([INTERVIEW_1, INTERVIEW_2, "问：以上记录是否属实？\n答：属实。"])
    case = CaseFile(path="case", documents=[interview])
    result = split_case(case, CATALOG)
    assert result is not case
    assert result.documents == [interview]
    assert result.documents[0].source_pages is None


def test_single_page_and_unreadable_documents_are_not_split():
    single = paged_document([DECISION])
    scanned = paged_document([None, None])
    result = split_case(CaseFile(path="case", documents=[single, scanned]), CATALOG)
    assert result.documents == [single, scanned]


def test_title_repeated_on_a_continuation_page_does_not_split():
    continued = "询问笔录（第2页）\n问：还有什么补充？\n答：没有。"
    interview = paged_document([INTERVIEW_1, continued, SERVICE])
    parts = split_case(CaseFile(path="case", documents=[interview]), CATALOG).documents
    assert [d.source_pages for d in parts] == [(1, 2), (3, 3)]


def test_title_below_a_page_header_starts_a_document():
    notice = "\n".join(
        ["青禾市市场监督管理局", "青市监罚告〔2025〕12号", "行政处罚告知书", "本局拟对你单位"]
    )
    parts = split_case(
        CaseFile(path="case", documents=[paged_document([FILING, notice])]), CATALOG
    ).documents
    classify_case(CaseFile(path="case", documents=parts), CATALOG)
    assert [(d.doc_type, d.source_pages) for d in parts] == [
        ("立案审批表", (1, 1)),
        ("行政处罚告知书", (2, 2)),
    ]
