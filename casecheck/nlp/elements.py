"""The Elements of one document: 文号, authority, party, dates of events, amounts, penalty
types, officers, evidence, remedies — each with its char span in `Document.text`.

Extraction is regular expressions over the text, steered by the word lists in
`checklists/lexicon/elements.yaml` and `penalty_types.yaml`; spans are char offsets
(never token edges). Values inside quotation marks (quoted statute text) are not elements.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import pairwise
from typing import Any

from casecheck.model import ELEMENT_KINDS, Document, Element
from casecheck.nlp.dates import DateMatch, find_dates
from casecheck.nlp.identifiers import find_credit_codes, find_id_numbers
from casecheck.nlp.numbers import Amount, find_amounts, find_ranges, parse_int
from casecheck.resources import load_yaml

_CLAUSE_END = "。；;\n！？!?"
_PHRASE_END = _CLAUSE_END + "，,"
_CJK = r"\u3400-\u9fff"
_NAME = rf"[{_CJK}][{_CJK}·•]{{1,5}}"
_PERIOD = (
    r"(?P<period>(?:[0-9０-９]+|[一二三四五六七八九十百零〇两]+)\s*(?:个\s*)?(?:工作日|日|天|月))"
)
_OPEN, _CLOSE = "[〔﹝\\[［【（(]", "[〕﹞\\]］】）)]"
_DOCNO_RES = (
    # 浦环罚〔2018〕7号, 陇工商处字[2017]第82号
    re.compile(
        rf"(?P<prefix>(?:[{_CJK}A-Za-z0-9 \u3000]|[（(][{_CJK}]{{1,6}}[）)]){{0,24}}?)"
        rf"\s*(?P<open>{_OPEN})\s*(?P<year>(?:19|20)\d{{2}})\s*{_CLOSE}"
        # the number may be blank: a form left unfilled (北市税稽处〔2026〕 号)
        r"\s*(?P<no>第?\s*[0-9０-９]*(?:[-－][0-9０-９]+)?)\s*号"
    ),
    # 〔2019〕琼建质监罚决字第1号: the year first
    re.compile(
        rf"{_OPEN}\s*(?P<year>(?:19|20)\d{{2}})\s*{_CLOSE}\s*(?P<prefix>[{_CJK}]{{1,16}}?字)"
        r"\s*(?P<no>第?\s*[0-9０-９]+)\s*号"
    ),
)
_QUOTES = {"“": "”", "「": "」", '"': '"'}


@dataclass(frozen=True)
class RightsNotice:
    """What a 告知书 (or a decision's procedure part) says about the party's rights."""

    mentions_statement: bool
    mentions_hearing: bool
    hearing_period_text: str | None
    hearing_period_days: int | None
    hearing_period_working_days: bool
    span: tuple[int, int]


@cache
def _lexicon() -> dict[str, Any]:
    return load_yaml("lexicon", "elements.yaml")


@cache
def _label_re(key: str) -> re.Pattern[str]:
    """A label from the lexicon, with blanks allowed between characters and either kind of
    bracket, followed by a colon: captures the rest of the phrase as `v`."""
    alts = []
    for label in sorted(_lexicon()[key], key=len, reverse=True):
        chars = ["[（(]" if c in "（(" else "[）)]" if c in "）)" else re.escape(c) for c in label]
        alts.append(r"\s*".join(chars))
    value = r"(?P<v>(?:[^\n，,。；;（(]|[（(][^）)\n]*[）)])*)"  # brackets may hold commas
    return re.compile(rf"(?:{'|'.join(alts)})\s*[：:]\s*{value}")


@cache
def _penalty_patterns() -> list[tuple[str, re.Pattern[str]]]:
    data = load_yaml("lexicon", "penalty_types.yaml")
    return [(t["type"], re.compile("|".join(t["patterns"]))) for t in data["types"]]


def _words_re(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


# 「一、当事人基本情况」 opens the party block, not the body.
_BODY_START = re.compile(
    r"\s*(?:一、(?!当事人)|经查|经调查|现查明|我局于|本局于|本机关于|违法事实)"
)


@cache
def _spaced_words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """Words that may be printed with blanks between characters (行 政 处 罚 决 定 书)."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(r"[ \u3000]*".join(map(re.escape, w)) for w in ordered))


class _Text:
    """The text of one document with the lookups every extractor needs."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.quoted = list(_quoted_ranges(self.text))
        self._delimiters: dict[str, list[int]] = {}
        self.lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", self.text)]
        self.header_end = self._header_end()

    @cached_property
    def signature(self) -> tuple[tuple[int, int] | None, DateMatch] | None:
        return _signature(self)

    def _header_end(self) -> int:
        """Where the header (title, number, party block) ends: the first long line."""
        for start, end in self.lines:
            if start > 0 and (end - start > 100 or _BODY_START.match(self.text, start, end)):
                return start
        return min(len(self.text), 1000)

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quoted)

    def clause(self, pos: int, ends: str = _CLAUSE_END) -> tuple[int, int]:
        """The stretch around `pos` between the nearest delimiters of `ends` (exclusive).

        Delimiter offsets are indexed once per set and searched by bisection, so finding the
        clause of every date stays linear in the length of a long document."""
        marks = self._delimiters.get(ends)
        if marks is None:
            marks = self._delimiters[ends] = [i for i, ch in enumerate(self.text) if ch in ends]
        k = bisect_left(marks, pos)
        start = marks[k - 1] + 1 if k else 0
        return start, marks[k] if k < len(marks) else len(self.text)

    def element(self, kind: str, start: int, end: int, normalized: Any) -> Element:
        assert kind in ELEMENT_KINDS, kind
        return Element(
            self.doc.id,
            kind,
            self.text[start:end],
            normalized,
            start,
            end,
            self.doc.page_at(start),
        )


def _quoted_ranges(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    while True:
        m = re.compile("[“「]").search(text, pos)
        if not m:
            return
        close = text.find(_QUOTES[m.group(0)], m.end())
        if close < 0:
            return
        yield m.start(), close + 1
        pos = close + 1


def _fold(text: str) -> str:
    return re.sub(
        r"\s+", "", text.translate(str.maketrans("０１２３４５６７８９－", "0123456789-"))
    )


# ---- header: number, authority, party ---------------------------------------------------


def _doc_number(t: _Text) -> list[Element]:
    """The document's own 文号: the first one in the header, brackets normalised to 〔〕."""
    titles = _spaced_words_re(tuple(_lexicon()["doc_titles"]))
    found = []
    for regex in _DOCNO_RES:
        for m in regex.finditer(t.text, 0, t.header_end):
            if t.in_quote(m.start()) or _bracketed(t.text, m):
                continue
            if regex is _DOCNO_RES[1]:
                found.append((m.start(), m))
                break
            # A title on the same line (「…决定书沪洋关缉违字〔2018〕12号」) is not part of it.
            prefix = m.group("prefix")
            ends = [x.end() for x in titles.finditer(prefix)]
            cut = max([*ends, prefix.rfind("关于") + 2 if "关于" in prefix else 0])
            rest = prefix[cut:]
            if prefix and not rest.strip():
                continue  # 「决定书（2013）」: a bracketed year after a title, not a number
            found.append((m.start("prefix") + cut + len(rest) - len(rest.lstrip()), m))
            break
    if not found:
        return []
    start, m = min(found, key=lambda f: f[0])
    year, no = f"〔{m.group('year')}〕", _fold(m.group("no")) + "号"
    if m.re is _DOCNO_RES[0]:
        value = _fold(t.text[start : m.start("open")]) + year + no
    else:
        value = year + _fold(m.group("prefix")) + no
    return [t.element("doc_number", start, m.end(), value)]


_OTHER_NUMBER_LABEL = re.compile(r"书\s*文\s*号\s*[：:]?\s*$")


def _bracketed(text: str, m: re.Match[str]) -> bool:
    """「《告知书》（某罚告〔2025〕3号）」, 「《…通知》某发〔2015〕1号」, 「处罚决定书文号：…」:
    the number of another document, named just before it."""
    start = m.start("prefix") + len(m.group("prefix")) - len(m.group("prefix").lstrip())
    if m.re is _DOCNO_RES[1]:
        start = m.start()
    before = text[max(0, start - 1) : start]
    if before == "》":  # 「《…的通知》浙价资[2015]201号第六条」
        return True
    if _OTHER_NUMBER_LABEL.search(text, max(0, start - 12), start):
        return True  # 「处罚决定书文号：…」 in a voucher or a closing form
    return before in ("（", "(") and text[m.end() : m.end() + 1] in ("）", ")")


def _authority_name(text: str) -> str | None:
    suffixes = tuple(_lexicon()["authority_suffixes"])
    name = text.strip()
    if (
        4 <= len(name) <= 40
        and name.endswith(suffixes)
        and not re.search("[，,。；：:《》“”]", name)
    ):
        return name
    return None


def _authority(t: _Text) -> list[Element]:
    out = []
    titles = _spaced_words_re(tuple(_lexicon()["doc_titles"]))
    head = [(s, e) for s, e in t.lines if s < t.header_end][:6]
    for i, (s, e) in enumerate(head):
        m = titles.search(t.text, s, e)
        if not m:
            continue
        before = t.text[s : m.start()]
        before = before.split("关于")[0] if "关于" in before else before
        # 「代码：0015119007某市司法局行政处罚决定书」: the Chinese run before the title.
        tail = re.search(rf"[{_CJK}（）()]+$", before.rstrip())
        name = _authority_name(before) or (tail and _authority_name(tail.group()))
        if name:
            start = s + t.text[s:e].index(name)
            out.append(t.element("authority", start, start + len(name), _fold(name)))
        elif i > 0 and (name := _authority_name(t.text[slice(*head[i - 1])])):
            start = head[i - 1][0] + t.text[slice(*head[i - 1])].index(name)
            out.append(t.element("authority", start, start + len(name), _fold(name)))
        break
    signed = t.signature
    if signed and signed[0] is not None:
        s, e = signed[0]
        out.append(t.element("authority", s, e, _fold(t.text[s:e])))
    return out


def _signature(t: _Text) -> tuple[tuple[int, int] | None, DateMatch] | None:
    """The sign-off at the end: (authority span or None, date) — the last date standing
    alone on its line among the last lines, and the authority line just above it; failing
    that, the same before an appendix (附：…) that follows the sign-off."""
    found = _signoff(t, t.lines[-12:])
    if found is None:
        appendix = [i for i, (s, e) in enumerate(t.lines) if _APPENDIX.match(t.text, s, e)]
        if appendix:
            found = _signoff(t, t.lines[max(0, appendix[-1] - 12) : appendix[-1]])
    return found


_APPENDIX = re.compile(r"\s*附\s*件?\s*[：:]")
_SEAL = re.compile(r"\s*[（(]?\s*(?:印章|盖章|公章|章)\s*[）)]?\s*")


def _signoff(
    t: _Text, tail: list[tuple[int, int]]
) -> tuple[tuple[int, int] | None, DateMatch] | None:
    for idx in range(len(tail) - 1, -1, -1):
        s, e = tail[idx]
        line = t.text[s:e]
        dates = find_dates(line)
        if not dates:
            continue
        date = dates[-1]
        shifted = DateMatch(s + date.start, s + date.end, date.date, date.text, date.time)
        rest = (line[: date.start] + line[date.end :]).strip()
        if len(rest) > 40 or re.search("[，。；]", rest):
            inline = _inline_signoff(line, date)
            if inline is None:
                continue
            return (None if inline == (0, 0) else (s + inline[0], s + inline[1])), shifted
        if rest and _authority_name(rest):
            start = s + line.index(rest)
            return (start, start + len(rest)), shifted
        for ps, pe in reversed(tail[max(0, idx - 3) : idx]):
            prev = t.text[ps:pe]
            if _SEAL.fullmatch(prev):
                continue
            name = _authority_name(prev)
            if name:
                start = ps + prev.index(name)
                return (start, start + len(name)), shifted
            break
        return None, shifted
    return None


def _inline_signoff(line: str, date: DateMatch) -> tuple[int, int] | None:
    """Scraped text on one line: 「…信息。 某市某局 2016年9月4日」 or 「…100033　　二〇一一年
    一月十三日」 — a date closing the line after the authority's name (a seal mark allowed),
    or standing apart after a run of blanks. Returns the name's span, (0, 0) for a date
    standing apart without a name, None when the date is part of a sentence."""
    before = line[: date.start]
    trimmed = before.rstrip()
    if line[date.end :].strip() or trimmed == before:
        return None
    cut = max((m.end() for m in re.finditer(r"[。！？；]|\s{2,}", trimmed)), default=0)
    name = _SEAL.sub("", trimmed[cut:]).strip()
    if _authority_name(name):
        start = cut + trimmed[cut:].index(name)
        return start, start + len(name)
    return (0, 0) if len(before) - len(trimmed) >= 2 else None


def _party_name(value: str) -> dict[str, Any]:
    """{name, type, operator, trade_name} of a party as written: type is organisation,
    sole_trader (个体工商户, e.g. 「金福食品店（黄某）」 or 「周某（个体工商户，字号：…）」),
    individual, or None when the name does not tell."""
    lex = _lexicon()
    m = re.fullmatch(r"(?P<name>[^（(]+)[（(](?P<note>[^）)]*)[）)]", value)
    name, note = (m.group("name").strip(), m.group("note")) if m else (value, "")
    trade = re.search(r"字号[：:]?\s*(?P<t>[^，,；;]+)", note)
    operator = note if re.fullmatch(_NAME, note) and len(note) <= 4 else None
    if "个体工商户" in note or trade:
        kind = "sole_trader"
    elif name.endswith(tuple(lex["organisation_suffixes"])):
        kind = "organisation"
    elif name.endswith(tuple(lex["sole_trader_suffixes"])) or operator:
        kind = "sole_trader"
    elif re.fullmatch(_NAME, name) and len(name) <= 4:
        kind = "individual"
    else:
        kind = None
    return {
        "name": name,
        "type": kind,
        "operator": operator,
        "trade_name": trade.group("t").strip() if trade else None,
    }


def _party(t: _Text) -> list[Element]:
    out: list[Element] = []
    seen: set[str] = set()
    transcript = t.doc.doc_type.endswith("笔录")
    for m in _label_re("party_labels").finditer(t.text, 0, t.header_end):
        span = _value_span(t, m)
        if not span:
            continue
        value = t.text[span[0] : span[1]]
        # In a record 「当事人：」 also opens the party's answers (「当事人：不申请回避。」).
        if transcript and _party_name(value.strip())["type"] is None:
            continue
        _add_party(t, span[0], value, out, seen)
        _co_parties(t, span[1], out, seen)
    if not out:
        _table_party(t, out, seen)
    if not out:
        _addressee(t, out, seen)
    return out


_PERSON_LINE = re.compile(rf"\s*(?P<v>{_NAME})\s*[，,]\s*[男女][，,。]")


def _co_parties(t: _Text, end: int, out: list[Element], seen: set[str]) -> None:
    """「当事人：龚某某，男，…」 then 「覃某某，女，…」 on the next lines: more parties."""
    for s, e in t.lines:
        if s <= end or s >= t.header_end:
            continue
        m = _PERSON_LINE.match(t.text, s, e)
        if not m:
            return
        _add_party(t, m.start("v"), m.group("v"), out, seen)


def _table_party(t: _Text, out: list[Element], seen: set[str]) -> None:
    """A form's table: the label in one cell (「当事人」 on a line of its own), the name in
    the next."""
    labels = set(_lexicon()["party_labels"])
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


def _addressee(t: _Text, out: list[Element], seen: set[str]) -> None:
    """A decision addressed to the party on a line of its own just below the number or the
    title (an individual only below a number), or right after the number on its line."""
    head = [(s, e) for s, e in t.lines[:8] if s < t.header_end]
    numbered = [i for i, (s, e) in enumerate(head) if _DOCNO_RES[0].search(t.text, s, e)]
    candidates = []
    if numbered:
        s, e = head[numbered[0]]
        number = _DOCNO_RES[0].search(t.text, s, e)
        candidates.append((_ADDRESSEE_AFTER_NUMBER, _ORGANISATION, number.end(), e))
    lines = head[numbered[0] + 1 : numbered[0] + 3] if numbered else head
    for s, e in lines:
        for regex, kinds in _ADDRESSEE_LINES:
            if numbered or "individual" not in kinds or len(kinds) > 1:
                candidates.append((regex, kinds, s, e))
    stop = set(_lexicon()["not_party_names"])
    for regex, kinds, s, e in candidates:
        m = regex.match(t.text, s, e)
        if not m or m.group("v") in stop or _authority_name(m.group("v")):
            continue
        kind = _party_name(m.group("v"))["type"]
        if kind in kinds and (kind != "individual" or numbered):
            _add_party(t, m.start("v"), m.group("v"), out, seen)
            return


def _add_party(t: _Text, start: int, raw: str, out: list[Element], seen: set[str]) -> None:
    value = raw.strip()
    value = re.sub(r"[（(][^）)]*(?:代码|号码|注册号)[^）)]*[）)]$", "", value)
    value = value.rstrip("（(")  # 「某厂(统一社会信用代码:…)」 cut at the inner label
    if len(value) < 2 or value in seen:
        return
    start += raw.index(value[0])
    seen.add(value)
    out.append(t.element("party_name", start, start + len(value), _party_name(value)))


@cache
def _next_label() -> re.Pattern[str]:
    """Any label that may follow a value on the same line (scraped text loses line breaks:
    「某公司地址:某路1号法定代表人姓名：某某」)."""
    lex = _lexicon()
    keys = ("party_labels", "credit_code_labels", "id_number_labels", "address_labels")
    keys += ("legal_representative_labels", "case_cause_labels", "extra_stop_labels")
    labels = sorted({w for k in keys for w in lex[k]}, key=len, reverse=True)
    alts = "|".join(r"\s*".join(map(re.escape, w)) for w in labels)
    label = rf"(?:{alts})\s*(?:[（(][^）)]{{0,12}}[）)])?\s*[：:]"
    return re.compile(rf"{label}|\s{{2,}}|\s+\d{{4}}\s*年")


def _value_span(t: _Text, m: re.Match[str]) -> tuple[int, int] | None:
    """The value a label introduces, up to the next label on the line, blanks trimmed."""
    start, end = m.span("v")
    following = _next_label().search(t.text, start + 1, end)
    end = following.start() if following else end
    while start < end and t.text[start].isspace():
        start += 1
    while end > start and t.text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start and not t.in_quote(m.start()) else None


def _labelled_value(t: _Text, key: str, kind: str, limit: int | None = None) -> list[Element]:
    out = []
    for m in _label_re(key).finditer(t.text, 0, limit or len(t.text)):
        span = _value_span(t, m)
        if span:
            out.append(t.element(kind, *span, t.text[span[0] : span[1]]))
    return out


def _address(t: _Text, limit: int) -> list[Element]:
    for e in _labelled_value(t, "address_labels", "party_address", limit):
        value = e.value
        if "）" in value and "（" not in value.split("）")[0]:  # 「（地址：…）」 in running text
            value = value.split("）")[0]
        return [t.element(e.kind, e.start, e.start + len(value), value)]
    return []


def _legal_representative(t: _Text) -> list[Element]:
    out = []
    for e in _labelled_value(t, "legal_representative_labels", "legal_representative"):
        m = re.match(_NAME, e.value)
        if m and len(m.group(0)) <= 5:
            out.append(t.element(e.kind, e.start, e.start + m.end(), m.group(0)))
    return out[:1]


def _identifiers(t: _Text) -> list[Element]:
    labels_code = _words_re(_lexicon()["credit_code_labels"])
    labels_id = _words_re(_lexicon()["id_number_labels"])
    out = []
    for code in find_credit_codes(t.text):
        if labels_code.search(t.text, max(0, code.start - 25), code.start):
            out.append(t.element("party_credit_code", code.start, code.end, _fold(code.text)))
    for idn in find_id_numbers(t.text):
        if labels_id.search(t.text, max(0, idn.start - 25), idn.start):
            out.append(t.element("party_id_number", idn.start, idn.end, _fold(idn.text)))
    return out


def _case_cause(t: _Text, parties: list[Element]) -> list[Element]:
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
        if cause.startswith(name) and len(cause) > len(name) + 1:
            cause = cause[len(name) :]
            break
    cause = re.sub(r"^(?:涉嫌|的)", "", cause)
    return [t.element("case_cause", m.start("v"), m.start("v") + len(m.group("v").strip()), cause)]


# ---- dates -------------------------------------------------------------------------------


def _signoff_kind(t: _Text) -> str | None:
    lex = _lexicon()
    if t.doc.doc_type in lex["signoff_dates"]:
        return lex["signoff_dates"][t.doc.doc_type]
    head = t.doc.title or t.text[: t.lines[min(3, len(t.lines) - 1)][1]] if t.lines else ""
    for word, kind in lex["signoff_title_words"].items():
        if word in head:
            return kind
    return None


def _dates(t: _Text) -> list[Element]:
    out = []
    signed = t.signature
    signoff_kind = _signoff_kind(t)
    signoff = signed[1] if signed else None
    events = [
        (e["kind"], _words_re(e["before"]), _words_re(e.get("after") or ["\0"]))
        for e in _lexicon()["date_events"]
    ]
    not_event = re.compile(r"\s*(?:" + "|".join(_lexicon()["date_not_events"]) + ")")
    dates = find_dates(t.text)
    for i, d in enumerate(dates):
        if signoff is not None and d.start == signoff.start and signoff_kind:
            out.append(t.element(signoff_kind, d.start, d.end, d.iso))
            continue
        if t.in_quote(d.start) or not_event.match(t.text, d.time_end or d.end):
            continue
        kind = _date_event(t, dates, i, events)
        if kind:
            out.append(t.element(kind, d.start, d.end, d.iso))
    return out


def _date_event(
    t: _Text, dates: list[DateMatch], i: int, events: list[tuple[str, re.Pattern, re.Pattern]]
) -> str | None:
    d = dates[i]
    clause_start, _ = t.clause(d.start, _PHRASE_END)
    _, clause_end = t.clause(d.start)
    prev_end = dates[i - 1].end if i else 0
    before = t.text[max(clause_start, prev_end, d.start - 30) : d.start]
    next_start = dates[i + 1].start if i + 1 < len(dates) else len(t.text)
    after = t.text[d.time_end or d.end : min(clause_end, next_start, d.end + 40)]
    for kind, words_before, _ in events:
        if words_before.search(before):
            return kind
    for kind, _, words_after in events:
        if words_after.search(after):
            return kind
    return None


# ---- amounts and penalties ---------------------------------------------------------------


def _amounts(t: _Text) -> list[Element]:
    lex = _lexicon()
    fine = _words_re(lex["fine_words"])
    excluded = _words_re(lex["fine_excluded_words"])
    confiscation = _words_re(lex["confiscation_words"])
    in_range = [(r.start, r.end) for r in find_ranges(t.text)]
    out = []
    for a in find_amounts(t.text):
        if t.in_quote(a.start) or any(s <= a.start < e for s, e in in_range):
            continue
        kind = _amount_kind(t, a, fine, excluded, confiscation)
        if kind:
            out.append(t.element(kind, a.start, a.end, a.value))
    return out


def _amount_kind(
    t: _Text, a: Amount, fine: re.Pattern, excluded: re.Pattern, confiscation: re.Pattern
) -> str | None:
    start, _ = t.clause(a.start, _PHRASE_END)
    if re.match(r"\s*(?:计|合计|共计|总计|即|折合)", t.text[start : a.start]) and start > 1:
        start, _ = t.clause(start - 1, _PHRASE_END)  # 「…每平方米15元的罚款，计人民币…元」
    before = t.text[start : a.start]
    after = t.text[a.end : a.end + 12]
    if _RATE_BASE.match(after) or _PER_UNIT.search(before):
        return None  # 「采购金额（1500000元）千分之五的罚款」, 「每平方米15元的罚款」
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


def _penalty_types(t: _Text) -> list[Element]:
    cues = re.compile("|".join(_lexicon()["decision_cues"]).replace("决定", "决定(?!书)"))
    out, seen = [], set()
    for kind, pattern in _penalty_patterns():
        for m in pattern.finditer(t.text):
            if kind in seen or t.in_quote(m.start()):
                continue
            s, e = t.clause(m.start(), "。！？")  # 「本局决定：\n一、…；\n二、…。」 is one sentence
            if cues.search(t.text, s, e):
                out.append(t.element("penalty_type", m.start(), m.end(), kind))
                seen.add(kind)
    return sorted(out, key=lambda e: e.start)


# ---- officers, evidence, remedies --------------------------------------------------------


_CERT_NO = r"[A-Za-z0-9][A-Za-z0-9-]{3,24}"


def _officers(t: _Text) -> list[Element]:
    """Officers named after 执法人员/检查人员…, each with the certificate number that follows
    the name, or — for 「张三、李四，执法证号：1、2」 — the numbers in the same order."""
    lex = _lexicon()
    labels = "|".join(sorted(lex["officer_labels"], key=len, reverse=True))
    certs = "|".join(sorted(lex["cert_labels"], key=len, reverse=True))
    stop = tuple(lex["not_officer_names"])
    cert_re = re.compile(
        rf"(?:{certs})\s*(?:为|是|分别为)?\s*[：:]?\s*(?P<list>{_CERT_NO}(?:\s*[、，,和]\s*{_CERT_NO})*)"
    )
    name_re = re.compile(rf"(?<![{_CJK}])(?P<name>{_NAME})(?![{_CJK}])")
    out: list[Element] = []
    seen: set[str] = set()
    for m in re.finditer(rf"(?<!被)(?:{labels})(?P<colon>\s*[：:])?", t.text):
        _, end = t.clause(m.end(), "。\n")
        base = m.end()
        region = t.text[base:end]
        cert_no = re.compile(_CERT_NO)
        numbers = [
            (base + c.start(), base + c.end(), c.group(0))
            for lst in cert_re.finditer(region)
            for c in cert_no.finditer(region, lst.start("list"), lst.end("list"))
        ]
        names = [
            (base + n.start(), base + n.end(), n.group("name"))
            for n in name_re.finditer(region)
            if not n.group("name").startswith(stop)
            and not re.match(certs, n.group("name"))
            and not any(s <= base + n.start() < e for s, e, _ in numbers)
        ]
        if not names or (not m.group("colon") and not numbers):
            continue
        for (start, name_end, name), no in _pair_names_and_numbers(names, numbers):
            if name in seen:
                continue
            seen.add(name)
            between = t.text[name_end : no[0]] if no else ""
            adjacent = no and re.fullmatch(rf"\s*[（(]?\s*(?:{certs})\s*[：:]?\s*", between)
            stop_at = no[1] if adjacent else name_end
            normalized = {"name": name, "cert_no": no[2] if no else None}
            out.append(t.element("officer", start, stop_at, normalized))
    return out


_Found = tuple[int, int, str]


def _pair_names_and_numbers(
    names: list[_Found], numbers: list[_Found]
) -> list[tuple[_Found, _Found | None]]:
    """Each name takes the first number after it and before the next name; when the names
    come first and the numbers after them (张三、李四，执法证号：1、2) they pair in order."""
    following = [x[0] for x in names[1:]] + [10**9]
    interleaved = [
        next((c for c in numbers if n[1] <= c[0] < nxt), None)
        for n, nxt in zip(names, following, strict=True)
    ]
    if len(numbers) == len(names) > 1 and sum(c is not None for c in interleaved) <= 1:
        return list(zip(names, numbers, strict=True))
    return list(zip(names, interleaved, strict=True))


@cache
def _evidence_categories() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (e["category"], re.compile("|".join(e["words"]))) for e in _lexicon()["evidence_categories"]
    ]


