"""Which value stands for a period (planwatch.assess.period_value), in the engine and the ranking."""

from __future__ import annotations

import pytest

from planwatch.assess.engine import assess_plan
from planwatch.assess.period_value import flow_to_date, share_of_period
from planwatch.assess.rank_values import unit_value
from planwatch.assess.results import Assessment
from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan, parse_plan

PLAN = """
plan: {id: t, name: 测试规划, base_year: 2020, start_year: 2021, end_year: 2025, region: pref}
scopes:
  - {id: pref, name: 某州, kind: prefecture}
indicators:
  - {id: park, name: 园区增加值, unit: 亿元, temporal: flow}
  - {id: all, name: 全部增加值, unit: 亿元, temporal: flow}
  - {id: share, name: 园区占比, unit: "%", temporal: ratio, limit: 100, formula: {numerator: park, denominator: all, factor: 100}}
  - {id: firms, name: 企业数, unit: 家, temporal: stock}
  - {id: newfirms, name: 新增企业, unit: 家, temporal: flow, flow_of: firms}
targets:
  - {id: share_t, indicator: share, scope: pref, kind: share, baseline: {year: 2020, value: 51.2}, target: {year: 2025, value: 80, comparator: at_least}, source: 表1}
  - {id: share_pp, indicator: share, scope: pref, kind: share, baseline: {year: 2020, value: 22.7}, target: {year: 2025, value: 32}, source: 表1}
  - {id: new_t, indicator: newfirms, scope: pref, kind: cumulative, span: [2021, 2025], target: {year: 2025, value: 50}, source: 表1}
"""


@pytest.fixture(scope="module")
def plan() -> Plan:
    return parse_plan(PLAN)


def obs(indicator: str, period: str, value: float, measure: Measure = Measure.LEVEL) -> Observation:
    return Observation(indicator, "pref", Period.parse(period), value, measure, source="月报")


def one(plan: Plan, rows: list[Observation], as_of: str, target: str) -> Assessment:
    return next(
        a for a in assess_plan(plan, ObservationTable.of(rows), Period.parse(as_of)) if a.target_id == target
    )


def test_a_share_at_year_end_is_the_years_value_not_decembers(plan: Plan) -> None:
    # The demo's 园区规模工业增加值占比: 1—12月 112.83/182.97 = 61.666 %, December alone 60.85 %
    # (and a file whose December cell is an outlier, 33.0).
    rows = [
        obs("share", "2024-12", 60.85),
        obs("share", "2024-12", 61.666, Measure.YTD),
        obs("share", "2024-11", 61.65),
    ]
    a = one(plan, rows, "2024Q4", "share_t")
    assert a.latest == pytest.approx(61.666) and a.value_basis == "ytd"
    assert a.period_value == pytest.approx(61.666)
    outlier = one(plan, [obs("share", "2024-12", 33.0), obs("share", "2024", 61.666)], "2024Q4", "share_t")
    # the year's value wins over the month: completion (61.666 − 51.2)/(80 − 51.2) = 36.34 %, not deterioration
    assert outlier.latest == pytest.approx(61.666) and outlier.latest_period == "2024"
    assert outlier.completion == pytest.approx((61.666 - 51.2) / 28.8)
    assert outlier.status.value != "deterioration"


def test_a_share_mid_year_is_the_ytd_share(plan: Plan) -> None:
    rows = [
        obs("share", "2024", 61.7),
        obs("share", "2025-06", 58.0),
        obs("share", "2025-06", 62.4, Measure.YTD),
    ]
    a = one(plan, rows, "2025Q2", "share_t")
    assert a.latest == pytest.approx(62.4) and a.latest_period == "2025-06" and a.value_basis == "ytd"


def test_a_share_from_the_sums_of_its_numerator_and_denominator(plan: Plan) -> None:
    # only monthly numerator and denominator: (10 + 12)/(18 + 20) × 100 = 57.8947 %, not June's 12/20 = 60 %
    rows = [
        obs("park", "2025-01", 10),
        obs("all", "2025-01", 18),
        obs("park", "2025-02", 12),
        obs("all", "2025-02", 20),
        obs("share", "2024", 61.0),
    ]
    a = one(plan, rows, "2025-02", "share_t")
    assert a.latest == pytest.approx(22 / 38 * 100) and a.value_basis == "ratio_of_sums"
    assert any("分子合计 22 ÷ 分母合计 38" in n for n in a.notes)


def test_the_rule_on_observations_directly() -> None:
    table = ObservationTable.of(
        [obs("all", "2025-01", 18), obs("all", "2025-02", 20), obs("all", "2025Q1", 61, Measure.YTD)]
    )

    def get(p: Period, m: Measure) -> Observation | None:
        return table.get("all", "pref", p, m)

    assert flow_to_date(get, 2025, 2).value == 38  # 18 + 20  # type: ignore[union-attr]
    assert flow_to_date(get, 2025, 3).value == 61  # the 1—3月 value  # type: ignore[union-attr]
    assert share_of_period(get, 2025, 2) is None  # a flow's months are not a share


def test_the_ranking_reads_a_share_by_the_same_rule() -> None:
    table = ObservationTable.of([obs("share", "2024-12", 33.0), obs("share", "2024-12", 61.666, Measure.YTD)])
    v = unit_value(table, "share", "pref", Period.parse("2024Q4"), "ratio")
    assert v is not None and v.value == pytest.approx(61.666) and v.basis == "ytd"


def test_new_enterprises_are_counted_at_the_same_period_as_their_stock(plan: Plan) -> None:
    # 新增 2021–2024: 8 + 9 + 10 + 6 = 33; 2025 has no 新增 yet but the stock went 51 (2024) → 59 (2025-06):
    # 59 − 51 = 8 more, total 41 at 2025-06 (not frozen at 33 from 2024)
    rows = [obs("newfirms", str(y), v) for y, v in ((2021, 8), (2022, 9), (2023, 10), (2024, 6))]
    rows += [obs("firms", "2024", 51), obs("firms", "2025-06", 59)]
    a = one(plan, rows, "2025Q2", "new_t")
    assert a.latest == 41 and a.latest_period == "2025-06"
    assert a.inputs["current_from_stock"]["value"] == 8
    # 41/50 = 82 % against 54/60 = 90 %
    assert a.completion == pytest.approx(0.82) and a.time_elapsed == pytest.approx(0.9)


def test_the_issues_share_pace_in_percentage_points(plan: Plan) -> None:
    # 22.7 (2020) → 23.1 (2022) against 32 (2025): (23.1 − 22.7)/2 = +0.20 pp/yr done,
    # (32 − 23.1)/3 = 2.9667 pp/yr still needed — not "0.9% growth against 11.5%"
    a = one(plan, [obs("share", "2022", 23.1)], "2022", "share_pp")
    assert a.actual_change_pp_per_year == pytest.approx(0.2)
    assert a.required_change_pp_per_year == pytest.approx(8.9 / 3)
    assert a.actual_growth is None and a.required_growth is None
    d = a.to_dict()
    assert d["actual_change_pp_per_year"] == pytest.approx(0.2) and d["actual_growth"] is None
