"""``planwatch lint``: where the plan's own numbers disagree.

The plan's numbers are kept as written; lint reports each disagreement with both numbers, the
arithmetic and both sources. Comparisons are made at the precision the plan prints: a stated
growth of "59%" agrees with any implied growth that rounds to 59.

Severity: a difference that survives rounding is a WARNING (or INFO when it is under one unit of
the stated precision's next digit, see ``_grade``); schema problems are ERRORs and come from
``planwatch.plan.load`` before lint runs. Lint itself never fails on warnings.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from planwatch.domain.enums import Comparator, Measure, ScopeKind, Severity, TargetKind
from planwatch.plan.load import Plan
from planwatch.plan.schema import Baseline, HistoryRow, Target


@dataclass(frozen=True)
class Side:
    """One of the two numbers a finding compares."""

    label: str  # what the number is, in Chinese ("表2 合计 2025年目标")
    value: float | None  # None when the finding compares words, not numbers (rate_sense)
    source: str  # where in the plan
    text: str = ""  # how the plan writes it, when that matters

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, "source": self.source, "text": self.text}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    params: dict[str, Any]
    stated: Side
    computed: Side
    arithmetic: str
    targets: tuple[str, ...] = ()

    def message(self, lang: str = "zh") -> str:
        from planwatch.messages import render

        return render(self.code, lang, self.params)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
            "stated": self.stated.to_dict(),
            "computed": self.computed.to_dict(),
            "arithmetic": self.arithmetic,
            "targets": list(self.targets),
        }


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    checks: dict[str, int] = field(default_factory=dict)  # check id → comparisons made

    @property
    def total_checks(self) -> int:
        return sum(self.checks.values())

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


# -- precision ----------------------------------------------------------------------------------
def decimals_of(value: float, text: str = "") -> int:
    """Decimal places the plan prints: from its text when there is a number in it, else the value."""
    for candidate in re.findall(r"\d+(?:\.\d+)?", text or ""):
        if math.isclose(float(candidate), abs(value), rel_tol=1e-9, abs_tol=1e-12):
            return len(candidate.split(".")[1]) if "." in candidate else 0
    rendered = f"{value:.10f}".rstrip("0").rstrip(".")
    return len(rendered.split(".")[1]) if "." in rendered else 0


def same_at_precision(stated: float, computed: float, decimals: int) -> bool:
    """Does ``computed`` print as ``stated`` at the plan's precision (half-up, with a float guard)?"""
    half = 0.5 * 10 ** (-decimals)
    return bool(abs(computed - stated) < half + 1e-9)


def _grade(stated: float, computed: float, decimals: int) -> Severity:
    """INFO when the stated number is the computed one truncated instead of rounded (20.52% written
    as 20%: a printing habit, not a different target); otherwise WARNING."""
    factor = 10**decimals
    truncated = math.trunc(computed * factor + (1e-9 if computed >= 0 else -1e-9)) / factor
    return Severity.INFO if math.isclose(truncated, stated, abs_tol=1e-9) else Severity.WARNING


def fmt(value: float, decimals: int = 2) -> str:
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def pct(rate: float, decimals: int = 1) -> str:
    return f"{rate * 100:.{decimals}f}%"


# -- the checks ---------------------------------------------------------------------------------
Check = Callable[[Plan, LintReport], None]


def lint_plan(plan: Plan) -> LintReport:
    report = LintReport()
    for check in CHECKS:
        check(plan, report)
    report.findings.sort(key=lambda f: (f.severity.rank, f.code, f.targets))
    return report


def _target_label(plan: Plan, t: Target) -> str:
    return f"{plan.scopes[t.scope].name}{plan.indicators[t.indicator].name}"


def _count(report: LintReport, check: str, n: int = 1) -> None:
    report.checks[check] = report.checks.get(check, 0) + n