def _evidence_category(name: str) -> str | None:
    """One of 行政处罚法第四十六条's evidence categories, when the item's name tells."""
    return next((c for c, words in _evidence_categories() if words.search(name)), None)


def _evidence(t: _Text) -> list[Element]:
    intro = _words_re(_lexicon()["evidence_intro"])
    out: list[Element] = []
    for m in intro.finditer(t.text):
        line_end = t.text.find("\n", m.end())
        line_end = len(t.text) if line_end < 0 else line_end
        rest = t.text[m.end() : line_end]
        if re.fullmatch(r"\s*[：:]?\s*", rest) or re.search("[：:]\\s*$", rest):
            out += _evidence_lines(t, line_end + 1)
        else:
            out += _evidence_inline(t, m.end())
    unique = {e.start: e for e in out}
    return [unique[k] for k in sorted(unique)]


_ORDINAL = "[0-9０-９]+|[一二三四五六七八九十]+"
_ITEM_MARK = re.compile(  # 证据1： / 证据（一）： / 1、 / 1. / （1） / 一、
    rf"\s*(?:证据\s*(?:{_ORDINAL}|[（(](?:{_ORDINAL})[）)])\s*[：:.．、]?|[0-9０-９]+\s*[、.．)）]"
    rf"|[（(](?:{_ORDINAL})[）)]|[一二三四五六七八九十]+、)\s*"
)


