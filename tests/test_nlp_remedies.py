"""The remedy notice read from the wordings of many departments: for 复议 and 诉讼 each, the
period and the body as told to the party; routes that are no notice (the enforcement clause, a
heading, the no-suspension rule, quoted law) are not read as one."""

from __future__ import annotations

import pytest

from casecheck.model import Document
from casecheck.nlp.remedies import remedies
from casecheck.nlp.text import DocText

REC, LIT = "remedy_reconsideration", "remedy_litigation"


def read(text: str) -> dict[str, tuple[str | None, str | None]]:
    """kind → (period, body) of the notice found in `text`."""
    found = remedies(DocText(Document("d1", "d1.txt", text)))
    return {e.kind: (e.normalized["period"], e.normalized["body"]) for e in found}


CASES = [
    # 市场监管 (2024 onwards: the government at the same level)
    (
        "如不服本行政处罚决定，可以在收到本决定书之日起六十日内向某县人民政府申请行政复议；"
        "也可以在六个月内依法向某县人民法院提起行政诉讼。",
        {REC: ("六十日", "某县人民政府"), LIT: ("六个月", "某县人民法院")},
    ),
    # 税务 (vertical: the tax bureau one level up), lines broken as in a PDF
    (
        "如对本决定不服，可以自收到本决定书之日起六十日内依法\n向国家税务总局某市税务局申请行政复议，"
        "或者自收到本决定\n书之日起六个月内依法向人民法院起诉。如对处罚决定逾期不申\n请复议也不向人民法院"
        "起诉、又不履行的，我局有权采取强制执行措施。",
        {REC: ("六十日", "国家税务总局某市税务局"), LIT: ("六个月", "人民法院")},
    ),
    # 生态环境, 60 and 6 in digits, 提出行政诉讼
    (
        "你单位如不服本决定，可在收到本决定书之日起60日内向某市人民政府申请行政复议，"
        "也可以在6个月内向某区人民法院提出行政诉讼。",
        {REC: ("60日", "某市人民政府"), LIT: ("6个月", "某区人民法院")},
    ),
    # 交通运输: court without 向, period before a comma
    (
        "当事人若对本处罚决定不服，可在接到处罚决定书之日起六十日内，向某县人民政府申请复议；"
        "也可以在六个月内直接某县人民法院提起诉讼。",
        {REC: ("六十日", "某县人民政府"), LIT: ("六个月", "某县人民法院")},
    ),
    # 当场处罚 after 2024: reconsideration first, then 15 days to sue over its decision
    (
        "如不服本决定，应当先在收到本决定书之日起六十日内向某区人民政府申请行政复议；对复议决定不服的，"
        "可以在收到复议决定书之日起十五日内向某区人民法院提起行政诉讼。",
        {REC: ("六十日", "某区人民政府"), LIT: ("十五日", "某区人民法院")},
    ),
    # 应急管理 blank form: the blanks are the bodies to fill in
    (
        "如果不服本决定，可以依法在60日内向 ＿＿＿＿ 申请行政复议，或者在6个月内依法向 ＿＿＿＿ "
        "提起行政诉讼，但本决定不停止执行。",
        {REC: ("60日", "＿＿＿＿"), LIT: ("6个月", "＿＿＿＿")},
    ),
    # 司法行政 decision read from a PDF: a digit split by a space, 申 read as 中, 讼 lost
    (
        "如不服本处罚决定,可在收到本决定之日起六 十日内向某省司法厅或某市人民政府中请行政复议,"
        "或在收到本决定之日起六个月内向某区人民法院提起行政诉 。",
        {REC: ("六十日", "某省司法厅或某市人民政府"), LIT: ("六个月", "某区人民法院")},
    ),
    # routes without periods: the notice, its periods missing
    (
        "当事人如不服本决定，可以依法向某市人民政府申请行政复议，或者向某区人民法院提起行政诉讼。",
        {REC: (None, "某市人民政府"), LIT: (None, "某区人民法院")},
    ),
    # neither period nor body for the action
    (
        "当事人若对本处罚决定不服，可在接到处罚决定书之日起六十日内向某省人民政府申请复议；"
        "也可以直接向人民法院提起诉讼。",
        {REC: ("六十日", "某省人民政府"), LIT: (None, "人民法院")},
    ),
    # no body named
    (
        "如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，也可以在六个月内依法提起行政诉讼。",
        {REC: ("六十日", None), LIT: ("六个月", None)},
    ),
    # only reconsideration offered; the action appears only in the enforcement clause
    (
        "如不服本决定，可以在收到本决定书之日起六十日内向某区人民政府申请行政复议。"
        "逾期不申请行政复议也不提起行政诉讼，又不履行本决定的，本局将依法申请人民法院强制执行。",
        {REC: ("六十日", "某区人民政府")},
    ),
    # remnants only: heading, no-suspension rule, enforcement clause
    (
        "四、申请行政复议或者提起行政诉讼的途径和期限\n"
        "对行政处罚决定不服申请行政复议或者提起行政诉讼的，行政处罚不停止执行。\n"
        "当事人逾期不申请行政复议或提起行政诉讼，也不履行本行政处罚决定的，本机关将依法申请人民法院强制执行。",
        {},
    ),
    # a date is not a period (检察院起诉 after 2022年6月)
    (
        "2022年6月，线索移送公安机关，经立案及检察院起诉。",
        {},
    ),
    # quoted statute text is not the notice
    (
        "《中华人民共和国行政复议法》第二十条规定：“公民、法人或者其他组织认为行政行为侵犯其合法权益的，"
        "可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请”。",
        {},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_remedy_notice(text: str, expected: dict[str, tuple[str | None, str | None]]) -> None:
    assert read(text) == expected
