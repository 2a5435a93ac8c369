"""Pseudonyms that read like the values they replace, so a re-check sees the same case:

- a person's name becomes another name the engine reads as a name (same length; a masked
  name 张某某 keeps its mask and changes its surname);
- an organisation keeps its industry word and legal form (某某食品有限公司 → 恒信食品有限公司),
  so its type (company, sole trader) reads the same;
- an ID number keeps its birth date, sex digit and checksum status (a valid number stays valid
  with a recomputed check digit, a wrong one stays wrong); a credit code keeps its registration
  authority, category and checksum status;
- phone numbers, plates, bank accounts and officers' certificate numbers keep their shape
  (digits for digits, letters for letters, separators and masks in place); an address becomes
  an invented street address.

Each pseudonym is new: it is no other pseudonym and occurs nowhere in the case's text.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable

from casecheck.desensitise.values import Found, canonical, masked
from casecheck.desensitise.wordlists import words
from casecheck.nlp.identifiers import (
    CREDIT_CHARSET,
    credit_code_status,
    id_number_status,
)
from casecheck.nlp.names import person_names
from casecheck.samples.identifiers import corrupt_credit_code, make_credit_code, make_id_number

_FOLD_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# The places a body's name opens with: 澄渊市晴岸区 of 澄渊市晴岸区市场监督管理局.
_PLACE_PREFIX = re.compile(r"(?:.{1,8}?(?:自治区|自治州|自治县|地区|省|市|州|盟|县|区|旗))+")
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_TRIES = 200


class Pseudonyms:
    """Makes one pseudonym per value; `taken` holds what may not be used again."""

    def __init__(self, rng: random.Random, texts: list[str]) -> None:
        self.rng = rng
        self.corpus = "\n".join(canonical(t) for t in texts)
        self.taken: set[str] = set()

    def _fresh(self, make: Callable[[], str], accept: Callable[[str], bool] = bool) -> str:
        candidate = ""
        for _ in range(_TRIES):
            candidate = make()
            key = canonical(candidate)
            if key not in self.taken and key not in self.corpus and accept(candidate):
                break
        self.taken.add(canonical(candidate))
        return candidate

    def person(self, value: str) -> str:
        spec = words()
        surnames = [s for s in spec["surnames"] if not value.startswith(s)]
        if masked(value):
            tail = re.sub(r"^[\u3400-\u9fff]{1,2}?(?=[某*＊×ＸXx])", "", value)
            return self._fresh(lambda: self.rng.choice(surnames) + tail)
        length = max(2, min(len(re.sub(r"\s+", "", value)), 3))

        def make() -> str:
            given = "".join(self.rng.choice(spec["given_name_chars"]) for _ in range(length - 1))
            return self.rng.choice(surnames) + given

        def reads_as_name(name: str) -> bool:
            return person_names(name, "field") == [name] and person_names(name) == [name]

        return self._fresh(make, reads_as_name)

    def organisation(self, value: str) -> str:
        spec = words()
        name = re.sub(r"\s+", "", value)
        form = next(
            (f for f in sorted(spec["organisation_forms"], key=len, reverse=True)
             if name.endswith(f)),
            "",
        )  # fmt: skip
        industry = next(
            (w for w in sorted(spec["industry_words"], key=len, reverse=True)
             if w in name[: len(name) - len(form)]),
            "",
        )  # fmt: skip
        industry = "" if industry == form else industry or _business_word(name, form)
        return self._fresh(lambda: self.rng.choice(spec["trade_names"]) + industry + form)

    def short_name(self, alias: str, full: str, full_pseudonym: str) -> str:
        """「鑫源公司」 for 「杭州鑫源食品有限公司」 → the pseudonym's trade name + 「公司」."""
        alias = re.sub(r"\s+", "", alias)
        kept = next((k for k in range(len(alias), 0, -1) if alias[:k] in full), 0)
        trade = next((t for t in words()["trade_names"] if full_pseudonym.startswith(t)), "")
        return self._fresh(lambda: (trade or full_pseudonym[:2]) + alias[kept:])

    def authority(self, value: str) -> str:
        """The place before the department is replaced: 秦川市交通运输局 → 东临市交通运输局."""
        name = re.sub(r"\s+", "", value)
        place = _PLACE_PREFIX.match(name)
        department = name[place.end() :] if place and place.end() < len(name) - 1 else name
        return self._fresh(lambda: self.rng.choice(words()["places"]) + department)

    def address(self, value: str) -> str:
        spec = words()

        def make() -> str:
            place, district = self.rng.choice(spec["places"]), self.rng.choice(spec["districts"])
            road, number = self.rng.choice(spec["roads"]), self.rng.randint(1, 300)
            # an address cut after its number (某路66) stays so: 「号」 follows in the text
            unit = "" if canonical(value)[-1:].isdigit() else "号"
            return f"{place}{district}{road}{number}{unit}"

        return self._fresh(make)

    def id_number(self, value: str) -> str:
        code = canonical(value)
        status = id_number_status(code)
        if status in ("valid", "checksum_failed") and len(code) == 18:
            return self._fresh(lambda: self._id18(code, status))
        # other forms (masked, 15 digits, a wrong birth date): the birth date's digits stay,
        # so the number's status stays what it was
        birth = range(6, 14) if len(code) == 18 else range(6, 12)
        return self._fresh(lambda: self._digits_like(value, keep=2, also_keep=birth))

    def _id18(self, code: str, status: str) -> str:
        region = code[:2] + f"{self.rng.randint(1, 9):02d}{self.rng.randint(1, 30):02d}"
        birth = dt.date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
        made = make_id_number(self.rng, region, birth, male=int(code[16]) % 2 == 1)
        if status == "checksum_failed":
            check = "0123456789X".replace(made[-1], "")
            made = made[:-1] + self.rng.choice(check)
        return made

    def credit_code(self, value: str) -> str:
        code = canonical(value)
        status = credit_code_status(code)
        if status not in ("valid", "checksum_failed"):
            return self._fresh(lambda: self._digits_like(value, keep=0))

        def make() -> str:
            region = code[2:4] + f"{self.rng.randint(1, 9):02d}{self.rng.randint(1, 30):02d}"
            made = make_credit_code(self.rng, region)
            made = _with_check(code[:2] + made[2:17])
            return corrupt_credit_code(made, self.rng) if status == "checksum_failed" else made

        return self._fresh(make)

    def phone(self, value: str) -> str:
        keep = 3 if canonical(value).startswith("1") else _area_code_length(value)
        return self._fresh(lambda: self._digits_like(value, keep))

    def bank_account(self, value: str) -> str:
        return self._fresh(lambda: self._digits_like(value, keep=4))

    def certificate(self, value: str) -> str:
        """The issuing prefix stays (region, authority); the officer's own digits change."""
        digits = sum(ch.isdigit() for ch in value.translate(_FOLD_DIGITS))
        return self._fresh(lambda: self._digits_like(value, keep=max(0, digits - 5)))

    def licence(self, value: str) -> str:
        """Its letters (JY: 食品经营) and first digits (the region) stay."""
        return self._fresh(lambda: self._digits_like(value, keep=6))

    def plate(self, value: str) -> str:
        def make() -> str:
            out = list(value)
            for i, ch in enumerate(value[2:], start=2):
                if ch.isdigit():
                    out[i] = self.rng.choice("0123456789")
                elif ch in _PLATE_LETTERS:
                    out[i] = self.rng.choice(_PLATE_LETTERS)
            return "".join(out)

        return self._fresh(make)

    def _digits_like(self, value: str, keep: int, also_keep: range = range(0)) -> str:
        """Each digit after the first `keep` digits (and outside the positions `also_keep`)
        replaced by a random one (full-width stays full-width); masks, separators and letters
        kept."""
        out, seen = [], 0
        for position, ch in enumerate(value):
            folded = ch.translate(_FOLD_DIGITS)
            if folded.isdigit():
                seen += 1
                if seen > keep and position not in also_keep:
                    digit = str(self.rng.randint(0, 9))
                    ch = chr(ord(digit) + 0xFEE0) if ch != folded else digit
            out.append(ch)
        return "".join(out)