def _evidence_lines(t: _Text, pos: int) -> list[Element]:
    """Numbered lines after an evidence heading, while they keep the first line's numbering
    style (证据1： … / 1、 … / （1） …)."""
    out, style = [], None
    for s, e in t.lines:
        if s < pos:
            continue
        mark = _ITEM_MARK.match(t.text, s, e)
        if not mark:
            break
        shape = re.sub("[0-9０-９]+|[一二三四五六七八九十]+", "0", mark.group(0).strip())
        if style is not None and shape != style:
            break
        style = shape
        out.append(_evidence_item(t, mark.end(), e))
    return [x for x in out if x]


_EVIDENCE_END = re.compile(
    r"(?:等|等相关|等一系列)?(?:证据|材料)?(?:予以证实|在案佐证|为证|为凭|证实|佐证|证明)[^、]*$"
)


def _evidence_inline(t: _Text, pos: int) -> list[Element]:
    _, end = t.clause(pos, "。\n")
    body = t.text[pos:end]
    stop = _EVIDENCE_END.search(body)
    body_end = pos + (stop.start() if stop else len(body))
    out = []
    for piece in re.finditer(r"[^、，,；;和及]+", t.text[pos:body_end]):
        out.append(_evidence_item(t, pos + piece.start(), pos + piece.end()))
    return [x for x in out if x]


