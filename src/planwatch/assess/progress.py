"""Progress formulas on plain floats (docs/methodology.md; ../shared/reference/methodology.md).

* the CAGR-ratio method of Statistics Canada / open-sdg ``sdg-build`` (methodology §3.2), with the
  thresholds, band names and score function of a profile from ``thresholds.yaml``: the published
  vectors CA-01 … CA-09 (default profile) and EU-01 … EU-03 (eustat profile) reproduce bit for bit;
* 完成进度, 时序进度 and the gap in 百分点 (§10.2, vectors CN-S1 … CN-S5);
* the compound path, actual and required CAGR (水平法, §10.6, vector CN-C1) and the 累计法 rate;
* chained yearly rates with the log-share progress of a multi-year decline target (§10.4, Qinghai
  vector CN-E1) and the NDRC 晴雨表 colour for one year's decline (§10.3).

Nothing here rounds: callers round for display only (CN-S1 shows why).
Rates are fractions (0.05 = 5 %) unless a name ends in ``_pct``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import brentq

from planwatch.assess.thresholds import (
    EustatScore,
    Profile,
    StatcanScore,
    Thresholds,
    band_of,
)
from planwatch.domain.enums import Comparator, Direction, Status, WarningLevel

# -- growth ------------------------------------------------------------------------------------


def growth(v1: float, v2: float, t1: float, t2: float) -> float:
    """sdg-build ``growth_calculation``: ((v1 / v2) ** (1 / (t1 − t2))) − 1, the CAGR from v2 to v1.

    Written in exactly the published order of operations so the vectors reproduce bit for bit.
    The caller makes sure v1/v2 > 0 and t1 ≠ t2.
    """
    return float(((v1 / v2) ** (1 / (t1 - t2))) - 1)


def cagr(first: float, last: float, years: float) -> float | None:
    """Compound annual growth rate (水平法) from ``first`` to ``last`` over ``years``; None if undefined."""
    if years <= 0 or first == 0 or last / first <= 0:
        return None
    return growth(last, first, years, 0)


def limit_coefficient(base: float, limit: float, exponent: float) -> float:
    """The natural-limit factor C of Statistics Canada (methodology §3.2).

    C = 1 if |y0| ≥ 2|L|; 1 − (|y0|/|L|)^a if |y0| ≤ |L|; else 1 − ((2|L| − |y0|)/|L|)^a.
    """
    b = abs(base)
    lim = abs(limit)
    if b >= 2 * lim:  # checked first: C = 1 when base and limit are both zero
        return 1.0
    if b <= lim:
        return float(1 - (b / lim) ** exponent)
    return float(1 - ((2 * lim - b) / lim) ** exponent)


# -- the CAGR-ratio method ------------------------------------------------------------------------


@dataclass(frozen=True)
class CagrProgress:
    """Result of the CAGR-ratio method for one series (every intermediate value kept)."""

    method: int  # 1: no quantified target; 2: with a target
    progress_value: float | None
    score: float | None
    status_name: str  # the profile's published name (substantial_progress, no_progress, …)
    status: Status
    target_achieved: bool
    actual_growth: float | None  # CAGR base → current
    required_growth: float | None  # CAGR base → target over the whole period (method 2)
    thresholds: dict[str, float]  # effective thresholds (after the limit factor)
    coefficient: float | None  # the limit factor C (method 1 with a limit), else None
    sign: int
    direction: int
    reason: str = ""  # why no progress value could be computed (Chinese), else ""

    def as_inputs(self) -> dict[str, object]:
        return {
            "method": self.method,
            "progress_value": self.progress_value,
            "score": self.score,
            "status_name": self.status_name,
            "target_achieved": self.target_achieved,
            "actual_growth": self.actual_growth,
            "required_growth_from_base": self.required_growth,
            "thresholds": dict(self.thresholds),
            "limit_coefficient": self.coefficient,
            "sign": self.sign,
            "direction": self.direction,
        }


def target_achieved(current: float, target: float, direction: Direction) -> bool:
    """sdg-build ``is_target_achieved``: d = −1 and current ≤ target, or d = +1 and current ≥ target."""
    d = direction.sign
    return (d == -1 and current <= target) or (d == 1 and current >= target)


def cagr_progress(
    *,
    base: float,
    base_year: float,
    current: float,
    current_year: float,
    profile: Profile,
    target: float | None = None,
    target_year: float | None = None,
    direction: Direction = Direction.UP,
    limit: float | None = None,
    achieved: bool | None = None,
) -> CagrProgress:
    """The CAGR-ratio progress value, score and status of one series (methodology §3.2).

    Method 1 (no target): v = s·d·CAGR. Method 2: v = s·d·CAGR_actual / |CAGR_required|.
    The target-achieved test short-circuits status and score (score = cap) but the value is still
    computed, as in the published code (CA-09). Unlike sdg-build, a zero base or zero target is
    *not* replaced by 0.001: the value is reported as not computable, with the reason.
    ``achieved`` overrides the published target test (the engine applies the plan's comparator:
    左右, 以内, 3-5家 …).
    """
    d = direction.sign
    s = -1 if base < 0 else 1
    method = 1 if target is None else 2
    if achieved is None:
        achieved = target is not None and target_achieved(current, target, direction)
    coeff: float | None = None
    if method == 1:
        spec = profile.no_target
        th = spec.thresholds.as_dict()
        if limit is not None:
            coeff = limit_coefficient(base, limit, spec.limit_exponent)
            for key in spec.scaled_by_limit:
                th[key] *= coeff
        bands = spec.bands
    else:
        th = profile.with_target.thresholds.as_dict()
        bands = profile.with_target.bands

    reason = ""
    actual: float | None = None
    required: float | None = None
    value: float | None = None
    if base == 0:
        reason = "基期值为0，无法计算年均增速"
    elif base * current <= 0:
        reason = "基期值与最新值符号不同（或最新值为0），无法计算年均增速"
    elif current_year <= base_year:
        reason = "最新数据不晚于基期，至少需要两个年份的数据"
    else:
        actual = growth(current, base, current_year, base_year)
        if method == 1:
            value = s * d * actual
        else:
            assert target is not None and target_year is not None
            if target_year <= base_year:
                reason = "目标年份不晚于基期"
            elif target / base <= 0:
                reason = "目标值与基期值符号不同（或目标为0），无法计算要求增速"
            elif target == base:
                reason = "目标值等于基期值，要求增速为0，比值无意义"
            else:
                required = growth(target, base, target_year, base_year)
                value = s * d * actual / abs(required)

    if achieved:
        name, status = profile.target_achieved, Status.ACHIEVED
        score: float | None = profile.score.cap
    elif value is None:
        name, status, score = "not_available", Status.NOT_ASSESSABLE, None
    else:
        band = band_of(value, bands, th)
        name, status = band.name, band.status
        score = score_of(value, method, th, coeff, profile)
    return CagrProgress(
        method=method,
        progress_value=value,
        score=score,
        status_name=name,
        status=status,
        target_achieved=achieved,
        actual_growth=actual,
        required_growth=required,
        thresholds=th,
        coefficient=coeff,
        sign=s,
        direction=d,
        reason=reason,
    )


def score_of(value: float, method: int, thresholds: dict[str, float], coeff: float | None, profile: Profile) -> float:
    """The profile's score in [−cap, cap] for a progress value (thresholds already scaled by C)."""
    spec = profile.score
    c = 1.0 if coeff is None else coeff
    if isinstance(spec, StatcanScore):
        return _statcan_score(value, method, thresholds, c, spec)
    return _eustat_score(value, method, c, spec)


