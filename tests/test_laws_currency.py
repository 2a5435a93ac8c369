"""Law facts as of today: the laws changed after the statute files (currency.yaml) are checked
against their new texts where the facts hold them, and are 未核对 where they do not."""

from __future__ import annotations

import datetime as dt

import pytest

from casecheck.laws.currency import CHANGED_AFTER, Currency, LawChange, load_currency
from casecheck.laws.registry import Registry, load_registry
from casecheck.laws.validate import fine_range, validate_citation
from casecheck.model import Citation

D = dt.date
PUBLIC_ORDER = "中华人民共和国治安管理处罚法"
COMPETITION = "中华人民共和国反不正当竞争法"
ENVIRONMENT = "中华人民共和国环境保护法"
SUPERVISION = "行政执法监督条例"


def cite(law: str, article: int, paragraph: int | None = None) -> Citation:
    written = f"《{law}》第{article}条"
    return Citation("doc1", law, written, article, paragraph, role="penalty_basis")


@pytest.mark.parametrize(
    ("law", "article", "on", "status", "version"),
    [
        # 治安管理处罚法: 119 articles until 2025-12-31, 144 from 2026-01-01.
        (PUBLIC_ORDER, 119, D(2025, 12, 31), "valid", "2012-10-26"),
        (PUBLIC_ORDER, 130, D(2025, 12, 31), "no_such_article", "2012-10-26"),
        (PUBLIC_ORDER, 130, D(2026, 1, 1), "valid", "2025-06-27"),
        (PUBLIC_ORDER, 145, D(2026, 3, 1), "no_such_article", "2025-06-27"),
        # 反不正当竞争法: 33 articles until 2025-10-14, 41 from 2025-10-15.
        (COMPETITION, 40, D(2025, 10, 14), "no_such_article", "2019-04-23"),
        (COMPETITION, 40, D(2025, 10, 15), "valid", "2025-06-27"),
        # 行政执法监督条例: in force from 2026-02-01, 44 articles.
        (SUPERVISION, 44, D(2026, 2, 1), "valid", "2025-12-17"),
        (SUPERVISION, 45, D(2026, 2, 1), "no_such_article", "2025-12-17"),
    ],
)
def test_new_texts_are_checked_from_their_effective_date(
    registry: Registry, law: str, article: int, on: dt.date, status: str, version: str
) -> None:
    checked = validate_citation(cite(law, article), on, registry=registry)
    assert (checked.status, checked.version, checked.note) == (status, version, "")


def test_public_order_fines_follow_the_2025_text(registry: Registry) -> None:
    """第五十一条 is 殴打他人 in the 2025 text (500–1000 yuan with detention), 招摇撞骗 in the
    2012 text (up to 500 yuan): a fine is judged by the text in force on the violation date."""
    before = fine_range(cite(PUBLIC_ORDER, 51, 1), D(2025, 6, 1), registry)
    after = fine_range(cite(PUBLIC_ORDER, 51, 1), D(2026, 6, 1), registry)
    assert max(r.high or 0 for r in before) == 500
    assert (after[0].low, after[0].high) == (500, 1000)


def test_competition_fines_follow_the_2025_text(registry: Registry) -> None:
    """The 2025 revision renumbered the articles: 第二十条 imposes no fine any more."""
    old = fine_range(cite(COMPETITION, 20), D(2025, 6, 1), registry)
    new = fine_range(cite(COMPETITION, 20), D(2025, 11, 1), registry)
    assert old and not new


def test_a_law_a_code_may_replace_is_not_checked_from_the_code_s_date(registry: Registry) -> None:
    """The 生态环境法典 (facts: none, unverified) may replace the 环境保护法 from 2026-08-15:
    a citation on or after that date is 未核对 with the reason, never silently valid."""
    before = validate_citation(cite(ENVIRONMENT, 59), D(2026, 8, 14), registry=registry)
    after = validate_citation(cite(ENVIRONMENT, 59), D(2026, 8, 15), registry=registry)
    assert (before.status, before.note) == ("valid", "")
    assert after.status == "unchecked"
    assert after.note.startswith(CHANGED_AFTER) and "生态环境法典" in after.note
    assert "未经官方文本核实" in after.note
    # Even an article the old text lacks is not called nonexistent: the new text is unknown.
    beyond = validate_citation(cite(ENVIRONMENT, 99), D(2026, 9, 1), registry=registry)
    assert beyond.status == "unchecked"


def test_shipped_changes_carry_source_and_verification() -> None:
    currency = load_currency()
    assert currency.current_to >= D(2026, 2, 1) > currency.statute_files
    by_law = {c.law: c for c in currency.changes}
    assert by_law[PUBLIC_ORDER].effective == D(2026, 1, 1) and by_law[PUBLIC_ORDER].verified
    assert by_law[COMPETITION].effective == D(2025, 10, 15) and by_law[COMPETITION].verified
    assert by_law[SUPERVISION].effective == D(2026, 2, 1)
    code = by_law["中华人民共和国生态环境法典"]
    assert (code.facts, code.verified) == ("none", False)
    assert all(c.source for c in currency.changes)


def test_notes_for_a_case_decided_after_the_facts_date() -> None:
    currency = Currency(D(2026, 12, 3), D(2025, 4, 30), ())
    assert currency.notes(D(2026, 12, 3)) == [] and currency.notes(None) == []
    (note,) = currency.notes(D(2027, 1, 5))
    assert "2027-01-05" in note and "2026-12-03" in note


def test_a_count_only_change_is_unchecked_too() -> None:
    change = LawChange("某法", "2026-05-01", D(2026, 7, 1), "count", True, "来源")
    currency = Currency(D(2026, 12, 3), D(2025, 4, 30), (change,))
    assert currency.unheld_change({"某法"}, D(2026, 6, 30)) is None
    assert currency.unheld_change({"某法"}, D(2026, 7, 1)) is change
    assert "条文未收录" in change.note() and "未经" not in change.note()


def test_an_imported_code_text_takes_over_from_the_unverified_entry(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Once the user imports the code's text, its own final articles decide: the 环境保护法 it
    repeals is not in force from the code's date (an invented text stands in for the code)."""
    from casecheck.laws.importer import import_paths
    from casecheck.laws.store import LawStore

    folder = tmp_path_factory.mktemp("code")
    text = (
        "# 中华人民共和国生态环境法典\n\n2026年3月12日 示例会议通过\n\n<!-- INFO END -->\n\n"
        "第一条 为了示例，制定本法典。\n\n第二条 违反本法典规定的，处一万元以下罚款。\n\n"
        "第三条 本法典自2026年8月15日起施行。《中华人民共和国环境保护法》同时废止。\n"
    )
    (folder / "生态环境法典(2026-03-12).md").write_text(text, encoding="utf-8")
    data = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CASECHECK_DATA_DIR", str(data))
        LawStore().save(import_paths([folder]).records)
        load_registry.cache_clear()
        try:
            checked = validate_citation(cite(ENVIRONMENT, 59), D(2026, 9, 1))
            code = validate_citation(cite("中华人民共和国生态环境法典", 2), D(2026, 9, 1))
        finally:
            load_registry.cache_clear()
    assert (checked.status, checked.note) == ("not_in_force", "")
    assert (code.status, code.version, code.note) == ("valid", "2026-03-12", "")
