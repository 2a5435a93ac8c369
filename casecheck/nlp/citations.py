"""Find the provisions of law a document cites, as `Citation`s with exact character spans.

There is one Citation per cited article, paragraph (款) or item (项). A list or a range shares the
law named before it: ``《中华人民共和国食品安全法》第三十四条第（四）、（十）项、第五十条`` gives
three citations whose spans are ``《中华人民共和国食品安全法》第三十四条第（四）`` (the first
one also covers the law name), ``（十）项`` and ``第五十条``. So every span is the citation's own
text (``text[start:end] == as_written``) and never overlaps another citation of the list; the
law of the later ones is in ``law``. In a range (``第三条至第五条``) the articles between the ends
have no text of their own, so their span is the whole range. ``第十六条之一`` is article 16: the
model has no field for 之一, which survives only in ``as_written``. A law named with no article
but followed by 规定 (``违反了《食品安全法》的规定``) gives a citation with ``article=None``.

Names are made canonical by `canonical_law_name`. 本法 / 该条例 / 上述法律 … resolve to the last
law cited before them, 本条 to the last cited article and 前款 to that article's previous
paragraph. Normative documents (《…裁量基准》, 《…通知》, 国办发〔2022〕27号) are cited with role
``other``. Role cues are read with quotations (“…”) and law names blanked out, and a citation
inside a quotation gets role ``other``: it is the quoted statute's wording, not the authority's
reasoning. All word lists live in ``checklists/lexicon/citations.yaml``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from casecheck.model import Citation, CitationRole
from casecheck.nlp.numbers import parse_int
from casecheck.resources import load_yaml

NameResolver = Callable[[str], str | None]

_NUM = "0-9０-９零〇一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟"
# Extracted text may still hold a space or a hard line break inside a citation (第二十\n二条).
_S = r"\s{0,2}"
_N = rf"[{_NUM}](?:\s?[{_NUM}]){{0,7}}"
_CJK_RE = re.compile("[\u4e00-\u9fff]")

# One part of a citation chain, matched at a given position.
_TOKEN = re.compile(
    rf"第{_S}(?P<art>{_N}){_S}条(?:{_S}之{_S}(?P<sub>{_N}))?"
    rf"|第{_S}(?P<par>{_N}){_S}款"
    rf"|第{_S}[（(]{_S}(?P<bpar>{_N}){_S}[）)]{_S}款"  # 第二十九条第（一）款
    rf"|第{_S}(?P<item>{_N}){_S}项"
    rf"|(?P<di>第)?{_S}[（(]{_S}(?P<pitem>{_N}){_S}[）)](?P<xiang>{_S}项)?"
    rf"|(?P<bart>{_N}){_S}条"  # 第86条和116条: only after a separator
)
_BLANKS = re.compile(_S)
_SEPARATOR = re.compile(rf"{_S}(以及|或者|、|，|,|和|及|或|与|至|到|—|－|-|~|～){_S}")
_RANGE_WORDS = frozenset("至到—－-~～")
_MAX_RANGE = 30  # a longer "range" is a misreading; keep its ends only
# What may sit between a law name and its first article: （2021年修订）, （国务院令第730号）,
# 的, or the chapter (第四章第六十九条).
# The number of a normative document may follow its title unbracketed (《…通知》浙价资[2015]201号).
_NAME_GAP = re.compile(
    rf"[）)]?{_S}(?:[（(][^（()）]{{1,40}}[）)]{_S}){{0,2}}"
    rf"(?:[\u4e00-\u9fff]{{1,12}}[〔\[［【](?:19|20)\d\d[〕\]］】]第?\d+号{_S})?"
    rf"(?:的(?={_S}第))?(?:第{_N}[编章节]{_S})*"
)
# 《上市公司信息披露管理办法》（以下简称《信披办法》）: a short name valid for the rest of the text.
_SHORT_NAME = re.compile(
    r"\s*(?:[（(][^（()）]{1,30}[）)]\s*)?[（(][^（()）]{0,30}?(?:以下简称|下称|简称)[《“\"]?"
    r"([^《》“”\"（()）]{2,20})"
)
_ARTICLE_WORDS = re.compile(rf"第{_N}[条款项]")
_AFTER_TITLE = re.compile(r"》\s*[（(]\s*$")
_FOLLOWING_QUOTE = re.compile(r"“[^“”\n]{0,2000}”")
_SAYS_PROVISION = re.compile(rf"{_S}(?:的|之)?(?:有关|相关)?规定")
_BOOK_TITLE = re.compile(r"《([^《》\n]{1,80})》")
_QUOTES = re.compile(r"“[^“”]{0,2000}”|\"[^\"\n]{0,500}\"|「[^「」]{0,2000}」")
_SENTENCE_END = re.compile(r"[。！？；;!?\n]")
# A line break between these is a hard break inside a sentence (or after a heading), not its end.
_RUNS_ON = re.compile(r"[\u4e00-\u9fff0-9０-９，、（）()《》“”\x00]")  # \x00: a blanked name
_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[）)]$")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class _Lexicon:
    law_suffixes: tuple[str, ...]
    document_title_suffixes: tuple[str, ...]
    normative_suffixes: tuple[str, ...]
    national_prefix: str
    local_prefixes: tuple[str, ...]
    aliases: dict[str, str]
    known_names: frozenset[str]
    law_references: dict[str, str]
    article_references: dict[str, str]
    name_boundaries: tuple[str, ...]
    not_law_names: frozenset[str]
    bare_suffixes: frozenset[str]
    cue: re.Pattern[str]
    procedure_words: tuple[str, ...]
    penalty_words: tuple[str, ...]
    internal_procedure_words: tuple[str, ...]
    applied_cues: tuple[str, ...]
    bare_name: re.Pattern[str]
    reference: re.Pattern[str]
    normative_number: re.Pattern[str]


def _alternatives(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def _lexicon() -> _Lexicon:
    data: dict[str, Any] = load_yaml("lexicon", "citations.yaml")
    suffixes = tuple(data["law_suffixes"])
    aliases = dict(data["aliases"])
    law_refs = dict(data["law_references"])
    article_refs = dict(data["article_references"])
    refs = sorted([*law_refs, *article_refs], key=len, reverse=True)
    issuers = "".join(data["normative_number_issuer_suffixes"])
    return _Lexicon(
        law_suffixes=suffixes,
        document_title_suffixes=tuple(data["document_title_suffixes"]),
        normative_suffixes=tuple(data["normative_suffixes"]),
        national_prefix=data["national_prefix"],
        local_prefixes=tuple(data["local_prefixes"]),
        aliases=aliases,
        known_names=frozenset([*data["national_laws"], *aliases, *aliases.values()]),
        law_references=law_refs,
        article_references=article_refs,
        name_boundaries=tuple(sorted(data["name_boundaries"], key=len, reverse=True)),
        not_law_names=frozenset(data["not_law_names"]),
        bare_suffixes=frozenset([*suffixes, *data["normative_suffixes"]]),
        # The last match before a citation is its cue. Longer words first, so that 未依照 is a
        # violated cue, not 依照; a one-character basis cue counts only right before a law name
        # (blanked to \x00) or the citation itself.
        cue=re.compile(
            f"(?P<violated>{_alternatives(data['violated_cues'])})"
            f"|(?P<basis>{_alternatives(data['basis_cues'])})"
            f"|(?P<neutral>{_alternatives(data['neutral_cues'])})"
            f"|(?P<basis_char>[{''.join(data['basis_chars_before_name'])}])(?=\x00|$)"
        ),
        procedure_words=tuple(data["procedure_words"]),
        penalty_words=tuple(data["penalty_words"]),
        internal_procedure_words=tuple(data["internal_procedure_words"]),
        applied_cues=tuple(data["applied_cues"]),
        # A law suffix directly followed by an article: the end of a bare (unbracketed) name.
        bare_name=re.compile(
            "(?:"
            + "|".join(sorted(suffixes, key=len, reverse=True))
            + rf")(?={_S}第{_S}{_N}{_S}条)"
        ),
        # 基本法 is a name, not 本法.
        reference=re.compile("(?<!基)(?:" + "|".join(map(re.escape, refs)) + ")"),
        normative_number=re.compile(
            rf"[{issuers}][〔\[【](?:19|20)\d\d[〕\]】]{_S}第?{_S}\d+{_S}号"
        ),
    )


@lru_cache(maxsize=4096)
def _number(written: str) -> int | None:
    """A captured numeral (三十四, 124, １２４) as an int; None when it does not parse."""
    return parse_int(written)


def _clean_name(written: str) -> str:
    name = re.sub(r"\s+", "", written).strip("《》")
    return _TRAILING_NOTE.sub("", name) or name


def canonical_law_name(written: str, resolve_name: NameResolver | None = None) -> str:
    """The canonical full name of a law as written (with or without 《》).

    `resolve_name` (the law registry) is asked first and wins when it answers; then the aliases
    of the lexicon; then a short national law (…法, not …办法, not local) or its 实施条例/实施细则
    gets the 中华人民共和国 prefix. Other names (条例, 规定, 办法, local laws) stay as written.
    """
    name = _clean_name(written)
    if resolve_name is not None:
        resolved = resolve_name(name)
        if resolved:
            return resolved
    lex = _lexicon()
    if name in lex.aliases:
        return lex.aliases[name]
    if name.startswith(lex.national_prefix) or name.startswith(lex.local_prefixes):
        return name
    base = re.sub(r"实施(?:条例|细则)$", "", name)
    if base.endswith("法") and not base.endswith("办法"):
        return lex.national_prefix + name
    return name


def _title_kind(name: str) -> str | None:
    """'law', 'normative' or None (a case document's title, a book …) for a name in 《》."""
    lex = _lexicon()
    name = _clean_name(name)
    if name.endswith(lex.document_title_suffixes) or name in lex.bare_suffixes:
        return None  # 《通知》, 《办法》: a word, not a title
    if name.endswith(lex.normative_suffixes):
        return "normative"
    if name.endswith(lex.law_suffixes) and name not in lex.not_law_names:
        return "law"
    return None


@dataclass
class _Mention:
    """Something that names what the following articles belong to."""

    start: int
    end: int
    kind: str  # law | normative | law_ref | article_ref
    law: str | None = None
    ref: str = ""
    written: str = ""


@dataclass
class _Part:
    depth: int  # 0 article, 1 paragraph, 2 item
    value: int
    start: int
    end: int
    joined: bool  # directly after the previous part, no separator
    ranged: bool  # after 至/到/—


@dataclass
class _Pending:
    fields: list[int | None]
    depth: int
    start: int
    end: int
    token_start: int
    real: bool = True


@dataclass
class _Found:
    law: str
    article: int | None
    paragraph: int | None
    item: int | None
    start: int
    end: int
    normative: bool = False


def _parse_part(
    m: re.Match[str], previous: _Part | None, joined: bool, ranged: bool
) -> _Part | None:
    start, end = m.span()
    if m["art"] is not None:
        depth, written = 0, m["art"]
    elif m["bart"] is not None:
        if joined or previous is None or previous.depth != 0:
            return None
        depth, written = 0, m["bart"]
    elif m["par"] is not None or m["bpar"] is not None:
        depth, written = 1, m["par"] or m["bpar"]
    elif m["item"] is not None:
        depth, written = 2, m["item"]
    else:
        depth, written = 2, m["pitem"]
        listed = not joined and previous is not None and previous.depth == 2
        chinese = not written.translate(_FULLWIDTH_DIGITS).isdigit()
        if not (m["di"] or m["xiang"] or listed or (joined and chinese)):
            return None
        if joined and previous is None and not m["di"]:
            return None
    if joined and previous is not None and depth <= previous.depth:
        return None
    value = _number(written)
    if value is None or value <= 0:
        return None
    return _Part(depth, value, start, end, joined, ranged)


def _chain(text: str, pos: int) -> list[_Part]:
    """The articles, paragraphs and items written from `pos` on (第…条第…款第…项、第…条 …)."""
    parts: list[_Part] = []
    joined, ranged = True, False
    while True:
        m = _TOKEN.match(text, pos)
        part = _parse_part(m, parts[-1] if parts else None, joined, ranged) if m else None
        if part is None:
            return parts
        parts.append(part)
        pos = part.end
        quote = _FOLLOWING_QUOTE.match(text, pos)
        after = quote.end() if quote else pos
        sep = _SEPARATOR.match(text, after)
        if sep:
            joined, ranged, pos = False, sep.group(1) in _RANGE_WORDS, sep.end()
        else:
            # 第四十二条 第一款; 第四条第一款“…”第（二）项“…”: only a deeper part may follow.
            joined, ranged, pos = True, False, _BLANKS.match(text, after).end()


def _expand(parts: list[_Part], base: _Pending) -> Iterator[_Pending]:
    """One pending citation per article/paragraph/item of a chain, ranges filled in."""
    current = base
    for part in parts:
        if part.joined and part.depth > current.depth:
            current.fields[part.depth] = part.value
            current.depth, current.end, current.token_start = part.depth, part.end, part.start
            current.real = True
            continue
        if current.real:
            yield current
        fields = [*current.fields[: part.depth], part.value, *[None] * (2 - part.depth)]
        low = current.fields[part.depth] if current.depth == part.depth else None
        if part.ranged and low is not None and low < part.value <= low + _MAX_RANGE:
            for value in range(low + 1, part.value):
                between = [*fields[: part.depth], value, *fields[part.depth + 1 :]]
                yield _Pending(between, part.depth, current.token_start, part.end, part.start)
        current = _Pending(fields, part.depth, part.start, part.end, part.start)
    if current.real:
        yield current


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "\x00" * (end - start)
    return "".join(chars)


class _Context:
    """Sentences and quotations of one text, for role cues and antecedents."""

    def __init__(self, text: str, names: list[tuple[int, int]]) -> None:
        self.quotes = [(m.start() + 1, m.end() - 1) for m in _QUOTES.finditer(text)]
        # Law names are blanked (《…行政处罚法》 holds no cue); `masked` also blanks quotations.
        self.unnamed = _blank(text, names)
        self.masked = _blank(self.unnamed, self.quotes)
        self.ends = [
            m.start() for m in _SENTENCE_END.finditer(self.masked) if self._ends(m.start())
        ]
        self._quote_starts = [q[0] for q in self.quotes]

    def _ends(self, pos: int) -> bool:
        if self.masked[pos] != "\n":
            return True
        before = self.masked[max(0, pos - 4) : pos].rstrip()[-1:]
        after = self.masked[pos + 1 : pos + 5].lstrip()[:1]
        return not (_RUNS_ON.match(before) and _RUNS_ON.match(after))

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and pos < self.quotes[i][1]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.ends, pos)
        start = self.ends[i - 1] + 1 if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else len(self.masked)
        return start, end

    def role(self, pos: int) -> CitationRole:
        if self.in_quote(pos):
            return "other"
        lex = _lexicon()
        start, end = self.sentence(pos)
        before = self.masked[start:pos]
        cues = list(lex.cue.finditer(before))
        if not cues:
            return "other"
        cue = cues[-1]
        if cue.lastgroup == "violated":
            return "violated"
        if cue.lastgroup == "neutral":
            return "other"
        # The authority's own words decide; failing them, the words of the quoted provision.
        # A label's own words count too: 立案依据《…》第十九条 is procedure.
        basis = max(start, start + cue.start() - 2)
        for rest in (self.masked[basis:end], self.unnamed[basis:end]):
            if any(word in rest for word in lex.procedure_words):
                return "procedure"
            if any(word in rest for word in lex.penalty_words):
                return "penalty_basis"
            if any(word in rest for word in lex.internal_procedure_words):
                return "procedure"
        # 「适用《…》第一百二十四条…正确」: the law applied to the case is its penalty basis.
        return "penalty_basis" if cue.group() in lex.applied_cues else "other"


