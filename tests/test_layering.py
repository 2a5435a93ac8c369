"""The engine's layers only point down, and the app uses only the public API.

Layers, bottom up (issue: one engine API): the data model; reading, language, law facts; the
timeline; the rules; scoring; reports; the batch, the CLI and the tools on top. A module may
import its own layer or any below; `ui/` may import `casecheck`, `casecheck.model` and
`casecheck.labels` only. Imports inside functions count too: a lazy import is still a
dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# top-level module or package of casecheck → its layer
LAYERS: dict[str, int] = {
    "version": 0,
    "resources": 0,
    "model": 0,
    "labels": 1,
    "holidays": 1,
    "workdays": 1,
    "casekind": 1,
    "outputs": 1,
    "limits": 0,
    "classify": 2,
    "ingest": 2,
    "nlp": 2,
    "laws": 2,
    "timeline": 3,
    "rules": 4,
    "periods": 5,
    "scoring": 5,
    "batch_stats": 6,
    "report": 7,
    "review": 7,
    "engine": 8,
    "samples": 9,
    "rule_examples": 9,
    "batch": 10,
    "desensitise": 10,
    "evaluate": 10,
    "__init__": 11,  # the public API: it names everything, imported on first use
    "batch_cli": 11,
    "rules_cli": 11,
    "holidays_cli": 11,
    "selftest": 11,
    "cli": 11,
    "__main__": 12,
}
UI_ALLOWED = {"__init__", "model", "labels"}  # the public API, data classes, display names


def _part(module: str) -> str:
    """The top-level module of casecheck a name belongs to (`__init__` for the public API)."""
    parts = module.split(".")
    if len(parts) == 1 or (parts[1] not in LAYERS and not (ROOT / "casecheck" / parts[1]).exists()):
        return "__init__"
    return parts[1]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "casecheck":
            found.update(f"casecheck.{alias.name}" for alias in node.names)  # a submodule or API
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "casecheck" or name.startswith("casecheck.")}


def _engine_modules() -> list[Path]:
    return sorted((ROOT / "casecheck").rglob("*.py"))


@pytest.mark.parametrize("path", _engine_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_engine_imports_point_down(path):
    here = _part(
        "casecheck." + ".".join(path.relative_to(ROOT / "casecheck").with_suffix("").parts)
    )
    assert here in LAYERS, f"{path}: add its package to LAYERS"
    upward = [
        name
        for name in _imports(path)
        if _part(name) != here and LAYERS.get(_part(name), 99) > LAYERS[here]
    ]
    assert upward == [], f"{here} (layer {LAYERS[here]}) imports from above: {upward}"


@pytest.mark.parametrize("path", sorted((ROOT / "ui").glob("*.py")), ids=lambda p: p.name)
def test_the_app_uses_only_the_public_api(path):
    private = sorted(name for name in _imports(path) if _part(name) not in UI_ALLOWED)
    assert private == [], f"{path.name} imports engine internals: {private}"
