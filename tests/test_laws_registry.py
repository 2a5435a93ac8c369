"""The law registry over the shipped facts, manual.yaml and the user store."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from casecheck.laws.facts import articles_from_json
from casecheck.laws.importer import import_paths
from casecheck.laws.registry import Registry, load_registry, normalize_name
from casecheck.laws.store import LawStore
from casecheck.resources import checklist_path
from tests.test_laws_importer import SAMPLE_FILE, SAMPLE_MD

D = dt.date


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Registry]:
    """The shipped registry with an empty user store."""
    monkeypatch.setenv("CASECHECK_DATA_DIR", str(tmp_path / "data"))
    load_registry.cache_clear()
    yield load_registry()
    load_registry.cache_clear()


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("行政处罚法", "中华人民共和国行政处罚法"),
        ("《中华人民共和国行政处罚法》", "中华人民共和国行政处罚法"),
        ("中华人民共和国 行政处罚法", "中华人民共和国行政处罚法"),
        ("《行政处罚法》（2021年修订）", "中华人民共和国行政处罚法"),
        ("处罚法", "中华人民共和国行政处罚法"),
        ("食品安全法", "中华人民共和国食品安全法"),
        ("食安法", "中华人民共和国食品安全法"),
        ("行诉法", "中华人民共和国行政诉讼法"),
        ("复议法", "中华人民共和国行政复议法"),
        ("民法典", "中华人民共和国民法典"),
        ("市场监督管理行政处罚程序规定", "市场监督管理行政处罚程序规定"),
        ("市场监督管理行政处罚程序暂行规定", "市场监督管理行政处罚程序规定"),
        ("《治安管理处罚条例》", "中华人民共和国治安管理处罚条例"),
    ],
)
def test_resolve_name(registry: Registry, written: str, canonical: str) -> None:
    law = registry.resolve_name(written)
    assert law is not None and law.name == canonical


@pytest.mark.parametrize("written", ["行政管理处罚法", "", "浙江省示例集市条例"])
def test_unknown_names(registry: Registry, written: str) -> None:
    assert registry.resolve_name(written) is None


def test_suggest(registry: Registry) -> None:
    assert registry.suggest("中华人民共和国行政处法")[0] == "中华人民共和国行政处罚法"
    assert "中华人民共和国食品安全法实施条例" in registry.suggest("食品安全法实施细则")


def test_normalize_name() -> None:
    assert normalize_name("《中华人民共和国 行政处罚法》（2021修订）") == "行政处罚法"


@pytest.mark.parametrize(
    ("name", "on", "version", "articles"),
    [
        ("行政处罚法", D(1995, 12, 31), None, None),
        ("行政处罚法", D(2000, 1, 1), "1996-03-17", 64),
        ("行政处罚法", D(2017, 12, 31), "2009-08-27", 64),
        ("行政处罚法", D(2018, 1, 1), "2017-09-01", 64),
        ("行政处罚法", D(2021, 7, 14), "2017-09-01", 64),
        ("行政处罚法", D(2021, 7, 15), "2021-01-22", 86),
        ("行政复议法", D(2023, 12, 31), "2017-09-01", 43),
        ("行政复议法", D(2024, 1, 1), "2023-09-01", 90),
        ("行政诉讼法", D(2015, 4, 30), "1989-04-04", None),
        ("行政诉讼法", D(2015, 5, 1), "2014-11-01", 103),
        ("治安管理处罚法", D(2025, 12, 31), "2012-10-26", 119),
        ("治安管理处罚法", D(2026, 1, 1), "2025-06-27", 144),
        ("治安管理处罚条例", D(2025, 1, 1), None, None),
    ],
)
def test_version_at(
    registry: Registry, name: str, on: dt.date, version: str | None, articles: int | None
) -> None:
    law = registry.resolve_name(name)
    assert law is not None
    found = law.version_at(on)
    assert (found.date if found else None) == version
    assert (found.article_count if found else None) == articles


def test_superseded_is_next_effective(registry: Registry) -> None:
    law = registry.resolve_name("行政复议法")
    assert law is not None
    old, new = law.versions[-2:]
    assert (old.superseded, new.effective, new.superseded) == (D(2024, 1, 1), D(2024, 1, 1), None)


def test_article_facts_are_loaded_lazily(registry: Registry) -> None:
    law = registry.resolve_name("食品安全法")
    assert law is not None and law._record is None
    version = law.version_at(D(2025, 6, 1))
    assert version is not None
    article = version.article(124)
    assert article is not None and article.paragraph_count == 3 and article.item_count(1) == 9
    assert {(r.low, r.high, r.base) for r in article.ranges} >= {
        (50000, 100000, None),
        (10, 20, "货值金额"),
    }
    assert version.article(155) is None
    assert law.name in (law._record.name if law._record else "")


def test_renumbering(registry: Registry) -> None:
    assert registry.old_to_new(31) == [44]
    assert registry.old_to_new(42) == [63, 64]
    assert registry.old_to_new(37) == [42, 43, 55, 56]
    assert registry.old_to_new(35) == []
    assert registry.new_to_old(66) == [44, 52]
    assert registry.new_to_old(2) == []
    entries = registry.renumbering.entries
    assert entries[31].verified and not entries[5].verified


def test_renumbering_of_the_public_security_law(registry: Registry) -> None:
    """The 治安管理处罚法's 2012 → 2025 table: each old act maps to an article of the 2025 text
    whose facts impose a penalty, and the two texts' tables are told apart by law."""
    table = registry.renumbering_of("中华人民共和国治安管理处罚法")
    assert table is not None and table.context == "document"
    assert table.old_to_new(43) == [51] and table.old_to_new(49) == [58, 59]
    assert table.new_to_old(51) == [43]
    law = registry.resolve_name("治安管理处罚法")
    version = law.version_at(table.cutover)
    assert version is not None and version.effective == table.cutover
    act_articles = [n for e in table.entries.values() if e.old <= 76 for n in e.new]
    assert act_articles and all(version.article(n).penalties for n in act_articles)
    assert registry.renumbering_of("中华人民共和国行政处罚法") is registry.renumbering
    assert registry.renumbering_of("中华人民共和国反不正当竞争法") is None