def _bare_name_start(text: str, end: int, resolve_name: NameResolver | None) -> int | None:
    """Where a law name written without 《》 and ending at `end` begins, or None."""
    lex = _lexicon()
    start = end
    while start > 0 and end - start < 30 and _CJK_RE.match(text[start - 1]):
        start -= 1
    window = text[start:end]
    state = window.rfind(lex.national_prefix)
    if state >= 0:
        return start + state
    for i in range(len(window) - 1):
        candidate = window[i:]
        if candidate in lex.known_names or (resolve_name and resolve_name(candidate)):
            return start + i
    # …第十四条条例第七条: a name never holds an article number.
    cut = max([_boundary_cut(window), *(m.end() for m in _ARTICLE_WORDS.finditer(window))])
    name = window[cut:]
    if len(name) < 3 or name in lex.not_law_names or _ends_in_reference(name):
        return None
    return start + cut


def _ends_in_reference(name: str) -> bool:
    """经营者有本法第五条: 本法 is a reference, found as such (but 基本法 is a name)."""
    reference = _lexicon().reference
    refs = _lexicon().law_references
    return any(reference.fullmatch(name, len(name) - len(ref)) for ref in refs)


def _boundary_cut(window: str) -> int:
    """Where a name begins in `window`: after the last cue or function word (依据, 违反了, 的 …)."""
    words = _lexicon().name_boundaries
    return max((window.rfind(w) + len(w) for w in words if w in window), default=0)


