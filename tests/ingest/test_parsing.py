"""The small readers: numbers, units, measures, periods and headers, case by case."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.domain.enums import Measure
from planwatch.domain.periods import PeriodError
from planwatch.ingest.columns import Field, match_header
from planwatch.ingest.measures import MeasureError, parse_measure, parse_period_cell
from planwatch.ingest.units import UnitError, convert, is_count_unit
from planwatch.ingest.values import NumberError, parse_number


@pytest.mark.parametrize(
    ("cell", "fmt", "value", "unit"),
    [
        ("1234.5", "", 1234.5, ""),
        ("1,234.5", "", 1234.5, ""),
        ("１，２３４", "", 1234.0, ""),
        ("１２３４．５", "", 1234.5, ""),
        (" 12 ", "", 12.0, ""),
        ("-3", "", -3.0, ""),
        ("－3.5", "", -3.5, ""),
        ("\u22123.5", "", -3.5, ""),  # U+2212 minus sign
        ("+6.5", "", 6.5, ""),
        ("6.5%", "", 6.5, "%"),
        ("６.５％", "", 6.5, "%"),
        ("12.3亿元", "", 12.3, "亿元"),
        ("1e3", "", 1000.0, ""),
        (12, "", 12.0, ""),
        (0.065, "0.0%", 6.5, "%"),  # Excel keeps 6.5% as 0.065
        (1.5, "0.00", 1.5, ""),
        ("—", "", None, ""),
        ("-", "", None, ""),
        ("…", "", None, ""),
        ("NA", "", None, ""),
        ("nan", "", None, ""),  # what pandas writes for a missing value
        ("", "", None, ""),
        (None, "", None, ""),
    ],
)
def test_parse_number(cell: object, fmt: str, value: float | None, unit: str) -> None:
    parsed = parse_number(cell, fmt)
    assert (parsed.value, parsed.unit) == (value, unit)


@pytest.mark.parametrize("cell", ["约12", "12..5", "1,23", "inf", "12万", True, dt.date(2023, 1, 1), "1 2 3,4"])
def test_parse_number_rejects(cell: object) -> None:
    with pytest.raises(NumberError):
        parse_number(cell)


@pytest.mark.parametrize(
    ("value", "declared", "target", "expected"),
    [
        (12345.0, "万元", "亿元", 1.2345),  # 12345 / 10000
        (1.5, "亿元", "万元", 15000.0),  # 1.5 × 10000
        (500000000.0, "元", "亿元", 5.0),  # 5e8 / 1e8
        (12000.0, "户", "万户", 1.2),  # 12000 / 10000
        (0.5, "万个", "个", 5000.0),
        (6.5, "％", "%", 6.5),
        (7.0, "", "亿元", 7.0),  # nothing declared: already in the indicator's unit
        (3.0, "G", "G", 3.0),  # not in the unit table, but the indicator's own unit
    ],
)
def test_convert(value: float, declared: str, target: str, expected: float) -> None:
    assert convert(value, declared, target) == expected


@pytest.mark.parametrize(
    ("declared", "target", "unknown"),
    [("家", "亿元", False), ("%", "亿元", False), ("亿元", "%", False), ("万斤", "亿元", True), ("万元", "G", False)],
)
def test_convert_refuses(declared: str, target: str, unknown: bool) -> None:
    with pytest.raises(UnitError) as exc:
        convert(1.0, declared, target)
    assert exc.value.unknown is unknown


@pytest.mark.parametrize(("unit", "count"), [("家", True), ("万户", True), ("个", True), ("名/村", True), ("亿元", False), ("%", False)])
def test_count_units(unit: str, count: bool) -> None:
    assert is_count_unit(unit) is count


@pytest.mark.parametrize(
    ("text", "measure", "end_month"),
    [
        ("", Measure.LEVEL, None),
        ("当期", Measure.LEVEL, None),
        ("本期", Measure.LEVEL, None),
        ("level", Measure.LEVEL, None),
        ("累计", Measure.YTD, None),
        ("1-9月累计", Measure.YTD, 9),
        ("1—9月累计", Measure.YTD, 9),
        ("1-9月", Measure.YTD, 9),
        ("YTD", Measure.YTD, None),
        ("同比增长", Measure.GROWTH, None),
        ("增速", Measure.GROWTH, None),
        ("同比增长（%）", Measure.GROWTH, None),
        ("%", Measure.GROWTH, None),
        ("growth", Measure.GROWTH, None),
        ("累计增长", Measure.YTD_GROWTH, None),
        ("1-6月累计增长", Measure.YTD_GROWTH, 6),
        ("累计同比增长", Measure.YTD_GROWTH, None),
        ("ytd_growth", Measure.YTD_GROWTH, None),
        ("ytd-growth", Measure.YTD_GROWTH, None),
    ],
)
def test_parse_measure(text: str, measure: Measure, end_month: int | None) -> None:
    parsed = parse_measure(text)
    assert (parsed.measure, parsed.end_month) == (measure, end_month)


@pytest.mark.parametrize("text", ["环比", "1-13月累计", "平均", "level2"])
def test_parse_measure_rejects(text: str) -> None:
    with pytest.raises(MeasureError):
        parse_measure(text)


@pytest.mark.parametrize(
    ("cell", "period", "ytd"),
    [
        ("2023", "2023", False),
        (2023, "2023", False),
        (2023.0, "2023", False),
        ("2023年", "2023", False),
        ("2023年度", "2023", False),
        ("2023年全年", "2023", False),
        ("2023Q3", "2023Q3", False),
        ("2023年第三季度", "2023Q3", False),
        ("2023-07", "2023-07", False),
        ("2023年7月", "2023-07", False),
        ("２０２３年７月", "2023-07", False),
        ("2023.5", "2023-05", False),  # the usual Chinese shorthand for May 2023
        (dt.datetime(2023, 7, 1), "2023-07", False),
        ("2023年1-9月", "2023-09", True),
        ("2023年1—9月", "2023-09", True),
        ("2023年前三季度", "2023Q3", True),
        ("2023年上半年", "2023Q2", True),
    ],
)
def test_parse_period_cell(cell: object, period: str, ytd: bool) -> None:
    parsed = parse_period_cell(cell)
    assert (str(parsed.period), parsed.ytd) == (period, ytd)


@pytest.mark.parametrize("cell", ["2023年13月", "二〇二三", 2023.5, "2023年1-13月", True])
def test_parse_period_rejects(cell: object) -> None:
    with pytest.raises(PeriodError):
        parse_period_cell(cell)


@pytest.mark.parametrize(
    ("header", "field", "unit"),
    [
        ("指标", Field.INDICATOR, ""),
        ("Indicator", Field.INDICATOR, ""),
        ("范围或地区", Field.SCOPE, ""),
        ("县市区", Field.SCOPE, ""),
        ("园区", Field.SCOPE, ""),
        ("期别", Field.PERIOD, ""),
        ("年份", Field.PERIOD, ""),
        ("本期数", Field.VALUE, ""),
        ("数值（万元）", Field.VALUE, "万元"),
        ("数值(亿元)", Field.VALUE, "亿元"),
        ("VALUE", Field.VALUE, ""),
        ("口径", Field.MEASURE, ""),
        ("计量单位", Field.UNIT, ""),
        ("数据来源", Field.SOURCE, ""),
        ("备注", Field.NOTE, ""),
        ("指标*", Field.INDICATOR, ""),
        ("ｐｅｒｉｏｄ", Field.PERIOD, ""),
    ],
)
def test_match_header(header: str, field: Field, unit: str) -> None:
    m = match_header(header)
    assert (m.field, m.unit) == (field, unit)


def test_unknown_and_ignored_headers() -> None:
    assert (match_header("目标值").field, match_header("目标值").ignored) == (None, False)
    assert (match_header("填报说明").field, match_header("填报说明").ignored) == (None, True)
