"""End to end: `check_case` and the `casecheck check` command on generated case files (folder,
zip, one merged PDF), on the real tax decisions, and on cases with broken files."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from casecheck import CheckOptions, check_case
from casecheck.cli import main
from casecheck.model import Report
from casecheck.report import report_schema
from casecheck.samples import generate_case


@pytest.fixture(scope="module")
def clean_case(tmp_path_factory) -> Path:
    return generate_case(tmp_path_factory.mktemp("clean") / "case").path


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("layout", ["folder", "zip", "merged-pdf"])
def test_every_generated_document_gets_its_type(tmp_path, layout):
    generated = generate_case(tmp_path / "case", layout=layout)
    report = check_case(generated.path)
    assert [d.doc_type for d in report.documents] == [t for _, t in generated.documents]
    assert all(not d.errors for d in report.documents)
    if layout == "merged-pdf":
        assert all(d.source_pages for d in report.documents)
        # the JSON report and what is read back from it (the terminal's copy) name the pages
        data = report.to_json()
        jsonschema.validate(data, report_schema())
        ranges = [tuple(d["source_pages"]) for d in data["documents"]]
        assert ranges == [d.source_pages for d in report.documents]
        again = Report.from_json(data)
        assert [d.source_pages for d in again.documents] == ranges


def test_json_report_of_a_real_check_validates(clean_case, tmp_path):
    out = tmp_path / "report.json"
    main(["check", str(clean_case), "--format", "json", "--out", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, report_schema())
    assert len(data["documents"]) == 24
    assert data["elements"] and data["citations"] and data["timeline"]
    assert data["case"]["department"] == "市场监管"


def test_broken_files_become_findings_and_the_rest_is_read(clean_case, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(clean_case, case)
    (case / "25空文件.docx").write_bytes(b"")
    (case / "26损坏的决定书.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (case / "27旧格式.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    before = _digests(case)
    report = check_case(case)
    assert _digests(case) == before
    unreadable = [f for f in report.findings if f.defect_class == "input.unreadable"]
    broken_ids = {d.id for d in report.documents if d.path.startswith(("25", "26", "27"))}
    assert {f.document for f in unreadable} == broken_ids
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in f.message) for f in unreadable)
    readable = [d for d in report.documents if d.id not in broken_ids]
    assert len(readable) == 24 and all(d.chars > 0 for d in readable)


def test_exit_status_and_missing_path(clean_case, tmp_path, capsys):
    assert main(["check", str(tmp_path / "nowhere")]) == 3
    assert main(["check", str(clean_case), "--format", "json"]) in (0, 1)
    assert json.loads(capsys.readouterr().out)["schema"] == "casecheck.report/1"


def test_tax_decisions_are_typed_and_the_scan_needs_ocr(corpus_dir):
    # OCR of this scan is tested in test_ingest_ocr; here: what a user without OCR is told.
    report = check_case(corpus_dir / "tax_chinatax", CheckOptions(ocr=False))
    typed = {d.path: d.doc_type for d in report.documents}
    for path, doc_type in typed.items():
        if path.endswith((".txt", ".pdf", ".docx")):
            assert doc_type == path.split("_")[0], path
    scan = next(d for d in report.documents if d.path == "税务处理决定书_常税稽处[2026]71号.pdf")
    assert scan.text_source == "none"
    assert any(scan.path in n.check and "开启 OCR" in n.reason for n in report.not_checked)


def test_disabled_rules_are_skipped_and_listed(tmp_path):
    case = generate_case(tmp_path / "case", defects=["wrong_remedy_period"]).path
    assert any(f.rule_id == "REM-001" for f in check_case(case).findings)
    report = check_case(case, CheckOptions(disabled_rules=("REM-001",)))
    assert not any(f.rule_id == "REM-001" for f in report.findings)
    assert any("REM-001" in n.check and "关闭" in n.reason for n in report.not_checked)


def test_a_decision_cut_off_mid_sentence_is_not_checked_for_absences(tmp_path):
    text = (
        "某区市场监督管理局\n行政处罚决定书\n某市监罚〔2025〕21号\n当事人：某某贸易有限公司\n"
        "经查，当事人销售超过保质期的食品。依据《中华人民共和国食品安全法》第一百二十四条"
        "第一款第（五）项的规定，决定处以罚款人民币60000元。当事人应当自收到本决定书之日起"
    )
    path = tmp_path / "决定书.txt"
    path.write_text(text, encoding="utf-8")
    report = check_case(path)
    assert not any(f.rule_id in ("DEC-001", "REM-002") for f in report.findings)
    assert any("截断" in n.reason for n in report.not_checked)
    ending = "十五日内缴纳罚款。\n某区市场监督管理局\n2025年6月20日"
    path.write_text(text + ending, encoding="utf-8")
    assert any(f.rule_id == "REM-002" for f in check_case(path).findings)


@pytest.mark.parametrize(
    ("case", "department"),
    [("yingji-training", "应急管理"), ("sthj-water", "生态环境"), ("shuiwu-latefiling", "税务")],
)
def test_the_department_is_read_from_the_forms_of_a_hand_written_case(case, department):
    folder = Path(__file__).parent / "casefiles" / case
    assert check_case(folder).department == department


def test_the_cli_shows_document_k_of_n_on_a_terminal_and_nothing_elsewhere(clean_case):
    import io

    from rich.console import Console

    from casecheck.cli import progress_shown

    with progress_shown(Console(file=io.StringIO())) as (step, bar):
        assert step is None and bar is None  # a pipe or a file gets no progress lines
    terminal = Console(file=io.StringIO(), force_terminal=True)
    with progress_shown(terminal) as (step, bar):
        check_case(clean_case, CheckOptions(ocr=False), progress=step)
        reading = bar.tasks[0]
        files = [p for p in clean_case.rglob("*") if p.is_file() and not p.name.startswith(".")]
        assert reading.total == reading.completed == len(files)
        assert reading.description == "分析和检查文书"
