"""Law-enforcement officers named in a document, each with the number of the certificate
that follows the name."""

from __future__ import annotations

import re

from casecheck.model import Element
from casecheck.nlp.lexicon import lexicon
from casecheck.nlp.text import CJK, NAME, DocText

_CERT_NO = r"[A-Za-z0-9][A-Za-z0-9-]{3,24}"


def officers(t: DocText) -> list[Element]:
    """Officers named after 执法人员/检查人员…, each with the certificate number that follows
    the name, or — for 「张三、李四，执法证号：1、2」 — the numbers in the same order."""
    lex = lexicon()
    labels = "|".join(sorted(lex["officer_labels"], key=len, reverse=True))
    certs = "|".join(sorted(lex["cert_labels"], key=len, reverse=True))
    stop = tuple(lex["not_officer_names"])
    cert_re = re.compile(
        rf"(?:{certs})\s*(?:为|是|分别为)?\s*[：:]?\s*(?P<list>{_CERT_NO}(?:\s*[、，,和]\s*{_CERT_NO})*)"
    )
    name_re = re.compile(rf"(?<![{CJK}])(?P<name>{NAME})(?![{CJK}])")
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
