"""Discretion (行政处罚法第三十四条; 国办发〔2022〕27号): a fine chosen inside the statutory range
should say why that amount — the circumstances, the mitigating or aggravating facts, the
discretion benchmark applied."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casecheck.discretion.model import Benchmark, Entry
from casecheck.discretion.store import applicable
from casecheck.laws.penalties import parse_quantity
from casecheck.laws.validate import fine_range
from casecheck.model import CaseFile, Citation, Document, Element, Fact, Report
from casecheck.nlp.structure import quoted_spans
from casecheck.rules.checks.common import dated, max_amount, yuan
from casecheck.rules.checks.penalty import _bounds, base_amount
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import CannotCheck, Hit, register

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule


@register("discretion.reasons_given", discretion_pattern="regex", circumstances="regex?")
def reasons_given(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A fine strictly between the ends of the range of the article cited as its basis, in a
    decision with no words on discretion and no mitigating circumstance (`circumstances`)."""
    reasons = [
        re.compile(pattern)
        for pattern in (ctx.param(rule, "discretion_pattern"), ctx.param(rule, "circumstances"))
        if pattern
    ]
    for doc in ctx.documents(rule.applies_to):
        fine = max_amount(ctx, "fine_amount", doc)
        if fine is None or any(r.search(doc.text) for r in reasons):
            continue
        if len({e.normalized for e in ctx.elements_in(doc.id, "fine_amount")}) > 1:
            raise CannotCheck("决定书含多项罚款（或合计数），未逐项判断裁量说明")
        amount, element = fine
        dates = dated(ctx.elements_in(doc.id, "decision_date"))
        violated = ctx.first_date("violation_date")
        if violated:
            on = violated[0]
        elif dates:
            on = dates[-1][0]
        else:
            on = ctx.reference_date or dt.date.today()
        ranges = [
            r
            for c in ctx.citations_in(doc.id)
            if c.role == "penalty_basis" and c.status == "valid"
            for r in fine_range(c, on)
        ]
        bounds = _bounds(ranges, doc.text)
        if not bounds:
            raise CannotCheck("处罚依据条款没有可核对的罚款幅度，无法判断罚款是否在幅度中间")
        # a range with only a maximum (处…元以下罚款) starts at nothing
        inside = [
            (lo or 0.0, hi) for lo, hi, _ in bounds if hi is not None and (lo or 0) < amount < hi
        ]
        if inside:
            lo, hi = inside[0]
            yield Hit(
                doc.id,
                element.start,
                element.end,
                {"amount": f"{amount:,.0f}", "low": f"{lo:,.0f}", "high": f"{hi:,.0f}"},
            )


# --- the discretion benchmark (裁量基准) --------------------------------------------------------

_BENCHMARK_PARAMS = {
    "level_patterns": "regex_map",
    "not_after": "regex",
    "not_before": "regex",
    "voice": "regex",
    "mitigating": "regex",
    "aggravating": "regex",
    "level_types": "types",
}
# How far before a level word a party's request (请求从轻) or a negation (不予从轻) is looked for.
_NOT_AFTER_REACH = 20
_NOT_AFTER_GAP = 12
_TOLERANCE = 0.5  # yuan: rounding of a multiple of the base


@dataclass(frozen=True)
class _Stated:
    grade: str
    document: Document
    start: int
    end: int


@dataclass
class _Situation:
    """What the benchmark rules look at: the decision and its fine, the benchmark entries that
    apply, the level the authority states and the circumstances the file writes."""

    decision: Document
    fine: float
    fine_element: Element
    entries: list[tuple[Benchmark, Entry]]
    stated: list[_Stated]
    mitigating: list[tuple[Document, re.Match[str]]]
    aggravating: list[tuple[Document, re.Match[str]]]
    level_facts: dict[str, list[str]]  # grade → the benchmark's facts for it found in the file

    @property
    def grade(self) -> str | None:
        """The level the decision states (else the report or approval form), when only one."""
        in_decision = {s.grade for s in self.stated if s.document.id == self.decision.id}
        grades = in_decision or {s.grade for s in self.stated}
        return next(iter(grades)) if len(grades) == 1 else None

    def stated_at(self, grade: str) -> _Stated:
        return next(
            s
            for s in sorted(self.stated, key=lambda s: s.document.id != self.decision.id)
            if s.grade == grade
        )


