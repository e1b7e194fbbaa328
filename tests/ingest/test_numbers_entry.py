"""Numbers where they enter a statistics file: no digit folding, no split numbers, nothing non-finite.

Each class is generated, not sampled: every Unicode character that NFKC would fold into an ASCII
digit ("²" → "2", "①" → "1", "𝟑" → "3"), every way of splitting a number with white space, and
values that overflow only once converted into the indicator's unit.
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

import pytest

from planwatch.ingest import check_observations
from planwatch.ingest.values import MAX_MAGNITUDE, NumberError, format_number, parse_number
from planwatch.plan.load import Plan

PLAIN = set("0123456789０１２３４５６７８９")
FOLDING = [
    chr(cp)
    for cp in range(0x20000)
    if chr(cp) not in PLAIN and any("0" <= c <= "9" for c in unicodedata.normalize("NFKC", chr(cp)))
]


def test_the_folding_class_is_large() -> None:
    # superscripts, subscripts, circled, parenthesised, full stop digits, mathematical digits …
    assert {"²", "₃", "①", "⑫", "⒓", "𝟑", "¼"} <= set(FOLDING)
    assert len(FOLDING) > 200


@pytest.mark.parametrize("template", ["1{c}", "{c}", "12.{c}", "{c}%", "1{c}亿元"])
def test_every_folding_digit_is_refused(template: str) -> None:
    accepted = []
    for ch in FOLDING:
        try:
            parse_number(template.format(c=ch))
        except NumberError:
            continue
        accepted.append(ch)
    assert accepted == []


@pytest.mark.parametrize("space", [" ", "\n", "\t", "\u3000", "\r\n", "  "])
@pytest.mark.parametrize("number", ["12 3", "1 234.5", "12. 5", "- 3", "1e 5", "12 3%"])
def test_white_space_inside_a_number_is_refused(space: str, number: str) -> None:
    with pytest.raises(NumberError):
        parse_number(number.replace(" ", space))


@pytest.mark.parametrize("space", [" ", "\n", "\u3000"])
def test_white_space_before_the_unit_is_allowed(space: str) -> None:
    assert parse_number(f"12.3{space}亿元").value == 12.3
    assert parse_number(f"6.5{space}%").unit == "%"


@pytest.mark.parametrize("text", ["1,5", "1_000", "12,34", "1.2.3", "0x10", "1e400", "-1e309", "inf", "Infinity", "-inf"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


@pytest.mark.parametrize("value", [math.inf, -math.inf, 10**400, -(10**309)])
def test_non_finite_excel_cells(value: object) -> None:
    with pytest.raises(NumberError):
        parse_number(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1e27, "1e+27"), (-1e300, "-1e+300"), (math.inf, "inf"), (123456789012345.0, "123456789012345"), (1e15, "1e+15")],
)
def test_format_number_of_huge_values(value: float, expected: str) -> None:
    assert format_number(value) == expected


def test_overflow_after_unit_conversion_is_an_error(tmp_path: Path, plan: Plan) -> None:
    # 5G用户 is in 万户: 1e305 户 = 1e301 万户 and 1e305 万户 itself are beyond MAX_MAGNITUDE (1e18);
    # 1e22 户 = 1e18 万户 is exactly at the limit and kept
    path = tmp_path / "big.csv"
    path.write_text(
        "指标,范围,时期,数值,单位\n"
        "5G用户,吉首市,2023,1e305,户\n"
        "5G用户,吉首市,2024,1e305,\n"
        "规模工业增加值,湘西州,2024,1e27,\n"
        "5G用户,泸溪县,2023,1e22,户\n",
        encoding="utf-8",
    )
    result = check_observations([path], plan)
    assert [(p.code, p.location.row) for p in result.errors] == [
        ("INGEST_VALUE_OVERFLOW", 2),
        ("INGEST_VALUE_OVERFLOW", 3),
        ("INGEST_VALUE_OVERFLOW", 4),
    ]
    assert result.errors[0].message() == (
        "数值 1e+305（户）超出可处理的范围（换算为「万户」后绝对值应不超过 10¹⁸）：请核对数值和单位"
    )
    assert [o.value for o in result.table] == [MAX_MAGNITUDE]
