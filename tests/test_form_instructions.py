"""A printed form's instructions (注：1. … at its foot) are not read as what was done."""

from __future__ import annotations

import pytest

from casecheck.rules.checks.common import without_instructions
from casecheck.rules.pack import load_rules

HEADING = next(r for r in load_rules() if r.id == "SERV-001").params["instructions"]


@pytest.mark.parametrize(
    ("text", "kept", "blanked"),
    [
        # numbered notes with a wrapped line and blank lines between items: all blanked
        (
            "送达方式：直接送达\n注：1.受送达人不在场的，交同住成年家属签收，并在备注栏中写\n"
            "明关系。\n\n2.拒绝签收的，可以留置送达，由见证人签名。\n",
            "直接送达",
            "留置送达",
        ),
        # the form's fields after the notes stay readable
        (
            "送达人：张三\n注：1.一案各文书统一使用一份回执。\n送达日期：2025年6月23日\n",
            "2025年6月23日",
            "统一使用",
        ),
        # a remark written by the officer (注：当事人拒签…) is not a printed instruction
        ("送达方式：留置送达\n注：当事人拒绝签收，见证人赵五在场。\n", "见证人赵五", ""),
        (
            "送达日期：2025年6月23日\n填写说明：\n1.邮寄送达的，附邮件回执。\n",
            "2025年6月23日",
            "邮件回执",
        ),
    ],
)
def test_instructions_are_blanked_with_offsets_kept(text: str, kept: str, blanked: str) -> None:
    out = without_instructions(text, HEADING)
    assert len(out) == len(text)
    assert kept in out
    if blanked:
        assert blanked not in out