def _statcan_score(v: float, method: int, th: dict[str, float], coeff: float, spec: StatcanScore) -> float:
    cap = spec.cap
    if method == 1:
        lines = spec.no_target
        if v < th["low"]:
            return max(lines.below_low.slope * v + lines.below_low.intercept, -cap)
        if coeff == 0:  # base equals the limit and the value is ≥ 0: the limit is held
            return cap
        if v >= th["high"]:
            return min(lines.above_high.slope * v / coeff + lines.above_high.intercept, cap)
        if v >= th["med"]:
            return lines.med_to_high.slope * v / coeff + lines.med_to_high.intercept
        return lines.low_to_med.slope * v / coeff + lines.low_to_med.intercept
    two = spec.with_target
    if v >= th["med"]:
        return min(two.at_least_med.slope * v + two.at_least_med.intercept, cap)
    return max(two.below_med.slope * v + two.below_med.intercept, -cap)


def _eustat_score(v: float, method: int, coeff: float, spec: EustatScore) -> float:
    cap = spec.cap
    if method == 1:
        if v < -spec.full_scale:
            return -cap
        if coeff == 0:
            return cap
        if v > spec.full_scale * coeff:
            return cap
        if v >= 0:
            return v / (spec.full_scale * coeff) * cap
        return v / spec.full_scale * cap
    if v > spec.top:
        return cap
    if v >= spec.pivot:
        return spec.upper_slope * (v - spec.pivot)
    if v > spec.bottom:
        return spec.lower_slope * (v - spec.bottom) - cap
    return -cap


@dataclass(frozen=True)
class AggregateProgress:
    score: float | None
    status_name: str
    status: Status
    scores: list[float] = field(default_factory=list)


