"""The Elements of one document: 文号, authority, party, dates of events, amounts, penalty
types, officers, evidence, remedies — each with its char span in `Document.text`.

Extraction is regular expressions over the text, steered by the word lists in
`checklists/lexicon/elements.yaml` and `penalty_types.yaml`; spans are char offsets
(never token edges). Values inside quotation marks are not elements, and the decision's own
facts (penalty, amounts, date, authority) are never read from the statute text it quotes or
appends (`casecheck.nlp.structure.quoted_spans`).
"""

from __future__ import annotations

from casecheck.model import Document, Element
from casecheck.nlp.amounts import amounts, penalty_types
from casecheck.nlp.events import dated_events
from casecheck.nlp.evidence import evidence
from casecheck.nlp.header import authority, doc_number
from casecheck.nlp.labelled import address, case_cause, identifiers, legal_representative
from casecheck.nlp.officers import officers
from casecheck.nlp.party import party_names
from casecheck.nlp.remedies import remedies
from casecheck.nlp.rights import RightsNotice, extract_rights_notice
from casecheck.nlp.structure import in_spans, quoted_spans
from casecheck.nlp.text import DocText

__all__ = ["RightsNotice", "extract_elements", "extract_rights_notice"]

# What a quoted statute says is the law's: these kinds are the decision's own facts only.
_OWN_FACTS = {"penalty_type", "fine_amount", "confiscation_amount", "decision_date", "authority"}


def extract_elements(doc: Document) -> list[Element]:
    """All Elements of `doc`, ordered by position; kinds are those of `model.ELEMENT_KINDS`."""
    if not doc.text.strip():
        return []
    t = DocText(doc)
    limit = t.header_end + 200
    out: list[Element] = []
    out += doc_number(t)
    out += authority(t)
    parties = party_names(t)
    out += parties
    out += identifiers(t)
    out += legal_representative(t)
    out += address(t, limit)
    out += case_cause(t, parties)
    out += dated_events(t)
    out += amounts(t)
    out += penalty_types(t)
    out += officers(t)
    out += evidence(t)
    out += remedies(t)
    quoted = quoted_spans(doc)
    out = [e for e in out if e.kind not in _OWN_FACTS or not in_spans(e.start, quoted)]
    return sorted(out, key=lambda e: (e.start, e.kind))
