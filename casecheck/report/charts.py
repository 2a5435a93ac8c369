"""Charts of the batch summary as PNG bytes: the score distribution and 同案不同罚.

matplotlib is imported only when a chart is drawn. Figures are drawn through the Agg canvas
directly (no pyplot), so no GUI backend is loaded and no global backend state is changed.
Chinese labels need a font with CJK glyphs: the first system font that has them is used.
"""

from __future__ import annotations

import io
import logging
import math
import re
import statistics
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from casecheck.batch_stats import MIN_GROUP_FOR_OUTLIERS, FineGroup
from casecheck.scoring import Band, load_standard

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from casecheck.batch_stats import BatchStats

log = logging.getLogger(__name__)

CJK_SAMPLE = "案卷得分罚款同条优秀合格"  # a font must have all of these to label the charts
DPI = 150
WIDTH_IN = 7.5
MAX_FINE_ROWS = 12  # provisions beyond these are left to the tables of the report
GRADE_RAMP = ("#43a047", "#fbc02d", "#e53935")  # best grade → worst
UNSCORED_COLOR = "#9e9e9e"
POINT_COLOR, OUTLIER_COLOR = "#1565c0", "#d32f2f"
_PROVISION = re.compile(r"《(?P<law>[^》]+)》(?P<rest>.*)")


@cache
def cjk_font() -> str | None:
    """The family name of a system font with Chinese glyphs, or None (logged) when there is none."""
    from matplotlib import font_manager

    for entry in sorted(font_manager.fontManager.ttflist, key=lambda f: (f.name, f.fname)):
        try:
            font = font_manager.get_font(entry.fname)
        except (OSError, RuntimeError, ValueError):
            continue
        glyphs = {font.get_char_index(ord(c)) for c in CJK_SAMPLE}
        # distinct glyphs: fallback fonts such as Last Resort draw one box for a whole block
        if 0 not in glyphs and len(glyphs) == len(set(CJK_SAMPLE)):
            return entry.name
    log.warning("未找到含中文字形的字体，图表中的中文将无法正常显示（可安装文泉驿微米黑等字体）")
    return None


def _render(draw: Callable[[Figure], None], height_in: float) -> bytes:
    """Draw a figure with the Chinese font and return it as PNG."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = cjk_font()
    rc = {"font.family": "sans-serif", "axes.unicode_minus": False}
    if font:
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        if font is None:  # already logged once: not one warning per missing glyph
            warnings.filterwarnings("ignore", message="Glyph .* missing")
        figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        draw(figure)
        out = io.BytesIO()
        figure.savefig(out, format="png")
    return out.getvalue()


def _legend_above(ax: Axes, handles: list) -> None:
    ax.legend(
        handles=handles,
        frameon=False,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=len(handles),
    )


# ---- score distribution ---------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreBar:
    label: str  # the score band of the batch statistics, e.g. 80–89
    count: int
    grade: str | None  # the standard's grade of the band's lowest score; None: not scored


def score_bars(stats: BatchStats) -> list[ScoreBar]:
    """The score bands from low to high, then the unscored cases, each with its grade."""
    standard = load_standard(stats.standard)
    scored, unscored = [], []
    for label, count in stats.score_bands.items():
        numbers = [float(n) for n in re.findall(r"\d+", label)]
        if not numbers:
            unscored.append(ScoreBar(label, count, None))
        else:  # "a–b" starts at a; "n以下" holds scores below n
            low = numbers[0] if len(numbers) > 1 else 0.0
            scored.append((low, ScoreBar(label, count, standard.grade(low))))
    return [bar for _, bar in sorted(scored, key=lambda s: s[0])] + [b for b in unscored if b.count]


def grade_colors(stats: BatchStats) -> dict[str, str]:
    """The standard's grades from best (green) through amber to worst (red)."""
    from matplotlib.colors import LinearSegmentedColormap, to_hex

    bands = load_standard(stats.standard).bands
    cmap = LinearSegmentedColormap.from_list("grades", GRADE_RAMP)
    steps = max(len(bands) - 1, 1)
    return {b.grade: to_hex(cmap(i / steps)) for i, b in enumerate(bands)}


def score_chart(stats: BatchStats) -> bytes | None:
    """Bars of cases per score band, coloured by grade; None when no case has a score."""
    bars = score_bars(stats)
    if not any(b.count for b in bars if b.grade is not None):
        return None
    bands = load_standard(stats.standard).bands

    def draw(figure: Figure) -> None:
        colors = grade_colors(stats)
        ax = figure.add_subplot()
        x = range(len(bars))
        ax.bar(
            x,
            [b.count for b in bars],
            color=[colors[b.grade] if b.grade else UNSCORED_COLOR for b in bars],
            edgecolor="#424242",
            linewidth=0.6,
        )
        for i, bar in enumerate(bars):
            if bar.count:
                ax.annotate(str(bar.count), (i, bar.count), ha="center", va="bottom")
        ax.set_xticks(list(x), [b.label for b in bars])
        ax.set_xlabel("得分（分）")
        ax.set_ylabel("案卷数（卷）")
        ax.set_ylim(0, max(b.count for b in bars) * 1.18 + 0.5)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        from matplotlib.patches import Patch

        handles = [
            Patch(color=colors[b.grade], label=_band_label(bands, i)) for i, b in enumerate(bands)
        ]
        if any(b.grade is None for b in bars):
            handles.append(Patch(color=UNSCORED_COLOR, label="未评分"))
        _legend_above(ax, handles)

    return _render(draw, 3.6)