def aggregate_progress(series: Sequence[CagrProgress], profile: Profile) -> AggregateProgress:
    """Several series of one indicator: the mean score and its status (sdg-build IndicatorProgress).

    "Target achieved" only when every scored series achieved its target.
    """
    scored = [p for p in series if p.score is not None]
    if not scored:
        return AggregateProgress(None, "not_available", Status.NOT_ASSESSABLE)
    scores = [float(p.score) for p in scored if p.score is not None]
    mean = float(np.mean(scores))
    if all(p.target_achieved for p in scored):
        return AggregateProgress(mean, profile.target_achieved, Status.ACHIEVED, scores)
    band = band_of(mean, profile.score_bands, {})
    return AggregateProgress(mean, band.name, band.status, scores)


def ratio_status(value: float, thresholds: Thresholds) -> Status:
    """A ratio on the CAGR-ratio scale (1 = on schedule) → on_track / needs_acceleration / limited / deterioration."""
    if value >= thresholds.high:
        return Status.ON_TRACK
    if value >= thresholds.med:
        return Status.NEEDS_ACCELERATION
    if value >= thresholds.low:
        return Status.LIMITED
    return Status.DETERIORATION


# -- meeting a target ----------------------------------------------------------------------------


def meets_target(
    value: float,
    target: float,
    comparator: Comparator,
    direction: Direction,
    *,
    about_tolerance: float,
) -> bool:
    """Whether ``value`` meets the target as the plan words it.

    reach: ≥ target when higher is better, ≤ when lower is better; at_least: ≥; at_most: ≤;
    about (左右): within ``about_tolerance`` of the target, or beyond it in the better direction;
    between (3-5家): ≥ the lower bound (above the upper bound still counts; the engine notes it).
    """
    if comparator is Comparator.AT_LEAST or comparator is Comparator.BETWEEN:
        return value >= target
    if comparator is Comparator.AT_MOST:
        return value <= target
    if comparator is Comparator.ABOUT:
        if direction is Direction.DOWN:
            return value <= target + abs(target) * about_tolerance
        return value >= target - abs(target) * about_tolerance
    return value >= target if direction is Direction.UP else value <= target


def effective_threshold(target: float, comparator: Comparator, direction: Direction, *, about_tolerance: float) -> float:
    """The value that just meets the target (the bar a projection must clear)."""
    if comparator is Comparator.ABOUT:
        delta = abs(target) * about_tolerance
        return target + delta if direction is Direction.DOWN else target - delta
    return target


# -- 完成进度 / 时序进度 ------------------------------------------------------------------------------


def completion(baseline: float, latest: float, target: float) -> float | None:
    """完成进度: the share of the baseline → target distance achieved, (y − y0)/(yT − y0)."""
    if target == baseline:
        return None
    return (latest - baseline) / (target - baseline)


def share_of_total(total: float, target: float) -> float | None:
    """完成进度 of a cumulative target: Σ flows / target (CN-S1: 629.0/647.4 = 97.158 %)."""
    if target == 0:
        return None
    return total / target


def span_time_share(months_elapsed: int, years: int) -> float:
    """时序进度: months elapsed / months in the span, within [0, 1] (2024Q4 in 2021–2025: 48/60)."""
    if years <= 0:
        return 1.0
    return min(max(months_elapsed / (12 * years), 0.0), 1.0)


def gap_pp(completion_share: float, time_share: float) -> float:
    """超(+)/低于(−)时序进度, in 百分点: (completion − time) × 100, unrounded."""
    return (completion_share - time_share) * 100


def expected_on_path(baseline: float, target: float, time_share: float) -> float:
    """The value on the compound path from baseline to target after ``time_share`` of the period.

    y0·(yT/y0)^share; the straight line y0 + (yT − y0)·share when the two have different signs or
    either is zero (no compound path exists).
    """
    if baseline != 0 and target / baseline > 0:
        return float(baseline * (target / baseline) ** time_share)
    return baseline + (target - baseline) * time_share


def required_growth(latest: float, target: float, years_left: float) -> float | None:
    """The CAGR still needed from the latest value to the target: (yT/yt)^(1/years) − 1."""
    return cagr(latest, target, years_left)


def cumulative_required_growth(last_flow: float, remaining_total: float, years: int) -> float | None:
    """累计法: the yearly growth g with Σ_{i=1..n} a·(1+g)^i = the remaining total (§10.6).

    ``last_flow`` is the latest full year's flow a; None when nothing remains, there are no years
    left, or a ≤ 0.
    """
    if years <= 0 or remaining_total <= 0 or last_flow <= 0:
        return None

    def gap(x: float) -> float:
        return last_flow * sum(x**i for i in range(1, years + 1)) - remaining_total

    high = 2.0
    while gap(high) < 0:
        high *= 2
    root = brentq(gap, 1e-12, high, xtol=1e-15, rtol=1e-15)
    return float(root) - 1


