"""Numerals, money, ranges and percentages in Chinese legal text.

Every parser takes a captured substring and returns a value or ``None``; none raises.
cn2an is only ever called on such substrings (on whole text it corrupts words such as
统一 → 统1).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Characters that may appear in a Chinese numeral (lower-case and financial 大写 forms).
CN_NUM = "零〇○一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億"
# Numerals are bounded in length and never start inside a longer run: a run of thousands of
# digits (a hostile or garbled file) is then read in linear time, not by backtracking over
# every start and end; no sum in a case file needs more than 24 characters.
_CN = f"(?<![{CN_NUM}])[{CN_NUM}]{{1,24}}"
_AR = (
    r"(?<![0-9０-９])[0-9０-９](?:[0-9０-９]|[,，](?=[0-9０-９]{3})){0,23}"
    r"(?:[.．][0-9０-９]{1,6})?"
)
_NUM = rf"(?:{_AR}[万萬亿億千]?|{_CN})"

_TO_ASCII = str.maketrans(
    "０１２３４５６７８９．，○萬億貳參陸圓圆",
    "0123456789.,〇万亿贰叁陆元元",
)
_ARABIC_RE = re.compile(r"^(\d{1,15}(?:\.\d{1,6})?)(万|亿|千)?$")
MAX_NUMBER = 1e15  # no sum or count in a case file comes near; longer digit runs are not numbers
_SCALE = {None: 1, "千": 1_000, "万": 10_000, "亿": 100_000_000}
_CN_DIGIT = "零一二三四五六七八九"
_CN_DIGIT_UPPER = "零壹贰叁肆伍陆柒捌玖"

_MONEY_RE = re.compile(
    rf"(?:人民币|RMB)?\s*[¥￥]?\s*(?P<num>{_NUM})\s*"
    rf"(?:[（(]\s*(?P<inner>{_AR})\s*[)）]\s*)?"  # 肆万陆仟陆佰玖拾伍（46695）元
    r"(?P<unit>万[元圆]|亿[元圆]|[元圆])"  # 圆 is the 大写 form of 元
    rf"(?:(?P<jiao>[{CN_NUM}0-9])角)?(?:(?P<fen>[{CN_NUM}0-9])分)?(?:整|正)?"
    rf"|(?:人民币|RMB)?\s*[¥￥]\s*(?P<bare>{_AR})"
)
# A figure in brackets after an amount restates it, in digits or in 大写: 伍仟元整（¥5000.00）,
# 3000元（叁仟元整）.
_FIGURE_RE = re.compile(
    rf"\s*[（(]\s*(?:[大小]写[：:]?\s*)?(?:人民币|RMB)?\s*[¥￥]?\s*(?P<num>{_AR}[万]?|{_CN})\s*"
    r"(?P<unit>万[元圆]|[元圆])?(?:整|正)?\s*[)）]"
)
_QTY = rf"(?:百分之{_CN}|{_NUM}\s*[%％]|{_NUM})\s*(?:万元|亿元|元|倍)?"
_RANGE_RE = re.compile(
    rf"(?P<low>{_QTY})\s*(?:以上|至|到|[-—~～])\s*(?P<high>{_QTY})(?P<below>以下)?"
)
_BOUND_RE = re.compile(rf"(?P<qty>{_QTY})\s*(?P<side>以上|以下)")
_PERCENT_RE = re.compile(rf"^(?:百分之(?P<cn>{_CN})|(?P<ar>{_AR})\s*[%％])$")
_PERMILLE_RE = re.compile(rf"^千分之(?P<cn>{_CN})$")


@dataclass(frozen=True)
class Amount:
    """A sum of money in yuan; `figure` is the bracketed confirming figure, if any."""

    start: int
    end: int
    value: float
    text: str
    figure: float | None = None

    @property
    def figure_mismatch(self) -> bool:
        return self.figure is not None and abs(self.figure - self.value) > 0.005


@dataclass(frozen=True)
class Range:
    """A statutory range. `unit` is 元 (money) or 倍 (a multiple or share of a base amount,
    so 百分之五十 is 0.5 倍). An open side is ``None``."""

    low: float | None
    high: float | None
    unit: str = "元"
    start: int = 0
    end: int = 0
    text: str = ""

    def contains(self, value: float) -> bool:
        return (self.low is None or value >= self.low - 1e-9) and (
            self.high is None or value <= self.high + 1e-9
        )


def _normalize(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(_TO_ASCII))


def _cn2an(text: str) -> float | None:
    if not text:
        return None
    import cn2an

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = cn2an.cn2an(text, "smart")
    except Exception:  # cn2an raises ValueError, KeyError, IndexError … on odd input
        return None
    return float(value) if isinstance(value, int | float) else None


def parse_number(text: str) -> float | None:
    """A plain number: ``12,345.60``, ``1.5万``, ``伍万``, ``二〇二五``, ``两千`` → float."""
    s = _normalize(text).replace(",", "")
    if not s:
        return None
    m = _ARABIC_RE.match(s)
    if m:
        try:
            value = Decimal(m.group(1)) * _SCALE[m.group(2)]
        except InvalidOperation:
            return None
        return float(round(value, 6))
    if re.fullmatch(f"[{CN_NUM}点0-9.]+", s) and re.search(f"[{CN_NUM}]", s):
        value = _cn2an(s)
        return value if value is not None and value < MAX_NUMBER else None
    return None


def parse_int(text: str) -> int | None:
    """A Chinese or Arabic integer (``一百二十四``, ``124``, ``１２４``); strip 第/条 first."""
    value = parse_number(text)
    if value is None or value != int(value) or "." in _normalize(text):
        return None
    return int(value)


def _digit(ch: str | None) -> int:
    if not ch:
        return 0
    for table in (_CN_DIGIT, _CN_DIGIT_UPPER):
        if ch in table:
            return table.index(ch)
    return int(ch) if ch.isdigit() and ch.isascii() else 0


def parse_amount(text: str) -> float | None:
    """A sum of money in yuan: ``人民币伍万元整`` → 50000.0, ``1.5万元`` → 15000.0.

    A bracketed confirming figure is ignored here (see `find_amounts`); ranges return None.
    """
    s = _normalize(text)
    s = re.sub(r"[（(].*[)）]$", "", s)
    m = _MONEY_RE.fullmatch(s) or _MONEY_RE.fullmatch(s + "元")
    if not m:
        return None
    if m.group("bare"):
        return parse_number(m.group("bare"))
    value = parse_number(m.group("num"))
    if value is None:
        return None
    scale = {"万元": 10_000, "亿元": 100_000_000}.get(m.group("unit"), 1)
    cents = _digit(m.group("jiao")) * 10 + _digit(m.group("fen"))
    return float(round(Decimal(str(value)) * scale + Decimal(cents) / 100, 2))


def find_amounts(text: str) -> list[Amount]:
    """Every sum of money in `text`, with char offsets; a bracketed figure after an amount
    joins it (``罚款人民币伍仟元整（¥5000.00）`` is one Amount with figure 5000.0)."""
    out: list[Amount] = []
    for m in _MONEY_RE.finditer(text):
        value = parse_amount(m.group(0))
        if value is None:
            continue
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        end, figure = m.end(), None
        if m.group("inner"):
            figure = parse_amount(m.group("inner") + m.group("unit"))
        fig = _FIGURE_RE.match(text, end)
        if fig and not m.group("bare"):
            figure = parse_amount(fig.group("num") + (fig.group("unit") or "元"))
            end = fig.end()
        out.append(Amount(start, end, value, text[start:end], figure))
    # A bare ¥ figure already absorbed as a bracketed confirmation is not a second amount:
    # matches do not overlap, so only an earlier amount's figure can reach past its start.
    kept, reach = [], -1
    for amount in out:
        if amount.start >= reach:
            kept.append(amount)
        reach = max(reach, amount.end)
    return kept


def parse_percent(text: str) -> float | None:
    """``百分之三`` / ``3%`` → 0.03; ``千分之五`` → 0.005."""
    s = _normalize(text)
    m = _PERCENT_RE.match(s)
    if m:
        number = parse_number(m.group("cn") or m.group("ar"))
        return None if number is None else round(number / 100, 10)
    m = _PERMILLE_RE.match(s)
    if m:
        number = parse_number(m.group("cn"))
        return None if number is None else round(number / 1000, 10)
    return None


def _quantity(text: str, unit_hint: str | None = None) -> tuple[float, str] | None:
    """One side of a range → (value, unit) with unit 元 or 倍; `unit_hint` for a bare number."""
    s = _normalize(text)
    ratio = parse_percent(re.sub("倍$", "", s))
    if ratio is not None:
        return ratio, "倍"
    if s.endswith("倍"):
        value = parse_number(s[:-1])
        return None if value is None else (value, "倍")
    if s.endswith("元"):
        value = parse_amount(s)
        return None if value is None else (value, "元")
    if unit_hint == "元":
        value = parse_amount(s + "元")
        return None if value is None else (value, "元")
    if unit_hint == "倍":
        value = parse_number(s)
        return None if value is None else (value, "倍")
    return None


def _unit_of(text: str) -> str | None:
    s = _normalize(text)
    if s.endswith("倍") or "百分之" in s or s.endswith("%"):
        return "倍"
    if s.endswith("元"):
        return "元"
    return None


def parse_range(text: str) -> Range | None:
    """``五万元以上十万元以下`` → Range(50000, 100000, 元); ``十倍以上二十倍以下`` →
    Range(10, 20, 倍); ``一万元以下`` → Range(None, 10000); ``5000元至3万元`` → closed."""
    ranges = find_ranges(text)
    if len(ranges) == 1 and ranges[0].start == 0 and ranges[0].end == len(text.rstrip()):
        return ranges[0]
    return None


def find_ranges(text: str) -> list[Range]:
    """Every range or one-sided bound in `text` (money or multiples), with char offsets."""
    out: list[Range] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE_RE.finditer(text):
        hunit = _unit_of(m.group("high"))
        lunit = _unit_of(m.group("low")) or hunit
        if hunit is None or lunit != hunit:
            continue
        low, high = _quantity(m.group("low"), hunit), _quantity(m.group("high"), hunit)
        if not low or not high or low[1] != high[1] or low[0] > high[0]:
            continue
        out.append(Range(low[0], high[0], high[1], m.start(), m.end(), m.group(0)))
        taken.append((m.start(), m.end()))
    for m in _BOUND_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        qty = _quantity(m.group("qty"), _unit_of(m.group("qty")))
        if not qty:
            continue
        low, high = (qty[0], None) if m.group("side") == "以上" else (None, qty[0])
        out.append(Range(low, high, qty[1], m.start(), m.end(), m.group(0)))
    return sorted(out, key=lambda r: r.start)
