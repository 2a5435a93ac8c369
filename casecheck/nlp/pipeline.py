"""The spaCy pipeline: blank `zh` with the jieba segmenter, the legal user dictionary and an
EntityRuler whose patterns are data in `checklists/lexicon/`, plus a component that adds
dates and sums of money found by regular expression over the text.

Built once per process on first use (`get_nlp()`); importing this module imports neither
spaCy nor jieba. Spans are always reported as char offsets into the text: regex spans keep
their exact offsets even where jieba's tokens would cut them (「12日经批准」).

Element extraction (`casecheck.nlp.elements`) reads labels, dates and amounts by regex over
`Document.text`; it uses jieba (configured here) only to tell a person's name from other words
in the name slots of officer fields (`casecheck.nlp.names`). The spaCy pipeline serves
token-level matching (EntityRuler patterns) for callers that want it; see
tests/benchmarks/bench_extract.py for what it costs.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from casecheck.resources import checklist_path, load_yaml

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Segmenter = Literal["jieba", "char"]
REGEX_COMPONENT = "casecheck_dates_money"
_lock = threading.Lock()


@dataclass(frozen=True)
class CharSpan:
    """A labelled stretch of text: ORG, DOC_TITLE, LABEL, PENALTY (ruler), DATE, MONEY (regex)."""

    label: str
    start: int
    end: int
    text: str


def entity_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns from every checklists/lexicon/*.yaml that has `entity_patterns`."""
    patterns: list[dict[str, Any]] = []
    for path in sorted(checklist_path("lexicon").glob("*.yaml")):
        data = load_yaml("lexicon", path.name)
        if isinstance(data, dict):
            patterns.extend(data.get("entity_patterns") or [])
    return patterns


@cache
def configure_jieba() -> None:
    """jieba with the legal user dictionary and the segmentation fixes, once per process
    (jieba is global: spaCy's zh tokenizer and `jieba.posseg` share it)."""
    import jieba

    jieba.setLogLevel(logging.CRITICAL + 10)  # silences "Building prefix dict …" on stderr
    jieba.load_userdict(str(checklist_path("lexicon", "userdict.txt")))
    segmentation = load_yaml("lexicon", "segmentation.yaml")
    for word in segmentation.get("delete", []):
        jieba.del_word(word)
    for pair in segmentation.get("split", []):
        jieba.suggest_freq(tuple(pair), tune=True)


def _register_regex_component() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("char_spans"):
        Doc.set_extension("char_spans", default=None)
    if Language.has_factory(REGEX_COMPONENT):
        return

    @Language.component(REGEX_COMPONENT)
    def add_dates_and_money(doc: Doc) -> Doc:
        from casecheck.nlp.dates import find_dates
        from casecheck.nlp.numbers import find_amounts

        spans = [CharSpan("DATE", d.start, d.end, d.text) for d in find_dates(doc.text)]
        spans += [CharSpan("MONEY", a.start, a.end, a.text) for a in find_amounts(doc.text)]
        doc._.char_spans = sorted(spans, key=lambda s: s.start)
        return doc


@cache
def _build(segmenter: Segmenter) -> Language:
    import spacy

    if segmenter == "jieba":
        configure_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(entity_patterns())
    _register_regex_component()
    nlp.add_pipe(REGEX_COMPONENT)
    return nlp


def get_nlp(segmenter: Segmenter = "jieba") -> Language:
    """The process-wide pipeline for `segmenter`, built on first call (about 1.3 s with jieba:
    importing spaCy and loading jieba's dictionary) and reused after."""
    with _lock:
        return _build(segmenter)


def annotate(text: str, segmenter: Segmenter = "jieba") -> list[CharSpan]:
    """Ruler entities and regex dates/money of `text`, as char offsets, ordered by start."""
    doc = get_nlp(segmenter)(text)
    spans = [CharSpan(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    spans += doc._.char_spans or []
    return sorted(spans, key=lambda s: (s.start, s.label))
