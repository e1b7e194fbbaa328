"""Published test vectors of ../shared/reference/methodology.md, reproduced to the printed digits.

CA-01 … CA-09: Statistics Canada production run (cif-data-donnees-cic indicator_calculation_components.yml
@0004afd1), default profile. EU-01 … EU-03: Eustat's "Eurostat" variant (EUSTAT-DES/data @00a0109c),
eustat profile. The expectations are the published values themselves, compared with ==.
"""

from __future__ import annotations

import pytest

from planwatch.assess.progress import aggregate_progress, cagr_progress
from planwatch.assess.thresholds import load_thresholds
from planwatch.domain.enums import Direction, Status

DEFAULT = load_thresholds().profile("default")
EUSTAT = load_thresholds().profile("eustat")

UP, DOWN = Direction.UP, Direction.DOWN

# id, base, base_year, current, current_year, target, target_year, direction, progress_value, score, status
CA = [
    ("CA-01", 14.5, 2015, 10.2, 2023, 7.25, 2030, DOWN, 0.9525901792032172, 2.5185563910306596, "substantial_progress"),
    ("CA-02", 63.0, 2005, 74.0, 2020, 85.0, 2030, UP, 0.8949392974311927, 2.106761907621266, "moderate_progress"),
    ("CA-03", 699.0, 2014, 683.4, 2022, 490.0, 2030, DOWN, 0.12830416881599752, -1.9653950197943832, "limited_progress"),
    ("CA-04", 10.1, 2015, 13.7, 2023, 30.0, 2030, UP, 0.5160064971944834, -0.34995572813974585, "limited_progress"),
    ("CA-05", 0.37, 2015, 14.63, 2024, 60.0, 2030, UP, 1.249622415033452, 4.640227948342444, "substantial_progress"),
    ("CA-06", 18.8, 2015, 11.1, 2024, 5.0, 2035, DOWN, 0.8874610697051454, 2.0533456747968826, "moderate_progress"),
    ("CA-07", 76.9, 2015, 77.1, 2021, 95.0, 2025, UP, 0.020269306498664433, -2.415543880612015, "limited_progress"),
    ("CA-08", 184.4, 2015, 231.9, 2023, 0.1, 2030, DOWN, -0.07371746216108555, -2.807158549586595, "deterioration"),
    ("CA-09", 8.1, 2015, 7.3, 2023, 8.0, 2025, DOWN, 10.402574542255982, 5.0, "target_achieved"),
]

STATUS = {
    "substantial_progress": Status.ON_TRACK,
    "moderate_progress": Status.NEEDS_ACCELERATION,
    "limited_progress": Status.LIMITED,
    "deterioration": Status.DETERIORATION,
    "target_achieved": Status.ACHIEVED,
}


@pytest.mark.parametrize("row", CA, ids=[r[0] for r in CA])
def test_statistics_canada_vectors(row: tuple[object, ...]) -> None:
    _, base, by, cur, cy, target, ty, direction, value, score, status = row
    result = cagr_progress(
        base=base, base_year=by, current=cur, current_year=cy, target=target, target_year=ty,  # type: ignore[arg-type]
        direction=direction, profile=DEFAULT,  # type: ignore[arg-type]
    )
    assert result.progress_value == value
    assert result.score == score
    assert result.status_name == status
    assert result.status is STATUS[str(status)]
    assert result.method == 2


def test_ca01_by_hand() -> None:
    # CAGR actual = (10.2/14.5)^(1/8) − 1 = −0.04301; required = (7.25/14.5)^(1/15) − 1 = −0.04516;
    # lower is better: −1 · (−0.04301) / 0.04516 = 0.9526 ≥ 0.95 → substantial progress;
    # score = 7.1429 · 0.9526 − 4.2857 = 2.5186.
    r = cagr_progress(base=14.5, base_year=2015, current=10.2, current_year=2023, target=7.25, target_year=2030,
                      direction=DOWN, profile=DEFAULT)
    assert r.actual_growth == pytest.approx(-0.04301, abs=1e-5)
    assert r.required_growth == pytest.approx(-0.04516, abs=1e-5)
    assert r.thresholds == {"high": 0.95, "med": 0.6, "low": 0.0}


def test_ca09_target_met_short_circuits() -> None:
    # 7.3 ≤ 8.0 with lower better: achieved, score 5, though the ratio (10.40) is still computed.
    r = cagr_progress(base=8.1, base_year=2015, current=7.3, current_year=2023, target=8.0, target_year=2025,
                      direction=DOWN, profile=DEFAULT)
    assert r.target_achieved and r.status is Status.ACHIEVED and r.score == 5


def test_eu01_no_target_no_progress() -> None:
    # CAGR = (70.3/69.9)^(1/8) − 1 = 0.000714 (between −0.1% and 0.1% → no_progress); score = 0.000714/0.02·5.
    r = cagr_progress(base=69.9, base_year=2015, current=70.3, current_year=2023, direction=UP, profile=EUSTAT)
    assert r.method == 1
    assert r.progress_value == 0.0007135231337143111
    assert r.score == 0.17838078342857777
    assert r.status_name == "no_progress"


def test_eu02_with_target_significant_deterioration() -> None:
    # ratio = −CAGR(16.4→16.5, 6 yrs)/|CAGR(16.4→8.2, 14 yrs)| = −0.0210 < 0;
    # score = 5/1.2 · (−0.0210 + 0.6) − 5 = −2.5874.
    r = cagr_progress(base=16.4, base_year=2016, current=16.5, current_year=2022, target=8.2, target_year=2030,
                      direction=DOWN, profile=EUSTAT)
    assert r.progress_value == -0.02098521874625286
    assert r.score == -2.58743841144272
    assert r.status_name == "significant_deterioration"
    assert r.status is Status.DETERIORATION


def test_eu03_two_series_mean_score() -> None:
    # Series 1: CAGR(34.13→35.32, 9 yrs) = 0.003815 → score 0.9538; series 2 sits at its limit 100
    # (C = 0) → score 5. Mean 2.9769 > 2.5 → significant_progress.
    first = cagr_progress(base=34.13, base_year=2015, current=35.32, current_year=2024, direction=UP, profile=EUSTAT)
    second = cagr_progress(base=100.0, base_year=2015, current=100.0, current_year=2024, direction=UP, limit=100.0,
                           profile=EUSTAT)
    assert first.progress_value == 0.003815327994563189
    assert first.status_name == "moderate_progress"
    assert second.coefficient == 0 and second.score == 5
    combined = aggregate_progress([first, second], EUSTAT)
    assert combined.score == 2.976915999320399
    assert combined.status_name == "significant_progress"
