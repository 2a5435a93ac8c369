"""Word versions of the hand-written case files (tests/casefiles), laid out as official forms.

A department's forms are Word tables, not `| 栏 | 值 |` text: a label cell beside a value cell
spanning the rest of the grid, the party's facts as sub-rows under a vertically merged 当事人
cell, opinion labels written one character per line (承\\n办\\n人\\n意\\n见), the signature
and the date on their own lines below the opinion, options as check boxes (□直接送达 ☑邮寄送达)
written the way that department's template writes them (Unicode boxes, Wingdings symbols or
check-box content controls), the 文号 in the page header, 第X页共Y页 in the footer, the head
of a 笔录 (时间/地点/询问人…) as a form, and a red seal picture on the decision (with the
authority and the date in a text box over it, for some).

    write_case(case_dir, out_dir, style) -> folder of .docx (existing .docx are copied)
"""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from tests.ofd_writer import seal_png

ROW = re.compile(r"^\s*[|｜](.*)[|｜]\s*$")
DOC_NUMBER = re.compile(r"^\S{0,20}[〔\[（(]\d{4}[〕\]）)]\S{0,12}号$")
SIGNED = re.compile(
    r"^(?P<text>.*?[。；！])?\s*(?P<who>[^。；]{0,40}?)\s*(?P<date>\d{4}年\d{1,2}月\d{1,2}日(?:\d{1,2}时(?:\d{1,2}分)?)?)$"
)
FIELD = re.compile(r"(?P<label>[^：:\u3000]{1,12})[：:](?P<value>[^\u3000]*)")
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
TITLE = re.compile(r"[书表单证录据告执]$|笔录|回执|报告")
VERTICAL = re.compile(r"意见|审批|案情|来源|情况|记录|签收|事实|依据")
PARTY_GROUP = ("统一社会信用代码", "法定代表人", "负责人", "地址", "住所", "身份证号")
SERVICE_METHODS = ("直接送达", "留置送达", "邮寄送达", "委托送达", "电子送达", "公告送达")
CASE_SOURCES = ("检查发现", "投诉举报", "上级交办", "移送", "其他")
GRID = 4
SYM_FONT = "Wingdings 2"
SYM_CHECKED, SYM_EMPTY = "F052", "F0A3"  # ☑ and □ in Wingdings 2


@dataclass(frozen=True)
class Style:
    """How one department's templates write a form."""

    checkbox: str = "unicode"  # "unicode" (□/☑), "symbol" (w:sym Wingdings 2), "control" (w14)
    vertical_labels: bool = True
    party_group: bool = True  # 当事人 as a vertically merged cell over its facts
    interview_form: bool = True  # the head of a 笔录 as a table
    signoff_box: bool = False  # a decision's authority and date in a text box over the seal
    record_in_table: bool = False  # a 笔录's questions and answers in a cell of its form


def write_case(case_dir: Path, out_dir: Path, style: Style = Style()) -> Path:
    out = out_dir / case_dir.name
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(case_dir.iterdir()):
        if path.suffix == ".txt":
            data = write_document(path.read_text(encoding="utf-8"), style)
            (out / f"{path.stem}.docx").write_bytes(data)
        elif path.is_file():
            shutil.copy(path, out / path.name)
    return out


