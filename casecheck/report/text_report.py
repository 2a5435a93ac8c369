"""The terminal report: documents, findings by severity, elements per document, and what
could not be checked. Zero findings is never presented as a clearance."""

from __future__ import annotations

from collections import Counter, defaultdict

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from casecheck.labels import (
    CITATION_ROLE_LABELS,
    CITATION_STATUS_LABELS,
    ELEMENT_LABELS,
    SEVERITY_LABELS,
    TEXT_SOURCE_LABELS,
    basis_text,
    describe_normalized,
    law_date_line,
    place_text,
    places_text,
    score_text,
)
from casecheck.model import SEVERITY_ORDER, Finding, Report

SEVERITY_STYLES = {
    "veto": "bold white on red",
    "major": "bold red",
    "minor": "yellow",
    "hint": "cyan",
}


def render_text(report: Report, console: Console) -> None:
    docs = {d.id: d for d in report.documents}
    console.print(Text(f"案卷检查报告：{report.case_path}", style="bold"))
    scope = "、".join(x for x in (report.department, report.region) if x)
    console.print(f"检查范围：{escape(scope) if scope else '全国通用规则（未识别执法部门）'}")
    console.print(_score_line(report))
    console.print(escape(law_date_line(report.laws_current_to, report.law_notes)))
    console.print(_documents_table(report))

    counts = Counter(f.severity for f in report.findings)
    summary = "，".join(f"{SEVERITY_LABELS[s]} {counts[s]}" for s in SEVERITY_ORDER if counts[s])
    console.print(
        Text(
            f"\n发现的问题：{len(report.findings)} 项" + (f"（{summary}）" if summary else ""),
            style="bold",
        )
    )
    for finding in report.findings:
        console.print(_finding_panel(finding, docs))

    _print_elements(report, console)
    _print_citations(report, console)

    console.print(Text("\n未能检查的内容", style="bold"))
    if report.not_checked:
        for item in report.not_checked:
            console.print(f"  • {escape(item.check)}：{escape(item.reason)}")
    else:
        console.print("  （无）")
    console.print(Text("\n" + conclusion(report), style="bold"))


def _score_line(report: Report) -> str:
    return escape(score_text(report.score))


def conclusion(report: Report) -> str:
    """One closing sentence; it never declares a case file 合格 by the absence of findings."""
    counts = Counter(f.severity for f in report.findings)
    gaps = f"另有 {len(report.not_checked)} 项内容未能检查，见上。" if report.not_checked else ""
    if counts["veto"]:
        return f"结论：存在 {counts['veto']} 项否决级问题，案卷在整改前不宜提交评查。{gaps}"
    if report.findings:
        return f"结论：共发现 {len(report.findings)} 项问题，请逐项核对整改。{gaps}"
    return "结论：已执行的检查未发现问题；这不等于案卷合格，检查只覆盖上列规则。" + gaps


def _documents_table(report: Report) -> Table:
    table = Table(title=f"文书（{len(report.documents)} 份）", title_justify="left")
    for header in ("编号", "文件", "类型", "置信度", "页数", "字数", "文字来源", "问题"):
        table.add_column(header)
    for doc in report.documents:
        worst = report.worst_severity(doc.id)
        flag = Text(SEVERITY_LABELS[worst], style=SEVERITY_STYLES[worst]) if worst else Text("")
        if doc.source_pages:
            path = f"{doc.path}（第{doc.source_pages[0]}–{doc.source_pages[1]}页）"
        else:
            path = doc.path
        table.add_row(
            doc.id,
            escape(path),
            doc.doc_type,
            f"{doc.type_confidence:.2f}",
            str(doc.page_count) if doc.page_count else "-",
            str(doc.chars),
            TEXT_SOURCE_LABELS.get(doc.text_source, doc.text_source),
            flag,
        )
    return table


def _finding_panel(finding: Finding, docs: dict) -> Panel:
    paths = {doc_id: f"{doc_id} {doc.path}" for doc_id, doc in docs.items()}
    where = place_text(finding.document, finding.page, paths)
    lines: list[Text | str] = [Text(finding.message)]
    if finding.quote:
        lines.append(Text(f"原文：「{finding.quote}」", style="dim"))
    if len(finding.locations) > 1:
        lines.append(
            Text(f"出现位置（{len(finding.locations)} 处）：{places_text(finding, paths)}")
        )
    if finding.basis:
        lines.append(Text(f"判断依据：{basis_text(finding)}", style="dim"))
    if finding.legal_basis:
        lines.append(Text(f"依据：{finding.legal_basis}"))
    if finding.suggestion:
        lines.append(Text(f"建议：{finding.suggestion}", style="green"))
    title = Text.assemble(
        (f" {SEVERITY_LABELS[finding.severity]} ", SEVERITY_STYLES[finding.severity]),
        f" {finding.id} {finding.rule_id} {finding.title}",
    )
    return Panel(
        Group(*lines),
        title=title,
        title_align="left",
        subtitle=escape(where),
        subtitle_align="right",
    )


def _print_elements(report: Report, console: Console) -> None:
    if not report.elements:
        return
    by_doc = defaultdict(list)
    for element in report.elements:
        by_doc[element.document].append(element)
    console.print(Text("\n要素（按文书）", style="bold"))
    for doc in report.documents:
        if doc.id not in by_doc:
            continue
        table = Table(title=f"{doc.id} {doc.doc_type}", title_justify="left", show_header=False)
        table.add_column("要素", style="bold")
        table.add_column("值")
        for element in by_doc[doc.id]:
            table.add_row(
                ELEMENT_LABELS.get(element.kind, element.kind),
                escape(describe_normalized(element.kind, element.normalized)),
            )
        console.print(table)


def _print_citations(report: Report, console: Console) -> None:
    if not report.citations:
        return
    table = Table(title=f"引用条款（{len(report.citations)} 处）", title_justify="left")
    for header in ("文书", "条款", "作用", "核验"):
        table.add_column(header)
    for c in report.citations:
        ref = c.law + "".join(
            f"第{n}{unit}"
            for n, unit in ((c.article, "条"), (c.paragraph, "款"), (c.item, "项"))
            if n
        )
        status = CITATION_STATUS_LABELS[c.status] + (f"：{c.note}" if c.note else "")
        table.add_row(c.document, escape(ref), CITATION_ROLE_LABELS[c.role], escape(status))
    console.print(table)
