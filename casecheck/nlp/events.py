"""Dated events: each date in the text with the event the words around it name, and the
sign-off date with the event the document type says it records."""

from __future__ import annotations

import re
from functools import cache

from casecheck.model import Element
from casecheck.nlp.dates import DateMatch, find_dates
from casecheck.nlp.lexicon import lexicon, words_re
from casecheck.nlp.text import PHRASE_END, DocText

_DAY_WITHOUT_YEAR = re.compile(
    r"[\d一二三四五六七八九十]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日"
)


def _signoff_kind(t: DocText) -> str | None:
    lex = lexicon()
    if t.doc.doc_type in lex["signoff_dates"]:
        return lex["signoff_dates"][t.doc.doc_type]
    head = t.doc.title or t.text[: t.lines[min(3, len(t.lines) - 1)][1]] if t.lines else ""
    for word, kind in lex["signoff_title_words"].items():
        if word in head:
            return kind
    return None


def _record_time(t: DocText) -> tuple[str, int | None] | None:
    """A record's own event kind and its own date: the first date of its time field
    (询问时间：…, 检查时间：…至…, 「| 检查时间 | … |」, 时间：…), as its start offset. None
    for other documents."""
    lex = lexicon()
    kind = lex["record_dates"].get(t.doc.doc_type)
    if kind is None:
        return None
    labels = "|".join(map(re.escape, sorted(lex["record_time_labels"], key=len, reverse=True)))
    field = re.compile(rf"(?:^|(?<=[|｜\s]))(?:{labels})\s*[：:|｜]\s*", re.M)
    for m in field.finditer(t.text):
        date = next(iter(find_dates(t.text[m.end() : m.end() + 40])), None)
        if date is not None and not t.text[m.end() : m.end() + date.start].strip():
            return kind, m.end() + date.start
    return kind, None


def dated_events(t: DocText) -> list[Element]:
    """Each date with the event it dates. A record's own event (a 询问笔录's inquiry, a 检查
    笔录's inspection) is dated by its time field, or failing that by a date in its header;
    the dates its body mentions (an earlier inspection told in the answers) are not its own."""
    out = []
    signed = t.signature
    signoff_kind = _signoff_kind(t)
    signoff = signed[1] if signed else None
    record = _record_time(t)
    signed_only = signoff is not None and t.doc.doc_type in lexicon()["signoff_only_types"]
    events = [
        (e["kind"], _before_re(e), words_re(e.get("after") or ["\0"]))
        for e in lexicon()["date_events"]
    ]
    not_event = re.compile(r"\s*(?:" + "|".join(lexicon()["date_not_events"]) + ")")
    dates = find_dates(t.text)
    for i, d in enumerate(dates):
        if record and d.start == record[1]:
            out.append(t.element(record[0], d.start, d.end, d.iso))
            continue
        own_signoff = signoff_kind and not (record and record[1] is not None)
        if signoff is not None and d.start == signoff.start and own_signoff:
            out.append(t.element(signoff_kind, d.start, d.end, d.iso))
            continue
        if t.in_quote(d.start) or not_event.match(t.text, d.time_end or d.end):
            continue
        kind = _date_event(t, dates, i, events)
        if record and kind == record[0] and (record[1] is not None or d.start >= t.header_end):
            continue  # the record mentions this date; its own is in its time field
        if signed_only and own_signoff and kind == signoff_kind:
            continue  # the form is dated by its sign-off (not 「立案依据 | 2月10日检查…」)
        if kind:
            out.append(t.element(kind, d.start, d.end, d.iso))
    return out


@cache
def _unticked() -> re.Pattern[str]:
    """A form's option whose box is not ticked (「☑投诉 □检查发现」): the option and its box."""
    marks = "".join(map(re.escape, lexicon()["unticked_boxes"]))
    ticks = "".join(map(re.escape, lexicon()["ticked_boxes"]))
    return re.compile(rf"[{marks}][^{marks}{ticks}\s，,。；;|｜]*")


def _before_re(event: dict[str, list[str]]) -> re.Pattern[str]:
    """An event's words before its date: anywhere in the clause (`before`), or right before the
    date, punctuation aside (`just_before`)."""
    alternatives = [words_re(event["before"]).pattern]
    if event.get("just_before"):
        alternatives.append(rf"(?:{words_re(event['just_before']).pattern})[：:，,\s]*$")
    return re.compile("|".join(alternatives))


def _date_event(
    t: DocText, dates: list[DateMatch], i: int, events: list[tuple[str, re.Pattern, re.Pattern]]
) -> str | None:
    d = dates[i]
    clause_start, _ = t.clause(d.start, PHRASE_END)
    _, clause_end = t.clause(d.start)
    prev_end = dates[i - 1].end if i else 0
    before = t.text[max(clause_start, prev_end, d.start - 30) : d.start]
    next_start = dates[i + 1].start if i + 1 < len(dates) else len(t.text)
    after = t.text[d.time_end or d.end : min(clause_end, next_start, d.end + 40)]
    # a later day written without its year (「…收到线索，4月10日立案」) dates what follows it
    later = _DAY_WITHOUT_YEAR.search(after)
    after = after[: later.start()] if later else after
    before, after = _unticked().sub(" ", before), _unticked().sub(" ", after)
    for kind, words_before, _ in events:
        if words_before.search(before):
            return kind
    for kind, _, words_after in events:
        if words_after.search(after):
            return kind
    return None
