"""casecheck — offline checks of Chinese administrative-penalty case files (行政处罚案卷).

The public API is a handful of verbs; the CLI and the desktop app call only these:

- `read_case(path)`: read a folder, .zip or document files into a `CaseFile`;
- `check_case(path, options)`: read, classify, extract and check; returns a `Report`;
- `Report.to_json()`: the JSON report of Contract 1.

Names are imported on first use, so `import casecheck.model` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

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

_ENGINE = {"CheckOptions", "check_case", "read_case"}
_MODEL = {"CaseFile", "Document", "Finding", "Report"}

if TYPE_CHECKING:
    from casecheck.engine import CheckOptions, check_case, read_case
    from casecheck.model import CaseFile, Document, Finding, Report


def __getattr__(name: str) -> Any:
    if name in _ENGINE:
        from casecheck import engine

        return getattr(engine, name)
    if name in _MODEL:
        from casecheck import model

        return getattr(model, name)
    raise AttributeError(f"module 'casecheck' has no attribute {name!r}")
