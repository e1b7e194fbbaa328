"""The target a unit is scored against: given (考核目标文件) or derived, always with its arithmetic.

Order (docs/ranking.md §"Where a target comes from"):

1. the annual targets file: unit × indicator × year;
2. otherwise the indicator's ``derive`` rule (rank_weights.yaml):
   - ``plan_target``: the unit's own plan target. A level (表3 规模工业企业数, 表2 园区产值) is read on
     the compound path ``b × (T/b)^(t/n)``: 吉首市 35 (2020) → 65 (2025) gives 2024 ``35 × (65/35)^(4/5)
     = 57.43``. A five-year total (表3 新增入规) is split evenly: 30 over 2021–2025 → 6 a year;
   - ``prefecture``: the growth the plan requires of the prefecture (``(T/b)^(1/n) − 1`` for a level,
     ``(T/b)^(1/n) − 1`` between the two five-year totals for a cumulative target, ``(T − b)/n`` 百分点
     for a share) — as a growth target when the unit publishes a growth rate and the rule's measure
     is growth, otherwise applied to the unit's own value a year earlier;
   - ``previous_year``: the unit's own value a year earlier (no plan target exists);
3. otherwise there is no target (scored as missing).

Before the year end a flow target is pro-rated by months (序时进度, ``× m/12``); a stock target moves
along the compound path between the two year-end targets; ratios and growth rates are not scaled.
Every derived target says so (``origin`` and ``note``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from planwatch.assess.assessment_targets import AnnualTargets
from planwatch.assess.rank_config import IndicatorRule
from planwatch.assess.rank_values import Temporal, unit_value
from planwatch.domain.enums import Measure, TargetKind, TargetOrigin
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch.plan.schema import Target


@dataclass(frozen=True)
class ResolvedTarget:
    """The target for one unit, indicator and as-of period. Unrounded; ``arithmetic`` shows how."""

    value: float  # in the indicator's unit (measure level) or % on a year earlier (measure growth)
    measure: Measure
    origin: TargetOrigin
    year: int
    annual_value: float  # the full-year target before any pro-rating
    time_share: float | None  # months elapsed / 12 when a flow target was pro-rated, else None
    source: str  # the targets file row, or the plan target's source
    arithmetic: str  # e.g. "35 × (65/35)^(4/5) = 57.4307"
    note: str  # Chinese, one sentence: where it came from
    inputs: dict[str, Any] = field(default_factory=dict)

    @property
    def derived(self) -> bool:
        return self.origin.derived

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "measure": self.measure.value,
            "origin": self.origin.value,
            "origin_zh": self.origin.label_zh,
            "derived": self.derived,
            "year": self.year,
            "annual_value": self.annual_value,
            "time_share": self.time_share,
            "source": self.source,
            "arithmetic": self.arithmetic,
            "note": self.note,
            "inputs": self.inputs,
        }


@dataclass(frozen=True)
class NoTarget:
    """Why no target could be found or derived (Chinese, one sentence)."""

    reason: str


def num(x: float) -> str:
    """Up to four decimals, no trailing zeros: for arithmetic strings, not for tables."""
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def resolve_target(
    plan: Plan,
    rule: IndicatorRule,
    scope: str,
    as_of: Period,
    explicit: AnnualTargets,
    table: ObservationTable,
) -> ResolvedTarget | NoTarget:
    temporal: Temporal = plan.indicators[rule.id].temporal
    given = explicit.get(scope, rule.id, as_of.year)
    if given is not None:
        annual = ResolvedTarget(
            value=given.value,
            measure=given.measure,
            origin=TargetOrigin.EXPLICIT,
            year=given.year,
            annual_value=given.value,
            time_share=None,
            source=given.source or given.origin,
            arithmetic=num(given.value),
            note=f"考核目标文件（{given.origin}）" + (f"，{given.source}" if given.source else ""),
            inputs={"file_row": given.origin, "note": given.note},
        )
        return _within_year(plan, rule, scope, as_of, explicit, table, annual, temporal)
    source = rule.derive.source
    if source == "plan_target":
        return _from_plan_target(plan, rule, scope, as_of, explicit, table, temporal)
    if source == "prefecture":
        return _from_prefecture(plan, rule, scope, as_of, table, temporal)
    if source == "previous_year":
        prev = unit_value(table, rule.id, scope, as_of.same_period_last_year(), temporal)
        if prev is None:
            return NoTarget(f"没有给定目标，也没有{as_of.same_period_last_year().label_zh}的数值可按上年水平推算")
        return ResolvedTarget(
            value=prev.value,
            measure=Measure.LEVEL,
            origin=TargetOrigin.PREVIOUS_YEAR,
            year=as_of.year,
            annual_value=prev.value,
            time_share=None,
            source="；".join(prev.sources),
            arithmetic=f"{num(prev.value)}（{prev.period}实际）",
            note=f"规划未设定该指标数值目标，按上年同期实际{num(prev.value)}保持不降推算",
            inputs={"previous": prev.to_dict()},
        )
    return NoTarget("考核目标文件未给定该年目标，且该指标不推算目标")


def _within_year(
    plan: Plan,
    rule: IndicatorRule,
    scope: str,
    as_of: Period,
    explicit: AnnualTargets,
    table: ObservationTable,
    annual: ResolvedTarget,
    temporal: Temporal,
) -> ResolvedTarget:
    """Scale a year's target to an as-of period before the year end."""
    if as_of.is_year_end or annual.measure is Measure.GROWTH or temporal == "ratio":
        return annual
    m = as_of.end_month
    if temporal == "flow":
        share = m / 12
        return _replace(
            annual,
            value=annual.annual_value * share,
            time_share=share,
            arithmetic=f"{annual.arithmetic} × {m}/12 = {num(annual.annual_value * share)}",
            note=f"{annual.note}；按序时进度折算至{as_of.ytd_label_zh}",
        )
    # stock: along the compound path from last year's year-end target to this year's
    before = resolve_target(plan, rule, scope, Period.year_of(as_of.year - 1), explicit, table)
    if isinstance(before, NoTarget) or before.measure is not Measure.LEVEL or before.value <= 0 or annual.value <= 0:
        return _replace(annual, note=f"{annual.note}；存量指标年中按全年目标比较（上年末目标不可得）")
    value = before.value * (annual.value / before.value) ** (m / 12)
    return _replace(
        annual,
        value=value,
        arithmetic=f"{num(before.value)} × ({num(annual.value)}/{num(before.value)})^({m}/12) = {num(value)}",
        note=f"{annual.note}；在上年末目标{num(before.value)}与本年末目标之间按复合路径取{as_of.label_zh}值",
        inputs={**annual.inputs, "previous_year_end_target": before.value},
    )