def check_parts_vs_total(plan: Plan, report: LintReport) -> None:
    """Members' targets of a sum-aggregated indicator against the whole's stated number (表2, 表3, 表4, 四（四）3)."""
    by_key: dict[tuple[str, str, TargetKind, int], Target] = {}
    for t in plan.targets:
        if t.target is not None:
            by_key[(t.indicator, t.scope, t.kind, t.target.year)] = t
    wholes: dict[tuple[str, str, TargetKind, int], list[Target]] = defaultdict(list)
    for t in plan.targets:
        if t.target is not None and plan.scopes[t.scope].members:
            wholes[(t.indicator, t.scope, t.kind, t.target.year)].append(t)
    for (_, scope_id, _, year), candidates in wholes.items():
        scope = plan.scopes[scope_id]
        indicator = plan.indicators[candidates[0].indicator]
        if indicator.aggregation != "sum":
            continue
        parts = [by_key.get((indicator.id, m, candidates[0].kind, year)) for m in scope.members]
        if any(p is None for p in parts):
            continue
        members = [p for p in parts if p is not None]
        parts_total = math.fsum(p.target.value for p in members if p.target is not None)
        # Two wholes for one key (表1 [500] and 表3 236) conflict with each other (LINT_TARGET_CONFLICT);
        # compare the parts with the closer one only.
        whole = min(candidates, key=lambda w: abs((w.target.value if w.target else 0) - parts_total))
        for field_name in ("baseline", "target"):
            stated_point = getattr(whole, field_name)
            points = [getattr(p, field_name) for p in members]
            if stated_point is None or any(pt is None for pt in points):
                continue
            _count(report, "parts_vs_total")
            values = [pt.value for pt in points]
            computed = math.fsum(values)
            decimals = max([decimals_of(stated_point.value, stated_point.text)] + [decimals_of(v) for v in values])
            if same_at_precision(stated_point.value, computed, decimals):
                continue
            year = stated_point.year
            what = "基期值" if field_name == "baseline" else "目标值"
            report.findings.append(
                Finding(
                    "LINT_PARTS_TOTAL",
                    Severity.WARNING,
                    {
                        "whole": scope.name,
                        "indicator": indicator.name,
                        "year": year,
                        "what": what,
                        "stated": fmt(stated_point.value, decimals),
                        "computed": fmt(computed, decimals),
                        "diff": fmt(computed - stated_point.value, decimals),
                        "unit": indicator.unit,
                        "n": len(values),
                    },
                    Side(f"{scope.name}{year}年{what}", stated_point.value, whole.source, stated_point.text),
                    Side(f"{len(values)}个组成部分之和", computed, "; ".join(sorted({p.source for p in members}))),
                    " + ".join(fmt(v, decimals) for v in values) + f" = {fmt(computed, decimals)}",
                    (whole.id, *(p.id for p in members)),
                )
            )


def check_subset_of_whole(plan: Plan, report: LintReport) -> None:
    """A group that is part of a whole (parks within the prefecture) cannot add up to more than the whole."""
    for group in plan.scopes.values():
        if group.kind is not ScopeKind.GROUP or group.subset_of is None:
            continue
        whole_scope = plan.scopes[group.subset_of]
        for member_indicator in {t.indicator for t in plan.targets if t.scope in group.members}:
            whole_indicator = group.subset_indicator or member_indicator
            members_targets = {
                t.scope: t for t in plan.targets if t.scope in group.members and t.indicator == member_indicator
            }
            if len(members_targets) != len(group.members):
                continue
            whole_points = _known_values(plan, whole_indicator, whole_scope.id)
            for year, (whole_value, whole_source, whole_text) in sorted(whole_points.items()):
                values: list[float] = []
                for m in group.members:
                    point = _point_at(members_targets[m], year)
                    if point is None:
                        break
                    values.append(point)
                else:
                    _count(report, "subset_of_whole")
                    total = math.fsum(values)
                    if total <= whole_value + 1e-9:
                        continue
                    ind = plan.indicators[whole_indicator]
                    report.findings.append(
                        Finding(
                            "LINT_SUBSET_EXCEEDS",
                            Severity.WARNING,
                            {
                                "group": group.name,
                                "whole": whole_scope.name,
                                "indicator": ind.name,
                                "year": year,
                                "parts": fmt(total),
                                "total": fmt(whole_value),
                                "unit": ind.unit,
                            },
                            Side(f"{whole_scope.name}{year}年{ind.name}", whole_value, whole_source, whole_text),
                            Side(f"{group.name}{year}年合计", total, group.source),
                            " + ".join(fmt(v) for v in values) + f" = {fmt(total)} > {fmt(whole_value)}",
                            tuple(members_targets[m].id for m in group.members),
                        )
                    )


