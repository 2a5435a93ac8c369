"""Batch checking over a small generated set with a broken entry: per-case JSON, triage,
summary workbook and report, statistics, resume, and the `batch` command."""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

import docx
import jsonschema
import openpyxl
import pytest

from casecheck import batch, batch_cli
from casecheck.batch import case_entries, load_report, run_batch
from casecheck.batch_stats import CaseSummary, fine_groups, summarise
from casecheck.engine import CheckOptions
from casecheck.model import Citation, Document, Element, Report
from casecheck.report import report_schema
from casecheck.review import decide, load_review, save_review
from casecheck.samples import generate_case
from casecheck.scoring import assess

# entry name → (defects, layout)
CASES = {
    "a-clean": ((), "folder"),
    "b-no-seal": (("no_seal",), "folder"),
    "c-late-service": (("late_service",), "folder"),
    "d-remedy": (("wrong_remedy_period",), "zip"),
    "e-hearing": (("short_hearing_notice",), "folder"),
    "f-over-range": (("fine_over_range",), "folder"),
}
BROKEN = "g-broken.zip"
SINGLE = "h-决定书.docx"  # one document on its own is a case too
ENTRIES = len(CASES) + 2


@pytest.fixture(scope="module")
def input_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("batch") / "in"
    for n, (name, (defects, layout)) in enumerate(CASES.items()):
        generate_case(root / name, defects=defects, seed=20 + n, layout=layout)
    for sidecar in root.glob("*.seeded.json"):
        sidecar.unlink()
    (root / BROKEN).write_bytes(b"PK\x03\x04 this is not an archive")
    shutil.copy(root / "a-clean" / "21行政处罚决定书.docx", root / SINGLE)
    return root


