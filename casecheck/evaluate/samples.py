"""Gold documents from generated case files: the generator knows the true facts.

For each seed a clean case is written to a temporary folder and read back through the ingest
readers (.docx/.pdf, as a user's case would be); the expected values of each chosen document
come from the seed's `CaseFacts`, not from reading the text. Documents are chosen by the
generator's keys (decision, notice, filing …); the type is the generator's, not the
classifier's, so that only extraction is measured.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from casecheck.ingest import read_path
from casecheck.samples import docs_decision, docs_hearing
from casecheck.samples.facts import CaseFacts, make_facts
from casecheck.samples.generator import generate_case

FOOD_SAFETY = "中华人民共和国食品安全法"
PENALTY_LAW = "中华人民共和国行政处罚法"
PROCEDURE_RULES = "市场监督管理行政处罚程序规定"

Expected = dict[str, list[Any]]
Citations = list[dict[str, Any]]

# 食品安全法第三十四条第（十）项 (violated) and 第一百二十四条第一款第（五）项 (penalty basis):
# the provisions of the generator's case (see casecheck.samples.facts).
_OFFENCE: Citations = [
    {"law": FOOD_SAFETY, "article": 34, "item": 10, "role": "violated"},
    {"law": FOOD_SAFETY, "article": 124, "paragraph": 1, "item": 5, "role": "penalty_basis"},
]


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _decision(f: CaseFacts) -> tuple[Expected, Citations]:
    t = f.timeline
    expect = {
        "doc_number": [docs_decision.decision_number(f)],
        "authority": [f.authority],
        "party_name": [f.party.name],
        "decision_date": [_iso(t.decision)],
        "fine_amount": [f.fine],
    }
    citations = [
        *_OFFENCE,
        {"law": PENALTY_LAW, "article": 28, "paragraph": 1, "role": "penalty_basis"},
        {"law": PENALTY_LAW, "article": 72, "paragraph": 1, "item": 1, "role": "procedure"},
    ]
    return expect, citations


def _notice(f: CaseFacts) -> tuple[Expected, Citations]:
    expect = {
        "doc_number": [docs_hearing.notice_number(f)],
        "authority": [f.authority],
        "party_name": [f.party.name],
        "decision_date": [],
        "fine_amount": [f.fine_notified],
    }
    rights = [{"law": PENALTY_LAW, "article": a, "role": "procedure"} for a in (44, 45, 63, 64)]
    return expect, [*_OFFENCE, *rights]


def _filing(f: CaseFacts) -> tuple[Expected, Citations]:
    expect = {
        "doc_number": [],
        "authority": [f.authority],
        "party_name": [f.party.name],
        "decision_date": [],
        "fine_amount": [],
    }
    filing_basis = {"law": PROCEDURE_RULES, "article": 19, "role": "procedure"}
    return expect, [_OFFENCE[0], filing_basis]


def _inquiry(f: CaseFacts) -> tuple[Expected, Citations]:
    # The party appears only as the interviewee's employer, so party_name is not scored.
    expect = {"doc_number": [], "authority": [f.authority], "decision_date": [], "fine_amount": []}
    return expect, []


def _report(f: CaseFacts) -> tuple[Expected, Citations]:
    expect = {
        "doc_number": [],
        "authority": [f.authority],
        "party_name": [f.party.name],
        "decision_date": [],
        "fine_amount": [f.fine_notified],
    }
    return expect, list(_OFFENCE)


def _decision_approval(f: CaseFacts) -> tuple[Expected, Citations]:
    expect = {
        "doc_number": [],
        "authority": [f.authority],
        "party_name": [f.party.name],
        "decision_date": [],
        "fine_amount": [f.fine],
    }
    return expect, list(_OFFENCE)


def _service_decision(f: CaseFacts) -> tuple[Expected, Citations]:
    # The receipt quotes the decision's number; it has none of its own.
    expect = {
        "doc_number": [],
        "authority": [f.authority],
        "party_name": [f.party.name],
        "decision_date": [],
        "fine_amount": [],
    }
    return expect, []


def _hearing_notice(f: CaseFacts) -> tuple[Expected, Citations]:
    expect = {
        "doc_number": [docs_hearing.hearing_notice_number(f)],
        "authority": [f.authority],
        "party_name": [f.party.name],
        "decision_date": [],
        "fine_amount": [],
    }
    return expect, []


def _legal_review(f: CaseFacts) -> tuple[Expected, Citations]:
    # The party appears only inside the case name, so party_name is not scored.
    expect = {
        "doc_number": [],
        "authority": [f.authority],
        "decision_date": [],
        "fine_amount": [f.fine],
    }
    return expect, list(_OFFENCE)


def _payment(f: CaseFacts) -> tuple[Expected, Citations]:
    # A bank's voucher: it quotes the decision's number and names the payer and the collecting
    # authority in fields, not as its own number, party or issuer.
    return {"doc_number": [], "decision_date": [], "fine_amount": [f.fine]}, []


def _closing(f: CaseFacts) -> tuple[Expected, Citations]:
    # The closing form quotes the decision's number in a cell; it has none of its own.
    expect = {
        "doc_number": [],
        "authority": [f.authority],
        "party_name": [f.party.name],
        "decision_date": [],
        "fine_amount": [f.fine],
    }
    return expect, []


EXPECTED: dict[str, Callable[[CaseFacts], tuple[Expected, Citations]]] = {
    "decision": _decision,
    "notice": _notice,
    "filing": _filing,
    "inquiry": _inquiry,
    "report": _report,
    "decision_approval": _decision_approval,
    "service_decision": _service_decision,
    "hearing_notice": _hearing_notice,
    "legal_review": _legal_review,
    "payment": _payment,
    "closing": _closing,
}


def sample_gold(seeds: list[int], keys: list[str]) -> Iterator[dict[str, Any]]:
    """Gold entries (as in the gold file, plus the document itself under ``document``) for the
    documents `keys` of the clean generated case of each seed."""
    unknown = [k for k in keys if k not in EXPECTED]
    if unknown:
        raise ValueError(f"示例文书无法给出金标准：{'、'.join(unknown)}")
    for seed in seeds:
        facts = make_facts(seed, frozenset())
        with tempfile.TemporaryDirectory(prefix="casecheck-gold-") as tmp:
            case = generate_case(Path(tmp) / "case", seed=seed)
            documents = {Path(d.path).name: d for d in read_path(case.path).documents}
        types = dict(case.documents)
        for key in keys:
            name = case.file_of(key)
            if name is None:
                continue
            document = documents[name]
            document.id = f"示例案卷{seed}/{name}"
            document.doc_type = types[name]
            expect, citations = EXPECTED[key](facts)
            yield {"document": document, "expect": expect, "citations": citations}
