"""The synthetic case generator: files read back with python-docx / pypdfium2, dates checked
against chinese-calendar, and every seeded defect visible where its sidecar says."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from chinese_calendar import is_workday

from casecheck.model import DEFECT_CLASSES
from casecheck.samples import DEFECTS, SIDECAR, generate_case, sample_case_dir
from casecheck.samples import cli as samples_cli
from casecheck.samples.facts import make_facts
from casecheck.samples.generator import SAMPLE_DEFECTS, build_documents

SEED = 7
# Two combinations cover every defect; together with the clean case they are generated once.
# A notice without a proposed fine goes with the hearing-free case: the other case raises the
# fine above the one proposed.
HEARING_FREE = (
    "missing_hearing_notice",
    "decision_before_waiting_period",
    "notice_missing_penalty",
)
# Goods worth a few hundred yuan change the fine (五万元, not a multiple of the goods value): that
# case goes alone.
SMALL_GOODS = ("listed_minor_penalised",)
WITH_HEARING = tuple(d for d in DEFECTS if d not in HEARING_FREE + SMALL_GOODS)
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


# ---- reading files back, independently of the project's readers -------------------------------


def docx_lines(path: Path) -> list[str]:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.extend("　".join(cell.text for cell in row.cells) for row in table.rows)
    return lines


def pdf_pages(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in pdf]
    finally:
        pdf.close()


def file_text(path: Path) -> str:
    """The text of one file; PDF lines are joined because the layout wraps long sentences."""
    if path.suffix == ".docx":
        return "\n".join(docx_lines(path))
    return "".join("".join(page.split("\n")) for page in pdf_pages(path))


def head_lines(path: Path) -> list[str]:
    if path.suffix == ".docx":
        return docx_lines(path)[:2]
    return pdf_pages(path)[0].split("\n")[:2]


def texts_by_key(case) -> dict[str, str]:
    return {
        key: file_text(case.path / name)
        for (name, _), key in zip(case.documents, case.keys, strict=True)
    }


def dates_in(text: str) -> list[dt.date]:
    return [dt.date(int(y), int(m), int(d)) for y, m, d in DATE.findall(text)]


def workdays_after(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`."""
    days = (start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1))
    return sum(is_workday(day) for day in days)


def credit_code_valid(code: str) -> bool:
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(CHARSET.index(c) * w for c, w in zip(code[:17], weights, strict=True))
    return CHARSET[(31 - total % 31) % 31] == code[17]


# ---- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("samples")


@pytest.fixture(scope="module")
def clean(out):
    return generate_case(out / "clean", seed=SEED)


@pytest.fixture(scope="module")
def clean_texts(clean) -> dict[str, str]:
    return texts_by_key(clean)


@pytest.fixture(scope="module")
def with_hearing(out):
    return generate_case(out / "with-hearing", WITH_HEARING, seed=SEED)


@pytest.fixture(scope="module")
def hearing_free(out):
    return generate_case(out / "hearing-free", HEARING_FREE, seed=SEED)


@pytest.fixture(scope="module")
def small_goods(out):
    return generate_case(out / "small-goods", SMALL_GOODS, seed=SEED)


@pytest.fixture(scope="module")
def defective(with_hearing, hearing_free, small_goods):
    """defect id -> (generated case, texts by key)."""
    cases = {}
    for case in (with_hearing, hearing_free, small_goods):
        texts = texts_by_key(case)
        cases.update({d.id: (case, texts) for d in case.seeded})
    return cases


@pytest.fixture(scope="module")
def with_hearing_texts(defective) -> dict[str, str]:
    return defective["no_seal"][1]


@pytest.fixture(scope="module")
def hearing_free_texts(defective) -> dict[str, str]:
    return defective["missing_hearing_notice"][1]


# ---- the clean case --------------------------------------------------------------------------


def test_clean_case_has_the_full_ordinary_procedure(clean):
    types = [doc_type for _, doc_type in clean.documents]
    for required in (
        "立案审批表", "现场检查笔录", "询问笔录", "证据清单", "证据材料", "先行登记保存审批表",
        "先行登记保存通知书", "先行登记保存处理决定书", "调查终结报告", "行政处罚告知书",
        "听证申请书", "听证通知书", "听证笔录", "听证报告", "法制审核意见书", "集体讨论记录",
        "行政处罚决定审批表", "行政处罚决定书", "罚没款缴纳凭证", "结案审批表",
    ):  # fmt: skip
        assert required in types
    assert types.count("送达回证") == 4
    names = [name for name, _ in clean.documents]
    assert names[0] == "01立案审批表.docx"
    assert {Path(n).suffix for n in names} == {".docx", ".pdf"}
    assert sorted(p.name for p in clean.path.iterdir()) == sorted([*names, SIDECAR])
    assert clean.seeded == []