def _places(ctx: CaseContext) -> list[str]:
    """Where a benchmark's region may be named: the region set for the check, the authority's
    name, the documents' title lines."""
    return [
        ctx.region,
        *(e.value for e in ctx.elements_of("authority")),
        *(d.title for d in ctx.documents() if d.title),
    ]


def _cited(ctx: CaseContext, doc: Document, role: str) -> list[Citation]:
    return [c for c in ctx.citations_in(doc.id) if c.role == role and c.article]


def _own_text(doc: Document) -> str:
    """The document's text with quoted statute text blanked out (offsets kept)."""
    text = doc.text
    for start, end in quoted_spans(doc):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


_QUOTED = re.compile(r"“[^“”\n]{0,300}”")
_SENTENCE_END = "。；;！？\n"


def _stated_levels(ctx: CaseContext, rule: Rule, docs: list[Document]) -> list[_Stated]:
    """Where the authority states a level: a level word in a sentence in its own voice (决定,
    予以, 属于 …), not in quoted words (statute text, a party's plea), not right after a
    request or a negation (请求对该公司依法减轻处罚, 不予从轻) nor before what makes it a
    topic (减轻处罚的请求)."""
    patterns = {g: re.compile(p) for g, p in ctx.param(rule, "level_patterns").items()}
    not_after = re.compile(f"(?:{ctx.param(rule, 'not_after')})[^，,。；;]{{0,{_NOT_AFTER_GAP}}}$")
    not_before = re.compile(ctx.param(rule, "not_before"))
    voice = re.compile(ctx.param(rule, "voice"))
    out = []
    for doc in docs:
        text = _QUOTED.sub(lambda m: " " * len(m.group(0)), _own_text(doc))
        for grade, pattern in patterns.items():
            for m in pattern.finditer(text):
                sentence = max(text.rfind(ch, 0, m.start()) for ch in _SENTENCE_END) + 1
                before = text[max(sentence, m.start() - _NOT_AFTER_REACH) : m.start()]
                if (
                    not not_after.search(before)
                    and not not_before.match(text, m.end())
                    and voice.search(text, sentence, m.end())
                ):
                    out.append(_Stated(grade, doc, m.start(), m.end()))
    return out


def _situation(ctx: CaseContext, rule: Rule, decision: Document) -> _Situation | None:
    """None when the decision imposes no fine; CannotCheck when no benchmark applies."""
    fine = max_amount(ctx, "fine_amount", decision)
    if fine is None:
        return None
    match = applicable(
        ctx.department,
        _places(ctx),
        ctx.reference_date,
        _cited(ctx, decision, "penalty_basis"),
        _cited(ctx, decision, "violated"),
    )
    if not match.entries:
        raise CannotCheck(match.reason)
    if len({e.normalized for e in ctx.elements_in(decision.id, "fine_amount")}) > 1:
        raise CannotCheck("决定书含多项罚款（或合计数），未逐项对照裁量基准")
    others = ctx.documents(ctx.param(rule, "level_types"))
    docs = [decision, *(d for d in others if d is not decision)]
    texts = [(d, _own_text(d)) for d in docs]
    mitigating = re.compile(ctx.param(rule, "mitigating"))
    aggravating = re.compile(ctx.param(rule, "aggravating"))
    level_facts: dict[str, list[str]] = {}
    for _, entry in match.entries:
        for level in entry.levels:
            found = [f for f in level.facts if any(f in t for _, t in texts)]
            level_facts.setdefault(level.grade, []).extend(found)
    return _Situation(
        decision=decision,
        fine=fine[0],
        fine_element=fine[1],
        entries=match.entries,
        stated=_stated_levels(ctx, rule, docs),
        mitigating=[(d, m) for d, t in texts for m in mitigating.finditer(t)],
        aggravating=[(d, m) for d, t in texts for m in aggravating.finditer(t)],
        level_facts=level_facts,
    )


def _situations(ctx: CaseContext, rule: Rule) -> Iterator[_Situation]:
    for decision in ctx.documents(rule.applies_to):
        situation = _situation(ctx, rule, decision)
        if situation is not None:
            yield situation


# A threshold on a base in a range's condition: 货值金额不足一万元的, 违法所得2万元以上的.
_THRESHOLD = re.compile(
    r"(?P<base>货值金额|违法所得|违法经营额|销售金额|货物价值)"
    r"(?:(?P<below>不足|低于|未达到?|未超过)(?P<n1>[\d.,零〇一二两三四五六七八九十百千万]+万?)元"
    r"|(?P<n2>[\d.,零〇一二两三四五六七八九十百千万]+万?)元(?P<above>以上|及以上))"
)


