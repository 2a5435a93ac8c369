"""Synthetic ordinary-procedure case files with seeded defects (tests, demo, trainer mode).

Verbs: `generate_case(out_dir, defects, seed, layout)` and `sample_case_dir()`; the defect
catalogue is `DEFECTS`.
"""

from casecheck.samples.defects import DEFECTS, Defect
from casecheck.samples.generator import (
    LAYOUTS,
    SIDECAR,
    GeneratedCase,
    SeededDefect,
    generate_case,
    sample_case_dir,
)

__all__ = [
    "DEFECTS",
    "LAYOUTS",
    "SIDECAR",
    "Defect",
    "GeneratedCase",
    "SeededDefect",
    "generate_case",
    "sample_case_dir",
]
