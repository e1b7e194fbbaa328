"""Level and share targets ("到2025年达到…", 表1, 表2, 表4; kinds level, share, range).

The value judged is the latest full year for a flow (a year-to-date value only gives an annual
estimate, kept in ``inputs``), or the latest period's value for a stock or ratio. Completion and the
time schedule both refer to that value's period. Method: the CAGR ratio from the baseline
(``cagr_ratio``); without a plan baseline, the data's base-year value; else the path from the first
observation (``cagr_ratio_from_first``, completion None); when no CAGR exists (a zero or negative
baseline) the linear completion / time ratio (``completion_ratio``).
"""

from __future__ import annotations

from planwatch.assess.context import Draft, TargetContext, time_of
from planwatch.assess.pace import set_pace
from planwatch.assess.period_value import Point
from planwatch.assess.progress import (
    cagr,
    cagr_progress,
    completion,
    expected_on_path,
    ratio_status,
    score_of,
    seasonal_share,
    span_time_share,
)
from planwatch.assess.projection import compound_trend, fitted_trend
from planwatch.assess.series import num
from planwatch.domain.enums import Comparator, Measure, Status, TargetKind
from planwatch.domain.periods import Period


def assess_level(ctx: TargetContext, d: Draft) -> None:
    series = ctx.series
    target = ctx.target_value
    target_year = ctx.target_year
    assert target is not None and target_year is not None
    base_year = _baseline(ctx, d)
    origin_year = d.baseline_year if d.baseline_year is not None else ctx.plan.meta.base_year
    t = ctx.target
    if t.baseline is not None and t.baseline.span is None and series.chainable:
        # Growth-only years chain onto the plan's own baseline (an estimate at comparable prices).
        series.anchor_growth_on(t.baseline.year, t.baseline.value, f"规划基期值{num(t.baseline.value)}")

    point: Point | None
    estimate: dict[str, object] | None = None
    if series.is_flow:
        point = series.latest_annual()
        if point is not None and time_of(point.period) <= origin_year:
            point = None  # only the baseline year or earlier: no progress data yet
        if not ctx.as_of.is_year_end:
            estimate = _annual_estimate(ctx, d)
            if estimate is not None:
                # The 1—N月 value stands for the period (本期完成); it is judged as the whole year it
                # points to, by the seasonal (or time) share of the year it usually reaches.
                d.shown = series.latest_ytd()
                point = _estimate_point(estimate)
                d.value_basis = "ytd_estimate"
                d.note(f"{estimate['text']}，按推算的全年值评估")
    elif series.is_ratio:
        point = _share_point(ctx, d)
        if point is not None and time_of(point.period) <= origin_year:
            point = None
    else:
        point = series.latest_level()
        if point is not None and time_of(point.period) <= origin_year:
            point = None
    if point is None:
        d.status = Status.NO_DATA
        d.note_code("NO_DATA_AFTER", year=origin_year)
        return
    d.use(point)
    if d.value_basis != "ytd_estimate":
        d.value_basis = point.basis
    _estimate_note(ctx, d, point)
    d.latest, d.latest_period = point.value, point.period
    latest = point.value
    achieved = ctx.meets(latest)

    elapsed_years = time_of(point.period) - origin_year
    total_years = target_year - origin_year
    share = span_time_share(point.period.months_since_start_of(origin_year + 1), total_years)
    d.time_elapsed = share
    years_left = target_year - time_of(point.period)
    d.inputs["time"] = {
        "origin_year": origin_year,
        "target_year": target_year,
        "latest_time": time_of(point.period),
        "years_elapsed": elapsed_years,
        "years_left": years_left,
        "months_elapsed": point.period.months_since_start_of(origin_year + 1),
        "months_total": 12 * total_years,
        "as_of_time_elapsed": span_time_share(ctx.as_of.months_since_start_of(origin_year + 1), total_years),
    }
    if point.period.ordinal < ctx.as_of.ordinal:
        d.note(f"最新数据为{_label(ctx, point.period)}，完成进度与时序进度均按该期计算")
    if years_left > 0:
        d.required_growth = cagr(latest, target, years_left)

    if d.baseline is not None and base_year is not None:
        b = d.baseline
        d.completion = completion(b, latest, target)
        d.expected = expected_on_path(b, target, share)
        d.actual_growth = cagr(b, latest, elapsed_years)
        if ctx.target.kind is TargetKind.SHARE:
            d.inputs["change_pp"] = latest - b
        _judge_cagr(ctx, d, b, float(base_year), latest, time_of(point.period), achieved, "cagr_ratio")
    else:
        first = _first_point(ctx, point)
        if first is not None:
            d.use(first)
            d.note(
                f"规划未给出基期值，以数据中最早的{_label(ctx, first.period)}值 {num(first.value)} 为起点判断进度，不计算完成进度"
            )
            d.inputs["path_start"] = {"period": str(first.period), "value": first.value}
            d.actual_growth = cagr(first.value, latest, time_of(point.period) - time_of(first.period))
            _judge_cagr(
                ctx,
                d,
                first.value,
                time_of(first.period),
                latest,
                time_of(point.period),
                achieved,
                "cagr_ratio_from_first",
            )
        elif achieved:
            d.status, d.method, d.score = Status.ACHIEVED, "target_met", ctx.profile.score.cap
        else:
            d.status, d.method = Status.NOT_ASSESSABLE, "none"
            d.note_code("SINGLE_PERIOD")
    _projections_done = d.actual_growth  # the compound projection uses the growth before set_pace
    set_pace(
        ctx,
        d,
        done=latest - d.baseline if d.baseline is not None else None,
        years_elapsed=elapsed_years,
        remaining=(target - latest) * (1 if ctx.higher_is_better else -1) if not achieved else None,
        years_left=years_left,
    )
    _comparator_notes(ctx, d, latest)
    if estimate is not None:
        d.inputs["annual_estimate"] = estimate
    _projections(ctx, d, point, target, target_year, _projections_done)


