"""The structure of a penalty decision, and the statute text it quotes.

A decision (行政处罚法第五十九条) has a party block, facts and evidence, the decision itself, the
manner and period of performance, the notice of remedy and a sign-off; decisions on several
violations set each one's penalty in its own numbered section (一、二、… / 分别处以 … 合并执行),
and many decisions quote statute text — inside quotation marks after 「第X条规定：」, as a bare
recital after 「第X条规定。」, or appended after the sign-off (附：相关法律条文). What a quotation
says (「处五万元以上二十万元以下罚款」) is the law's, not the decision's: `quoted_spans` gives
those stretches so that elements and findings never rest on them.

Public verbs: `quoted_spans(doc)`, `decision_parts(doc)`, `in_spans(pos, spans)`. Cues are data
in `checklists/lexicon/decision_structure.yaml`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from casecheck.model import Document
from casecheck.nlp.dates import find_dates
from casecheck.nlp.text import DocText
from casecheck.resources import load_yaml

Span = tuple[int, int]

PART_KINDS = ("party", "facts", "decision", "performance", "remedy", "signoff", "appendix")


@dataclass(frozen=True)
class Part:
    """One part of a decision: `kind` from `PART_KINDS` (or `item` for a numbered section),
    and its char span in the document's text."""

    kind: str
    start: int
    end: int

    def holds(self, pos: int) -> bool:
        return self.start <= pos < self.end


@dataclass(frozen=True)
class DecisionStructure:
    """The parts of one decision found in its text; a part not found is absent.

    `items` are the numbered sections (一、… （一）… 1.…) of the body, innermost first when
    nested; `quoted` the spans of statute text (see `quoted_spans`); `several_violations` says
    the decision sets penalties for more than one violation or party (分别处以, 合并执行,
    numbered sections that each state a violation)."""

    parts: tuple[Part, ...]
    items: tuple[Part, ...]
    quoted: tuple[Span, ...]
    several_violations: bool

    def part(self, kind: str) -> Part | None:
        return next((p for p in self.parts if p.kind == kind), None)

    def has(self, kind: str) -> bool:
        return self.part(kind) is not None

    @property
    def complete(self) -> bool:
        """A whole decision, not an excerpt: party block, decision part and sign-off found."""
        return all(self.has(kind) for kind in ("party", "decision", "signoff"))

    @property
    def body_end(self) -> int:
        """Where the decision's own text ends: the appendix, if any, begins there."""
        appendix = self.part("appendix")
        return appendix.start if appendix else _MAX

    def item_at(self, pos: int) -> Part | None:
        """The innermost numbered section holding `pos`."""
        holding = [i for i in self.items if i.holds(pos)]
        return min(holding, key=lambda i: i.end - i.start) if holding else None

    def is_quoted(self, pos: int) -> bool:
        return in_spans(pos, self.quoted)


_MAX = 1 << 62


def in_spans(pos: int, spans: list[Span] | tuple[Span, ...]) -> bool:
    """Whether `pos` lies inside one of `spans` (half-open)."""
    return any(s <= pos < e for s, e in spans)


def quoted_spans(doc: Document) -> list[Span]:
    """The spans of statute text in `doc`: quotations that follow a citation or 规定
    (「第十条规定：“……”」), bare recitals after 「第X条规定。」 up to the sentence that speaks
    of the case again, and an appendix of statute text (附：相关法律条文 …) to the end.
    Sorted, non-overlapping; values found inside are the law's, not the decision's."""
    return list(decision_parts(doc).quoted)


def decision_parts(doc: Document) -> DecisionStructure:
    """The structure of `doc` read as a decision (see `DecisionStructure`)."""
    return _structure(doc.text)


@cache
def _lexicon() -> dict[str, re.Pattern[str]]:
    data = load_yaml("lexicon", "decision_structure.yaml")
    return {key: re.compile("|".join(f"(?:{p})" for p in words)) for key, words in data.items()}