@pytest.fixture(scope="module")
def first_run(input_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    seen: list[tuple[str, int, int]] = []
    result = run_batch(input_dir, out, CheckOptions(), jobs=2, progress=lambda *a: seen.append(a))
    return out, result, seen


def test_entries_are_folders_zips_and_files(input_dir):
    names = [p.name for p in case_entries(input_dir)]
    assert names == sorted(
        [*(n + (".zip" if lay == "zip" else "") for n, (_, lay) in CASES.items()), BROKEN, SINGLE]
    )


def test_every_case_gets_a_valid_json_report(first_run, input_dir):
    out, result, seen = first_run
    assert len(result.results) == ENTRIES
    assert [s[1:] for s in seen] == [(n, ENTRIES) for n in range(1, ENTRIES + 1)]
    for r in result.results:
        data = json.loads((out / f"{r.name}.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, report_schema())
        assert data["score"]["standard"] == "generic"


def test_a_broken_entry_is_reported_not_fatal(first_run):
    out, result, _ = first_run
    broken = next(r for r in result.results if r.name == BROKEN)
    data = json.loads((out / f"{BROKEN}.json").read_text(encoding="utf-8"))
    assert [f["class"] for f in data["findings"]] == ["input.unreadable"]
    assert data["score"]["score"] is None  # nothing read: no score, not full marks
    assert broken.triage == "需人工复核"
    assert result.stats.failed_cases == [BROKEN]


def test_triage_follows_the_seeded_defects(first_run):
    _, result, _ = first_run
    triage = {r.name: r.triage for r in result.results}
    assert triage == {
        "a-clean": "合格",
        "b-no-seal": "不合格",
        "c-late-service": "合格",
        "d-remedy.zip": "合格",
        "e-hearing": "需人工复核",  # ranged deduction: the reviewer judges
        "f-over-range": "不合格",
        BROKEN: "需人工复核",
        SINGLE: "需人工复核",  # not a whole case file: completeness could not be checked
    }
    assert result.stats.triage == {"合格": 3, "需人工复核": 3, "不合格": 2}
    assert result.stats.score_bands["60以下"] == 2 and result.stats.score_bands["未评分"] == 2


def test_summary_workbook_word_report_and_statistics(first_run):
    out = first_run[0]
    book = openpyxl.load_workbook(out / batch.XLSX_NAME)
    assert book.sheetnames[0] == "汇总" and len(book.sheetnames) == ENTRIES + 1
    word = docx.Document(str(out / batch.DOCX_NAME))
    text = "\n".join(p.text for p in word.paragraphs)
    for heading in ("一、得分分布", "二、常见问题", "三、按执法机关", "四、同案不同罚"):
        assert heading in text
    stats = json.loads((out / batch.SUMMARY_NAME).read_text(encoding="utf-8"))
    groups = stats["same_violation_fines"]
    # every generated case (and the lone decision) cites the same violated provision and a fine
    assert len(groups) == 1 and len(groups[0]["fines"]) == len(CASES) + 1
    assert groups[0]["low"] == min(f["fine"] for f in groups[0]["fines"])
    assert sum(a["cases"] for a in stats["authorities"]) == ENTRIES


def test_rerun_resumes_and_rechecks_only_changed_entries(first_run, input_dir):
    out, _, _ = first_run
    again = run_batch(input_dir, out, CheckOptions(), jobs=2)
    assert all(r.resumed for r in again.results)
    changed = input_dir / "a-clean"
    future = (out / "a-clean.json").stat().st_mtime + 10
    os.utime(changed / ".casecheck-seeded.json", (future, future))  # hidden: not the case
    assert all(r.resumed for r in run_batch(input_dir, out, CheckOptions(), jobs=1).results)
    os.utime(changed / "01立案审批表.docx", (future, future))
    third = run_batch(input_dir, out, CheckOptions(), jobs=1)
    assert [r.name for r in third.results if not r.resumed] == ["a-clean"]


def test_a_crashing_case_still_gets_its_report(input_dir, tmp_path, monkeypatch):
    small = tmp_path / "in"
    small.mkdir()
    shutil.copytree(input_dir / "a-clean", small / "a-clean")
    shutil.copytree(input_dir / "c-late-service", small / "c-late-service")
    real = batch.check_case

    def flaky(path, options):
        if Path(path).name == "a-clean":
            raise RuntimeError("模拟的内部错误")
        return real(path, options)

    monkeypatch.setattr(batch, "check_case", flaky)
    result = run_batch(small, tmp_path / "out", CheckOptions(), jobs=1)
    crashed = load_report(tmp_path / "out" / "a-clean.json")
    assert crashed.findings[0].defect_class == "input.unreadable"
    assert "模拟的内部错误" in crashed.findings[0].message
    assert [r.score.score for r in result.results] == [None, 95]


def test_review_decisions_count_and_follow_a_rechecked_case(input_dir, tmp_path):
    small, out = tmp_path / "in", tmp_path / "out"
    small.mkdir()
    shutil.copytree(input_dir / "c-late-service", small / "c-late-service")
    first = run_batch(small, out, CheckOptions(), jobs=1)
    assert first.results[0].score.score == 95
    json_path = out / "c-late-service.json"
    report = load_report(json_path)
    state = load_review(json_path)
    decide(state, report, report.findings[0].id, "rejected", "送达回证日期系笔误")
    save_review(json_path, report, state)
    resumed = run_batch(small, out, CheckOptions(), jobs=1)
    assert resumed.results[0].resumed and resumed.results[0].score.score == 100
    future = json_path.stat().st_mtime + 10
    os.utime(small / "c-late-service" / "01立案审批表.docx", (future, future))
    rechecked = run_batch(small, out, CheckOptions(), jobs=1)
    assert not rechecked.results[0].resumed
    assert rechecked.results[0].score.score == 100
    followed = load_review(json_path)
    assert [d.status for d in followed.decisions] == ["rejected"]
    assert len(followed.history) == 1 and followed.history[0]["remaining"]


def _report(name: str, fine: float, article: int) -> CaseSummary:
    doc = Document(id="D01", path="决定书.docx", doc_type="行政处罚决定书")
    report = Report(
        case_path=name,
        documents=[doc],
        elements=[Element("D01", "fine_amount", f"{fine}元", fine, 0, 1)],
        citations=[Citation("D01", "某某法", "《某某法》", article, role="violated")],
    )
    return summarise(name, Path(name), report, assess(report))


def test_same_violation_fines_flag_outliers():
    results = [
        _report("甲", 10000, 5),
        _report("乙", 12000, 5),
        _report("丙", 11000, 5),
        _report("丁", 9000, 5),
        _report("戊", 200000, 5),
        _report("己", 500, 6),  # alone under its provision: no group
    ]
    [group] = fine_groups(results)
    assert group.provision == "《某某法》第5条"
    assert (group.low, group.high, group.median) == (9000, 200000, 11000)
    assert group.outliers == ["戊"]


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    batch_cli.add_parser(parser.add_subparsers(required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_batch_command_exit_codes(input_dir, tmp_path):
    small = tmp_path / "in"
    small.mkdir()
    shutil.copy(input_dir / BROKEN, small / BROKEN)
    assert _cli("batch", str(small), "--out", str(tmp_path / "out"), "--jobs", "1") == 0
    assert (tmp_path / "out" / f"{BROKEN}.json").is_file()
    assert _cli("batch", str(small), "--out", str(small / "评查结果")) == 2  # out inside in
    assert not (small / "评查结果").exists()
    assert [p.name for p in case_entries(small, exclude=small / "评查结果")] == [BROKEN]
    assert _cli("batch", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")) == 3
    assert _cli("batch", str(small), "--out", str(tmp_path / "o"), "--standard", "nope") == 2


def test_iter_batch_yields_summaries_and_stops_when_cancelled(input_dir, tmp_path):
    from casecheck.batch import iter_batch

    small = tmp_path / "in"
    small.mkdir()
    for name in ("c-late-service", "f-over-range", SINGLE):
        source = input_dir / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, small / name)
    seen: list[CaseSummary] = []
    cases = iter_batch(small, tmp_path / "out", CheckOptions(), 1, lambda: len(seen) >= 2)
    for case in cases:
        seen.append(case)
    assert len(seen) == 2 and all(isinstance(c, CaseSummary) for c in seen)
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == sorted(
        c.json_path.name for c in seen
    )
    again = list(iter_batch(small, tmp_path / "out", CheckOptions(), jobs=1))
    assert [c.resumed for c in again] == [True, True, False]


def die_on_boom(entry: Path, out_dir: Path, options: CheckOptions) -> CaseSummary:
    """A worker that dies (as one killed by the system) on the entry named boom."""
    if entry.name == "boom":
        os._exit(9)
    return batch.check_entry(entry, out_dir, options)


def test_a_worker_that_dies_costs_only_its_own_case(input_dir, tmp_path):
    small = tmp_path / "in"
    small.mkdir()
    for name in ("c-late-service", "f-over-range", SINGLE):
        source = input_dir / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, small / name)
    (small / "boom").mkdir()
    entries = case_entries(small)
    out = tmp_path / "out"
    out.mkdir()
    done = list(batch._check_all(entries, out, CheckOptions(), 2, None, work=die_on_boom))
    assert sorted(c.name for c in done) == sorted(e.name for e in entries)
    failed = [c for c in done if c.failed]
    assert [c.name for c in failed] == ["boom"]
    assert load_report(out / "boom.json").findings[0].defect_class == "input.unreadable"