def _estimate_note(ctx: TargetContext, d: Draft, point: Point) -> None:
    """A level chained from growth rates is an estimate at comparable prices: say so, with the arithmetic."""
    if point.basis != "chained_growth":
        return
    rates = [o for o in point.used if o.measure in (Measure.GROWTH, Measure.YTD_GROWTH)]
    levels = [o for o in point.used if o.measure in (Measure.LEVEL, Measure.YTD)]
    if levels:
        start, start_label = levels[0].value, f"{levels[0].period.label_zh}{num(levels[0].value)}"
    elif d.baseline is not None:
        start, start_label = d.baseline, f"{d.baseline_year}年基期值{num(d.baseline)}"
    else:
        return
    factors = " × ".join(f"{num(1 + o.value / 100, 4)}" for o in rates)
    d.inputs["estimate"] = {
        "prices": "comparable",
        "start": start,
        "rates": [o.value for o in rates],
        "value": point.value,
    }
    d.note(
        f"按可比价推算（估算值，非报送的现价总量）：{start_label} × {factors} = {num(point.value)}{ctx.indicator.unit}；"
        "有报送的总量时以报送值为准"
    )


def _share_point(ctx: TargetContext, d: Draft) -> Point | None:
    """A ratio's value for the period so far (period_value.share_of_period); a period-end value only
    when no share of the period so far exists for an as late a period (noted)."""
    series = ctx.series
    share = series.latest_share()
    end = series.latest_level()
    if end is not None and (share is None or end.period.ordinal > share.period.ordinal):
        d.note(f"{end.period.label_zh}只有当期值，没有年内累计值，以当期值代表本期")
        return end
    if share is not None and share.basis == "ratio_of_sums":
        d.note(f"由分子、分母累计值计算：{share.note}")
    return share


def _baseline(ctx: TargetContext, d: Draft) -> int | None:
    """The plan's baseline; without one, the data's value for the plan's base year (noted)."""
    t = ctx.target
    if t.baseline is not None and t.baseline.span is None:
        d.baseline, d.baseline_year = t.baseline.value, t.baseline.year
        d.inputs["baseline"] = {
            "value": t.baseline.value,
            "year": t.baseline.year,
            "source": "plan",
            "text": t.baseline.text,
        }
        return t.baseline.year
    year = ctx.plan.meta.base_year
    point = ctx.series.annual(year)
    if point is None:
        return None
    d.use(point)
    d.baseline, d.baseline_year = point.value, year
    d.inputs["baseline"] = {"value": point.value, "year": year, "source": "data", "period": str(point.period)}
    d.note_code("BASELINE_FROM_DATA", year=year, value=num(point.value))
    return year


def _judge_cagr(
    ctx: TargetContext,
    d: Draft,
    base: float,
    base_time: float,
    latest: float,
    latest_time: float,
    achieved: bool,
    method: str,
) -> None:
    target = ctx.target_value
    assert target is not None and ctx.target_year is not None
    result = cagr_progress(
        base=base,
        base_year=base_time,
        current=latest,
        current_year=latest_time,
        target=target,
        target_year=float(ctx.target_year),
        direction=ctx.judged_direction,
        profile=ctx.profile,
        achieved=achieved,
    )
    d.inputs["cagr_ratio"] = result.as_inputs()
    if result.progress_value is not None or achieved:
        d.method = method
        d.progress_value, d.score, d.status = result.progress_value, result.score, result.status
        return
    # No CAGR (zero or negative baseline, target equal to the baseline): linear completion / time.
    d.note(result.reason)
    if d.completion is not None and d.time_elapsed:
        ratio = d.completion / d.time_elapsed
        thresholds = ctx.settings.engine.ratio_thresholds
        d.method = "completion_ratio"
        d.progress_value = ratio
        d.status = ratio_status(ratio, thresholds)
        d.score = score_of(ratio, 2, thresholds.as_dict(), None, ctx.profile)
        d.note_code("FALLBACK_COMPLETION")
    else:
        d.method, d.status = "none", Status.NOT_ASSESSABLE