def _titled_mentions(text: str, resolve_name: NameResolver | None) -> Iterator[_Mention]:
    for m in _BOOK_TITLE.finditer(text):
        kind = _title_kind(m[1])
        if kind == "law":
            law = canonical_law_name(m[1], resolve_name)
            yield _Mention(m.start(), m.end(), "law", law, written=_clean_name(m[1]))
        elif kind == "normative":
            yield _Mention(m.start(), m.end(), "normative", _clean_name(m[1]))


def _bare_mentions(
    text: str, titled: list[_Mention], resolve_name: NameResolver | None
) -> Iterator[_Mention]:
    starts = [t.start for t in titled]
    for m in _lexicon().bare_name.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < titled[i].end:
            continue
        start = _bare_name_start(text, m.end(), resolve_name)
        if start is not None:
            name = text[start : m.end()]
            yield _Mention(
                start, m.end(), "law", canonical_law_name(name, resolve_name), written=name
            )


def _number_mentions(text: str) -> Iterator[_Mention]:
    """Normative documents cited by their number alone (依据国办发〔2022〕27号)."""
    for m in _lexicon().normative_number.finditer(text):
        start = m.start()
        while start > 0 and m.start() - start < 8 and _CJK_RE.match(text[start - 1]):
            start -= 1
        start += _boundary_cut(text[start : m.start()])
        if _AFTER_TITLE.search(text, max(0, start - 8), start):
            continue  # the number of a document already cited by its title
        yield _Mention(start, m.end(), "normative", re.sub(r"\s+", "", text[start : m.end()]))


