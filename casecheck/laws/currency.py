"""How current the law facts are (checklists/laws/currency.yaml): the date they were last
reviewed to, and the laws changed after the statute files they were imported from.

A citation of a law changed in a way the facts do not hold (only its article count is known,
or nothing at all, as for a code that may replace it) is 未核对 from the change's 施行 date,
never silently valid; a case decided after `current_to` is told that later changes are not
in the facts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from casecheck.laws.registry import normalize_name
from casecheck.resources import load_yaml

CHANGED_AFTER = "未核对（该法在法律数据日期之后有修改）"


@dataclass(frozen=True)
class LawChange:
    """One law changed after the statute files, and what the facts hold of it."""

    law: str
    version: str
    effective: dt.date | None
    facts: str  # articles | count | none
    verified: bool
    source: str
    notes: str = ""
    affects: tuple[str, ...] = ()

    @property
    def affected(self) -> tuple[str, ...]:
        return self.affects or (self.law,)

    def note(self) -> str:
        """Why a citation of an affected law is not checked (Chinese)."""
        when = f"{self.effective.isoformat()}起施行" if self.effective else "施行日期不明"
        what = "条文未收录" if self.facts == "count" else "条文及其取代的法律未收录"
        check = "" if self.verified else "，未经官方文本核实"
        return f"{CHANGED_AFTER}：《{self.law}》{when}，{what}{check}"


@dataclass(frozen=True)
class Currency:
    current_to: dt.date
    statute_files: dt.date
    changes: tuple[LawChange, ...] = field(default_factory=tuple)

    def unheld_change(self, names: set[str], on: dt.date) -> LawChange | None:
        """The change in force on `on` whose text the facts do not hold (facts `count` or
        `none`) and that affects a law known by one of `names` (normalized)."""
        for change in self.changes:
            if change.facts == "articles" or change.effective is None or on < change.effective:
                continue
            if names & {normalize_name(n) for n in change.affected}:
                return change
        return None

    def notes(self, decided: dt.date | None) -> list[str]:
        """Report-level notes on the law facts' date for a case decided on `decided`."""
        if decided is None or decided <= self.current_to:
            return []
        return [
            f"决定日期{decided.isoformat()}晚于法律数据日期{self.current_to.isoformat()}："
            "此后修改的法律未收录，引用按已收录的文本核对；请用 casecheck laws import 导入新文本"
        ]


# Whitespace that YAML folding leaves between two Chinese characters.
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def _folded(value: Any) -> str:
    return _CJK_GAP.sub("", " ".join(str(value or "").split()))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


@cache
def load_currency() -> Currency:
    data = load_yaml("laws", "currency.yaml") or {}
    changes = tuple(
        LawChange(
            law=c["law"],
            version=str(c.get("version", "")),
            effective=_date(c.get("effective")),
            facts=c.get("facts", "none"),
            verified=bool(c.get("verified", False)),
            source=_folded(c.get("source", "")),
            notes=_folded(c.get("notes", "")),
            affects=tuple(c.get("affects", ())),
        )
        for c in data.get("changes", ())
    )
    current_to = _date(data.get("current_to")) or dt.date.min
    return Currency(current_to, _date(data.get("statute_files")) or current_to, changes)
