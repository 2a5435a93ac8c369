"""Citation validation against the law in force on the document's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casecheck.laws.importer import import_paths
from casecheck.laws.registry import Registry, load_registry
from casecheck.laws.store import LawStore
from casecheck.laws.validate import cited_article, fine_range, validate_citation
from casecheck.model import Citation
from tests.test_laws_importer import SAMPLE_FILE, SAMPLE_MD

D = dt.date
CFL = "中华人民共和国行政处罚法"
TAX = "中华人民共和国税收征收管理法"
Y2025 = D(2025, 6, 1)


def cite(law: str, article: int | None, paragraph=None, item=None, role="other", written=""):
    return Citation("doc1", law, written or f"《{law}》", article, paragraph, item, role)


CASES = [
    # (citation, date, context, status, version)
    (cite(CFL, 44, role="procedure"), Y2025, "", "valid", "2021-01-22"),
    (cite(CFL, 86), Y2025, "", "valid", "2021-01-22"),
    (cite(CFL, 87), Y2025, "", "no_such_article", "2021-01-22"),
    (cite(CFL, 9, 1, 6), Y2025, "", "valid", "2021-01-22"),
    (cite(CFL, 9, 1, 7), Y2025, "", "no_such_article", "2021-01-22"),
    (cite(CFL, 9, 2), Y2025, "", "no_such_article", "2021-01-22"),
    (cite(CFL, 9, None, 3), Y2025, "", "valid", "2021-01-22"),
    # old numbering after 2021-07-15: role alone, or the words around the citation
    (cite(CFL, 31, role="procedure"), Y2025, "", "outdated_numbering", "2021-01-22"),
    (cite(CFL, 32, role="procedure"), Y2025, "", "outdated_numbering", "2021-01-22"),
    (
        cite(CFL, 31),
        Y2025,
        "根据《中华人民共和国行政处罚法》第三十一条的规定，现将拟作出行政处罚的事实、理由告知如下",
        "outdated_numbering",
        "2021-01-22",
    ),
    (
        cite(CFL, 42, role="procedure"),
        Y2025,
        "依据《行政处罚法》第四十二条的规定，你单位有权要求举行听证",
        "outdated_numbering",
        "2021-01-22",
    ),
    # new 第42条 (two officers) is cited correctly; a bare procedure citation cannot be judged
    (
        cite(CFL, 42, role="procedure"),
        Y2025,
        "依据《行政处罚法》第四十二条，执法人员不得少于两人",
        "valid",
        "2021-01-22",
    ),
    (cite(CFL, 42, role="procedure"), Y2025, "", "valid", "2021-01-22"),
    (
        cite(CFL, 51),
        Y2025,
        "逾期不缴纳罚款的，依据《行政处罚法》第五十一条每日按罚款数额的3%加处罚款",
        "outdated_numbering",
        "2021-01-22",
    ),
    (
        cite(CFL, 51, role="procedure"),
        Y2025,
        "依据《行政处罚法》第五十一条，适用简易程序当场作出行政处罚决定",
        "valid",
        "2021-01-22",
    ),
    (
        cite(CFL, 32, role="penalty_basis"),
        Y2025,
        "具有从轻处罚情节，依据第三十二条",
        "valid",
        "2021-01-22",
    ),
    # new numbering before 2021-07-15
    (cite(CFL, 72), D(2020, 5, 6), "", "outdated_numbering", "2017-09-01"),
    (
        cite(CFL, 44, role="procedure"),
        D(2020, 5, 6),
        "依据第四十四条的规定，告知当事人拟作出的行政处罚内容",
        "outdated_numbering",
        "2017-09-01",
    ),
    (cite(CFL, 31, role="procedure"), D(2020, 5, 6), "", "valid", "2017-09-01"),
    (cite(CFL, 38, 3), D(2018, 3, 1), "", "valid", "2017-09-01"),
    # not in force
    (cite(CFL, 3), D(1995, 1, 1), "", "not_in_force", None),
    (cite("中华人民共和国治安管理处罚条例", 22), Y2025, "", "not_in_force", None),
    # known by name only (repealed 2017-10-01 by 无证无照经营查处办法): in force before that
    (cite("无照经营查处取缔办法", 14), D(2017, 7, 25), "", "unchecked", None),
    (cite("无照经营查处取缔办法", 14), D(2017, 10, 1), "", "not_in_force", None),
    # repealed 2021-09-01 by 城市维护建设税法 (its own file ends with the 2011 version)
    (cite("中华人民共和国城市维护建设税暂行条例", 2), D(2021, 3, 1), "", "valid", "2011-01-08"),
    (cite("中华人民共和国城市维护建设税暂行条例", 2), Y2025, "", "not_in_force", "2011-01-08"),
    # a rule re-enacted under the same name (2014 → 2022): before the known text, unchecked
    (cite("医疗器械经营监督管理办法", 54), D(2016, 5, 1), "", "unchecked", None),
    # the 2017 revision came into force on 2017-10-01 (manual.yaml), not on its date
    (cite("建设项目环境保护管理条例", 28), D(2017, 8, 14), "", "unchecked", "1998-11-29"),
    (cite("建设项目环境保护管理条例", 23), D(2018, 8, 14), "", "valid", "2017-07-16"),
    # 食品安全法 2015 revision in force from 2015-10-01; its text is not shipped, its count is
    (cite("中华人民共和国食品安全法", 84), D(2015, 9, 4), "", "unchecked", "2009-02-28"),
    (cite("中华人民共和国食品安全法", 84), D(2016, 9, 4), "", "valid", "2015-04-24"),
    (cite("中华人民共和国食品安全法", 155), D(2016, 9, 4), "", "no_such_article", "2015-04-24"),
    # 证券法 2014 had 240 articles, more than the 2019 revision's 226
    (cite("中华人民共和国证券法", 233), D(2016, 9, 4), "", "valid", "2014-08-31"),
    (
        cite(
            "市场监督管理行政处罚程序规定",
            20,
            written="《市场监督管理行政处罚程序暂行规定》第二十条",
        ),
        Y2025,
        "",
        "not_in_force",
        "2022-09-29",
    ),
    # 行政复议法: the article is checked against the version in force on the date
    (cite("中华人民共和国行政复议法", 48), D(2023, 6, 1), "", "no_such_article", "2017-09-01"),
    (cite("中华人民共和国行政复议法", 48), Y2025, "", "valid", "2023-09-01"),
    (cite("中华人民共和国行政复议法", 9), D(2023, 6, 1), "", "valid", "2017-09-01"),
    # unknown and unchecked names
    (cite("中华人民共和国行政管理处罚法", 5), Y2025, "", "unknown_law", None),
    (cite("食品安全管理法", 5), Y2025, "", "unknown_law", None),
    (cite("食品安全法实施细则", 5), Y2025, "", "unknown_law", None),
    (cite("中华人民共和国征收管理法", 63), Y2025, "", "unknown_law", None),  # 税收征收管理法
    # the name as written decides, whatever law the extractor mapped it to
    (cite(TAX, 63, written="《中华人民共和国征收管理法》第63条"), Y2025, "", "unknown_law", None),
    (cite(TAX, 63, written="《征收管理法》第六十三条"), Y2025, "", "unknown_law", None),
    (cite(TAX, 63, written="《税收征管法》第六十三条"), Y2025, "", "valid", "2015-04-24"),
    (cite(TAX, 63, written="《征管法》第六十三条"), Y2025, "", "valid", "2015-04-24"),
    # 中华人民共和国 with its last character misread (OCR): still the law named
    (
        cite("中华人民共和国公证法", 42, written="《中华人民共和固公证法》第四十二条"),
        Y2025,
        "",
        "valid",
        "2017-09-01",
    ),
    (cite("浙江省示例集市管理条例", 5), Y2025, "", "unchecked", None),
    (cite("示例违法所得计算方法", 3), Y2025, "", "unchecked", None),  # 方法 is no 法
    (cite("中华人民共和国发票管理办法实施细则", 29), Y2025, "", "unchecked", None),  # a 部门规章
    (cite("示例市市场监督管理局关于规范集市经营的通知", 2), Y2025, "", "unchecked", None),
    # a version known only by its header: the article cannot be checked
    (cite("中华人民共和国行政诉讼法", 39), D(2014, 6, 1), "", "unchecked", "1989-04-04"),
    (cite("中华人民共和国行政诉讼法", 46, 1), Y2025, "", "valid", "2017-06-27"),
    (cite("中华人民共和国食品安全法", None), Y2025, "", "valid", "2021-04-29"),
    # a version of unknown length: an article beyond every known version's count cannot exist
    (cite("中华人民共和国食品安全法", 160), D(2014, 6, 1), "", "no_such_article", "2009-02-28"),
    (cite("中华人民共和国食品安全法", 154), D(2014, 6, 1), "", "unchecked", "2009-02-28"),
    # revisions in force after the shipped statute files: checked against their counts
    (cite("中华人民共和国治安管理处罚法", 144), D(2026, 3, 1), "", "valid", "2025-06-27"),
    (cite("中华人民共和国治安管理处罚法", 145), D(2026, 3, 1), "", "no_such_article", "2025-06-27"),
    (cite("中华人民共和国治安管理处罚法", 120), D(2025, 3, 1), "", "no_such_article", "2012-10-26"),
    (cite("中华人民共和国反不正当竞争法", 40), D(2025, 11, 1), "", "valid", "2025-06-27"),
    (cite("中华人民共和国反不正当竞争法", 40), D(2024, 1, 1), "", "no_such_article", "2019-04-23"),
    (cite("中华人民共和国反不正当竞争法", 33), D(2018, 6, 1), "", "no_such_article", "2017-11-04"),
    # no date: the name and the largest count of any version are still judged
    (cite(CFL, 87), None, "", "no_such_article", None),
    (cite(CFL, 70), None, "", "unchecked", None),
    (cite("中华人民共和国行政管理处罚法", 5), None, "", "unknown_law", None),
    (cite("浙江省示例集市管理条例", 5), None, "", "unchecked", None),
    (cite("中华人民共和国食品安全法", None), None, "", "unchecked", None),
]


@pytest.mark.parametrize(("c", "on", "context", "status", "version"), CASES)
def test_validate(
    registry: Registry,
    c: Citation,
    on: dt.date | None,
    context: str,
    status: str,
    version: str | None,
) -> None:
    checked = validate_citation(c, on, context)
    assert (checked.status, checked.version) == (status, version)
    assert (checked.law, checked.article, checked.start) == (c.law, c.article, c.start)
    assert c.status == "unchecked"  # the input is not changed


@pytest.mark.parametrize(
    ("repealed", "successor"),
    [
        ("环境噪声污染防治法", "中华人民共和国噪声污染防治法"),
        ("城市维护建设税暂行条例", "中华人民共和国城市维护建设税法"),
        ("印花税暂行条例", "中华人民共和国印花税法"),
        ("无照经营查处取缔办法", "无证无照经营查处办法"),
    ],
)
def test_successor_of_a_repealed_law(registry: Registry, repealed: str, successor: str) -> None:
    law = registry.resolve_name(repealed)
    assert law is not None and law.repealed is not None
    found = registry.successor(law)
    assert found is not None and found.name == successor
    assert registry.successor(registry.resolve_name("行政处罚法")) is None


def test_cited_article_is_read_from_the_version_checked(registry: Registry) -> None:
    valid = validate_citation(cite("中华人民共和国大气污染防治法", 118), Y2025)
    version, article = cited_article(valid)
    assert (version.date, article.key) == ("2018-10-26", "118")
    assert sorted({p.paragraph for p in article.penalties}) == [1, 2, 3]
    earlier = validate_citation(cite("中华人民共和国大气污染防治法", 118), D(2015, 6, 1))
    assert earlier.version == "2000-04-29" and cited_article(earlier) is None  # text not held


def test_fine_range(registry: Registry) -> None:
    whole = fine_range(cite("中华人民共和国食品安全法", 124), Y2025)
    assert [(r.low, r.high, r.base) for r in whole] == [(50000, 100000, None), (10, 20, "货值金额")]
    assert fine_range(cite("中华人民共和国食品安全法", 124, 2), Y2025) == []
    assert fine_range(cite("中华人民共和国食品安全法", 1), Y2025) == []
    assert fine_range(cite("浙江省示例集市管理条例", 5), Y2025) == []


def test_fine_range_of_a_cited_item(registry: Registry) -> None:
    """海关行政处罚实施条例第十五条 sets one range per 项: a citation of 第（四）项 is held to
    that 项's range (漏缴税款 30%–2倍), without the 项 to all of them."""
    law = "中华人民共和国海关行政处罚实施条例"
    fourth = fine_range(cite(law, 15, 1, 4), Y2025)
    assert [(r.low, r.high, r.base) for r in fourth] == [(0.3, 2.0, "漏缴税款")]
    assert len(fine_range(cite(law, 15, 1), Y2025)) == 5
    # an article whose ranges name no 项 keeps them all when a 项 is cited
    fraud = fine_range(cite("医疗保障基金使用监督管理条例", 40, 1, 3), Y2025)
    assert [(r.low, r.high, r.base) for r in fraud] == [(2.0, 5.0, "骗取金额")]


