"""Evidence items listed in a document, each with its evidence category when the name tells."""

from __future__ import annotations

import re
from functools import cache

from casecheck.model import Element
from casecheck.nlp.lexicon import lexicon, words_re
from casecheck.nlp.text import DocText


@cache
def _evidence_categories() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (e["category"], re.compile("|".join(e["words"]))) for e in lexicon()["evidence_categories"]
    ]


def _evidence_category(name: str) -> str | None:
    """One of 行政处罚法第四十六条's evidence categories, when the item's name tells."""
    return next((c for c, words in _evidence_categories() if words.search(name)), None)


def evidence(t: DocText) -> list[Element]:
    intro = words_re(lexicon()["evidence_intro"])
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


def _evidence_lines(t: DocText, pos: int) -> list[Element]:
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


# (「…等证据证明」 ends a list; 「以下证据证明：」 with its colon introduces one)
_EVIDENCE_END = re.compile(
    r"(?:等|等相关|等一系列)?(?:证据|材料)?(?:予以证实|在案佐证|为证|为凭|证实|佐证|证明)(?![：:])[^、]*$"
)


def _evidence_inline(t: DocText, pos: int) -> list[Element]:
    _, end = t.clause(pos, "。\n")
    body = t.text[pos:end]
    stop = _EVIDENCE_END.search(body)
    body_end = pos + (stop.start() if stop else len(body))
    out = []
    for piece in re.finditer(r"[^、，,；;和及]+", t.text[pos:body_end]):
        out.append(_evidence_item(t, pos + piece.start(), pos + piece.end()))
    return [x for x in out if x]


def _evidence_item(t: DocText, start: int, end: int) -> Element | None:
    text = t.text[start:end]
    cut = re.search(r"[，,；;。]", text)
    text = text[: cut.start()] if cut else text
    text = re.sub(r"等?各?[一二三四五六七八九十两0-9]+[份张页本册个组]$", "", text.rstrip())
    text = re.sub(r"^(?:[有：:\s]|以下(?:证据|材料)(?:证明|证实|为证)?)+|等$", "", text)
    # an inline numbered list (「证明：1.营业执照；2.现场检查笔录」): the number is not the name's
    mark = _ITEM_MARK.match(text)
    text = text[mark.end() :] if mark else text
    if len(text) < 2:
        return None
    start += t.text[start:end].index(text)
    return t.element(
        "evidence_item",
        start,
        start + len(text),
        {"name": text, "category": _evidence_category(text)},
    )
