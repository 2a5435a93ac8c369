"""The statute importer on an invented statute (Markdown, plain text, .docx) and on real files."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from casecheck.laws.facts import PenaltyClause, PenaltyRange, StructureEntry
from casecheck.laws.importer import (
    StatuteFormatError,
    build_records,
    export_facts,
    import_paths,
    parse_statute,
)

# An invented statute (no real law's text) in the Markdown format of ../shared/laws.
SAMPLE_FILE = "示例集市管理法(2025-03-01).md"
SAMPLE_MD = """\
# 中华人民共和国示例集市管理法

2019年6月3日 第九届示例代表会议第二次会议通过

2022年4月18日 示例代表会议常务委员会第七次会议修正

2025年3月1日 示例代表会议常务委员会第十一次会议修订

<!-- INFO END -->

## 第一章 总则

第一条 为了维护集市秩序，制定本法。

第二条 本法所称集市，是指定期开放的露天交易场所。

集市开办者应当公示开放时间。

## 第二章 经营规范

### 第一节 一般规定

第三条 摊主应当遵守下列规定：

（一）明码标价；

（二）使用合格的计量器具；

（三）保持摊位整洁。

第四条 禁止下列行为：

（一）缺斤短两；

（二）强行兜售。

摊主不得占用消防通道。

### 第二节 特别规定

第五条 出售鲜活水产品的摊主应当配备增氧设备。

第五条之一 集市开办者应当设置公平秤。

## 第三章 法律责任

第六条 摊主违反本法第三条规定的，由集市管理部门责令改正，给予警告；拒不改正的，\
处二百元以上二千元以下罚款。

第七条 违反本法第四条第一款规定，销售商品的，没收违法所得；货值金额不足五千元的，\
并处一万元以上五万元以下罚款；货值金额五千元以上的，并处货值金额五倍以上十倍以下罚款；\
情节严重的，吊销摊位许可证。

对直接负责的主管人员处五千元以下罚款。

第八条 集市开办者未公示开放时间的，处五万元以上罚款，并可以责令停业整顿。

第九条 违反本法规定，情节特别严重的，依照有关法律的规定处以罚款。

