"""`casecheck laws list|show|import` through the laws CLI module."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from casecheck.laws import cli
from casecheck.laws.registry import load_registry
from tests.test_laws_importer import SAMPLE_FILE, SAMPLE_MD


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CASECHECK_DATA_DIR", str(tmp_path / "data"))
    load_registry.cache_clear()
    yield tmp_path / "data"
    load_registry.cache_clear()


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="casecheck")
    cli.add_parser(parser.add_subparsers(dest="command"))
    return cli.run(parser.parse_args(list(argv)))


def test_list_by_level_and_search(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("laws", "list", "--level", "法律", "--search", "行政处罚") == 0
    out = capsys.readouterr().out
    assert "中华人民共和国行政处罚法" in out
    assert "市场监督管理行政处罚程序规定" not in out  # a 部门规章


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("laws", "show", "行政处罚法") == 0
    out = capsys.readouterr().out
    assert "版本 2021-01-22：施行 2021-07-15" in out and "86 条" in out
    assert run("laws", "show", "《中华人民共和国食品安全法》") == 0
    out = capsys.readouterr().out
    assert "罚则条文" in out and "124" in out


def test_show_names_the_successor(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("laws", "show", "环境噪声污染防治法") == 0
    assert "已废止：2022-06-05，由《中华人民共和国噪声污染防治法》取代" in capsys.readouterr().out


def test_show_unknown_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("laws", "show", "行政处法") == 1
    out = capsys.readouterr().out
    assert "未找到法律法规：行政处法" in out and "中华人民共和国行政处罚法" in out


def test_import_into_user_store(
    tmp_path: Path, user_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "statutes"
    source.mkdir()
    (source / SAMPLE_FILE).write_text(SAMPLE_MD, encoding="utf-8")
    (source / "说明(2025-01-01).md").write_text("# 说明\n\n没有条文。\n", encoding="utf-8")
    assert run("laws", "import", str(source)) == 0
    out = capsys.readouterr().out
    assert "已导入用户法规库：1 部、3 个版本" in out and "未导入" in out
    assert (user_data / "laws.sqlite3").is_file()
    assert run("laws", "show", "示例集市管理法") == 0
    assert "10 条" in capsys.readouterr().out


def test_import_export_facts(tmp_path: Path, user_data: Path) -> None:
    (tmp_path / SAMPLE_FILE).write_text(SAMPLE_MD, encoding="utf-8")
    out = tmp_path / "facts"
    assert run("laws", "import", str(tmp_path / SAMPLE_FILE), "--export-facts", str(out)) == 0
    assert (out / "index.json").is_file() and len(list((out / "facts").iterdir())) == 1
    assert not user_data.exists()


def test_import_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("laws", "import", str(tmp_path / "nope.md")) == 1
    assert "找不到文件或目录" in capsys.readouterr().out


def _cli(*argv: str) -> int:
    from casecheck import cli as main_cli

    return main_cli.main(list(argv))


@pytest.mark.parametrize(
    "damage",
    [b"", b"this is not a database at all" * 40, b"SQLite format 3\x00" + b"\xff" * 4000],
)
def test_a_damaged_store_never_stops_a_command_and_can_be_reset(
    user_data: Path, tmp_path: Path, damage: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    user_data.mkdir(parents=True)
    store = user_data / "laws.sqlite3"
    store.write_bytes(damage)
    case = tmp_path / "决定书.txt"
    case.write_text("行政处罚决定书\n依据《中华人民共和国行政处罚法》第八条\n", encoding="utf-8")
    assert run("laws", "list", "--search", "行政处罚法") == 0
    assert str(store) in capsys.readouterr().out
    assert _cli("check", str(case)) in (0, 1)
    if damage:
        assert "用户法规库" in capsys.readouterr().err
        assert run("laws", "status") == 1
        assert "[损坏]" in capsys.readouterr().out
    assert run("laws", "reset") == 0
    assert (user_data / "laws.sqlite3.bak").read_bytes() == damage
    assert not store.exists()
    assert run("laws", "status") == 0


def test_a_damaged_row_is_reported_and_removed(user_data: Path, tmp_path: Path, capsys) -> None:
    import sqlite3

    from casecheck.laws.store import LawStore

    (tmp_path / SAMPLE_FILE).write_text(SAMPLE_MD, encoding="utf-8")
    assert run("laws", "import", str(tmp_path / SAMPLE_FILE)) == 0
    store = LawStore()
    (name,) = store.read().names
    con = sqlite3.connect(store.path)
    with con:
        con.execute("INSERT INTO laws VALUES ('坏记录', '坏', '法律', '{\"name\": 1', '')")
    con.close()
    contents = store.read()
    assert [r.name for r in contents.records] == [name]
    assert len(contents.problems) == 1 and "坏记录" in contents.problems[0]
    load_registry.cache_clear()
    assert load_registry().resolve_name(name) is not None
    assert run("laws", "remove", "坏记录") == 0
    assert store.read().problems == []
    assert run("laws", "remove", "坏记录") == 1
    capsys.readouterr()


def test_status_lists_the_changes_since_the_shipped_facts(
    tmp_path: Path, user_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The facts' date and the later changes (verified or not), then what each imported law
    changes: a law the shipped facts lack, or a newer version of a shipped one."""
    newer = SAMPLE_MD.replace("中华人民共和国示例集市管理法", "中华人民共和国行政处罚法").replace(
        "2025年3月1日 示例代表会议常务委员会第十一次会议修订",
        "2027年3月1日 示例代表会议常务委员会第十一次会议修订",
    )
    (tmp_path / SAMPLE_FILE).write_text(SAMPLE_MD, encoding="utf-8")
    (tmp_path / "行政处罚法(2027-03-01).md").write_text(newer, encoding="utf-8")
    assert run("laws", "import", str(tmp_path)) == 0
    capsys.readouterr()
    assert run("laws", "status") == 0
    out = capsys.readouterr().out
    assert "法律数据截至 2026-" in out
    public_order = "《中华人民共和国治安管理处罚法》2025-06-27 版，2026-01-01 起施行"
    assert f"{public_order}：条款与罚则已收录，已核实" in out
    assert "《中华人民共和国生态环境法典》" in out and "条文未收录，未核实" in out
    assert "中华人民共和国示例集市管理法：新增" in out
    assert "中华人民共和国行政处罚法：比随软件提供的数据新的版本 2027-03-01" in out


def test_import_merge_into_exported_facts(tmp_path: Path) -> None:
    """--merge adds a law to an existing export and keeps the laws already there."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / SAMPLE_FILE).write_text(SAMPLE_MD, encoding="utf-8")
    other = SAMPLE_MD.replace("示例集市管理法", "示例夜市管理法")
    (second / "示例夜市管理法(2025-03-01).md").write_text(other, encoding="utf-8")
    out = tmp_path / "facts"
    assert run("laws", "import", str(first), "--export-facts", str(out)) == 0
    assert run("laws", "import", str(second), "--export-facts", str(out), "--merge") == 0
    names = [law["name"] for law in json.loads((out / "index.json").read_text("utf-8"))["laws"]]
    assert names == ["中华人民共和国示例集市管理法", "中华人民共和国示例夜市管理法"]
    assert len(list((out / "facts").iterdir())) == 2
    assert run("laws", "import", str(second), "--export-facts", str(out)) == 0
    assert len(json.loads((out / "index.json").read_text("utf-8"))["laws"]) == 1
