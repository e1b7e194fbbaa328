"""Periods far from the plan: every year from 1800 to 2300 is either read or an error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.domain.periods import PARSE_FIRST_YEAR, PARSE_LAST_YEAR, Period, PeriodError
from planwatch.ingest import check_observations
from planwatch.ingest.normalise import YEARS_AFTER_PLAN, YEARS_BEFORE_PLAN
from planwatch.plan.load import Plan


def test_every_year_in_a_data_file(tmp_path: Path, plan: Plan) -> None:
    # the mini plan runs 2020 (base) to 2025: a file may report 2020 − 30 = 1990 to 2025 + 15 = 2040
    assert (YEARS_BEFORE_PLAN, YEARS_AFTER_PLAN) == (30, 15)
    years = range(1800, 2301)
    path = tmp_path / "years.csv"
    lines = ["指标,范围,时期,数值"] + [f"规模工业增加值,吉首市,{y},1" for y in years]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_observations([path], plan)
    codes = {p.location.row: p.code for p in result.errors}
    for i, y in enumerate(years):
        row = i + 2
        if 1990 <= y <= 2040:
            assert row not in codes, y
        elif PARSE_FIRST_YEAR <= y <= PARSE_LAST_YEAR:
            assert codes[row] == "INGEST_PERIOD_OUTSIDE", y
        else:
            assert codes[row] == "INGEST_BAD_PERIOD", y
    assert sorted(o.period.year for o in result.table) == list(range(1990, 2041))


@pytest.mark.parametrize("text", ["1900", "1948Q1", "2151-01", "0001", "9999Q4", 1900, 2151])
def test_periods_outside_the_readable_years(text: str | int) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


@pytest.mark.parametrize("text", [f"{PARSE_FIRST_YEAR}", f"{PARSE_FIRST_YEAR}Q1", f"{PARSE_FIRST_YEAR}-01", f"{PARSE_LAST_YEAR}-12"])
def test_arithmetic_from_the_edge_years_never_raises(text: str) -> None:
    p = Period.parse(text)
    back = p
    for _ in range(40):  # forty years back from 1949 is 1909, still a Period
        back = back.same_period_last_year()
    assert back.year == p.year - 40
