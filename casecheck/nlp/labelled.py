"""The party's facts that a label introduces (地址, 法定代表人, 统一社会信用代码, 身份证号),
and the 案由."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from casecheck.model import Element
from casecheck.nlp.dates import find_dates
from casecheck.nlp.identifiers import find_credit_codes, find_id_numbers
from casecheck.nlp.lexicon import label_re, lexicon, words_re
from casecheck.nlp.text import CJK, NAME, DocText, fold


@cache
def _next_label() -> re.Pattern[str]:
    """Any label that may follow a value on the same line (scraped text loses line breaks:
    「某公司地址:某路1号法定代表人姓名：某某」)."""
    lex = lexicon()
    keys = ("party_labels", "credit_code_labels", "id_number_labels", "address_labels")
    keys += ("legal_representative_labels", "case_cause_labels", "extra_stop_labels")
    labels = sorted({w for k in keys for w in lex[k]}, key=len, reverse=True)
    alts = "|".join(r"\s*".join(map(re.escape, w)) for w in labels)
    label = rf"(?:{alts})\s*(?:[（(][^）)]{{0,12}}[）)])?\s*[：:]"
    # two spaces, or one ideographic space, separate the fields of a form line
    return re.compile(rf"{label}|\s{{2,}}|\u3000|\s+\d{{4}}\s*年")


# A form row 「| 当事人 | 名称 | 某公司 |」: the cell after a group's label names its field.
_CELL = re.compile(r"\s*[|｜]\s*(?P<v>[^\n|｜]*)")


def value_span(t: DocText, m: re.Match[str]) -> tuple[int, int] | None:
    """The value a label introduces, up to the next label on the line, blanks trimmed; when
    that is a field label of the group in a cell of its own, the next cell's value."""
    start, end = _trimmed(t, *m.span("v"))
    cell = _CELL.match(t.text, end)
    if cell and t.text[start:end] in lexicon()["form_field_labels"]:
        start, end = _trimmed(t, *cell.span("v"))
    value = t.text[start:end]
    # a form's blank (or a value with blanks in it), or the label of the next cell
    # (「| 当事人基本情况 | 被处罚人 |」)
    if re.search("[＿_]{2,}", value) or not value.strip() or _next_label().fullmatch(value + "："):
        return None
    return (start, end) if end > start and not t.in_quote(m.start()) else None


def _trimmed(t: DocText, start: int, end: int) -> tuple[int, int]:
    following = _next_label().search(t.text, start + 1, end)
    end = following.start() if following else end
    while start < end and t.text[start].isspace():
        start += 1
    while end > start and t.text[end - 1].isspace():
        end -= 1
    return start, end


def labelled_spans(t: DocText, key: str, limit: int | None = None) -> Iterator[tuple[int, int]]:
    """The value spans of the labels of `key`; where a label's value is no value (a blank, the
    next cell's label) the search goes on from that value, which may be a label itself."""
    regex, pos, end = label_re(key), 0, limit or len(t.text)
    while m := regex.search(t.text, pos, end):
        span = value_span(t, m)
        pos = m.end() if span else max(m.start("v"), m.start() + 1)
        if span:
            yield span


def _labelled_value(t: DocText, key: str, kind: str, limit: int | None = None) -> list[Element]:
    return [t.element(kind, s, e, t.text[s:e]) for s, e in labelled_spans(t, key, limit)]


# 「张某某，男，…，住某市某路3号」: an individual's address written 住… without a colon.
_LIVES_AT = re.compile(r"(?:^|(?<=[，,。；;\n]))\s*住(?![所址宿])(?P<v>[^，,。；;|｜\n]{4,60})")


def address(t: DocText, limit: int) -> list[Element]:
    for e in _labelled_value(t, "address_labels", "party_address", limit):
        value = e.value
        if "）" in value and "（" not in value.split("）")[0]:  # 「（地址：…）」 in running text
            value = value.split("）")[0]
        dates = find_dates(value)  # scraped text: the body's first date run on (「…路1号2015年…」)
        value = value[: dates[0].start].rstrip() if dates and dates[0].start > 0 else value
        return [t.element(e.kind, e.start, e.start + len(value), value)]
    m = _LIVES_AT.search(t.text, 0, min(limit, len(t.text)))
    if m:
        value = m.group("v").strip()
        start = m.start("v") + m.group("v").index(value)
        return [t.element("party_address", start, start + len(value), value)]
    return []


# 「受案部门负责人：」「质量负责人：」「现场负责人：」: the head of a unit or a task, not the
# party's representative (「主要负责人：」 of an organisation is).
_UNIT_HEAD = re.compile(rf"(?<!主要)(?<=[{CJK}])负责人[\s：:|｜]*$")


def legal_representative(t: DocText) -> list[Element]:
    out = []
    for e in _labelled_value(t, "legal_representative_labels", "legal_representative"):
        if _UNIT_HEAD.search(t.text, max(0, e.start - 12), e.start):
            continue
        m = re.match(NAME, e.value)
        if m and len(m.group(0)) <= 5:
            out.append(t.element(e.kind, e.start, e.start + m.end(), m.group(0)))
    return out[:1]


def identifiers(t: DocText) -> list[Element]:
    labels_code = words_re(lexicon()["credit_code_labels"])
    labels_id = words_re(lexicon()["id_number_labels"])
    out = []
    for code in find_credit_codes(t.text):
        if labels_code.search(t.text, max(0, code.start - 25), code.start):
            out.append(t.element("party_credit_code", code.start, code.end, fold(code.text)))
    for idn in find_id_numbers(t.text):
        if labels_id.search(t.text, max(0, idn.start - 25), idn.start):
            out.append(t.element("party_id_number", idn.start, idn.end, fold(idn.text)))
    return out


def case_cause(t: DocText, parties: list[Element]) -> list[Element]:
    """案由: a labelled one, or 「（当事人）…一案」 near the top; normalized without the party's
    name in front (「某公司环境违法一案」 → 环境违法)."""
    out = _labelled_value(t, "case_cause_labels", "case_cause")
    if out:
        return out[:1]
    m = re.search(r"(?:^|\n)(?P<v>[^\n。，]{4,60}?)一案", t.text[: max(t.header_end + 400, 600)])
    if not m:
        return []
    cause = re.sub(r"[（(]以下简称[^）)]*[）)]", "", m.group("v").strip())
    names = [e.value for e in parties] + ["当事人", "你单位", "你公司", "你"]
    for name in sorted(names, key=len, reverse=True):
        # 「本局于…对你单位未依法…一案立案调查」: the cause follows the party named after 对
        at = cause.find(f"对{name}")
        if at >= 0 and len(cause) > at + len(name) + 2:
            cause = cause[at + 1 :]
        if cause.startswith(name) and len(cause) > len(name) + 1:
            cause = cause[len(name) :]
            break
    cause = re.sub(r"^(?:涉嫌|的)", "", cause)
    return [t.element("case_cause", m.start("v"), m.start("v") + len(m.group("v").strip()), cause)]
