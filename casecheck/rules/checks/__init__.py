"""Built-in check functions, one module per rule family; importing registers them."""

from casecheck.rules.checks import (  # noqa: F401
    completeness,
    consistency,
    deadlines,
    decision,
    hearing,
    input_files,
    notice,
    officers,
    remedy,
)
