"""`casecheck laws …`: list and show known laws, import statute files into the user store or
export shipped facts. Wired into casecheck/cli.py through `add_parser` and `run`."""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

from casecheck.laws.currency import load_currency
from casecheck.laws.facts import LawRecord
from casecheck.laws.registry import Law, load_registry, shipped_registry
from casecheck.laws.store import LawStore

RESET_HINT = "请运行 casecheck laws reset 清空（原库保留为 .bak）后重新导入"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("laws", help="法律法规库：查看、导入")
    sub = parser.add_subparsers(dest="laws_command", required=True)
    lst = sub.add_parser("list", help="列出已知法律法规")
    lst.add_argument("--level", help="效力层级，如 法律、行政法规、部门规章")
    lst.add_argument("--search", help="名称包含的文字")
    show = sub.add_parser("show", help="显示一部法律的版本、条数和罚则条文")
    show.add_argument("name", help="法律名称（全称、简称或别名）")
    imp = sub.add_parser(
        "import", help="导入法规文件（国家法律法规数据库的 .docx/.pdf/.html，或 .md/.txt、目录）"
    )
    imp.add_argument("paths", nargs="+", help="文件或目录")
    imp.add_argument("--export-facts", metavar="DIR", help="不写入用户库，改为导出事实数据到 DIR")
    imp.add_argument(
        "--merge", action="store_true", help="与 --export-facts 同用：并入 DIR 中已有的事实数据"
    )
    sub.add_parser(
        "status", help="法律数据日期及此后的修改；用户法规库的内容（与随软件数据相比）和是否损坏"
    )
    remove = sub.add_parser("remove", help="从用户法规库删除一部法律法规")
    remove.add_argument("name", help="法律名称（全称，见 casecheck laws status）")
    sub.add_parser("reset", help="清空用户法规库（原库改名为 .bak 保留）")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    command = args.laws_command
    if command == "list":
        return _list(args.level, args.search)
    if command == "show":
        return _show(args.name)
    if command == "status":
        return _status()
    if command == "remove":
        return _remove(args.name)
    if command == "reset":
        return _reset()
    return _import(args.paths, args.export_facts, args.merge)


def _status() -> int:
    currency = load_currency()
    print(
        f"法律数据截至 {currency.current_to.isoformat()}"
        f"（法规文本 {currency.statute_files.isoformat()}，此后的修改如下）"
    )
    for change in currency.changes:
        held = _HELD[change.facts]
        checked = "已核实" if change.verified else "未核实"
        when = change.effective.isoformat() if change.effective else "日期不明"
        print(f"  《{change.law}》{change.version} 版，{when} 起施行：{held}，{checked}")
        if change.notes:
            print(f"    {change.notes}")
        print(f"    来源：{change.source}")
    store = LawStore()
    contents = store.read()
    print(f"用户法规库：{store.path}" + ("" if store.path.exists() else "（尚未建立）"))
    print(f"已导入 {len(contents.names)} 部，可用 {len(contents.records)} 部")
    shipped = shipped_registry()
    for record in contents.records:
        print(f"  {record.name}：{_user_change(record, shipped.resolve_name(record.name))}")
    readable = {r.name for r in contents.records}
    for name in contents.names:
        if name not in readable:
            print(f"  {name}")
    for problem in contents.problems:
        print(f"  [损坏] {problem}")
    return 1 if contents.problems else 0


_HELD = {"articles": "条款与罚则已收录", "count": "仅收录条数", "none": "条文未收录"}


def _user_change(record: LawRecord, shipped: Law | None) -> str:
    """What an imported law changes against the shipped facts (Chinese)."""
    if shipped is None:
        return "新增（随软件提供的数据中没有）"
    known = {v.date for v in shipped.versions if v.has_facts and v.article_count}
    latest = max((v.date for v in shipped.versions), default="")
    newer = [v.date for v in record.versions if v.articles is not None and v.date > latest]
    replaced = [v.date for v in record.versions if v.articles is not None and v.date in known]
    added = [
        v.date
        for v in record.versions
        if v.articles is not None and v.date not in known and v.date <= latest
    ]
    parts = []
    if newer:
        parts.append(f"比随软件提供的数据新的版本 {'、'.join(newer)}")
    if added:
        parts.append(f"补充条款的版本 {'、'.join(added)}")
    if replaced:
        parts.append(f"替换随软件提供的版本 {'、'.join(replaced)}")
    return "；".join(parts) or "与随软件提供的数据相同的版本"


def _remove(name: str) -> int:
    store = LawStore()
    try:
        removed = store.remove(name)
    except sqlite3.DatabaseError as exc:
        print(f"用户法规库 {store.path} 已损坏（{exc}），无法删除单部法规；{RESET_HINT}")
        return 1
    load_registry.cache_clear()
    if not removed:
        print(f"用户法规库中没有《{name}》（见 casecheck laws status）")
        return 1
    print(f"已从用户法规库删除《{name}》")
    return 0


def _reset() -> int:
    backup = LawStore().reset()
    load_registry.cache_clear()
    if backup is None:
        print("用户法规库尚未建立，无需清空")
    else:
        print(f"已清空用户法规库；原库保留为 {backup}")
    return 0


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
    print(f"共 {len(laws)} 部（用户导入的法规保存在 {LawStore().path}，见 casecheck laws status）")
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


def _import(paths: list[str], export_dir: str | None, merge: bool = False) -> int:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"找不到文件或目录：{'、'.join(missing)}")
        return 1
    started = time.perf_counter()
    # The importer pulls in the document readers; load it only for `laws import`.
    from casecheck.laws.importer import export_facts, import_paths

    result = export_facts(paths, export_dir, merge=merge) if export_dir else import_paths(paths)
    if not export_dir:
        try:
            LawStore().save(result.records)
        except sqlite3.DatabaseError as exc:
            print(f"用户法规库 {LawStore().path} 已损坏（{exc}），未导入；{RESET_HINT}")
            return 1
        load_registry.cache_clear()
    versions = sum(len(r.versions) for r in result.records)
    where = f"已导出到 {export_dir}" if export_dir else "已导入用户法规库"
    elapsed = time.perf_counter() - started
    counts = f"{len(result.records)} 部、{versions} 个版本"
    print(f"{where}：{counts}（{result.files} 个文件，{elapsed:.1f} 秒）")
    for error in result.errors:
        print(f"  未导入：{error}")
    return 0 if result.records or not result.errors else 1
