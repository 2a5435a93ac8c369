"""Fine and confiscation amounts, and the types of penalty a decision imposes
(`checklists/lexicon/penalty_types.yaml`)."""

from __future__ import annotations

import re
from functools import cache

from casecheck.model import Element
from casecheck.nlp.lexicon import lexicon, words_re
from casecheck.nlp.numbers import Amount, find_amounts, find_ranges
from casecheck.nlp.structure import in_spans, quoted_spans
from casecheck.nlp.text import CJK, PHRASE_END, DocText
from casecheck.resources import load_yaml


@cache
def _penalty_patterns() -> list[tuple[str, re.Pattern[str]]]:
    data = load_yaml("lexicon", "penalty_types.yaml")
    return [(t["type"], re.compile("|".join(t["patterns"]))) for t in data["types"]]


def amounts(t: DocText) -> list[Element]:
    lex = lexicon()
    fine = words_re(lex["fine_words"])
    excluded = words_re(lex["fine_excluded_words"])
    confiscation = words_re(lex["confiscation_words"])
    skipped = [(r.start, r.end) for r in find_ranges(t.text)] + quoted_spans(t.doc)
    out = []
    for a in find_amounts(t.text):
        if t.in_quote(a.start) or in_spans(a.start, skipped):
            continue
        kind = _amount_kind(t, a, fine, excluded, confiscation)
        if kind:
            out.append(t.element(kind, a.start, a.end, a.value))
    return out


def _amount_kind(
    t: DocText, a: Amount, fine: re.Pattern, excluded: re.Pattern, confiscation: re.Pattern
) -> str | None:
    start, _ = t.clause(a.start, PHRASE_END)
    if re.match(r"\s*(?:计|合计|共计|总计|即|折合)", t.text[start : a.start]) and start > 1:
        start, _ = t.clause(start - 1, PHRASE_END)  # 「…每平方米15元的罚款，计人民币…元」
    before = t.text[start : a.start]
    after = t.text[a.end : a.end + 12]
    if _RATE_BASE.match(after) or _PER_UNIT.search(before):
        return None  # 「采购金额（1500000元）千分之五的罚款」, 「每平方米15元的罚款」
    if _NOTE_ON_AMOUNT.search(before):
        return None  # 「罚款60000元（违法所得不足一万元，按一万元计算的六倍）」: the reckoning
    hits = [(m.end(), "fine_amount") for m in fine.finditer(before)]
    hits += [(m.end(), "confiscation_amount") for m in confiscation.finditer(before)]
    hits += [(m.end(), None) for m in excluded.finditer(before)]
    if hits:
        return max(hits, key=lambda h: h[0])[1]
    if _FINE_AFTER.match(after) and not excluded.search(t.text[a.end : a.end + 6]):
        return "fine_amount"
    if _PENALTY_AFTER.match(after) and _IMPOSED.search(before):
        return "fine_amount"  # 「处人民币2000元的行政处罚」
    return None


# 「贰仟伍佰元（人民币）罚款」: a note in brackets may stand between the amount and 罚款.
_FINE_AFTER = re.compile(r"\s*(?:[（(][^）)\n]{0,6}[）)])?\s*的?罚款")
_PENALTY_AFTER = re.compile(r"\s*的?行政处罚")
_IMPOSED = re.compile(r"处以?\s*(?:人民币)?\s*$")
_RATE_BASE = re.compile(
    r"\s*[）)]?\s*的?\s*(?:千分之|百分之|[0-9一二三四五六七八九十]+倍|[×xX*＊]\s*[0-9])"
)
_PER_UNIT = re.compile(r"每[^，,。；;0-9]{0,6}$")
# an open bracket right after an amount: what follows inside it is a note on that amount
_NOTE_ON_AMOUNT = re.compile(r"元\s*[（(][^（()）]*$")


def penalty_types(t: DocText) -> list[Element]:
    """The first place each penalty type is imposed (a decision cue in its sentence), outside
    quoted statute text; a type may be printed with blanks between its characters (警 告)."""
    cues = re.compile("|".join(lexicon()["decision_cues"]).replace("决定", "决定(?!书)"))
    quoted = quoted_spans(t.doc)
    squeezed, origin = _squeeze(t.text)
    out, seen = [], set()
    for kind, pattern in _penalty_patterns():
        for m in pattern.finditer(squeezed):
            start, end = origin[m.start()], origin[m.end() - 1] + 1
            if kind in seen or t.in_quote(start) or in_spans(start, quoted):
                continue
            s, e = t.clause(start, "。！？")  # 「本局决定：\n一、…；\n二、…。」 is one sentence
            if cues.search(t.text, s, e):
                out.append(t.element("penalty_type", start, end, kind))
                seen.add(kind)
    return sorted(out, key=lambda e: e.start)


_BLANK_IN_WORD = re.compile(rf"(?<=[{CJK}])[ \u3000]+(?=[{CJK}])")


def _squeeze(text: str) -> tuple[str, list[int]]:
    """`text` without blanks between two Chinese characters (警 告 → 警告), and for each
    character of the result its offset in `text`."""
    pieces: list[str] = []
    origin: list[int] = []
    kept = 0  # where the text after the last blank begins
    for m in _BLANK_IN_WORD.finditer(text):
        pieces.append(text[kept : m.start()])
        origin.extend(range(kept, m.start()))
        kept = m.end()
    pieces.append(text[kept:])
    origin.extend(range(kept, len(text)))
    return "".join(pieces), origin


# Between a base's name and its amount: a verb or a particle, never a figure or a new clause.
_BASE_LEAD = re.compile(r"[^，,。；;\n\d零〇一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]{0,12}")


def stated_after(text: str, names: re.Pattern[str], skip: list[tuple[int, int]]) -> list[Amount]:
    """The amounts `text` states right after a name (「货值金额为人民币3000元」「多收价款共计
    1200元」), outside the spans in `skip` (quoted statute text)."""
    out = []
    for m in names.finditer(text):
        if in_spans(m.start(), skip):
            continue
        lead = _BASE_LEAD.match(text, m.end())
        window = text[m.end() : m.end() + 40]
        found = find_amounts(window)
        if found and lead and found[0].start <= lead.end() - m.end():
            a = found[0]
            out.append(Amount(m.end() + a.start, m.end() + a.end, a.value, a.text, a.figure))
    return out