def _point_at(t: Target, year: int) -> float | None:
    if t.baseline is not None and t.baseline.span is None and t.baseline.year == year:
        return t.baseline.value
    if t.target is not None and t.target.year == year and t.target.comparator is not Comparator.BETWEEN:
        return t.target.value
    return None


def _known_values(plan: Plan, indicator: str, scope: str) -> dict[int, tuple[float, str, str]]:
    """Year → (value, source, text) for an indicator and scope, from its targets (baselines, targets)."""
    out: dict[int, tuple[float, str, str]] = {}
    for t in plan.targets_for(scope=scope, indicator=indicator):
        if t.kind is TargetKind.CUMULATIVE:
            continue
        if t.baseline is not None and t.baseline.span is None:
            out.setdefault(t.baseline.year, (t.baseline.value, t.source, t.baseline.text))
        if t.target is not None and t.target.comparator is not Comparator.BETWEEN:
            out.setdefault(t.target.year, (t.target.value, t.source, t.target.text))
    return out


def _years(t: Target) -> int | None:
    if t.baseline is None or t.target is None or t.baseline.span is not None:
        return None
    return t.target.year - t.baseline.year


def check_stated_growth(plan: Plan, report: LintReport) -> None:
    """A stated average yearly growth against the growth the baseline and target imply (表1, 表2)."""
    for t in plan.targets:
        g = t.stated_growth
        n = _years(t)
        if g is None or g.unit != "%/yr" or n is None or n <= 0 or t.baseline is None or t.target is None:
            continue
        if t.baseline.value <= 0 or t.target.value <= 0:
            continue
        _count(report, "stated_growth")
        implied = (t.target.value / t.baseline.value) ** (1 / n) - 1
        stated = g.value / 100
        decimals = decimals_of(g.value, g.text)
        implied_pct = implied * 100
        if g.comparator in (Comparator.AT_LEAST,) and implied_pct >= g.value - 0.5 * 10 ** (-decimals):
            continue
        if same_at_precision(g.value, implied_pct, decimals):
            continue
        projected = t.baseline.value * (1 + stated) ** n
        tdec = max(decimals_of(t.target.value, t.target.text), 1)
        at_least = "以上" if g.comparator is Comparator.AT_LEAST else ""
        report.findings.append(
            Finding(
                "LINT_GROWTH_IMPLIED",
                _grade(g.value, implied_pct, decimals),
                {
                    "label": _target_label(plan, t),
                    "baseline": fmt(t.baseline.value),
                    "base_year": t.baseline.year,
                    "target": fmt(t.target.value),
                    "target_year": t.target.year,
                    "implied": f"{implied_pct:.1f}",
                    "stated": f"{fmt(g.value)}%{at_least}",
                    "projected": fmt(projected, tdec),
                    "unit": plan.indicators[t.indicator].unit,
                },
                Side("规划所写年均增速", g.value, t.source, g.text),
                Side("基期值与目标值隐含的年均增速", implied_pct, t.source),
                f"({fmt(t.target.value)} / {fmt(t.baseline.value)})^(1/{n}) − 1 = {implied_pct:.2f}%；"
                f"{fmt(t.baseline.value)} × (1 + {fmt(g.value)}%)^{n} = {fmt(projected, tdec)}（目标 {fmt(t.target.value)}）",
                (t.id,),
            )
        )