def test_fine_range_of_the_2025_anti_unfair_competition_law(registry: Registry) -> None:
    """The 2025 revision (in force 2025-10-15) renumbered the law and raised the fines: 虚假宣传
    is 第二十五条 now (第二十条 before), up to one million yuan (two million when serious)."""
    law = "中华人民共和国反不正当竞争法"
    after, before = D(2025, 12, 1), D(2025, 6, 1)
    new = fine_range(cite(law, 25, 1), after)
    assert [(r.low, r.high) for r in new] == [(None, 1_000_000), (1_000_000, 2_000_000)]
    old = fine_range(cite(law, 20, 1), before)
    assert [(r.low, r.high) for r in old] == [(200_000, 1_000_000), (1_000_000, 2_000_000)]
    assert validate_citation(cite(law, 23, 4), after).status == "no_such_article"


def test_fine_range_uses_the_user_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECHECK_DATA_DIR", str(tmp_path))
    (tmp_path / SAMPLE_FILE).write_text(SAMPLE_MD, encoding="utf-8")
    LawStore().save(import_paths([tmp_path / SAMPLE_FILE]).records)
    load_registry.cache_clear()
    try:
        ranges = fine_range(cite("示例集市管理法", 7, 1), D(2025, 8, 1))
        assert [(r.low, r.high, r.base) for r in ranges] == [
            (10000, 50000, None),
            (5, 10, "货值金额"),
        ]
        c = validate_citation(cite("示例集市管理法", 4, 1, 3), D(2025, 8, 1))
        assert c.status == "no_such_article"
    finally:
        load_registry.cache_clear()
