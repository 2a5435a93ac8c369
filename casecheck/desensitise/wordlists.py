"""The word lists and pseudonym material of `checklists/lexicon/desensitise.yaml`."""

from __future__ import annotations

from functools import cache
from typing import Any

from casecheck.resources import load_yaml


@cache
def words() -> dict[str, Any]:
    """The word lists and pseudonym material of `checklists/lexicon/desensitise.yaml`."""
    return load_yaml("lexicon", "desensitise.yaml")