def _evidence_item(t: _Text, start: int, end: int) -> Element | None:
    text = t.text[start:end]
    cut = re.search(r"[，,；;。]", text)
    text = text[: cut.start()] if cut else text
    text = re.sub(r"等?各?[一二三四五六七八九十两0-9]+[份张页本册个组]$", "", text.rstrip())
    text = re.sub(r"^[有：:\s]+|等$", "", text)
    if len(text) < 2:
        return None
    start += t.text[start:end].index(text)
    return t.element(
        "evidence_item",
        start,
        start + len(text),
        {"name": text, "category": _evidence_category(text)},
    )


def _period(text: str) -> dict[str, Any]:
    m = re.fullmatch(r"(?P<n>.+?)\s*(?:个\s*)?(?P<unit>工作日|日|天|月)", text)
    number = parse_int(m.group("n")) if m else None
    months = m is not None and m.group("unit") == "月"
    return {
        "period": re.sub(r"\s+", "", text),
        "days": None if months else number,
        "months": number if months else None,
    }


# The clause from a period to the remedy it is for; it may cross a comma (「6个月内，直接向…
# 法院起诉」) but not another period, a payment, or the other remedy.
_NOT_IN_REMEDY = r"缴纳|缴款|[0-9０-９一二三四五六七八九十]\s*(?:个\s*)?(?:日|天|月)"
_REMEDY_RES = {
    "remedy_reconsideration": re.compile(
        rf"{_PERIOD}\s*内?(?P<mid>(?:(?!诉讼|起诉|{_NOT_IN_REMEDY})[^。；\n]){{0,40}}?)"
        r"(?:申请|提出|提起)(?:行政)?复议"
    ),
    "remedy_litigation": re.compile(
        rf"{_PERIOD}\s*内?(?P<mid>(?:(?!复议|{_NOT_IN_REMEDY})[^。；\n]){{0,40}}?)"
        r"(?:提起(?:行政)?诉讼|起诉)"
    ),
}


