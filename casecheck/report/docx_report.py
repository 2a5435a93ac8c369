"""The Word 评查报告 of one case, and the Word summary of a batch (python-docx).

Chinese text needs the East Asian font set on each style (`w:rFonts/@w:eastAsia`); python-docx's
`font.name` sets only the Latin fonts.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from casecheck.classify import STAGES, load_catalog
from casecheck.labels import SEVERITY_LABELS, basis_text, event_label, law_date_line, places_text
from casecheck.model import Finding, Report
from casecheck.report.text_report import conclusion
from casecheck.report.xlsx_report import case_label
from casecheck.scoring import Assessment, load_standard

if TYPE_CHECKING:
    from casecheck.batch_stats import BatchStats, FineGroup

BODY_FONT, HEADING_FONT = "仿宋", "黑体"
WHOLE_CASE = "全卷"


def new_document() -> WordDocument:
    """A blank document whose body and heading styles use Chinese fonts."""
    document = docx.Document()
    for style_name, font in (
        ("Normal", BODY_FONT),
        ("Title", HEADING_FONT),
        ("Heading 1", HEADING_FONT),
        ("Heading 2", HEADING_FONT),
        ("Table Grid", BODY_FONT),
    ):
        style = document.styles[style_name]
        style.font.name = font
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    document.styles["Normal"].font.size = Pt(12)
    return document


def write_case_docx(report: Report, assessment: Assessment, path: Path) -> Path:
    """Write the 评查报告 of one case: summary, score and grade, veto reasons, findings by stage
    with the deduction, legal basis and 整改意见, the timeline, and what was not checked."""
    document = new_document()
    document.add_heading("行政处罚案卷评查报告", level=0)
    _summary(document, report)
    _result(document, assessment)
    _veto(document, assessment)
    _findings(document, report, assessment)
    _timeline(document, report)
    _not_checked(document, report)
    document.add_paragraph(conclusion(report))
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _first(report: Report, kind: str) -> str:
    return next((e.value for e in report.elements if e.kind == kind), "未识别")


def _summary(document: WordDocument, report: Report) -> None:
    document.add_heading("一、案卷概况", level=1)
    for label, value in (
        ("案卷", case_label(report)),
        ("执法机关", _first(report, "authority")),
        ("当事人", _first(report, "party_name")),
        ("案由", _first(report, "case_cause")),
        ("文书", f"{len(report.documents)} 份"),
        ("法律依据核对", law_date_line(report.laws_current_to, report.law_notes)),
    ):
        document.add_paragraph(f"{label}：{value}")
    table = _table(document, ("编号", "文件", "文书类型"))
    for doc in report.documents:
        note = f"（无法读取：{'；'.join(doc.errors)}）" if doc.errors else ""
        _add_row(table, (doc.id, doc.path, doc.doc_type + note))


def _result(document: WordDocument, a: Assessment) -> None:
    document.add_heading("二、评查结论", level=1)
    score, std = a.score, a.standard
    document.add_paragraph(f"评查标准：{std.title}")
    document.add_paragraph(f"标准来源：{std.source}")
    grade = score.grade or "无法评分"
    document.add_paragraph(
        f"得分：{_num(score.score)}分（满分{_num(score.total)}分）；等次：{grade}；分流：{a.triage}"
    )
    if score.reason:
        document.add_paragraph(f"说明：{score.reason}")
    if not (std.verified and std.bands_verified):
        document.add_paragraph(
            "说明：本标准的分值或等次线未经官方文本核实，可在评查标准文件中按当地标准调整。"
            + "等次线："
            + "，".join(f"{b.grade}≥{_num(b.min)}分" for b in std.bands[:-1])
            + (f"（{std.bands_source}）" if std.bands_source else "")
        )
    if a.ranged:
        document.add_paragraph(
            f"有 {len(a.ranged)} 处扣分为幅度扣分，暂按下限计算，请评查人员酌定。"
        )


def _veto(document: WordDocument, a: Assessment) -> None:
    document.add_heading("三、否决事项", level=1)
    if not a.veto:
        document.add_paragraph("未发现命中否决项的问题。")
        return
    for d in a.veto:
        assert d.item is not None
        document.add_paragraph(
            f"{d.item.content}：{d.finding.id} {d.finding.message}", style="List Bullet"
        )


def _stage(finding: Finding, report: Report) -> str:
    doc = next((d for d in report.documents if d.id == finding.document), None)
    doc_type = load_catalog().get(doc.doc_type) if doc else None
    return doc_type.stage if doc_type else WHOLE_CASE


def _findings(document: WordDocument, report: Report, a: Assessment) -> None:
    document.add_heading("四、发现的问题（按办案环节）", level=1)
    if not report.findings:
        document.add_paragraph("已执行的检查未发现问题；这不等于案卷合格，检查只覆盖所列规则。")
        return
    items = {i.id: i for i in (*a.standard.veto_items, *a.standard.items)}
    ranged = {id(d.finding): d.ranged for d in a.ranged}
    by_stage: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_stage[_stage(finding, report)].append(finding)
    docs = {d.id: d for d in report.documents}
    for stage in (*STAGES, WHOLE_CASE):
        for f in by_stage.get(stage, ()):
            document.add_heading(
                f"【{stage}】{f.id} {f.title}（{SEVERITY_LABELS[f.severity]}）", level=2
            )
            where = places_text(f, {d.id: d.path for d in docs.values()})
            charge = a.score.charges.get(f.id)
            item = items.get(charge.item or "") if charge else None
            if item is None or charge is None:
                basis = "未列入本标准，不扣分"
            elif charge.item in {d.item.id for d in a.veto if d.item}:
                basis = f"否决项 {item.id}：{item.content}"
            else:
                basis = f"{item.id} {item.content}，扣{_num(charge.points)}分"
                if ranged.get(id(f)):
                    low, high = ranged[id(f)]
                    basis += f"（幅度{_num(low)}–{_num(high)}分，请酌定）"
            lines = [
                ("问题", f.message),
                ("位置", where),
                ("原文", f"「{f.quote}」" if f.quote else ""),
                ("判断依据", basis_text(f)),
                ("扣分依据", basis),
                ("法律依据", f.legal_basis),
                ("整改意见", f.suggestion),
            ]
            for label, text in lines:
                if text:
                    document.add_paragraph(f"{label}：{text}")


def _timeline(document: WordDocument, report: Report) -> None:
    document.add_heading("五、办案时间线", level=1)
    if not report.timeline:
        document.add_paragraph("未能从文书中识别出日期。")
        return
    types = {d.id: d.doc_type for d in report.documents}
    table = _table(document, ("日期", "事项", "文书"))
    for event in sorted(report.timeline, key=lambda e: e.date):
        label = event_label(event.event, types.get(event.document, ""))
        where = f"{event.document} {types.get(event.document, '')}".strip()
        _add_row(table, (event.date.isoformat(), label, where))


def _not_checked(document: WordDocument, report: Report) -> None:
    document.add_heading("六、未能检查的内容", level=1)
    if not report.not_checked:
        document.add_paragraph("（无）")
    for item in report.not_checked:
        document.add_paragraph(f"{item.check}：{item.reason}", style="List Bullet")


def _table(document: WordDocument, headers: Sequence[str]):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    return table


def _add_row(table, values: Sequence[str]) -> None:
    for cell, value in zip(table.add_row().cells, values, strict=True):
        cell.text = str(value)


def write_batch_docx(stats: BatchStats, path: Path) -> Path:
    """The Word summary of a batch: triage, score distribution, frequent defects, per authority
    and 同案不同罚 (fines of cases citing the same violated provision), with charts."""
    from casecheck.report import charts  # matplotlib only when a batch summary is written

    document = new_document()
    document.add_heading("行政处罚案卷批量评查汇总报告", level=0)
    document.add_paragraph(
        f"案卷 {stats.cases} 卷；评查标准：{load_standard(stats.standard).title}；"
        + "，".join(f"{k} {v} 卷" for k, v in stats.triage.items())
    )
    document.add_heading("一、得分分布", level=1)
    table = _table(document, ("分数段", "案卷数"))
    for band, count in stats.score_bands.items():
        _add_row(table, (band, str(count)))
    _chart(
        document,
        charts.score_chart(stats),
        "图1 案卷得分分布（颜色为评查标准的等次）",
        "没有已评分的案卷，不绘制得分分布图。",
    )
    document.add_heading("二、常见问题", level=1)
    table = _table(document, ("问题", "出现次数", "涉及案卷"))
    for row in stats.top_defects:
        _add_row(table, (row.title, str(row.findings), str(row.cases)))
    document.add_heading("三、按执法机关", level=1)
    table = _table(document, ("执法机关", "案卷数", "平均分", "不合格"))
    for row in stats.authorities:
        _add_row(table, (row.authority, str(row.cases), _num(row.mean_score), str(row.failed)))
    document.add_heading("四、同案不同罚", level=1)
    shown = min(len(stats.fine_groups), charts.MAX_FINE_ROWS)
    _chart(
        document,
        charts.fines_chart(stats.fine_groups),
        "图2 同一违法条款的罚款分布（对数刻度；方框为四分位距，红色为离群值）"
        + (f"，仅列案卷最多的 {shown} 个条款" if shown < len(stats.fine_groups) else ""),
        "没有两卷以上引用同一违法条款并载明罚款的案卷。",
    )
    for group in stats.fine_groups[: charts.MAX_FINE_ROWS]:
        document.add_heading(group.provision, level=2)
        document.add_paragraph(
            f"{len(group.fines)} 卷；罚款 {_num(group.low)}–{_num(group.high)} 元，"
            f"中位数 {_num(group.median)} 元，最高为最低的 {group.spread:.1f} 倍。"
        )
        listed = _listed_fines(group)
        table = _table(document, ("案卷", "罚款（元）", "离群"))
        for case, fine in listed:
            _add_row(table, (case, _num(fine), "是" if case in group.outliers else ""))
        if len(listed) < len(group.fines):
            document.add_paragraph(_ELSEWHERE.format(n=len(group.fines) - len(listed)))
    if len(stats.fine_groups) > charts.MAX_FINE_ROWS:
        document.add_paragraph(_ELSEWHERE.format(n=len(stats.fine_groups) - charts.MAX_FINE_ROWS))
    if stats.failed_cases:
        document.add_heading("五、无法读取的案卷", level=1)
        for name in stats.failed_cases[:MAX_LISTED]:
            document.add_paragraph(name, style="List Bullet")
        if len(stats.failed_cases) > MAX_LISTED:
            document.add_paragraph(_ELSEWHERE.format(n=len(stats.failed_cases) - MAX_LISTED))
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


# A Word summary lists at most this many cases in one place (the rest are in the batch's JSON
# summary): a report a panel reads, and memory that does not grow with the batch.
MAX_LISTED = 30
_ELSEWHERE = "另有 {n} 项未在此列出，见批量结果中的 batch-summary.json。"


def _listed_fines(group: FineGroup) -> list[tuple[str, float]]:
    """The cases of a group to list: all of a small group; else the outliers and the lowest
    and highest fines, in fine order."""
    ordered = sorted(group.fines, key=lambda pair: pair[1])
    if len(ordered) <= MAX_LISTED:
        return ordered
    outliers = [pair for pair in ordered if pair[0] in group.outliers][:MAX_LISTED]
    room = max(MAX_LISTED - len(outliers), 2)
    ends = ordered[: room // 2] + ordered[-(room - room // 2) :]
    keep = {id(pair) for pair in (*outliers, *ends)}
    return [pair for pair in ordered if id(pair) in keep]


def _chart(document: WordDocument, png: bytes | None, caption: str, nothing: str) -> None:
    """A chart across the text width with its caption below, or the sentence `nothing`."""
    if png is None:
        document.add_paragraph(nothing)
        return
    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    document.add_picture(io.BytesIO(png), width=width)
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(caption).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")
