"""The pipeline: read → split → classify → extract → check → report.

Every step is a plain function of its inputs; heavy resources (jieba's dictionary, the law
registry) are loaded once per process and reused across documents and case files.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from casecheck import model
from casecheck.casekind import case_kind, unread_documents
from casecheck.classify import classify_case, load_catalog
from casecheck.ingest import read_path
from casecheck.ingest.ocr import available as ocr_available
from casecheck.ingest.options import Progress, ReadOptions, ReadProgress
from casecheck.ingest.split import split_case
from casecheck.laws.currency import load_currency
from casecheck.laws.registry import load_registry
from casecheck.model import CaseFile, Citation, Element, Event, NotChecked, Report
from casecheck.periods import statutory_periods
from casecheck.resources import load_yaml
from casecheck.rules.context import CaseContext
from casecheck.rules.pack import shipped_and_user_rules
from casecheck.rules.params import detect_department, known_departments
from casecheck.rules.runner import run_rules
from casecheck.scoring import DEFAULT_STANDARD, score
from casecheck.timeline import build_timeline

# Documents that must name one department's authority before the file is taken for it.
MIN_DEPARTMENT_VOTES = 2


@dataclass(frozen=True)
class CheckOptions:
    """What to check a case against; empty strings mean the national defaults."""

    department: str = ""
    region: str = ""
    standard: str = ""
    disabled_rules: tuple[str, ...] = ()
    ocr: bool = True  # recognise scanned pages when the `ocr` extra is installed


def read_case(path: str | Path, read_options: ReadOptions | None = None) -> CaseFile:
    """Read a folder, a .zip or a document into a CaseFile whose documents are typed.

    Files that cannot be read stay in the case as documents with `errors`; nothing raises
    for bad input. The user's files are only ever opened for reading. `read_options` turn OCR
    on or off and report its progress page by page.
    """
    catalog = load_catalog()
    case = split_case(read_path(Path(path), read_options), catalog)
    classify_case(case, catalog)
    return case


def extract(case: CaseFile) -> tuple[list[Element], list[Citation]]:
    """Elements and citations of every readable document, with page numbers filled in."""
    from casecheck.nlp.citations import find_citations
    from casecheck.nlp.elements import extract_elements

    registry = load_registry()

    def canonical(name: str) -> str | None:
        law = registry.resolve_name(name)
        return law.name if law else None

    elements: list[Element] = []
    citations: list[Citation] = []
    for doc in case.documents:
        if not doc.readable:
            continue
        for element in extract_elements(doc):
            if element.page is None and doc.pages:
                element = replace(element, page=doc.page_at(element.start))
            elements.append(element)
        for citation in find_citations(doc.text, doc.id, resolve_name=canonical):
            citations.append(replace(citation, page=doc.page_at(citation.start)))
    return elements, citations


def validate(case: CaseFile, citations: list[Citation], timeline: list[Event]) -> list[Citation]:
    """Each citation checked against the law version in force on its relevant date: the
    violation date for the provisions violated and the penalty basis (行政处罚法第三十七条,
    实体从旧), the decision date for procedure (程序从新). Without any date only what holds on
    every date is checked (an unknown law name, an article beyond every version's count)."""
    from casecheck.laws.validate import validate_citation

    def first(event: str) -> dt.date | None:
        return next((e.date for e in timeline if e.event == event), None)

    decided = max((e.date for e in timeline if e.event == "decision"), default=None)
    latest = max((e.date for e in timeline), default=None)
    violated = first("violation") or first("inspection") or first("filing")
    out = []
    for citation in citations:
        substantive = citation.role in ("violated", "penalty_basis")
        on = (violated if substantive else None) or decided or latest
        doc = case.document(citation.document)
        context = _sentence(doc.text, citation.start, citation.end) if doc else ""
        out.append(validate_citation(citation, on, context, document=doc.text if doc else ""))
    return out


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span: from the previous 。 to the next 。."""
    left = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    right = min(
        (i for i in (text.find("。", end), text.find("\n", end)) if i >= 0), default=len(text)
    )
    return text[left:right]


def _department(case: CaseFile, elements: list[Element]) -> str:
    """The department, from the authority's name: the extracted authorities first, then the
    documents' title lines (which often begin with it), then the department whose authority
    most documents of the file name (a form's header, 询问地点, the sign-off), when at least
    two do — one mention may be another body (a court, an authority a case is moved to)."""
    readable = [d for d in case.documents if d.readable]
    for names in (
        [e.value for e in elements if e.kind == "authority"],
        [d.title for d in readable if d.title],
    ):
        found = detect_department(names)
        if found:
            return found
    patterns = known_departments()
    votes: Counter[str] = Counter()
    for doc in readable:
        mentions = Counter(
            {name: sum(doc.text.count(p) for p in pats) for name, pats in patterns.items()}
        )
        name, count = mentions.most_common(1)[0] if mentions else ("", 0)
        if count:
            votes[name] += 1
    best = votes.most_common(1)
    return best[0][0] if best and best[0][1] >= MIN_DEPARTMENT_VOTES else ""


def build_context(case: CaseFile, options: CheckOptions) -> CaseContext:
    """Everything the rules look at: extracted facts, the timeline, and the department and
    region that select thresholds (detected from the authority's name when not given)."""
    elements, citations = extract(case)
    timeline = build_timeline(elements)
    department = options.department or _department(case, elements)
    return CaseContext(
        case=case,
        elements=elements,
        citations=validate(case, citations, timeline),
        timeline=timeline,
        department=department,
        region=options.region,
    )


def check_case(
    path: str | Path, options: CheckOptions | None = None, progress: Progress | None = None
) -> Report:
    """Read and check one case file; the returned Report is Contract 1's JSON report.

    `progress(ReadProgress)` follows the reading, document k of n and OCR page k of n, and
    then the checking; an exception it raises ends the check (how a caller cancels).
    """
    from casecheck.version import __version__

    options = options or CheckOptions()
    case = read_case(path, ReadOptions(ocr=options.ocr, progress=progress))
    if progress:
        progress(ReadProgress("check", "", len(case.documents), len(case.documents)))
    ctx = build_context(case, options)
    rules = [r for r in shipped_and_user_rules() if r.id not in options.disabled_rules]
    findings, not_checked = run_rules(ctx, rules)
    not_checked += _disabled(options)
    kind = case_kind(case.documents)
    report = Report(
        case_path=str(path),
        department=ctx.department,
        region=options.region,
        standard=options.standard,
        tool_version=__version__,
        documents=case.documents,
        elements=ctx.elements,
        citations=ctx.citations,
        timeline=ctx.timeline,
        findings=findings,
        not_checked=_unread_pages(case, options)
        + not_checked
        + _changed_laws(ctx.citations)
        + _manual_checks(),
        kind=kind.kind,
        kind_reason=kind.reason,
        unread=unread_documents(case.documents),
    )
    report.periods = statutory_periods(ctx, rules)
    currency = load_currency()
    report.laws_current_to = currency.current_to.isoformat()
    report.law_notes = currency.notes(ctx.reference_date)
    _number_findings(report)
    report.score = score(report, options.standard or DEFAULT_STANDARD)
    report.standard = report.score.standard
    return report


def _changed_laws(citations: list[Citation]) -> list[NotChecked]:
    """One entry per law whose citations were not checked because it changed after the law
    facts' date in a way the facts do not hold (the citation's `note` says how)."""
    notes = {c.law: c.note for c in citations if c.note}
    return [NotChecked(check=f"引用的《{law}》", reason=note) for law, note in notes.items()]


def _unread_pages(case: CaseFile, options: CheckOptions) -> list[NotChecked]:
    if not options.ocr:
        remedy = "OCR 已关闭；开启 OCR 后重新检查"
    elif ocr_available():
        remedy = "OCR 识别超时或失败；请检查扫描质量，或提供文字版文件"
    else:
        remedy = "安装 OCR 扩展（pip install casecheck[ocr]）后重新检查"
    out = []
    for doc in case.documents:
        pages = doc.pages_needing_ocr()
        if pages:
            shown = "、".join(str(p) for p in pages[:20]) + ("等" if len(pages) > 20 else "")
            out.append(
                NotChecked(
                    check=f"文书内容：{doc.path}",
                    reason=f"第{shown}页没有文字层（扫描件），未能识别文字；{remedy}",
                )
            )
    return out


def _disabled(options: CheckOptions) -> list[NotChecked]:
    if not options.disabled_rules:
        return []
    return [NotChecked("、".join(options.disabled_rules), "这些规则已在设置中关闭，未执行")]


def _manual_checks() -> list[NotChecked]:
    return [NotChecked(item["check"], item["reason"]) for item in load_yaml("manual_checks.yaml")]


def _number_findings(report: Report) -> None:
    order = {d.id: n for n, d in enumerate(report.documents)}
    report.findings.sort(
        key=lambda f: (
            model.SEVERITY_ORDER[f.severity],
            order.get(f.document or "", -1),
            f.start or 0,
        )
    )
    for n, finding in enumerate(report.findings, 1):
        finding.id = f"F{n:03d}"
