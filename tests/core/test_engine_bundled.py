"""The engine on the bundled plan (xiangxi_2021_2025) with a few observations."""

from __future__ import annotations

import json

import pytest

from planwatch.assess.engine import assess_plan
from planwatch.assess.results import Assessment
from planwatch.domain.enums import Measure, Status, WarningLevel
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan, load_plan


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def o(indicator: str, scope: str, period: str, value: float, measure: Measure = Measure.LEVEL) -> Observation:
    return Observation(indicator, scope, Period.parse(period), value, measure, source="测试数据")


ROWS = [
    o("industrial_va", "xiangxi", "2021", 180.0),
    o("industrial_va", "xiangxi", "2022", 200.0),
    o("industrial_va", "xiangxi", "2023", 215.0),
    o("energy_intensity_decline", "xiangxi", "2021", 2.5),
    o("energy_intensity_decline", "xiangxi", "2022", 1.0),
    o("energy_intensity_decline", "xiangxi", "2023", 1.9),
    o("industrial_output", "jishou_edz", "2023", 60.0),
    o("scale_enterprises", "jishou", "2024Q3", 50),
    o("new_scale_enterprises", "xiangxi", "2021", 40),
    o("new_scale_enterprises", "xiangxi", "2022", 50),
    o("new_scale_enterprises", "xiangxi", "2023", 45),
    o("new_scale_enterprises", "xiangxi", "2024Q3", 30, Measure.YTD),
    o("internet_penetration", "xiangxi", "2023", 80),
    o("internet_penetration", "hunan", "2023", 78),
]


@pytest.fixture(scope="module")
def results(plan: Plan) -> dict[str, Assessment]:
    return {a.target_id: a for a in assess_plan(plan, ObservationTable.of(ROWS), Period.parse("2024Q3"))}


def test_every_target_gets_one_assessment(plan: Plan, results: dict[str, Assessment]) -> None:
    assert list(results) == [t.id for t in plan.targets]
    text = json.dumps([a.to_dict() for a in results.values()], ensure_ascii=False, allow_nan=False)
    assert "t1_02" in text


def test_industrial_value_added(results: dict[str, Assessment]) -> None:
    a = results["t1_02"]
    # 164.3 (2020) → 215 (2023) against 320 (2025): completion 50.7/155.7 = 32.56 %, time 36/60,
    # ratio ((215/164.3)^(1/3) − 1)/((320/164.3)^(1/5) − 1) = 0.093789/0.142622 = 0.6576 → needs acceleration
    assert a.completion == pytest.approx(50.7 / 155.7)
    assert a.time_elapsed == pytest.approx(0.6)
    assert a.progress_value == pytest.approx(0.65761, abs=1e-5)
    assert a.status is Status.NEEDS_ACCELERATION
    # the fitted trend uses the plan's own 2015–2020 history with the new years
    fitted = next(p for p in a.projections if p.method == "fitted_trend")
    assert [2015.0, 127.1] in fitted.inputs["points"]


def test_energy_intensity_and_barometer(results: dict[str, Assessment]) -> None:
    a = results["t1_14"]
    # the plan's [10] is the five-year total; 2023's 1.9 against 2 per year → 晴雨表 yellow
    assert a.inputs["target_total_source"] == "plan"
    assert a.warning is WarningLevel.YELLOW and a.status is Status.NEEDS_ACCELERATION


def test_park_county_cumulative_relative(results: dict[str, Assessment]) -> None:
    park = results["t2_jishou_edz"]
    # 15.71 → 60 in 3 years: completion (60 − 15.71)/(150 − 15.71) = 32.98 %
    assert park.completion == pytest.approx(44.29 / 134.29)
    county = results["t3_jishou_count"]
    assert county.latest_period == "2024Q3" and county.time_elapsed == pytest.approx(0.75)
    cum = results["ent_new_total"]
    # Σ 40 + 50 + 45 + 30 = 165 of 236
    assert cum.latest == 165 and cum.completion == pytest.approx(165 / 236)
    assert results["t1_17"].status is Status.ACHIEVED
    assert results["goal_2035_mfg_share_gdp"].status is Status.NOT_ASSESSABLE
    assert results["t4_liquor"].status is Status.NO_DATA