第十条 本法自2025年7月1日起施行。
"""

EXPECTED_ITEMS = {
    "1": (0,),
    "2": (0, 0),
    "3": (3,),
    "4": (2, 0),
    "5": (0,),
    "5-1": (0,),
    "6": (0,),
    "7": (0, 0),
    "8": (0,),
    "9": (0,),
    "10": (0,),
}

EXPECTED_STRUCTURE = [
    StructureEntry("章", "第一章 总则", 1, 2),
    StructureEntry("章", "第二章 经营规范", 3, 5),
    StructureEntry("节", "第一节 一般规定", 3, 4),
    StructureEntry("节", "第二节 特别规定", 5, 5),
    StructureEntry("章", "第三章 法律责任", 6, 10),
]

EXPECTED_PENALTIES = {
    "6": (PenaltyClause(1, ("警告", "罚款"), (PenaltyRange(1, 200, 2000, None, "拒不改正的"),)),),
    "7": (
        PenaltyClause(
            1,
            ("罚款", "没收违法所得", "吊销许可证件"),
            (
                PenaltyRange(1, 10000, 50000, None, "货值金额不足五千元的"),
                PenaltyRange(1, 5, 10, "货值金额", "货值金额五千元以上的"),
            ),
        ),
        PenaltyClause(2, ("罚款",), (PenaltyRange(2, None, 5000, None, "对直接负责的主管人员"),)),
    ),
    "8": (
        PenaltyClause(
            1,
            ("罚款", "责令停产停业"),
            (PenaltyRange(1, 50000, None, None, "集市开办者未公示开放时间的"),),
        ),
    ),
    "9": (PenaltyClause(1, ("罚款",), (), "罚款幅度引用其他条款或法律"),),
}


def plain_lines() -> list[str]:
    """The sample as a plain .txt/.docx holds it: no Markdown marks, no INFO END comment."""
    return [line.lstrip("#").strip() for line in SAMPLE_MD.splitlines() if "<!--" not in line]


@pytest.fixture
def sample_md(tmp_path: Path) -> Path:
    path = tmp_path / "行政法" / SAMPLE_FILE
    path.parent.mkdir()
    path.write_text(SAMPLE_MD, encoding="utf-8")
    return path


@pytest.fixture
def sample_txt(tmp_path: Path) -> Path:
    path = tmp_path / SAMPLE_FILE.replace(".md", ".txt")
    path.write_text("\n".join(plain_lines()), encoding="gb18030")
    return path


@pytest.fixture
def sample_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    for line in plain_lines():
        document.add_paragraph(line)
    path = tmp_path / SAMPLE_FILE.replace(".md", ".docx")
    document.save(str(path))
    return path


@pytest.fixture
def sample_pdf(tmp_path: Path) -> Path:
    """The sample as a text PDF: long articles wrap over several lines, pages are numbered."""
    from tests.test_ingest_pdf import make_pdf

    path = tmp_path / SAMPLE_FILE.replace(".md", ".pdf")
    path.write_bytes(make_pdf([[line for line in plain_lines() if line]]))
    return path


@pytest.fixture
def sample_html(tmp_path: Path) -> Path:
    """The sample as a page saved from the national database: site navigation and scripts
    around the text, one element per paragraph."""
    body = "".join(f"<p>{line}</p>" for line in plain_lines() if line)
    page = (
        "<html><head><title>示例集市管理法 - 国家法律法规数据库</title>"
        "<script>var nav = '第一条 不是条文';</script><style>p{margin:0}</style></head>"
        "<body><div class='nav'><a>首页</a><a>法律</a><a>行政法规</a></div>"
        f"<div class='law'>{body}</div></body></html>"
    )
    path = tmp_path / SAMPLE_FILE.replace(".md", ".html")
    path.write_text(page, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "fixture", ["sample_md", "sample_txt", "sample_docx", "sample_pdf", "sample_html"]
)
def test_structure_of_each_format(fixture: str, request: pytest.FixtureRequest) -> None:
    statute = parse_statute(request.getfixturevalue(fixture))
    assert statute.title == "中华人民共和国示例集市管理法"
    assert statute.short == "示例集市管理法"
    assert statute.version_date == "2025-03-01"
    assert statute.history == [
        ("2019-06-03", "通过"),
        ("2022-04-18", "修正"),
        ("2025-03-01", "修订"),
    ]
    assert statute.article_count == 10
    assert statute.stated_effective == "2025-07-01"
    assert statute.structure == EXPECTED_STRUCTURE
    facts = {a.key: a for a in statute.article_facts()}
    assert {k: a.items for k, a in facts.items()} == EXPECTED_ITEMS
    assert {k: a.penalties for k, a in facts.items() if a.penalties} == EXPECTED_PENALTIES


def test_level_from_folder_and_record(sample_md: Path) -> None:
    (record,) = build_records([parse_statute(sample_md)])
    assert (record.name, record.short, record.level) == (
        "中华人民共和国示例集市管理法",
        "示例集市管理法",
        "法律",
    )
    # The 2019 and 2022 texts are known from the header only.
    *earlier, version = record.versions
    assert [(v.date, v.effective, v.article_count, v.articles) for v in earlier] == [
        ("2019-06-03", "2019-06-03", None, None),
        ("2022-04-18", "2022-04-18", None, None),
    ]
    assert (version.effective, version.effective_source, version.article_count) == (
        "2025-07-01",
        "text",
        10,
    )


def test_versions_are_linked_and_repeals_found(tmp_path: Path) -> None:
    """Two versions of one law; a third statute repeals an older invented regulation."""
    folder = tmp_path / "行政法规"
    folder.mkdir()
    old = SAMPLE_MD.replace("2025年7月1日", "2022年6月1日")
    (folder / "示例集市管理法(2022-04-18).md").write_text(old, encoding="utf-8")
    (folder / SAMPLE_FILE).write_text(SAMPLE_MD, encoding="utf-8")
    repealer = (
        "# 示例摊位登记条例\n\n2025年5月6日 示例院令第1号公布\n\n<!-- INFO END -->\n\n"
        "第一条 摊位应当登记。\n\n"
        "第二条 本条例自2025年8月1日起施行。《示例摊位暂行办法》同时废止。\n"
    )
    (folder / "示例摊位登记条例(2025-05-06).md").write_text(repealer, encoding="utf-8")
    records = {r.short: r for r in import_paths([tmp_path]).records}
    market = records["示例集市管理法"]
    assert [(v.date, v.effective, v.superseded) for v in market.versions] == [
        ("2019-06-03", "2019-06-03", "2022-06-01"),  # the earlier text, known by its header only
        ("2022-04-18", "2022-06-01", "2025-07-01"),
        ("2025-03-01", "2025-07-01", None),
    ]
    assert records["示例集市管理法"].level == "行政法规"
    repealed = records["示例摊位暂行办法"]
    assert (repealed.repealed, repealed.level, repealed.versions) == ("2025-08-01", "行政法规", [])
    assert repealed.replaced_by == "示例摊位登记条例"


def test_an_amended_file_dates_the_revision_its_text_comes_from(tmp_path: Path) -> None:
    """A 2025 amendment whose text keeps the 2022 revision's 施行 date: that date belongs to the
    2022 text, not to the 2019 original (an amended file restates the revised law)."""
    body = SAMPLE_MD.split("<!-- INFO END -->")[1].replace("2025年7月1日", "2022年9月1日")
    header = (
        "# 中华人民共和国示例集市管理法\n\n2019年6月3日 示例会议通过\n\n"
        "2022年4月18日 示例会议修订\n\n2025年3月1日 示例会议修正\n\n"
    )
    path = tmp_path / SAMPLE_FILE
    path.write_text(header + "<!-- INFO END -->" + body, encoding="utf-8")
    (record,) = build_records([parse_statute(path)])
    assert [(v.date, v.effective, v.effective_source) for v in record.versions] == [
        ("2019-06-03", "2019-06-03", "assumed"),
        ("2022-04-18", "2022-09-01", "text"),
        ("2025-03-01", "2025-03-01", "assumed"),
    ]


def test_export_writes_facts_only(sample_md: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export_facts([sample_md], out)
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    (entry,) = index["laws"]
    assert entry["versions"][-1]["article_count"] == 10
    facts = (out / "facts" / entry["file"]).read_text(encoding="utf-8")
    assert "维护集市秩序" not in facts and "明码标价" not in facts  # no article text
    assert json.loads(facts)["versions"][-1]["articles"]["3"] == [3]


def test_official_one_line_header(tmp_path: Path) -> None:
    """Official texts give the whole history in one parenthesised line before the articles."""
    header = (
        "示例集市管理法\n（2019年6月3日第九届示例代表会议第二次会议通过　根据2022年4月18日"
        "示例代表会议常务委员会第七次会议《关于修改〈示例集市管理法〉的决定》修正　"
        "2025年3月1日示例代表会议常务委员会第十一次会议修订）\n"
    )
    body = SAMPLE_MD.split("<!-- INFO END -->")[1].replace("#", "")
    path = tmp_path / "示例集市管理法.txt"
    path.write_text(header + body, encoding="utf-8")
    statute = parse_statute(path)
    assert statute.title == "示例集市管理法" and statute.version_date == "2025-03-01"
    assert statute.history == [
        ("2019-06-03", "通过"),
        ("2022-04-18", "修正"),
        ("2025-03-01", "修订"),
    ]
    assert statute.article_count == 10


def test_file_without_articles_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "说明(2025-01-01).md"
    path.write_text("# 说明\n\n这不是法规。\n", encoding="utf-8")
    with pytest.raises(StatuteFormatError, match="未找到"):
        parse_statute(path)
    result = import_paths([tmp_path])
    assert result.records == [] and len(result.errors) == 1


def test_penalty_law_2021_and_2017(laws_dir: Path) -> None:
    new = parse_statute(laws_dir / "行政法" / "行政处罚法(2021-01-22).md")
    assert new.article_count == 86 and len(new.articles) == 86
    assert new.stated_effective == "2021-07-15"
    assert [s.title for s in new.structure if s.level == "节"] == [
        "第一节 一般规定",
        "第二节 简易程序",
        "第三节 普通程序",
        "第四节 听证程序",
    ]
    old = parse_statute(laws_dir / "extra" / "Theonefkguy__行政法_行政处罚法(2017-09-01).md")
    assert old.article_count == 64 and old.short == "行政处罚法" and old.level == "法律"
    assert {a.key: a.items for a in old.article_facts()}["38"] == (4, 0, 0)  # 2017 added 款3


def test_food_safety_law_article_124(laws_dir: Path) -> None:
    statute = parse_statute(laws_dir / "行政法" / "食品安全法(2021-04-29).md")
    article = {a.key: a for a in statute.article_facts()}["124"]
    assert article.items == (9, 0, 0)
    ranges = [(r.low, r.high, r.base) for r in article.ranges]
    assert (50000, 100000, None) in ranges
    assert (10, 20, "货值金额") in ranges
    assert "吊销许可证件" in article.penalties[0].types


def test_a_malformed_article_numeral_does_not_abort_the_import(tmp_path: Path) -> None:
    good = tmp_path / SAMPLE_FILE
    good.write_text(SAMPLE_MD, encoding="utf-8")
    before = parse_statute(good)
    bad = tmp_path / "坏" / SAMPLE_FILE
    bad.parent.mkdir()
    bad.write_text(SAMPLE_MD.replace("第三条 ", "第十十条 ", 1), encoding="utf-8")
    after = parse_statute(bad)
    assert len(after.articles) == len(before.articles) - 1
    assert any("第十十条" in "".join(a.paragraphs) for a in after.articles)


def test_a_regulation_adopted_then_published_is_one_text(tmp_path: Path) -> None:
    """A State Council regulation is adopted (通过) at a meeting and published (公布) days later:
    one text, in force from the date it states, not an earlier text from the meeting's date."""
    header = (
        "示例集市监督条例\n（2025年12月5日示例常务会议通过　2025年12月17日示例令第1号公布"
        "　自2026年2月1日起施行）\n"
    )
    body = SAMPLE_MD.split("<!-- INFO END -->")[1].replace("#", "").replace("本法", "本条例")
    body = body.replace("本条例自2025年7月1日起施行", "本条例自2026年2月1日起施行")
    path = tmp_path / "行政法规" / "示例集市监督条例(2025-12-17).txt"
    path.parent.mkdir()
    path.write_text(header + body, encoding="utf-8")
    (record,) = build_records([parse_statute(path)])
    assert [(v.date, v.effective) for v in record.versions] == [("2025-12-17", "2026-02-01")]


def test_a_scanned_pdf_is_reported(tmp_path: Path) -> None:
    from tests.test_ingest_pdf import add_scanned_page, make_pdf

    pdf = add_scanned_page(make_pdf([["示例"]], footer=False))
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(pdf)
    scan.del_page(0)
    path = tmp_path / "扫描件(2025-03-01).pdf"
    scan.save(str(path))
    with pytest.raises(StatuteFormatError, match="没有文字层"):
        parse_statute(path)