def _first_point(ctx: TargetContext, latest: Point) -> Point | None:
    """The earliest value before the latest one (the path's start when the plan gives no baseline)."""
    series = ctx.series
    points = series.annual_points() if series.is_flow else series.level_points()
    earlier = [p for p in points if p.period.ordinal < latest.period.ordinal]
    return earlier[0] if earlier else None


def _annual_estimate(ctx: TargetContext, d: Draft) -> dict[str, object] | None:
    """A flow's whole-year estimate from this year's YTD value and its usual share of the year."""
    series = ctx.series
    ytd = series.latest_ytd()
    if ytd is None:
        return None
    d.use(ytd)
    year, month = ytd.period.year, ytd.period.end_month
    pairs: list[tuple[float, float]] = []
    years: list[int] = []
    for y in range(year - 1, year - 11, -1):
        past_ytd, past_year = series.ytd(y, month), series.annual(y)
        if past_ytd is not None and past_year is not None:
            pairs.append((past_ytd.value, past_year.value))
            years.append(y)
    share = seasonal_share(pairs) if len(pairs) >= ctx.settings.engine.seasonal_min_years else None
    basis = "seasonal" if share is not None and share > 0 else "linear"
    if basis == "linear":
        share = month / 12
    assert share is not None
    value = ytd.value / share
    how = (
        f"以往{len(years)}年同期累计占全年比重的平均值 {share * 100:.1f}%"
        if basis == "seasonal"
        else f"按月份线性比例 {month}/12"
    )
    text = f"{ytd.period.ytd_label_zh}累计 {num(ytd.value)}{ctx.indicator.unit}，{how}推算全年约 {num(value)}{ctx.indicator.unit}"
    out: dict[str, object] = {
        "ytd_period": str(ytd.period),
        "ytd_value": ytd.value,
        "month": month,
        "share": share,
        "basis": basis,
        "years": years,
        "value": value,
        "year": year,
        "text": text,
    }
    if d.baseline is not None and ctx.target_value is not None:
        out["completion"] = completion(d.baseline, value, ctx.target_value)
    return out


def _estimate_point(estimate: dict[str, object]) -> Point:
    year = estimate["year"]
    value = estimate["value"]
    assert isinstance(year, int) and isinstance(value, float)
    return Point(Period.year_of(year), value, "ytd_estimate", (), str(estimate["text"]))


def _comparator_notes(ctx: TargetContext, d: Draft, latest: float) -> None:
    high = ctx.target_high
    if ctx.comparator is Comparator.BETWEEN and high is not None and latest > high:
        d.note_code("OVER_RANGE_LATEST", latest=num(latest), high=num(high))
    if ctx.comparator is Comparator.ABOUT and ctx.target_value is not None:
        d.inputs["about_tolerance"] = ctx.about_tolerance
        d.inputs["about_threshold"] = ctx.threshold()


def _projections(
    ctx: TargetContext, d: Draft, point: Point, target: float, target_year: int, growth: float | None
) -> None:
    latest_time = time_of(point.period)
    if latest_time > target_year:
        return
    compound = compound_trend(point.value, latest_time, growth, float(target_year))
    if compound is not None:
        d.projections.append(compound)
    annual = ctx.series.annual_points()
    pts = [(time_of(p.period), p.value) for p in annual if p.period.year <= target_year]
    # A stock's month-end level is as good a point as a year-end one: without it a county already at
    # 31 enterprises in June would be projected from its year-ends alone (26.5 by December).
    if (
        ctx.indicator.temporal == "stock"
        and not point.period.is_year_end
        and point.basis == "level"
        and (not pts or latest_time > pts[-1][0])
    ):
        pts.append((latest_time, point.value))
    fitted = fitted_trend(
        pts,
        float(target_year),
        ctx.settings.projection.fitted_trend,
        threshold=ctx.threshold(target),
        higher_is_better=ctx.higher_is_better,
    )
    if fitted is not None:
        d.projections.append(fitted)


def _label(ctx: TargetContext, period: Period) -> str:
    if ctx.series.is_flow and not period.is_year_end:
        return period.ytd_label_zh
    return period.label_zh
