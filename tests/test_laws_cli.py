"""`casecheck laws list|show|import` through the laws CLI module."""

from __future__ import annotations

import argparse
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
