"""Whether a run of characters in a name slot is a person's name (or several written without a
separator): jieba's part-of-speech tags (nr…) decide, and masked names (张某某, 李**, 王×) are
names by their form. jieba is imported on first use, not when this module is imported."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from casecheck.nlp.lexicon import lexicon

# where a run stands: alone in a field's name slot, delimited in a sentence, or neither
Slot = Literal["field", "mention"] | None


@cache
def _masked() -> re.Pattern[str]:
    return re.compile(lexicon()["person_names"]["masked"])


@cache
def _tags(run: str) -> tuple[tuple[str, str], ...]:
    from jieba import posseg

    from casecheck.nlp.segmenter import configure_jieba

    configure_jieba()
    return tuple((p.word, p.flag) for p in posseg.cut(run))


def person_names(run: str, slot: Slot = None) -> list[str]:
    """The person names `run` consists of: [run] for one name, several for names written
    together (张三李四), [] when it is not a name. A run that fills a name slot on its own
    (`slot`: a field's, or a delimited place in a sentence) is also a name when it begins with
    a common surname and holds no function word (孙建华, which jieba reads 孙/zg 建华/nz) — in
    a sentence only when jieba sees a name in it (苏/j 秀英/nr, not 司机)."""
    spec = lexicon()["person_names"]
    if _masked().fullmatch(run):
        return [run]
    if slot and _surname_first(run, name_token=slot == "mention"):
        return [run]
    if not spec["min_length"] <= len(run) <= spec["max_length"] * 2:
        return []
    tokens = _tags(run)
    is_name = [flag in spec["tags"] for _, flag in tokens]
    words = [w for w, _ in tokens]
    if len(words) > 1 and all(is_name) and all(len(w) >= spec["min_length"] for w in words):
        return words if all(len(w) <= spec["max_length"] for w in words) else []
    if len(run) <= spec["max_length"] and (head := _name_head(tokens)):
        # after the name's tokens only a given name jieba did not tag: single characters
        # (王明/nr 远/a) or, after a lone surname, up to two (金/nr 婷婷/z) — no function
        # word (not 张三对…, 赵小川于…) and no word (not 张三同志); a field's slot of three
        # characters opening with a name is one (丘辉/nr 成/v)
        rest = tokens[head:]
        short = len(tokens[0][0]) == 1 and head == 1 and len(run) <= 3
        if not any(
            flag in spec["not_in_names"] or (len(word) > 1 and not short) for word, flag in rest
        ) or (slot == "field" and len(run) <= 3 and is_name[0]):
            return [run]
    return []


def _name_head(tokens: tuple[tuple[str, str], ...]) -> int:
    """How many of the first tokens form a name: 1 (张三/nr, 王明/nr of 王明远); 2 for a
    surname jieba split off (李/nr 卫东/nr, 欧阳/ns 娜娜/nrt); 0 when they are no name."""
    spec = lexicon()["person_names"]
    (first, first_flag), second_flag = tokens[0], tokens[1][1] if len(tokens) > 1 else ""
    split_off = len(first) == 1 or first_flag not in spec["tags"]  # not 张三/nr 李四/nr
    surname = len(first) <= 2 and first_flag in spec["surname_tags"] and split_off
    if surname and second_flag in spec["tags"]:
        return 2
    return 1 if first_flag in spec["tags"] else 0


def _surname_first(run: str, name_token: bool) -> bool:
    spec = lexicon()["person_names"]
    surname = run[:2] if run[:2] in spec["compound_surnames"] else run[:1]
    if surname not in spec["surnames"] and surname not in spec["compound_surnames"]:
        return False
    if not len(surname) + 1 <= len(run) <= len(surname) + 2:
        return False
    if name_token and not any(flag in spec["tags"] for _, flag in _tags(run)):
        return False
    return not any(flag in spec["not_in_names"] for _, flag in _tags(run[len(surname) :]))


def leading_names(run: str, slot: Slot = None) -> list[str]:
    """The names `run` begins with, when the text goes on without a separator (「…、王明远对
    当事人进行检查」 → [王明远]); [] when it does not begin with a name. `slot`: see
    person_names."""
    whole = person_names(run, slot)
    if whole:
        return whole
    masked = _masked().match(run)
    if masked:
        return [masked.group()]
    # the longest prefix that is a name: by jieba's tags, or beginning with a surname and
    # ending where jieba's words of the whole run end (高/a 秀英/nr | 拍摄/v)
    ends, pos = set(), 0
    for word, _ in _tags(run):
        pos += len(word)
        ends.add(pos)
    longest = min(lexicon()["person_names"]["max_length"], len(run) - 1)
    for k in range(longest, lexicon()["person_names"]["min_length"] - 1, -1):
        head = run[:k]
        if person_names(head) == [head] or (k in ends and _surname_first(head, True)):
            return [head]
    return []