def _condition_fails(condition: str, text: str, skip: list[tuple[int, int]]) -> bool:
    """The range's condition sets thresholds on bases the decision states, and the stated
    amounts meet none of them (货值金额一万元以上的, where the goods were worth 300 元)."""
    tests = []
    for m in _THRESHOLD.finditer(condition):
        base = base_amount(text, m["base"], skip)
        if base is None:
            return False
        try:
            limit = parse_quantity(m["n1"] or m["n2"])
        except ValueError:
            return False
        tests.append(base < limit if m["below"] else base >= limit)
    return bool(tests) and not any(tests)


def _level_ranges(
    entry: Entry, grade: str, decision: Document
) -> list[tuple[float, float | None, str]] | None:
    """The ranges in yuan that the levels of `grade` allow (multiples resolved with the base
    amount the decision states; a range whose base it does not state, or whose condition the
    stated amounts do not meet, is left out). None when the entry has no such level or no
    range could be resolved."""
    skip = quoted_spans(decision)
    out = []
    for level in entry.levels_of(grade):
        for r in level.ranges:
            if r.condition and _condition_fails(r.condition, decision.text, skip):
                continue
            if r.base is None:
                low, high, note = r.low, r.high, ""
            else:
                base = base_amount(decision.text, r.base, skip)
                if base is None:
                    continue
                low = r.low * base if r.low is not None else None
                high = r.high * base if r.high is not None else None
                note = f"（{r.base}{yuan(base)}元）"
            out.append((low or 0.0, high, f"{level.name}：{level.penalty}{note}"))
    return out or None


def _inside(fine: float, ranges: list[tuple[float, float | None, str]]) -> bool:
    return any(
        low - _TOLERANCE <= fine and (high is None or fine <= high + _TOLERANCE)
        for low, high, _ in ranges
    )


def _span(ranges: list[tuple[float, float | None, str]]) -> str:
    return "；".join(
        f"{yuan(low)}元至{yuan(high)}元" if high is not None else f"{yuan(low)}元以上"
        for low, high, _ in ranges
    )


def _benchmark_facts(entries: list[tuple[Benchmark, Entry]]) -> tuple[Fact, ...]:
    return tuple(
        Fact(
            "裁量基准",
            f"{b.name}：{e.title}（{e.basis_text}）",
            "；".join(x for x in (b.source, b.url, f"施行期 {b.period()}") if x),
        )
        for b, e in entries
    )


def _unsure(entries: list[tuple[Benchmark, Entry]], grade: str) -> str:
    """Why a finding against these entries is for review ('' when their data is verified and
    their period known)."""
    if any(not lv.verified for _, e in entries for lv in e.levels_of(grade)):
        return "所用裁量基准条目未经核对原文（verified: false），请对照本部门公布的基准核实"
    if any(b.valid_from is None for b, _ in entries):
        return "所用裁量基准的施行日期未在来源中找到，请核实作出决定时该基准是否施行"
    return ""


