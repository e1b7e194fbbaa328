"""The progress engine: every target of a plan, for its scope, at an as-of period.

    assess_plan(plan, observations, as_of, scopes=None, *, indicators=None, profile=None,
                thresholds=None) -> list[Assessment]

* Only observations ending at or before ``as_of`` are used; they are merged with the plan's own
  history (``plan.history_observations()``), the data files winning on the same key.
* One Assessment per target (a Target names its scope), in plan order; ``scopes`` and
  ``indicators`` (ids) narrow the list.
* Each kind has its own module: level_targets (level, share, range), cumulative_targets
  (cumulative; yearly counts), rate_targets (yearly rates; average growth), relative_targets.
* Targets with ``assessed: false`` are not_assessable with a note; a target with no observation is
  no_data.
* A group scope (表2 合计, 十大产业链) of an indicator that adds up takes the sum of its members' values
  for the periods where every member has one, unless the data give the group's own value.

docs/methodology.md describes every rule, formula and threshold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from planwatch.assess.classify import GREEN, grade_zh, lower_of, warning_for
from planwatch.assess.context import Draft, TargetContext
from planwatch.assess.cumulative_targets import assess_cumulative, assess_yearly_count
from planwatch.assess.level_targets import assess_level
from planwatch.assess.rate_targets import assess_growth, assess_yearly_rate
from planwatch.assess.relative_targets import assess_relative
from planwatch.assess.results import Assessment
from planwatch.assess.series import Layered, MemberSum, ObservationSource, Series, num
from planwatch.assess.thresholds import ThresholdsFile, load_thresholds
from planwatch.domain.enums import Direction, ScopeKind, Status, TargetKind
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch.plan.schema import Target


def assess_plan(
    plan: Plan,
    observations: ObservationTable,
    as_of: Period,
    scopes: list[str] | None = None,
    *,
    indicators: Iterable[str] | None = None,
    profile: str | None = None,
    thresholds: ThresholdsFile | None = None,
) -> list[Assessment]:
    """Assess every target of ``plan`` (optionally only these scope / indicator ids) at ``as_of``."""
    settings = thresholds if thresholds is not None else load_thresholds()
    profile_name = profile or settings.default_profile
    chosen = settings.profile(profile_name)
    table = Layered(observations, plan.history_observations())
    wanted_scopes = set(scopes) if scopes is not None else None
    wanted_indicators = set(indicators) if indicators is not None else None
    out: list[Assessment] = []
    for target in plan.targets:
        if wanted_scopes is not None and target.scope not in wanted_scopes:
            continue
        if wanted_indicators is not None and target.indicator not in wanted_indicators:
            continue
        source: ObservationSource = table
        scope = plan.scopes[target.scope]
        if scope.kind is ScopeKind.GROUP and plan.indicators[target.indicator].aggregation == "sum":
            source = MemberSum(table, scope.id, list(scope.members))
        ctx = TargetContext(
            plan=plan,
            target=target,
            indicator=plan.indicators[target.indicator],
            scope=plan.scopes[target.scope],
            direction=_direction(plan, target),
            as_of=as_of,
            table=source,
            settings=settings,
            profile=chosen,
            profile_name=profile_name,
            series=target_series(plan, source, target, as_of),
        )
        out.append(assess_target(ctx))
    return out


def assess_target(ctx: TargetContext) -> Assessment:
    """One target × scope; a target the plan writes two ways (``disputed``) is judged on both readings
    and takes the lower status, with a note naming both (docs/methodology.md §4)."""
    first = _assess_one(ctx)
    other = ctx.target.disputed
    if other is None or not ctx.target.assessed:
        return first
    t = ctx.target
    if other.field == "baseline" and t.baseline is not None:
        alt = t.model_copy(update={"baseline": t.baseline.model_copy(update={"value": other.value})})
    elif other.field == "target" and t.target is not None:
        alt = t.model_copy(update={"target": t.target.model_copy(update={"value": other.value})})
    else:
        return first
    second = _assess_one(replace(ctx, target=alt))
    status = lower_of(first.status, second.status)
    if status in GREEN and status is not Status.ACHIEVED:
        status = Status.NEEDS_ACCELERATION  # never a confident green on a disputed reading
    what = "基期值" if other.field == "baseline" else "目标值"
    own_value = t.baseline.value if other.field == "baseline" and t.baseline is not None else ctx.target_value
    own = own_value if own_value is not None else float("nan")
    text = (
        f"规划对该目标的{what}有两种写法：{num(own)}（{t.source}）与{num(other.value)}（{other.source}）"
        f"{'，' + other.reason if other.reason else ''}；"
        f"按{num(own)}完成进度{_pct(first.completion)}、{first.status.label_zh}，"
        f"按{num(other.value)}完成进度{_pct(second.completion)}、{second.status.label_zh}；"
        f"状态取两者中较低者且不判绿灯（{status.label_zh}），待核实"
    )
    inputs = dict(first.inputs)
    inputs["disputed"] = {
        "field": other.field,
        "own": own,
        "other": other.value,
        "other_source": other.source,
        "own_status": first.status.value,
        "other_status": second.status.value,
        "other_completion": second.completion,
    }
    inputs["status_rule"] = "disputed"
    target_over = ctx.target_year is not None and ctx.as_of.ordinal >= Period.year_of(ctx.target_year).ordinal
    return replace(
        first,
        status=status,
        warning=warning_for(status),
        grade_zh=first.grade_zh if status is first.status else grade_zh(status, first.gap_pp, target_year_over=target_over),
        notes=[*first.notes, text],
        inputs=inputs,
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _assess_one(ctx: TargetContext) -> Assessment:
    d = Draft(ctx)
    t = ctx.target
    if not t.assessed:
        d.status, d.method = Status.NOT_ASSESSABLE, "not_assessed"
        if t.target is not None:
            d.note_code("NOT_ASSESSED_YEAR", year=t.target.year)
        else:
            d.note_code("NOT_ASSESSED")
        if t.note:
            d.note(t.note)
        return d.build()
    kind = t.kind
    if kind is TargetKind.RELATIVE:
        assess_relative(ctx, d)
    elif kind is TargetKind.CUMULATIVE:
        assess_cumulative(ctx, d)
    elif kind is TargetKind.YEARLY_RATE:
        if ctx.indicator.temporal == "flow":
            assess_yearly_count(ctx, d)
        else:
            assess_yearly_rate(ctx, d)
    elif kind is TargetKind.GROWTH:
        assess_growth(ctx, d)
    else:  # level, share, range
        assess_level(ctx, d)
    return d.build()


def target_series(plan: Plan, source: ObservationSource, target: Target, as_of: Period) -> Series:
    """The target's series; a ratio with a formula also gets its numerator's and denominator's series
    (its share of the period is then Σ numerator ÷ Σ denominator when the ratio itself is missing)."""
    indicator = plan.indicators[target.indicator]
    parts = None
    f = indicator.formula
    if (
        indicator.temporal == "ratio"
        and f is not None
        and f.numerator in plan.indicators
        and f.denominator in plan.indicators
    ):
        parts = (
            Series(source, plan.indicators[f.numerator], target.scope, as_of),
            Series(source, plan.indicators[f.denominator], target.scope, as_of),
            f.factor,
        )
    return Series(source, indicator, target.scope, as_of, parts=parts)


def _direction(plan: Plan, target: Target) -> Direction:
    direction = target.direction or plan.indicators[target.indicator].direction
    assert isinstance(direction, Direction)
    return direction