def _replace(t: ResolvedTarget, **changes: Any) -> ResolvedTarget:
    return replace(t, **changes)


def plan_target_for(plan: Plan, scope: str, indicator: str) -> Target | None:
    """The unit's own assessed level or cumulative target in the plan (表2, 表3)."""
    for t in plan.targets_for(scope=scope, indicator=indicator, assessed_only=True):
        if t.kind in (TargetKind.LEVEL, TargetKind.CUMULATIVE) and t.target is not None:
            return t
    return None


def _from_plan_target(
    plan: Plan,
    rule: IndicatorRule,
    scope: str,
    as_of: Period,
    explicit: AnnualTargets,
    table: ObservationTable,
    temporal: Temporal,
) -> ResolvedTarget | NoTarget:
    t = plan_target_for(plan, scope, rule.id)
    if t is None or t.target is None:
        return NoTarget("考核目标文件未给定该年目标，规划也未给该单位设定此项目标")
    year = as_of.year
    if t.kind is TargetKind.CUMULATIVE:
        span = t.span or (plan.meta.start_year, t.target.year)
        if not span[0] <= year <= span[1]:
            return NoTarget(f"规划累计目标只覆盖{span[0]}—{span[1]}年")
        n = span[1] - span[0] + 1
        annual_value = t.target.value / n
        annual = ResolvedTarget(
            value=annual_value,
            measure=Measure.LEVEL,
            origin=TargetOrigin.PLAN_SPLIT,
            year=year,
            annual_value=annual_value,
            time_share=None,
            source=t.source,
            arithmetic=f"{num(t.target.value)} ÷ {n} = {num(annual_value)}",
            note=f"按规划{t.source}目标（{span[0]}—{span[1]}年累计{num(t.target.value)}）平均分解到每年",
            inputs={"plan_target": t.id, "total": t.target.value, "span": list(span)},
        )
        return _within_year(plan, rule, scope, as_of, explicit, table, annual, temporal)
    if t.baseline is None:
        return NoTarget(f"规划目标{t.id}没有基期值，无法按路径推算")
    b, by = t.baseline.value, t.baseline.year
    target_value, ty = t.target.value, t.target.year
    n = ty - by
    if not by < year <= ty:
        return NoTarget(f"规划目标路径只覆盖{by + 1}—{ty}年")
    # stocks move along the path month by month; flows take the year's path value, pro-rated by months
    elapsed = as_of.years_since_end_of(by) if temporal == "stock" else float(year - by)
    value = _path(b, target_value, elapsed, n)
    if b > 0 and target_value > 0:
        arithmetic = f"{num(b)} × ({num(target_value)}/{num(b)})^({num(elapsed)}/{n}) = {num(value)}"
    else:
        arithmetic = f"{num(b)} + ({num(target_value)} − {num(b)}) × {num(elapsed)}/{n} = {num(value)}"
    annual = ResolvedTarget(
        value=value,
        measure=Measure.LEVEL,
        origin=TargetOrigin.PLAN_PATH,
        year=year,
        annual_value=value,
        time_share=None,
        source=t.source,
        arithmetic=arithmetic,
        note=f"按规划{t.source}目标（{by}年{num(b)} → {ty}年{num(target_value)}）的复合增长路径推算",
        inputs={"plan_target": t.id, "baseline": b, "baseline_year": by, "target": target_value, "target_year": ty, "elapsed_years": elapsed},
    )
    if temporal == "flow":
        return _within_year(plan, rule, scope, as_of, explicit, table, annual, temporal)
    return annual


