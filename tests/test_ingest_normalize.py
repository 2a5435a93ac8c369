"""Text normalisation and content sniffing (pure functions), table-driven."""

from __future__ import annotations

import pytest

from casecheck.ingest.normalize import (
    clean_line,
    full_lines_by_width,
    normalize_text,
    split_lines,
)
from casecheck.ingest.sniff import decode_text, sniff


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("2025 年 1 月 10 日", "2025年1月10日"),
        ("当  事  人：青禾示例食品有限公司", "当事人：青禾示例食品有限公司"),
        ("　　经查，当事人", "经查，当事人"),  # ideographic-space indent
        ("罚款 5,000 元", "罚款5,000元"),
        ("一、 违法事实", "一、违法事实"),
        ("清市监罚〔2025〕 18 号", "清市监罚〔2025〕18号"),
        ("Room 301  Block B", "Room 301 Block B"),  # spaces between Latin words stay (one)
        ("尾部空格   ", "尾部空格"),
        ("全角数字２０２５年", "全角数字２０２５年"),  # full-width digits are kept
        ("（ 纳 税 人 识 别 号 ：", "（纳税人识别号："),
        ("零\u200b宽\x1f字符", "零宽字符"),
        ("tab\t分隔", "tab分隔"),
        ("辽 宁 恒 慧 有 限 公 司 ：", "辽宁恒慧有限公司："),  # letter-spaced PDF text
        ("行  政  处  罚  决  定  书", "行政处罚决定书"),
        ("本机关于 2025 年 4 月 10 日 向当事人送达", "本机关于2025年4月10日向当事人送达"),
        # Spaces between words of several Han characters separate names and fields.
        ("检查人员签名：金婷婷 白文博", "检查人员签名：金婷婷 白文博"),
        ("被询问人：卢国栋\u3000\u3000性别：男", "被询问人：卢国栋 性别：男"),
        ("《财政部  国家税务总局关于", "《财政部 国家税务总局关于"),
    ],
)
def test_clean_line(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


def test_full_width_punctuation_is_not_folded() -> None:
    text = "根据《中华人民共和国行政处罚法》第三十二条（一）项：罚款；"
    assert normalize_text(text) == text


def test_line_ends_and_paragraph_breaks() -> None:
    assert split_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]
    assert normalize_text("第一段\r\n\r\n第二段  \r\n") == "第一段\n\n第二段\n"


WRAPPED = [
    "经查，当事人于2025年3月5日在其经营场所销售超过保质期的预",
    "包装食品共计48盒，货值金额人民币1440元，违法所得人民币",
    "360元。执法人员当场制作了现场检查笔录并对涉案食品予以扣押",
    "，当事人对检查结果无异议，并在笔录上签字确认。",
    "一、责令当事人改正上述违法行为，依法没收违法所得并处罚",
    "款人民币伍万元整。",
    "清河县市场监督管理局",
    "2025年5月12日",
]


def test_wrapped_lines_are_joined_where_full() -> None:
    full = full_lines_by_width(WRAPPED)
    assert full == {0, 1, 2, 4}
    assert normalize_text("\n".join(WRAPPED), full).split("\n") == [
        "经查，当事人于2025年3月5日在其经营场所销售超过保质期的预包装食品共计48盒，"
        "货值金额人民币1440元，违法所得人民币360元。执法人员当场制作了现场检查笔录并对涉案"
        "食品予以扣押，当事人对检查结果无异议，并在笔录上签字确认。",
        # A list item starts a new line even after a full line.
        "一、责令当事人改正上述违法行为，依法没收违法所得并处罚款人民币伍万元整。",
        "清河县市场监督管理局",
        "2025年5月12日",
    ]


@pytest.mark.parametrize(
    ("line", "next_line", "joined"),
    [
        ("根据《中华人民共和国食品安全法》第一百二十四条第一款第", "（五）项的规定", True),
        ("根据《中华人民共和国食品安全法》第一百二十四条第一款规定：", "（一）没收违法所得", False),
        ("根据《中华人民共和国食品安全法》第一百二十四条第一款规定。", "当事人应当", False),
        ("根据《中华人民共和国食品安全法》第一百二十四条第一款规定", "2.没收违法所得", False),
        ("根据《中华人民共和国食品安全法》第一百二十四条第一款规定", "2.5万元", True),
        ("当事人青禾示例食品有限公司统一社会信用代码91330100MA2", "H7K3X1R）", True),
        ("当事人青禾示例食品有限公司，地址清河县示例路1号，邮编", "311100。", True),
    ],
)
def test_wrap_decision(line: str, next_line: str, joined: bool) -> None:
    result = normalize_text(f"{line}\n{next_line}", full_lines={0})
    assert result == (line + next_line if joined else f"{line}\n{next_line}")
    # A line that is not full never joins.
    assert normalize_text(f"{line}\n{next_line}") == f"{line}\n{next_line}"


def test_wrapped_latin_words_keep_a_space() -> None:
    line = "Qinghe Example Food Company Limited, Room 301, Building B, No"
    assert normalize_text(f"{line}\nRoad", {0}) == f"{line} Road"
    assert normalize_text(f"{line}\n7 Road", {0}) == f"{line}7 Road"


def test_a_table_rows_last_cell_takes_in_its_wrapped_lines() -> None:
    text = (
        "| 案情摘要 | 经查，当事人于2025年4月8日 |\n起在某地开设诊所，违法所得3200\n元。\n"
        "| 承办人 | 周某 |"
    )
    assert normalize_text(text, full_lines={0, 1}).split("\n") == [
        "|案情摘要|经查，当事人于2025年4月8日起在某地开设诊所，违法所得3200元。|",
        "|承办人|周某|",
    ]


def test_unwrapped_text_has_no_wrap_width() -> None:
    paragraphs = [
        "经查，当事人于2025年3月5日销售过期食品。",
        "上述事实有现场检查笔录、询问笔录等证据证实，当事人对此无异议并签字确认，执法人员二人在场。",
        "本机关认为：",
        "当事人的行为违反了食品安全法的规定。",
        "清河县市场监督管理局",
    ]
    assert full_lines_by_width(paragraphs) == set()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n%...", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "ole"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "encrypted_office",
        ),
        ("行政处罚决定书".encode("gbk"), "text"),
        ("行政处罚决定书".encode("utf-16"), "text"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)), "binary"),
    ],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb18030"]
)
def test_decode_text(encoding: str) -> None:
    text = "当事人：青禾示例食品有限公司\n罚款人民币伍万元整。"
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = ("\ufeff" + text).encode(encoding)  # with a BOM, as Notepad writes it
    assert decode_text(data) == text


def test_decode_text_rejects_binary() -> None:
    assert decode_text(bytes(range(256)) * 4) is None
    assert decode_text(b"\x81\x30") is None  # an incomplete GB18030 sequence, not UTF-8
