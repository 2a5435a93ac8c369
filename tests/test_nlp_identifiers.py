"""Credit codes (GB 32100) and resident ID numbers (GB 11643) (casecheck.nlp.identifiers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casecheck.nlp.identifiers import (
    credit_code_status,
    find_credit_codes,
    find_id_numbers,
    id_number_status,
    valid_credit_code,
    valid_id_number,
)

CREDIT_CODES = [
    ("91310110666007217T", "valid"),
    ("91330101589882738D", "valid"),
    ("91350100M0001TGQXM", "checksum_failed"),  # real early pilot code: warn, don't reject
    ("91310110666007217A", "checksum_failed"),
    ("９１３１０１１０６６６００７２１７Ｔ", "valid"),
    ("91310110666007217t", "valid"),
    (" 91310110666007217T ", "valid"),
    ("120111600435901", "legacy"),
    ("91310110666007217", "invalid"),
    ("91310110666007217TT", "invalid"),
    ("9131011066600721IT", "invalid"),  # I is not in the charset
    ("ZZ310110666007217T", "invalid"),
    ("", "invalid"),
    ("统一社会信用代码", "invalid"),
]


@pytest.mark.parametrize(("code", "status"), CREDIT_CODES)
def test_credit_code_status(code: str, status: str) -> None:
    assert credit_code_status(code) == status
    assert valid_credit_code(code) == (status in ("valid", "legacy"))


ID_NUMBERS = [
    ("11010519491231002X", "valid"),
    ("11010519491231002x", "valid"),
    ("440524188001015368", "valid"),
    ("53010219200508011X", "valid"),
    ("110105194912310021", "checksum_failed"),
    ("11010519491231003X", "checksum_failed"),
    ("110105194902300021", "bad_birth_date"),  # 30 February
    ("110105299901010021", "bad_birth_date"),  # born in the future
    ("330102********1234", "masked"),
    ("330102**********34", "masked"),
    ("110105491231002", "legacy"),
    ("11010519491231002Y", "invalid"),
    ("1101051949123100", "invalid"),
    ("3301*2", "invalid"),
    ("", "invalid"),
]


@pytest.mark.parametrize(("code", "status"), ID_NUMBERS)
def test_id_number_status(code: str, status: str) -> None:
    assert id_number_status(code) == status
    assert valid_id_number(code) == (status == "valid")


TEXT = (
    "当事人：某某科技有限公司，统一社会信用代码：91330101589882738D，"
    "法定代表人张某，身份证号码：11010519491231002X。"
    "另一当事人身份证号330102********1234。营业执照注册号120111600435901。"
    "旧代码91350100M0001TGQXM。电话13800000000。"
)


def test_find_credit_codes() -> None:
    found = find_credit_codes(TEXT)
    assert [(TEXT[c.start : c.end], c.status) for c in found] == [
        ("91330101589882738D", "valid"),
        ("120111600435901", "legacy"),
        ("91350100M0001TGQXM", "checksum_failed"),
    ]


def test_find_id_numbers() -> None:
    found = find_id_numbers(TEXT)
    assert [(TEXT[c.start : c.end], c.status) for c in found] == [
        ("11010519491231002X", "valid"),
        ("330102********1234", "masked"),
    ]
    assert found[0].birth_date is not None and found[0].birth_date.year == 1949
    assert found[1].birth_date is None


def test_wrong_id_checksum_is_found_as_id_not_code() -> None:
    text = "身份证号码：110105194912310021"
    assert [c.status for c in find_id_numbers(text)] == ["checksum_failed"]
    assert find_credit_codes(text) == []


def test_bare_fifteen_digits_need_an_id_label() -> None:
    assert find_id_numbers("注册号110105491231002") == []
    assert [c.status for c in find_id_numbers("身份证号110105491231002")] == ["legacy"]


@given(st.text(max_size=40))
def test_identifiers_never_raise(text: str) -> None:
    credit_code_status(text)
    id_number_status(text)
    find_credit_codes(text)
    find_id_numbers(text)


@given(st.text(alphabet="0123456789XABCDY*＊０ ", min_size=14, max_size=20))
def test_digit_soup_never_raises(text: str) -> None:
    find_credit_codes(text)
    find_id_numbers(text)
