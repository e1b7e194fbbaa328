"""China's working-day calendar (calendar_cn.yaml) and working-day deadline arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.chains.calendar import CalendarYearMissingError, bundled_calendar, parse_calendar
from planwatch.domain.problems import ProblemsError

D = dt.date


@pytest.fixture(scope="module")
def cal():
    return bundled_calendar()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 1, 1), False),  # 元旦
        (D(2025, 1, 26), True),  # Sunday, 春节 make-up working day
        (D(2025, 1, 27), True),  # Monday before 除夕
        (D(2025, 1, 28), False),  # 除夕, first day off
        (D(2025, 2, 4), False),  # last day of 春节
        (D(2025, 2, 5), True),
        (D(2025, 2, 8), True),  # Saturday, make-up working day
        (D(2025, 2, 9), False),  # an ordinary Sunday
        (D(2025, 4, 27), True),  # Sunday before 劳动节, make-up
        (D(2025, 5, 5), False),  # Monday, 劳动节
        (D(2025, 9, 28), True),  # Sunday, make-up for 国庆
        (D(2025, 10, 1), False),
        (D(2025, 10, 8), False),  # Wednesday, last day of 国庆/中秋
        (D(2025, 10, 9), True),
        (D(2025, 10, 11), True),  # Saturday, make-up
        (D(2025, 10, 12), False),  # Sunday
        (D(2025, 12, 3), True),  # an ordinary Wednesday
    ],
)
def test_2025_days(cal, day: dt.date, working: bool) -> None:
    assert cal.is_working_day(day) is working


def test_every_day_of_the_2025_national_day_holiday_is_off(cal) -> None:
    assert [cal.is_working_day(D(2025, 10, d)) for d in range(1, 9)] == [False] * 8


def test_2025_has_248_working_days(cal) -> None:
    # 365 days − 104 weekend days (2025 starts on a Wednesday: 52 Saturdays + 52 Sundays) = 261 weekdays;
    # holidays on weekdays: 元旦 1 (Wed) + 春节 1-28..2-4 has 6 weekdays (Tue 28, Wed 29, Thu 30, Fri 31,
    # Mon 3, Tue 4) + 清明 4-4 Fri 1 + 劳动节 5-1..5 Thu, Fri, Mon = 3 + 端午 6-2 Mon 1 + 国庆 10-1..8 has
    # 6 weekdays (Wed 1, Thu 2, Fri 3, Mon 6, Tue 7, Wed 8) = 18 → 243; make-up days 5 → 248.
    total = sum(cal.is_working_day(D(2025, 1, 1) + dt.timedelta(days=i)) for i in range(365))
    assert total == 248


def test_seven_working_days_over_the_national_day(cal) -> None:
    # Assigned Friday 2025-09-26: Sun 9-28 (make-up) 1, Mon 9-29 2, Tue 9-30 3, 10-1..8 off,
    # Thu 10-9 4, Fri 10-10 5, Sat 10-11 (make-up) 6, Mon 10-13 7.
    assert cal.add_working_days(D(2025, 9, 26), 7) == D(2025, 10, 13)


def test_three_working_days_over_spring_festival(cal) -> None:
    # Assigned Friday 2025-01-24: Sun 1-26 (make-up) 1, Mon 1-27 2, 1-28..2-4 off, Wed 2-5 3.
    assert cal.add_working_days(D(2025, 1, 24), 3) == D(2025, 2, 5)


def test_working_days_between(cal) -> None:
    assert cal.working_days_between(D(2025, 9, 26), D(2025, 10, 13)) == 7
    assert cal.working_days_between(D(2025, 10, 13), D(2025, 9, 26)) == -7
    assert cal.working_days_between(D(2025, 3, 3), D(2025, 3, 3)) == 0


def test_zero_days_is_the_day_itself(cal) -> None:
    assert cal.add_working_days(D(2025, 3, 3), 0) == D(2025, 3, 3)


def test_a_year_not_in_the_data_is_not_guessed(cal) -> None:
    with pytest.raises(CalendarYearMissingError) as info:
        cal.is_working_day(D(2031, 1, 6))
    assert "2031" in info.value.problem().message("zh")
    with pytest.raises(CalendarYearMissingError):
        cal.add_working_days(D(2026, 12, 28), 7)  # runs into 2027


def test_a_bad_calendar_file_is_a_located_problem() -> None:
    text = "years:\n  - year: 2025\n    source: x\n    holidays:\n      - {name: 元旦, from: someday, to: 2025-01-01}\n"
    with pytest.raises(ProblemsError) as info:
        parse_calendar(text, file="cal.yaml")
    (p,) = info.value.problems
    assert p.code == "CHAIN_CALENDAR_FIELD_INVALID"
    assert p.location.line == 5


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 《国务院办公厅关于2026年部分节假日安排的通知》 (2025-11-04), item by item:
        (D(2026, 1, 1), False),  # 元旦 1-1 (Thu) to 1-3 (Sat)
        (D(2026, 1, 2), False),
        (D(2026, 1, 4), True),  # Sunday, make-up
        (D(2026, 2, 14), True),  # Saturday, make-up before 春节
        (D(2026, 2, 15), False),  # 腊月二十八, Sunday, first day off
        (D(2026, 2, 23), False),  # 正月初七, Monday, last day off
        (D(2026, 2, 24), True),
        (D(2026, 2, 28), True),  # Saturday, make-up after 春节
        (D(2026, 4, 6), False),  # 清明 4-4 (Sat) to 4-6 (Mon)
        (D(2026, 5, 5), False),  # 劳动节 5-1 (Fri) to 5-5 (Tue)
        (D(2026, 5, 9), True),  # Saturday, make-up
        (D(2026, 6, 19), False),  # 端午, Friday
        (D(2026, 9, 20), True),  # Sunday, make-up for 国庆
        (D(2026, 9, 25), False),  # 中秋, Friday
        (D(2026, 10, 7), False),  # 国庆 10-1 (Thu) to 10-7 (Wed)
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Saturday, make-up
        (D(2026, 10, 11), False),  # an ordinary Sunday
    ],
)
def test_2026_days(cal, day: dt.date, working: bool) -> None:
    assert cal.is_working_day(day) is working


def test_2026_has_248_working_days(cal) -> None:
    # 2026 starts on a Thursday: 52 full weeks + Thu 12-31 → 52×5 + 1 = 261 weekdays.
    # Holidays on weekdays: 元旦 1-1 Thu, 1-2 Fri = 2; 春节 2-15..2-23 has Mon 16, Tue 17, Wed 18, Thu 19,
    # Fri 20, Mon 23 = 6; 清明 Mon 4-6 = 1; 劳动节 Fri 5-1, Mon 5-4, Tue 5-5 = 3; 端午 Fri 6-19 = 1;
    # 中秋 Fri 9-25 = 1; 国庆 Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 = 5 → 19; 261 − 19 = 242.
    # Make-up days 1-4, 2-14, 2-28, 5-9, 9-20, 10-10 = 6 → 248.
    total = sum(cal.is_working_day(D(2026, 1, 1) + dt.timedelta(days=i)) for i in range(365))
    assert total == 248
    assert cal.years[2026].workdays == [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9),
                                        D(2026, 9, 20), D(2026, 10, 10)]


def test_seven_working_days_over_the_2026_spring_festival(cal) -> None:
    # Assigned Thursday 2026-02-12: Fri 2-13 1, Sat 2-14 (make-up) 2, 2-15..2-23 off, Tue 2-24 3, Wed 4,
    # Thu 5, Fri 2-27 6, Sat 2-28 (make-up) 7.
    assert cal.add_working_days(D(2026, 2, 12), 7) == D(2026, 2, 28)


def test_calendar_and_workflow_files_read_through_load_definition(tmp_path) -> None:
    from planwatch.chains.calendar import load_calendar
    from planwatch.chains.workflow import load_workflow

    missing = tmp_path / "none.yaml"
    for loader, code in ((load_calendar, "CHAIN_CALENDAR_NOT_FOUND"), (load_workflow, "CHAIN_WORKFLOW_NOT_FOUND")):
        with pytest.raises(ProblemsError) as info:
            loader(missing)
        (p,) = info.value.problems
        assert p.code == code
        assert "none.yaml" in p.message("zh")
    bad = tmp_path / "cal.yaml"
    bad.write_text("years:\n  - year: 2025\n    source: x\n    holidays: []\n    extra: 1\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_calendar(bad)
    (p,) = info.value.problems
    assert (p.code, p.location.file, p.location.line) == ("CHAIN_CALENDAR_FIELD_UNKNOWN", "cal.yaml", 5)