def _remedy_body(mid: str, kind: str) -> str | None:
    """The reconsideration body or court named after 向 in the clause."""
    if kind == "remedy_litigation":
        m = re.search(r"向(?P<b>[^向]*?法院)", mid)
    else:
        m = re.search(r"向(?P<b>[^向]+)$", mid)
    return re.sub(r"^(?:依法|直接)+", "", _fold(m.group("b"))) or None if m else None


def _remedies(t: _Text) -> list[Element]:
    out = []
    for kind, regex in _REMEDY_RES.items():
        for m in regex.finditer(t.text):
            if t.in_quote(m.start()):
                continue
            normalized = _period(m.group("period"))
            normalized["body"] = _remedy_body(m.group("mid"), kind)
            out.append(t.element(kind, m.start(), m.end(), normalized))
            break
    return out


# ---- public API --------------------------------------------------------------------------


def extract_elements(doc: Document) -> list[Element]:
    """All Elements of `doc`, ordered by position; kinds are those of `model.ELEMENT_KINDS`."""
    if not doc.text.strip():
        return []
    t = _Text(doc)
    limit = t.header_end + 200
    out: list[Element] = []
    out += _doc_number(t)
    out += _authority(t)
    parties = _party(t)
    out += parties
    out += _identifiers(t)
    out += _legal_representative(t)
    out += _address(t, limit)
    out += _case_cause(t, parties)
    out += _dates(t)
    out += _amounts(t)
    out += _penalty_types(t)
    out += _officers(t)
    out += _evidence(t)
    out += _remedies(t)
    return sorted(out, key=lambda e: (e.start, e.kind))


def extract_rights_notice(doc: Document) -> RightsNotice | None:
    """The rights a notice tells the party of: statement/defence, hearing, and the period to
    request a hearing (e.g. 「五个工作日内」 → 5 days, working days). None if neither is named."""
    text = doc.text
    statement = re.search(r"陈述|申辩", text)
    hearing = re.search(r"听证", text)
    if not statement and not hearing:
        return None
    t = _Text(doc)
    period_text, days, working, span = None, None, False, None
    for m in re.finditer(r"听证", text):
        s, e = t.clause(m.start())
        sentence = text[s:e]
        if not re.search(r"要求|申请|提出", sentence):
            continue
        p = re.search(rf"{_PERIOD}\s*内", sentence)
        if p:
            period_text = re.sub(r"\s+", "", p.group("period"))
            days = _period(period_text)["days"]
            working = "工作日" in period_text
            span = (s, e)
            break
    if span is None:
        first = hearing or statement
        assert first is not None
        span = t.clause(first.start())
    return RightsNotice(bool(statement), bool(hearing), period_text, days, working, span)
