"""Penalty clauses of one 款: the penalty types it imposes and its fine ranges.

Fine shapes handled (domain-reference §9): fixed range 处X元以上Y元以下罚款, upper bound only
处Y元以下罚款, lower bound only 处X元以上罚款, and multiples of a base 货值金额N倍以上M倍以下罚款
(also 百分之N, and 倍 ranges whose base is named earlier in the sentence). Each range keeps the
short condition phrase before it (情节严重的, 货值金额不足一万元的, 对个人 …). Numerals are
read by the one numeral parser, `casecheck.nlp.numbers`, on the captured number only.
"""

from __future__ import annotations

import re
from functools import cache

from casecheck.laws.facts import PenaltyClause, PenaltyRange
from casecheck.nlp.numbers import parse_number
from casecheck.resources import load_yaml

_NUM = r"[0-9.零〇一二两三四五六七八九十百千万亿]+"
_MONEY = rf"({_NUM})(?:元|元人民币)"
_FACTOR = rf"(百分之{_NUM}|千分之{_NUM}|{_NUM}%|{_NUM}倍|等值)"
_TO = r"(?:至|到|-|—|～|~)"
_FINE = r"(?:的)?罚款"

# Order matters: a two-sided range is matched before its halves could be read as one-sided
# bounds; an exact amount (处500元罚款) only right after 处.
_RANGE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("money_fixed", re.compile(rf"{_MONEY}以上(?:、|，)?{_MONEY}以下{_FINE}")),
    ("money_fixed", re.compile(rf"{_MONEY}{_TO}{_MONEY}{_FINE}")),
    ("money_fixed", re.compile(rf"{_MONEY}以上({_NUM})以下{_FINE}")),  # 5万元以上10万以下
    ("money_fixed", re.compile(rf"({_NUM})以上{_MONEY}以下{_FINE}")),
    ("factor_fixed", re.compile(rf"{_FACTOR}以上(?:、|，)?{_FACTOR}以下{_FINE}")),
    ("factor_fixed", re.compile(rf"{_FACTOR}{_TO}{_FACTOR}{_FINE}")),
    ("factor_fixed", re.compile(rf"({_NUM}){_TO}{_FACTOR}{_FINE}")),  # 三到五倍
    ("money_upper", re.compile(rf"{_MONEY}以下{_FINE}")),
    # 处五千万元以下或者上一年度营业额百分之五以下罚款: the first of two alternative maxima
    ("money_upper", re.compile(rf"{_MONEY}以下(?=或者?[^。；，]{{0,20}}?{_FACTOR}以下{_FINE})")),
    ("factor_upper", re.compile(rf"{_FACTOR}以下{_FINE}")),
    ("money_lower", re.compile(rf"{_MONEY}以上{_FINE}")),
    ("factor_lower", re.compile(rf"{_FACTOR}以上{_FINE}")),
    ("money_exact", re.compile(rf"(?<=处){_MONEY}{_FINE}|(?<=处以){_MONEY}{_FINE}")),
    ("factor_exact", re.compile(rf"{_FACTOR}{_FINE}")),
)

# What a multiple is taken of, when the text before the factor does not say it directly.
_BASE_NOUNS = re.compile(
    r"(货值金额|违法所得|违法收入|违法经营额|销售金额|销售额|营业额|合同金额|工程合同价款|"
    r"应纳税款|税款|所需处置费用|处置费用|项目投资额|投资额|交易额|成交额|价款|金额|费用)"
)

# A fine imposed (as opposed to 罚款 named in passing, e.g. 罚款的收缴).
# 加处罚款 (the late-payment surcharge) is enforcement, 判处 is a court's, 不得/已经/尚未/不再给予
# negate or refer back, and 罚款的行政处罚/罚款数额/罚款单据 name the thing: none imposes a fine.
_NOT_IMPOSING = r"(?<!不得)(?<!已经)(?<!尚未)(?<!不再)"
_FINE_IMPOSED = re.compile(
    rf"((?<![加判])处(?!理|置|分|罚(?!款))以?|并处|{_NOT_IMPOSING}给予|予以)[^。；]{{0,60}}?"
    r"(?<!加处)罚款(?!的行政处罚|处罚|数额|决定|收缴|单据)"
)

# A penalty provision attaches a sanction to a condition (…的，由…处…) or to a person (对…处…,
# a 款 adding the fine for the managers responsible); provisions that only
# list penalty types or grant the power to set them (设定) are not penalty clauses.
_IMPOSES = re.compile(
    r"(的[，,]|^对)[^。\n]*?(处(?!理|置|分|罚(?!款))|给予|予以|规定处罚|没收(?!的)|吊销|责令|暂扣|降低|限制|拘留)"
)
_SETS_POWER = re.compile(r"设定")


