"""Relative targets ("与省级同步", "不低于上年"): met when the scope's value is at least the
comparison series' value for the same period (``compare_to.scope``) or for the same period a year
earlier (``compare_to.lag_years``). Status achieved or needs_acceleration; no completion.
"""

from __future__ import annotations

from planwatch.assess.context import Draft, TargetContext
from planwatch.assess.period_value import Point
from planwatch.assess.series import Series, num
from planwatch.domain.enums import Direction, Status
from planwatch.domain.periods import Period

GRADE_MET = "基本符合预期"
GRADE_NOT_MET = "相对滞后"


def assess_relative(ctx: TargetContext, d: Draft) -> None:
    t = ctx.target
    assert t.compare_to is not None
    ct = t.compare_to
    other_scope = ct.scope or t.scope
    other_indicator = ctx.plan.indicators[ct.indicator or t.indicator]
    measure = ct.measure
    lag = ct.lag_years
    other = Series(ctx.table, other_indicator, other_scope, ctx.as_of)
    own_periods = ctx.series.periods(measure)
    d.method = "relative"
    d.time_basis = "none"
    if t.baseline is not None:
        d.baseline, d.baseline_year = t.baseline.value, t.baseline.year
    d.inputs["compare_to"] = {
        "scope": other_scope,
        "indicator": other_indicator.id,
        "measure": measure.value,
        "lag_years": lag,
    }
    if not own_periods:
        d.status = Status.NO_DATA
        d.note_code("NO_DATA")
        return
    for period in reversed(own_periods):
        own = ctx.series.get(period, measure)
        compare_period = Period(period.kind, period.year - lag, period.index)
        theirs = other.get(compare_period, measure)
        if own is None or theirs is None:
            continue
        _judge(ctx, d, Point(period, own.value, measure.value, (own,)), Point(compare_period, theirs.value, measure.value, (theirs,)))
        return
    latest = own_periods[-1]
    own_obs = ctx.series.get(latest, measure)
    if own_obs is not None:
        d.use(Point(latest, own_obs.value, measure.value, (own_obs,)))
        d.latest, d.latest_period = own_obs.value, latest
    d.status = Status.NO_DATA
    name = ctx.plan.scopes[other_scope].name
    when = "上年同期" if lag else "同期"
    d.note(f"缺少比较数据：{name}{when}的{other_indicator.name}")


def _judge(ctx: TargetContext, d: Draft, own: Point, theirs: Point) -> None:
    d.use(own, theirs)
    d.latest, d.latest_period, d.value_basis = own.value, own.period, own.basis
    met = own.value >= theirs.value if ctx.direction is Direction.UP else own.value <= theirs.value
    d.status = Status.ACHIEVED if met else Status.NEEDS_ACCELERATION
    d.grade = GRADE_MET if met else GRADE_NOT_MET
    d.inputs["comparison"] = {
        "scope": ctx.plan.scopes[theirs.used[0].scope].name,
        "period": str(theirs.period),
        "value": theirs.value,
        "difference": own.value - theirs.value,
        "met": met,
    }
    name = ctx.plan.scopes[theirs.used[0].scope].name
    when = theirs.period.label_zh
    relation = "不低于" if met else "低于"
    if ctx.direction is Direction.DOWN:
        relation = "不高于" if met else "高于"
    d.note(
        f"{own.period.label_zh}{ctx.scope.name} {num(own.value)}{ctx.indicator.unit}，{relation}{name}{when} "
        f"{num(theirs.value)}{ctx.indicator.unit}"
    )
