"""State Council holiday notices as data: the notice's text read into days off and weekend days
worked, the shipped table, and the user's table that `casecheck holidays import` writes."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import chinese_calendar
import pytest

from casecheck import holidays_cli, workdays
from casecheck.holidays import AnnouncementError, parse_announcement, read_table
from casecheck.resources import load_yaml

D = dt.date

# A notice written for the test in the notices' style (an invented 2027 arrangement).
NOTICE_2027 = """\
国务院办公厅关于2027年部分节假日安排的通知
经国务院批准，现将2027年元旦、春节等节日放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（周五）放假调休，共8天。1月31日（周日）、2月20日（周六）上班。
三、清明节：4月5日（周一）放假，与周末连休。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假1天。
六、中秋节、国庆节：9月15日（周三）放假；10月1日至7日放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
国务院办公厅
"""


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CASECHECK_DATA_DIR", str(tmp_path / "data"))
    workdays.reload()
    yield tmp_path / "data"
    workdays.reload()


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="casecheck")
    holidays_cli.add_parser(parser.add_subparsers(dest="command"))
    return holidays_cli.run(parser.parse_args(list(argv)))


def test_a_notice_is_read_item_by_item() -> None:
    arrangement = parse_announcement(NOTICE_2027)
    assert arrangement.year == 2027
    assert arrangement.source == "国务院办公厅关于2027年部分节假日安排的通知"
    assert arrangement.festivals == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节、国庆节"]
    off = set(arrangement.holidays)
    assert {D(2027, 1, 1), D(2027, 2, 5), D(2027, 2, 12), D(2027, 4, 5), D(2027, 6, 9)} <= off
    assert {D(2027, 9, 15), D(2027, 10, 7)} <= off and D(2027, 10, 8) not in off
    assert len([d for d in off if d.month == 2]) == 8
    assert sorted(arrangement.workdays) == [
        D(2027, 1, 31),
        D(2027, 2, 20),
        D(2027, 4, 25),
        D(2027, 5, 8),
        D(2027, 9, 26),
        D(2027, 10, 9),
    ]


def test_the_2026_notice_gives_the_calendar_chinese_calendar_has() -> None:
    """The 2026 arrangement (notice of 2025-11-04), written as its items read, matches the
    chinese-calendar package and the shipped table day for day."""
    notice = "\n".join(
        [
            "关于2026年部分节假日安排的通知",
            "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。",
            "二、春节：2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。",
            "三、清明节：4月4日至6日放假，共3天。",
            "四、劳动节：5月1日至5日放假调休，共5天。5月9日（周六）上班。",
            "五、端午节：6月19日至21日放假，共3天。",
            "六、中秋节：9月25日至27日放假，共3天。",
            "七、国庆节：10月1日至7日放假调休，共7天。9月20日（周日）、10月10日（周六）上班。",
        ]
    )
    arrangement = parse_announcement(notice)
    package_off = sorted(d for d in chinese_calendar.holidays if d.year == 2026)
    package_worked = sorted(d for d in chinese_calendar.workdays if d.year == 2026)
    assert sorted(set(arrangement.holidays)) == package_off
    assert sorted(arrangement.workdays) == package_worked
    shipped = load_yaml("params", "holidays.yaml")["years"][2026]
    assert shipped["holidays"] == package_off and shipped["workdays"] == package_worked


def test_a_range_across_the_new_year_and_bad_notices() -> None:
    crossing = (
        "关于2018年部分节假日安排的通知\n一、元旦：2017年12月30日至2018年1月1日放假调休，共3天。"
    )
    assert parse_announcement(crossing).holidays == [
        D(2017, 12, 30),
        D(2017, 12, 31),
        D(2018, 1, 1),
    ]
    short = "关于2030年部分节假日安排的通知\n一、元旦：12月31日至1月2日放假，共3天。"
    assert parse_announcement(short).holidays[-1] == D(2031, 1, 2)
    with pytest.raises(AnnouncementError, match="年份"):
        parse_announcement("一、元旦：1月1日放假。")
    with pytest.raises(AnnouncementError, match="放假安排条目"):
        parse_announcement("关于2027年部分节假日安排的通知\n放假安排另行通知。")
    with pytest.raises(AnnouncementError, match="不是周末"):
        parse_announcement("关于2027年部分节假日安排的通知\n一、元旦：1月1日放假。1月6日上班。")
    with pytest.raises(AnnouncementError, match="日期不存在"):
        parse_announcement("关于2027年部分节假日安排的通知\n一、元旦：2月30日放假。")


def test_import_makes_a_missing_year_checkable(
    tmp_path: Path, user_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """2027 has no data (chinese-calendar ends with 2026): periods in it are not counted until
    the notice is imported; then they are, with its 调休."""
    with pytest.raises(workdays.NoHolidayData, match="缺少 2027 年"):
        workdays.working_days_between(D(2027, 1, 28), D(2027, 2, 1))
    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE_2027, encoding="gb18030")
    assert run("holidays", "import", str(notice)) == 0
    assert "已导入 2027 年" in capsys.readouterr().out
    assert set(read_table(user_data / "holidays.yaml")) == {2027}
    assert workdays.is_workday(D(2027, 1, 31))  # a Sunday worked
    assert not workdays.is_workday(D(2027, 2, 8))  # a Monday off
    assert workdays.working_days_between(D(2027, 1, 28), D(2027, 2, 1)) == 3
    assert run("holidays", "status") == 0
    out = capsys.readouterr().out
    assert "chinese-calendar：2004–2025 年" in out and "随软件提供的数据：2026 年" in out
    assert "用户导入：2027 年" in out


def test_print_only_writes_nothing(user_data: Path, tmp_path: Path, capsys) -> None:
    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    assert run("holidays", "import", str(notice), "--print") == 0
    assert "2027-02-05" in capsys.readouterr().out
    assert not (user_data / "holidays.yaml").exists()
    notice.write_text("没有内容", encoding="utf-8")
    assert run("holidays", "import", str(notice), "--year", "2027") == 1
    assert "未导入" in capsys.readouterr().out


def test_notice_text_as_copied_from_a_web_page() -> None:
    """Items run together on one line, an item without its ordinal, and a day worked named in
    the same sentence as the days off (after a comma)."""
    run_on = (
        "国务院办公厅关于2027年部分节假日安排的通知 一、元旦：1月1日至3日放假，共3天。"
        "二、春节：2月5日至12日放假调休，共8天，1月31日（周日）、2月20日（周六）上班。"
    )
    arrangement = parse_announcement(run_on + "\n劳动节：5月1日至5日放假调休，共5天。")
    assert arrangement.festivals == ["元旦", "春节", "劳动节"]
    assert sorted(arrangement.workdays) == [D(2027, 1, 31), D(2027, 2, 20)]
    assert D(2027, 2, 12) in arrangement.holidays and D(2027, 1, 31) not in arrangement.holidays
    assert D(2027, 5, 5) in arrangement.holidays