@cache
def _type_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Penalty types in the order of 行政处罚法第九条, each with how a statute names it
    (`checklists/lexicon/penalty_types.yaml`); 罚款 is the fine this module parses."""
    data = load_yaml("lexicon", "penalty_types.yaml")
    named = data["statute_patterns"]
    return tuple(
        (t["type"], _FINE_IMPOSED if t["type"] == "罚款" else re.compile(named[t["type"]]))
        for t in data["types"]
        if t["type"] == "罚款" or t["type"] in named
    )


# A fine per day, per person, per item …: the article gives a rate, not a range.
_PER_UNIT = re.compile(r"按日|每日|每[^。；，]{0,12}(日|天|月|人|名|件|台|辆|吨|亩|平方米)")
_PER_UNIT_REASON = "按日、按人数等计量单位计罚，无固定幅度"

_CLAUSE_SPLIT = re.compile(r"[；。;：:]")
_SEGMENT_SPLIT = re.compile(r"[，,]")
_MAX_CONDITION = 40
_MAX_BASE = 25


def parse_quantity(text: str) -> float:
    """A captured numeral (五万, 1.5万, 二千, 5000, 百分之五十, 10%, 三倍, 等值) as a number (a
    factor for percentages and multiples); raises ValueError if unreadable."""
    if text == "等值":
        return 1.0
    divisor = 1
    for prefix, by in (("百分之", 100), ("千分之", 1000)):
        if text.startswith(prefix):
            text, divisor = text[len(prefix) :], by
    if text.endswith("%"):
        text, divisor = text[:-1], 100
    value = parse_number(text.removesuffix("倍"))
    if value is None:
        raise ValueError(f"unreadable numeral {text!r}")
    return value / divisor


def _condition(before: str) -> str:
    """The condition phrase in the clause before a range: the nearest comma segments that end in
    的 (情节严重的) or start with 对 (对个人), nearest first in reading order."""
    clause = _CLAUSE_SPLIT.split(before)[-1]
    segments = [s.strip() for s in _SEGMENT_SPLIT.split(clause)]
    current = segments.pop()
    if current.startswith("对"):  # 对个人处…: the subject in the range's own segment
        return re.sub(r"(可以)?(并处|处以|处)$", "", current)[:_MAX_CONDITION]
    picked: list[str] = []
    for seg in reversed(segments):
        if seg.endswith("的") or seg.startswith("对"):
            picked.insert(0, seg)
            if seg.endswith("的"):
                break
        elif picked:
            break
    text = "，".join(picked)
    return text if len(text) <= _MAX_CONDITION else "…" + text[-_MAX_CONDITION:]


def _base(before: str) -> str | None:
    """What a multiple is taken of: the words between the last 处 and the factor, else the last
    base noun named earlier in the sentence."""
    tail = re.split(r"处以|并处|处|罚款|，|；|。", before)[-1].strip()
    tail = re.sub(r"^.*?(以下|以上)或者?|^.*[)）]", "", tail)  # 五千万元以下或者营业额 …
    tail = tail.removeprefix("以").removeprefix("相当于").removesuffix("的").strip()
    if tail and len(tail) <= _MAX_BASE:
        return tail
    sentence = re.split(r"[。]", before)[-1]
    nouns = _BASE_NOUNS.findall(sentence)
    return nouns[-1] if nouns else (tail or None)


def _ranges(text: str, paragraph: int) -> tuple[list[PenaltyRange], list[str]]:
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, PenaltyRange]] = []
    problems: list[str] = []
    for kind, pattern in _RANGE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            try:
                values = [parse_quantity(g) for g in m.groups() if g is not None]
            except ValueError:
                problems.append(f"数额无法识别：{m.group(0)}")
                continue
            before = text[: m.start()]
            if _PER_UNIT.search(re.split(r"[，；。]", before)[-1]):
                problems.append(_PER_UNIT_REASON)
                continue
            low, high = {
                "fixed": (values[0], values[-1]),
                "upper": (None, values[0]),
                "lower": (values[0], None),
                "exact": (values[0], values[0]),
            }[kind.split("_")[1]]
            base = _base(before) if kind.startswith("factor") else None
            if kind.startswith("factor") and base is None:
                problems.append(f"倍数罚款未写明基数：{m.group(0)}")
                continue
            found.append((m.start(), PenaltyRange(paragraph, low, high, base, _condition(before))))
    return [r for _, r in sorted(found, key=lambda x: x[0])], problems


def _unparsed_reason(text: str) -> str:
    if _PER_UNIT.search(text):
        return _PER_UNIT_REASON
    if re.search(r"(依照|按照|依据)[^。；]{0,40}(规定|条)[^。；]{0,10}(处罚|罚款)", text):
        return "罚款幅度引用其他条款或法律"
    if re.search(r"罚款[^。；]{0,6}(数额|标准)[^。；]{0,20}(规定|确定)", text):
        return "罚款数额由其他规定确定"
    return "条文未写明罚款数额或幅度"


def parse_clause(text: str, paragraph: int) -> PenaltyClause | None:
    """The penalty clause of one 款 (its text including its 项), or None if it imposes none."""
    if not _IMPOSES.search(text) or _SETS_POWER.search(text):
        return None
    types = tuple(name for name, pattern in _type_patterns() if pattern.search(text))
    ranges, problems = _ranges(text, paragraph) if "罚款" in text else ([], [])
    if ranges and "罚款" not in types:
        types = (*types, "罚款")
    if not types:
        return None
    unparsed = None
    if "罚款" in types and not ranges:
        unparsed = "；".join(dict.fromkeys(problems)) if problems else _unparsed_reason(text)
    return PenaltyClause(paragraph, types, tuple(ranges), unparsed)