def test_every_document_reads_back_with_its_title(clean):
    for name, doc_type in clean.documents:
        title = re.sub(r"（.*）$", "", Path(name).stem[2:])
        assert title == doc_type or doc_type == "送达回证"
        assert doc_type in head_lines(clean.path / name), name


def test_key_facts_read_back(clean, clean_texts):
    facts = make_facts(SEED, frozenset())
    decision = clean_texts["decision"]
    number = re.search(r"\S市监罚〔(\d{4})〕(\d+)号", decision)
    assert number and int(number.group(1)) == facts.timeline.decision.year
    fine = f"{facts.fine}元"
    for key in ("notice", "decision", "payment", "discussion", "closing"):
        assert fine in clean_texts[key], key
    assert facts.party.name in decision and facts.party.legal_rep in decision
    assert number.group(0) in clean_texts["payment"]  # the PDF voucher cites the decision
    assert number.group(0) in clean_texts["service_decision"]
    assert "十倍以上二十倍以下" in decision
    assert 10 * facts.goods.value <= facts.fine <= 20 * facts.goods.value
    assert facts.fine >= 100000  # within the hearing scope for an organisation (市场监管)
    assert "（印章）" in decision and "百分之三" in decision
    assert f"六十日内向{facts.government}申请行政复议" in decision
    assert f"六个月内直接向{facts.court}提起行政诉讼" in decision
    assert "责令当事人立即改正" in decision and "一、责令" not in decision
    assert "五个工作日内" in clean_texts["notice"]
    assert "出示" in clean_texts["inquiry"] and "回避" in clean_texts["inquiry"]
    assert clean_texts["inquiry"].count("被询问人签名") == 2
    assert "拍摄时间" in clean_texts["evidence_materials"]


def _date_after(text: str, label: str) -> dt.date:
    match = re.search(label + DATE.pattern, text)
    assert match, label
    return dt.date(*map(int, match.groups()))


def _last_date(text: str) -> dt.date:
    return dates_in(text)[-1]


def timeline_from_texts(texts: dict[str, str]) -> dict[str, dt.date]:
    """Dates as the documents state them."""
    dates = {
        "inspection": _date_after(texts["inspection"], "检查时间："),
        "filing": _date_after(texts["filing"], "立案日期　"),
        "inquiry": _date_after(texts["inquiry"], "询问时间："),
        "preserve_notice": _date_after(texts["preserve_notice"], "（印章）\n"),
        "preserve_decision": _date_after(texts["preserve_decision"], "（印章）\n"),
        "notice_served": _date_after(texts["service_notice"], "签收日期　"),
        "decision": _last_date(texts["decision"]),
        "decision_served": _date_after(texts["service_decision"], "签收日期　"),
        "payment": _date_after(texts["payment"], "缴款日期："),
    }
    if "hearing_notice" in texts:
        dates["hearing_notice_served"] = _date_after(texts["service_hearing_notice"], "签收日期　")
        dates["hearing"] = _date_after(texts["hearing_notice"], "听证时间：")
        dates["hearing_request"] = _last_date(texts["hearing_request"])
    if "legal_review" in texts:
        dates["legal_review"] = _last_date(texts["legal_review"])
    return dates


def test_working_day_periods_hold_in_the_clean_case(clean_texts):
    d = timeline_from_texts(clean_texts)
    assert d["filing"] <= d["inspection"] <= d["inquiry"]
    assert workdays_after(d["preserve_notice"], d["preserve_decision"]) <= 7
    assert workdays_after(d["notice_served"], d["hearing_request"]) <= 5
    # 听证通知: at least seven whole working days between service and the hearing
    assert workdays_after(d["hearing_notice_served"], d["hearing"]) - 1 >= 7
    assert workdays_after(d["notice_served"], d["decision"]) > 5
    assert d["hearing"] < d["legal_review"] < d["decision"]
    assert workdays_after(d["decision"], d["decision_served"]) <= 7
    assert (d["decision"] - d["filing"]).days <= 90
    assert 0 < (d["payment"] - d["decision_served"]).days <= 15
    assert all(dt.date(2025, 1, 1) <= day <= dt.date(2026, 12, 31)
               for text in clean_texts.values() for day in dates_in(text))  # fmt: skip