def _band_label(bands: tuple[Band, ...], i: int) -> str:
    """优秀（≥90分）…; the lowest band by the line above it: 不合格（<60分）."""
    band = bands[i]
    if band.min > 0 or i == 0:
        return f"{band.grade}（≥{band.min:g}分）"
    return f"{band.grade}（<{bands[i - 1].min:g}分）"


# ---- 同案不同罚 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FineRow:
    """One violated provision as drawn: its cases' fines, box on log fines and outliers."""

    label: str
    fines: list[tuple[str, float]]
    outliers: list[str]
    q1: float
    median: float
    q3: float
    box: bool  # enough cases for quartiles (the batch flags outliers from the same size on)


def short_provision(provision: str) -> str:
    """《中华人民共和国食品安全法》第122条第1款 → 食品安全法第122条第1款."""
    match = _PROVISION.fullmatch(provision)
    if not match:
        return provision
    from casecheck.laws.registry import load_registry, normalize_name

    law = load_registry().resolve_name(match["law"])
    return (law.short if law and law.short else normalize_name(match["law"])) + match["rest"]


def fine_rows(groups: list[FineGroup]) -> list[FineRow]:
    rows = []
    for group in groups[:MAX_FINE_ROWS]:
        logs = sorted(math.log(f) for _, f in group.fines)
        box = len(logs) >= MIN_GROUP_FOR_OUTLIERS
        q1, _, q3 = statistics.quantiles(logs, n=4, method="inclusive") if box else (math.nan,) * 3
        rows.append(
            FineRow(
                label=f"{short_provision(group.provision)}\n（{len(group.fines)}卷）",
                fines=list(group.fines),
                outliers=list(group.outliers),
                q1=math.exp(q1),
                median=group.median,
                q3=math.exp(q3),
                box=box,
            )
        )
    return rows


def fines_chart(groups: list[FineGroup]) -> bytes | None:
    """A strip plot of the fines per violated provision (log scale) with the quartile box and
    the outliers in red; None when no provision has two cases with a fine."""
    rows = fine_rows(groups)
    if not rows:
        return None

    def draw(figure: Figure) -> None:
        ax = figure.add_subplot()
        n = len(rows)
        for i, row in enumerate(rows):
            y = n - 1 - i  # the provision with the most cases on top
            inliers = [f for c, f in row.fines if c not in row.outliers]
            ax.hlines(y, min(inliers), max(inliers), color="#616161", linewidth=1)
            if row.box:
                ax.broken_barh(
                    [(row.q1, row.q3 - row.q1)],
                    (y - 0.22, 0.44),
                    facecolor="#e3f2fd",
                    edgecolor="#616161",
                )
            ax.vlines(row.median, y - 0.28, y + 0.28, color="#212121", linewidth=2)
            _points(ax, row, y)
        ax.set_yticks(range(n), [r.label for r in reversed(rows)])
        ax.set_ylim(-0.7, n - 0.3)
        _fine_axis(ax, [f for r in rows for _, f in r.fines])
        ax.grid(axis="x", which="major", color="#e0e0e0", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.spines[["top", "right"]].set_visible(False)
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], ls="", marker="o", color=POINT_COLOR, label="案卷罚款")]
        if any(r.outliers for r in rows):
            handles.append(Line2D([], [], ls="", marker="D", color=OUTLIER_COLOR, label="离群"))
        handles.append(
            Line2D([], [], ls="", marker="|", ms=12, mew=2, color="#212121", label="中位数")
        )
        _legend_above(ax, handles)

    return _render(draw, 1.3 + 0.75 * len(rows))


def _points(ax: Axes, row: FineRow, y: float) -> None:
    """The cases' fines, spread vertically so equal fines stay visible (one plot call per
    kind of point: a large batch draws thousands)."""
    inliers: tuple[list[float], list[float]] = ([], [])
    for k, (case, fine) in enumerate(sorted(row.fines, key=lambda cf: cf[1])):
        dy = ((k % 5) - 2) * 0.07
        if case in row.outliers:
            ax.plot(fine, y + dy, "D", color=OUTLIER_COLOR, ms=6, zorder=3)
            ax.annotate(case, (fine, y + dy), (0, 7), textcoords="offset points", ha="center")
        else:
            inliers[0].append(fine)
            inliers[1].append(y + dy)
    ax.plot(*inliers, "o", color=POINT_COLOR, alpha=0.75, ms=5, zorder=3, linestyle="none")


def _fine_axis(ax: Axes, fines: list[float]) -> None:
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    ax.set_xscale("log")
    ax.set_xlim(min(fines) / 1.6, max(fines) * 1.6)
    # within a decade 1-2-5 leaves one or two ticks: label every integer multiple then
    subs = (1.0, 2.0, 5.0) if max(fines) / min(fines) >= 10 else tuple(range(1, 10))
    ax.xaxis.set_major_locator(LogLocator(subs=subs))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _yuan(v)))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("罚款（元，对数刻度）")


def _yuan(value: float) -> str:
    return f"{value / 10000:g}万" if value >= 10000 else f"{value:g}"
