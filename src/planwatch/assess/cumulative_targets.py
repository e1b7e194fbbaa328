"""Cumulative targets (the plan's [ ] figures, "五年累计", 表3 新增) and yearly counts ("每年打造10个左右").

Σ of the yearly flows over the span up to the as-of period: full years (annual values, or the sums
of months/quarters), then the current year's year-to-date value. 完成进度 = Σ / target; 时序进度 =
months elapsed in the span / months in the span; the pace ratio completion / time is judged on the
engine's ratio thresholds (``completion_ratio``). The years summed must run without a gap from the
span's first year; a missing year in between makes the total unknown (not_assessable).
"""

from __future__ import annotations

from planwatch.assess.context import Draft, TargetContext
from planwatch.assess.pace import set_pace
from planwatch.assess.period_value import Point
from planwatch.assess.progress import (
    cagr,
    cumulative_required_growth,
    ratio_status,
    score_of,
    share_of_total,
    span_time_share,
)
from planwatch.assess.projection import linear_pace
from planwatch.assess.series import Series, num
from planwatch.domain.enums import Comparator, Status
from planwatch.domain.periods import Period


def sum_over_span(ctx: TargetContext, d: Draft, first: int, last: int) -> tuple[float, Period, dict[int, float]] | None:
    """Σ flows from ``first`` to the as-of period (at most ``last``); None when nothing or a gap.

    Returns (total, the last period counted, {year: full-year value}); fills notes and inputs.
    """
    series = ctx.series
    as_of = ctx.as_of
    last_full = min(last, as_of.year if as_of.is_year_end else as_of.year - 1)
    yearly: dict[int, Point] = {y: p for y in range(first, last_full + 1) if (p := series.annual(y)) is not None}
    current: Point | None = None
    if first <= as_of.year <= last and not as_of.is_year_end:
        current = series.latest_ytd()
        if current is None:
            current = _from_stock(ctx, d)
    counted = sorted(yearly)
    missing_inside = [y for y in range(first, (counted[-1] if counted else first - 1) + 1) if y not in yearly]
    if current is not None and any(y not in yearly for y in range(first, as_of.year)):
        missing_inside = sorted(set(missing_inside) | {y for y in range(first, as_of.year) if y not in yearly})
    d.inputs["yearly"] = {str(y): p.value for y, p in yearly.items()}
    if current is not None:
        d.inputs["current_ytd"] = {"period": str(current.period), "value": current.value, "basis": current.basis}
    if not yearly and current is None:
        return None
    if missing_inside:
        d.inputs["missing_years"] = missing_inside
        partial = sum(p.value for p in yearly.values()) + (current.value if current else 0.0)
        d.inputs["partial_total"] = partial
        d.use(*yearly.values(), current)
        d.note_code("CUMULATIVE_MISSING_YEARS", years=list(missing_inside), partial=num(partial))
        d.status, d.method = Status.NOT_ASSESSABLE, "completion_ratio"
        return None
    d.use(*yearly.values(), current)
    total = sum(p.value for p in yearly.values())
    end = Period.year_of(counted[-1]) if counted else Period.year_of(first - 1)
    if current is not None:
        total += current.value
        end = current.period
    return total, end, {y: p.value for y, p in yearly.items()}


def _from_stock(ctx: TargetContext, d: Draft) -> Point | None:
    """新增 counted at the same period as their stock: this year's additions to date as the stock's
    change since the end of last year (a net change: exits are netted out; noted), when the flow
    itself has no value for this year yet and the plan names its stock (``flow_of``)."""
    stock_id = ctx.indicator.flow_of
    if stock_id is None or stock_id not in ctx.plan.indicators:
        return None
    stock = Series(ctx.table, ctx.plan.indicators[stock_id], ctx.scope.id, ctx.as_of)
    now = stock.latest_level()
    before = stock.level_at(Period.year_of(ctx.as_of.year - 1))
    if now is None or before is None or now.period.year != ctx.as_of.year or now.period.is_year_end:
        return None
    value = now.value - before.value
    note = (
        f"{now.period.label_zh}末{stock.indicator.name}{num(now.value)}{ctx.indicator.unit}，"
        f"较{before.period.label_zh}末{num(before.value)}净增{num(value)}{ctx.indicator.unit}（含退出企业的抵减）"
    )
    d.note(f"本年{ctx.indicator.name}尚无报送值，按同期{note}计入")
    d.inputs["current_from_stock"] = {"stock": stock_id, "now": now.value, "before": before.value, "value": value}
    return Point(now.period, value, "stock_change", (*before.used, *now.used), note)


