"""Yearly-rate targets (能耗每年下降2%, five-year [10]) and average-growth targets (年均增长15%).

Each year's published rate is chained (methodology §10.4, Qinghai): index = Π(1 ∓ r_i), the
cumulative change, the change still needed and its yearly rate over the years left, and progress
as a log share Y/N of the N-year target (completion) against n/N (time). The progress value is the
CAGR ratio on the index (average yearly rate / required yearly rate, ``chained_rates``). A decline
target's warning colour follows the NDRC 晴雨表 rule for the latest period's rate (§10.3).
"""

from __future__ import annotations

from planwatch.assess.context import Draft, TargetContext
from planwatch.assess.period_value import Point, ending_in
from planwatch.assess.progress import (
    ChainedRates,
    chained_rates,
    compound_total,
    ndrc_warning,
    score_of,
    span_time_share,
)
from planwatch.assess.projection import compound_rate
from planwatch.assess.series import num
from planwatch.assess.thresholds import band_of
from planwatch.domain.enums import Measure, Status
from planwatch.domain.periods import Period
from planwatch.plan.schema import Indicator


def is_decline(indicator: Indicator) -> bool:
    """Whether a rate indicator counts a decline as positive (能耗下降幅度: 2 means 2 % lower): the plan says."""
    return indicator.rate_sense == "decline"


def assess_yearly_rate(ctx: TargetContext, d: Draft) -> None:
    t = ctx.target
    assert t.span is not None and t.yearly_rate is not None
    first, last = t.span
    total_years = last - first + 1
    per_year = t.yearly_rate.per_year
    decline = is_decline(ctx.indicator)
    if t.target is not None and t.target.value != per_year:
        target_total = t.target.value / 100
        d.inputs["target_total_source"] = "plan"
    else:
        target_total = compound_total(per_year / 100, total_years) if decline else (1 + per_year / 100) ** total_years - 1
        d.inputs["target_total_source"] = "per_year_compounded"
    _chain(ctx, d, first, last, total_years, target_total, decline, _yearly_rates(ctx, first, last))
    # The NDRC 晴雨表 colour of the latest period (a full year, or this year so far).
    latest = _latest_rate(ctx, first, last)
    if decline and latest is not None:
        d.use(latest)
        d.warning = ndrc_warning(latest.value, per_year, yellow_shortfall=ctx.settings.engine.ndrc_yellow_shortfall)
        d.inputs["barometer"] = {
            "period": str(latest.period),
            "actual": latest.value,
            "target": per_year,
            "yellow_shortfall": ctx.settings.engine.ndrc_yellow_shortfall,
            "warning": d.warning.value,
        }
        if d.latest is None:
            d.latest, d.latest_period = latest.value, latest.period
            d.value_basis = "yearly_rates"


def assess_growth(ctx: TargetContext, d: Draft) -> None:
    """年均增长 x%: the geometric mean of the yearly growth rates since the baseline (水平法 on indices)."""
    t = ctx.target
    assert t.target is not None
    base_year = t.baseline.year if t.baseline is not None else ctx.plan.meta.base_year
    first, last = base_year + 1, t.target.year
    total_years = last - first + 1
    rate = t.target.value / 100
    target_total = (1 + rate) ** total_years - 1
    rates = _growth_rates(ctx, d, first, last)
    current = _ytd_growth(ctx, d, first, last, rates)
    if current is not None:
        rates[current.period.year] = current
    _chain(ctx, d, first, last, total_years, target_total, False, rates)


def _ytd_growth(ctx: TargetContext, d: Draft, first: int, last: int, rates: dict[int, Point]) -> Point | None:
    """This year's growth so far against the same period last year (1—6月 累计增速), as the year's rate
    until the whole year is published: a mid-year as-of with no full-year rate for its year."""
    as_of = ctx.as_of
    year = as_of.year
    if as_of.is_year_end or not first <= year <= last or year in rates:
        return None
    series = ctx.series
    for month in range(as_of.end_month, 0, -1):
        for p in ending_in(year, month):
            obs = series.get(p, Measure.YTD_GROWTH)
            if obs is None and p.start_month == 1:
                obs = series.get(p, Measure.GROWTH)  # a growth of 1—3月 (Q1) or January is its 累计增速
            if obs is not None:
                label = Period.month_of(year, month).ytd_label_zh
                d.note(f"{year}年按{label}累计增速 {num(obs.value)}%（与上年同期比）计入，全年数据发布后以全年为准")
                return Point(Period.month_of(year, month), obs.value, "ytd_growth", (obs,))
    return None


def _yearly_rates(ctx: TargetContext, first: int, last: int) -> dict[int, Point]:
    return ctx.series.yearly_values(first, last)


