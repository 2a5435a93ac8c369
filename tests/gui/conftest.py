"""A realistic constructed Report (invented case, invented text) and a window to load it into.

The GUI tests do not depend on the engine's readers or rules: they build the Report the engine
would return and check what the app does with it.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings

from casecheck.model import (
    Citation,
    Document,
    Element,
    Finding,
    NotChecked,
    Page,
    Report,
    Score,
)
from ui.main_window import MainWindow

FILING = (
    "立案审批表\n"
    "案由：涉嫌销售超过保质期的食品\n"
    "当事人：青禾果品贸易有限公司\n"
    "案件来源：投诉举报\n"
    "立案日期：2025年3月3日\n"
    "承办人意见：建议立案调查。承办人：周明远、韩悦\n"
)
NOTICE = (
    "行政处罚告知书\n"
    "东川市市场监督管理局\n"
    "东市监罚告〔2025〕17号\n"
    "青禾果品贸易有限公司：\n"
    "经查，你单位于2025年2月20日销售超过保质期的预包装饮料24瓶。"
    "我局拟对你单位作出罚款人民币伍万元整的行政处罚。\n"
    "你单位有权在收到本告知书之日起三日内提出陈述、申辩，并可要求举行听证。\n"
    "2025年4月8日\n"
)
# 𡈽 (U+2123D) lies outside the BMP: Qt counts it as two positions, the engine as one.
DECISION = (
    "行政处罚决定书\n"
    "东市监罚〔2025〕17号\n"
    "当事人：青禾果品贸易有限公司\n"
    "法定代表人：𡈽海川\n"
    "统一社会信用代码：91330100MA2H3K4L5X\n"
    "经查，当事人于2025年2月20日销售超过保质期的预包装饮料24瓶，货值金额480元。\n"
    "依据《中华人民共和国食品安全法》第一百二十四条第一款第（二）项，"
    "决定罚款人民币陆万元整。\n"
    "执法人员：周明远（执法证号 33010012345）、韩悦（执法证号 33010012346）\n"
    "2025年4月20日\n"
)
SERVICE = (
    "送达回证\n"
    "送达文书：行政处罚决定书 东市监罚〔2025〕17号\n"
    "受送达人：青禾果品贸易有限公司\n"
    "送达方式：直接送达\n"
    "受送达人签收：\n"
)


def span_of(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def make_finding(fid: str, severity: str, doc: str | None, text: str, needle: str | None, **kw):
    start, end = span_of(text, needle) if needle else (None, None)
    return Finding(
        id=fid,
        severity=severity,
        document=doc,
        start=start,
        end=end,
        quote=needle or "",
        **kw,
    )


def build_report() -> Report:
    documents = [
        Document(id="d1", path="青禾案/01 立案审批表.docx", text=FILING, doc_type="立案审批表",
                 type_confidence=0.97),
        Document(id="d2", path="青禾案/02 行政处罚告知书.docx", text=NOTICE,
                 doc_type="行政处罚告知书", type_confidence=0.95),
        Document(id="d3", path="青禾案/03 行政处罚决定书.docx", text=DECISION,
                 doc_type="行政处罚决定书", type_confidence=0.99),
        Document(id="d4", path="青禾案/04 送达回证.pdf", text=SERVICE, doc_type="送达回证",
                 type_confidence=0.9, pages=[Page(1, 0, len(SERVICE))]),
        Document(id="d5", path="青禾案/05 询问笔录.docx", text="", doc_type="其他材料",
                 errors=["文件已损坏，无法打开（不是有效的 Word 文档）"]),
    ]  # fmt: skip
    findings = [
        make_finding(
            "F001", "veto", "d3", DECISION, "决定罚款人民币陆万元整",
            rule_id="PEN-003", defect_class="penalty.heavier_than_notified",
            title="处罚重于告知内容", category="法律适用",
            message="决定的罚款（60000元）高于告知书拟处罚款（50000元），且未重新告知",
            legal_basis="《中华人民共和国行政处罚法》第四十四条、第四十五条",
            suggestion="按决定拟作出的处罚重新履行告知程序",
        ),
        make_finding(
            "F002", "major", "d2", NOTICE, "收到本告知书之日起三日内",
            rule_id="HEAR-002", defect_class="hearing.deadline", title="听证申请期限告知错误",
            category="程序", message="告知的听证申请期限为“三日”，应为告知后五个工作日内",
            legal_basis="《中华人民共和国行政处罚法》第六十四条第一款第（一）项",
            suggestion="将申请期限改为“收到本告知书之日起五个工作日内”",
        ),
        make_finding(
            "F003", "major", None, "", None,
            rule_id="DOC-004", defect_class="legal_review.missing", title="缺少法制审核意见书",
            category="程序", message="罚款数额较大，案卷中没有法制审核意见书",
            legal_basis="《中华人民共和国行政处罚法》第五十八条",
            suggestion="补充法制审核意见书，并确认审核早于决定",
        ),
        make_finding(
            "F004", "major", "d5", "", None,
            rule_id="INPUT-001", defect_class="input.unreadable", title="文书无法读取",
            category="归档", message="青禾案/05 询问笔录.docx 无法读取：文件已损坏",
            suggestion="重新导出或扫描该文书后再检查",
        ),
        make_finding(
            "F005", "minor", "d4", SERVICE, "受送达人签收：",
            rule_id="SERV-001", defect_class="service.defective", title="送达回证缺少签收日期",
            category="送达执行", message="送达回证没有受送达人签收和签收日期",
            legal_basis="《中华人民共和国民事诉讼法》第八十七条",
            suggestion="补充受送达人签名和签收日期", page=1,
        ),
        make_finding(
            "F006", "hint", "d3", DECISION, "𡈽海川",
            rule_id="FMT-010", defect_class="format.nonstandard", title="姓名含生僻字",
            category="文书", message="法定代表人姓名含生僻字，请核对与营业执照一致",
            suggestion="核对营业执照上的姓名写法",
        ),
        make_finding(
            "F007", "hint", "d1", FILING, "投诉举报",
            rule_id="FIL-007", defect_class="format.nonstandard", title="案件来源未写明编号",
            category="文书", message="案件来源为投诉举报，但未写明投诉举报编号",
            suggestion="写明投诉举报登记编号",
        ),
    ]  # fmt: skip

    def element(doc: str, text: str, kind: str, value: str, normalized) -> Element:
        start, end = span_of(text, value)
        return Element(doc, kind, value, normalized, start, end)

    elements = [
        element("d3", DECISION, "party_name", "青禾果品贸易有限公司", "青禾果品贸易有限公司"),
        element("d3", DECISION, "doc_number", "东市监罚〔2025〕17号", "东市监罚〔2025〕17号"),
        element("d3", DECISION, "fine_amount", "人民币陆万元整", 60000.0),
        element("d2", NOTICE, "fine_amount", "人民币伍万元整", 50000.0),
        element("d3", DECISION, "decision_date", "2025年4月20日", "2025-04-20"),
        element("d1", FILING, "filing_date", "2025年3月3日", "2025-03-03"),
        element("d3", DECISION, "officer", "周明远（执法证号 33010012345）",
                {"name": "周明远", "cert_no": "33010012345"}),
    ]  # fmt: skip
    cite_text = "《中华人民共和国食品安全法》第一百二十四条第一款第（二）项"
    start, end = span_of(DECISION, cite_text)
    citations = [
        Citation("d3", "中华人民共和国食品安全法", cite_text, 124, 1, 2, "penalty_basis",
                 start, end, status="valid"),
    ]  # fmt: skip
    return Report(
        case_path="/案卷/青禾案",
        tool_version="0.1.0",
        documents=documents,
        elements=elements,
        citations=citations,
        findings=findings,
        score=Score(standard="示例评查标准", score=72.5, grade="合格"),
        not_checked=[
            NotChecked("听证通知期限（工作日）", "2027年节假日安排尚未公布，无法计算工作日"),
        ],
    )


def part_of(case_file, doc_type: str) -> Document:
    return next(d for d in case_file.documents if d.doc_type == doc_type)


def pdf_report(case, case_file, findings=()) -> Report:
    """A Report over a generated merged PDF, as the engine's reader split it."""
    return Report(case_path=str(case.path), documents=case_file.documents, findings=list(findings))


@pytest.fixture(scope="session")
def merged(tmp_path_factory):
    """A generated case as one PDF, read and split by the engine (no NLP): (case, CaseFile)."""
    from casecheck.engine import read_case
    from casecheck.samples import generate_case

    out = tmp_path_factory.mktemp("pdf") / "禾丰案"
    case = generate_case(out, defects=["old_hearing_period"], seed=4, layout="merged-pdf")
    return case, read_case(case.path)


@pytest.fixture(autouse=True)
def user_data_dir(tmp_path, monkeypatch):
    """The app's user data (reviews, batches) in the test's own folder."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("CASECHECK_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """Message boxes the app shows, as (kind, text), instead of modal dialogs that would wait
    for a click no test gives."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda *args, _k=kind, **_kw: shown.append((_k, args[2]))
        )
    return shown


@pytest.fixture
def report() -> Report:
    return build_report()


@pytest.fixture
def window(qtbot, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "casecheck-gui.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
