"""Small lookups shared by several check families."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from casecheck.casekind import CASE_FILE, SUMMARY, case_kind
from casecheck.classify import load_catalog
from casecheck.model import Document, Element
from casecheck.nlp.structure import decision_parts
from casecheck.rules.context import CaseContext
from casecheck.rules.params import param_table
from casecheck.rules.registry import CannotCheck, Hit

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule

SERVICE_RECEIPT = "送达回证"
# A document number shorter than this (a bare 第5号) could be any document's.
MIN_NUMBER_CHARS = 6


def require_case_file(ctx: CaseContext, rule: Rule | None = None) -> str:
    """That a document is absent means something only in a whole case file, not in a lone
    decision or a handful of papers (casecheck.casekind); the file's kind (an ordinary or a
    简易程序 file). A rule of a user's pack may ask for more documents still (`min_documents`)."""
    kind = case_kind(ctx.case.documents)
    if kind.kind not in (CASE_FILE, SUMMARY):
        raise CannotCheck(f"输入为{kind.label}，不是完整案卷，无法判断卷内是否缺少相关材料")
    minimum = ctx.param(rule, "min_documents") if rule is not None else None
    if minimum and len(ctx.case.documents) < int(minimum):
        count = len(ctx.case.documents)
        raise CannotCheck(f"只有 {count} 份文书，少于规则要求的 {int(minimum)} 份，未检查")
    return kind.kind


def as_date(element: Element) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(element.normalized))
    except ValueError:
        return None


def dated(elements: list[Element]) -> list[tuple[dt.date, Element]]:
    out = [(d, e) for e in elements if (d := as_date(e)) is not None]
    return sorted(out, key=lambda pair: pair[0])


def served_on(ctx: CaseContext, served_types: list[str]) -> tuple[dt.date, Element] | None:
    """The service date of a document of `served_types`, read from a 送达回证 naming it.

    A receipt names what it served (送达文书名称): by the type's name, one of its other
    names or a title pattern in the catalog (a 交通 违法行为通知书 is the 行政处罚告知书), or by
    the served document's number. The earliest service date on such a receipt is the date of
    service.
    """
    names = set(served_types)
    catalog = load_catalog()
    titles = []
    for name in served_types:
        known = catalog.get(name)
        names.update(known.aliases if known else ())
        if known and known.title_re:
            titles.append(known.title_re)
    numbers = {
        e.value
        for e in ctx.elements_of("doc_number", served_types)
        if len(e.value) >= MIN_NUMBER_CHARS
    }
    found = []
    for receipt in ctx.documents([SERVICE_RECEIPT]):
        named = any(name in receipt.text for name in (*names, *numbers))
        if not (named or any(title.search(receipt.text) for title in titles)):
            continue
        found.extend(dated(ctx.elements_in(receipt.id, "service_date")))
    return min(found, key=lambda pair: pair[0]) if found else None


def amount_of(element: Element) -> float | None:
    value = element.normalized
    return float(value) if isinstance(value, int | float) else None


def yuan(value: float) -> str:
    """An amount as messages write it: 4,800 or 4,800.50."""
    return f"{value:,.2f}".removesuffix(".00")


def max_amount(ctx: CaseContext, kind: str, doc: Document) -> tuple[float, Element] | None:
    pairs = [(a, e) for e in ctx.elements_in(doc.id, kind) if (a := amount_of(e)) is not None]
    return max(pairs, key=lambda pair: pair[0]) if pairs else None


def party_kind(ctx: CaseContext) -> str | None:
    """`organisation`, `individual`, or None when the documents do not say."""
    if ctx.elements_of("party_credit_code") or ctx.elements_of("legal_representative"):
        return "organisation"
    if ctx.elements_of("party_id_number"):
        return "individual"
    for element in ctx.elements_of("party_name"):
        if isinstance(element.normalized, dict) and element.normalized.get("type"):
            return str(element.normalized["type"])
    return None


# A numbered item (1. / 2、 / （3）) opening a line of a form's printed instructions.
_ITEM = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})[.．、]|\s*[（(]\d{1,2}[)）]")


def without_instructions(text: str, heading: str) -> str:
    """The text with a printed form's instructions blanked out, offsets kept. The block opens
    with a line matching `heading` (注：1. …) and runs over its numbered items, wrapped lines
    and blank lines; it says how to fill the form in, not what was done."""
    out = text
    for m in re.finditer(heading, text, flags=re.MULTILINE):
        start = m.start()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        while end < len(text):
            following = text.find("\n", end + 1)
            following = len(text) if following < 0 else following
            line = text[end + 1 : following]
            so_far = text[start:end].rstrip()
            if line.strip() and not _ITEM.match(line) and so_far[-1:] in tuple("。；;）)"):
                break
            end = following
        out = out[:start] + re.sub(r"[^\n]", " ", out[start:end]) + out[end:]
    return out


def search(pattern: str, doc: Document) -> re.Match[str] | None:
    return re.search(pattern, doc.text)