def _path(b: float, t: float, elapsed: float, n: int) -> float:
    if b > 0 and t > 0:
        return float(b * (t / b) ** (elapsed / n))
    return b + (t - b) * elapsed / n


def required_change(t: Target) -> tuple[str, float, str] | None:
    """The yearly change a prefecture target requires: ("growth", g, arithmetic) or ("pp", Δ, arithmetic)."""
    if t.target is None or t.baseline is None:
        return None
    b, target_value = t.baseline.value, t.target.value
    if t.kind is TargetKind.SHARE:
        n = t.target.year - t.baseline.year
        pp = (target_value - b) / n
        return "pp", pp, f"({num(target_value)} − {num(b)}) ÷ {n} = {num(pp)}"
    if t.kind is TargetKind.CUMULATIVE and t.baseline.span is not None and t.span is not None:
        n = t.span[1] - t.span[0] + 1
    elif t.kind is TargetKind.LEVEL:
        n = t.target.year - t.baseline.year
    else:
        return None
    if b <= 0 or target_value <= 0:
        return None
    g = (target_value / b) ** (1 / n) - 1
    return "growth", g, f"({num(target_value)}/{num(b)})^(1/{n}) − 1 = {num(g * 100)}%"


def _from_prefecture(
    plan: Plan, rule: IndicatorRule, scope: str, as_of: Period, table: ObservationTable, temporal: Temporal
) -> ResolvedTarget | NoTarget:
    t = next((x for x in plan.targets if x.id == rule.derive.target), None)
    change = required_change(t) if t is not None else None
    if t is None or change is None:
        return NoTarget(f"规划目标{rule.derive.target}不能给出年均增速")
    kind, rate, how = change
    inputs: dict[str, Any] = {"plan_target": t.id, "required": rate, "required_kind": kind}
    if kind == "growth" and rule.measure is Measure.GROWTH and unit_value(table, rule.id, scope, as_of, temporal, Measure.GROWTH) is not None:
        return ResolvedTarget(
            value=rate * 100,
            measure=Measure.GROWTH,
            origin=TargetOrigin.PREFECTURE_GROWTH,
            year=as_of.year,
            annual_value=rate * 100,
            time_share=None,
            source=t.source,
            arithmetic=how,
            note=f"按全州目标（{t.source}）要求的年均增速{num(rate * 100)}%作为增速目标",
            inputs=inputs,
        )
    last = as_of.same_period_last_year()
    prev = unit_value(table, rule.id, scope, last, temporal)
    if prev is None:
        return NoTarget(f"没有给定目标，也没有{last.label_zh if as_of.is_year_end else last.ytd_label_zh}的数值可按全州要求增速推算")
    if kind == "pp":
        value = prev.value + rate
        arithmetic = f"{num(prev.value)} + {how.split(' = ')[0]} = {num(value)}"
        note = f"按全州目标（{t.source}）每年提高{num(rate)}个百分点，加在本单位上年同期{num(prev.value)}上推算"
    else:
        value = prev.value * (1 + rate)
        arithmetic = f"{num(prev.value)} × (1 + {num(rate * 100)}%) = {num(value)}；{how}"
        note = f"按全州目标（{t.source}）要求的年均增速{num(rate * 100)}%，乘以本单位上年同期{num(prev.value)}推算"
    return ResolvedTarget(
        value=value,
        measure=Measure.LEVEL,
        origin=TargetOrigin.PREFECTURE_GROWTH,
        year=as_of.year,
        annual_value=value,
        time_share=None,
        source=t.source,
        arithmetic=arithmetic,
        note=note,
        inputs={**inputs, "previous": prev.to_dict()},
    )
