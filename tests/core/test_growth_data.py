"""Official growth rates as the usual data (issue 7 §2): growth targets and levels estimated from growth."""

from __future__ import annotations

import pytest

from planwatch.assess.engine import assess_plan
from planwatch.assess.results import Assessment
from planwatch.domain.enums import Measure, Status
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan, parse_plan

PLAN = """
plan: {id: t, name: 测试规划, base_year: 2020, start_year: 2021, end_year: 2025, region: pref}
scopes:
  - {id: pref, name: 某州, kind: prefecture}
indicators:
  - {id: gva, name: 规模工业增加值, unit: 亿元, temporal: flow, aggregation: sum}
targets:
  - {id: gva_level, indicator: gva, scope: pref, kind: level, baseline: {year: 2020, value: 122}, target: {year: 2025, value: 180}, stated_growth: {value: 10, unit: "%/yr", comparator: at_least}, source: 表1 序号3}
  - {id: gva_growth, indicator: gva, scope: pref, kind: growth, baseline: {year: 2020, value: 122}, target: {year: 2025, value: 10, comparator: at_least}, source: 表1 序号3}
"""


@pytest.fixture(scope="module")
def plan() -> Plan:
    return parse_plan(PLAN)


def growth(period: str, value: float, measure: Measure = Measure.GROWTH) -> Observation:
    return Observation("gva", "pref", Period.parse(period), value, measure, source="统计月报")


RATES = [growth("2021", 8), growth("2022", 3), growth("2023", -5)]


def one(plan: Plan, rows: list[Observation], as_of: str, target: str) -> Assessment:
    return next(a for a in assess_plan(plan, ObservationTable.of(rows), Period.parse(as_of)) if a.target_id == target)


def test_a_level_target_with_only_growth_data_is_estimated_from_the_plans_baseline(plan: Plan) -> None:
    a = one(plan, RATES, "2023", "gva_level")
    # 122 × 1.08 × 1.03 × 0.95 = 128.92644 (an estimate at comparable prices, not no_data)
    assert a.status is not Status.NO_DATA
    assert a.latest == pytest.approx(122 * 1.08 * 1.03 * 0.95) and a.value_basis == "chained_growth"
    assert round(a.latest, 2) == 128.93
    assert a.inputs["estimate"]["prices"] == "comparable"
    assert any("按可比价推算" in n and "122 × 1.08 × 1.03 × 0.95 = 128.93" in n for n in a.notes)
    # completion (128.93 − 122)/(180 − 122) = 11.94 %
    assert a.completion == pytest.approx((122 * 1.08 * 1.03 * 0.95 - 122) / 58)


def test_a_reported_level_always_wins(plan: Plan) -> None:
    a = one(plan, [*RATES, Observation("gva", "pref", Period.parse("2023"), 140.0, source="年报")], "2023", "gva_level")
    assert a.latest == 140 and a.value_basis == "level"


def test_the_growth_target_from_the_same_rates(plan: Plan) -> None:
    a = one(plan, RATES, "2023", "gva_growth")
    # (1.08 · 1.03 · 0.95)^(1/3) − 1 = 1.056780^(1/3) − 1 = 1.8591 %/yr against 10 %/yr: behind
    assert a.actual_growth == pytest.approx((1.08 * 1.03 * 0.95) ** (1 / 3) - 1)
    assert round(a.actual_growth * 100, 2) == 1.86
    # ratio 0.018591 / 0.10 = 0.1859 → limited (0 ≤ v < 0.6)
    assert a.progress_value == pytest.approx(((1.08 * 1.03 * 0.95) ** (1 / 3) - 1) / 0.1)
    assert a.status is Status.LIMITED


def test_a_growth_target_mid_year_uses_the_ytd_growth_on_the_same_period(plan: Plan) -> None:
    rows = [*RATES, growth("2024", 12), growth("2025-06", 6.0, Measure.YTD_GROWTH)]
    a = one(plan, rows, "2025Q2", "gva_growth")
    # 2021–2024 chained with 1—6月 2025 (+6 % on 1—6月 2024, the year so far): 1.08·1.03·0.95·1.12·1.06
    # = 1.254609, five year-on-year steps: 1.254631^(1/5) − 1 = 4.64 %/yr; time 54/60
    idx = 1.08 * 1.03 * 0.95 * 1.12 * 1.06
    assert a.inputs["rates"]["2025"] == 6.0
    assert a.latest_period == "2025-06"
    assert a.actual_growth == pytest.approx(idx ** (1 / 5) - 1)
    assert a.time_elapsed == pytest.approx(54 / 60)
