"""Where benchmarks come from: the shipped ones (checklists/discretion/benchmarks/*.yaml) and
the user's (`<user data dir>/discretion/*.yaml`, beside the user law store), and which entry
applies to a case.

A benchmark file with a problem is skipped and named (in Chinese) by `load_benchmarks`; it never
stops the others or a check."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from casecheck.discretion.model import (
    GRADES,
    Benchmark,
    Entry,
    Level,
    Provision,
    benchmark_to_json,
)
from casecheck.laws.penalties import parse_fine_ranges, penalty_types
from casecheck.laws.registry import load_registry
from casecheck.model import Citation
from casecheck.nlp.citations import find_citations
from casecheck.resources import checklist_path, data_dir


def user_dir() -> Path:
    """The user's benchmark folder, beside the user law store (`casecheck laws status`)."""
    return data_dir() / "discretion"


@dataclass
class Loaded:
    benchmarks: list[Benchmark] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _citations(text: str) -> list[Citation]:
    registry = load_registry()

    def resolve(name: str) -> str | None:
        law = registry.resolve_name(name)
        return law.name if law else None

    return [c for c in find_citations(text, resolve_name=resolve) if c.law and c.article]


def parse_provisions(text: str) -> tuple[Provision, ...]:
    """The provisions written in `text`, by canonical law name."""
    return tuple(
        dict.fromkeys(Provision(c.law, c.article, c.paragraph, c.item) for c in _citations(text))
    )


def split_articles(text: str) -> tuple[str, str]:
    """(violated, penalty basis) as written in a table cell that may hold both: by the role the
    citation reader gives each (违反…的规定 / 依据…处罚); where it gives none, the last
    provision is the basis and the others were violated."""
    found = _citations(text)
    if not found:
        return "", ""
    basis = [c for c in found if c.role == "penalty_basis"]
    violated = [c for c in found if c.role == "violated"]
    if not basis:
        basis, violated = found[-1:], [c for c in found[:-1] if c.role != "penalty_basis"]
    return "；".join(c.as_written for c in violated), "；".join(c.as_written for c in basis)


def _date(value: Any, what: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{what}“{value}”不是日期（应写作 2023-10-31）") from None


def level_from(raw: dict[str, Any], where: str) -> Level:
    grade = str(raw.get("grade") or "")
    if grade not in GRADES:
        raise ValueError(f"{where}的裁量阶次“{grade}”不是{'、'.join(GRADES)}之一")
    penalty = str(raw.get("penalty") or "")
    ranges, problems = parse_fine_ranges(penalty)
    if problems:
        raise ValueError(f"{where}的处罚标准无法识别：{'；'.join(problems)}")
    facts = raw.get("facts") or []
    if isinstance(facts, str):
        facts = [facts]
    return Level(
        name=str(raw.get("name") or grade),
        grade=grade,
        facts=tuple(str(f) for f in facts),
        penalty=penalty,
        ranges=tuple(ranges),
        types=penalty_types(penalty),
        verified=bool(raw.get("verified", False)),
    )


def entry_from(raw: dict[str, Any], where: str) -> Entry:
    title = str(raw.get("title") or "")
    basis_text = str(raw.get("basis") or "")
    basis = parse_provisions(basis_text)
    if not basis:
        raise ValueError(f"{where}（{title}）的处罚依据“{basis_text}”中没有可识别的条款")
    violated_text = str(raw.get("violated") or "")
    levels = [
        level_from(lv, f"{where}第{n}个阶次") for n, lv in enumerate(raw.get("levels") or [], 1)
    ]
    if not levels:
        raise ValueError(f"{where}（{title}）没有裁量阶次")
    return Entry(
        id=str(raw.get("id") or where),
        title=title,
        basis=basis,
        violated=parse_provisions(violated_text),
        levels=tuple(levels),
        basis_text=basis_text,
        violated_text=violated_text,
    )


def _regions(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)


def benchmark_from(raw: Any, origin: str) -> Benchmark:
    """A benchmark from its YAML form; ValueError (Chinese) on what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("文件内容应为一个裁量基准（name、department、entries …）")
    for key in ("name", "department", "entries"):
        if not raw.get(key):
            raise ValueError(f"缺少 {key}")
    return Benchmark(
        name=str(raw["name"]),
        department=str(raw["department"]),
        regions=_regions(raw.get("regions", raw.get("region"))),
        valid_from=_date(raw.get("from"), "from"),
        valid_to=_date(raw.get("to"), "to"),
        source=str(raw.get("source") or ""),
        url=str(raw.get("url") or ""),
        retrieved=str(raw.get("retrieved") or ""),
        note=str(raw.get("note") or ""),
        entries=[entry_from(e, f"第{n}条目") for n, e in enumerate(raw["entries"], 1)],
        origin=origin,
    )


def _read(paths: Iterable[Path], origin: str, loaded: Loaded) -> None:
    for path in sorted(paths):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            loaded.benchmarks.append(benchmark_from(raw, f"{origin}:{path.name}"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, TypeError) as exc:
            loaded.problems.append(f"裁量基准文件 {path} 未使用：{exc}")


@cache
def load_benchmarks() -> Loaded:
    """The shipped benchmarks and the user's (call `load_benchmarks.cache_clear()` after an
    import)."""
    loaded = Loaded()
    _read(checklist_path("discretion", "benchmarks").glob("*.yaml"), "内置", loaded)
    folder = user_dir()
    if folder.is_dir():
        _read(folder.glob("*.yaml"), "用户", loaded)
    return loaded


def _file_name(name: str) -> str:
    return re.sub(r"[\\/:*?\"<>|\s]+", "_", name).strip("_")[:80] + ".yaml"


def save_benchmark(benchmark: Benchmark) -> Path:
    """Write an imported benchmark into the user store (replacing one of the same name)."""
    target = user_dir() / _file_name(benchmark.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(benchmark_to_json(benchmark), allow_unicode=True, sort_keys=False)
    target.write_text(text, encoding="utf-8")
    load_benchmarks.cache_clear()
    return target


def remove_benchmark(benchmark: Benchmark) -> Path | None:
    """Delete an imported benchmark's file; None for a shipped one."""
    origin, _, name = benchmark.origin.partition(":")
    if origin != "用户":
        return None
    path = user_dir() / name
    path.unlink(missing_ok=True)
    load_benchmarks.cache_clear()
    return path


