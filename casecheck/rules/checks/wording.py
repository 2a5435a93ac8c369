"""Two generic checks of what documents say: wording that must not be there (`text.present`)
and contents a document must have (`contents.required`). Rules of these shapes are YAML records
only; docs/rules.md shows how to write one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from casecheck.model import Document
from casecheck.nlp.numbers import parse_int
from casecheck.nlp.structure import decision_parts
from casecheck.rules.checks.common import (
    complete_documents,
    possible_values,
    without_instructions,
)
from casecheck.rules.checks.procedure import last_date
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import Hit, register, register_kind

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule


@register(
    "text.present",
    pattern="regex",
    unless_before="regex?",
    unless_reach="int?",
    outside_titles="bool?",
    outside_quotes="bool?",
    first_only="bool?",
    since="date?",
    in_force="bool$?",
)
def text_present(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Each place a document of `applies_to` (all documents if none) says what `pattern`
    matches: a blank left unfilled, a replaced term, 责令改正 listed as a penalty. The hit spans
    the pattern's group `quote` if it has one (message value `found`). Options: not where
    `unless_before` matches in the `unless_reach` characters before it on its line (签名：____
    is signed by hand); not inside a quoted title 《…》 (`outside_titles`) or quotation “…”
    (`outside_quotes`); only the first place in each document (`first_only`); only in documents
    dated on or after `since` (their last date, else the case's date; message value `date`);
    only where the `$key` parameter `in_force` is true on the document's decision date (on
    every date it may have, when it has none)."""
    pattern = re.compile(ctx.param(rule, "pattern"))
    group = "quote" if "quote" in pattern.groupindex else 0
    unless = ctx.param(rule, "unless_before")
    reach = int(ctx.param(rule, "unless_reach") or 20)
    since = ctx.param(rule, "since")
    for doc in ctx.documents(rule.applies_to):
        if "in_force" in rule.params and not all(possible_values(ctx, rule, doc, "in_force")):
            continue
        values: dict[str, Any] = {}
        if since is not None:
            day = _dated(ctx, doc)
            if day is None or day < dt.date.fromisoformat(str(since)):
                continue
            values["date"] = day.isoformat()
        for m in pattern.finditer(doc.text):
            start, end = m.span(group)
            if unless:
                line_start = doc.text.rfind("\n", 0, start) + 1
                if re.compile(unless).search(doc.text, max(line_start, start - reach), start):
                    continue
            if ctx.param(rule, "outside_titles") and _in_title(doc.text, start):
                continue
            if ctx.param(rule, "outside_quotes") and _in_quote(doc.text, start):
                continue
            yield Hit(doc.id, start, end, {"found": m.group(group), **values})
            if ctx.param(rule, "first_only"):
                break


@register("text.stated_number", patterns="regexes", expected="number$")
def stated_number(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A number the text states where one of `patterns` matches (group `n`, in figures or
    Chinese numerals, and optional group `unit`) that is not the `expected` value on the case's
    date: a hearing request period of 三日 where the law gives 五个工作日. A case with no date
    at all is held only to values wrong on every date the parameter had. The hit spans the
    number and its unit (message value `found`)."""
    allowed = {int(ctx.param(rule, "expected"))}
    if ctx.reference_date is None:
        allowed |= {int(v) for v in ctx.param_values_ever(rule, "expected")}
    patterns = [re.compile(p) for p in ctx.param(rule, "patterns")]
    for doc in ctx.documents(rule.applies_to):
        seen: set[int] = set()
        for m in (m for pattern in patterns for m in pattern.finditer(doc.text)):
            if m.start("n") in seen:
                continue
            seen.add(m.start("n"))
            number = parse_int(m.group("n"))
            if number is not None and number not in allowed:
                end = m.end("unit") if "unit" in m.re.groupindex else m.end("n")
                yield Hit(doc.id, m.start("n"), end, {"found": doc.text[m.start("n") : end]})


@register("items.particulars", item_pattern="regex", particulars="regex_map", reach="int?")
def item_particulars(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Each item of a document that lacks its particulars: an item starts where `item_pattern`
    matches (a photo's caption, a copy's heading) and runs to the next item or `reach`
    characters (default 200); each label of `particulars` whose pattern it does not contain
    is missing (a photo without the time, place and maker; a copy without 与原件核对无误). The
    hit is at the item's caption; message values `item` and `missing` (the labels, joined)."""
    starts = re.compile(ctx.param(rule, "item_pattern"), re.MULTILINE)
    particulars = {k: re.compile(v) for k, v in ctx.param(rule, "particulars").items()}
    reach = int(ctx.param(rule, "reach") or 200)
    for doc in ctx.documents(rule.applies_to):
        found = list(starts.finditer(doc.text))
        for n, m in enumerate(found):
            following = found[n + 1].start() if n + 1 < len(found) else len(doc.text)
            item = doc.text[m.start() : min(following, m.start() + reach)]
            missing = [label for label, pattern in particulars.items() if not pattern.search(item)]
            if missing:
                line_end = doc.text.find("\n", m.start())
                caption_end = line_end if 0 <= line_end < following else following
                values = {
                    "item": doc.text[m.start() : caption_end].strip(),
                    "missing": "、".join(missing),
                }
                yield Hit(doc.id, m.start(), caption_end, values)


def _dated(ctx: CaseContext, doc: Document) -> dt.date | None:
    signed = last_date(doc)
    return signed.date if signed else ctx.reference_date


def _in_title(text: str, pos: int) -> bool:
    return text.rfind("《", 0, pos) > text.rfind("》", 0, pos)


def _in_quote(text: str, pos: int) -> bool:
    return text.count("“", 0, pos) > text.count("”", 0, pos)


# How an item of `contents` is recognised (any one suffices) and when it is required.
_RECOGNISERS = ("elements", "parts", "text", "party", "signoff")
_CONDITIONS = ("when_elements", "heading", "when", "unless", "at_elements")


def contents_problem(value: Any) -> str:
    """What is wrong with a `contents` list written in a pack (Chinese; empty when nothing is)."""
    if not isinstance(value, list) or not value:
        return "应为内容项的列表"
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict) or not isinstance(item.get("label"), str):
            return f"第 {n} 项应为带 label 的键值映射"
        unknown = set(item) - {"label", *_RECOGNISERS, *_CONDITIONS}
        if unknown:
            return f"第 {n} 项有未知的键 {'、'.join(sorted(unknown))}"
        if not set(item) & set(_RECOGNISERS):
            return f"第 {n} 项需要 {'、'.join(_RECOGNISERS)} 中的至少一种识别方式"
        for key in _PATTERN_KEYS:
            if key in item:
                try:
                    re.compile(item[key])
                except (re.error, TypeError) as exc:
                    return f"第 {n} 项的 {key} 不是有效的正则表达式（{exc}）"
    return ""