def _mentions(text: str, resolve_name: NameResolver | None) -> list[_Mention]:
    """Law names, normative documents and references in text order, without overlaps."""
    lex = _lexicon()
    titled = list(_titled_mentions(text, resolve_name))
    found = [*titled, *_bare_mentions(text, titled, resolve_name), *_number_mentions(text)]
    for m in lex.reference.finditer(text):
        kind = "law_ref" if m[0] in lex.law_references else "article_ref"
        found.append(_Mention(m.start(), m.end(), kind, ref=m[0]))
    found.sort(key=lambda x: (x.start, -x.end))
    kept: list[_Mention] = []
    short_names: dict[str, str] = {}
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
        if mention.kind != "law" or mention.law is None:
            continue
        mention.law = short_names.get(mention.written, mention.law)
        short = _SHORT_NAME.match(text, mention.end)
        if short:
            short_names[short[1]] = mention.law
    return kept


@dataclass
class _Antecedents:
    laws: list[str] = field(default_factory=list)
    last: _Found | None = None

    def law_for(self, kind: str) -> str | None:
        for law in reversed(self.laws):
            if kind == "any" or (
                law.endswith(kind) and not (kind == "法" and law.endswith("办法"))
            ):
                return law
        return None


def _antecedent(mention: _Mention, seen: _Antecedents) -> tuple[str | None, _Pending]:
    """The law a mention stands for, and what its first article part refines."""
    base = _Pending([None, None, None], -1, mention.start, mention.end, mention.start, False)
    if mention.kind in ("law", "normative"):
        return mention.law, base
    lex = _lexicon()
    if mention.kind == "law_ref":
        return seen.law_for(lex.law_references[mention.ref]), base
    if seen.last is None or seen.last.article is None:
        return None, base
    fields: list[int | None] = [seen.last.article, None, None]
    if lex.article_references[mention.ref] == "previous_paragraph":
        paragraph = seen.last.paragraph
        fields[1] = paragraph - 1 if paragraph and paragraph > 1 else None
    depth = 1 if fields[1] else 0
    return seen.last.law, _Pending(fields, depth, mention.start, mention.end, mention.start)


