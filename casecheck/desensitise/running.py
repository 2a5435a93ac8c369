"""Person names in running text that no label marks (「经询问，张建国承认」, 「由刘芳陪同」), for
desensitising: the words jieba tags as person names (nr, nrt, nrfg; a lone surname followed by
a name is joined: 刘/zg 红梅/nr), kept when they read as a person of the case and not as part of
something else. The filters are data (`running_text_names` of
checklists/lexicon/desensitise.yaml) and were measured with
tests/benchmarks/bench_person_names.py:

- two or three characters, opening with a common surname (checklists/lexicon/elements.yaml);
- not a word of jieba's dictionary common enough to be an ordinary word it tags nr (许可,
  张贴, 高新区), nor opening with one (顾问费, 冷藏柜: a surname and a given name make no
  common word); not opening with a surname that is also a function word (时立信, 向鑫合), not
  ending with a place's ending (金桥镇) nor followed by one (澄渊/nr 市);
- standing alone where it occurs: a word glued to a noun, a number, an organisation or a
  document number, inside a longer quoted name or between amount numerals is part of a place,
  product, brand or amount (马呼屯种子, 牛腩38元, 建设银行吴山支行, 林草罚决〔2025〕,
  “白马湖和院”, 陆万贰仟); a word found so more often than standing alone in the case file
  is no name anywhere (jieba's tags err now and then: 孟秀芝/nr 证实/n);
- no part of another name (丘辉 of 丘辉成).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

from casecheck.desensitise.wordlists import words
from casecheck.nlp.lexicon import lexicon

_QUOTED = re.compile(r"“([^”\n]{1,30})”")


@cache
def _document_number() -> re.Pattern[str]:
    return re.compile(words()["running_text_names"]["not_before_text"])


def running_text_names(
    texts: Iterable[str], known: set[str], is_person: Callable[[str], bool]
) -> set[str]:
    """The names in the documents' `texts` no label marks; `known`: the person names found
    otherwise; `is_person`: the test a field's value passes to be a name."""
    from jieba import posseg

    from casecheck.nlp.segmenter import configure_jieba

    configure_jieba()
    alone: Counter[str] = Counter()
    glued: Counter[str] = Counter()
    for line in (line for text in texts for line in text.splitlines()):
        tokens = [(t.word, t.flag) for t in posseg.cut(line)]
        for word, stands_alone in _candidates(line, tokens, posseg.dt.tokenizer.FREQ):
            (alone if stands_alone else glued)[word] += 1
    names = {word for word, n in alone.items() if n >= glued[word]}
    return {
        word
        for word in names
        if not any(word in name and word != name for name in known | names) and is_person(word)
    }


def _candidates(
    line: str, tokens: list[tuple[str, str]], frequency: dict[str, int]
) -> list[tuple[str, bool]]:
    """(word, stands alone) of each name-shaped word jieba tags a name in `line`."""
    spec, rules = lexicon()["person_names"], words()["running_text_names"]
    places, function_words = words()["place_endings"], words()["function_surnames"]
    low, high = rules["length"]
    common = rules["common_word_frequency"]
    ends = list(itertools.accumulate(len(w) for w, _ in tokens))
    quoted = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(line)]
    out = []
    for i, (word, flag) in enumerate(tokens):
        if flag not in spec["tags"] or (frequency.get(word) or 0) >= common:
            continue
        start, first = ends[i] - len(word), i
        lone = tokens[i - 1][0] if i else ""
        joins = len(lone) == 1 and lone in spec["surnames"] and lone not in function_words
        if joins and len(word) <= high - 1:  # 刘/zg 红梅/nr, not 向/p 澄渊/nr
            word, start, first = lone + word, start - 1, i - 1
        surname = word[:2] if word[:2] in spec["compound_surnames"] else word[:1]
        if not (
            low <= len(word) <= high
            and (surname in spec["surnames"] or surname in spec["compound_surnames"])
            and surname not in function_words  # 时/立信, 向/鑫合, 应/予以
            and word[-1] not in places
            # a surname and a given name do not make a common word: not 顾问/费, 冷藏/柜
            and (len(surname) > 1 or len(word) < 3 or (frequency.get(word[:2]) or 0) < common)
        ):
            continue
        before_flag = tokens[first - 1][1] if first else "x"
        after, after_flag = tokens[i + 1] if i + 1 < len(tokens) else ("", "x")
        end = ends[i]
        alone = not (
            (after and after[0] in places)  # 澄渊/nr 市
            or after_flag in rules["not_before_tags"]
            or before_flag in rules["not_after_tags"]
            or _document_number().match(line, end)
            # a preposition or verb glued on: 冯跃为/nr 不/d (冯跃 + 为)
            or (len(word) == high and word[-1] in rules["function_endings"] and after_flag != "x")
            or any(s <= start and end <= e and (s, e) != (start, end) for s, e in quoted)
            or any(
                c in rules["amount_characters"]
                for c in line[start - 1 : start] + word[len(surname) :] + after[:1]
            )
        )
        out.append((word, alone))
    return out
