"""Ranking stability under ±20% weight changes, on examples worked by hand."""

from __future__ import annotations

from pathlib import Path

from planwatch.assess.assessment_targets import AnnualTarget, AnnualTargets
from planwatch.assess.rank import rank_counties
from planwatch.assess.rank_config import RankConfig
from planwatch.assess.rank_stability import rank_stability
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import load_plan

RANK = Path(__file__).resolve().parents[1] / "fixtures" / "rank"

# Two indicators, weights 50/50:
#   A scores (100, 80) → (50·100 + 50·80)/100 = 90
#   B scores ( 85, 96) → (50·85 + 50·96)/100 = 90.5   → base ranks B 1, A 2
#   C scores ( 50, 50) → 50                              → rank 3 whatever the weights
# Weight 1 × 1.2 = 60: A = (6000 + 4000)/110 = 90.909, B = (5100 + 4800)/110 = 90.0 → A 1, B 2
# Weight 1 × 0.8 = 40: A = (4000 + 4000)/90 = 88.889, B = (3400 + 4800)/90 = 91.111 → B 1
# Weight 2 × 1.2 = 60: A = (5000 + 4800)/110 = 89.091, B = (4250 + 5760)/110 = 91.0 → B 1
# Weight 2 × 0.8 = 40: A = (5000 + 3200)/90 = 91.111, B = (4250 + 3840)/90 = 89.889 → A 1
SCORES = [[100.0, 80.0], [85.0, 96.0], [50.0, 50.0]]
COUNTED = [[True, True]] * 3


def test_one_at_a_time_by_hand() -> None:
    a, b, c = rank_stability(
        SCORES, COUNTED, [50, 50], [0, 0, 0], [2, 1, 3], ["i1", "i2"], delta=0.2, samples=200, seed=1
    )
    assert a.oat == {"i1": (2, 1), "i2": (1, 2)}
    assert b.oat == {"i1": (1, 2), "i2": (2, 1)}
    assert (a.oat_min, a.oat_max, b.oat_min, b.oat_max) == (1, 2, 1, 2)
    assert (c.oat_min, c.oat_max, c.mc_min, c.mc_max) == (3, 3, 3, 3)
    assert (a.label(), b.label(), c.label()) == ("1–2", "1–2", "3")
    assert (a.moves, b.moves, c.moves) == (1, 1, 0)
    assert c.mc_same_share == 1.0


def test_monte_carlo_is_repeatable_and_consistent() -> None:
    args = (SCORES, COUNTED, [50, 50], [0, 0, 0], [2, 1, 3], ["i1", "i2"])
    first = rank_stability(*args, delta=0.2, samples=500, seed=7)
    again = rank_stability(*args, delta=0.2, samples=500, seed=7)
    assert first == again
    a, b, _ = first
    assert (a.mc_min, a.mc_max, b.mc_min, b.mc_max) == (1, 2, 1, 2)
    # A and B share places 1 and 2: A's share of draws at its base rank 2 equals B's at its rank 1
    assert a.mc_same_share == b.mc_same_share
    assert 0 < a.mc_same_share < 1


def test_deductions_stay_fixed() -> None:
    # A 10 points late: 90 − 10 = 80 under every weight change; B stays first
    a, b, _ = rank_stability(
        SCORES, COUNTED, [50, 50], [10, 0, 0], [2, 1, 3], ["i1", "i2"], delta=0.2, samples=100, seed=1
    )
    assert (a.best, a.worst, b.best, b.worst) == (2, 2, 1, 1)


def test_ranking_carries_its_ranges() -> None:
    plan = load_plan(RANK / "plan_small.yaml")
    cfg = RankConfig.model_validate(
        {"indicators": [{"id": "tax", "weight": 50}, {"id": "energy", "weight": 50}], "stability": {"samples": 200}}
    )
    targets = AnnualTargets.of(
        AnnualTarget(s, i, 2024, v) for s in ("county_a", "county_b", "county_c") for i, v in (("tax", 100), ("energy", 1))
    )
    y = Period.year_of(2024)
    # tax 100 → score = value; energy target 1 ÷ value × 100 (lower is better): the SCORES above
    data = ObservationTable.of(
        [
            Observation("tax", "county_a", y, 100), Observation("energy", "county_a", y, 1 / 0.80),
            Observation("tax", "county_b", y, 85), Observation("energy", "county_b", y, 1 / 0.96),
            Observation("tax", "county_c", y, 50), Observation("energy", "county_c", y, 2),
        ]
    )
    result = rank_counties(plan, data, 2024, targets=targets, config=cfg)
    assert [(u.name, u.rank_range.label() if u.rank_range else "") for u in result.units] == [
        ("乙县", "1–2"), ("甲县", "1–2"), ("丙县", "3"),
    ]
    assert result.to_dict()["units"][0]["rank_range"]["one_at_a_time"]["by_indicator"] == {"tax": [1, 2], "energy": [2, 1]}
