"""Hostile outputs and damaged reports (issue 17): an output never overwrites an input, a
failed write leaves no truncated file, names with undecodable bytes or control characters never
crash a command nor reach the terminal raw, and damaged reports or review files give a Chinese
message (exit 2) or a warning, never a traceback."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from casecheck import cli
from casecheck.batch import json_path_for, load_report
from casecheck.outputs import OutputError, display, dump_json, write_file
from casecheck.review import load_review, review_path

DECISION = (
    "行政处罚决定书\n当事人：某某有限公司\n罚款人民币五千元。\n某市市场监督管理局\n2024年3月1日\n"
)


def _digest(root: Path) -> dict[str, str]:
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "决定书.txt").write_text(DECISION, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def report_json(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report")
    folder = root / "case"
    folder.mkdir()
    (folder / "决定书.txt").write_text(DECISION, encoding="utf-8")
    out = root / "out" / "case.json"
    assert cli.main(["check", str(folder), "--format", "json", "--out", str(out)]) in (0, 1)
    return out


@pytest.mark.parametrize("option", ["--out", "--docx", "--xlsx", "--commented"])
def test_check_never_writes_over_an_input_or_into_the_case(case, option, capsys):
    before = _digest(case)
    inside = case / "决定书.txt" if option != "--commented" else case / "copies"
    assert cli.main(["check", str(case), option, str(inside)]) == 2
    assert "从不被改写" in capsys.readouterr().err
    assert _digest(case) == before
    assert not (case / "copies").exists()


def test_check_of_a_file_never_writes_over_it(case, capsys):
    document = case / "决定书.txt"
    before = _digest(document)
    assert cli.main(["check", str(document), "--out", str(document)]) == 2
    assert "输入文件" in capsys.readouterr().err
    assert _digest(document) == before


def test_batch_output_inside_its_input_is_refused(case, capsys):
    before = _digest(case.parent)
    for out in (case.parent, case.parent / "reports"):
        assert cli.main(["batch", str(case.parent), "--out", str(out)]) == 2
        assert "从不被改写" in capsys.readouterr().err
    assert _digest(case.parent) == before
    assert not (case.parent / "reports").exists()


def test_export_never_writes_over_the_report_it_reads(report_json, capsys):
    before = _digest(report_json)
    assert cli.main(["export", str(report_json), "--docx", str(report_json)]) == 2
    assert "输入文件" in capsys.readouterr().err
    assert _digest(report_json) == before


def test_unwritable_output_folder_is_a_chinese_message_and_no_partial_file(case, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "report.json").write_text("old report\n", encoding="utf-8")
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        for option in ("--out", "--docx", "--xlsx"):
            assert cli.main(["check", str(case), option, str(locked / "report.json")]) == 2
            assert "没有写入权限" in capsys.readouterr().err
        assert (locked / "report.json").read_text(encoding="utf-8") == "old report\n"
        assert sorted(p.name for p in locked.iterdir()) == ["report.json"]
    finally:
        locked.chmod(0o700)


def test_an_output_folder_that_is_a_file_is_a_chinese_message(case, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for option in ("--out", "--docx", "--xlsx"):
        assert cli.main(["check", str(case), option, str(blocker / "r.out")]) == 2
        err = capsys.readouterr().err
        assert "未能写出" in err and "Traceback" not in err
    assert cli.main(["batch", str(case), "--out", str(blocker / "out")]) == 2
    assert "无法创建输出目录" in capsys.readouterr().err


def test_a_missing_output_folder_is_created(case, tmp_path):
    out = tmp_path / "new" / "deeper" / "report.json"
    assert cli.main(["check", str(case), "--format", "json", "--out", str(out)]) in (0, 1)
    assert json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_failing_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_bytes(b"half a report")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="磁盘空间不足"):
        write_file(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_undecodable_names_survive_json_round_trip(tmp_path):
    name = os.fsdecode(b"\xb0\xb8\xbe\xed.txt")  # GBK bytes as unzip leaves them
    path = dump_json({"path": name, "text": "中文"}, tmp_path / "r.json")
    raw = path.read_bytes()
    raw.decode("utf-8")  # valid UTF-8, readable by any JSON tool
    assert json.loads(raw) == {"path": name, "text": "中文"}


def test_undecodable_and_control_names_in_check_and_batch(tmp_path, capsys):
    root = tmp_path / "in"
    case = root / os.fsdecode(b"case-\xb0\xb8")
    case.mkdir(parents=True)
    (case / os.fsdecode(b"\xbe\xf6\xb6\xa8.txt")).write_text(DECISION, encoding="utf-8")
    (case / "evil\x1b[31m\x07.txt").write_text(DECISION, encoding="utf-8")
    out = tmp_path / "out"
    code = cli.main(["check", str(case), "--format", "json", "--out", str(out / "r.json")])
    assert code in (0, 1)
    assert load_report(out / "r.json").case_path == str(case)
    assert cli.main(["check", str(case), "--docx", str(out / "r.docx")]) in (0, 1)
    assert cli.main(["check", str(case)]) in (0, 1)
    captured = capsys.readouterr()
    assert "\x1b[31m" not in captured.out + captured.err
    assert "\x07" not in captured.out + captured.err
    for _ in range(2):  # the second run resumes from the reports the first wrote
        assert cli.main(["batch", str(root), "--out", str(out / "batch"), "--jobs", "1"]) == 0
    assert "\x1b[31m" not in capsys.readouterr().out


def test_display_escapes_control_characters_and_undecodable_bytes():
    assert display("a\x1b[2Jb\x07") == "a\\x1b[2Jb\\x07"
    assert display(os.fsdecode(b"x\xb0")) == "x\\udcb0"
    assert display("案卷\t一") == "案卷\t一"


TRUNCATIONS = {
    "empty": lambda text: "",
    "half": lambda text: text[: len(text) // 2],
    "not-json": lambda text: "<html>not a report</html>",
    "a-list": lambda text: "[]",
    "a-number": lambda text: "42",
    "no-findings": lambda text: json.dumps({**json.loads(text), "findings": None}),
    "findings-not-list": lambda text: json.dumps({**json.loads(text), "findings": 3}),
    "finding-not-dict": lambda text: json.dumps({**json.loads(text), "findings": ["x"]}),
    "documents-null": lambda text: json.dumps({**json.loads(text), "documents": None}),
    "binary": lambda text: "\udcff\udcfe",
}


@pytest.mark.parametrize("damage", TRUNCATIONS)
def test_review_and_export_on_a_damaged_report(report_json, tmp_path, damage, capsys):
    broken = tmp_path / "broken.json"
    text = TRUNCATIONS[damage](report_json.read_text(encoding="utf-8"))
    broken.write_bytes(text.encode("utf-8", "surrogateescape"))
    assert cli.main(["review", str(broken)]) == 2
    assert cli.main(["export", str(broken), "--xlsx", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "无法读取" in err and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("content", [b"", b'{"report": "case.json", "decis', b"[1, 2]"])
def test_a_damaged_review_file_is_reported_and_kept(report_json, tmp_path, content, capsys):
    report = tmp_path / "case.json"
    report.write_bytes(report_json.read_bytes())
    review_path(report).write_bytes(content)
    assert load_review(report).problem
    assert cli.main(["review", str(report)]) == 0
    assert "复核记录" in capsys.readouterr().err
    first = load_report(report).findings[0].id
    assert cli.main(["review", str(report), "reject", first]) == 0
    assert load_review(report).rejected() == {first}
    kept = review_path(report).with_name(review_path(report).name + ".broken")
    assert kept.read_bytes() == content
    assert cli.main(["export", str(report), "--xlsx", str(tmp_path / "x.xlsx")]) == 0


def test_batch_entries_named_like_outputs_get_their_own_report(tmp_path):
    out = tmp_path / "out"
    names = {json_path_for(tmp_path / n, out).name for n in ("a", "a.review", "batch-summary")}
    assert names == {"a.json", "a.review.case.json", "batch-summary.case.json"}


def test_resume_rechecks_failed_and_out_of_scope_reports(case, tmp_path):
    from casecheck.batch import failed_report, run_batch, write_report_json
    from casecheck.engine import CheckOptions

    out = tmp_path / "out"
    run_batch(case, out, CheckOptions(), jobs=1)
    assert [r.resumed for r in run_batch(case, out, CheckOptions(), jobs=1).results] == [True]
    other = CheckOptions(department="税务")
    assert [r.resumed for r in run_batch(case, out, other, jobs=1).results] == [False]
    json_path = json_path_for(case / "决定书.txt", out)
    write_report_json(failed_report(str(case), other, MemoryError("killed")), json_path)
    assert [r.resumed for r in run_batch(case, out, other, jobs=1).results] == [False]
    assert [r.resumed for r in run_batch(case, out, other, jobs=1).results] == [True]


def test_a_killed_batch_leaves_no_temporaries_behind(case, tmp_path):
    from casecheck.batch import CASE_SECONDS, run_batch
    from casecheck.engine import CheckOptions

    out = tmp_path / "out"
    out.mkdir()
    stale, fresh = out / ".tmp-killed.json", out / ".tmp-running.json"
    for path in (stale, fresh):
        path.write_text('{"half', encoding="utf-8")
    old = time.time() - 3 * CASE_SECONDS
    os.utime(stale, (old, old))
    run_batch(case, out, CheckOptions(), jobs=1)
    assert not stale.exists() and fresh.exists()
