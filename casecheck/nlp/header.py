"""The header of a document: its own 文号 and the authority that issued it."""

from __future__ import annotations

import re

from casecheck.model import Element
from casecheck.nlp.lexicon import lexicon, spaced_words_re
from casecheck.nlp.signoff import authority_name
from casecheck.nlp.text import CJK, DocText, fold

_OPEN, _CLOSE = "[〔﹝\\[［【（(]", "[〕﹞\\]］】）)]"
DOCNO_RES = (
    # 浦环罚〔2018〕7号, 陇工商处字[2017]第82号
    re.compile(
        rf"(?P<prefix>(?:[{CJK}A-Za-z0-9 \u3000]|[（(][{CJK}]{{1,6}}[）)]){{0,24}}?)"
        rf"\s*(?P<open>{_OPEN})\s*(?P<year>(?:19|20)\d{{2}})\s*{_CLOSE}"
        # the number may be blank: a form left unfilled (北市税稽处〔2026〕 号)
        r"\s*(?P<no>第?\s*[0-9０-９]*(?:[-－][0-9０-９]+)?)\s*号"
    ),
    # 〔2019〕琼建质监罚决字第1号: the year first
    re.compile(
        rf"{_OPEN}\s*(?P<year>(?:19|20)\d{{2}})\s*{_CLOSE}\s*(?P<prefix>[{CJK}]{{1,16}}?字)"
        r"\s*(?P<no>第?\s*[0-9０-９]+)\s*号"
    ),
)


def doc_number(t: DocText) -> list[Element]:
    """The document's own 文号: the first one in the header, brackets normalised to 〔〕."""
    titles = spaced_words_re(tuple(lexicon()["doc_titles"]))
    found = []
    for regex in DOCNO_RES:
        for m in regex.finditer(t.text, 0, t.header_end):
            if t.in_quote(m.start()) or _bracketed(t.text, m):
                continue
            if regex is DOCNO_RES[1]:
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
    year, no = f"〔{m.group('year')}〕", fold(m.group("no")) + "号"
    if m.re is DOCNO_RES[0]:
        value = fold(t.text[start : m.start("open")]) + year + no
    else:
        value = year + fold(m.group("prefix")) + no
    return [t.element("doc_number", start, m.end(), value)]


_OTHER_NUMBER_LABEL = re.compile(r"书\s*文\s*号\s*[：:|｜]?\s*$")


def _bracketed(text: str, m: re.Match[str]) -> bool:
    """「《告知书》（某罚告〔2025〕3号）」, 「《…通知》某发〔2015〕1号」, 「处罚决定书文号：…」
    (or its form row 「| 处罚决定书文号 | … |」): the number of another document, named just
    before it."""
    start = m.start("prefix") + len(m.group("prefix")) - len(m.group("prefix").lstrip())
    if m.re is DOCNO_RES[1]:
        start = m.start()
    before = text[max(0, start - 1) : start]
    if before == "》":  # 「《…的通知》浙价资[2015]201号第六条」
        return True
    if _OTHER_NUMBER_LABEL.search(text, max(0, start - 12), start):
        return True  # 「处罚决定书文号：…」 in a voucher or a closing form
    return before in ("（", "(") and text[m.end() : m.end() + 1] in ("）", ")")


def authority(t: DocText) -> list[Element]:
    out = []
    titles = spaced_words_re(tuple(lexicon()["doc_titles"]))
    head = [(s, e) for s, e in t.lines if s < t.header_end][:6]
    for i, (s, e) in enumerate(head):
        m = titles.search(t.text, s, e)
        if not m:
            continue
        before = t.text[s : m.start()]
        before = before.split("关于")[0] if "关于" in before else before
        # 「代码：0015119007某市司法局行政处罚决定书」: the Chinese run before the title.
        tail = re.search(rf"[{CJK}（）()]+$", before.rstrip())
        name = authority_name(before) or (tail and authority_name(tail.group()))
        if name:
            start = s + t.text[s:e].index(name)
            out.append(t.element("authority", start, start + len(name), fold(name)))
        elif i > 0 and (name := authority_name(t.text[slice(*head[i - 1])])):
            start = head[i - 1][0] + t.text[slice(*head[i - 1])].index(name)
            out.append(t.element("authority", start, start + len(name), fold(name)))
        break
    signed = t.signature
    if signed and signed[0] is not None:
        s, e = signed[0]
        out.append(t.element("authority", s, e, fold(t.text[s:e])))
    return out
