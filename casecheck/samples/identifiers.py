"""Identifiers with real check digits: the unified social credit code (GB 32100-2015) with its
organisation code (GB 11714), and the resident ID number (GB 11643)."""

from __future__ import annotations

import datetime as dt
import random

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def credit_check_char(first17: str) -> str:
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def _org_check_char(first8: str) -> str:
    total = sum(int(c, 36) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def make_credit_code(rng: random.Random, region: str) -> str:
    """A valid code of an enterprise (登记管理部门 9 = 市场监管, 类别 1 = 企业)."""
    body = "MA" + "".join(rng.choice(CREDIT_CHARSET) for _ in range(6))
    first17 = "91" + region + body + _org_check_char(body)
    return first17 + credit_check_char(first17)


def corrupt_credit_code(code: str, rng: random.Random) -> str:
    """The same code with a wrong check character."""
    index = CREDIT_CHARSET.index(code[-1])
    return code[:-1] + CREDIT_CHARSET[(index + rng.randint(1, 30)) % 31]


def make_id_number(rng: random.Random, region: str, birth: dt.date, male: bool) -> str:
    sequence = rng.randint(10, 99) * 10 + rng.choice((1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8))
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]
