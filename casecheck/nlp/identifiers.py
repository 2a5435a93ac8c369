"""Unified social credit codes (GB 32100-2015) and resident ID numbers (GB 11643-1999).

A failed credit-code checksum is not proof of a wrong number: some codes issued in early
pilot areas (e.g. 91350100M0001TGQXM, Fujian) fail it, so callers should warn, not reject.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

_CREDIT_FORMAT = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
_LEGACY_REG_NO = re.compile(r"[1-9]\d{14}")  # 15-digit 工商注册号 issued before the credit code
_FOLD = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹｘ＊",
    "0123456789ABCDEFGHJKLMNPQRTUWXYx*",
)
_CREDIT_FIND = re.compile(r"(?<![0-9A-Za-z])(?:[0-9A-Z]{18}|[1-9]\d{14})(?![0-9A-Za-z])")
_ID_FIND = re.compile(
    r"(?<![0-9A-Za-z*])(?:\d{17}[\dXx]|\d{15}|\d{4,6}\*{4,12}\d{0,4}[\dXx*]?)(?![0-9A-Za-z*])"
)
_ID_MASKED = re.compile(r"\d{4,6}\*{4,12}\d{0,4}[\dX*]?")

CodeStatus = Literal["valid", "checksum_failed", "legacy", "invalid"]
IdStatus = Literal["valid", "checksum_failed", "bad_birth_date", "legacy", "masked", "invalid"]


@dataclass(frozen=True)
class CreditCode:
    start: int
    end: int
    text: str
    status: CodeStatus


@dataclass(frozen=True)
class IdNumber:
    start: int
    end: int
    text: str
    status: IdStatus

    @property
    def birth_date(self) -> dt.date | None:
        return _birth_date(self.text.upper()) if self.status == "valid" else None


def _credit_check_char(code: str) -> str:
    values = (CREDIT_CHARSET.index(ch) for ch in code[:17])
    total = sum(v * w for v, w in zip(values, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def credit_code_status(code: str) -> CodeStatus:
    """valid | checksum_failed (wrong 18th char) | legacy (15-digit 注册号) | invalid."""
    code = code.strip().translate(_FOLD).upper()
    if _LEGACY_REG_NO.fullmatch(code):
        return "legacy"
    if not _CREDIT_FORMAT.fullmatch(code):
        return "invalid"
    return "valid" if _credit_check_char(code) == code[17] else "checksum_failed"


def valid_credit_code(code: str) -> bool:
    """True for an 18-character code whose check character is right, or a legacy 15-digit
    registration number (recognised as an old number; see `credit_code_status`)."""
    return credit_code_status(code) in ("valid", "legacy")


def _birth_date(code: str) -> dt.date | None:
    digits = code[6:14] if len(code) == 18 else "19" + code[6:12]
    try:
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
    return born if dt.date(1880, 1, 1) <= born <= dt.date.today() else None


def id_number_status(code: str) -> IdStatus:
    """valid | checksum_failed | bad_birth_date | legacy (15-digit, no check digit) | masked
    (``330102********1234``: some digits hidden, cannot be checked) | invalid."""
    code = code.strip().translate(_FOLD).upper()
    if "*" in code:
        return "masked" if _ID_MASKED.fullmatch(code) else "invalid"
    if re.fullmatch(r"\d{15}", code):
        return "legacy" if _birth_date(code) else "bad_birth_date"
    if not re.fullmatch(r"\d{17}[\dX]", code):
        return "invalid"
    if _birth_date(code) is None:
        return "bad_birth_date"
    total = sum(int(ch) * w for ch, w in zip(code[:17], ID_WEIGHTS, strict=True))
    return "valid" if ID_CHECK[total % 11] == code[17] else "checksum_failed"


def valid_id_number(code: str) -> bool:
    """True for an 18-digit resident ID number with a real birth date and right check digit."""
    return id_number_status(code) == "valid"


def _is_id_number(code: str, before: str) -> bool:
    """An 18-digit ID number also has the credit-code shape: tell them apart by which
    checksum passes (an ID also needs a real birth date), and by the label before it."""
    as_id, as_code = id_number_status(code), credit_code_status(code)
    if as_id == "masked":
        return True
    id_like = as_id in ("valid", "legacy", "checksum_failed")
    if as_code == "valid" and as_id == "valid":
        return bool(_ID_LABEL.search(before))
    return id_like and (as_code != "valid" or bool(_ID_LABEL.search(before)))


_ID_LABEL = re.compile(r"身份证|公民身份号码|证件号码|身份号码")


def find_credit_codes(text: str) -> list[CreditCode]:
    """Credit codes and legacy registration numbers in `text`; a run of 18 characters counts
    when it has the credit-code shape (or is a 15-digit number), whatever its checksum."""
    folded = text.translate(_FOLD)
    out = []
    for m in _CREDIT_FIND.finditer(folded):
        status = credit_code_status(m.group(0))
        before = folded[max(0, m.start() - 20) : m.start()]
        if status != "invalid" and not _is_id_number(m.group(0), before):
            out.append(CreditCode(m.start(), m.end(), text[m.start() : m.end()], status))
    return out


def find_id_numbers(text: str) -> list[IdNumber]:
    """Resident ID numbers in `text`, masked ones included (status ``masked``); a bare
    15-digit number counts only after an ID label (it is more often a registration number)."""
    folded = text.translate(_FOLD)
    out = []
    for m in _ID_FIND.finditer(folded):
        code, before = m.group(0), folded[max(0, m.start() - 20) : m.start()]
        status = id_number_status(code)
        if status == "invalid" or not _is_id_number(code, before):
            continue
        if len(code) == 15 and not _ID_LABEL.search(before):
            continue
        out.append(IdNumber(m.start(), m.end(), text[m.start() : m.end()], status))
    return out
