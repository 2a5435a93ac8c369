"""Read statute files (the Markdown of ../shared/laws, plain text, and the formats the national
database flk.npc.gov.cn gives: .docx, text .pdf, a page saved as .html) into facts.

A file holds one version of one law: a title line, a header of dated events (通过/修正/修订/
公布/施行), then 编/章/节 headings and articles. Each line of an article after its first is a
new 款, except lines starting （一）… which are 项 of the 款 before them. Only facts leave
this module: names, dates, counts and parsed penalty clauses, never article text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from casecheck.ingest.sniff import decode_text
from casecheck.laws.facts import (
    PREFIX,
    ArticleFacts,
    LawRecord,
    StructureEntry,
    VersionRecord,
    articles_to_json,
    link_versions,
)
from casecheck.laws.penalties import parse_clause
from casecheck.nlp.numbers import parse_int

INFO_END = "<!-- INFO END -->"
STATUTE_SUFFIXES = (".md", ".txt", ".docx", ".pdf", ".html", ".htm")

# Folder names of ../shared/laws → level; other category folders hold national laws.
_LEVEL_FOLDERS = {
    "宪法": "宪法",
    "行政法规": "行政法规",
    "部门规章": "部门规章",
    "司法解释": "司法解释",
    "地方性法规": "地方性法规",
}

_CN_DIGITS = r"0-9〇零一二三四五六七八九十"
_DATE = re.compile(
    rf"([{_CN_DIGITS}]{{4}})\s*年\s*([{_CN_DIGITS}]{{1,3}})\s*月\s*([{_CN_DIGITS}]{{1,3}})\s*日"
)
_ARTICLE = re.compile(
    r"^第([0-9零〇一二两三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?(?:[\s:：]+|$)(.*)"
)
_HEADING = re.compile(r"^第[0-9零〇一二两三四五六七八九十百千]+(分编|编|章|节)(?:\s|$)")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_APPENDIX = re.compile(r"^(附件|附表|附录)")
_EFFECTIVE_IN_TEXT = re.compile(r"自(.{4,18}?)起?(施行|生效)")
_FILE_NAME = re.compile(r"^(?P<name>.+?)\((?P<date>\d{4}-\d{2}-\d{2})\)$")
_DEPTH = {"编": 0, "分编": 1, "章": 2, "节": 3}
_FULLWIDTH = str.maketrans("０１２３４５６７８９％\u3000", "0123456789% ")

# Header events, checked in this order (an amendment line may also say 通过 or 公布).
_EVENTS = (
    ("修订", "修订"),
    ("修正", "修正"),
    ("修改", "修正"),
    ("施行", "施行"),
    ("通过", "通过"),
    ("公布", "公布"),
    ("发布", "公布"),
    ("批准", "批准"),
)


class StatuteFormatError(ValueError):
    """The file is not a statute this importer can read (message in Chinese)."""


@dataclass
class ParsedArticle:
    key: str
    number: int
    paragraphs: list[str] = field(default_factory=list)  # each 款 with its 项 appended
    items: list[int] = field(default_factory=list)


@dataclass
class ParsedStatute:
    """One statute file as read: names, dates, structure and articles (text kept in memory only)."""

    path: str
    title: str
    subtitle: str
    short: str
    level: str
    issuer: str
    version_date: str | None
    history: list[tuple[str, str]]
    structure: list[StructureEntry]
    articles: list[ParsedArticle]
    stated_effective: str | None  # 本法自…起施行 in the final articles (may predate this version)
    repeals: list[tuple[str, str | None]] = field(default_factory=list)  # (name, date)

    @property
    def article_count(self) -> int:
        return max((a.number for a in self.articles), default=0)

    def article_facts(self) -> list[ArticleFacts]:
        out = []
        for art in self.articles:
            clauses = [parse_clause(text, i) for i, text in enumerate(art.paragraphs, start=1)]
            penalties = tuple(c for c in clauses if c is not None)
            out.append(ArticleFacts(art.key, tuple(art.items), penalties))
        return out


def parse_cn_date(text: str) -> dt.date | None:
    """The first 1996年3月17日-style date in `text` (Arabic or Chinese numerals), or None."""
    m = _DATE.search(text.translate(_FULLWIDTH))
    if not m:
        return None
    try:
        y, mo, d = (parse_int(g) for g in m.groups())
        return dt.date(y, mo, d)  # type: ignore[arg-type]
    except (TypeError, ValueError):  # a part that is no numeral, or no such day
        return None


def _read_lines(path: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        import docx  # python-docx; imported here because it is slow to load

        try:
            return [p.text for p in docx.Document(str(path)).paragraphs]
        except Exception as exc:  # python-docx raises several types for broken files
            raise StatuteFormatError(f"无法读取 Word 文件：{path.name}（{exc}）") from exc
    if suffix == ".pdf":
        return _pdf_lines(path)
    text = _decode(path)
    return html_lines(text) if suffix in (".html", ".htm") else text.splitlines()


def _decode(path: Path) -> str:
    text = decode_text(path.read_bytes())
    if text is None:
        raise StatuteFormatError(f"无法识别文件编码：{path.name}")
    return text


def _pdf_lines(path: Path) -> list[str]:
    """The paragraphs of a text PDF, read by the case-file PDF reader (wrapped lines joined,
    page-number lines dropped); a scanned PDF has no text to import."""
    from casecheck.ingest.options import ReadOptions
    from casecheck.ingest.pdf_reader import read_pdf

    doc = read_pdf(str(path), path.read_bytes(), ReadOptions(ocr=False))
    if doc.errors:
        raise StatuteFormatError(f"无法读取 PDF 文件：{path.name}（{'；'.join(doc.errors)}）")
    if not doc.text.strip():
        raise StatuteFormatError(f"PDF 文件没有文字层（扫描件），无法导入：{path.name}")
    return joined_paragraphs(doc.text.splitlines())


_PARAGRAPH_END = tuple("。：；！？”」）)")


def joined_paragraphs(lines: list[str]) -> list[str]:
    """Lines of a paragraph cut by a page break (or a wrap the reader kept) joined again: in
    the articles a 款 or 项 ends with 。 ： or ；, so a line after one that does not, and that
    starts no article, heading or 项, continues it. The title and header are left alone."""
    out: list[str] = []
    in_articles = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        starts_unit = _ARTICLE.match(line) or _HEADING.match(line) or _ITEM.match(line)
        in_articles = in_articles or bool(_ARTICLE.match(line))
        if in_articles and not starts_unit and not out[-1].endswith(_PARAGRAPH_END):
            out[-1] += line
        else:
            out.append(line)
    return out


# Elements whose end closes a line of text in a saved web page.
_HTML_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
_HTML_SKIPPED = {"script", "style", "head", "noscript", "title"}


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIPPED:
            self.skipping += 1
        elif tag in _HTML_BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _HTML_BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.lines[-1] += data.replace("\n", "")


def html_lines(text: str) -> list[str]:
    """The text lines of a web page (a statute saved from flk.npc.gov.cn): one line per
    paragraph-like element, scripts, styles and the page head left out. Site navigation before
    the statute is dropped: the text starts at the line before its first dated header line,
    table of contents, chapter or article (the statute's title)."""
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    lines = [line.strip() for line in parser.lines if line.strip()]
    first = next(
        (
            i
            for i, line in enumerate(lines)
            if _DATE.search(line.translate(_FULLWIDTH)[:40])
            or line.replace(" ", "").replace("\u3000", "") == "目录"
            or _HEADING.match(line)
            or _ARTICLE.match(line)
        ),
        None,
    )
    return lines[first - 1 :] if first else lines


def _names_from_path(path: Path) -> tuple[str, str | None, list[str]]:
    """(short name, version date, folder parts) from `简称(YYYY-MM-DD).md` and its folders.
    Files of ../shared/laws/extra are named `源__目录_子目录_简称(日期).md`."""
    stem = path.stem
    folders = [p.name for p in path.parents][:3][::-1]
    if "__" in stem:
        flat = stem.split("__", 1)[1].split("_")
        folders, stem = flat[:-1], flat[-1]
    m = _FILE_NAME.match(stem)
    if m:
        return m["name"], m["date"], folders
    return stem, None, folders


def _level_and_issuer(folders: list[str], history_text: str) -> tuple[str, str]:
    for i, folder in enumerate(folders):
        if folder in _LEVEL_FOLDERS:
            level = _LEVEL_FOLDERS[folder]
            if level == "部门规章" and i + 1 < len(folders):
                return level, folders[i + 1]
            if level == "行政法规":
                return level, "国务院"
            return level, ""
    if "全国人民代表大会常务委员会" in history_text:
        return "法律", "全国人民代表大会常务委员会"
    if "全国人民代表大会" in history_text:
        return "法律", "全国人民代表大会"
    return "法律", ""


def _event(line: str) -> str:
    return next((label for word, label in _EVENTS if word in line), "其他")


def _header_events(line: str) -> list[tuple[str, str]]:
    """(date, event) of each dated event in a header line; official texts put them all in one
    line: （2009年2月28日…通过　根据2015年4月24日…修正）."""
    starts = [m.start() for m in _DATE.finditer(line)]
    out = []
    for start, end in itertools.pairwise([*starts, len(line)]):
        segment = line[start:end]
        if date := parse_cn_date(segment):
            out.append((date.isoformat(), _event(segment)))
    return out


def parse_statute(path: str | Path) -> ParsedStatute:
    """Read one statute file. Raises StatuteFormatError (Chinese message) if it has no articles."""
    path = Path(path)
    lines = [line.translate(_FULLWIDTH).strip() for line in _read_lines(path)]
    short, version_date, folders = _names_from_path(path)
    has_info_end = INFO_END in lines

    titles: list[str] = []
    history: list[tuple[str, str]] = []
    structure: list[list] = []  # [level, title, first, last]
    open_headings: list[list] = []  # the headings enclosing the current line
    articles: list[ParsedArticle] = []
    in_header = True
    in_appendix = False
    for line in lines:
        if not line or (line.startswith("<!--") and line != INFO_END) or line == "---":
            continue
        if line == INFO_END:
            in_header = False
            continue
        heading = line.lstrip("#").strip()
        article = _ARTICLE.match(heading) if not line.startswith("#") else None
        unit = _HEADING.match(heading)
        if in_header and not has_info_end and (article or unit):
            in_header = False
        if in_header:
            if line.startswith("#") or (not titles and not _DATE.search(line)):
                titles.append(heading)
            else:
                history += _header_events(line)
            continue
        if line.startswith("#") or unit:
            in_appendix = False
            level = unit.group(1) if unit else "章"
            depth = _DEPTH[level]
            open_headings = [h for h in open_headings if _DEPTH[h[0]] < depth]
            open_headings.append([level, heading, None, None])
            structure.append(open_headings[-1])
            continue
        if article:
            number = parse_int(article.group(1))
            sub_number = parse_int(article.group(2)) if article.group(2) else None
            if number is None or (article.group(2) and sub_number is None):
                article = None  # a malformed numeral (第十十条): body text, not a heading
            else:
                key = f"{number}-{sub_number}" if sub_number is not None else str(number)
        if article:
            in_appendix = False
            articles.append(ParsedArticle(key, number, [article.group(3)], [0]))
            for entry in open_headings:
                entry[2] = number if entry[2] is None else entry[2]
                entry[3] = number
            continue
        if _APPENDIX.match(line):
            in_appendix = True
        if in_appendix or not articles:
            continue
        current = articles[-1]
        if _ITEM.match(line):
            current.paragraphs[-1] += "\n" + line
            current.items[-1] += 1
        else:
            current.paragraphs.append(line)
            current.items.append(0)

    if not articles:
        raise StatuteFormatError(f"未找到“第X条”形式的条文：{path.name}")
    title = titles[0] if titles else short
    subtitle = titles[1] if len(titles) > 1 else ""
    if version_date is None and subtitle:  # 民法典 parts: name them by the whole code
        short = title.removeprefix(PREFIX)
    if version_date is None and history:  # undated file: its latest non-施行 event
        version_date = max((d for d, e in history if e != "施行"), default=history[-1][0])
    history_text = "\n".join(lines[:40])
    level, issuer = _level_and_issuer(folders, history_text)
    return ParsedStatute(
        path=str(path),
        title=title,
        subtitle=subtitle,
        short=short,
        level=level,
        issuer=issuer,
        version_date=version_date,
        history=history,
        structure=[StructureEntry(*s) for s in structure],
        articles=articles,
        stated_effective=_stated_effective(articles, version_date),
        repeals=_repeals(articles, version_date),
    )


def _stated_effective(articles: list[ParsedArticle], version_date: str | None) -> str | None:
    """The in-force date stated in the last articles (本法自…起施行; 自公布之日 = version date).
    Amended texts keep the original's date, so it may be earlier than this version."""
    for art in reversed(articles[-3:]):
        for text in art.paragraphs:
            m = _EFFECTIVE_IN_TEXT.search(text)
            if not m:
                continue
            if "布之日" in m.group(1):
                return version_date
            if date := parse_cn_date(m.group(1)):
                return date.isoformat()
    return None


def _repeals(
    articles: list[ParsedArticle], version_date: str | None
) -> list[tuple[str, str | None]]:
    """Laws the final articles repeal (…施行。《X》同时废止), with the date stated there: the
    施行 date of that sentence, the version date for 自公布之日, else None (= this version's)."""
    out = []
    for art in articles[-3:]:
        for text in art.paragraphs:
            if "同时废止" not in text:
                continue
            when = None
            if m := _EFFECTIVE_IN_TEXT.search(text):
                date = parse_cn_date(m.group(1))
                when = (
                    date.isoformat() if date else version_date if "布之日" in m.group(1) else None
                )
            for sentence in re.findall(r"[^。]*同时废止", text):
                out += [(name, when) for name in re.findall(r"《([^》]+)》", sentence)]
    return out


def _db_dates(db_path: Path | None) -> dict[tuple[str, str], tuple[str | None, bool]]:
    """(name, publish date) → (施行日期, expired) from the LawRefBook metadata index."""
    if db_path is None or not db_path.is_file():
        return {}
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT name, publish, valid_from, expired FROM law").fetchall()
    finally:
        con.close()
    return {(n, p): (v, bool(e)) for n, p, v, e in rows if p}


def _find_db(path: Path) -> Path | None:
    for parent in list(path.parents)[:4]:
        if (parent / "db.sqlite3").is_file():
            return parent / "db.sqlite3"
    return None


def build_records(statutes: Iterable[ParsedStatute], db: dict | None = None) -> list[LawRecord]:
    """Group parsed files into laws (by short name) and versions (by version date), oldest first;
    parts of one code (民法典) are merged. `db` is `_db_dates()` output for 施行日期."""
    db = db or {}
    statutes = list(statutes)
    by_law: dict[str, dict[str, list[ParsedStatute]]] = {}
    for st in statutes:
        by_law.setdefault(st.short, {}).setdefault(st.version_date or "", []).append(st)
    records = []
    for short, versions in sorted(by_law.items()):
        ordered = sorted(versions.items())
        latest = ordered[-1][1][0]
        aliases = {short, latest.title.removeprefix(PREFIX)}
        for _, parts in ordered:
            aliases.update(p.title for p in parts)
        record = LawRecord(
            name=latest.title,
            short=short,
            level=latest.level,
            issuer=latest.issuer,
            aliases=sorted(aliases - {latest.title}),
        )
        for date, parts in ordered:
            record.versions.append(_version_record(date, parts, db.get((short, date))))
        record.versions[:0] = _earlier_texts(record.versions[0], ordered[0][1][0])
        link_versions(record.versions, lambda v: v.effective or v.date)
        records.append(record)
    return records + _apply_repeals(records, statutes)


def _apply_repeals(records: list[LawRecord], statutes: list[ParsedStatute]) -> list[LawRecord]:
    """Mark laws repealed by a later statute's final articles; laws without a file of their own
    become name-only records (so a citation of them is found and reported as not in force).
    Returns those new records. A name reused by a newer law (国家安全法 1993 → 2015) is skipped."""
    by_short = {r.short: r for r in records}
    added: dict[str, LawRecord] = {}
    for st in statutes:
        own = next(v for v in by_short[st.short].versions if v.date == (st.version_date or ""))
        for name, when in st.repeals:
            when = when or own.effective
            short = name.removeprefix(PREFIX)
            target = by_short.get(short) or added.get(short)
            if target is None:
                is_law = re.search(r"(?<!办)法$", short) or "全国人民代表大会" in name
                level = "法律" if is_law else st.level
                target = added[short] = LawRecord(name=name, short=short, level=level)
            if when and not any((v.effective or v.date) >= when for v in target.versions):
                target.repealed = when
                target.replaced_by = st.title
    return list(added.values())


def _version_record(date: str, parts: list[ParsedStatute], db_row) -> VersionRecord:
    parts = sorted(parts, key=lambda p: min((a.number for a in p.articles), default=0))
    articles = [a for p in parts for a in p.article_facts()]
    history = sorted({h for p in parts for h in p.history})
    structure = [s for p in parts for s in p.structure]
    effective, source = None, "assumed"
    header_effective = [d for d, e in history if e == "施行" and d >= date]
    if db_row and db_row[0] and db_row[0] >= date:
        effective, source = db_row[0], "db"
    elif (stated := parts[0].stated_effective) and stated >= date:
        effective, source = stated, "text"
    elif header_effective:
        effective, source = header_effective[-1], "header"
    return VersionRecord(
        date=date,
        effective=effective or date or None,
        effective_source=source,
        article_count=max(a.number for a in articles),
        history=history,
        structure=structure,
        articles=articles_to_json(articles),
        source=Path(parts[0].path).name,
    )


def _earlier_texts(first: VersionRecord, statute: ParsedStatute) -> list[VersionRecord]:
    """Texts in force before the earliest imported version, whose articles are not known: one
    per dated event of that version's header before it (通过 2009, 修订 2015, 修正 2018 before
    a 2021 file). Each is in force from the first 施行 date the header or the text states
    (本法自2015年10月1日起施行) between its date and the next text's, else from its own date."""
    starts = sorted({d for d, e in first.history if e != "施行" and d < first.date})
    if (first.date, "公布") in first.history:
        # A regulation adopted (通过) at a State Council meeting and published (公布) days
        # later: one text, not two, unless a revision came between.
        revised = [d for d, e in first.history if e in ("修订", "修正")]
        starts = [
            d
            for d in starts
            if (d, "通过") not in first.history or any(d < r < first.date for r in revised)
        ]
    header = {d for d, e in first.history if e == "施行"}
    stated = statute.stated_effective
    out = []
    for date, following in itertools.pairwise([*starts, first.date]):
        effective = min((d for d in header | {stated} if d and date <= d < following), default=None)
        source = "assumed" if effective is None else "text" if effective == stated else "header"
        out.append(
            VersionRecord(
                date=date,
                effective=effective or date,
                effective_source=source,
                history=[h for h in first.history if h[0] <= date],
                source="（早期文本，未收录条文）",
            )
        )
    return out


def law_file_name(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:12] + ".json"


def statute_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Statute files under the given files/folders (skipping _index.md and the format template)."""
    out: list[Path] = []
    for p in map(Path, paths):
        candidates = sorted(p.rglob("*")) if p.is_dir() else [p]
        out += [
            c
            for c in candidates
            if c.is_file()
            and c.suffix.lower() in STATUTE_SUFFIXES
            and not c.name.startswith(("_", "."))
            and c.name not in ("README.md", "SOURCE-README.md", "法律法规模版.md")
        ]
    return out


@dataclass
class ImportResult:
    records: list[LawRecord]
    files: int
    errors: list[str]


def import_paths(paths: Iterable[str | Path]) -> ImportResult:
    """Parse every statute file under `paths`; unreadable files are reported, not raised."""
    files = statute_paths(paths)
    parsed, errors = [], []
    db_path = None
    for f in files:
        try:
            parsed.append(parse_statute(f))
        except (StatuteFormatError, OSError) as exc:
            errors.append(str(exc))
        db_path = db_path or _find_db(f)
    return ImportResult(build_records(parsed, _db_dates(db_path)), len(files), errors)


def export_facts(
    paths: Iterable[str | Path], out_dir: str | Path, *, merge: bool = False
) -> ImportResult:
    """Import statute files and write `index.json` + `facts/<hash>.json` (facts only) to out_dir.
    With `merge`, the imported laws are merged into the facts already there (a version with
    articles replaces the stored one of its date; the other laws stay as they are) instead of
    replacing them: how newer texts are added to the shipped facts without a full re-import."""
    result = import_paths(paths)
    out = Path(out_dir)
    facts_dir = out / "facts"
    facts_dir.mkdir(parents=True, exist_ok=True)
    records = result.records
    if merge:
        records = _merged(_read_export(out), records)
    for old in facts_dir.glob("*.json"):
        old.unlink()
    index = []
    for record in records:
        entry = record.to_json(full=False)
        entry["file"] = None
        if any(v.articles for v in record.versions):  # name-only records need no facts file
            entry["file"] = law_file_name(record.name)
            text = json.dumps(record.to_json(), ensure_ascii=False, separators=(",", ":"))
            (facts_dir / entry["file"]).write_text(text, encoding="utf-8")
        index.append(entry)
    (out / "index.json").write_text(
        json.dumps({"laws": index}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return result


def _read_export(out: Path) -> list[LawRecord]:
    """The laws of an existing export, in full (index entries without a facts file as they are)."""
    index_path = out / "index.json"
    if not index_path.is_file():
        return []
    records = []
    for entry in json.loads(index_path.read_text(encoding="utf-8"))["laws"]:
        if entry.get("file"):
            facts = out / "facts" / entry["file"]
            entry = json.loads(facts.read_text(encoding="utf-8"))
        records.append(LawRecord.from_json(entry))
    return records


def _merged(existing: list[LawRecord], imported: list[LawRecord]) -> list[LawRecord]:
    by_name = {r.name: r for r in existing}
    for record in imported:
        old = by_name.get(record.name) or next(
            (r for r in existing if r.short == record.short), None
        )
        if old is None:
            by_name[record.name] = record
            continue
        texts = {v.date for v in record.versions if v.articles is not None}
        known = {v.date for v in old.versions}
        old.versions = [v for v in old.versions if v.date not in texts] + [
            v for v in record.versions if v.date in texts or v.date not in known
        ]
        old.aliases = sorted(set(old.aliases) | set(record.aliases))
        link_versions(old.versions, lambda v: v.effective or v.date)
    return sorted(by_name.values(), key=lambda r: list(by_name).index(r.name))
