"""Identifiers with real check characters for the fictional parties: the unified social credit
code (GB 32100-2015, its organisation code part per GB 11714) and the resident ID number.

The check characters are found with the validators of `casecheck.nlp.identifiers`, so the
generator and the checker share one definition of "valid".
"""

from __future__ import annotations

import datetime as dt
import random

from casecheck.nlp.identifiers import CREDIT_CHARSET, credit_code_status, valid_id_number

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_check_char(first8: str) -> str:
    """GB 11714 check character of an organisation code (characters 9–17 of a credit code)."""
    total = sum(int(c, 36) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def make_credit_code(rng: random.Random, region: str) -> str:
    """A valid code of an enterprise (登记管理部门 9 = 市场监管, 机构类别 1 = 企业)."""
    body = "MA" + "".join(rng.choice(CREDIT_CHARSET) for _ in range(6))
    first17 = "91" + region + body + _org_check_char(body)
    return next(first17 + c for c in CREDIT_CHARSET if credit_code_status(first17 + c) == "valid")


def corrupt_credit_code(code: str, rng: random.Random) -> str:
    """The same code with a wrong check character."""
    index = CREDIT_CHARSET.index(code[-1])
    return code[:-1] + CREDIT_CHARSET[(index + rng.randint(1, 30)) % 31]


def make_id_number(rng: random.Random, region: str, birth: dt.date, male: bool) -> str:
    """A valid ID number; the sequence number's last digit is odd for a man (GB 11643)."""
    sequence = rng.randint(10, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return next(first17 + c for c in "0123456789X" if valid_id_number(first17 + c))
