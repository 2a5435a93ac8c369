"""Legal-basis errors found by validating citations against the law facts: unknown laws,
articles that do not exist, outdated versions or numbering, a basis that is missing, is not a
penalty provision, or is not precise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from casecheck.labels import provision
from casecheck.laws.registry import LawVersion, load_registry
from casecheck.laws.validate import (
    bound_only,
    cited_article,
    noted_revision,
    validate_citation,
    written_name,
)
from casecheck.model import Citation
from casecheck.rules.checks.common import complete_documents
from casecheck.rules.context import CaseContext
from casecheck.rules.registry import Hit, register

if TYPE_CHECKING:
    from casecheck.rules.pack import Rule

# Statuses that depend on the date the citation is checked on.
_DATED = {"not_in_force", "no_such_article"}
_SUBSTANTIVE = {"violated", "penalty_basis", "other"}


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _valid_earlier(ctx: CaseContext, c: Citation) -> bool:
    """Whether a substantive citation that fails on the date it was checked on holds on an
    earlier date its document states, when no document states the violation date: tax decisions
    cover past periods (所属期2019年…) and cite the rules of each period, e.g. a 暂行条例 for the
    years before the law that replaced it; the inspection date is not the violation date. A
    revision the citation names (「（2009年修订）」) is such a date too: the document says which
    text it applies (whether that text was still in force is CITE-009's question)."""
    if c.role not in _SUBSTANTIVE or ctx.elements_of("violation_date"):
        return False
    days = set(ctx.dates_in(c.document))
    days |= {v.effective or dt.date.fromisoformat(v.date) for v in _noted(ctx, c)}
    return any(validate_citation(c, day).status in ("valid", "unchecked") for day in sorted(days))


def _noted(ctx: CaseContext, c: Citation) -> list[LawVersion]:
    """The versions of the cited law that its document names (「（2009年修订）」); the note may
    stand at the law's first citation only (…（2009年修订，以下简称《保险法》）)."""
    return ctx.memo(("noted", c.document), lambda: _noted_by_law(ctx, c.document)).get(c.law, [])


def _noted_by_law(ctx: CaseContext, doc_id: str) -> dict[str, list[LawVersion]]:
    out: dict[str, list[LawVersion]] = {}
    for x in ctx.citations_in(doc_id):
        out.setdefault(x.law, []).extend(noted_revision(x)[1])
    return out


def _other_revision(ctx: CaseContext, c: Citation) -> bool:
    """Whether the document names a revision of the law other than the version `c` was checked
    against: that version's facts do not describe the text the document applies."""
    noted = _noted(ctx, c)
    return bool(noted) and c.version not in {v.date for v in noted}


def _in_force_when_decided(ctx: CaseContext, c: Citation) -> bool:
    """A substantive provision not in force on the violation date but in force on the decision
    date may rightly apply: the newer rule when it is lighter (从旧兼从轻), or a continuing
    violation judged when it ends; only a provision in force on neither date is an error."""
    decided = ctx.reference_date
    return (
        c.role in _SUBSTANTIVE
        and decided is not None
        and validate_citation(c, decided).status in ("valid", "unchecked", "no_such_article")
    )


def _successor(c: Citation) -> str:
    """「；该法已于…废止，由《…》取代」 when the registry knows what replaced the cited law."""
    registry = load_registry()
    law = registry.resolve_name(c.law)
    if law is None:
        return ""
    former = registry.former_name(c.as_written) or next(
        ((law, until) for name, until in law.former_names if name in c.as_written), None
    )
    if former:
        return f"；该规定已于{_cn_date(former[1])}更名为《{law.name}》"
    successor = registry.successor(law)
    if successor is None or law.repealed is None:
        return ""
    return f"；该法已于{_cn_date(law.repealed)}废止，由《{successor.name}》取代"


def _version_phrase(c: Citation) -> str:
    """Which text a nonexistent article was checked against: the version in force, or every
    known version (the largest count) when the version's own count or the date is not known."""
    law = load_registry().resolve_name(c.law)
    if law and bound_only(c):
        return f"该法任何已收录的版本（最多{law.article_bound}条）"
    return f"该法（{c.version}版本）" if c.version else "该法任何版本"


@register("citation.status", bound_only="bool?", roles="texts?", statuses="texts")
def citation_status(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """Citations whose validation status is one of the rule's `statuses` (and, if given, whose
    role is one of `roles`). `bound_only` true or false keeps only the `no_such_article`
    statuses that do (or do not) rest on the largest count of the known versions."""
    statuses = set(ctx.param(rule, "statuses"))
    roles = set(ctx.param(rule, "roles") or ())
    bound = ctx.param(rule, "bound_only")
    wanted = {d.id for d in ctx.documents(rule.applies_to)}
    registry = load_registry()
    for c in ctx.citations:
        if c.document not in wanted or c.status not in statuses or (roles and c.role not in roles):
            continue
        if bound is not None and c.status == "no_such_article" and bound_only(c) != bound:
            continue
        if c.status in _DATED and _valid_earlier(ctx, c):
            continue
        if c.status == "not_in_force" and _in_force_when_decided(ctx, c):
            continue
        name = (written_name(c) if c.status == "unknown_law" else None) or c.law
        suggestions = ""
        if c.status == "unknown_law":
            suggestions = "、".join(f"《{n}》" for n in registry.suggest(name)) or "（无相近名称）"
        renumbered = revision = ""
        table = registry.renumbering_of(c.law) if c.status == "outdated_numbering" else None
        if table is not None and c.article:
            # Old numbers after the revision map forward; new numbers before it, back.
            after = ctx.reference_date is None or ctx.reference_date >= table.cutover
            mapped = table.old_to_new(c.article) if after else table.new_to_old(c.article)
            renumbered = "、".join(f"第{n}条" for n in mapped)
            law = registry.resolve_name(c.law)
            revision = f"《{law.short if law else c.law}》{table.revision}"
        yield Hit(
            c.document,
            c.start,
            c.end,
            {
                "citation": provision(name, c.article, c.paragraph, c.item),
                "version": _version_phrase(c) if c.status == "no_such_article" else "",
                "suggestions": suggestions,
                "renumbered": renumbered or "现行文本的对应条文",
                "revision": revision or "该法修订",
                "successor": _successor(c) if c.status == "not_in_force" else "",
            },
            # a law not in force, or unknown, is one defect however many of its articles
            defect=f"{c.status}:{name}" if c.status in _WHOLE_LAW else "",
        )


_WHOLE_LAW = ("not_in_force", "unknown_law")


@register("citation.basis_present", roles="mapping", conduct_chapter_words="texts?")
def basis_present(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A decision that cites no provision violated, or no penalty basis (第五十九条第一款第二、
    三项 require both the facts' legal character and the basis of the penalty).

    The role read from the wording can miss: a penalty provision cited with no cue (依据…第三十八
    条第一款规定。) still states the basis, and the character is stated by a 项 of the penalty
    provision (the 项 names the conduct), by another article of the same law cited without a
    cue (当事人的行为属…第三十九条规定的行为), or by a penalty provision in a chapter that
    defines each act together with its penalty (`conduct_chapter_words`: the 治安管理处罚法's
    违反治安管理的行为和处罚, where one article is both)."""
    chapter_words = tuple(ctx.param(rule, "conduct_chapter_words") or ())
    for doc in complete_documents(ctx, rule):
        cites = ctx.citations_in(doc.id)
        others = [c for c in cites if c.role == "other"]
        bases = [c for c in cites if c.role == "penalty_basis"]
        bases += [c for c in others if (found := cited_article(c)) and found[1].penalties]
        roles = {c.role for c in cites} | ({"penalty_basis"} if bases else set())
        if (
            any(c.item for c in bases)
            or {c.law for c in others} & {c.law for c in bases}
            or any(_defines_conduct(c, chapter_words) for c in bases)
        ):
            roles.add("violated")
        for role, label in ctx.param(rule, "roles").items():
            if role not in roles:
                yield Hit(doc.id, values={"missing": label})


def _penalty_bases(
    ctx: CaseContext, rule: Rule, doc_id: str, valid_only: bool = True
) -> list[Citation]:
    """The penalty-basis citations of a document (valid ones only, by default), less the general
    laws (行政处罚法 …) cited beside the penalty provision for 从轻、减轻 or procedure, and
    those checked against another text than the revision the document names."""
    general = set(ctx.param(rule, "general_laws") or ())
    return [
        c
        for c in ctx.citations_in(doc_id)
        if c.role == "penalty_basis"
        and (c.status == "valid" or not valid_only)
        and c.law not in general
        and not _other_revision(ctx, c)
    ]


@register("citation.basis_has_penalty", general_laws="texts", penalty_chapter_words="texts")
def basis_has_penalty(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A decision whose penalty basis imposes no penalty in the registry's facts: the provision
    violated (a prohibition) cited as the basis of the penalty. Only when every penalty basis is
    a known article and none is a penalty provision: a basis beside a real penalty provision is
    often cited for 从轻、减轻 or a definition (and the role read from a long sentence may be
    wrong). An article inside a chapter named like 法律责任 counts as a penalty provision even
    when its clause was not parsed (it may impose the penalty by reference)."""
    chapter_words = tuple(ctx.param(rule, "penalty_chapter_words"))
    for doc in ctx.documents(rule.applies_to):
        bases = _penalty_bases(ctx, rule, doc.id, valid_only=False)
        found = [cited_article(c) if c.status == "valid" else None for c in bases]
        if not bases or any(
            f is None or f[1].penalties or _in_chapter(f[0], f[1].number, chapter_words)
            for f in found
        ):
            continue
        for c in bases:
            yield Hit(
                c.document,
                c.start,
                c.end,
                {"citation": provision(c.law, c.article, c.paragraph, c.item)},
            )


def _defines_conduct(citation: Citation, chapter_words: tuple[str, ...]) -> bool:
    """The cited penalty provision sits in a chapter that defines acts with their penalties (a
    number from before the law's revision is that too: CITE-003 reports the number)."""
    known = citation.status in ("valid", "outdated_numbering")
    found = cited_article(citation) if chapter_words and known else None
    return found is not None and _in_chapter(found[0], found[1].number, chapter_words)


def _in_chapter(version: LawVersion, article: int, words: tuple[str, ...]) -> bool:
    return any(
        any(w in s.title for w in words)
        and s.first is not None
        and s.last is not None
        and s.first <= article <= s.last
        for s in version.structure
    )


@register("citation.basis_precise", general_laws="texts")
def basis_precise(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A penalty basis cited by article alone where the article imposes penalties in several
    款: which one applies is not said (unless the document cites the 款 elsewhere)."""
    for doc in ctx.documents(rule.applies_to):
        bases = _penalty_bases(ctx, rule, doc.id)
        precise = {(c.law, c.article) for c in bases if c.paragraph is not None}
        for c in bases:
            if c.paragraph is not None or (c.law, c.article) in precise:
                continue
            found = cited_article(c)
            paragraphs = sorted({p.paragraph for p in found[1].penalties}) if found else []
            if len(paragraphs) < 2:
                continue
            yield Hit(
                c.document,
                c.start,
                c.end,
                {
                    "citation": provision(c.law, c.article, None, None),
                    "paragraphs": "、".join(f"第{p}款" for p in paragraphs),
                },
            )


@register("citation.superseded_revision")
def superseded_revision(ctx: CaseContext, rule: Rule) -> Iterator[Hit]:
    """A citation that names its revision (「（2022年修订）」) where a later revision was in force
    on the date the citation was checked on (the violation date for the provisions violated and
    the penalty basis, the decision date otherwise). A revision the registry does not know is not
    judged, nor one in force on a date the document states (the violation may date from then)."""
    wanted = {d.id for d in ctx.documents(rule.applies_to)}
    registry = load_registry()
    for c in ctx.citations:
        span, noted = noted_revision(c, registry) if c.document in wanted else (None, [])
        law = registry.resolve_name(c.law) if span and noted else None
        in_force = next((v for v in law.versions if v.date == c.version), None) if law else None
        if in_force is None or any(v.date >= in_force.date for v in noted):
            continue
        days = ctx.dates_in(c.document)
        if any(v.in_force_on(day) for v in noted for day in days):
            continue
        yield Hit(
            c.document,
            c.start + span[0],
            c.start + span[1],
            {
                "citation": c.as_written,
                "noted": c.as_written[span[0] : span[1]],
                "in_force": in_force.date,
                "effective": _cn_date(in_force.effective or dt.date.fromisoformat(in_force.date)),
            },
        )
