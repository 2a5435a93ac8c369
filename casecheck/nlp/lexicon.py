"""The word lists of `checklists/lexicon/elements.yaml`, and the regular expressions built
from them that the element extractors share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from casecheck.resources import load_yaml


@cache
def lexicon() -> dict[str, Any]:
    return load_yaml("lexicon", "elements.yaml")


@cache
def label_re(key: str) -> re.Pattern[str]:
    """A label from the lexicon, with blanks allowed between characters and either kind of
    bracket, maybe a note in brackets (被处罚人（单位）, 住所(住址)), followed by a colon or a
    table's cell bar (「| 当事人 | 某公司 |」): captures the rest of the phrase or cell as `v`."""
    alts = []
    for label in sorted(lexicon()[key], key=len, reverse=True):
        chars = ["[（(]" if c in "（(" else "[）)]" if c in "）)" else re.escape(c) for c in label]
        alts.append(r"\s*".join(chars))
    # a note, but not a signature's (当事人（签名）： is where the party signs)
    signed = "|".join(map(re.escape, lexicon()["signature_notes"]))
    note = rf"(?:\s*[（(](?!{signed})[^）)\n]{{1,12}}[）)])?"
    value = r"(?P<v>(?:[^\n，,。；;（(|｜]|[（(][^）)\n]*[）)])*)"  # brackets may hold commas
    # a qualifier in front makes another label (现场负责人 is not the 负责人 of the party)
    qualifiers = lexicon().get("label_qualifiers", {}).get(key, [])
    not_after = "".join(rf"(?<!{re.escape(q)})" for q in qualifiers)
    # a bar on the next line opens the next row of a table, not this label's cell
    sep = r"(?:\s*[：:]|[^\S\n]*[|｜])"
    return re.compile(rf"{not_after}(?:{'|'.join(alts)}){note}{sep}\s*{value}")


def words_re(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@cache
def spaced_words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """Words that may be printed with blanks between characters (行 政 处 罚 决 定 书)."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(r"[ \u3000]*".join(map(re.escape, w)) for w in ordered))
