"""Check a cited provision against the law facts in force on a date.

Statuses (casecheck.model.CitationStatus):
- `unknown_law`: no law of that name (as written in 《》, whatever the extractor made of it), and
  the name looks like a national law (ends in 法: only
  the NPC makes 法, and all national laws are registered), misnames a law's implementing
  regulation (实施细则 for 实施条例), or is a 条例 very close to a registered name (行政法规 are
  covered well; 部门规章 are not, even when named 中华人民共和国…实施细则);
- `unchecked`: a law changed after the statute files in a way the facts do not hold, on or
  after the change's 施行 date (`note` says so: 未核对（该法在法律数据日期之后有修改）, see
  casecheck.laws.currency); a name outside the registry (local regulations, normative
  documents, rules the shipped facts do not cover), an article within the largest count any
  known version had when the version's own count is not known (or no date is known), or a
  law known by name only, cited before its repeal;
- `not_in_force`: the law was not yet in force (a 法; for a regulation or rule cited before
  its first known version: `unchecked`), was repealed, or is cited under a name it no longer
  had on that date;
- `outdated_numbering`: a revised law's old numbering after its cutover (行政处罚法 2021-07-15,
  治安管理处罚法 2026-01-01), or new numbering before it
  (see `_renumbering_status`);
- `no_such_article`: article, 款 or 项 beyond what the version in force has, or an article
  beyond the largest count of any known version (`Law.article_bound`) when the version's count
  is not known or the citation has no date;
- `valid`: otherwise.

Without a date (`on` None) only what holds on every date is judged: the name, and an article
beyond every version's count.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from casecheck.laws.currency import CHANGED_AFTER, load_currency
from casecheck.laws.facts import PREFIX, ArticleFacts, PenaltyRange, parse_date
from casecheck.laws.registry import Law, LawVersion, Registry, load_registry, normalize_name
from casecheck.model import Citation, CitationStatus
from casecheck.nlp.numbers import parse_int


def validate_citation(
    c: Citation,
    on: dt.date | None,
    context: str = "",
    registry: Registry | None = None,
    document: str = "",
) -> Citation:
    """A copy of `c` with `status` and `version` (the version date in force on `on`) set; `on`
    None when the case states no date (only date-independent statuses are then given).

    `context` is the text around the citation (e.g. its sentence), `document` the whole text
    of its document; they let old and new numbering of a revised law (行政处罚法, 治安管理处罚法)
    be told apart where the article number alone cannot."""
    reg = registry or load_registry()
    law = reg.resolve_name(c.law)
    table = reg.renumbering_of(law.name) if law else None
    if table is not None and table.context == "document" and document:
        context = document
    status, version = _check(c, on, context, reg)
    note = _changed_after(c, on, version, reg) if status != "unknown_law" else ""
    if note:
        status = "unchecked"
    return dataclasses.replace(
        c, status=status, version=version.date if version else None, note=note
    )


def _changed_after(
    c: Citation, on: dt.date | None, version: LawVersion | None, reg: Registry
) -> str:
    """Why the citation cannot be checked when the law changed after the statute files in a
    way the facts do not hold (currency.yaml, or a version known by its count only); "" when
    it can be."""
    law = reg.resolve_name(c.law)
    if law is None or on is None:
        return ""
    currency = load_currency()
    names = {normalize_name(n) for n in (law.name, law.short, *law.aliases)}
    change = currency.unheld_change(names, on)
    if change is not None and not _imported(change.law, on, reg):
        return change.note()
    start = version.effective or parse_date(version.date) if version else None
    if version is not None and not version.has_facts and start and start > currency.statute_files:
        return f"{CHANGED_AFTER}：该法{version.date}版（{start.isoformat()}起施行）条文未收录"
    return ""


def _imported(name: str, on: dt.date, reg: Registry) -> bool:
    """Whether the facts now hold the text of law `name` in force on `on` (the user imported
    it): its own final articles then say what it repealed."""
    law = reg.resolve_name(name)
    version = law.version_at(on) if law else None
    return version is not None and version.has_facts and version.article_count is not None


def fine_range(c: Citation, on: dt.date, registry: Registry | None = None) -> list[PenaltyRange]:
    """The fine ranges of the cited article (of its 款 when one is cited) in the version in force
    on `on`; empty when unknown."""
    reg = registry or load_registry()
    law = reg.resolve_name(c.law)
    version = law.version_at(on) if law else None
    article = version.article(c.article) if version and c.article else None
    if article is None:
        return []
    ranges = [r for r in article.ranges if c.paragraph is None or r.paragraph == c.paragraph]
    if c.item is None:
        return ranges
    # an article that sets one range per 项 (「(四)影响国家税款征收的，处…」): the cited 项's range,
    # with the ranges that name no 项
    items = [(_item_of(r.condition), r) for r in ranges]
    if not any(n == c.item for n, _ in items):
        return ranges
    return [r for n, r in items if n is None or n == c.item]


_ITEM_MARK = re.compile(r"^\s*[（(]([一二三四五六七八九十]{1,3})[)）]")


def _item_of(condition: str) -> int | None:
    """The 项 a range's condition starts with (「(四)影响…」 → 4), or None."""
    m = _ITEM_MARK.match(condition)
    return parse_int(m.group(1)) if m else None


