"""casecheck — offline checks of Chinese administrative-penalty case files (行政处罚案卷).

The public API is a handful of verbs; the CLI and the desktop app call only these:

- `read_case(path)`: read a folder, .zip or document files into a `CaseFile`;
- `check_case(path, options)`: read, classify, extract and check; returns a `Report`;
- `Report.to_json()`: the JSON report of Contract 1.
"""

from __future__ import annotations

__version__ = "0.1.0"

from casecheck.engine import CheckOptions, check_case, read_case  # noqa: E402
from casecheck.model import CaseFile, Document, Finding, Report  # noqa: E402

__all__ = [
    "CaseFile",
    "CheckOptions",
    "Document",
    "Finding",
    "Report",
    "__version__",
    "check_case",
    "read_case",
]
