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
    "discretion": 3,  # benchmarks as data: read by the rules
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


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_dependencies(path: Path, modules: set[str]) -> set[str]:
    """The casecheck modules `path` imports when it runs (lazy imports included; imports only
    for type checking left out). `from package import submodule` depends on the submodule."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = {f"{node.module}.{a.name}" for a in node.names} & modules
            found |= subs if len(subs) == len(node.names) else {node.module, *subs}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found & modules - {_module_name(path)}


def test_no_import_cycle_in_the_engine():
    paths = {_module_name(p): p for p in _engine_modules()}
    graph = {name: _runtime_dependencies(path, set(paths)) for name, path in paths.items()}
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for dependency in sorted(graph[name]):
            if state.get(dependency) == 1:
                cycles.append([*trail[trail.index(dependency) :], dependency])
            elif dependency not in state:
                visit(dependency, [*trail, dependency])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
