"""培训模式: grading marks against findings, the quiz on a constructed report, and the real
engine on generated cases with seeded defects."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from tests.gui.conftest import DECISION, NOTICE, SERVICE, span_of
from ui.quiz import Mark, grade
from ui.trainer import TrainerWindow, exercise_library


@pytest.fixture
def trainer(qtbot, tmp_path):
    win = TrainerWindow(folder=tmp_path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def mark(doc: str, text: str, needle: str) -> Mark:
    start, end = span_of(text, needle)
    return Mark(doc, start, end, needle)


# (marks, expected hit finding ids, expected missed ids, expected false quotes)
GRADING = [
    ([], [], ["F001", "F002", "F003", "F004", "F005", "F006", "F007"], []),
    ([mark("d2", NOTICE, "三日内")], ["F002"], ["F001", "F003", "F004", "F005", "F006", "F007"],
     []),
    # A wider mark still overlaps; a mark in another document with the same offsets does not.
    ([mark("d3", DECISION, "决定罚款人民币陆万元整。"), mark("d1", NOTICE, "三日内")],
     ["F001"], ["F002", "F003", "F004", "F005", "F006", "F007"], ["三日内"]),
    ([mark("d4", SERVICE, "直接送达")], [], ["F001", "F002", "F003", "F004", "F005", "F006",
     "F007"], ["直接送达"]),
]  # fmt: skip


@pytest.mark.parametrize(("marks", "hits", "misses", "false"), GRADING)
def test_grading(report, marks, hits, misses, false):
    result = grade(marks, report.findings)
    assert [f.id for _, f in result.hits] == hits
    assert [f.id for f in result.misses] == misses
    assert [m.quote for m in result.false_marks] == false


def test_summary_counts_findings_not_marks(report):
    twice = [mark("d2", NOTICE, "三日内"), mark("d2", NOTICE, "收到本告知书")]
    assert grade(twice, report.findings).summary() == "命中 1 / 7 个问题，漏判 6 个，误判 0 处"


def test_the_library_has_an_exercise_per_defect_with_valid_combinations():
    from casecheck.samples import DEFECTS
    from casecheck.samples.defects import check_combination

    exercises = exercise_library()
    assert [e.defects[0] for e in exercises] == list(DEFECTS)
    for exercise in exercises:
        assert check_combination(exercise.defects) == list(exercise.defects)
    assert any(len(e.defects) == 2 for e in exercises)
    assert len({e.seed for e in exercises}) == len(exercises)


def select_text(view, start: int, end: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._offsets.to_qt(start))
    cursor.setPosition(view._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def mark_text(quiz, doc_id: str, needle: str) -> bool:
    quiz.show_document(doc_id)
    doc = quiz.current_document()
    start = doc.text.index(needle)
    select_text(quiz.view, start, start + len(needle))
    return quiz.mark_selection()


def test_quiz_hides_findings_until_reveal(trainer, report):
    quiz = trainer.quiz
    quiz.load(report)
    quiz.show_document("d3")
    assert quiz.view._findings == []  # nothing tinted, nothing clickable
    assert "F001" not in quiz.results.toPlainText()
    assert mark_text(quiz, "d2", "三日内")
    assert mark_text(quiz, "d4", "直接送达")
    assert [quiz.mark_list.item(r).text() for r in range(quiz.mark_list.count())] == [
        "行政处罚告知书：三日内",
        "送达回证：直接送达",
    ]
    result = quiz.reveal()
    assert quiz.status.text() == "命中 1 / 7 个问题，漏判 6 个，误判 1 处"
    shown = quiz.results.toPlainText()
    assert "命中（1）" in shown and "漏判（6）" in shown and "误判（1）" in shown
    assert "告知的听证申请期限为“三日”，应为告知后五个工作日内" in shown  # the rule explains
    assert "“直接送达”（送达回证（04 送达回证.pdf））：此处没有检出问题。" in shown
    assert "无法在原文中标记" in shown  # F003, a missing document
    assert next(f.id for f in result.misses) == "F001"
    assert not quiz.mark_button.isEnabled() and not quiz.reveal_button.isEnabled()
    quiz.show_document("d3")
    assert {f.id for f in quiz.view._findings} == {"F001", "F006"}  # now shown


def test_marking_needs_a_selection(trainer, report):
    quiz = trainer.quiz
    quiz.load(report)
    quiz.show_document("d1")
    assert not quiz.mark_selection()
    assert quiz.status.text().startswith("请先在原文中选中")
    assert quiz.marks == []


def test_a_mark_can_be_removed(trainer, report):
    quiz = trainer.quiz
    quiz.load(report)
    mark_text(quiz, "d2", "三日内")
    quiz.mark_list.setCurrentRow(0)
    quiz.remove_mark()
    assert quiz.marks == [] and quiz.mark_list.count() == 0


@pytest.mark.slow
def test_quiz_and_demo_on_generated_cases(qtbot, trainer):
    """The real engine: exercise with a seeded defect, then the demo for one defect class."""
    quiz = trainer.quiz
    exercise = next(e for e in exercise_library() if e.defects[0] == "old_hearing_period")
    quiz.start(exercise)
    qtbot.waitUntil(lambda: quiz.report is not None and not trainer.loader.busy(), timeout=180_000)
    target = next(f for f in quiz.report.findings if f.defect_class == "hearing.deadline")
    doc = next(d for d in quiz.report.documents if d.id == target.document)
    assert mark_text(quiz, doc.id, doc.text[target.start : target.end])
    result = quiz.reveal()
    assert target in [f for _, f in result.hits]
    assert result.false_marks == []
    shown = quiz.results.toPlainText()
    assert "错误写法（本案卷）" in shown and "三日内" in shown and "五个工作日内" in shown

    demo = trainer.demo
    row = next(
        r for r in range(demo.classes.count())
        if demo.classes.item(r).data(0x0100).id == "late_service"
    )  # fmt: skip
    demo.classes.setCurrentRow(row)
    qtbot.waitUntil(lambda: demo.finding is not None, timeout=180_000)
    assert demo.finding.defect_class == "deadline.overdue"
    assert demo.view.selected_span() == (demo.finding.start, demo.finding.end)
    assert "处罚决定书在作出后超过七个工作日才送达" in demo.explanation.toPlainText()
    assert "正确写法" in demo.explanation.toPlainText()  # the wrong date beside the right one


def test_exercises_are_named_by_document_and_defect_class_in_chinese():
    from casecheck.labels import DEFECT_CLASS_LABELS
    from casecheck.model import DEFECT_CLASSES
    from casecheck.samples import DEFECTS

    assert set(DEFECT_CLASS_LABELS) == set(DEFECT_CLASSES)
    for n, exercise in enumerate(exercise_library(), 1):
        first = DEFECTS[exercise.defects[0]]
        assert exercise.title.startswith(f"练习 {n}：{first.doc_type} · ")
        assert DEFECT_CLASS_LABELS[first.defect_class] in exercise.title
        assert "." not in exercise.title.split("：", 1)[1]  # no code keys


def test_retry_clears_marks_and_hides_the_findings_again(trainer, report):
    quiz = trainer.quiz
    quiz.load(report)
    quiz.show_document("d2")
    start, end = span_of(NOTICE, "三日内")
    cursor = quiz.view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    quiz.view.setTextCursor(cursor)
    assert quiz.mark_selection()
    quiz.reveal()
    assert not quiz.mark_button.isEnabled()
    quiz.retry_button.click()
    assert quiz.marks == [] and quiz.result is None
    assert quiz.mark_button.isEnabled() and quiz.results.toPlainText() == ""


def test_a_missed_finding_is_shown_in_the_text_when_clicked(trainer, report):
    from PySide6.QtCore import QUrl

    quiz = trainer.quiz
    quiz.load(report)
    quiz.reveal()
    assert "在原文中查看" in quiz.results.toPlainText()
    quiz.results.anchorClicked.emit(QUrl("finding:F005"))
    assert quiz.current_document().id == "d4"
    assert quiz.view.selected_span() == span_of(SERVICE, "受送达人签收：")


def test_an_exercise_asked_for_again_while_it_is_made_is_delivered_once(qtbot, trainer, report):
    import threading

    import ui.workers

    release = threading.Event()
    made = []

    def slow(folder, defects, seed):
        made.append(defects)
        release.wait(10)
        return report

    loader = trainer.quiz.loader
    first, second = exercise_library()[:2]
    original = ui.workers.generate_and_check
    ui.workers.generate_and_check = slow
    try:
        trainer.quiz.start(first)
        trainer.quiz.start(second)
        trainer.quiz.start(first)  # back to the first while it is still being made
        release.set()
        qtbot.waitUntil(lambda: trainer.quiz.report is report, timeout=10_000)
        assert loader.pool.waitForDone(10_000)
        qtbot.wait(50)
    finally:
        ui.workers.generate_and_check = original
    assert made.count(first.defects) == 1  # not made twice
    assert not loader.busy()
    assert "正在准备" not in trainer.quiz.status.text()


def test_reveal_sets_the_wrong_wording_beside_the_correct_one(trainer, report):
    from PySide6.QtGui import QTextTableCell

    from ui.trainer import Exercise

    quiz = trainer.quiz
    quiz.load(report)
    quiz.exercise = Exercise("练习", ("old_hearing_period",), seed=3)
    quiz.reveal()
    document = quiz.results.document()
    cursor = document.find("错误写法（本案卷）")
    table = cursor.currentTable()
    assert table is not None and table.columns() == 2  # side by side, not one after the other
    cells: list[QTextTableCell] = [table.cellAt(1, 0), table.cellAt(1, 1)]
    wrong, right = (
        document.toPlainText()[
            c.firstCursorPosition().position() : c.lastCursorPosition().position()
        ]
        for c in cells
    )
    assert "三日内" in wrong and "五个工作日内" not in wrong
    assert "五个工作日内" in right and "三日内" not in right
    # the differing words are tinted on each side
    html = quiz.results.toHtml()
    assert "#ffcdd2" in html and "#c8e6c9" in html
