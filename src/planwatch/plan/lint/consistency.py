"""Consistency: the same quantity written twice (a baseline against the plan's own figure), two targets for
one thing, a five-year total that is really a level, and a stated ratio against its numerator and denominator."""

from __future__ import annotations

import math
from collections import defaultdict

from planwatch.domain.enums import Comparator, Measure, Severity, TargetKind
from planwatch.plan.lint.findings import Finding, LintReport, Side, count, target_label
from planwatch.plan.lint.points import LEVEL_KINDS, known_values
from planwatch.plan.lint.precision import decimals_of, fmt, same_at_precision
from planwatch.plan.load import Plan
from planwatch.plan.schema import Baseline, HistoryRow, Target


def _history_index(plan: Plan) -> dict[tuple[str, str, str, Measure], HistoryRow]:
    return {(h.indicator, h.scope, h.period, h.measure): h for h in plan.history}


def check_baseline_vs_history(plan: Plan, report: LintReport) -> None:
    """The same quantity written twice: a target's baseline against the plan's own reported figure."""
    hist = _history_index(plan)
    for t in plan.targets:
        b = t.baseline
        if b is not None:
            period = f"{b.span[0]}-{b.span[1]}" if b.span else str(b.year)
            h = hist.get((t.indicator, t.scope, period, Measure.LEVEL))
            if h is not None:
                count(report, "baseline_vs_history")
                _compare_written_twice(plan, report, t, b.value, b.text, h, "基期值")
        bg = t.baseline_growth
        if bg is not None and b is not None:
            first = b.year - 4
            h = hist.get((t.indicator, t.scope, f"{first}-{b.year}", Measure.GROWTH))
            if h is not None:
                count(report, "baseline_vs_history")
                _compare_written_twice(plan, report, t, bg.value, bg.text, h, "上一规划期年均增速")


def _compare_written_twice(
    plan: Plan, report: LintReport, t: Target, value: float, text: str, h: HistoryRow, what: str
) -> None:
    decimals = max(decimals_of(value, text), decimals_of(h.value))
    shorter = min(decimals_of(value, text), decimals_of(h.value))
    # 209.5 vs 209.52: the same figure printed at two precisions is not a conflict.
    if same_at_precision(round(h.value, shorter), round(value, shorter), shorter):
        return
    unit = "%" if h.measure is Measure.GROWTH else plan.indicators[t.indicator].unit
    report.findings.append(
        Finding(
            "LINT_WRITTEN_TWICE",
            Severity.WARNING,
            {
                "label": target_label(plan, t),
                "what": what,
                "period": h.period,
                "first": fmt(value, decimals),
                "first_source": t.source,
                "second": fmt(h.value, decimals),
                "second_source": h.source,
                "unit": unit,
            },
            Side(f"{t.source} {what}", value, t.source, text),
            Side(f"{h.source} 所写数值", h.value, h.source, h.note),
            f"{fmt(value, decimals)} ≠ {fmt(h.value, decimals)}（{h.period}）",
            (t.id,),
        )
    )


def check_conflicting_targets(plan: Plan, report: LintReport) -> None:
    """Two targets for the same indicator, scope, kind and year with different values."""
    groups: dict[tuple[str, str, TargetKind, int], list[Target]] = defaultdict(list)
    for t in plan.targets:
        if t.target is not None:
            groups[(t.indicator, t.scope, t.kind, t.target.year)].append(t)
    for (indicator, scope, _, year), ts in groups.items():
        if len(ts) < 2:
            continue
        count(report, "conflicting_targets", len(ts) - 1)
        first = ts[0]
        assert first.target is not None
        for other in ts[1:]:
            assert other.target is not None
            if (
                math.isclose(first.target.value, other.target.value)
                and first.target.high == other.target.high
            ):
                continue
            report.findings.append(
                Finding(
                    "LINT_TARGET_CONFLICT",
                    Severity.WARNING,
                    {
                        "label": f"{plan.scopes[scope].name}{plan.indicators[indicator].name}",
                        "year": year,
                        "first": first.target.text or fmt(first.target.value),
                        "first_source": first.source,
                        "second": other.target.text or fmt(other.target.value),
                        "second_source": other.source,
                    },
                    Side(first.source, first.target.value, first.source, first.target.text),
                    Side(other.source, other.target.value, other.source, other.target.text),
                    f"{fmt(first.target.value)} ≠ {fmt(other.target.value)}",
                    (first.id, other.id),
                )
            )


