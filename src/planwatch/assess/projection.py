"""Projections to the target year by named methods (docs/methodology.md, "Projections").

* ``compound_trend``: the latest value grown at the actual CAGR since the baseline (UNSD Progress
  Chart's expected value, methodology §4): y_T = y_t·(1 + CAGR)^(T − t). One path, so no
  probability: a probability needs a model of how years vary around the trend, which is what
  ``fitted_trend`` supplies.
* ``fitted_trend``: ordinary least squares of ln y on the year over the last ≥ 4 annual points
  (settings in thresholds.yaml), a t-based prediction interval at the target year, and the
  probability of meeting the target from the same predictive distribution,
  ln y_T ~ m + se·t(n − 2), se = s·√(1 + 1/n + (T − x̄)²/Sxx).
* ``linear_pace`` (cumulative and yearly-count targets): the total so far divided by the share of
  the span elapsed (序时进度 extrapolated).
* ``compound_rate`` (yearly-rate targets): the average yearly rate so far continued to the end of
  the span.

Every Projection keeps its method and inputs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats

from planwatch.assess.results import Projection
from planwatch.assess.thresholds import FittedTrendSettings


def compound_trend(
    latest: float, latest_time: float, growth: float | None, target_time: float
) -> Projection | None:
    """y_T = y_t·(1 + g)^(T − t), with g the actual CAGR since the baseline; None without g or time left."""
    if growth is None or growth <= -1:
        return None
    years = target_time - latest_time
    if years < 0:
        return None
    value = latest * (1 + growth) ** years
    return Projection(
        method="compound_trend",
        value=value,
        inputs={"latest": latest, "latest_time": latest_time, "growth": growth, "years": years, "target_time": target_time},
    )


def fitted_trend(
    points: Sequence[tuple[float, float]],
    target_time: float,
    settings: FittedTrendSettings,
    *,
    threshold: float | None = None,
    higher_is_better: bool = True,
) -> Projection | None:
    """Log-linear OLS on annual points (time, value) with a t prediction interval at ``target_time``.

    Uses the last ``settings.max_points`` points; None with fewer than ``settings.min_points`` or any
    value ≤ 0. ``threshold`` is the value that just meets the target; the probability is
    P(y_T ≥ threshold) (or ≤ when lower is better) under the predictive t distribution.
    """
    pts = sorted(points)[-settings.max_points :]
    if len(pts) < settings.min_points or any(v <= 0 for _, v in pts):
        return None
    x = np.array([p[0] for p in pts], dtype=float)
    y = np.log(np.array([p[1] for p in pts], dtype=float))
    n = len(pts)
    x_mean = float(x.mean())
    sxx = float(((x - x_mean) ** 2).sum())
    if sxx == 0:
        return None
    slope = float(((x - x_mean) * (y - y.mean())).sum() / sxx)
    intercept = float(y.mean() - slope * x_mean)
    residuals = y - (intercept + slope * x)
    df = n - 2
    resid_sd = math.sqrt(float((residuals**2).sum()) / df)
    centre = intercept + slope * target_time
    se = resid_sd * math.sqrt(1 + 1 / n + (target_time - x_mean) ** 2 / sxx)
    level = settings.interval_level
    q = float(stats.t.ppf((1 + level) / 2, df))
    value = math.exp(centre)
    low = math.exp(centre - q * se)
    high = math.exp(centre + q * se)
    probability: float | None = None
    if threshold is not None:
        if threshold <= 0:
            probability = 1.0 if higher_is_better else 0.0
        elif se == 0:
            meets = value >= threshold if higher_is_better else value <= threshold
            probability = 1.0 if meets else 0.0
        else:
            z = (math.log(threshold) - centre) / se
            probability = float(stats.t.sf(z, df) if higher_is_better else stats.t.cdf(z, df))
    return Projection(
        method="fitted_trend",
        value=value,
        low=low,
        high=high,
        level=level,
        probability=probability,
        inputs={
            "points": [[t, v] for t, v in pts],
            "target_time": target_time,
            "slope_log": slope,
            "intercept_log": intercept,
            "trend_growth": math.exp(slope) - 1,
            "residual_sd_log": resid_sd,
            "df": df,
            "se_prediction_log": se,
            "t_quantile": q,
            "threshold": threshold,
            "higher_is_better": higher_is_better,
        },
    )


def linear_pace(total: float, time_share: float) -> Projection | None:
    """The span's total if the pace so far continues: Σ / time share."""
    if time_share <= 0:
        return None
    return Projection(method="linear_pace", value=total / time_share, inputs={"total": total, "time_share": time_share})


def compound_rate(index: float, years: int, total_years: int, decline: bool) -> Projection | None:
    """The N-year change if the average yearly rate so far continues: index^(N/n), as a change in %."""
    if years <= 0 or index <= 0:
        return None
    projected_index = index ** (total_years / years)
    change = (1 - projected_index) if decline else (projected_index - 1)
    return Projection(
        method="compound_rate",
        value=change * 100,
        inputs={"index": index, "years": years, "total_years": total_years, "projected_index": projected_index},
    )
