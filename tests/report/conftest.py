"""Assessments built by hand for the bulletin tests (the engine is not needed to test the words).

``make_assessment`` fills an ``Assessment`` from the plan's target and a latest value with the simple
formulas the bulletin describes (linear share of the needed change; cumulative share of the total;
time schedule 48/60 months at 2024Q4), so each test can work its expected strings out by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from planwatch.assess.results import Assessment
from planwatch.domain.enums import Status, TargetKind, WarningLevel
from planwatch.plan.load import Plan, load_plan

AS_OF = "2024Q4"
ELAPSED = 48 / 60  # 2021-01 … 2024-12 of a 60-month plan


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan()


def make_assessment(
    plan: Plan,
    target_id: str,
    latest: float | None,
    *,
    as_of: str = AS_OF,
    latest_period: str | None = None,
    time_elapsed: float | None = ELAPSED,
    time_basis: str = "linear",
    status: Status | None = None,
    warning: WarningLevel | None = None,
    synthetic: bool = False,
    **overrides: Any,
) -> Assessment:
    t = plan.target(target_id)
    ind = plan.indicators[t.indicator]
    scope = plan.scopes[t.scope]
    baseline = t.baseline.value if t.baseline and t.kind is not TargetKind.CUMULATIVE else None
    target = t.target.value if t.target else None
    completion: float | None = None
    actual: float | None = None
    required: float | None = None
    if latest is not None and target is not None:
        if t.kind is TargetKind.CUMULATIVE or baseline is None:
            completion = latest / target
        elif target != baseline:
            completion = (latest - baseline) / (target - baseline)
        if baseline and baseline > 0 and latest > 0 and t.kind is not TargetKind.CUMULATIVE:
            actual = (latest / baseline) ** (1 / 4) - 1
            required = (target / latest) ** (1 / 1) - 1
    # the pace in the target's own terms, as assess.pace sets it (2024 → 2025: 4 years done, 1 left)
    pace: dict[str, Any] = {}
    if latest is not None and target is not None:
        remaining = (target - latest) * plan.direction_of(t).sign
        pace["remaining"] = remaining if remaining > 0 else None
        pace["months_left"] = 12
        if ind.unit == "%" or t.kind is TargetKind.CUMULATIVE or ind.temporal == "stock":
            done = latest - baseline if baseline is not None else (latest if t.kind is TargetKind.CUMULATIVE else None)
            key = "actual_change_pp_per_year" if ind.unit == "%" else "actual_change_per_year"
            pace[key] = done / 4 if done is not None else None
            actual = required = None
    gap = (completion - time_elapsed) * 100 if completion is not None and time_elapsed is not None else None
    if status is None:
        if latest is None:
            status = Status.NO_DATA
        elif completion is not None and completion >= 1:
            status = Status.ACHIEVED
        elif completion is not None and completion < 0:
            status = Status.DETERIORATION
        elif gap is None or gap >= 0:
            status = Status.ON_TRACK
        elif gap >= -10:
            status = Status.NEEDS_ACCELERATION
        else:
            status = Status.LIMITED
    if warning is None:
        warning = {
            Status.ACHIEVED: WarningLevel.GREEN,
            Status.ON_TRACK: WarningLevel.GREEN,
            Status.NEEDS_ACCELERATION: WarningLevel.YELLOW,
            Status.LIMITED: WarningLevel.RED,
            Status.DETERIORATION: WarningLevel.RED,
        }.get(status, WarningLevel.NONE)
    fields: dict[str, Any] = {
        "target_id": t.id,
        "indicator": ind.id,
        "name": ind.name,
        "scope": scope.name,
        "scope_id": scope.id,
        "unit": "%" if t.kind is TargetKind.GROWTH else ind.unit,  # as the engine: a growth target is in %
        "kind": t.kind,
        "nature": t.nature,
        "direction": plan.direction_of(t),
        "comparator": t.target.comparator if t.target else None,
        "source": t.source,
        "as_of": as_of,
        "baseline": baseline,
        "baseline_year": t.baseline.year if t.baseline else None,
        "target": target,
        "target_high": t.target.high if t.target else None,
        "target_year": t.target.year if t.target else None,
        "latest": latest,
        "latest_period": (latest_period or "2024") if latest is not None else None,
        "value_basis": "cumulative_sum" if t.kind is TargetKind.CUMULATIVE else "level",
        "completion": completion,
        "time_elapsed": time_elapsed if latest is not None else None,
        "time_basis": time_basis,
        "gap_pp": gap,
        "expected": None,
        "actual_growth": actual,
        "required_growth": required,
        "progress_value": None,
        "score": None,
        "status": status,
        "warning": warning,
        "grade_zh": status.grade_zh,
        "method": "cagr_ratio",
        "sources": ["湘西州统计局月报（测试）"] if latest is not None else [],
        "synthetic": synthetic,
    }
    fields.update(pace)
    fields.update(overrides)
    return Assessment(**fields)


# Latest values for a varied scenario (2024Q4); every other assessed target has no data.
SCENARIO: dict[str, float] = {
    "t1_01": 760.0,  # 工业总产值: (760−258)/(1000−258) = 67.7%, gap −12.3 → red
    "t1_02": 262.5,  # 工业增加值: (262.5−164.3)/(320−164.3) = 63.1%, gap −16.9 → red
    "t1_03": 171.0,  # 规模工业增加值: (171−122)/(180−122) = 84.5%, gap +4.5 → green
    "t1_04": 121.0,  # 工业投资: (121−79.6)/(140−79.6) = 68.5%, gap −11.5 → red
    "t1_05": 420.0,  # 新增入规 (cumulative): 420/500 = 84.0% → green
    "t1_06": 29.9,  # 工业增加值占GDP比重: (29.9−22.7)/(32−22.7) = 77.4%, gap −2.6 → yellow
    "t1_10": 55.0,  # 园区占比: (55−51.2)/(80−51.2) = 13.2% → red
    "t1_11": 22.6,  # 工业税收: (22.6−12.6)/(25−12.6) = 80.6% → green
    "t1_13": 49.0,  # 省级以上平台: achieved
    "t1_19": 1.12,  # 5G基站: (1.12−0.14)/(1.84−0.14) = 57.6% → red
    "t2_xiangxi_hitech": 260.0,
    "t2_jishou_edz": 80.0,
    "t2_luxi_hitech": 150.0,
    "t2_fenghuang_park": 14.0,
    "t2_baojing_park": 70.0,
    "t2_guzhang_park": 41.0,
    "t2_huayuan_park": 45.0,
    "t2_longshan_park": 44.0,
    "t2_yongshun_edz": 55.0,
    "t2_total": 759.0,
    "t3_jishou_count": 60.0,
    "t3_luxi_count": 49.0,
    "t3_fenghuang_count": 22.0,
    "t3_baojing_count": 52.0,
    "t3_guzhang_count": 38.0,
    "t3_huayuan_count": 30.0,
    "t3_longshan_count": 62.0,
    "t3_yongshun_count": 47.0,
    "t3_xiangxi_hitech_count": 75.0,
    "t3_jishou_new": 25.0,
    "t3_luxi_new": 24.0,
    "t3_fenghuang_new": 10.0,
    "t3_baojing_new": 20.0,
    "t3_guzhang_new": 18.0,
    "t3_huayuan_new": 10.0,
    "t3_longshan_new": 19.0,
    "t3_yongshun_new": 20.0,
    "t3_xiangxi_hitech_new": 25.0,
    "t4_liquor": 98.0,
    "t4_new_materials": 200.0,
    "t4_green_food": 165.0,
    "t4_new_energy": 85.0,
    "t4_electronics": 60.0,
    "nm_manganese_output": 20.0,
    "nm_zinc_output": 85.0,
}


def scenario(plan: Plan, *, synthetic: bool = False) -> list[Assessment]:
    out: list[Assessment] = []
    for t in plan.targets:
        if not t.assessed:
            continue
        out.append(make_assessment(plan, t.id, SCENARIO.get(t.id), synthetic=synthetic and t.id in SCENARIO))
    return out


@pytest.fixture(scope="session")
def make() -> Callable[..., Assessment]:
    return make_assessment


@pytest.fixture(scope="session")
def assessments(plan: Plan) -> list[Assessment]:
    return scenario(plan)


@pytest.fixture(scope="session")
def synthetic_assessments(plan: Plan) -> list[Assessment]:
    """The same scenario, every value marked as synthetic demo data."""
    return scenario(plan, synthetic=True)
