"""Charts of the batch summary: PNGs with Chinese labels, the outlier drawn in red, and both
charts embedded with captions in the Word summary of a small generated batch."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import docx
import pytest
from PIL import Image

from casecheck.batch import DOCX_NAME, run_batch
from casecheck.batch_stats import BatchStats, CaseSummary, FineGroup, fine_groups, summarise
from casecheck.engine import CheckOptions
from casecheck.model import Citation, Document, Element, Report
from casecheck.report import charts
from casecheck.report.docx_report import write_batch_docx
from casecheck.samples import generate_case
from casecheck.scoring import assess

FOOD_LAW = "中华人民共和国食品安全法"
OUTLIER_RGB = (0xD3, 0x2F, 0x2F)  # charts.OUTLIER_COLOR


def _stats(bands: dict[str, int], groups: list[FineGroup]) -> BatchStats:
    cases = sum(bands.values())
    return BatchStats("generic", cases, {}, bands, [], [], groups, [])


BANDS = {"90–100": 3, "80–89": 1, "70–79": 0, "60–69": 1, "60以下": 2, "未评分": 1}


def _case(name: str, fine: float, law: str = FOOD_LAW, article: int = 122) -> CaseSummary:
    doc = Document(id="D01", path="决定书.docx", doc_type="行政处罚决定书")
    report = Report(
        case_path=name,
        documents=[doc],
        elements=[Element("D01", "fine_amount", f"{fine:g}元", fine, 0, 1)],
        citations=[Citation("D01", law, f"《{law}》", article, role="violated")],
    )
    return summarise(name, Path(name), report, assess(report))


@pytest.fixture(scope="module")
def groups() -> list[FineGroup]:
    """Five cases under one provision, one fined twenty times the others; two under another."""
    return fine_groups(
        [
            _case("甲", 10000),
            _case("乙", 12000),
            _case("丙", 11000),
            _case("丁", 9000),
            _case("戊", 200000),
            _case("己", 3000, "食品生产许可管理办法", 52),
            _case("庚", 8000, "食品生产许可管理办法", 52),
        ]
    )


def _png(data: bytes | None) -> Image.Image:
    assert data is not None and data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def _has_color(image: Image.Image, rgb: tuple[int, int, int], tolerance: int = 12) -> bool:
    return any(
        all(abs(a - b) <= tolerance for a, b in zip(pixel, rgb, strict=True))
        for _, pixel in image.getcolors(maxcolors=1 << 20)
    )


def test_a_font_with_chinese_glyphs_is_found():
    font = charts.cjk_font()
    assert font is not None  # fonts-wqy-microhei on this machine and in CI
    from matplotlib import font_manager

    path = font_manager.findfont(font, fallback_to_default=False)
    glyphs = {font_manager.get_font(path).get_char_index(ord(c)) for c in "同案不同罚"}
    assert len(glyphs) == 4 and 0 not in glyphs  # 同 twice: one glyph each for four characters


def test_score_bars_run_low_to_high_with_the_standards_grades():
    bars = charts.score_bars(_stats(BANDS, []))
    assert [(b.label, b.count, b.grade) for b in bars] == [
        ("60以下", 2, "不合格"),
        ("60–69", 1, "合格"),
        ("70–79", 0, "合格"),
        ("80–89", 1, "合格"),
        ("90–100", 3, "优秀"),
        ("未评分", 1, None),
    ]
    no_unscored = charts.score_bars(_stats({**BANDS, "未评分": 0}, []))
    assert [b.label for b in no_unscored][-1] == "90–100"


def test_score_chart_is_a_png_coloured_by_grade():
    image = _png(charts.score_chart(_stats(BANDS, [])))
    assert image.width == charts.WIDTH_IN * charts.DPI and 300 < image.height < image.width
    colors = charts.grade_colors(_stats(BANDS, []))
    assert list(colors) == ["优秀", "合格", "不合格"]
    for hex_color in colors.values():
        rgb = tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
        assert _has_color(image, rgb, tolerance=2)


@pytest.mark.parametrize(
    ("provision", "label"),
    [
        ("《中华人民共和国食品安全法》第122条第1款", "食品安全法第122条第1款"),
        ("《食品安全法》第124条", "食品安全法第124条"),
        ("《某某市市容管理条例》第8条", "某某市市容管理条例第8条"),  # unknown law: as written
        ("第8条", "第8条"),
    ],
)
def test_provisions_are_labelled_by_short_law_name(provision, label):
    assert charts.short_provision(provision) == label


def test_fine_rows_keep_the_outlier_and_quartiles(groups):
    food, licence = charts.fine_rows(groups)
    assert food.label == "食品安全法第122条\n（5卷）" and food.outliers == ["戊"]
    assert food.box and 9000 <= food.q1 <= food.median == 11000 <= food.q3 <= 12000
    assert licence.label == "食品生产许可管理办法第52条\n（2卷）"
    assert not licence.box and licence.outliers == []


def test_the_outlier_is_drawn_in_red(groups):
    with_outlier = _png(charts.fines_chart(groups))
    assert with_outlier.width == charts.WIDTH_IN * charts.DPI
    assert _has_color(with_outlier, OUTLIER_RGB)
    [licence] = [g for g in groups if not g.outliers]
    assert not _has_color(_png(charts.fines_chart([licence])), OUTLIER_RGB)
    assert _png(charts.fines_chart([licence])).height < with_outlier.height  # one row, not two


def test_nothing_to_chart():
    assert charts.score_chart(_stats({"未评分": 2}, [])) is None
    assert charts.fines_chart([]) is None


def test_without_a_chinese_font_the_chart_is_drawn_and_a_warning_logged(monkeypatch, caplog):
    from matplotlib import font_manager

    latin = [f for f in font_manager.fontManager.ttflist if f.name.startswith("DejaVu")]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin)
    charts.cjk_font.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger=charts.__name__):
            _png(charts.score_chart(_stats(BANDS, [])))
    finally:
        charts.cjk_font.cache_clear()
    assert "未找到含中文字形的字体" in caplog.text


def _word(path: Path) -> tuple[list[str], int]:
    word = docx.Document(str(path))
    return [p.text for p in word.paragraphs], len(word.inline_shapes)


def test_summary_without_anything_to_chart_says_so(tmp_path):
    paragraphs, pictures = _word(write_batch_docx(_stats({"未评分": 1}, []), tmp_path / "s.docx"))
    assert pictures == 0
    assert "没有已评分的案卷，不绘制得分分布图。" in paragraphs
    assert "没有两卷以上引用同一违法条款并载明罚款的案卷。" in paragraphs


@pytest.fixture(scope="module")
def generated_batch(tmp_path_factory):
    """Four generated cases: the seeds vary the fine, all cite the same violated provision."""
    root = tmp_path_factory.mktemp("charts")
    for n, defects in enumerate(((), ("no_seal",), (), ("fine_over_range",))):
        generate_case(root / "in" / f"case-{n}", defects=defects, seed=40 + n)
    return run_batch(root / "in", root / "out", CheckOptions(), jobs=2), root / "out"


def test_batch_summary_embeds_both_charts_with_captions(generated_batch):
    result, out = generated_batch
    [group] = result.stats.fine_groups
    assert len(group.fines) == 4 and group.low < group.high  # same provision, different fines
    word = docx.Document(str(out / DOCX_NAME))
    assert len(word.inline_shapes) == 2
    section = word.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert all(0 < shape.width <= text_width for shape in word.inline_shapes)
    texts = [p.text for p in word.paragraphs]
    score_caption = next(i for i, t in enumerate(texts) if t.startswith("图1 案卷得分分布"))
    fines_caption = next(i for i, t in enumerate(texts) if t.startswith("图2 同一违法条款"))
    assert texts.index("一、得分分布") < score_caption < texts.index("二、常见问题")
    assert texts.index("四、同案不同罚") < fines_caption < texts.index(group.provision)
    for caption in (score_caption, fines_caption):  # the picture sits just above its caption
        assert word.paragraphs[caption - 1]._p.xpath(".//pic:pic")


def test_a_large_fine_group_lists_its_outliers_and_extremes_only():
    from casecheck.report.docx_report import MAX_LISTED, _listed_fines

    fines = [(f"案{n:03d}", 1000.0 + n) for n in range(100)] + [("离群甲", 90000.0)]
    group = FineGroup("《某法》第1条", fines, outliers=["离群甲"])
    listed = _listed_fines(group)
    assert len(listed) <= MAX_LISTED
    names = [name for name, _ in listed]
    assert {"离群甲", "案000"} <= set(names)
    assert [fine for _, fine in listed] == sorted(fine for _, fine in listed)
