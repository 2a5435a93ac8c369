"""Document types: the catalog of checklists/doctypes.yaml and classification of documents.

A document's type comes from, in decreasing weight: a title line near its top, its file name,
and content keywords. Titles are recognised by their form, not by substring: an authority name
may precede the title and a document number may follow it, but a document name cited inside a
sentence (`我局于…作出《行政处罚决定书》`) is not a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from typing import Any, Literal

from casecheck.model import ELEMENT_KINDS, CaseFile, Document
from casecheck.resources import load_yaml

UNKNOWN = "其他材料"
STAGES = ("立案", "调查取证", "审查", "告知", "听证", "决定", "送达", "执行", "结案")
Requirement = Literal["always", "conditional", "never"]

_SPACES = re.compile(r"\s+")
# Cell separators of a table rendered as text (`| 某局 行政处罚表 |`).
_TABLE_BARS = "|｜"
# Leading enumerations in file names: `03询问笔录`, `1-2 送达回证`.
_FILE_NUMBERING = re.compile(r"^[\d\s._\-－、()（）]+")
# Codes and numbers left before an authority name (`代码：0015119007杭州市司法局`).
_NOT_A_NAME_START = re.compile(r"^[\W\d_A-Za-z]+")


@dataclass(frozen=True)
class Keyword:
    pattern: re.Pattern[str]
    weight: int = 1


@dataclass(frozen=True)
class DocType:
    """One document type of the catalog (fields as described in doctypes.yaml)."""

    name: str
    stage: str
    order: int
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    keywords: tuple[Keyword, ...] = ()
    required_elements: tuple[str, ...] = ()
    required: Requirement = "never"
    condition: str = ""
    external: bool = False
    kind_of: str | None = None
    function: str = ""
    also_fulfils: tuple[str, ...] = ()
    not_required_in: tuple[str, ...] = ()  # departments whose formats have no such document
    addressed_to_party: bool = True  # a salutation line names the party (not a relative)
    # name, aliases and title patterns as one regex
    title_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_yaml(cls, entry: dict[str, Any]) -> DocType:
        name = entry["name"]
        titles = tuple(entry.get("titles") or ())
        aliases = tuple(entry.get("aliases") or ())
        alternatives = [*titles, *(re.escape(t) for t in (name, *aliases))]
        keywords = tuple(
            Keyword(re.compile(k["pattern"]), int(k.get("weight", 1)))
            if isinstance(k, dict)
            else Keyword(re.compile(k))
            for k in entry.get("keywords") or ()
        )
        return cls(
            name=name,
            stage=entry["stage"],
            order=int(entry["order"]),
            titles=titles,
            aliases=aliases,
            keywords=keywords,
            required_elements=tuple(entry.get("required_elements") or ()),
            required=entry.get("required", "never"),
            condition=entry.get("condition", ""),
            external=bool(entry.get("external", False)),
            kind_of=entry.get("kind_of"),
            function=entry.get("function") or "",
            also_fulfils=tuple(entry.get("also_fulfils") or ()),
            not_required_in=tuple(entry.get("not_required_in") or ()),
            addressed_to_party=bool(entry.get("addressed_to_party", True)),
            title_re=re.compile("|".join(f"(?:{a})" for a in alternatives)),
        )

    def keyword_score(self, text: str) -> int:
        return sum(k.weight for k in self.keywords if k.pattern.search(text))


@dataclass(frozen=True)
class TitleRules:
    """The form of a title line (`title_line` in doctypes.yaml)."""

    max_prefix: int
    forbidden_in_prefix: frozenset[str]
    sentence_marker: re.Pattern[str]
    list_item: re.Pattern[str]
    suffix_note: re.Pattern[str]
    suffix_doc_number: re.Pattern[str]
    suffix_label: re.Pattern[str]
    rest_forbidden: re.Pattern[str]
    continuation: re.Pattern[str]

    @classmethod
    def from_yaml(cls, data: dict[str, Any]) -> TitleRules:
        return cls(
            max_prefix=int(data["max_prefix"]),
            forbidden_in_prefix=frozenset(data["forbidden_in_prefix"]),
            sentence_marker=re.compile("|".join(data["sentence_markers"])),
            list_item=re.compile(data["list_item"]),
            suffix_note=re.compile(data["suffix_note"]),
            suffix_doc_number=re.compile(data["suffix_doc_number"]),
            suffix_label=re.compile(data["suffix_label"]),
            rest_forbidden=re.compile(data["rest_forbidden"]),
            continuation=re.compile(data["continuation"]),
        )

    def prefix_ok(self, prefix: str) -> bool:
        """Text before a title: empty, or an authority name (possibly after a `label：`)."""
        if not prefix:
            return True
        if prefix[-1] in "：:" or any(c in self.forbidden_in_prefix for c in prefix):
            return False
        if self.list_item.match(prefix):
            return False
        clause = re.split(r"[：:]", prefix)[-1]
        return len(clause) <= self.max_prefix and not self.sentence_marker.search(clause)

    def suffix_ok(self, suffix: str) -> bool:
        """Text after a title: nothing, a bracketed note, a header label or a document number."""
        if not suffix or self.suffix_note.match(suffix) or self.suffix_label.match(suffix):
            return True
        number = self.suffix_doc_number.match(suffix)
        return bool(number) and not self.rest_forbidden.match(number.group("rest"))


@dataclass(frozen=True)
class ContentFunction:
    """A function a document fulfils by what it holds (a 法制审核 row inside a 审批表)."""

    function: str
    types: frozenset[str]
    pattern: re.Pattern[str]

    @classmethod
    def from_yaml(cls, entry: dict[str, Any]) -> ContentFunction:
        return cls(entry["function"], frozenset(entry["types"]), re.compile(entry["pattern"]))


@dataclass(frozen=True)
class TitleMatch:
    doc_type: DocType
    title: str  # the title with the authority name before it, spaces removed


@dataclass(frozen=True)
class Catalog:
    """The document types of doctypes.yaml, with title matching."""

    types: tuple[DocType, ...]
    rules: TitleRules
    settings: dict[str, Any]
    content_functions: tuple[ContentFunction, ...] = ()

    def get(self, name: str) -> DocType | None:
        return next((t for t in self.types if t.name == name), None)

    def fulfils(self, doc: Document) -> frozenset[str]:
        """The procedure functions `doc` fulfils: its type's function, the functions its type
        fulfils under another name, that of the general type it is a form of, and functions
        shown by its content (a 法制审核 row inside a 审批表)."""
        doc_type = self.get(doc.doc_type)
        if doc_type is None:
            return frozenset()
        found = {doc_type.function, *doc_type.also_fulfils}
        parent = self.get(doc_type.kind_of) if doc_type.kind_of else None
        if parent is not None:
            found.add(parent.function)
        for cue in self.content_functions:
            if doc.doc_type in cue.types and doc.readable and cue.pattern.search(doc.text):
                found.add(cue.function)
        return frozenset(found - {""})

    def match_title(self, line: str) -> DocType | None:
        """The type whose title `line` is, or None if the line is not a title."""
        found = self.find_title(line)
        return found.doc_type if found else None

    def find_title(self, line: str) -> TitleMatch | None:
        """Like `match_title`, with the title text. The longest title wins, so a specific
        name (`税务行政处罚决定书`) beats the general one it contains (`行政处罚决定书`)."""
        text = _SPACES.sub("", line).strip(_TABLE_BARS)
        window = text[: 2 * self.rules.max_prefix + 40]
        best: tuple[int, DocType, re.Match[str]] | None = None
        for doc_type in self.types:
            if doc_type.title_re is None:
                continue
            for m in doc_type.title_re.finditer(window):
                if m.end() == m.start():
                    continue
                prefix, suffix = text[: m.start()], text[m.end() :]
                if self.rules.prefix_ok(prefix) and self.rules.suffix_ok(suffix):
                    if best is None or m.end() - m.start() > best[0]:
                        best = (m.end() - m.start(), doc_type, m)
                    break
        if best is None:
            return None
        _, doc_type, m = best
        authority = _NOT_A_NAME_START.sub("", re.split(r"[：:]", text[: m.start()])[-1])
        return TitleMatch(doc_type, authority + m.group())

    def is_continuation(self, line: str) -> bool:
        """A title repeated on a continuation page (`询问笔录（第2页）`, `续页`)."""
        return bool(self.rules.continuation.search(_SPACES.sub("", line)))

    def match_file_name(self, path: str) -> DocType | None:
        """The type named in a file name (`03询问笔录（张三）.docx`); the name that ends last wins
        (the head noun of `行政处罚决定书送达回证` is 送达回证), then the longest."""
        stem = _FILE_NUMBERING.sub("", _SPACES.sub("", PurePath(path).stem))
        best: tuple[int, int, DocType] | None = None
        for doc_type in self.types:
            if doc_type.title_re is None or doc_type.name == UNKNOWN:
                continue
            for m in doc_type.title_re.finditer(stem):
                key = (m.end(), m.end() - m.start())
                if m.end() > m.start() and (best is None or key > best[:2]):
                    best = (*key, doc_type)
        return best[2] if best else None

    def by_keywords(self, text: str) -> tuple[DocType, int] | None:
        """The type whose content cues score highest, if the score reaches the minimum.

        A specific type (`kind_of`) scores its general type's cues plus its own, and competes
        only when its own cues reach `min_specific_score`.
        """
        best: tuple[int, DocType] | None = None
        for doc_type in self.types:
            score = doc_type.keyword_score(text)
            if doc_type.kind_of:
                if score < self.settings["min_specific_score"]:
                    continue
                parent = self.get(doc_type.kind_of)
                score += parent.keyword_score(text) if parent else 0
            if score and (best is None or score > best[0]):
                best = (score, doc_type)
        if best is None or best[0] < self.settings["min_keyword_score"]:
            return None
        return best[1], best[0]


def _validate(types: tuple[DocType, ...]) -> None:
    names = [t.name for t in types]
    problems = []
    if len(set(names)) != len(names):
        problems.append("文书名称重复")
    if UNKNOWN not in names:
        problems.append(f"缺少“{UNKNOWN}”")
    for t in types:
        if t.stage not in STAGES:
            problems.append(f"{t.name}：未知环节“{t.stage}”")
        if t.required not in ("always", "conditional", "never"):
            problems.append(f"{t.name}：required 取值“{t.required}”无效")
        if t.required == "conditional" and not t.condition:
            problems.append(f"{t.name}：conditional 须写明 condition")
        unknown = set(t.required_elements) - set(ELEMENT_KINDS)
        if unknown:
            problems.append(f"{t.name}：未知要素 {sorted(unknown)}")
        if t.kind_of and t.kind_of not in names:
            problems.append(f"{t.name}：kind_of 指向不存在的类型“{t.kind_of}”")
        if t.name != UNKNOWN and not t.function:
            problems.append(f"{t.name}：缺少 function（在办案程序中的作用）")
    if problems:
        raise ValueError("文书类型目录 doctypes.yaml 有误：" + "；".join(problems))


@cache
def load_catalog() -> Catalog:
    """The shipped catalog (checklists/doctypes.yaml), loaded once."""
    data = load_yaml("doctypes.yaml")
    types = tuple(DocType.from_yaml(entry) for entry in data["types"])
    _validate(types)
    settings = data["classification"]
    content = tuple(ContentFunction.from_yaml(e) for e in settings.get("content_functions") or ())
    return Catalog(types, TitleRules.from_yaml(data["title_line"]), settings, content)


def classify_document(doc: Document, catalog: Catalog) -> tuple[str, float, str]:
    """The type of one document: (type name, confidence 0–1, title line found or "").

    Evidence in decreasing weight: a title among the first lines, the file name, content
    keywords. An unreadable or empty document is classified by its file name only.
    """
    settings = catalog.settings
    confidence = settings["confidence"]
    if doc.readable:
        lines = (line for line in doc.text.splitlines() if line.strip())
        for _, line in zip(range(settings["lines_scanned"]), lines, strict=False):
            found = catalog.find_title(line)
            if found:
                return found.doc_type.name, confidence["title"], found.title
    internal = doc.readable and _names_internal_document(doc.text, catalog)
    by_name = catalog.match_file_name(doc.path)
    if by_name and not (internal and by_name.external):
        return by_name.name, confidence["file_name"], ""
    by_content = catalog.by_keywords(doc.text) if doc.readable else None
    if by_content and not (internal and by_content[0].external):
        doc_type, score = by_content
        value = confidence["keywords_base"] + confidence["keywords_step"] * score
        return doc_type.name, min(confidence["keywords_max"], value), ""
    return UNKNOWN, confidence["unknown"], ""


def _names_internal_document(text: str, catalog: Catalog) -> bool:
    """Whether a top line names an internal document (`…审批表`, `…调查报告`, `…记录`)."""
    pattern = re.compile(catalog.settings["internal_title"])
    lines = (_SPACES.sub("", line) for line in text.splitlines() if line.strip())
    top = zip(range(catalog.settings["lines_scanned"]), lines, strict=False)
    return any(pattern.search(line) for _, line in top)


def classify_case(case: CaseFile, catalog: Catalog) -> None:
    """Set `doc_type`, `type_confidence` and `title` on every document of `case`."""
    for doc in case.documents:
        doc.doc_type, doc.type_confidence, doc.title = classify_document(doc, catalog)
