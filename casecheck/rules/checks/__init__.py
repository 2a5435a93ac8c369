"""Built-in check functions, one module per rule family; importing registers them."""

from casecheck.rules.checks import (  # noqa: F401
    casefile,
    citations,
    completeness,
    consistency,
    deadlines,
    decision,
    discretion,
    events,
    evidence,
    hearing,
    input_files,
    notice,
    officers,
    penalty,
    procedure,
    remedy,
    service,
    wording,
)