def cited_article(
    c: Citation, registry: Registry | None = None
) -> tuple[LawVersion, ArticleFacts] | None:
    """The version a validated citation was checked against and the facts of its article; None
    when the law, the version or the article's facts are not known."""
    reg = registry or load_registry()
    law = reg.resolve_name(c.law)
    version = next((v for v in law.versions if v.date == c.version), None) if law else None
    article = version.article(c.article) if version and c.article else None
    return (version, article) if version and article else None


def written_name(c: Citation) -> str | None:
    """The law's name as the document writes it in 《》 (None for a bare name or a reference)."""
    m = _TITLED.match(c.as_written)
    return m.group(1) if m else None


# The revision a citation names after the title: （2022年修订）, （2019年修正）,
# （2009年修订，以下简称《保险法》）.
_REVISION_NOTE = re.compile(
    r"》\s*[（(]\s*(?P<note>(?P<year>(?:19|20)\d\d)\s*年?\s*(?:修订|修正|修改)(?:版|本)?)\s*[）)，,]"
)


def noted_revision(
    c: Citation, registry: Registry | None = None
) -> tuple[tuple[int, int] | None, list[LawVersion]]:
    """Where in `c.as_written` the citation names its revision after the law's title (the words
    「2022年修订」 of 「（2022年修订）」; None when it names none) and the known versions of that
    year (empty when the registry knows none)."""
    m = _REVISION_NOTE.search(c.as_written)
    law = (registry or load_registry()).resolve_name(c.law) if m else None
    if m is None or law is None:
        return None, []
    return m.span("note"), [v for v in law.versions if v.date.startswith(m.group("year"))]


def _misnamed(written: str | None, reg: Registry) -> bool:
    """A name written in 《》 that no law has, although the extractor mapped it to one
    (《中华人民共和国征收管理法》 read as the 税收征收管理法): the document names no law. Short
    names (under five characters, 《征管法》) may be defined in the document (以下简称), so only a
    full name (中华人民共和国…) or a longer one is judged."""
    if not written or reg.resolve_name(written):
        return False
    long_enough = written.startswith(PREFIX) or len(normalize_name(written)) >= 5
    return long_enough and _unknown_status(written, reg) == "unknown_law"


def bound_only(c: Citation, registry: Registry | None = None) -> bool:
    """Whether a `no_such_article` status rests on the largest count of the known versions
    (`Law.article_bound`), not on the count of the version in force: the version's own count is
    not known, or no date was, while some version's count is unknown too."""
    reg = registry or load_registry()
    law = reg.resolve_name(c.law)
    if law is None:
        return False
    version = next((v for v in law.versions if v.date == c.version), None)
    if version is not None:
        return version.article_count is None
    return not law.counts_complete


def _check(
    c: Citation, on: dt.date | None, context: str, reg: Registry
) -> tuple[CitationStatus, LawVersion | None]:
    law = reg.resolve_name(c.law)
    if law is None:
        return _unknown_status(c.law, reg), None
    if _misnamed(written_name(c), reg):
        return "unknown_law", None
    if on is None:
        return _beyond_bound(c, law), None
    former = reg.former_name(c.law) or _former_in(c.as_written, law, reg)
    version = law.version_at(on)
    if former and on >= former[1]:
        return "not_in_force", version
    if not law.versions:  # known by name only (repealed by a later law's final articles)
        return ("not_in_force" if law.repealed and on >= law.repealed else "unchecked"), None
    if version is None and law.repealed and on >= law.repealed:
        return "not_in_force", law.latest
    if version is None:  # before the first version known
        # A 法's header lists its whole history; a regulation or rule re-enacted under the same
        # name (医疗器械经营监督管理办法 2014 → 2022) starts its file afresh.
        return ("not_in_force" if law.level == "法律" else "unchecked"), None
    renumbered = _renumbering_status(c, on, context, law, version, reg)
    if renumbered:
        return renumbered, version
    if version.article_count is None and c.article is not None:
        return _beyond_bound(c, law), version
    return _article_status(c, version), version