def _shipped_clauses() -> Iterator[tuple[str, str, str, dict]]:
    index = json.loads(checklist_path("laws", "index.json").read_text(encoding="utf-8"))
    for entry in index["laws"]:
        if not entry.get("file"):
            continue
        data = json.loads(checklist_path("laws", "facts", entry["file"]).read_text("utf-8"))
        for version in data["versions"]:
            for key, article in articles_from_json(version["articles"] or {}).items():
                for clause in article.penalties:
                    yield data["name"], version["date"], key, clause


def test_every_shipped_penalty_clause_is_parsed_or_marked() -> None:
    clauses = list(_shipped_clauses())
    assert len(clauses) > 2000
    for name, date, key, clause in clauses:
        where = f"{name}({date}) 第{key}条第{clause.paragraph}款"
        assert clause.types, where
        if "罚款" in clause.types:
            assert clause.ranges or (clause.unparsed and clause.unparsed.strip()), where
        for r in clause.ranges:
            assert r.low is not None or r.high is not None, where
            assert r.low is None or r.high is None or r.low <= r.high, where


def test_user_store_adds_a_law(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECHECK_DATA_DIR", str(tmp_path / "data"))
    source = tmp_path / SAMPLE_FILE
    source.write_text(SAMPLE_MD, encoding="utf-8")
    LawStore().save(import_paths([source]).records)
    load_registry.cache_clear()
    try:
        law = load_registry().resolve_name("示例集市管理法")
        assert law is not None and law.name == "中华人民共和国示例集市管理法"
        version = law.version_at(D(2025, 8, 1))
        assert version is not None and version.article_count == 10
        article = version.article(7)
        assert article is not None and article.paragraph_count == 2
        assert version.article(5, suffix=1) is not None
        assert law.version_at(D(2025, 6, 30)).article_count is None  # the earlier text
    finally:
        load_registry.cache_clear()


def test_user_store_replaces_a_version(tmp_path: Path) -> None:
    store = LawStore(tmp_path / "laws.sqlite3")
    source = tmp_path / SAMPLE_FILE
    source.write_text(SAMPLE_MD, encoding="utf-8")
    store.save(import_paths([source]).records)
    shorter = SAMPLE_MD.split("第八条")[0] + "第八条 本法自2025年7月1日起施行。\n"
    source.write_text(shorter, encoding="utf-8")
    store.save(import_paths([source]).records)
    (record,) = store.load()
    assert [v.article_count for v in record.versions] == [None, None, 8]
    assert store.remove(record.name) and store.load() == []