def _covered(provisions: tuple[Provision, ...], cited: list[Citation]) -> bool:
    return any(p.covers(c.law, c.article, c.paragraph, c.item) for p in provisions for c in cited)


@dataclass
class Match:
    """The benchmark entries that apply to a case, or why none does."""

    entries: list[tuple[Benchmark, Entry]] = field(default_factory=list)
    reason: str = ""


def applicable(
    department: str,
    places: list[str],
    on: dt.date | None,
    basis: list[Citation],
    violated: list[Citation],
) -> Match:
    """The entries of benchmarks for this department, for a region named in `places` (the
    region set for the check and the authority's name), in force on `on`, whose penalty
    articles the case cites as its basis (and whose violated articles it cites, where both
    name them). `reason` says, in Chinese, which of these left nothing."""
    benchmarks = load_benchmarks().benchmarks
    if not department:
        return Match(reason="未识别执法部门，无法选择裁量基准（可在设置中指定部门）")
    mine = [b for b in benchmarks if b.department == department]
    if not mine:
        hint = "可用 casecheck discretion import 导入"
        return Match(reason=f"未收录{department}部门的裁量基准（{hint}）")
    here = [b for b in mine if not b.regions or any(r in p for r in b.regions for p in places if p)]
    if not here:
        regions = "、".join(sorted({r for b in mine for r in b.regions}))
        return Match(reason=f"已收录的{department}裁量基准（{regions}）不适用于本案地区")
    if on is None:
        return Match(reason="案卷中没有作出决定的日期，无法确定适用的裁量基准版本")
    current = [b for b in here if b.in_force(on)]
    if not current:
        periods = "；".join(f"{b.name} {b.period()}" for b in here)
        return Match(reason=f"{on.isoformat()}不在已收录裁量基准的施行期内（{periods}）")
    if not basis:
        return Match(reason="决定书未引用可核对的处罚依据条款，无法对应裁量基准条目")
    found = [
        (b, e)
        for b in current
        for e in b.entries
        if _covered(e.basis, basis)
        and (not e.violated or not violated or _covered(e.violated, violated))
    ]
    if not found:
        names = "、".join(b.name for b in current)
        return Match(reason=f"本案的处罚依据条款不在适用的裁量基准（{names}）中")
    return Match(entries=found)


def grade_of(name: str, mapping: dict[str, str]) -> str | None:
    """The grade a published level name stands for (`mapping`: name pattern → grade)."""
    for pattern, grade in mapping.items():
        if re.search(pattern, name):
            return grade
    return None
