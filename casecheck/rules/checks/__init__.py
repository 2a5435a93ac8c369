"""Built-in check functions, one module per rule family; importing registers them."""

from casecheck.rules.checks import (  # noqa: F401
    citations,
    completeness,
    consistency,
    deadlines,
    discretion,
    document_numbers,
    elements,
    events,
    evidence,
    hearing,
    input_files,
    lists,
    notice,
    officers,
    penalty,
    procedure,
    remedy,
    seals,
    wording,
)