@lru_cache(maxsize=64)
def _structure(text: str) -> DecisionStructure:
    lex = _lexicon()
    t = DocText(Document(id="", path="", text=text))
    appendix = _appendix(t, lex)
    body_end = appendix[0] if appendix else len(text)
    quoted = _merge([*_statute_quotes(t, body_end), *_recitals(text, body_end, lex)])
    if appendix:
        quoted = _merge([*quoted, appendix])

    def first(key: str, start: int, end: int = body_end) -> int | None:
        for m in lex[key].finditer(text, start, end):
            if not in_spans(m.start(), quoted) and text[max(0, m.start() - 1)] != "拟":
                return m.start()
        return None

    # an attachment list above the sign-off ends where it starts: the sign-off is the text's own
    signoff = _signoff(t, len(text) if appendix and appendix[1] < len(text) else body_end)
    limit = min(signoff[0] if signoff else body_end, body_end)
    party = _party(t, lex, limit)
    facts_at = first("facts_cues", party[0] if party else 0, limit)
    decision_at = first("decision_cues", facts_at or (party[1] if party else 0), limit)
    parts: list[Part] = []
    after_decision = decision_at if decision_at is not None else limit
    performance_at = first("performance_cues", after_decision, limit)
    remedy_at = first("remedy_cues", after_decision, limit)
    if party:
        parts.append(Part("party", party[0], facts_at or party[1]))
    if facts_at is not None:
        parts.append(Part("facts", facts_at, decision_at or limit))
    if decision_at is not None:
        ends = [
            _sentence_start(text, p)
            for p in (performance_at, remedy_at)
            if p is not None and _sentence_start(text, p) > decision_at
        ]
        parts.append(Part("decision", decision_at, min(ends, default=limit)))
    if performance_at is not None:
        parts.append(Part("performance", _sentence_start(text, performance_at), limit))
    if remedy_at is not None:
        parts.append(Part("remedy", _sentence_start(text, remedy_at), limit))
    if signoff:
        parts.append(Part("signoff", *signoff))
    if appendix:
        parts.append(Part("appendix", *appendix))
    items = _items(text, lex, quoted, limit, [p.start for p in parts])
    return DecisionStructure(
        tuple(sorted(parts, key=lambda p: p.start)),
        items,
        tuple(quoted),
        _several(text, lex, items, quoted, body_end),
    )


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# A citation of an article, optionally with its 款 and 项, as quotations and recitals follow it.
_ARTICLE = r"第[〇零一二三四五六七八九十百千0-9０-９]+条(?:之[一二三四五六七八九十]+)?"
_PROVISION = rf"{_ARTICLE}(?:第[^条。\n“”]{{1,8}}款)?(?:第?[（(]?[^条。\n“”]{{1,6}}[)）]?项)?"
_STATUTE_BEFORE = re.compile(rf"(?:{_PROVISION}|规定|》)[^。；\n“”]{{0,12}}$")
# 「第X条规定：」「第X条的规定。」, or a provision followed by a colon (「第四十一条第一款：…」)
_RECITAL_OPEN = re.compile(
    rf"{_PROVISION}(?:(?:中)?(?:的|之)?(?:有关|相关)?规定[：:。]|[：:](?=[^“「\"]))"
)
_SENTENCE = re.compile(r"[^。；;！？\n]*[。；;！？]?")
_MAX_RECITAL = 800


def _statute_quotes(t: DocText, body_end: int) -> list[Span]:
    """Quotations the text introduces as statute: after a provision, 规定 or a law's name."""
    return [
        (s, e)
        for s, e in t.quoted
        if s < body_end and _STATUTE_BEFORE.search(t.text, max(0, s - 40), s)
    ]


def _recitals(text: str, body_end: int, lex: dict[str, re.Pattern[str]]) -> list[Span]:
    """Statute text recited without quotation marks after 「第X条规定。」 or 「第X条规定：」: the
    following sentences of the same paragraph until one speaks of the case (its party, the
    authority, a date) or cites again."""
    out = []
    for m in _RECITAL_OPEN.finditer(text, 0, body_end):
        pos = m.end()
        if text[pos : pos + 1] in '“「"':
            continue  # a quotation: `_statute_quotes`
        end = pos
        while end < min(body_end, pos + _MAX_RECITAL):
            sentence = _SENTENCE.match(text, end)
            if sentence is None or not sentence.group().strip():
                break
            body = sentence.group().strip()
            if _speaks_of_case(body, lex) or text[end] == "\n":
                break
            end = sentence.end()
        if end > pos:
            out.append((pos, end))
    return out


def _speaks_of_case(sentence: str, lex: dict[str, re.Pattern[str]]) -> bool:
    if _RECITAL_OPEN.match(sentence) or re.match(_ARTICLE, sentence):
        return False  # 「第四十二条规定。」 opens the next recital
    if "《" in sentence or find_dates(sentence[:14]):
        return True
    return bool(lex["recital_end_words"].match(sentence)) or bool(
        re.search(r"本局|我局|本机关|你单位|你公司|你(?:个人)?的|该公司|该单位", sentence)
    )


def _appendix(t: DocText, lex: dict[str, re.Pattern[str]]) -> Span | None:
    """An appendix of statute text: a short heading line (附：相关法律条文, 法律依据：) after the
    first third of the document whose next lines begin the statute text (《…》 or 第X条). A
    heading followed by the sign-off (「附相关法律条文」 above the authority's name) announces
    the appendix but is not its start."""
    for n, (s, e) in enumerate(t.lines):
        line = t.text[s:e]
        if s < len(t.text) // 3 or len(line) >= 60:
            continue
        if not lex["appendix_heads"].match(t.text, s + len(line) - len(line.lstrip())):
            continue
        following = [t.text[a:b] for a, b in t.lines[n + 1 : n + 3]]
        if any(_STATUTE_LINE.match(f) for f in following):
            return s, _list_end(t, n)
    return None


