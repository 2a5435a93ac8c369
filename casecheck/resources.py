"""Where the shipped data lives: `checklists/` beside the package in a source tree, or
`casecheck/checklists/` inside an installed wheel or a PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs
import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR_ENV = "CASECHECK_DATA_DIR"


def data_dir() -> Path:
    """Where casecheck keeps user data: $CASECHECK_DATA_DIR, else the platform's user data dir."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir("casecheck"))


@cache
def checklists_dir() -> Path:
    candidates = [_PACKAGE_DIR / "checklists", _PACKAGE_DIR.parent / "checklists"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "casecheck" / "checklists")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("找不到规则数据目录 checklists/（安装包不完整）")


def checklist_path(*parts: str) -> Path:
    return checklists_dir().joinpath(*parts)


@cache
def load_yaml(*parts: str) -> Any:
    """Load a YAML file under checklists/ once; callers must not mutate the result."""
    with checklist_path(*parts).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