def check_stated_change(plan: Plan, report: LintReport) -> None:
    """A stated change ([9.3] 百分点, [15], 新增30) against target − baseline."""
    for t in plan.targets:
        c = t.stated_change
        if c is None or c.unit not in ("pp", "abs") or t.baseline is None or t.target is None:
            continue
        _count(report, "stated_change")
        computed = t.target.value - t.baseline.value
        decimals = max(decimals_of(c.value, c.text), decimals_of(t.target.value), decimals_of(t.baseline.value))
        if same_at_precision(c.value, computed, decimals):
            continue
        if c.comparator is Comparator.AT_LEAST and computed >= c.value:
            continue
        unit = "个百分点" if c.unit == "pp" else plan.indicators[t.indicator].unit
        report.findings.append(
            Finding(
                "LINT_CHANGE_IMPLIED",
                Severity.WARNING,
                {
                    "label": _target_label(plan, t),
                    "stated": c.text or fmt(c.value),
                    "computed": fmt(computed, decimals),
                    "target": fmt(t.target.value),
                    "baseline": fmt(t.baseline.value),
                    "unit": unit,
                },
                Side("规划所写增量", c.value, t.source, c.text),
                Side("目标值 − 基期值", computed, t.source),
                f"{fmt(t.target.value)} − {fmt(t.baseline.value)} = {fmt(computed, decimals)}",
                (t.id,),
            )
        )


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
                _count(report, "baseline_vs_history")
                _compare_written_twice(plan, report, t, b.value, b.text, h, "基期值")
        bg = t.baseline_growth
        if bg is not None and b is not None:
            first = b.year - 4
            h = hist.get((t.indicator, t.scope, f"{first}-{b.year}", Measure.GROWTH))
            if h is not None:
                _count(report, "baseline_vs_history")
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
                "label": _target_label(plan, t),
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
        _count(report, "conflicting_targets", len(ts) - 1)
        first = ts[0]
        assert first.target is not None
        for other in ts[1:]:
            assert other.target is not None
            if math.isclose(first.target.value, other.target.value) and first.target.high == other.target.high:
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


