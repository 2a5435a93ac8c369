"""A document as the generator builds it: plain paragraphs and tables, rendered later to
.docx or .pdf; plus the marks that tie each seeded defect to the text it changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

import cn2an

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Para:
    text: str
    align: Align = "left"
    bold: bool = False


@dataclass(frozen=True)
class Table:
    rows: list[list[str]]


@dataclass
class TextDoc:
    """One document of the case file. `authority` is the line above the title ("" for none)."""

    key: str
    doc_type: str
    title: str
    authority: str
    blocks: list[Para | Table]
    fmt: Literal["docx", "pdf"] = "docx"
    label: str = ""  # added to the file name to tell documents of one type apart

    @property
    def file_stem(self) -> str:
        return self.title + (f"（{self.label}）" if self.label else "")

    def body_lines(self) -> list[str]:
        """Paragraph texts and table rows (cells joined by a full-width space), in order."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Para):
                lines.append(block.text)
            else:
                lines.extend("　".join(row) for row in block.rows)
        return lines

    def text(self) -> str:
        head = [self.authority] if self.authority else []
        return "\n".join([*head, self.title, *self.body_lines()])


@dataclass
class Marks:
    """Where each active defect shows in the text: `quote` is added text a finding must point
    at, `removed` is text of the clean case that the defect took out."""

    defects: frozenset[str]
    found: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def mark(self, defect: str, doc_key: str, quote: str = "", removed: str = "") -> None:
        if defect in self.defects:
            self.found[defect] = (doc_key, quote, removed)


def day(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def money(amount: int) -> str:
    return f"人民币{cn2an.an2cn(amount, 'rmb')}（{amount}元）"


def body(*texts: str) -> list[Para | Table]:
    return [Para(t) for t in texts]


def sign(*texts: str) -> list[Para | Table]:
    return [Para(t, "right") for t in texts]