def write_document(text: str, style: Style = Style()) -> bytes:
    word = docx.Document()
    section = word.sections[0]
    head, body = _head(text.rstrip("\n").split("\n"))
    title = next((line for line in head if TITLE.search(line)), "")
    for line in head:
        if DOC_NUMBER.match(line.strip()):
            para = section.header.paragraphs[0]
            para.text = line.strip()
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            para = word.add_paragraph()
            run = para.add_run(line)
            run.bold = line == title
            run.font.size = Pt(18 if line == title else 14)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _footer(section, pages=1 + len(text) // 900)
    decision = "决定书" in title
    interview = "笔录" in title and style.interview_form
    rows: list[list[str]] = []
    fields: list[list[tuple[str, str]]] = []
    in_head = True  # the record's head: its field lines before the first line of text
    lines = [*body, ""]
    boxed: set[int] = set()  # lines written in the sign-off box
    record: list[str] = []  # a 笔录's text, for its form's cell
    for i, line in enumerate(lines):
        if i in boxed:
            continue
        if m := ROW.match(line):
            rows.append([c.strip() for c in re.split(r"[|｜]", m.group(1))])
            continue
        if rows:
            _form(word, rows, style)
            rows = []
        pairs = _fields(line) if interview and in_head else []
        in_head = bool(pairs) or (in_head and not fields and not line.strip())
        if pairs:
            fields.append(pairs)
            continue
        if fields:
            _field_form(word, fields)
            fields = []
        if not line.strip():
            continue
        if interview and style.record_in_table:
            record.append(line)
            continue
        sealed = decision and line.endswith(("（印章）", "（公章）"))
        if sealed and style.signoff_box:
            dated = bool(DATE.fullmatch(lines[i + 1].strip()))
            box = [line, lines[i + 1]] if dated else [line]
            boxed |= {i + 1} if dated else set()
            para = word.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            para.add_run().add_picture(io.BytesIO(seal_png()), width=Mm(40))
            para._p.append(_text_box(box))
            continue
        para = word.add_paragraph(line)
        if sealed:
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            para.add_run().add_picture(io.BytesIO(seal_png()), width=Mm(40))
        elif DATE.fullmatch(line.strip()):
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            para.paragraph_format.first_line_indent = Pt(24)
    if record:
        _record_form(word, record, style)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _record_form(word: docx.document.Document, record: list[str], style: Style) -> None:
    """The record's text in the value cell of one row, under the label 笔录内容."""
    row = word.add_table(rows=1, cols=GRID).rows[0].cells
    _write(row[0], "笔录内容", vertical=style.vertical_labels)
    cell = row[1].merge(row[-1])
    cell.paragraphs[0].text = record[0]
    for line in record[1:]:
        cell.add_paragraph(line)


def _head(lines: list[str]) -> tuple[list[str], list[str]]:
    """The centred lines (authority, title, 文号) before the first blank line or form row."""
    head: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip() or ROW.match(line) or "：" in line or len(head) == 3:
            return head, lines[i:]
        head.append(line.strip())
    return head, []


def _fields(line: str) -> list[tuple[str, str]]:
    """「询问人：甲、乙　记录人：乙」 as label/value pairs, or [] for a line of text."""
    pieces = [p for p in line.split("\u3000") if p.strip()]
    pairs = [FIELD.fullmatch(p.strip()) for p in pieces]
    if not pieces or not all(pairs) or len(pieces) > 4:
        return []
    return [(m.group("label"), m.group("value")) for m in pairs if m]


def _form(word: docx.document.Document, rows: list[list[str]], style: Style) -> None:
    grouped = style.party_group and _party_rows(rows)
    table = word.add_table(rows=0, cols=max(GRID, *map(len, rows)))
    table.style = "Table Grid"
    group_start = None
    for i, cells in enumerate(rows):
        row = table.add_row().cells
        label = cells[0]
        if grouped and i in grouped:
            if group_start is None:
                group_start = row[0]
                _write(row[0], "当事人", vertical=style.vertical_labels)
                _write(row[1], "名称")
            else:
                group_start.merge(row[0])
                _write(row[1], label)
            _value(row[2].merge(row[-1]), cells[1], label, style)
            continue
        if len(cells) == 2:
            value = row[1].merge(row[-1])
            _write(row[0], label, vertical=style.vertical_labels and bool(VERTICAL.search(label)))
            _value(value, cells[1], label, style)
        else:
            _spread(row, cells)


def _party_rows(rows: list[list[str]]) -> set[int]:
    """The 当事人 row and the party's facts right after it, when there are at least two."""
    for i, cells in enumerate(rows):
        if len(cells) == 2 and cells[0] == "当事人":
            n = i + 1
            while n < len(rows) and len(rows[n]) == 2 and rows[n][0].startswith(PARTY_GROUP):
                n += 1
            return set(range(i, n)) if n - i >= 3 else set()
    return set()


def _field_form(word: docx.document.Document, fields: list[list[tuple[str, str]]]) -> None:
    """The head of a record as a form: each line's label/value pairs side by side."""
    table = word.add_table(rows=0, cols=max(GRID, *(2 * len(pairs) for pairs in fields)))
    table.style = "Table Grid"
    for pairs in fields:
        _spread(table.add_row().cells, [text for pair in pairs for text in pair])
    fields.clear()


def _spread(row: tuple[_Cell, ...], texts: list[str]) -> None:
    """Texts in the row's cells, the last cell merged to the end of the row."""
    last = row[len(texts) - 1].merge(row[-1]) if len(texts) < len(row) else row[-1]
    for j, text in enumerate(texts):
        _write(row[j] if j < len(texts) - 1 else last, text)


def _write(cell: _Cell, text: str, vertical: bool = False) -> None:
    para = cell.paragraphs[0]
    if vertical and len(text) > 1:
        para.text = text[0]
        for char in text[1:]:
            cell.add_paragraph(char)
        return
    para.text = text


def _value(cell: _Cell, text: str, label: str, style: Style) -> None:
    """A value cell: options as check boxes, an opinion with its signature and date below."""
    options = (
        SERVICE_METHODS if "送达方式" in label else CASE_SOURCES if "案件来源" in label else ()
    )
    if options:
        _options(cell.paragraphs[0], text, options, style)
        return
    m = SIGNED.match(text)
    if m and m.group("who") and len(text) > len(m.group("date")) + 2:
        cell.paragraphs[0].text = (m.group("text") or "").strip()
        who = cell.add_paragraph(m.group("who").strip())
        when = cell.add_paragraph(m.group("date"))
        who.alignment = when.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return
    cell.paragraphs[0].text = text


def _options(para, text: str, options: tuple[str, ...], style: Style) -> None:
    """Every option of the form with the one(s) the value names ticked; the rest of the value
    (「（EMS单号：…）」) follows the ticked option; a value naming none is written after the
    options with its box ticked."""
    chosen = [o for o in options if o in text]
    if not chosen:
        _box(para, True, style)
        para.add_run(text + "\u3000")
    for option in options:
        ticked = option in chosen
        _box(para, ticked, style)
        note = text.split(option, 1)[1] if ticked else ""
        para.add_run(option + note + "\u3000")


def _box(para, ticked: bool, style: Style) -> None:
    if style.checkbox == "unicode":
        para.add_run("☑" if ticked else "□")
    elif style.checkbox == "symbol":
        run = para.add_run()
        sym = OxmlElement("w:sym")
        sym.set(qn("w:font"), SYM_FONT)
        sym.set(qn("w:char"), SYM_CHECKED if ticked else SYM_EMPTY)
        run._r.append(sym)
    else:
        para._p.append(_checkbox_control(ticked))


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
VML = "urn:schemas-microsoft-com:vml"


def _text_box(lines: list[str]):
    """A floating text box as Word 2010+ saves it: the DrawingML shape and a VML fallback
    holding the same paragraphs."""
    content = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
    content = f"<w:txbxContent>{content}</w:txbxContent>"
    return parse_xml(
        f'<w:r xmlns:w="{W}" xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:v="{VML}">'
        "<mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{content}</wps:txbx></w:drawing>'
        "</mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def _checkbox_control(ticked: bool):
    """A check-box content control as Word 2010+ writes it: w14:checkbox in the properties,
    ☒ or ☐ (MS Gothic) as its content."""
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    box = pr.makeelement(f"{{{W14}}}checkbox", nsmap={"w14": W14})
    checked = box.makeelement(f"{{{W14}}}checked", {f"{{{W14}}}val": "1" if ticked else "0"})
    box.append(checked)
    pr.append(box)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "☒" if ticked else "☐"
    run.append(t)
    content.append(run)
    sdt.append(pr)
    sdt.append(content)
    return sdt


def _footer(section, pages: int) -> None:
    """「第 PAGE 页 共 NUMPAGES 页」 with the fields' cached results, as Word saves them."""
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run("第")
    _field(para, "PAGE", "1")
    para.add_run("页 共")
    _field(para, "NUMPAGES", str(pages))
    para.add_run("页")


def _field(para, code: str, shown: str) -> None:
    for kind, text in (
        ("begin", None),
        ("instr", f" {code} "),
        ("separate", None),
        ("shown", shown),
        ("end", None),
    ):
        run = para.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "shown":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
