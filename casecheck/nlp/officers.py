"""Law-enforcement officers named in a document, each with the number of the certificate
that follows the name, read from the structure that names them:

- a labelled field 「执法人员：张三、李四」, 「检查人员（签名）：张三 李四」,
  「询问人：张三（执法证号：…）」;
- a table row 「| 执法人员 | 张三、李四 | 执法证号 | 1、2 |」;
- a self-introduction 「我们是某局的执法人员张三、李四，这是我们的执法证件（证号：1、2）」 or a
  narrative 「执法人员张三（执法证号：1）、李四（…）对当事人…」.

Names are the runs of characters in the name slots that jieba tags as a person's name (or masked
names, 张某某); a phrase that merely follows a label (请如实回答, 出示证件) is not one. Each
officer's `normalized` says where it was read: `field` (a labelled field or a table cell —
the record's own statement of its officers), `recorder` (the field of who wrote it down) or
`mention` (a self-introduction or the text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casecheck.model import Element
from casecheck.nlp.lexicon import lexicon, words_re
from casecheck.nlp.names import leading_names, person_names
from casecheck.nlp.text import CJK, DocText

_CERT_NO = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{3,24}")
_RUN = re.compile(rf"[{CJK}·*＊×Ｘ]+")
_SEPARATOR = re.compile(r"(?:\s|[、，,；;/和及与])+")
_BRACKET = re.compile(r"[（(][^（()）\n]{0,60}[）)]")
# A label of another field ends a field's value: 「询问人：张三 记录人：李四」.
_NEXT_LABEL = re.compile(rf"[{CJK}]{{1,12}}\s*(?:[（(][^）)\n]{{0,8}}[）)])?\s*[：:]")


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    name: str
    cert: tuple[int, int, str] | None = None


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(officer label with its colon, a table bar, the end of its line (a table cell flattened:
    「办案人员\n张三、李四」) or nothing after it; certificate label with the list of numbers it
    introduces)."""
    lex = lexicon()
    labels = "|".join(map(re.escape, sorted(lex["officer_labels"], key=len, reverse=True)))
    certs = "|".join(map(re.escape, sorted(lex["cert_labels"], key=len, reverse=True)))
    # 被检查人 names the party, 随同检查人员 the party's staff who went round with the officers
    not_after = "".join(rf"(?<!{re.escape(q)})" for q in lex["label_qualifiers"]["officer_labels"])
    officer = re.compile(
        rf"{not_after}(?P<label>{labels})"
        rf"(?P<note>\s*(?:[（(][^）)\n]{{0,8}}[）)]|签名|签字))?"
        rf"(?P<colon>\s*[：:|｜]|[ \t　]*\n)?\s*"
    )
    no = _CERT_NO.pattern
    cert = re.compile(
        rf"(?:{certs})(?:\s*[（(][^）)\n]{{0,8}}[）)])?\s*(?:为|是|分别为|分别是)?\s*[：:|｜]?\s*"
        rf"(?P<list>{no}(?:\s*(?:[、，,和|｜]|\s)\s*{no})*)"
    )
    return officer, cert


def officers(t: DocText) -> list[Element]:
    """Every officer named in a field, a table row or a self-introduction; the first reading
    of a name wins, a field's over a mention's."""
    officer_re, _ = _patterns()
    found: dict[str, tuple[_Name, str]] = {}
    for m in officer_re.finditer(t.text):
        if t.in_quote(m.start()):
            continue
        recorder = m.group("label") in lexicon()["recorder_labels"]
        source = "mention" if not m.group("colon") else "recorder" if recorder else "field"
        for name in _read_names(t, m.end(), source):
            known = found.get(name.name)
            if known is None or _rank(source) > _rank(known[1]):
                cert = name.cert or (known[0].cert if known else None)
                found[name.name] = (_Name(name.start, name.end, name.name, cert), source)
            elif known[0].cert is None and name.cert:  # the number stated in another place
                found[name.name] = (
                    _Name(known[0].start, known[0].end, name.name, name.cert),
                    known[1],
                )
    _pair_stray_numbers(t, found)
    out = []
    for name, source in found.values():
        if any(other != name.name and other.startswith(name.name) for other in found):
            continue  # 「苏秀」 read where the sentence ran on, 「苏秀英」 elsewhere
        adjacent = name.cert and _adjacent(t.text[name.end : name.cert[0]])
        stop = name.cert[1] if adjacent else name.end
        normalized = {"name": name.name, "cert_no": name.cert[2] if name.cert else None}
        out.append(t.element("officer", name.start, stop, normalized | {"source": source}))
    return sorted(out, key=lambda e: e.start)


