"""Evidence: what the decision cites must be in the file (行政处罚法第四十条、第五十九条第一款
第（二）项), amounts used as a base must be established, and the records of evidence-taking
must show the officers' certificates (第五十五条), the recusal notice (第四十三条) and the
approval and time limit of 先行登记保存 (第五十六条、第八十五条)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from casecheck.casekind import surely_typed
from casecheck.classify import load_catalog
from casecheck.model import Document
from casecheck.nlp.numbers import find_amounts
from casecheck.rules.checks.common import require_case_file, yuan
from casecheck.rules.checks.procedure import last_date
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import CannotCheck, Hit, register
from casecheck.workdays import working_days_between

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule


def _names(text: str, offset: int) -> Iterator[tuple[str, int, int]]:
    """The things one evidence item names, split where it names several (「现场检查笔录及现场
    照片」), with their spans (`offset` is where `text` starts in the document)."""
    for m in re.finditer(r"[^及和、与，,；;]+", text):
        name = m.group().strip()
        if len(name) >= 2:
            start = offset + m.start() + m.group().index(name)
            yield name, start, start + len(name)


def _listed(ctx: CaseContext, rule: Rule, doc: Document) -> Iterator[tuple[str, int, int]]:
    """What a decision lists as evidence: its evidence_item elements and the lists the rule's
    `list_patterns` capture (group `items`), item by item (a line, or a part between ；)
    without the numbering and the 「，证明…」 that follows a name."""
    for item in ctx.elements_in(doc.id, "evidence_item"):
        yield from _names(item.value, item.start)
    mark = re.compile(ctx.param(rule, "item_mark"))
    for pattern in ctx.param(rule, "list_patterns"):
        for m in re.finditer(pattern, doc.text):
            for line in re.finditer(r"[^\n；;]+", m.group("items")):
                start = m.start("items") + line.start()
                lead = mark.match(line.group())
                body = line.group()[lead.end() if lead else 0 :]
                body = re.split(r"[，,；;。]", body)[0]
                yield from _names(body, start + (lead.end() if lead else 0))


def _person(ctx: CaseContext, rule: Rule, item: str) -> str | None:
    """The person whose record an evidence item names (证人张三询问笔录 → 张三); None for a
    role (当事人询问笔录) or an item that names nobody."""
    m = re.search(ctx.param(rule, "person_record"), item)
    if m is None or m.group("name") in ctx.param(rule, "roles"):
        return None
    return m.group("name")


@register(
    "evidence.listed_in_file",
    document_types="types",
    item_mark="regex",
    list_patterns="regexes",
    material_types="types",
    materials="regex_map",
    min_documents="int?",
    person_record="regex",
    roles="texts",
)
def listed_in_file(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Evidence the decision lists that the file does not hold: a document type named by the
    catalog's titles and aliases with no document of that type, or a material (licence copy,
    photos, invoices) that no evidence document mentions."""
    require_case_file(ctx, rule)
    catalog = load_catalog()
    # by function: a 法制审核 row inside an 审批表 is the 法制审核意见书 the decision lists
    present = {f for d in ctx.case.documents for f in catalog.fulfils(d)}
    unsure = not all(surely_typed(d) for d in ctx.case.documents)
    named_types = [catalog.get(name) for name in ctx.param(rule, "document_types")]
    materials = {label: re.compile(p) for label, p in ctx.param(rule, "materials").items()}
    evidence_text = "\n".join(d.text for d in ctx.documents(ctx.param(rule, "material_types")))
    for decision in ctx.documents(rule.applies_to):
        seen: set[tuple[int, int]] = set()
        for text, start, end in _listed(ctx, rule, decision):
            if (start, end) in seen:
                continue
            seen.add((start, end))
            doc_type = next(
                (t for t in named_types if t and t.title_re and t.title_re.search(text)), None
            )
            if doc_type is not None:
                if doc_type.function not in present:
                    values = {"item": text, "where": "卷内没有该文书"}
                    yield Hit(decision.id, start, end, values, "review" if unsure else None)
                elif (person := _person(ctx, rule, text)) and not any(
                    person in d.text for d in ctx.documents([doc_type.name])
                ):
                    values = {"item": text, "where": f"卷内没有{person}的{doc_type.name}"}
                    yield Hit(decision.id, start, end, values, "review" if unsure else None)
                continue
            label = next((k for k, p in materials.items() if p.search(text)), None)
            if label and not materials[label].search(evidence_text):
                yield Hit(decision.id, start, end, {"item": text, "where": "证据材料中未见该材料"})


def _base_amounts(text: str, bases: list[str]) -> Iterator[tuple[str, float, int, int]]:
    """Amounts the text states for a base (货值金额为人民币…元): base, value, span."""
    for m in re.finditer("|".join(map(re.escape, bases)), text):
        window = text[m.end() : m.end() + 30]
        lead = re.match(r"[^，。；\n\d零〇一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]{0,8}", window)
        amounts = find_amounts(window)
        if amounts and lead and amounts[0].start <= lead.end():
            a = amounts[0]
            yield m.group(), a.value, m.end() + a.start, m.end() + a.end


@register(
    "evidence.base_amount_established", bases="texts", min_documents="int?", source_types="types"
)
def base_amount_established(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The decision states a 货值金额 or 违法所得 (the base of a fine or of a confiscation)
    that no investigation document or evidence in the file states."""
    require_case_file(ctx, rule)
    sources = ctx.documents(ctx.param(rule, "source_types"))
    known = [a.value for d in sources for a in find_amounts(d.text)]
    bases = ctx.param(rule, "bases")
    for decision in ctx.documents(rule.applies_to):
        seen = set()
        for base, value, start, end in _base_amounts(decision.text, bases):
            if (base, value) in seen:
                continue
            seen.add((base, value))
            if not any(abs(value - k) < 0.5 for k in known):
                yield Hit(decision.id, start, end, {"base": base, "amount": yuan(value)})


@register(
    "evidence.preservation",
    approval_types="types",
    min_documents="int?",
    outcome_types="types",
    working_days="number$",
)
def preservation(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """先行登记保存 without the approval form, or decided on later than seven working days
    after the notice (行政处罚法第五十六条、第八十五条)."""
    require_case_file(ctx, rule)
    notices = ctx.documents(rule.applies_to)
    if not ctx.documents(ctx.param(rule, "approval_types")):
        for notice in notices:
            yield Hit(notice.id, values={"problem": "卷内没有负责人批准先行登记保存的审批表"})
    limit = int(ctx.param(rule, "working_days"))
    outcomes = [(d, last_date(d)) for d in ctx.documents(ctx.param(rule, "outcome_types"))]
    for notice in notices:
        started = last_date(notice)
        if started is None:
            raise CannotCheck("先行登记保存通知书中未找到日期")
        for outcome, decided in outcomes:
            if decided is None or decided.date < started.date:
                continue
            gap = working_days_between(started.date, decided.date)
            if gap > limit:
                yield Hit(
                    outcome.id,
                    decided.start,
                    decided.end,
                    {
                        "problem": f"{started.date.isoformat()}登记保存，"
                        f"{decided.date.isoformat()}才作出处理决定，"
                        f"相隔{gap}个工作日，超过{limit}个工作日"
                    },
                )