def _business_word(name: str, form: str) -> str:
    """The two characters before the legal form when the name (without its place) is long
    enough that they are not the trade name itself: 天喜鞭炮厂 → 鞭炮, not 鑫源有限公司 → 鑫源."""
    body = name[: len(name) - len(form)]
    body = body[max((body.rfind(c) for c in "省市县区镇乡"), default=-1) + 1 :]
    return body[-2:] if len(body) >= 4 else ""


def _with_check(first17: str) -> str:
    return next(first17 + c for c in CREDIT_CHARSET if credit_code_status(first17 + c) == "valid")


def _area_code_length(value: str) -> int:
    m = re.match(r"0\d{2,3}(?=[-－—])", canonical(value))
    return len(m.group()) if m else 0


def make_mapping(found: Found, rng: random.Random, texts: list[str]) -> dict[str, dict[str, str]]:
    """category → {canonical original: pseudonym} for every value of `found`."""
    maker = Pseudonyms(rng, texts)
    makers: dict[str, Callable[[str], str]] = {
        "person": maker.person,
        "authority": maker.authority,
        "id_number": maker.id_number,
        "credit_code": maker.credit_code,
        "phone": maker.phone,
        "address": maker.address,
        "plate": maker.plate,
        "bank_account": maker.bank_account,
        "certificate": maker.certificate,
        "licence": maker.licence,
    }
    mapping: dict[str, dict[str, str]] = {}
    organisations = found.of("organisation")
    for key, value in organisations.items():
        if key not in found.aliases:
            mapping.setdefault("organisation", {})[key] = maker.organisation(value)
    for alias, full in found.aliases.items():
        full_pseudonym = mapping["organisation"][full]
        pseudonym = maker.short_name(organisations[alias], full, full_pseudonym)
        mapping["organisation"][alias] = pseudonym
    for category, make in makers.items():
        for key, value in found.of(category).items():  # type: ignore[arg-type]
            mapping.setdefault(category, {})[key] = make(value)
    return mapping