def hearing_scope(
    ctx: CaseContext, rule: Rule, decisions: list[Document], label: str = "听证标准"
) -> tuple[str, Hit] | None:
    """Why the decided penalty is within hearing scope (行政处罚法第六十三条), and a hit at it;
    None if it is not. The rule's params name the penalty types in scope and the 较大数额
    thresholds (`$hearing_fine_threshold_*`; another scope's thresholds are named `label`), and
    whether a department without thresholds is compared with the highest known one
    (`highest_when_unknown`)."""
    scope_types = set(ctx.param(rule, "scope_penalty_types"))
    for decision in decisions:
        decided = _decided(decision)
        for element in ctx.elements_in(decision.id, "penalty_type"):
            if element.normalized in scope_types and decided(element):
                reason = f"处罚种类为{element.normalized}"
                return reason, Hit(decision.id, element.start, element.end, {"reason": reason})
        fine = max_amount(ctx, "fine_amount", decision)
        if fine is None:
            continue
        kind = party_kind(ctx)
        if kind is None:
            raise CannotCheck("无法判断当事人是自然人还是单位，未比对听证“较大数额”标准")
        name = (
            "threshold_individual"
            if kind in ("individual", "sole_trader")
            else "threshold_organisation"
        )
        try:
            threshold = float(ctx.param(rule, name))
        except CannotCheck as unknown:
            # No threshold for this department and region: where the rule says so
            # (`highest_when_unknown`), a fine at or above the highest one the data knows is
            # within scope under every known standard, for review.
            highest = (
                ctx.param_highest(rule, name) if rule.params.get("highest_when_unknown") else None
            )
            if highest is None or fine[0] < highest:
                raise unknown
            reason = f"罚款{fine[0]:,.0f}元，达到已收录各部门、地区{label}中最高的{highest:,.0f}元"
            review = (
                f"{ctx.department or '未识别的执法部门'}的{label}未收录，按已收录标准中最高的数额"
                "比对，请核对本部门、本地区的标准"
            )
            hit = Hit(decision.id, fine[1].start, fine[1].end, {"reason": reason})
            return reason, replace(hit, confidence="review", review=review)
        if fine[0] >= threshold:
            reason = f"罚款{fine[0]:,.0f}元，达到{label}{threshold:,.0f}元"
            return reason, Hit(decision.id, fine[1].start, fine[1].end, {"reason": reason})
    return None


def _decided(doc: Document) -> Callable[[Element], bool]:
    """Whether an element lies in what the decision decides: its decision part where the
    structure finds one (a penalty named in the facts, in a recital of the law or in a list of
    statutes is not the penalty decided), anywhere otherwise."""
    part = next((p for p in decision_parts(doc).parts if p.kind == "decision"), None)
    if part is None:
        return lambda element: True
    return lambda element: part.start <= element.start < part.end


# A document ends with a sign-off, a date or a full stop; text that stops on anything else was
# cut off (a page excerpt, a scrape that lost its end).
_FINAL_CHARACTERS = "。；！？」”）)日号章》"


def looks_truncated(doc: Document) -> bool:
    tail = doc.text.rstrip()
    return not tail or tail[-1] not in _FINAL_CHARACTERS


def complete_documents(ctx: CaseContext, rule: Rule) -> list[Document]:
    """The documents of `rule.applies_to` whose text is whole: a decision whose structure shows
    a party block, the decision and a sign-off (`casecheck.nlp.structure`), whatever its title
    line or last character; or a title line found and an ending not cut off mid-sentence.
    Rules that report something as absent use only these; when every one is incomplete, the
    check is reported as not checked."""
    docs = ctx.documents(rule.applies_to)
    whole = [d for d in docs if decision_parts(d).complete or (d.title and not looks_truncated(d))]
    if docs and not whole:
        raise CannotCheck("文书没有标题行或在句中截断，文本可能不完整，未核对其中是否缺少记载事项")
    return whole


def possible_values(ctx: CaseContext, rule: Rule, doc: Document, name: str) -> list[Any]:
    """The values parameter `name` may have on the decision date. Without a decision date the
    decision came after the case's latest dated event: every value in force from then on; with
    no date at all, every value it ever had (a period wrong on every date is still wrong)."""
    dates = dated(ctx.elements_in(doc.id, "decision_date"))
    if dates:
        return [ctx.param(rule, name, dates[-1][0])]
    since = ctx.reference_date
    value = rule.params.get(name)
    key = value[1:] if isinstance(value, str) and value.startswith("$") else None
    rows = [p for p in param_table() if p.key == key]
    if since is None:
        days = {p.valid_to or p.valid_from or dt.date.today() for p in rows} or {dt.date.today()}
        values = []
        for day in sorted(days):
            try:
                values.append(ctx.param(rule, name, day))
            except CannotCheck:
                continue  # a value of another department or region
        if not values:
            raise CannotCheck("决定书中未找到任何日期，且该参数没有适用于所有日期的取值")
        return values
    today = dt.date.today()
    changes = {p.valid_from for p in rows if p.valid_from and since < p.valid_from <= today}
    return [ctx.param(rule, name, day) for day in [since, *sorted(changes)]]