def contents_patterns(value: Any) -> Iterator[Any]:
    """The patterns a `contents` list holds."""
    for item in value if isinstance(value, list) else ():
        if isinstance(item, dict):
            yield from (item[key] for key in _PATTERN_KEYS if key in item)


_PATTERN_KEYS = ("text", "party", "signoff", "when", "unless")
register_kind("contents", "内容项列表（label 及识别方式）", contents_problem, contents_patterns)


@register(
    "contents.required",
    contents="contents",
    whole_text="bool?",
    own_words="bool?",
    signoff_chars="int?",
    instructions="regex?",
    in_force="bool$?",
)
def contents_required(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Each item of `contents` a document of `applies_to` lacks (message value `missing`: the
    item's `label`). An item is present when any of its recognisers finds it: `elements` (an
    extracted element of these kinds), `parts` (a part of the document's structure,
    `casecheck.nlp.structure`), `text` (wording anywhere), `party` (wording in the party block),
    `signoff` (wording in the last `signoff_chars` characters, default 200). It is required only
    where its conditions hold: `when_elements` (the document has such an element: 履行方式 only
    where something is to be paid), `heading` (the text kept its title line), `when` (wording
    the text has — the hit is then at that wording: 留置送达 needs a witness), not `unless`.
    `at_elements` points the hit at the first element of these kinds (the clause it concerns).

    Document options: `whole_text` — only documents whose text is whole (a cut-off text is
    reported as not checked, not as lacking everything); `own_words` — quoted statute text does
    not count and a phrase broken across lines is still the phrase; `instructions` — a printed
    form's instructions (注：1. …), which say how to fill it in, are not read as what was done;
    `in_force` — only where this `$key` parameter is true on the document's decision date.
    """
    contents: list[dict[str, Any]] = ctx.param(rule, "contents")
    tail = int(ctx.param(rule, "signoff_chars") or 200)
    instructions = ctx.param(rule, "instructions")
    own_words = bool(ctx.param(rule, "own_words"))
    whole = ctx.param(rule, "whole_text")
    documents = complete_documents(ctx, rule) if whole else ctx.documents(rule.applies_to)
    for doc in documents:
        if "in_force" in rule.params and not all(possible_values(ctx, rule, doc, "in_force")):
            continue
        present = {e.kind for e in ctx.elements_in(doc.id)}
        structure = decision_parts(doc)
        text = without_instructions(doc.text, instructions) if instructions else doc.text
        own = _unquoted(text, structure.quoted) if own_words else text
        # A phrase broken across lines (提起行政\n诉讼) is still the phrase.
        searched = _LINE_BREAK_IN_WORD.sub("", own) if own_words else own
        block = structure.part("party")
        party = doc.text[block.start : block.end] if block else None
        for item in contents:
            if item.get("when_elements") and not present & set(item["when_elements"]):
                continue
            if item.get("heading") and not doc.title:
                continue
            if "unless" in item and re.search(item["unless"], text):
                continue
            at = re.search(item["when"], text) if "when" in item else None
            if "when" in item and at is None:
                continue
            found = (
                any(kind in present for kind in item.get("elements", ()))
                or any(structure.has(part) for part in item.get("parts", ()))
                or ("text" in item and re.search(item["text"], searched))
                or ("party" in item and party is not None and re.search(item["party"], party))
                or ("signoff" in item and re.search(item["signoff"], own[-tail:]))
            )
            if not found:
                yield Hit(doc.id, *_place(ctx, doc, item, at), {"missing": item["label"]})


def _place(
    ctx: CaseContext, doc: Document, item: dict[str, Any], at: re.Match[str] | None
) -> tuple[int | None, int | None]:
    """Where a missing item is reported: at the first element of its `at_elements` kinds (the
    clause the item belongs to), else at its `when` wording, else the document as a whole."""
    for kind in item.get("at_elements", ()):
        elements = ctx.elements_in(doc.id, kind)
        if elements:
            return elements[0].start, elements[0].end
    return (at.start(), at.end()) if at else (None, None)


_LINE_BREAK_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff])\s*\n\s*(?=[\u4e00-\u9fff])")


def _unquoted(text: str, quoted: tuple[tuple[int, int], ...]) -> str:
    """`text` with quoted statute text blanked out (offsets kept)."""
    chars = list(text)
    for s, e in quoted:
        chars[s:e] = "\u3000" * (e - s)
    return "".join(chars).rstrip()