def check_cumulative_as_level(plan: Plan, report: LintReport) -> None:
    """A five-year cumulative figure ([ ]) that equals the stock's level: a level written as a total."""
    for t in plan.targets:
        if t.kind is not TargetKind.CUMULATIVE or t.baseline is None or t.target is None:
            continue
        stock = plan.indicators[t.indicator].flow_of
        if stock is None:
            continue
        levels = known_values(plan, stock, t.scope)
        count(report, "cumulative_as_level")
        b_level = levels.get(t.baseline.year)
        t_level = levels.get(t.target.year)
        if b_level is None or t_level is None:
            continue
        if not (math.isclose(b_level[0], t.baseline.value) and math.isclose(t_level[0], t.target.value)):
            continue
        flow_targets = [
            o
            for o in plan.targets_for(scope=t.scope, indicator=t.indicator)
            if o.id != t.id and o.target is not None
        ]
        implied_new = t_level[0] - b_level[0]
        other = flow_targets[0].target.value if flow_targets and flow_targets[0].target else None
        report.findings.append(
            Finding(
                "LINT_CUMULATIVE_AS_LEVEL",
                Severity.WARNING,
                {
                    "label": target_label(plan, t),
                    "baseline": t.baseline.text or fmt(t.baseline.value),
                    "target": t.target.text or fmt(t.target.value),
                    "stock": plan.indicators[stock].name,
                    "b_year": t.baseline.year,
                    "t_year": t.target.year,
                    "new": fmt(implied_new),
                    "stock_source": b_level[1],
                },
                Side(f"{t.source}（标为五年累计数）", t.target.value, t.source, t.target.text),
                Side(
                    f"{plan.indicators[stock].name}{t.target.year}年目标（水平值）",
                    t_level[0],
                    t_level[1],
                    t_level[2],
                ),
                f"{fmt(t.baseline.value)} = {plan.indicators[stock].name}{t.baseline.year}年，"
                f"{fmt(t.target.value)} = {plan.indicators[stock].name}{t.target.year}年；"
                f"真正的五年新增为 {fmt(t_level[0])} − {fmt(b_level[0])} = {fmt(implied_new)}"
                + (f"（{flow_targets[0].source} 写 {fmt(other)}）" if other is not None else ""),
                (t.id, *(o.id for o in flow_targets)),
            )
        )


def check_formula(plan: Plan, report: LintReport) -> None:
    """A ratio the plan states against its own numerator and denominator (民营经济 129.8 / 164.3)."""
    values: dict[tuple[str, str, int], list[tuple[float, str]]] = defaultdict(list)
    floors: set[tuple[str, str, int]] = set()  # values that are "at least" (超过200万户)
    for h in plan.history:
        if h.measure is Measure.LEVEL and h.period.isdigit():
            values[(h.indicator, h.scope, int(h.period))].append((h.value, h.source))
    for t in plan.targets:
        if t.kind is TargetKind.CUMULATIVE or t.kind not in LEVEL_KINDS:
            continue
        for point in (t.baseline, t.target):
            if point is None or (isinstance(point, Baseline) and point.span is not None):
                continue
            if getattr(point, "comparator", None) is Comparator.BETWEEN:
                continue
            values[(t.indicator, t.scope, point.year)].append((point.value, t.source))
            if getattr(point, "comparator", None) is Comparator.AT_LEAST:
                floors.add((t.indicator, t.scope, point.year))
    for ind in plan.indicators.values():
        if ind.formula is None:
            continue
        f = ind.formula
        for (iid, scope, year), ratios in sorted(values.items()):
            if iid != ind.id:
                continue
            nums = values.get((f.numerator, scope, year))
            dens = values.get((f.denominator, scope, year))
            if not nums or not dens:
                continue
            ratio, ratio_source = ratios[0]
            num, num_source = nums[0]
            den, den_source = dens[0]
            if den == 0:
                continue
            count(report, "formula")
            computed = num / den * f.factor
            decimals = max(decimals_of(ratio), 1)
            if same_at_precision(ratio, computed, decimals):
                continue
            # "超过200万户" and "占比60%": a numerator that is only a floor can still reach the ratio.
            floor_ok = (f.numerator, scope, year) in floors and computed < ratio
            report.findings.append(
                Finding(
                    "LINT_FORMULA",
                    Severity.INFO if floor_ok else Severity.WARNING,
                    {
                        "label": f"{plan.scopes[scope].name}{ind.name}",
                        "year": year,
                        "stated": f"{ratio:.{decimals}f}",
                        "computed": f"{computed:.{decimals}f}",
                        "numerator": plan.indicators[f.numerator].name,
                        "denominator": plan.indicators[f.denominator].name,
                    },
                    Side(f"{ratio_source} 所写比重", ratio, ratio_source),
                    Side(f"{num_source} 与 {den_source} 计算", computed, f"{num_source}; {den_source}"),
                    f"{fmt(num)} / {fmt(den)} × {fmt(f.factor)} = {computed:.2f}",
                )
            )
