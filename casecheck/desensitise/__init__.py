"""Desensitising a real case file for teaching (脱敏): `desensitise_case(source, out_dir)` writes a
copy with personal values replaced by consistent pseudonyms, and the mapping apart from it."""

from casecheck.desensitise.run import (
    DesensitiseError,
    DesensitiseResult,
    Skipped,
    Written,
    default_mapping_path,
    desensitise_case,
)
from casecheck.desensitise.values import CATEGORY_LABELS

__all__ = [
    "CATEGORY_LABELS",
    "DesensitiseError",
    "DesensitiseResult",
    "Skipped",
    "Written",
    "default_mapping_path",
    "desensitise_case",
]