def check_unit(plan: Plan, report: LintReport) -> None:
    """A unit that contradicts the numbers: a "%" whose values grow like an amount, or a share over 100."""
    for t in plan.targets:
        unit = t.unit_text or plan.indicators[t.indicator].unit
        if unit != "%":
            continue
        _count(report, "unit")
        n = _years(t)
        g = t.stated_growth
        if (
            g is not None
            and g.unit == "%/yr"
            and n
            and t.baseline is not None
            and t.target is not None
            and t.baseline.value > 0
        ):
            projected = t.baseline.value * (1 + g.value / 100) ** n
            if abs(projected - t.target.value) / t.target.value <= 0.05:
                report.findings.append(
                    Finding(
                        "LINT_UNIT_AMOUNT",
                        Severity.WARNING,
                        {
                            "label": _target_label(plan, t),
                            "unit": unit,
                            "baseline": t.baseline.text or fmt(t.baseline.value),
                            "target": t.target.text or fmt(t.target.value),
                            "growth": g.text or fmt(g.value),
                            "projected": fmt(projected),
                            "indicator_unit": plan.indicators[t.indicator].unit,
                        },
                        Side(f"{t.source} 单位栏", t.baseline.value, t.source, unit),
                        Side("按年均增速复利推算的目标值", projected, t.source),
                        f"{fmt(t.baseline.value)} × (1 + {fmt(g.value)}%)^{n} = {fmt(projected)} ≈ {fmt(t.target.value)}",
                        (t.id,),
                    )
                )
                continue
        for point_name in ("baseline", "target"):
            point = getattr(t, point_name)
            if point is not None and point.value > 100 and t.kind in (TargetKind.SHARE, TargetKind.LEVEL):
                report.findings.append(
                    Finding(
                        "LINT_SHARE_OVER_100",
                        Severity.WARNING,
                        {"label": _target_label(plan, t), "value": fmt(point.value)},
                        Side(f"{t.source}", point.value, t.source, point.text),
                        Side("比重上限", 100.0, "定义"),
                        f"{fmt(point.value)} > 100",
                        (t.id,),
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
        levels = _known_values(plan, stock, t.scope)
        _count(report, "cumulative_as_level")
        b_level = levels.get(t.baseline.year)
        t_level = levels.get(t.target.year)
        if b_level is None or t_level is None:
            continue
        if not (math.isclose(b_level[0], t.baseline.value) and math.isclose(t_level[0], t.target.value)):
            continue
        flow_targets = [
            o for o in plan.targets_for(scope=t.scope, indicator=t.indicator) if o.id != t.id and o.target is not None
        ]
        implied_new = t_level[0] - b_level[0]
        other = flow_targets[0].target.value if flow_targets and flow_targets[0].target else None
        report.findings.append(
            Finding(
                "LINT_CUMULATIVE_AS_LEVEL",
                Severity.WARNING,
                {
                    "label": _target_label(plan, t),
                    "baseline": t.baseline.text or fmt(t.baseline.value),
                    "target": t.target.text or fmt(t.target.value),
                    "stock": plan.indicators[stock].name,
                    "b_year": t.baseline.year,
                    "t_year": t.target.year,
                    "new": fmt(implied_new),
                    "stock_source": b_level[1],
                },
                Side(f"{t.source}（标为五年累计数）", t.target.value, t.source, t.target.text),
                Side(f"{plan.indicators[stock].name}{t.target.year}年目标（水平值）", t_level[0], t_level[1], t_level[2]),
                f"{fmt(t.baseline.value)} = {plan.indicators[stock].name}{t.baseline.year}年，"
                f"{fmt(t.target.value)} = {plan.indicators[stock].name}{t.target.year}年；"
                f"真正的五年新增为 {fmt(t_level[0])} − {fmt(b_level[0])} = {fmt(implied_new)}"
                + (f"（{flow_targets[0].source} 写 {fmt(other)}）" if other is not None else ""),
                (t.id, *(o.id for o in flow_targets)),
            )
        )


def check_yearly_rate(plan: Plan, report: LintReport) -> None:
    """A yearly rate against its stated cumulative total: 2%/yr for 5 years compounds to 9.6%, not 10%."""
    for t in plan.targets:
        if t.kind is not TargetKind.YEARLY_RATE or t.yearly_rate is None or t.target is None or t.span is None:
            continue
        if plan.indicators[t.indicator].unit != "%":
            continue
        n = t.span[1] - t.span[0] + 1
        _count(report, "yearly_rate")
        r = t.yearly_rate.per_year / 100
        decline = plan.indicators[t.indicator].rate_sense == "decline"
        compounded = ((1 - (1 - r) ** n) if decline else ((1 + r) ** n - 1)) * 100
        decimals = decimals_of(t.target.value, t.target.text)
        if math.isclose(t.target.value, compounded, abs_tol=0.005):
            continue
        # 9.61% prints as 10%: consistent at the plan's precision, but a binding target judged on
        # "下降10%" needs a little more than 2% a year — worth knowing, not a contradiction.
        severity = Severity.INFO if same_at_precision(t.target.value, compounded, decimals) else Severity.WARNING
        total = t.target.value / 100
        needed = ((1 - (1 - total) ** (1 / n)) if decline else ((1 + total) ** (1 / n) - 1)) * 100
        sign = "−" if decline else "+"
        word = "下降" if decline else "增长"
        report.findings.append(
            Finding(
                "LINT_RATE_COMPOUND",
                severity,
                {
                    "label": _target_label(plan, t),
                    "per_year": fmt(t.yearly_rate.per_year),
                    "n": n,
                    "compounded": f"{compounded:.2f}",
                    "stated": fmt(t.target.value),
                    "needed": f"{needed:.2f}",
                },
                Side(f"规划所写累计{word}", t.target.value, t.source, t.target.text),
                Side(f"每年{fmt(t.yearly_rate.per_year)}%连乘{n}年", compounded, t.source),
                f"{sign}[(1 {sign} {fmt(t.yearly_rate.per_year)}%)^{n} − 1] = {compounded:.2f}%；"
                f"{sign}[(1 {sign} {fmt(t.target.value)}%)^(1/{n}) − 1] = {needed:.2f}%/年",
                (t.id,),
            )
        )


DECLINE_WORDS = ("下降", "降低", "减少", "降幅")


def check_rate_sense(plan: Plan, report: LintReport) -> None:
    """A rate in % whose name says 下降 but is read as growth: its yearly rates would chain the wrong way."""
    for ind in plan.indicators.values():
        if ind.unit != "%" or ind.temporal != "ratio":
            continue
        _count(report, "rate_sense")
        word = next((w for w in DECLINE_WORDS if w in ind.name), None)
        if word is None or ind.rate_sense == "decline":
            continue
        report.findings.append(
            Finding(
                "LINT_RATE_SENSE",
                Severity.WARNING,
                {"name": ind.name, "id": ind.id, "word": word},
                Side("指标名称", None, ind.source, ind.name),
                Side("rate_sense", None, "plan file", ind.rate_sense),
                f"「{word}」in the name; rate_sense = {ind.rate_sense}",
                (),
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
        if t.kind is TargetKind.CUMULATIVE:
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
            _count(report, "formula")
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


def check_indicator_parts(plan: Plan, report: LintReport) -> None:
    """An indicator that is the sum of others (上云 + 上平台): parts against the whole, and a part's
    target that leaves nothing for the other parts."""
    span_hist = {(h.indicator, h.scope, h.period): h for h in plan.history if h.measure is Measure.LEVEL}
    for ind in plan.indicators.values():
        if not ind.parts:
            continue
        for t in plan.targets_for(indicator=ind.id):
            b = t.baseline
            if b is not None:
                period = f"{b.span[0]}-{b.span[1]}" if b.span else str(b.year)
                rows = [span_hist.get((p, t.scope, period)) for p in ind.parts]
                if all(r is not None for r in rows):
                    _count(report, "indicator_parts")
                    vals = [r.value for r in rows if r is not None]
                    total = math.fsum(vals)
                    if not same_at_precision(b.value, total, decimals_of(b.value, b.text)):
                        report.findings.append(
                            Finding(
                                "LINT_PARTS_TOTAL",
                                Severity.WARNING,
                                {
                                    "whole": plan.scopes[t.scope].name,
                                    "indicator": ind.name,
                                    "year": period,
                                    "what": "基期值",
                                    "stated": fmt(b.value),
                                    "computed": fmt(total),
                                    "diff": fmt(total - b.value),
                                    "unit": ind.unit,
                                    "n": len(vals),
                                },
                                Side(t.source, b.value, t.source, b.text),
                                Side("各分项之和", total, "; ".join(r.source for r in rows if r is not None)),
                                " + ".join(fmt(v) for v in vals) + f" = {fmt(total)}",
                                (t.id,),
                            )
                        )
            if t.target is None:
                continue
            for part in ind.parts:
                for pt in plan.targets_for(indicator=part, scope=t.scope):
                    if pt.target is None or pt.kind is not t.kind:
                        continue
                    _count(report, "indicator_parts")
                    if pt.target.value < t.target.value:
                        continue
                    report.findings.append(
                        Finding(
                            "LINT_PART_FILLS_WHOLE",
                            Severity.WARNING,
                            {
                                "part": plan.indicators[part].name,
                                "part_value": pt.target.text or fmt(pt.target.value),
                                "part_source": pt.source,
                                "whole": ind.name,
                                "whole_value": t.target.text or fmt(t.target.value),
                                "whole_source": t.source,
                            },
                            Side(t.source, t.target.value, t.source, t.target.text),
                            Side(pt.source, pt.target.value, pt.source, pt.target.text),
                            f"{fmt(pt.target.value)} ≥ {fmt(t.target.value)}",
                            (t.id, pt.id),
                        )
                    )


CHECKS: list[Check] = [
    check_parts_vs_total,
    check_subset_of_whole,
    check_stated_growth,
    check_stated_change,
    check_baseline_vs_history,
    check_conflicting_targets,
    check_unit,
    check_cumulative_as_level,
    check_yearly_rate,
    check_rate_sense,
    check_formula,
    check_indicator_parts,
]


def iter_codes() -> Iterable[str]:
    """Every finding code lint can produce (the message table test uses it)."""
    return (
        "LINT_PARTS_TOTAL",
        "LINT_SUBSET_EXCEEDS",
        "LINT_GROWTH_IMPLIED",
        "LINT_CHANGE_IMPLIED",
        "LINT_WRITTEN_TWICE",
        "LINT_TARGET_CONFLICT",
        "LINT_UNIT_AMOUNT",
        "LINT_SHARE_OVER_100",
        "LINT_CUMULATIVE_AS_LEVEL",
        "LINT_RATE_COMPOUND",
        "LINT_FORMULA",
        "LINT_PART_FILLS_WHOLE",
    )
