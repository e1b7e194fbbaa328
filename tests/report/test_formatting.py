"""How numbers and periods read in the bulletin: exact strings, worked by hand."""

from __future__ import annotations

import pytest

from planwatch.domain.enums import Comparator
from planwatch.report import formatting as f


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (13.825, 1, "13.8"),  # methodology CN-S1: 97.158 − 83.333 = 13.825 reads 13.8
        (1.767, 1, "1.8"),  # CN-S4: 85.1 − 83.333
        (2.25, 1, "2.3"),  # 四舍五入 on the decimal text, not banker's rounding (format() gives 2.2)
        (-1.25, 1, "-1.3"),
        (-0.04, 1, "0.0"),  # no "-0.0"
        (5.0, 0, "5"),
        (116.687, 2, "116.69"),  # CN-S5
    ],
)
def test_num_rounds_half_up(value: float, decimals: int, expected: str) -> None:
    assert f.num(value, decimals) == expected


def test_num_rejects_nan() -> None:
    with pytest.raises(ValueError, match="finite"):
        f.num(float("nan"))


@pytest.mark.parametrize(
    ("value", "expected"), [(320.0, "320"), (15.71, "15.71"), (0.14, "0.14"), (304.76, "304.76"), (2.5, "2.5")]
)
def test_plain_keeps_the_plan_s_digits(value: float, expected: str) -> None:
    assert f.plain(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (262.456, "亿元", "262.5"),  # one decimal from 10亿元 up
        (4.714, "亿元", "4.71"),  # two below 10
        (22.65, "%", "22.7"),
        (420.0, "家", "420"),
        (12.5, "家", "12.5"),  # an average count keeps a decimal
        (1.123, "万个", "1.12"),
        (3512.4, "万元", "3512"),
        (0.5254, "吨标准煤/万元", "0.525"),
        (None, "亿元", "—"),
    ],
)
def test_value_text_by_unit(value: float | None, unit: str, expected: str) -> None:
    assert f.value_text(value, unit) == expected


def test_quantity_switches_small_amounts_to_wanyuan() -> None:
    assert f.quantity(164.3, "亿元") == "164.3亿元"
    assert f.quantity(0.35, "亿元") == "3500万元"  # 0.35 × 10000
    assert f.quantity(29.94, "%") == "29.9%"
    assert f.quantity(15, "家") == "15家"


def test_percentages_have_one_decimal() -> None:
    assert f.pct(629.0 / 647.4) == "97.2%"  # CN-S1: 97.158%
    assert f.pct(0.8) == "80.0%"
    assert f.pct(None) == "—"
    assert f.pct_number(0.6307) == "63.1"


def test_schedule_gap_words() -> None:
    # CN-S1: 97.158 − 83.333 = 13.825 百分点
    assert f.schedule_gap((629.0 / 647.4 - 10 / 12) * 100) == "超时序进度13.8个百分点"
    assert f.schedule_gap(-16.93) == "低于时序进度16.9个百分点"
    assert f.schedule_gap(0.04) == "与时序进度持平"
    assert f.schedule_gap(None) == "—"
    assert f.schedule_gap_cell(2.34) == "超2.3"
    assert f.schedule_gap_cell(-1.55) == "低1.6"
    assert f.schedule_gap_cell(-0.01) == "持平"


def test_growth_words() -> None:
    assert f.growth(0.052) == "同比增长5.2%"
    assert f.growth(-0.031) == "同比下降3.1%"
    assert f.growth(0.0004) == "同比持平"
    assert f.growth_from_pct(36.8) == "同比增长36.8%"
    assert f.annual_growth(0.15) == "年均增长15.0%"
    assert f.annual_growth(-0.02) == "年均下降2.0%"
    assert f.growth(0.087, "累计") == "累计增长8.7%"


def test_changes_of_shares_are_in_percentage_points() -> None:
    assert f.pp(2.34) == "2.3个百分点"
    assert f.change(2.34, "%") == "提高2.3个百分点"
    assert f.change(-0.3, "%") == "下降0.3个百分点"
    assert f.change(-12.0, "亿元") == "减少12.0亿元"
    assert f.change(236, "家") == "增加236家"


def test_targets_read_as_the_plan_words_them() -> None:
    assert f.target_text(1000, Comparator.AT_LEAST) == "1000以上"
    assert f.target_text(3, Comparator.BETWEEN, 5) == "3—5"
    assert f.target_text(10, Comparator.ABOUT) == "10左右"
    assert f.target_text(320, Comparator.REACH) == "320"
    assert f.target_quantity(1000, Comparator.AT_LEAST, None, "亿元") == "1000亿元以上"
    assert f.target_quantity(3, Comparator.BETWEEN, 5, "家") == "3—5家"
    assert f.target_quantity(32, Comparator.AT_LEAST, None, "%") == "32%以上"


def test_periods_use_the_domain_labels() -> None:
    assert f.period_label("2024Q4") == "2024年第四季度"
    assert f.period_label("2024") == "2024年"
    assert f.ytd_label("2024-09") == "2024年1—9月"
    assert f.ytd_label("2024Q3") == "2024年1—9月"
    assert f.ytd_label("2024Q4") == "2024年"
    assert f.months_label("2024Q3") == "1—9月"
    assert f.months_label("2024-01") == "1月"
