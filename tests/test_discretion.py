"""Discretion benchmarks: importing hand-made benchmark tables (.xlsx with merged cells, .docx,
a bad row), the CLI, and a decision checked against an imported benchmark."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from casecheck import CheckOptions, check_case
from casecheck.discretion import cli
from casecheck.discretion.importer import import_file, load_mapping
from casecheck.discretion.store import load_benchmarks

LAW = "《中华人民共和国食品安全法》"
BASIS = f"违反{LAW}第五十三条第一款；依据{LAW}第一百二十五条第一款第（三）项"
# our own rows: 违法行为, 法律依据, 裁量阶次, 适用情形, 处罚标准
ROWS = [
    (
        "进货未查验许可证和合格证明",
        BASIS,
        "从轻",
        "首次被查处；主动改正",
        "处5000元以上2万元以下罚款",
    ),
    ("", "", "一般", "无从轻从重情节", "处2万元以上3.5万元以下罚款"),
    ("", "", "从重", "一年内再次违法；拒不改正", "处3.5万元以上5万元以下罚款"),
    ("", "", "特别处理", "另行研究", "视情况处理"),
]


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CASECHECK_DATA_DIR", str(tmp_path / "data"))
    load_benchmarks.cache_clear()
    yield tmp_path / "data"
    load_benchmarks.cache_clear()


def make_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["青州市市场监督管理行政处罚裁量基准（示例）"])
    sheet.merge_cells("A1:F1")
    sheet.append(["序号", "违法行为", "法律依据", "裁量阶次", "适用情形", "处罚标准"])
    for n, row in enumerate(ROWS, 1):
        sheet.append([n, *row])
    # the violation and its articles span the level rows, as published tables do
    sheet.merge_cells("B3:B6")
    sheet.merge_cells("C3:C6")
    book.save(path)
    return path


def make_docx(path: Path) -> Path:
    document = docx.Document()
    table = document.add_table(rows=1, cols=5)
    for cell, name in zip(
        table.rows[0].cells,
        ("违法行为名称", "处罚依据", "违法程度", "情节与后果", "处罚幅度"),
        strict=True,
    ):
        cell.text = name
    for level, facts, penalty in (
        ("轻微", "初次违法，货值较小", "处5000元以上2万元以下罚款"),
        ("较重", "两次以上违法", "处3.5万元以上5万元以下罚款"),
    ):
        cells = table.add_row().cells
        for cell, text in zip(cells[2:], (level, facts, penalty), strict=True):
            cell.text = text
    # the violation and its articles merged down over the level rows
    table.cell(1, 0).merge(table.cell(2, 0)).text = "进货未查验"
    table.cell(1, 1).merge(table.cell(2, 1)).text = BASIS
    document.save(str(path))
    return path


HEAD = {"name": "青州示例基准", "department": "市场监管", "regions": ["青州市"]}


def test_xlsx_with_merged_cells_and_a_bad_row(tmp_path: Path) -> None:
    result = import_file(make_xlsx(tmp_path / "t.xlsx"), HEAD, load_mapping())
    assert result.benchmark is not None
    (entry,) = result.benchmark.entries
    assert [lv.grade for lv in entry.levels] == ["从轻", "一般", "从重"]
    assert entry.basis[0].article == 125 and entry.violated[0].article == 53
    assert entry.levels[0].ranges[0].high == 20000
    assert entry.levels[0].facts == ("首次被查处", "主动改正")
    assert len(result.problems) == 1 and result.problems[0].startswith("第6行：裁量阶次“特别处理”")


def test_docx_with_other_column_names_and_merged_cells(tmp_path: Path) -> None:
    result = import_file(make_docx(tmp_path / "t.docx"), HEAD, load_mapping())
    assert result.problems == []
    assert result.benchmark is not None
    (entry,) = result.benchmark.entries
    assert entry.title == "进货未查验" and entry.basis[0].article == 125
    assert [(lv.name, lv.grade) for lv in entry.levels] == [
        ("轻微", "从轻"),
        ("较重", "从重"),
    ]


def test_a_table_without_its_columns_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_table(rows=2, cols=2).rows[0].cells[0].text = "名称"
    document.save(str(tmp_path / "x.docx"))
    (tmp_path / "y.xlsx").write_bytes(b"not a workbook")
    for name in ("x.docx", "y.xlsx"):
        result = import_file(tmp_path / name, HEAD, load_mapping())
        assert result.benchmark is None and result.problems


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="casecheck")
    cli.add_parser(parser.add_subparsers(dest="command"))
    return cli.run(parser.parse_args(list(argv)))


DECISION = """青州市东城区市场监督管理局
行政处罚决定书
青东市监罚〔2024〕18号
当事人：青州市东城区禾丰便利店
经查，当事人于2024年3月购进散装糕点，未查验供货者的许可证和食品合格证明文件，货值金额为人民币3000元。
本局认为，当事人的行为违反了《中华人民共和国食品安全法》第五十三条第一款的规定。鉴于当事人系首次被查处，并已主动改正，本局决定对其从轻处罚。依据《中华人民共和国食品安全法》第一百二十五条第一款第（三）项的规定，本局决定对当事人处以罚款人民币40000元。
如不服本处罚决定，可以在收到本决定书之日起六十日内申请行政复议，也可以在六个月内依法提起行政诉讼。
青州市东城区市场监督管理局
2024年5月10日
"""


def test_import_then_a_decision_breaking_it_is_found(tmp_path: Path, capsys) -> None:
    table = make_xlsx(tmp_path / "青州.xlsx")
    code = run(
        "discretion",
        "import",
        str(table),
        "--department",
        "市场监管",
        "--region",
        "青州市",
        "--from",
        "2023-01-01",
        "--source",
        "青州市示例",
    )
    out = capsys.readouterr().out
    assert code == 1 and "未导入：第6行" in out and "1 个违法行为、3 个裁量阶次" in out
    assert run("discretion", "list") == 0 and "青州" in capsys.readouterr().out
    assert run("discretion", "show", "青州") == 0
    assert "从轻→从轻：处5000元以上2万元以下罚款" in capsys.readouterr().out
    case = tmp_path / "case"
    case.mkdir()
    (case / "行政处罚决定书.txt").write_text(DECISION, encoding="utf-8")
    report = check_case(case, CheckOptions(department="市场监管"))
    found = {f.rule_id: f for f in report.findings if f.rule_id.startswith("DISCR-00")}
    assert "DISCR-002" in found and found["DISCR-002"].quote.endswith("40000元")
    assert "DISCR-004" not in found  # 从轻 with its facts stated
    assert run("discretion", "remove", "青州") == 0
    report = check_case(case, CheckOptions(department="市场监管"))
    assert not [f for f in report.findings if f.rule_id == "DISCR-002"]
    reasons = [n.reason for n in report.not_checked if n.check.startswith("DISCR-002")]
    assert reasons and "不适用于本案地区" in reasons[0]


SAMPLE_DECISION = """岚川市青禾区市场监督管理局
行政处罚决定书
岚青市监罚〔2025〕{n}号
当事人：岚川市{name}食品商行
经查，当事人经营超过保质期的食品，货值金额为人民币10000元。当事人的行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。鉴于当事人系初次被查处，如实陈述并及时整改，本局决定从轻处罚。依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本局决定处以罚款人民币{fine}元。
岚川市青禾区市场监督管理局
2025年6月20日
"""


def _summary(tmp_path: Path, n: int, name: str, fine: int):
    from casecheck.batch_stats import summarise
    from casecheck.scoring import assess

    case = tmp_path / name
    case.mkdir()
    text = SAMPLE_DECISION.format(n=n, name=name, fine=fine)
    (case / "行政处罚决定书.txt").write_text(text, encoding="utf-8")
    report = check_case(case, CheckOptions(department="市场监管"))
    return summarise(name, case, report, assess(report))


def test_batch_flags_same_level_fines_differing_beyond_the_benchmark(tmp_path: Path) -> None:
    from casecheck.batch_stats import batch_stats, fine_groups
    from casecheck.report.docx_report import write_batch_docx
    from casecheck.report.xlsx_report import write_summary_xlsx

    # the sample benchmark's 从轻 level: 10 to 13 times the goods value of 10,000 yuan
    cases = [
        _summary(tmp_path, n, name, fine)
        for n, (name, fine) in enumerate((("甲", 105000), ("乙", 125000), ("丙", 160000)), 1)
    ]
    assert cases[0].level == "从轻" and cases[0].level_range == (100000, 130000)
    [group] = fine_groups(cases)
    [spread] = group.beyond_benchmark
    assert [c for c, _ in spread.fines] == ["甲", "乙", "丙"]
    assert fine_groups(cases[:2])[0].beyond_benchmark == []  # 20,000 apart, within 30,000
    stats = batch_stats(cases, "generic")
    write_batch_docx(stats, tmp_path / "批量.docx")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "批量.docx")).paragraphs)
    assert "同为从轻阶次的 3 卷罚款 105,000–160,000 元，相差超出裁量基准该阶次的幅度" in text
    write_summary_xlsx(cases, tmp_path / "汇总.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "汇总.xlsx").active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "从轻（基准 100000–130000 元）" in values