def _beyond_bound(c: Citation, law: Law) -> CitationStatus:
    """`no_such_article` for an article beyond every known version's count, else `unchecked`."""
    bound = law.article_bound
    if c.article is None or bound is None:
        return "unchecked"
    return "no_such_article" if c.article < 1 or c.article > bound else "unchecked"


def _unknown_status(name: str, reg: Registry) -> CitationStatus:
    key = normalize_name(name)
    if re.search(r"(?<![办方])法$", key):
        return "unknown_law"
    patterns = reg.settings.get("unchecked_names", {})
    local = patterns.get("local_prefix")
    if (local and re.match(local, key)) or any(
        key.endswith(w) for w in patterns.get("document_words", ())
    ):
        return "unchecked"
    if m := _IMPLEMENTING.match(key):  # 食品安全法实施细则 where the regulation is 实施条例
        base = reg.resolve_name(m.group(1))
        if base and any(
            normalize_name(x.name).startswith(normalize_name(base.short) + "实施") for x in reg.laws
        ):
            return "unknown_law"
    similar = reg.similarity(key) >= reg.settings.get("misnamed_similarity", 1.0)
    return "unknown_law" if key.endswith("条例") and similar else "unchecked"


_TITLED = re.compile(r"《([^《》]+)》")
_IMPLEMENTING = re.compile(r"^(.+(?<!办)法)(实施细则|实施条例|实施办法)$")


def _former_in(as_written: str, law: Law, reg: Registry) -> tuple[Law, dt.date] | None:
    written = normalize_name(as_written)
    for name, until in law.former_names:
        if normalize_name(name) in written:
            return law, until
    return None


def _article_status(c: Citation, version: LawVersion) -> CitationStatus:
    if c.article is None or version.article_count is None:
        return "valid"
    if c.article < 1 or c.article > version.article_count:
        return "no_such_article"
    facts = version.article(c.article)
    if facts is None:
        return "valid"  # counts-only version: the article exists, its 款/项 are not known
    if c.paragraph is not None and not 1 <= c.paragraph <= facts.paragraph_count:
        return "no_such_article"
    if c.item is not None:
        paragraphs = [c.paragraph] if c.paragraph else range(1, facts.paragraph_count + 1)
        if not any(1 <= c.item <= facts.item_count(p) for p in paragraphs):
            return "no_such_article"
    return "valid"


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _renumbering_status(
    c: Citation, on: dt.date, context: str, law: Law, version: LawVersion, reg: Registry
) -> CitationStatus | None:
    """Numbering from the wrong side of a revision's cutover (行政处罚法 2021-07-15,
    治安管理处罚法 2026-01-01).

    On or after the cutover, old article N is recognised when the context names N's old topic
    (e.g. 听证 for 第四十二条) and not the topic of new article N (两人执法); without context,
    only when the citation's role rules out new article N (a `procedure` citation of 第三十一条
    cannot mean new 第31条, 精神病人). Before the cutover, a number beyond 64 that is a 2021
    number, or a number whose context names the 2021 topic and not the old one, is new numbering.
    """
    numbering = reg.renumbering_of(law.name)
    if c.article is None or numbering is None:
        return None
    old = numbering.entries.get(c.article)
    new_words = numbering.new_topics.get(c.article, ())
    if on >= numbering.cutover:
        if old is None or not old.new or old.new == (c.article,):
            return None
        if context:
            hit = _mentions(context, old.keywords) and not _mentions(context, new_words)
        else:
            hit = c.role in old.role_only
        return "outdated_numbering" if hit else None
    if version.article_count and c.article > version.article_count:
        return "outdated_numbering" if numbering.new_to_old(c.article) else None
    old_words = old.keywords if old else ()
    if context and _mentions(context, new_words) and not _mentions(context, old_words):
        return "outdated_numbering"
    return None
