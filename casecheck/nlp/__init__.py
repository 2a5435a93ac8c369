"""Reading facts out of Chinese 执法文书: numerals and money, dates, identifiers, and the
Elements of a document (Contract 1's `elements`).

Importing this package does not import jieba: `casecheck.nlp.names` loads it (configured by
`casecheck.nlp.segmenter`) on the first officer name it has to tell from other words.
"""

from __future__ import annotations

from casecheck.nlp.dates import DateMatch, find_dates, parse_date
from casecheck.nlp.elements import RightsNotice, extract_elements, extract_rights_notice
from casecheck.nlp.identifiers import (
    credit_code_status,
    find_credit_codes,
    find_id_numbers,
    id_number_status,
    valid_credit_code,
    valid_id_number,
)
from casecheck.nlp.numbers import (
    Amount,
    Range,
    find_amounts,
    find_ranges,
    parse_amount,
    parse_int,
    parse_percent,
    parse_range,
)
from casecheck.nlp.structure import DecisionStructure, decision_parts, quoted_spans

__all__ = [
    "Amount",
    "DateMatch",
    "DecisionStructure",
    "Range",
    "RightsNotice",
    "credit_code_status",
    "decision_parts",
    "extract_elements",
    "extract_rights_notice",
    "find_amounts",
    "find_credit_codes",
    "find_dates",
    "find_id_numbers",
    "find_ranges",
    "id_number_status",
    "parse_amount",
    "parse_date",
    "parse_int",
    "parse_percent",
    "parse_range",
    "quoted_spans",
    "valid_credit_code",
    "valid_id_number",
]
