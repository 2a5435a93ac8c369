"""`casecheck laws …`: list and show known laws, import statute files into the user store or
export shipped facts. Wired into casecheck/cli.py through `add_parser` and `run`."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from casecheck.laws.registry import Law, load_registry


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("laws", help="法律法规库：查看、导入")
    sub = parser.add_subparsers(dest="laws_command", required=True)
    lst = sub.add_parser("list", help="列出已知法律法规")
    lst.add_argument("--level", help="效力层级，如 法律、行政法规、部门规章")
    lst.add_argument("--search", help="名称包含的文字")
    show = sub.add_parser("show", help="显示一部法律的版本、条数和罚则条文")
    show.add_argument("name", help="法律名称（全称、简称或别名）")
    imp = sub.add_parser("import", help="导入法规文件（.md/.txt/.docx 或目录）")
    imp.add_argument("paths", nargs="+", help="文件或目录")
    imp.add_argument("--export-facts", metavar="DIR", help="不写入用户库，改为导出事实数据到 DIR")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    command = args.laws_command
    if command == "list":
        return _list(args.level, args.search)
    if command == "show":
        return _show(args.name)
    return _import(args.paths, args.export_facts)


def _list(level: str | None, search: str | None) -> int:
    laws = [
        law
        for law in load_registry().by_level(level)
        if not search or any(search in n for n in (law.name, law.short, *law.aliases))
    ]
    for law in sorted(laws, key=lambda x: (x.level, x.name)):
        latest = law.latest
        dates = f"{latest.date}" if latest else "—"
        state = f"（{law.repealed.isoformat()} 废止）" if law.repealed else ""
        print(f"{law.level}\t{law.name}\t{dates}{state}")
    print(f"共 {len(laws)} 部")
    return 0


def _show(name: str) -> int:
    registry = load_registry()
    law = registry.resolve_name(name)
    if law is None:
        hints = "、".join(registry.suggest(name))
        print(f"未找到法律法规：{name}" + (f"。是否指：{hints}" if hints else ""))
        return 1
    _print_law(law)
    return 0


def _print_law(law: Law) -> None:
    print(law.name)
    print(f"  层级：{law.level}" + (f"　制定机关：{law.issuer}" if law.issuer else ""))
    if law.aliases:
        print(f"  简称/别名：{'、'.join(law.aliases)}")
    if law.repealed:
        by = f"，由《{law.replaced_by}》取代" if law.replaced_by else ""
        print(f"  已废止：{law.repealed.isoformat()}{by}")
    for v in law.versions:
        effective = v.effective.isoformat() if v.effective else "未知"
        until = f"，{v.superseded.isoformat()} 起被新版本取代" if v.superseded else ""
        count = f"{v.article_count} 条" if v.article_count else "条数未知"
        print(f"  版本 {v.date}：施行 {effective}（{v.effective_source}）{until}；{count}")
        if v.notes:
            print(f"    {v.notes}")
        penalties = v.penalty_articles()
        if penalties:
            unparsed = sum(1 for a in penalties for p in a.penalties if p.unparsed)
            keys = "、".join(a.key for a in penalties[:40]) + ("…" if len(penalties) > 40 else "")
            print(f"    罚则条文 {len(penalties)} 条（未解析罚款幅度 {unparsed} 处）：{keys}")


def _import(paths: list[str], export_dir: str | None) -> int:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"找不到文件或目录：{'、'.join(missing)}")
        return 1
    started = time.perf_counter()
    # The importer pulls in cn2an; load it only for `laws import`, not with every command.
    from casecheck.laws.importer import export_facts, import_paths
    from casecheck.laws.store import LawStore

    result = export_facts(paths, export_dir) if export_dir else import_paths(paths)
    if not export_dir:
        LawStore().save(result.records)
        load_registry.cache_clear()
    versions = sum(len(r.versions) for r in result.records)
    where = f"已导出到 {export_dir}" if export_dir else "已导入用户法规库"
    elapsed = time.perf_counter() - started
    counts = f"{len(result.records)} 部、{versions} 个版本"
    print(f"{where}：{counts}（{result.files} 个文件，{elapsed:.1f} 秒）")
    for error in result.errors:
        print(f"  未导入：{error}")
    return 0 if result.records or not result.errors else 1