def seasonal_share(pairs: Sequence[tuple[float, float]]) -> float | None:
    """The usual share of the year a year-to-date value represents: mean of YTD/annual over years."""
    shares = [ytd / annual for ytd, annual in pairs if annual != 0]
    if not shares:
        return None
    return float(np.mean(shares))


# -- chained yearly rates (energy intensity, §10.4) ----------------------------------------------


@dataclass(frozen=True)
class ChainedRates:
    """A run of yearly rates judged against a multi-year total (Qinghai method, vector CN-E1).

    Every rate is a fraction in the target's sense: for a decline target a positive number is a
    decline (2.2 % lower → 0.022), for a growth target a positive number is growth.
    """

    years: int  # n, the years observed
    total_years: int  # N, the years of the target
    index: float  # Π yearly factors (1 − r for a decline, 1 + r for growth)
    cumulative: float  # change over the n years, in the target's sense
    average_rate: float  # per year over the n years
    target_total: float  # the N-year total to reach, in the target's sense
    required_rate: float  # per year over N years to reach target_total
    remaining: float | None  # change still needed over the N − n remaining years (None when none remain)
    remaining_rate: float | None  # per year over the remaining years
    years_equivalent: float | None  # Y = ln(index)/ln(required factor): years' worth of the required change
    log_share: float | None  # Y / N: the share of the target achieved (Qinghai's 26.8 %)
    progress_value: float  # CAGR ratio on the index: average_rate / required_rate
    achieved: bool


def chained_rates(rates: Sequence[float], *, total_years: int, target_total: float, decline: bool) -> ChainedRates:
    """Chain yearly rates into a cumulative change and compare with an N-year target (§10.4).

    "三年总的增长速度=各年发展速度的连乘积": index = Π(1 ∓ r_i); remaining = f_T/index − 1 over the
    N − n years left; Y = ln(index)/ln(f_T^(1/N)); progress as a share of the target = Y/N.
    """
    n = len(rates)
    if n == 0 or total_years <= 0:
        raise ValueError("chained_rates needs at least one rate and a positive number of years")
    sense = -1 if decline else 1
    index = 1.0
    for r in rates:
        index *= 1 + sense * r
    f_total = 1 + sense * target_total  # the index the target asks for (0.83 for −17 %)
    f_year = f_total ** (1 / total_years)
    cumulative = sense * (index - 1)
    average = sense * (index ** (1 / n) - 1) if index > 0 else -sense * 1.0
    required_rate = sense * (f_year - 1)
    remaining: float | None = None
    remaining_rate: float | None = None
    if n < total_years and index > 0:
        ratio = f_total / index
        remaining = sense * (ratio - 1)
        remaining_rate = sense * (ratio ** (1 / (total_years - n)) - 1)
    y_equiv: float | None = None
    share: float | None = None
    if index > 0 and f_year > 0 and f_year != 1:
        y_equiv = math.log(index) / math.log(f_year)
        share = y_equiv / total_years
    # CAGR ratio as sdg-build writes it, on the index (lower is better for a decline):
    progress = average / abs(f_year - 1) if f_year != 1 else (1.0 if average >= 0 else -1.0)
    achieved = cumulative >= target_total
    return ChainedRates(
        years=n,
        total_years=total_years,
        index=index,
        cumulative=cumulative,
        average_rate=average,
        target_total=target_total,
        required_rate=required_rate,
        remaining=remaining,
        remaining_rate=remaining_rate,
        years_equivalent=y_equiv,
        log_share=share,
        progress_value=progress,
        achieved=achieved,
    )


def compound_total(per_year: float, years: int) -> float:
    """The N-year change of a constant yearly rate: 1 − (1 − r)^N for 2 %/yr declines → 9.61 % over 5."""
    return 1 - (1 - per_year) ** years


def ndrc_warning(actual: float, target: float, *, yellow_shortfall: float) -> WarningLevel:
    """The NDRC 晴雨表 colour of one period's decline against its target decline (§10.3).

    green: actual ≥ target; yellow: short by at most ``yellow_shortfall`` of the target; red otherwise
    (including any rise). Both are declines in the same unit (2.0 for 2 %).
    """
    if actual >= target:
        return WarningLevel.GREEN
    if target > 0 and (target - actual) / target <= yellow_shortfall:
        return WarningLevel.YELLOW
    return WarningLevel.RED
