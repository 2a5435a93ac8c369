"""The wrong and the correct wording of each seeded defect, for the trainer's side-by-side."""

from __future__ import annotations

from casecheck import DEFECTS, defect_contrasts, generate_case


def test_every_defect_has_a_wrong_and_a_different_correct_wording():
    for defect_id in DEFECTS:
        (contrast,) = defect_contrasts((defect_id,), seed=100)
        assert contrast.defect == defect_id and contrast.doc_type == DEFECTS[defect_id].doc_type
        assert contrast.wrong and contrast.correct and contrast.wrong != contrast.correct
        assert contrast.wrong_spans or contrast.correct_spans


def test_the_wrong_wording_is_in_the_generated_case_and_the_difference_is_the_defect(tmp_path):
    case = generate_case(tmp_path / "案卷", defects=["old_hearing_period"], seed=3)
    (contrast,) = defect_contrasts(("old_hearing_period",), seed=3)
    notice = next(p for p in case.path.iterdir() if "告知书" in p.name and "送达" not in p.name)
    (seeded,) = case.seeded
    assert seeded.quote in contrast.wrong
    # the exercise's document holds the wrong wording (a .docx: its paragraphs' text)
    import docx

    paragraphs = "\n".join(p.text for p in docx.Document(str(notice)).paragraphs)
    assert contrast.wrong in paragraphs
    wrong = "".join(contrast.wrong[a:b] for a, b in contrast.wrong_spans)
    right = "".join(contrast.correct[a:b] for a, b in contrast.correct_spans)
    assert (wrong, right) == ("三", "五个工作")  # 三日内 → 五个工作日内


def test_text_the_defect_removed_shows_on_the_correct_side_only():
    (contrast,) = defect_contrasts(("no_seal",), seed=5)
    assert contrast.wrong_spans == []
    assert [contrast.correct[a:b] for a, b in contrast.correct_spans] == ["（印章）"]


def test_a_wrong_check_digit_is_one_character_on_each_side():
    (contrast,) = defect_contrasts(("invalid_credit_code",), seed=5)
    assert len(contrast.wrong_spans) == len(contrast.correct_spans) == 1
    assert "统一社会信用代码" in contrast.wrong and "统一社会信用代码" in contrast.correct


def test_in_a_combined_exercise_each_defect_is_contrasted_against_the_case_without_it():
    both = defect_contrasts(("old_hearing_period", "fine_over_range"), seed=11)
    assert [c.defect for c in both] == ["old_hearing_period", "fine_over_range"]
    assert "三日内" in both[0].wrong and "五个工作日内" in both[0].correct
    assert "罚款" in both[1].wrong and both[1].wrong != both[1].correct
