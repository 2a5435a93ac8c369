"""Running a rule on its own examples: each bad example must fire at the stated span, each good
example must not fire. The test suite runs every shipped rule this way. (It runs the engine's
extraction on the examples, so it sits above the engine, not inside `casecheck.rules`.)"""

from __future__ import annotations

from dataclasses import dataclass

from casecheck.classify import classify_document, load_catalog
from casecheck.engine import CheckOptions, build_context
from casecheck.model import Block, CaseFile, Document, Page
from casecheck.rules.pack import Example, Rule
from casecheck.rules.registry import CannotCheck, Hit
from casecheck.rules.runner import hits_for


def example_case(example: Example) -> CaseFile:
    """The example's documents with the type it states; the title line is found as the
    classifier would find it."""
    catalog = load_catalog()
    documents = []
    for n, spec in enumerate(example.docs, 1):
        doc = Document(
            id=f"D{n:02d}",
            path=f"{n:02d}{spec.doc_type}.txt",
            text=spec.text,
            doc_type=spec.doc_type,
            type_confidence=1.0,
            errors=[spec.error] if spec.error else [],
        )
        if spec.ocr:
            doc.text_source = "ocr"
            doc.pages = [Page(1, 0, len(spec.text), "ocr")]
        if spec.seal:
            doc.blocks = [Block(0, len(spec.text), "seal:page1")]
        doc.title = classify_document(doc, catalog)[2]
        documents.append(doc)
    return CaseFile(path="<example>", documents=documents)


@dataclass(frozen=True)
class ExampleResult:
    hits: list[Hit]
    case: CaseFile
    cannot_check: str = ""


def run_example(rule: Rule, example: Example) -> ExampleResult:
    case = example_case(example)
    options = CheckOptions(**example.params) if example.params else CheckOptions()
    ctx = build_context(case, options)
    try:
        return ExampleResult(hits_for(ctx, rule), case)
    except CannotCheck as reason:
        return ExampleResult([], case, str(reason))


def problems_with_bad(rule: Rule, example: Example) -> str | None:
    """Why a bad example does not pass (None when it fires where it should)."""
    result = run_example(rule, example)
    if not result.hits:
        why = f"（无法检查：{result.cannot_check}）" if result.cannot_check else ""
        return f"{rule.id}: 反例没有触发规则{why}"
    if example.quote is None:
        return None
    target = result.case.documents[example.document]
    quotes = [
        target.text[h.start : h.end]
        for h in result.hits
        if h.document == target.id and h.start is not None and h.end is not None
    ]
    if example.quote in quotes:
        return None
    return f"{rule.id}: 反例触发位置为 {quotes or '整份文书'}，应为「{example.quote}」"