@pytest.mark.parametrize("seed", range(40))
def test_clean_timelines_hold_for_many_seeds(seed):
    t = make_facts(seed, frozenset()).timeline
    assert t.hearing_notice and t.hearing
    assert workdays_after(t.hearing_notice, t.hearing) - 1 >= 7
    assert workdays_after(t.notice_served, t.decision) > 5
    assert workdays_after(t.decision, t.decision_served) <= 7
    assert (t.decision - t.filing).days <= 90
    assert t.filing <= t.inspection
    assert t.closing.year <= 2026 and is_workday(t.decision)


def test_credit_code_checksum(clean_texts, defective):
    code = re.search(r"统一社会信用代码：(\w{18})", clean_texts["decision"]).group(1)
    assert credit_code_valid(code)
    assert all(credit_code_valid(make_facts(s, frozenset()).party.credit_code) for s in range(50))
    _, texts = defective["invalid_credit_code"]
    bad = re.search(r"统一社会信用代码：(\w{18})", texts["decision"]).group(1)
    assert bad[:17] == code[:17] and not credit_code_valid(bad)


# ---- seeded defects --------------------------------------------------------------------------


def test_catalogue_records_are_well_formed():
    assert len(DEFECTS) >= 19
    for defect in DEFECTS.values():
        assert defect.defect_class in DEFECT_CLASSES
        assert re.search(r"[\u4e00-\u9fff]", defect.description)
        for other in defect.conflicts:
            assert defect.id in DEFECTS[other].conflicts, (defect.id, other)


@pytest.mark.parametrize("defect_id", sorted(DEFECTS))
def test_each_defect_changes_the_text_its_sidecar_names(defect_id, defective, clean, clean_texts):
    case, texts = defective[defect_id]
    seeded = next(d for d in case.seeded if d.id == defect_id)
    assert seeded.defect_class == DEFECTS[defect_id].defect_class
    if seeded.missing:
        assert seeded.document is None
        assert seeded.doc_type not in [t for _, t in case.documents]
        assert seeded.doc_type in [t for _, t in clean.documents]
        return
    assert case.file_of(seeded.key) == seeded.document
    assert seeded.quote or seeded.removed
    if DEFECTS[defect_id].added:
        assert seeded.key not in clean_texts and seeded.quote in texts[seeded.key]
        return
    if seeded.quote:
        assert seeded.quote in texts[seeded.key]
        assert seeded.quote not in clean_texts[seeded.key]
    if seeded.removed:
        assert seeded.removed in clean_texts[seeded.key]
        assert seeded.removed not in texts[seeded.key]


@pytest.mark.parametrize("defect_id", sorted(DEFECTS))
def test_each_defect_alone_shows_in_its_document(defect_id):
    defect = DEFECTS[defect_id]
    for seed in range(12):  # in memory, so many seeds are cheap
        clean_docs = {d.key: d.text() for d in build_documents(make_facts(seed, frozenset()))[0]}
        docs, marks = build_documents(make_facts(seed, frozenset({defect_id})))
        texts = {d.key: d.text() for d in docs}
        if defect.absent:
            assert defect.document in clean_docs and defect.document not in texts
            continue
        key, quote, removed = marks.found[defect_id]
        assert key == defect.document
        if defect.added:
            assert key not in clean_docs and quote in texts[key], seed
            continue
        assert not quote or (quote in texts[key] and quote not in clean_docs[key]), seed
        assert not removed or (removed in clean_docs[key] and removed not in texts[key]), seed


def test_defective_timelines_break_the_periods(
    with_hearing_texts, hearing_free_texts, hearing_free
):
    d = timeline_from_texts(with_hearing_texts)
    assert workdays_after(d["hearing_notice_served"], d["hearing"]) - 1 < 7  # short notice
    assert workdays_after(d["decision"], d["decision_served"]) > 7  # late service
    assert (d["decision"] - d["filing"]).days > 90  # decision overdue
    assert d["filing"] > d["inquiry"]  # filed after the evidence was taken
    free = timeline_from_texts(hearing_free_texts)
    assert workdays_after(free["notice_served"], free["decision"]) <= 5  # waiting period
    assert "听证通知书" not in [t for _, t in hearing_free.documents]


def test_fine_defects_break_the_ranges(defective):
    _, texts = defective["fine_over_range"]
    facts = make_facts(SEED, frozenset(WITH_HEARING))
    assert facts.fine > 20 * facts.goods.value
    assert f"{facts.fine}元" in texts["decision"]
    assert f"{facts.fine_notified}元" not in texts["decision"]
    assert facts.fine > facts.fine_notified


def test_conflicting_or_unknown_defects_are_refused(tmp_path):
    with pytest.raises(ValueError, match="不能同时设置"):
        generate_case(tmp_path / "a", ["missing_hearing_notice", "short_hearing_notice"])
    with pytest.raises(ValueError, match="未知的缺陷编号"):
        generate_case(tmp_path / "b", ["no_such_defect"])
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