def _list_end(t: DocText, heading: int) -> int:
    """Where an appendix that starts at line `heading` ends: the end of the text, or the
    sign-off when it follows a short list of attachments (附件：1、《某法》有关规定 2、… and
    then the authority and the date: the texts themselves are not in this document)."""
    signed = t.signature
    if not signed:
        return len(t.text)
    authority, date = signed
    start = authority[0] if authority else t.text.rfind("\n", 0, date.start) + 1
    listed = [t.text[a:b] for a, b in t.lines[heading:] if b <= start]
    if (
        start > t.lines[heading][0]
        and len(listed) <= _MAX_LISTED
        and all(len(line) < 60 for line in listed)
    ):
        return start
    return len(t.text)


_MAX_LISTED = 8  # lines of an attachment list between its heading and the sign-off
_STATUTE_LINE = re.compile(rf"\s*(?:[一二三四五六七八九十0-9]+[、.．]\s*)?(?:《|{_ARTICLE})")


def _signoff(t: DocText, body_end: int) -> Span | None:
    signed = t.signature
    if not signed:
        return None
    authority, date = signed
    start = authority[0] if authority else t.text.rfind("\n", 0, date.start) + 1
    if start >= body_end:
        return None
    return start, date.end


def _party(t: DocText, lex: dict[str, re.Pattern[str]], limit: int) -> Span | None:
    """The party block: a party label (当事人：, 被处罚人 …) or a salutation line (某某公司：)
    near the head of the document, to the end of its line or the start of the facts."""
    head_end = min(limit, max(t.header_end, 0) + 200, 1500)
    label = re.compile(
        rf"(?:^|(?<=[\s。；]))(?:{lex['party_labels'].pattern})"
        r"\s*(?:[（(][^）)\n]{0,8}[）)])?\s*(?:[：:]|\s)"
    )
    m = label.search(t.text, 0, head_end)
    if m:
        line_end = t.text.find("\n", m.end())
        return m.start(), line_end if line_end > 0 else min(len(t.text), m.end() + 100)
    for s, e in t.lines[:12]:
        if s >= head_end:
            break
        if re.fullmatch(r"\s*[^\s，。：:；]{2,40}[：:]\s*", t.text[s:e]):
            return s, e
    return None


def _sentence_start(text: str, pos: int) -> int:
    cut = max(text.rfind(ch, 0, pos) for ch in "。；;\n")
    return cut + 1


def _items(
    text: str,
    lex: dict[str, re.Pattern[str]],
    quoted: list[Span],
    limit: int,
    part_starts: list[int],
) -> tuple[Part, ...]:
    """Numbered sections: a mark at a line or sentence start, to the next mark of the same
    style; the last one to the start of the next part (decision, performance …) or the
    sign-off."""
    families: dict[str, list[int]] = {}
    for m in lex["item_marks"].finditer(text, 0, limit):
        before = text[max(0, m.start() - 1) : m.start()]
        if (m.start() and before not in "\n。；;：: \u3000\t") or in_spans(m.start(), quoted):
            continue
        family = re.sub(r"[一二三四五六七八九十0-9０-９]+", "N", re.sub(r"\s", "", m.group()))
        families.setdefault(family, []).append(m.start())
    out = []
    for starts in families.values():
        if len(starts) < 2:
            continue
        # Items of one line each (a list of penalties): the last one ends with its line too.
        one_line = all("\n" not in text[a:b].rstrip() for a, b in itertools.pairwise(starts))
        for i, s in enumerate(starts):
            end = min([p for p in part_starts if p > s] + [limit])
            if i + 1 < len(starts):
                end = starts[i + 1]
            elif one_line and 0 <= (line_end := text.find("\n", s)) < end:
                end = line_end
            out.append(Part("item", s, end))
    return tuple(sorted(out, key=lambda p: (p.start, -p.end)))


def _several(
    text: str,
    lex: dict[str, re.Pattern[str]],
    items: tuple[Part, ...],
    quoted: list[Span],
    body_end: int,
) -> bool:
    cue = any(
        not in_spans(m.start(), quoted)
        for m in lex["several_violations"].finditer(text, 0, min(body_end, len(text)))
    )
    violations = [i for i in items if "违反" in text[i.start : i.end]]
    return cue or len(violations) >= 2


def adds_up(text: str, pos: int) -> bool:
    """Whether the amount at `pos` is a total of amounts stated before it (合计罚款…元,
    共计罚没款…元): a total word in the phrase just before it."""
    phrase = re.split(r"[，,。；;\n]", text[max(0, pos - 14) : pos])[-1]
    return bool(_lexicon()["total_words"].search(phrase))