def assess_cumulative(ctx: TargetContext, d: Draft) -> None:
    t = ctx.target
    assert t.span is not None and ctx.target_value is not None
    first, last = t.span
    goal = ctx.target_value
    if t.baseline is not None:
        d.baseline, d.baseline_year = t.baseline.value, t.baseline.year
        d.inputs["baseline"] = {
            "value": t.baseline.value,
            "year": t.baseline.year,
            "span": list(t.baseline.span) if t.baseline.span else None,
            "text": t.baseline.text,
        }
    summed = sum_over_span(ctx, d, first, last)
    if summed is None:
        if d.status is Status.NO_DATA:
            d.note_code("NO_DATA_IN_PERIOD")
        return
    total, end, yearly = summed
    _judge_total(ctx, d, total, end, goal, first, last, method="completion_ratio")
    d.completion = share_of_total(total, goal)
    d.expected = goal * (d.time_elapsed or 0.0)
    years_sorted = sorted(yearly)
    # A five-year total has no % growth rate (its pace is in its unit per year, set_pace); the growth
    # of its yearly flows and the 累计法 rate are kept in the inputs for whoever wants them.
    if len(years_sorted) >= 2:
        d.inputs["flow_growth"] = cagr(yearly[years_sorted[0]], yearly[years_sorted[-1]], years_sorted[-1] - years_sorted[0])
        d.inputs["actual_growth_basis"] = f"{years_sorted[0]}—{years_sorted[-1]}年逐年流量的年均增速"
    if end.is_year_end and years_sorted and end.year < last:
        remaining_years = last - end.year
        d.inputs["cumulative_method_rate"] = cumulative_required_growth(yearly[years_sorted[-1]], goal - total, remaining_years)
        d.inputs["required_growth_basis"] = "累计法：Σ a·(1+g)^i = 目标 − 已完成"
        d.inputs["remaining_total"] = goal - total
        d.inputs["remaining_years"] = remaining_years


def assess_yearly_count(ctx: TargetContext, d: Draft) -> None:
    """A count or amount to deliver every year (per_year 10, comparator about): Σ vs per_year × years."""
    t = ctx.target
    assert t.span is not None and t.yearly_rate is not None
    first, last = t.span
    per_year = t.yearly_rate.per_year
    years = last - first + 1
    goal = per_year * years
    summed = sum_over_span(ctx, d, first, last)
    if summed is None:
        if d.status is Status.NO_DATA:
            d.note_code("NO_DATA_IN_PERIOD")
        return
    total, end, yearly = summed
    comparator = t.yearly_rate.comparator
    tolerance = ctx.about_tolerance
    d.inputs["per_year"] = per_year
    d.inputs["years_met"] = {
        str(y): _meets(v, per_year, comparator, tolerance) for y, v in sorted(yearly.items())
    }
    _judge_total(ctx, d, total, end, goal, first, last, method="yearly_count", comparator=comparator)
    d.completion = share_of_total(total, goal)
    d.expected = goal * (d.time_elapsed or 0.0)
    d.inputs["required_by_now"] = d.expected
    short = [y for y, v in sorted(yearly.items()) if not _meets(v, per_year, comparator, tolerance)]
    if short:
        d.note(f"{'、'.join(f'{y}年' for y in short)}未达到每年{num(per_year)}{ctx.indicator.unit}的要求")


def _meets(value: float, goal: float, comparator: Comparator, tolerance: float) -> bool:
    if comparator is Comparator.ABOUT:
        return value >= goal - abs(goal) * tolerance
    return value >= goal


def _judge_total(
    ctx: TargetContext,
    d: Draft,
    total: float,
    end: Period,
    goal: float,
    first: int,
    last: int,
    *,
    method: str,
    comparator: Comparator | None = None,
) -> None:
    years = last - first + 1
    months = end.months_since_start_of(first)
    share = span_time_share(months, years)
    d.latest, d.latest_period, d.value_basis = total, end, "cumulative_sum"
    d.time_elapsed = share
    set_pace(
        ctx,
        d,
        done=total,
        years_elapsed=months / 12,
        remaining=goal - total,
        years_left=max(12 * years - months, 0) / 12,
    )
    d.inputs["total"] = total
    d.inputs["goal"] = goal
    d.inputs["time"] = {"span": [first, last], "months_elapsed": months, "months_total": 12 * years}
    if end.ordinal < ctx.as_of.ordinal:
        label = end.ytd_label_zh if not end.is_year_end else end.label_zh
        d.note(f"累计值截至{label}，完成进度与时序进度均按该期计算")
    achieved = (
        _meets(total, goal, comparator, ctx.about_tolerance) if comparator is not None else ctx.meets(total, goal)
    )
    thresholds = ctx.settings.engine.ratio_thresholds
    d.method = method
    d.inputs["ratio_thresholds"] = thresholds.as_dict()
    pace = linear_pace(total, share)
    if pace is not None:
        d.projections.append(pace)
    if share > 0 and goal != 0:
        d.progress_value = (total / goal) / share
    if achieved:
        d.status, d.score = Status.ACHIEVED, ctx.profile.score.cap
        if ctx.comparator is Comparator.BETWEEN and ctx.target_high is not None and total > ctx.target_high:
            d.note_code("OVER_RANGE_TOTAL", total=num(total), high=num(ctx.target_high))
    elif d.progress_value is not None:
        d.status = ratio_status(d.progress_value, thresholds)
        d.score = score_of(d.progress_value, 2, thresholds.as_dict(), None, ctx.profile)
    else:
        d.status = Status.NOT_ASSESSABLE
        d.note_code("NOT_STARTED")