# ---- determinism, layouts, sidecar -----------------------------------------------------------


def test_generation_is_deterministic_for_a_seed(out, clean, clean_texts):
    again = generate_case(out / "again", seed=SEED)
    assert again.documents == clean.documents
    assert texts_by_key(again) == clean_texts
    other = make_facts(SEED + 1, frozenset())
    assert other.party.credit_code not in clean_texts["decision"]


def test_sidecar_lists_documents_and_defects(with_hearing):
    data = json.loads((with_hearing.path / SIDECAR).read_text(encoding="utf-8"))
    assert [(d["file"], d["doc_type"]) for d in data["documents"]] == with_hearing.documents
    assert [d["id"] for d in data["defects"]] == list(WITH_HEARING)
    by_id = {d["id"]: d for d in data["defects"]}
    assert by_id["no_seal"]["class"] == "decision.no_seal"
    assert by_id["missing_document"]["document"] is None


def test_zip_layout_holds_every_document(out, clean, clean_texts):
    case = generate_case(out / "zipped", ["no_seal"], seed=SEED, layout="zip")
    assert case.path.name == "zipped.zip" and case.sidecar.name == "zipped.seeded.json"
    unpacked = out / "unzipped"
    with zipfile.ZipFile(case.path) as archive:
        assert archive.namelist() == [name for name, _ in clean.documents]
        archive.extractall(unpacked)
    decision = file_text(unpacked / case.seeded[0].document)
    assert "（印章）" not in decision
    assert decision.replace("（印章）", "") == clean_texts["decision"].replace("（印章）", "")
    assert json.loads(case.sidecar.read_text(encoding="utf-8"))["defects"][0]["id"] == "no_seal"


def test_merged_pdf_starts_each_document_on_a_page_with_its_title(out, clean):
    case = generate_case(out / "merged", ["late_service"], seed=SEED, layout="merged-pdf")
    assert case.path.suffix == ".pdf"
    pages = pdf_pages(case.path)
    assert len(case.documents) == len(clean.documents)
    starts = [p for p in case.pages if p is not None]
    assert len(starts) == len(case.documents) and starts == sorted(set(starts))
    for (_, doc_type), start in zip(case.documents, starts, strict=True):
        assert pages[start - 1].split("\n")[0] == doc_type
    later = {p for p in range(1, len(pages) + 1)} - set(starts)
    titles = {t for _, t in case.documents}
    assert all(pages[p - 1].split("\n")[0] not in titles for p in later)
    seeded = case.seeded[0]
    service = "".join(pages[seeded.page - 1].split("\n"))
    assert seeded.quote in service and "行政处罚决定书" in service


def test_existing_output_is_never_overwritten(clean):
    with pytest.raises(FileExistsError):
        generate_case(clean.path, seed=SEED)


def test_sample_case_dir_is_generated_once(tmp_path, monkeypatch):
    monkeypatch.setattr("platformdirs.user_cache_dir", lambda app: str(tmp_path / app))
    first = sample_case_dir()
    assert (first / SIDECAR).is_file() and (first / "01立案审批表.docx").is_file()
    seeded = json.loads((first / SIDECAR).read_text(encoding="utf-8"))
    assert sorted(d["id"] for d in seeded["defects"]) == sorted(SAMPLE_DEFECTS)
    stamp = (first / "01立案审批表.docx").stat().st_mtime_ns
    assert sample_case_dir() == first
    assert (first / "01立案审批表.docx").stat().st_mtime_ns == stamp


# ---- the demo-case command -------------------------------------------------------------------


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    samples_cli.add_parser(parser.add_subparsers())
    args = parser.parse_args(["demo-case", *argv])
    return args.func(args)


def test_cli_lists_the_catalogue_in_chinese(capsys):
    assert _run(["--list"]) == 0
    printed = capsys.readouterr().out
    assert all(defect_id in printed for defect_id in DEFECTS)
    assert "缺陷" in printed and "hearing.not_notified" in printed


def test_cli_generates_and_reports_errors_in_chinese(tmp_path, capsys):
    assert _run([str(tmp_path / "c"), "--defects", "no_seal，late_service", "--seed", "2"]) == 0
    assert "植入缺陷 no_seal" in capsys.readouterr().out
    assert (tmp_path / "c" / SIDECAR).is_file()
    assert _run([str(tmp_path / "c")]) == 2
    assert "已存在" in capsys.readouterr().err
    assert _run([str(tmp_path / "d"), "--defects", "bogus"]) == 2
    assert "未知的缺陷编号" in capsys.readouterr().err