def _pair_stray_numbers(t: DocText, found: dict[str, tuple[_Name, str]]) -> None:
    """Certificate numbers the record states apart from any name (「这是我们的执法证件，证号1、
    2」, a field's second line 「　　李四　执法证号：2」) go to the officers read without one,
    in order, when there are exactly as many."""
    _, cert_re = _patterns()
    ids = [m.span() for m in words_re(lexicon()["id_number_labels"]).finditer(t.text)]
    used = {n.cert[2] for n, _ in found.values() if n.cert}
    stray = [
        no
        for m in cert_re.finditer(t.text)
        if not any(s <= m.start() < e or s < m.end() <= e for s, e in ids)
        for no in _numbers(m, "list")
        if no[2] not in used
    ]
    bare = sorted((n for n, _ in found.values() if n.cert is None), key=lambda n: n.start)
    if stray and len(stray) == len(bare):
        for name, no in zip(bare, stray, strict=True):
            found[name.name] = (_Name(name.start, name.end, name.name, no), found[name.name][1])


def _rank(source: str) -> int:
    """Which reading of a name wins: a field's over a recorder's over a mention's."""
    return ("mention", "recorder", "field").index(source)


def _read_names(t: DocText, pos: int, source: str) -> list[_Name]:
    """The names in the slot that starts at `pos`, with their certificate numbers: a number in
    brackets after a name is its own; a list after a certificate label pairs in order."""
    _, cert_re = _patterns()
    text = t.text
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end < 0 else line_end
    names: list[_Name] = []
    listed: list[tuple[int, int, str]] = []
    while pos < line_end:
        if sep := _SEPARATOR.match(text, pos, line_end):
            if source == "mention" and not names and sep.group().strip():
                break  # 「执法人员和司机」: a list of names does not open with a conjunction
            pos = sep.end()
        elif (cert := cert_re.match(text, pos, line_end)) and (names or source != "mention"):
            listed += _numbers(cert, "list")
            pos = cert.end()
        elif bracket := _BRACKET.match(text, pos, line_end):
            numbers = _bracket_numbers(bracket, cert_re)
            if names and numbers and names[-1].cert is None:
                names[-1] = _Name(names[-1].start, names[-1].end, names[-1].name, numbers[0])
            pos = bracket.end()
        elif text[pos] in "|｜" and source != "mention":
            pos += 1
        elif (run := _RUN.match(text, pos, line_end)) and not _NEXT_LABEL.match(text, pos):
            # a run the text delimits (张三、 / 张三（ / 张三2025年 / 张三 at the line's end)
            # fills a slot; a run the sentence goes on in holds names only at its start, and
            # only after other names (「张三、李四对当事人…」, not 「执法人员查清案情」)
            delimited = not re.match(f"[{CJK}]", text[run.end() : run.end() + 1])
            slot = "mention" if source == "mention" else "field"
            slot = slot if delimited or slot == "field" else None
            parts = person_names(run.group(), slot)
            if not parts and (slot == "field" or names):
                parts = leading_names(run.group(), slot)
            offset = run.start()
            for part in parts:
                names.append(_Name(offset, offset + len(part), part))
                offset += len(part)
            if offset < run.end():  # not a name, or the sentence goes on after the names
                break
            pos = run.end()
        else:
            break
    if not names:
        return []
    if not listed:  # 「…，这是我们的执法证件（证号：1、2）」 later in the sentence
        rest = re.search(r"[。\n]", text[pos:])
        end = pos + rest.start() if rest else len(text)
        for cert in cert_re.finditer(text, pos, end):
            listed += _numbers(cert, "list")
    return _pair(names, listed)


def _adjacent(between: str) -> bool:
    """Whether only a bracket and a certificate label stand between a name and its number."""
    labels = lexicon()["cert_labels"]
    return not re.sub(r"[\s（(：:]", "", words_re(labels).sub("", between))


def _numbers(m: re.Match[str], group: str) -> list[tuple[int, int, str]]:
    base = m.start(group)
    return [
        (base + n.start(), base + n.end(), n.group()) for n in _CERT_NO.finditer(m.group(group))
    ]


def _bracket_numbers(
    bracket: re.Match[str], cert_re: re.Pattern[str]
) -> list[tuple[int, int, str]]:
    """「（执法证号：123）」 or 「（123）」: the numbers a bracket after a name holds."""
    inner_start = bracket.start() + 1
    inner = bracket.group()[1:-1]
    cert = cert_re.search(inner)
    if cert:
        return [(inner_start + s, inner_start + e, no) for s, e, no in _numbers(cert, "list")]
    only = _CERT_NO.fullmatch(inner.strip())
    if only:
        start = inner_start + inner.index(only.group())
        return [(start, start + len(only.group()), only.group())]
    return []


def _pair(names: list[_Name], listed: list[tuple[int, int, str]]) -> list[_Name]:
    """Names without a bracketed number take the listed numbers in order, when there are as
    many numbers as such names (张三、李四，执法证号：1、2)."""
    bare = [i for i, n in enumerate(names) if n.cert is None]
    if listed and len(listed) == len(bare):
        for i, no in zip(bare, listed, strict=True):
            names[i] = _Name(names[i].start, names[i].end, names[i].name, no)
    elif len(listed) == 1 and len(bare) == 1:
        i = bare[0]
        names[i] = _Name(names[i].start, names[i].end, names[i].name, listed[0])
    return names