def _growth_rates(ctx: TargetContext, d: Draft, first: int, last: int) -> dict[int, Point]:
    """Published yearly growth rates (measure growth); else growth computed from annual levels."""
    series = ctx.series
    out: dict[int, Point] = {}
    for y in range(first, last + 1):
        obs = series.get(Period.year_of(y), Measure.GROWTH)
        if obs is not None:
            out[y] = Point(obs.period, obs.value, "growth", (obs,))
            continue
        now, before = series.annual(y), series.annual(y - 1)
        if now is not None and before is not None and before.value != 0:
            value = (now.value / before.value - 1) * 100
            out[y] = Point(now.period, value, "levels", (*before.used, *now.used))
            d.note(f"{y}年增速由水平值计算（{num(before.value)} → {num(now.value)}），为现价名义增速，不是可比价实际增速")
    return out


def _latest_rate(ctx: TargetContext, first: int, last: int) -> Point | None:
    """The latest rate in the span: a full year's, or this year's so far (for the 晴雨表)."""
    series = ctx.series
    point = series.latest_level() if not series.is_flow else None
    if point is not None and first <= point.period.year <= last:
        return point
    return None


def _chain(
    ctx: TargetContext,
    d: Draft,
    first: int,
    last: int,
    total_years: int,
    target_total: float,
    decline: bool,
    rates: dict[int, Point],
) -> None:
    d.inputs["decline"] = decline
    d.inputs["rates"] = {str(y): p.value for y, p in sorted(rates.items())}
    if not rates:
        d.status = Status.NO_DATA
        d.note_code("NO_YEARLY_DATA")
        return
    years = sorted(rates)
    gaps = [y for y in range(first, years[-1] + 1) if y not in rates]
    d.use(*rates.values())
    if gaps:
        d.status, d.method = Status.NOT_ASSESSABLE, "chained_rates"
        d.inputs["missing_years"] = gaps
        d.note_code("RATE_MISSING_YEARS", years=list(gaps))
        return
    result = chained_rates([rates[y].value / 100 for y in years], total_years=total_years, target_total=target_total, decline=decline)
    end = rates[years[-1]].period if rates[years[-1]].basis == "ytd_growth" else Period.year_of(years[-1])
    share = span_time_share(end.months_since_start_of(first), total_years)
    d.method = "chained_rates"
    d.value_basis = "yearly_rates"
    d.latest, d.latest_period = rates[years[-1]].value, end
    d.completion = result.log_share
    d.time_elapsed = share
    d.actual_growth = result.average_rate
    d.required_growth = result.remaining_rate
    d.progress_value = result.progress_value
    sense = -1 if decline else 1
    d.expected = (sense * ((1 + sense * result.required_rate) ** result.years - 1)) * 100
    d.inputs["chained"] = _chain_inputs(result)
    if end.ordinal < Period.year_of(min(last, ctx.as_of.year)).ordinal and ctx.as_of.is_year_end:
        d.note(f"最新年度数据为{end.label_zh}")
    word = "下降" if decline else "增长"
    d.note(
        f"{years[0]}—{years[-1]}年累计{word} {result.cumulative * 100:.2f}%（年均 {result.average_rate * 100:.2f}%），"
        f"目标{total_years}年累计{word} {target_total * 100:.2f}%（年均 {result.required_rate * 100:.2f}%）"
    )
    if result.remaining is not None and result.remaining_rate is not None and not result.achieved:
        d.note(
            f"余下{total_years - result.years}年需累计{word} {result.remaining * 100:.2f}%，"
            f"即年均 {result.remaining_rate * 100:.2f}%"
        )
    projection = compound_rate(result.index, result.years, total_years, decline)
    if projection is not None:
        d.projections.append(projection)
    if result.achieved:
        d.status, d.score = Status.ACHIEVED, ctx.profile.score.cap
        return
    thresholds = ctx.profile.with_target.thresholds.as_dict()
    band = band_of(result.progress_value, ctx.profile.with_target.bands, thresholds)
    d.status = band.status
    d.score = score_of(result.progress_value, 2, thresholds, None, ctx.profile)
    d.inputs["status_name"] = band.name


def _chain_inputs(r: ChainedRates) -> dict[str, object]:
    return {
        "years": r.years,
        "total_years": r.total_years,
        "index": r.index,
        "cumulative": r.cumulative,
        "average_rate": r.average_rate,
        "target_total": r.target_total,
        "required_rate": r.required_rate,
        "remaining": r.remaining,
        "remaining_rate": r.remaining_rate,
        "years_equivalent": r.years_equivalent,
        "log_share": r.log_share,
        "progress_value": r.progress_value,
    }
