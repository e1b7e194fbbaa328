"""Projections: compound trend, log-linear fitted trend with a t interval and probability, pace; backtest."""

from __future__ import annotations

import math

import pytest

from planwatch.assess.projection import compound_rate, compound_trend, fitted_trend, linear_pace
from planwatch.assess.thresholds import load_thresholds

SETTINGS = load_thresholds().projection.fitted_trend

# 图1数据: 工业增加值 2015–2019 (2018 not printed); published 2020: 164.3 亿元.
HISTORY = [(2015.0, 127.1), (2016.0, 132.1), (2017.0, 141.7), (2019.0, 158.3)]


def test_backtest_fitted_trend_2020() -> None:
    # OLS of ln y on year: slope 0.056249 (trend growth e^0.056249 − 1 = 5.786 %/yr); 2020 projection 167.25,
    # 80 % prediction interval 162.69 … 171.94 (t(0.9, 2 df) = 1.8856). Published 164.3: error +1.80 %, inside.
    p = fitted_trend(HISTORY, 2020.0, SETTINGS, threshold=164.3)
    assert p is not None and p.method == "fitted_trend"
    assert p.value == pytest.approx(167.2495, abs=1e-3)
    assert p.low == pytest.approx(162.6857, abs=1e-3) and p.high == pytest.approx(171.9414, abs=1e-3)
    assert p.level == 0.8
    assert p.inputs["trend_growth"] == pytest.approx(0.057859, abs=1e-6)
    assert p.inputs["t_quantile"] == pytest.approx(1.885618, abs=1e-6)
    assert (p.value - 164.3) / 164.3 == pytest.approx(0.01795, abs=1e-4)
    assert p.low is not None and p.high is not None and p.low < 164.3 < p.high
    # P(y_2020 ≥ 164.3) under the predictive t(2): 0.825
    assert p.probability == pytest.approx(0.8255, abs=1e-3)


def test_backtest_compound_trend_2020() -> None:
    # CAGR 2015→2019 = (158.3/127.1)^(1/4) − 1 = 5.641 %; 158.3·1.05641 = 167.23; error +1.78 %.
    growth = (158.3 / 127.1) ** (1 / 4) - 1
    p = compound_trend(158.3, 2019.0, growth, 2020.0)
    assert p is not None and p.probability is None
    assert p.value == pytest.approx(167.2302, abs=1e-3)


def test_fitted_needs_four_positive_points() -> None:
    assert fitted_trend(HISTORY[:3], 2020.0, SETTINGS) is None
    assert fitted_trend([*HISTORY[:3], (2019.0, -1.0)], 2020.0, SETTINGS) is None


def test_fitted_probability_direction_and_perfect_fit() -> None:
    # An exact 10 % series: the fit is perfect (residual sd ≈ 0) so the probability is 0 or 1.
    pts = [(2020.0 + i, 100 * 1.1**i) for i in range(5)]
    up = fitted_trend(pts, 2025.0, SETTINGS, threshold=150.0)
    assert up is not None and up.value == pytest.approx(100 * 1.1**5) and up.probability == pytest.approx(1.0)
    down = fitted_trend(pts, 2025.0, SETTINGS, threshold=150.0, higher_is_better=False)
    assert down is not None and down.probability == pytest.approx(0.0, abs=1e-12)


def test_fitted_uses_the_last_points_only() -> None:
    pts = [(2000.0 + i, 50.0) for i in range(20)] + [(2020.0, 60.0)]
    p = fitted_trend(pts, 2021.0, SETTINGS)
    assert p is not None and len(p.inputs["points"]) == SETTINGS.max_points


def test_compound_trend_edges() -> None:
    assert compound_trend(100, 2023.0, None, 2025.0) is None
    assert compound_trend(100, 2026.0, 0.1, 2025.0) is None
    p = compound_trend(100, 2023.0, 0.1, 2025.0)
    assert p is not None and p.value == pytest.approx(121.0)


def test_linear_pace_and_compound_rate() -> None:
    # 165 new enterprises after 45 of 60 months → 165/0.75 = 220 by the end.
    p = linear_pace(165, 0.75)
    assert p is not None and p.value == pytest.approx(220)
    assert linear_pace(1, 0) is None
    # Qinghai: index 0.95127 after 3 years, continued to 5: 1 − 0.95127^(5/3) = 7.989 %
    q = compound_rate(0.95127, 3, 5, decline=True)
    assert q is not None and q.value == pytest.approx((1 - 0.95127 ** (5 / 3)) * 100)
    assert math.isclose(q.value, 7.989, abs_tol=1e-3)
