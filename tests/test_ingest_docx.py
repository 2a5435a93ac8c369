"""Word (.docx) reading: order of paragraphs and table cells, offsets, headers, text boxes."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from casecheck.ingest import read_path
from casecheck.ingest.docx_reader import DAMAGED
from casecheck.ingest.normalize import normalize_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
VML = "urn:schemas-microsoft-com:vml"
EVIDENCE = [
    ("序号", "证据名称", "证明内容"),
    ("1", "现场检查笔录", "当事人销售过期食品"),
    ("2", "询问笔录", "违法所得金额"),
]


def _txbx(text: str) -> str:
    return f'<w:txbxContent xmlns:w="{W}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'


# A Word 2010+ text box: the DrawingML choice and a VML fallback holding the same text.
TEXT_BOX = f"""
<w:r xmlns:w="{W}" xmlns:mc="{MC}" xmlns:v="{VML}"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
  <mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wps:txbx>{_txbx("（印章）")}</wps:txbx></w:drawing>
    </mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox>{_txbx("（印章）")}</v:textbox></v:shape></w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>"""


def make_decision_docx() -> bytes:
    """A 行政处罚决定书 with header, footer, a split-run paragraph, a merged-cell table."""
    doc = docx.Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "清河县市场监督管理局执法文书"
    section.footer.paragraphs[0].text = "本文书一式两份"
    doc.add_paragraph("行政处罚决定书")
    doc.add_paragraph("清市监罚〔2025〕18号")
    doc.add_paragraph("当事人：青禾示例食品有限公司")
    doc.add_paragraph("")
    split = doc.add_paragraph("决定对当事人处以")
    split.add_run("罚款人民币伍万元整").bold = True
    split.add_run("。")
    doc.add_paragraph("证据清单：")
    table = doc.add_table(rows=4, cols=3)
    for r, row in enumerate(EVIDENCE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = table.cell(3, 1).merge(table.cell(3, 2))
    merged.text = "以上证据均经当事人签字确认"
    table.cell(3, 0).text = "3"
    doc.add_paragraph("处罚日期 ：2025 年 5 月 12 日")
    doc.paragraphs[-1]._p.append(parse_xml(TEXT_BOX))
    doc.add_paragraph("清河县市场监督管理局")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def decision(tmp_path: Path):
    path = tmp_path / "行政处罚决定书.docx"
    path.write_bytes(make_decision_docx())
    case = read_path(path)
    assert len(case.documents) == 1
    return case.documents[0], docx.Document(str(path))


def _block(doc, locator: str) -> str:
    (block,) = [b for b in doc.blocks if b.locator == locator]
    return doc.text[block.start : block.end]


def test_text_in_document_order(decision) -> None:
    doc, _ = decision
    assert doc.errors == []
    assert doc.pages == [] and doc.text_source == "text"
    order = [
        "清河县市场监督管理局执法文书",  # the page header, printed above the body
        "行政处罚决定书",
        "清市监罚〔2025〕18号",
        "决定对当事人处以罚款人民币伍万元整。",
        "证据清单：",
        "现场检查笔录",
        "以上证据均经当事人签字确认",
        "处罚日期：2025年5月12日",
        "清河县市场监督管理局",
        "（印章）",
        "本文书一式两份",
    ]
    position = 0
    for piece in order:  # each piece after the one before
        position = doc.text.index(piece, position) + len(piece)


def test_paragraph_blocks_match_doc_paragraphs(decision) -> None:
    doc, word = decision
    paragraph_blocks = [b for b in doc.blocks if b.locator.startswith("p")]
    assert len(paragraph_blocks) == len(word.paragraphs)
    for block in paragraph_blocks:
        source = word.paragraphs[int(block.locator[1:])].text
        assert doc.text[block.start : block.end] == normalize_text(source).strip("\n")


def test_table_cells_once_each(decision) -> None:
    doc, _ = decision
    assert _block(doc, "t0.r1.c1") == "现场检查笔录"
    assert _block(doc, "t0.r2.c2") == "违法所得金额"
    # The merged cell spans columns 1-2 of row 3: one block, at its first column.
    assert _block(doc, "t0.r3.c1") == "以上证据均经当事人签字确认"
    assert not [b for b in doc.blocks if b.locator == "t0.r3.c2"]
    assert doc.text.count("以上证据均经当事人签字确认") == 1
    cells = [b.locator for b in doc.blocks if b.locator.startswith("t0.")]
    assert len(cells) == 3 * 3 + 2


def test_header_footer_and_text_box(decision) -> None:
    doc, _ = decision
    assert _block(doc, "header") == "清河县市场监督管理局执法文书"
    assert _block(doc, "footer") == "本文书一式两份"
    # The VML fallback copy of the text box is not read a second time.
    assert _block(doc, "textbox0") == "（印章）"
    assert doc.text.count("（印章）") == 1


def test_blocks_are_ordered_and_disjoint(decision) -> None:
    doc, _ = decision
    for before, after in zip(doc.blocks, doc.blocks[1:], strict=False):
        assert before.end < after.start
    # between blocks only line breaks, and the bars of a table row 「| 序号 | 证据名称 |」
    outside = list(doc.text)
    for b in doc.blocks:
        outside[b.start : b.end] = [""] * (b.end - b.start)
    assert set("".join(outside)) == {"\n", "|", " "}
    assert "\n| 1 | 现场检查笔录 | 当事人销售过期食品 |\n" in doc.text


def test_headers_deduplicated_across_sections(tmp_path: Path) -> None:
    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "清河县市场监督管理局"
    word.add_paragraph("第一节")
    second = word.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "清河县市场监督管理局"
    word.add_paragraph("第二节")
    path = tmp_path / "两节.docx"
    word.save(str(path))
    doc = read_path(path).documents[0]
    assert [b.locator for b in doc.blocks].count("header") == 1


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.1])
def test_truncated_docx(tmp_path: Path, keep: float) -> None:
    data = make_decision_docx()
    path = tmp_path / "残缺.docx"
    path.write_bytes(data[: int(len(data) * keep)])
    doc = read_path(path).documents[0]
    assert doc.errors == [DAMAGED]
    assert doc.text == ""


def test_docx_without_main_part(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "坏.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")  # not well-formed XML
    doc = read_path(path).documents[0]
    assert doc.errors == [DAMAGED]


def _xml(body: str) -> object:
    return parse_xml(f'<w:root xmlns:w="{W}">{body}</w:root>')[0]


def test_text_that_paragraph_text_misses(tmp_path: Path) -> None:
    word = docx.Document()
    body = word.element.body
    sect = body[-1]  # the section properties stay last
    sect.addprevious(
        _xml(
            "<w:p><w:r><w:t>罚款人民币</w:t></w:r>"
            "<w:ins w:id='1' w:author='a'><w:r><w:t>伍万元</w:t></w:r></w:ins>"
            "<w:del w:id='2' w:author='a'><w:r><w:delText>叁万元</w:delText></w:r></w:del>"
            "<w:sdt><w:sdtPr><w:alias w:val='当事人'/></w:sdtPr>"
            "<w:sdtContent><w:r><w:t>（青禾示例食品有限公司）</w:t></w:r></w:sdtContent></w:sdt>"
            "<w:r><w:br w:type='page'/><w:t>整</w:t></w:r></w:p>"
        )
    )
    sect.addprevious(
        _xml(
            "<w:sdt><w:sdtContent><w:p><w:r><w:t>封面：清河县市场监督管理局</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        )
    )
    outer = word.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外层"
    outer.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "内层表格"
    header_table = word.sections[0].header.add_table(rows=1, cols=2, width=docx.shared.Cm(10))
    header_table.cell(0, 0).text = "案号"
    header_table.cell(0, 1).text = "清市监立〔2025〕7号"
    path = tmp_path / "修订.docx"
    word.save(str(path))

    doc = read_path(path).documents[0]
    assert doc.errors == []
    assert _block(doc, "p0") == "罚款人民币伍万元（青禾示例食品有限公司）整"
    assert "叁万元" not in doc.text
    assert _block(doc, "sdt0") == "封面：清河县市场监督管理局"
    assert _block(doc, "t0.r0.c1") == "内层表格"
    assert _block(doc, "header") == "案号\n清市监立〔2025〕7号"
