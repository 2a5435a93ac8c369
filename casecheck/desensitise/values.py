"""The personal values of a case file that desensitising replaces, found with the engine's own
readers: the elements it extracts (party, legal representative, officers and their certificate
numbers, address, credit code, ID number), the person-name test of `casecheck.nlp.names` on
labelled fields (witnesses, persons questioned, recipients, participants with their roles) and
on opinions signed before a date, masked names wherever they stand (张某某), names in running
text that no label marks (`casecheck.desensitise.running`), the identifier finders of
`casecheck.nlp.identifiers`, and labelled or shaped phone numbers, plate numbers and bank
accounts. A name found anywhere is replaced everywhere (`rewrite.Replacer`).

Values are keyed by their canonical form (no blanks, full-width digits folded), so 「张  三」
and 「张三」 are one value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from casecheck.desensitise.running import running_text_names
from casecheck.desensitise.wordlists import words
from casecheck.model import CaseFile, Element
from casecheck.nlp.identifiers import find_credit_codes, find_id_numbers
from casecheck.nlp.lexicon import label_re, lexicon, words_re
from casecheck.nlp.names import person_names

Category = Literal[
    "person", "organisation", "authority", "id_number", "credit_code", "phone", "address",
    "plate", "bank_account", "certificate", "licence",
]  # fmt: skip

# How each category is named to the user (the mapping file, the summary).
CATEGORY_LABELS: dict[str, str] = {
    "person": "姓名",
    "organisation": "单位名称",
    "authority": "执法机关名称",
    "id_number": "身份证号",
    "credit_code": "统一社会信用代码",
    "phone": "电话号码",
    "address": "地址",
    "plate": "车牌号",
    "bank_account": "银行账号",
    "certificate": "执法证号",
    "licence": "许可证编号",
}
# A certificate number shorter than this may be part of a document number or an amount.
MIN_CERTIFICATE = 6

_EDGES = " \t\u3000|｜,，;；:：、。（）()【】[]"  # what a value never begins or ends with
_NUMERALS = "一二三四五六七八九十两几"
_DIGIT = re.compile(r"[0-9０-９]")
_BLANK = re.compile(r"[_＿□]")  # a form's blank to fill in
_FOLD = str.maketrans("０１２３４５６７８９ｘＸ＊", "0123456789xX*")


def canonical(value: str) -> str:
    """The key of a value: blanks removed, full-width digits folded, letters upper-case."""
    return re.sub(r"\s+", "", value.translate(_FOLD)).upper()


@dataclass
class Found:
    """The values to replace, by category: canonical key → the form first seen."""

    values: dict[str, dict[str, str]] = field(default_factory=dict)
    # an organisation's short name (以下简称鑫源公司) → the full name it stands for
    aliases: dict[str, str] = field(default_factory=dict)

    def add(self, category: Category, value: str) -> None:
        value = value.strip(_EDGES)
        key = canonical(value)
        if (
            len(key) < 2
            or _BLANK.search(value)
            or any(key in known for known in self.values.values())
        ):
            return
        if masked(value) and category in ("organisation", "address", "authority"):
            return  # the publisher hid it already (文山某公司, 兴盛东路XXX号)
        self.values.setdefault(category, {})[key] = value

    def of(self, category: Category) -> dict[str, str]:
        return self.values.get(category, {})


def find_values(
    case: CaseFile, elements: Iterable[Element], authority: bool = False, running_text: bool = True
) -> Found:
    """Every personal value of `case` (and the authority's names when `authority`);
    `running_text`: also the names jieba sees in running text that no label marks (without it,
    only labelled and masked names: tests/benchmarks/bench_person_names.py compares both)."""
    found = Found()
    elements = list(elements)
    texts = [d.text for d in case.documents if d.readable]
    id_label = words_re(lexicon()["id_number_labels"])
    code_label = words_re(lexicon()["credit_code_labels"])
    for text in texts:  # identifiers first: a digit run is an ID before it is a phone
        # an identifier counts with a valid checksum or after its label: an unlabelled run of
        # that shape with a wrong checksum is more often another number (报关单号, 许可证编号);
        # a masked run (8652****) only after an ID label, else it is a masked phone
        for idn in find_id_numbers(text):
            if (idn.status == "valid" and len(idn.text) == 18) or _after(id_label, text, idn.start):
                found.add("id_number", idn.text)
        for code in find_credit_codes(text):
            if code.status == "valid" or _after(code_label, text, code.start):
                found.add("credit_code", code.text)
    for element in elements:
        _from_element(found, element, authority)
    for text in texts:
        _labelled_persons(found, text)
        _signed_persons(found, text)
        _masked_persons(found, text)
        _labelled_organisations(found, text)
        _addresses(found, text)
        for category, regex in _shaped():
            for m in regex.finditer(text):
                found.add(category, m.group("v"))
    for text in texts:
        _short_names(found, text)
    if running_text:
        for name in sorted(running_text_names(texts, set(found.of("person")), _is_person)):
            found.add("person", name)
    return found


def _after(label: re.Pattern[str], text: str, start: int) -> bool:
    return bool(label.search(text, max(0, start - 25), start))


def _from_element(found: Found, element: Element, authority: bool) -> None:
    kind, value, norm = element.kind, element.value, element.normalized
    if kind == "party_name" and isinstance(norm, dict):
        name = norm.get("name") or value
        if norm.get("type") == "individual" and _is_person(name):
            found.add("person", name)
        elif norm.get("type") in ("organisation", "sole_trader"):
            if _is_person(name):
                found.add("person", name)
            else:
                found.add("organisation", name)
        if norm.get("operator") and _is_person(norm["operator"]):
            found.add("person", norm["operator"])
        if norm.get("trade_name"):
            found.add("organisation", norm["trade_name"])
    elif kind == "officer" and isinstance(norm, dict):
        if _is_person(norm.get("name") or ""):
            found.add("person", norm["name"])
        if len(canonical(norm.get("cert_no") or "")) >= MIN_CERTIFICATE:
            found.add("certificate", norm["cert_no"])
    elif kind == "legal_representative" and _is_person(value):
        found.add("person", value)
    elif kind == "party_address" and len(canonical(_address_part(value))) >= 4:
        found.add("address", _address_part(value))
    elif kind == "authority" and authority and _is_authority(value) and not _DIGIT.search(value):
        found.add("authority", value)


def _is_person(value: str) -> bool:
    value = re.sub(r"\s+", "", value)
    if not value or any(word in value for word in words()["never_names"]):
        return False
    if value[0] in _NUMERALS or value.endswith("人"):  # 二人, 本人: a count or a pronoun
        return False
    return person_names(value, "field") == [value]


@cache
def _person_label() -> re.Pattern[str]:
    spec = words()
    labels = "|".join(map(re.escape, sorted(spec["person_labels"], key=len, reverse=True)))
    notes = "|".join(map(re.escape, sorted(spec["person_label_notes"], key=len, reverse=True)))
    # the value is looked at, not consumed: a label later on the line (「当事人：段春华（在场）
    # 见证人：张德明」) is found in its turn
    return re.compile(
        rf"(?<!被)(?:{labels})(?:{notes})?(?:[（(](?:{notes})?[）)])?(?:{notes})?"
        r"[ \t\u3000]*[：:|｜][ \t\u3000]*(?=(?P<v>[^\n|｜]*))"
    )


# a name in a field ends at a separator, a bracket or a digit (「鲁静2025年4月10日」)
_SEGMENT = re.compile(r"[^\s、，,；;。（(：:|｜0-9０-９]+")
_NOTE = re.compile(r"[（(][^（()）\n]{0,20}[）)]")  # 「赵德明（副局长）」: a role in brackets


@cache
def _next_field() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words()["field_words"])))


def _persons_in_field(found: Found, value: str) -> None:
    """The names that stand alone in a field, one after another (a role in brackets after
    each), until something that is no name; a name runs up to the next field's word
    (「刘国庆性别：男」)."""
    for segment in _SEGMENT.finditer(_NOTE.sub("、", value)):
        name = _next_field().split(segment.group(), maxsplit=1)[0]
        if not _is_person(name):
            break
        found.add("person", name)


def _labelled_persons(found: Found, text: str) -> None:
    """「被询问人：覃志勇」, 「询问人签名及时间：武海涛　裴蕾　2025年…」,
    「参加人员：赵德明（副局长）、何伟（执法支队长）」."""
    for m in _person_label().finditer(text):
        _persons_in_field(found, m.group("v"))


@cache
def _signature() -> re.Pattern[str]:
    return re.compile(words()["signature"])


def _signed_persons(found: Found, text: str) -> None:
    """An opinion signed with names and a date at the end of its cell or line (「同意。张卫东
    2025年3月4日|」, 「建议罚款。吴振宇 钱晓东2025年3月20日」): the names before the date, read
    back from it."""
    for m in _signature().finditer(text):
        names = _SEGMENT.findall(_NOTE.sub("、", m.group("v")))
        kept = []
        for name in reversed(names):
            if not _is_person(name):
                break
            kept.append(name)
        for name in reversed(kept):
            found.add("person", name)


@cache
def _masked_in_text() -> re.Pattern[str]:
    spec = lexicon()["person_names"]
    surnames = "|".join(sorted(spec["compound_surnames"], key=len, reverse=True))
    not_single = words()["function_surnames"] + words()["place_endings"]
    single = "".join(c for c in spec["surnames"] if c not in not_single)
    after = "|".join(map(re.escape, words()["masked_not_before"]))
    return re.compile(
        rf"(?<![{words()['place_endings']}])(?:{surnames}|[{single}])(?:某{{1,2}}|[*＊×]{{1,3}})"
        rf"(?!{after})"
    )


def _masked_persons(found: Found, text: str) -> None:
    """Names already masked by their form, wherever they stand (「乘客王某、李某陈述」,
    「经询问，张某某承认」); not a masked place or time (于某日, 某某公司)."""
    for m in _masked_in_text().finditer(text):
        found.add("person", m.group())


def _organisation_form(name: str) -> str | None:
    return next(
        (f for f in sorted(words()["organisation_forms"], key=len, reverse=True)
         if name.endswith(f) and len(name) > len(f) + 1),
        None,
    )  # fmt: skip


@cache
def _organisation_label() -> re.Pattern[str]:
    labels = "|".join(map(re.escape, words()["organisation_labels"]))
    return re.compile(rf"(?:{labels})[ \t\u3000]*[：:|｜][ \t\u3000]*(?P<v>[^\s，,。；;|｜（(]+)")


def _labelled_organisations(found: Found, text: str) -> None:
    for m in _organisation_label().finditer(text):
        if _organisation_form(m.group("v")) and not _is_authority(m.group("v")):
            found.add("organisation", m.group("v"))


def _is_authority(name: str) -> bool:
    return name.endswith(tuple(lexicon()["authority_suffixes"]))


def _address_part(value: str) -> str:
    """The address up to a bracket, a wide gap or the next label (邮编：…)."""
    return re.split(r"[（(）)]|\s{2,}|\u3000|\s*[\u4e00-\u9fff]{1,6}[：:]", value)[0].strip()


_PLACE = re.compile(r"[路街道巷弄号村组镇乡室栋楼区县市]")


def _addresses(found: Found, text: str) -> None:
    """Labelled addresses anywhere in the text; an office of the authority (「某市场监督管理局
    某科」) is no personal address: a place that names a body and no house number."""
    body = re.compile("|".join(map(re.escape, lexicon()["authority_suffixes"])))
    for m in label_re("address_labels").finditer(text):
        value = _address_part(m.group("v"))
        office = body.search(value) and not re.search(r"\d+\s*号", value.translate(_FOLD))
        if len(canonical(value)) >= 6 and _PLACE.search(value) and not office:
            found.add("address", value)


_ALIAS = re.compile(r"[（(]以下简称[：:]?[“\"'「]?(?P<v>[^”\"'」）)]{2,12})[”\"'」]?[）)]")


def _short_names(found: Found, text: str) -> None:
    """「某某有限公司（以下简称某某公司）」: the short name stands for the organisation."""
    for m in _ALIAS.finditer(text):
        before = canonical(text[max(0, m.start() - 40) : m.start()])
        for key in found.of("organisation"):
            if before.endswith(key) and m.group("v") != "当事人":
                found.aliases[canonical(m.group("v"))] = key
                found.add("organisation", m.group("v"))
                break


@cache
def _shaped() -> tuple[tuple[Category, re.Pattern[str]], ...]:
    """Phone numbers (mobile by shape, masked or not; landlines with an area code or after a
    label), plate numbers, and bank accounts after a label."""
    spec = words()
    phone_labels = "|".join(map(re.escape, spec["phone_labels"]))
    bank_labels = "|".join(map(re.escape, spec["bank_labels"]))
    licence_labels = "|".join(map(re.escape, spec["licence_labels"]))
    digit = "[0-9０-９]"
    no_digit_before, no_digit_after = r"(?<![0-9０-９*＊])", r"(?![0-9０-９*＊])"
    mobile = rf"1[3-9]{digit}(?:[ -]?(?:{digit}|[*＊]){{4}}){{2}}"
    landline = rf"0{digit}{{2,3}}[-－—]{digit}{{3,4}}(?:{digit}|[*＊]){{4}}"
    plate_tail = r"[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警]"
    plate = rf"[{spec['plate_provinces']}][A-HJ-NP-Z][·•・.\- ]?{plate_tail}"
    return (
        ("phone", re.compile(rf"{no_digit_before}(?P<v>{mobile}|{landline}){no_digit_after}")),
        (
            "phone",
            re.compile(
                rf"(?:{phone_labels})[^0-9０-９\n]{{0,6}}(?P<v>{digit}{{7,12}}){no_digit_after}"
            ),
        ),
        ("plate", re.compile(rf"(?<![A-Za-z0-9])(?P<v>{plate})(?![A-Za-z0-9])")),
        (
            "licence",
            re.compile(
                rf"(?:{licence_labels})[ \t\u3000]*[：:|｜]?[ \t\u3000]*"
                r"(?P<v>[A-Z]{0,4}[0-9０-９][0-9０-９A-Z-]{5,24})(?![0-9A-Za-z])"
            ),
        ),
        (
            "bank_account",
            re.compile(
                rf"(?:{bank_labels})[^0-9０-９\n]{{0,12}}"
                rf"(?P<v>{digit}(?:[ ]?{digit}){{8,27}}){no_digit_after}"
            ),
        ),
    )


_MASKED_RUN = re.compile(r"某|[*＊×Ｘ]|XX", re.IGNORECASE)


def masked(value: str) -> bool:
    """A value already partly hidden (张某某, 申XX, 186****2270): its visible part is still
    replaced, its mask kept."""
    return bool(_MASKED_RUN.search(value))


__all__ = ["CATEGORY_LABELS", "Category", "Found", "canonical", "find_values", "masked"]