def _found_in(text: str, resolve_name: NameResolver | None) -> Iterator[tuple[_Found, _Mention]]:
    seen = _Antecedents()
    reach = 0  # the end of the last span that covered a law name and what follows it
    for mention in _mentions(text, resolve_name):
        if mention.start < reach:
            continue  # inside a citation: （以下简称《信披办法》）第五十八条
        law, base = _antecedent(mention, seen)
        if law is None:
            continue
        named = mention.kind in ("law", "normative")
        parts = _chain(text, _NAME_GAP.match(text, mention.end).end() if named else mention.end)
        if mention.kind == "law_ref" and (not parts or parts[0].depth != 0):
            continue
        pending = list(_expand(parts, base))
        if not pending and named:
            if mention.kind == "law" and not _SAYS_PROVISION.match(text, mention.end):
                continue
            pending = [base]
        for i, p in enumerate(pending):
            start = mention.start if i == 0 else p.start
            found = _Found(law, *p.fields, start, p.end, mention.kind == "normative")
            reach = max(reach, found.end) if i == 0 else reach
            yield found, mention
            if not found.normative:
                seen.last = found
        if mention.kind == "law":
            seen.laws.append(law)


def find_citations(
    text: str, document: str = "", resolve_name: NameResolver | None = None
) -> list[Citation]:
    """Find every cited provision in `text`.

    Args:
        text: a document's normalised text; offsets refer to it.
        document: the document id copied into each Citation.
        resolve_name: the law registry's name lookup, asked first for every law name as
            written (without 《》); its non-None answer is the canonical name.

    Returns:
        Citations ordered by start, one per article/paragraph/item, with role, `status`
        ``unchecked`` and `version` None (the law registry sets them).
    """
    found = sorted(_found_in(text, resolve_name), key=lambda fm: (fm[0].start, fm[0].end))
    names = sorted({(m.start, m.end) for _, m in found})
    context = _Context(text, names)
    return [
        Citation(
            document=document,
            law=f.law,
            as_written=text[f.start : f.end],
            article=f.article,
            paragraph=f.paragraph,
            item=f.item,
            role="other" if f.normative else context.role(f.start),
            start=f.start,
            end=f.end,
        )
        for f, _ in found
    ]