@register("discretion.benchmark_range", **_BENCHMARK_PARAMS)
def benchmark_range(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The fine outside the range the benchmark sets for the level the file states (outside it
    under every benchmark entry that applies)."""
    for s in _situations(ctx, rule):
        grade = s.grade
        if grade is None:
            raise CannotCheck("案卷未写明（或写明了不止一种）裁量阶次，无法对照该阶次的罚款幅度")
        resolved = [(b, e, _level_ranges(e, grade, s.decision)) for b, e in s.entries]
        usable = [(b, e, r) for b, e, r in resolved if r]
        if not usable:
            raise CannotCheck(
                f"裁量基准未列{grade}阶次的罚款幅度，或决定书未写明计算幅度所需的基数金额"
            )
        if any(_inside(s.fine, r) for _, _, r in usable):
            continue
        _, entry, ranges = usable[0]
        entries = [(b, e) for b, e, _ in usable]
        review = _unsure(entries, grade)
        yield Hit(
            s.decision.id,
            s.fine_element.start,
            s.fine_element.end,
            {
                "fine": yuan(s.fine),
                "grade": grade,
                "range": _span(ranges),
                "benchmark": usable[0][0].name,
                "entry": entry.title,
            },
            confidence="review" if review else None,
            review=review,
            facts=_benchmark_facts(entries),
        )


@register("discretion.level_stated", **_BENCHMARK_PARAMS)
def level_stated(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A fine where a benchmark applies, and neither the decision nor the report or approval
    form says which of its levels (从轻, 一般, 从重 …) the case was placed in."""
    for s in _situations(ctx, rule):
        if s.stated:
            continue
        entries = "、".join(f"{b.name}“{e.title}”" for b, e in s.entries)
        yield Hit(
            s.decision.id,
            values={"benchmark": entries},
            confidence="review",
            review="请核对卷内是否以其他措辞写明了裁量阶次及理由",
            facts=_benchmark_facts(s.entries),
        )


@register("discretion.level_matches", **_BENCHMARK_PARAMS)
def level_matches(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """The circumstances the file states do not fit the level it chose: 从轻 or 减轻 with no
    mitigating fact, or 从重 where only mitigating facts (first violation, corrected) are
    stated."""
    for s in _situations(ctx, rule):
        grade = s.grade
        if grade in ("从轻", "减轻"):
            if s.mitigating or s.level_facts.get(grade):
                continue
            problem = (
                f"写明{grade}处罚，但卷内未写明任何{grade}情节"
                "（如首次违法、主动改正、危害后果轻微）"
            )
        elif grade == "从重":
            if s.aggravating or s.level_facts.get(grade) or not s.mitigating:
                continue
            said = "、".join(dict.fromkeys(m.group(0) for _, m in s.mitigating))
            problem = f"写明从重处罚，卷内写明的情节却是从轻情节（{said}），未写明从重情节"
        else:
            continue
        at = s.stated_at(grade)
        yield Hit(
            at.document.id,
            at.start,
            at.end,
            {"problem": problem},
            confidence="review",
            review="文字无法判断全部情节，请核对调查终结报告和证据中是否有相应情节",
            facts=_benchmark_facts(s.entries),
        )


@register("discretion.aggravation_stated", **_BENCHMARK_PARAMS)
def aggravation_stated(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A fine above the benchmark's 一般 level with no aggravating fact stated (where the file
    states no level, or 从重 without mitigating facts: other rules cover the rest)."""
    for s in _situations(ctx, rule):
        grade = s.grade
        if grade not in (None, "从重") or (s.stated and grade is None):
            continue
        if s.aggravating or s.level_facts.get("从重") or (grade == "从重" and s.mitigating):
            continue
        usable = [r for _, e in s.entries if (r := _level_ranges(e, "一般", s.decision))]
        if not usable:
            raise CannotCheck(
                "裁量基准未列一般阶次的罚款幅度，或决定书未写明计算幅度所需的基数金额"
            )
        highs = [h for ranges in usable for _, h, _ in ranges if h is not None]
        if not highs or s.fine <= max(highs) + _TOLERANCE:
            continue
        yield Hit(
            s.decision.id,
            s.fine_element.start,
            s.fine_element.end,
            {"fine": yuan(s.fine), "high": yuan(max(highs))},
            confidence="review",
            review="请核对卷内是否以其他措辞写明了从重情节",
            facts=_benchmark_facts(s.entries),
        )


@dataclass(frozen=True)
class StatedLevel:
    """The level a case states for its fine, and the range in yuan that the applicable
    benchmark gives it (None where it gives several, e.g. by the presence of a base)."""

    grade: str
    low: float | None = None
    high: float | None = None


def report_level(report: Report, rules: Iterable[Rule]) -> StatedLevel | None:
    """The level a checked case states, read as DISCR-002 (among `rules`) reads it (for the
    batch's 同案不同罚 view); None where no benchmark applies or the file states no single
    level."""
    rule = next((r for r in rules if r.check == "discretion.benchmark_range"), None)
    if rule is None:
        return None
    ctx = CaseContext(
        case=CaseFile(report.case_path, report.documents),
        elements=report.elements,
        citations=report.citations,
        timeline=report.timeline,
        department=report.department,
        region=report.region,
    )
    try:
        situation = next(_situations(ctx, rule), None)
    except CannotCheck:
        return None
    if situation is None or situation.grade is None:
        return None
    ranges = [
        r
        for _, e in situation.entries
        if (r := _level_ranges(e, situation.grade, situation.decision))
    ]
    if len(ranges) == 1 and len(ranges[0]) == 1:
        low, high, _ = ranges[0][0]
        return StatedLevel(situation.grade, low, high)
    return StatedLevel(situation.grade)
