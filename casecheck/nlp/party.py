"""The party: named after a label, in a form's table, or as the decision's addressee; with
its type (organisation, sole trader, individual) read from the name."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from casecheck.classify import load_catalog
from casecheck.model import Element
from casecheck.nlp.header import DOCNO_RES
from casecheck.nlp.labelled import labelled_spans
from casecheck.nlp.lexicon import lexicon, words_re
from casecheck.nlp.signoff import authority_name
from casecheck.nlp.text import NAME, DocText


def _party_name(value: str) -> dict[str, Any]:
    """{name, type, operator, trade_name} of a party as written: type is organisation,
    sole_trader (个体工商户, e.g. 「金福食品店（黄某）」 or 「周某（个体工商户，字号：…）」),
    individual, or None when the name does not tell."""
    lex = lexicon()
    m = re.fullmatch(r"(?P<name>[^（(]+)[（(](?P<note>[^）)]*)[）)]", value)
    name, note = (m.group("name").strip(), m.group("note")) if m else (value, "")
    trade = re.search(r"字号[：:]?\s*(?P<t>[^，,；;]+)", note)
    roles = lex["party_role_notes"]
    operator = note if re.fullmatch(NAME, note) and len(note) <= 4 and note not in roles else None
    if "个体工商户" in note or trade:
        kind = "sole_trader"
    elif name.endswith(tuple(lex["organisation_suffixes"])):
        kind = "organisation"
    elif name.endswith(tuple(lex["sole_trader_suffixes"])) or operator:
        kind = "sole_trader"
    elif re.fullmatch(NAME, name) and len(name) <= 4:
        kind = "individual"
    else:
        kind = None
    return {
        "name": name,
        "type": kind,
        "operator": operator,
        "trade_name": trade.group("t").strip() if trade else None,
    }


def party_names(t: DocText) -> list[Element]:
    out: list[Element] = []
    seen: set[str] = set()
    transcript = t.doc.doc_type.endswith("笔录")
    for span in labelled_spans(t, "party_labels", t.header_end):
        value = t.text[span[0] : span[1]]
        # In a record 「当事人：」 also opens the party's answers (「当事人：不申请回避。」); in a
        # table 「当事人」 may be a data cell (who provided a piece of evidence) before a date.
        in_cell = t.text[: span[0]].rstrip().endswith(("|", "｜"))
        if (transcript or in_cell) and _party_name(value.strip())["type"] is None:
            continue
        _add_party(t, span[0], value, out, seen)
        _co_parties(t, span[1], out, seen)
    if not out:
        _table_party(t, out, seen)
    if not out and _addressed_to_party(t):
        _addressee(t, out, seen)
    return out


def _addressed_to_party(t: DocText) -> bool:
    """Whether the document's salutation names the party (a notice to the family does not)."""
    doc_type = load_catalog().get(t.doc.doc_type)
    return doc_type is None or doc_type.addressed_to_party


_PERSON_LINE = re.compile(rf"\s*(?P<v>{NAME})\s*[，,]\s*[男女][，,。]")


def _co_parties(t: DocText, end: int, out: list[Element], seen: set[str]) -> None:
    """「当事人：龚某某，男，…」 then 「覃某某，女，…」 on the next lines: more parties."""
    for s, e in t.lines:
        if s <= end or s >= t.header_end:
            continue
        m = _PERSON_LINE.match(t.text, s, e)
        if not m:
            return
        _add_party(t, m.start("v"), m.group("v"), out, seen)


def _table_party(t: DocText, out: list[Element], seen: set[str]) -> None:
    """A form's table: the label in one cell (「当事人」 on a line of its own), the name in
    the next."""
    labels = set(lexicon()["party_labels"])
    head = [(s, e) for s, e in t.lines if s < t.header_end]
    for (s, e), (ns, ne) in pairwise(head):
        if re.sub(r"\s", "", t.text[s:e]) not in labels:
            continue
        value = t.text[ns:ne]
        if _party_name(value.strip())["type"] is not None:
            _add_party(t, ns, value, out, seen)
            return


_ORGANISATION = ("organisation", "sole_trader")
# How a decision addresses its party on a line of its own, and who may be so addressed:
# 「某某有限公司：」, 「某某厂（统一社会信用代码：…）：」 or 「某某：（纳税人识别号：…）」; a bare
# 「某某有限公司」; 「金某某，男，…」.
_ADDRESSEE_LINES = (
    (
        re.compile(r"\s*(?P<v>[^：:，,。（(\s]{2,40})(?:[（(][^\n]*)?[：:]\s*(?:[（(][^\n]*)?$"),
        ("organisation", "sole_trader", "individual"),
    ),
    (re.compile(r"\s*(?P<v>[^：:，,。（(\s]{2,40})\s*$"), _ORGANISATION),
    (_PERSON_LINE, ("individual",)),
)
# Scraped text without line breaks: 「…罚〔2015〕38号某某有限公司：法定代表人：…」.
_ADDRESSEE_AFTER_NUMBER = re.compile(r"\s*(?P<v>[^：:，,。（(\s]{2,40})[：:]")


def _addressee(t: DocText, out: list[Element], seen: set[str]) -> None:
    """A decision addressed to the party on a line of its own just below the number or the
    title (an individual only below a number), or right after the number on its line."""
    head = [(s, e) for s, e in t.lines[:8] if s < t.header_end]
    numbered = [i for i, (s, e) in enumerate(head) if DOCNO_RES[0].search(t.text, s, e)]
    candidates = []
    if numbered:
        s, e = head[numbered[0]]
        number = DOCNO_RES[0].search(t.text, s, e)
        candidates.append((_ADDRESSEE_AFTER_NUMBER, _ORGANISATION, number.end(), e))
    # a number in the page header is printed above the authority and the title
    below = 4 if numbered and _in_page_header(t, head[numbered[0]][0]) else 3
    lines = head[numbered[0] + 1 : numbered[0] + below] if numbered else head
    for s, e in lines:
        for regex, kinds in _ADDRESSEE_LINES:
            if numbered or "individual" not in kinds or len(kinds) > 1:
                candidates.append((regex, kinds, s, e))
    stop = set(lexicon()["not_party_names"])
    for regex, kinds, s, e in candidates:
        m = regex.match(t.text, s, e)
        if not m or m.group("v") in stop or authority_name(m.group("v")):
            continue
        kind = _party_name(m.group("v"))["type"]
        if kind in kinds and (kind != "individual" or numbered):
            _add_party(t, m.start("v"), m.group("v"), out, seen)
            return


def _in_page_header(t: DocText, offset: int) -> bool:
    return any(b.locator == "header" and b.start <= offset < b.end for b in t.doc.blocks)


def _payee_bank(t: DocText, name: str) -> bool:
    """A bank asked to collect the fine (「某银行某支行：请代收…」): the payee, not the party."""
    lex = lexicon()
    return name.endswith(tuple(lex["bank_suffixes"])) and bool(
        words_re(lex["collection_cues"]).search(t.text)
    )


def _add_party(t: DocText, start: int, raw: str, out: list[Element], seen: set[str]) -> None:
    value = raw.strip()
    value = re.sub(r"[（(][^）)]*(?:代码|号码|注册号)[^）)]*[）)]$", "", value)
    value = value.rstrip("（(")  # 「某厂(统一社会信用代码:…)」 cut at the inner label
    categories = lexicon()["party_categories"]
    if len(value) < 2 or value in seen or value in categories or _payee_bank(t, value):
        return
    start += raw.index(value[0])
    seen.add(value)
    out.append(t.element("party_name", start, start + len(value), _party_name(value)))
