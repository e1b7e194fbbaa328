"""The synthetic 考核 inputs of the demo (planwatch.demo.assessment)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planwatch.assess.assessment_targets import read_assessment_targets
from planwatch.assess.rank import rank_counties
from planwatch.demo.assessment import generate_assessment_inputs
from planwatch.domain.enums import Measure, TargetOrigin
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan, load_plan


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def table_of(path: Path) -> ObservationTable:
    return ObservationTable.of(
        Observation(r["indicator"], r["scope"], Period.parse(r["period"]), float(r["value"]), Measure(r["measure"]), r["source"])
        for r in read_rows(path)
    )


def test_deterministic_and_marked_synthetic(plan: Plan, tmp_path: Path) -> None:
    a = generate_assessment_inputs(plan, 42, [2021, 2022, 2023, 2024], tmp_path / "a")
    b = generate_assessment_inputs(plan, 42, [2021, 2022, 2023, 2024], tmp_path / "b")
    c = generate_assessment_inputs(plan, 7, [2021, 2022, 2023, 2024], tmp_path / "c")
    assert [p.name for p in a] == ["assessment_targets.csv", "assessment_observations.csv"]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert a[1].read_bytes() != c[1].read_bytes()
    for path in a:
        assert {r["source"] for r in read_rows(path)} == {"synthetic demo data"}


def test_shapes(plan: Plan, tmp_path: Path) -> None:
    targets_path, obs_path = generate_assessment_inputs(plan, 42, [2023, 2024], tmp_path)
    targets = read_assessment_targets([targets_path], plan)
    # 9 county-level units × 4 indicators × 2 years
    assert len(targets) == 9 * 4 * 2
    va = targets.get("jishou", "scale_industrial_va", 2024)
    assert va is not None and va.measure is Measure.GROWTH and 7.0 <= va.value <= 10.0
    table = table_of(obs_path)
    # series from the year before the first: 2022–2024, each quarter adding up to its year
    years = sorted({o.period.year for o in table})
    assert years == [2022, 2023, 2024]
    for ind in ("tech_renovation_investment", "investment_projects"):
        year = table.get(ind, "luxi", Period.year_of(2024))
        quarters = [table.get(ind, "luxi", Period.parse(f"2024Q{q}")) for q in range(1, 5)]
        assert year is not None and all(q is not None for q in quarters)
        assert sum(q.value for q in quarters if q) == pytest.approx(year.value)
    # the prefecture's totals of the two flows are the sum of its units
    total = sum(o.value for o in table if o.indicator == "investment_projects" and o.period == Period.year_of(2024) and o.scope != "xiangxi")
    assert table.get("investment_projects", "xiangxi", Period.year_of(2024)).value == total  # type: ignore[union-attr]


def test_through_leaves_out_later_quarters(plan: Plan, tmp_path: Path) -> None:
    _, obs_path = generate_assessment_inputs(plan, 42, [2024, 2025], tmp_path, through=Period.parse("2025-06"))
    periods = {str(o.period) for o in table_of(obs_path) if o.period.year == 2025}
    assert periods == {"2025Q1", "2025Q2"}


def test_ranking_runs_on_them_and_says_synthetic(plan: Plan, tmp_path: Path) -> None:
    targets_path, obs_path = generate_assessment_inputs(plan, 42, [2024], tmp_path)
    result = rank_counties(plan, table_of(obs_path), 2024, targets=read_assessment_targets([targets_path], plan))
    assert result.synthetic and len(result.units) == 9
    tech = result.units[0].score_of("tech_renovation_investment")
    assert tech.target is not None and tech.target.origin is TargetOrigin.EXPLICIT and tech.score is not None
