"""Growth and compounding: a stated average yearly growth against baseline and target, a stated change
([9.3] 百分点, 新增30) against target − baseline, and a yearly rate against its five-year total."""

from __future__ import annotations

import math

from planwatch.domain.enums import Comparator, Severity, TargetKind
from planwatch.plan.lint.findings import Finding, LintReport, Side, count, target_label
from planwatch.plan.lint.points import LEVEL_KINDS, stated_rates, years_between
from planwatch.plan.lint.precision import decimals_of, fmt, grade, same_at_precision
from planwatch.plan.load import Plan


def check_stated_growth(plan: Plan, report: LintReport) -> None:
    """A stated average yearly growth (the target's own, or a growth target's ``growth_of``) against the
    growth the baseline and target imply (表1, 表2)."""
    for t in plan.targets:
        n = years_between(t)
        if t.kind not in LEVEL_KINDS or n is None or n <= 0 or t.baseline is None or t.target is None:
            continue
        if t.baseline.value <= 0 or t.target.value <= 0:
            continue
        for g in stated_rates(plan, t):
            count(report, "stated_growth")
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
                    grade(g.value, implied_pct, decimals),
                    {
                        "label": target_label(plan, t),
                        "baseline": fmt(t.baseline.value),
                        "base_year": t.baseline.year,
                        "target": fmt(t.target.value),
                        "target_year": t.target.year,
                        "implied": f"{implied_pct:.1f}",
                        "stated": f"{fmt(g.value)}%{at_least}",
                        "projected": fmt(projected, tdec),
                        "unit": plan.indicators[t.indicator].unit,
                    },
                    Side("规划所写年均增速", g.value, g.source, g.text),
                    Side("基期值与目标值隐含的年均增速", implied_pct, t.source),
                    f"({fmt(t.target.value)} / {fmt(t.baseline.value)})^(1/{n}) − 1 = {implied_pct:.2f}%；"
                    f"{fmt(t.baseline.value)} × (1 + {fmt(g.value)}%)^{n} = {fmt(projected, tdec)}（目标 {fmt(t.target.value)}）",
                    g.ids,
                )
            )


def check_growth_of(plan: Plan, report: LintReport) -> None:
    """A growth target's ``growth_of`` names a target of the same indicator, scope and year (else the two
    numbers describe different things and cannot be checked against each other)."""
    for g in plan.targets:
        if g.growth_of is None or g.target is None:
            continue
        count(report, "growth_of")
        t = plan.target(g.growth_of)
        year = t.target.year if t.target is not None else None
        if (t.indicator, t.scope, year) == (g.indicator, g.scope, g.target.year) and t.kind in LEVEL_KINDS:
            continue
        report.findings.append(
            Finding(
                "LINT_GROWTH_OF_OTHER",
                Severity.WARNING,
                {
                    "growth": g.id,
                    "level": t.id,
                    "growth_label": target_label(plan, g),
                    "level_label": target_label(plan, t),
                },
                Side(g.source, g.target.value, g.source, g.target.text),
                Side(t.source, t.target.value if t.target is not None else None, t.source),
                f"{g.indicator}/{g.scope}/{g.target.year} ≠ {t.indicator}/{t.scope}/{year}（{t.kind.value}）",
                (g.id, t.id),
            )
        )


def check_stated_change(plan: Plan, report: LintReport) -> None:
    """A stated change ([9.3] 百分点, [15], 新增30) against target − baseline."""
    for t in plan.targets:
        c = t.stated_change
        if c is None or c.unit not in ("pp", "abs") or t.baseline is None or t.target is None:
            continue
        count(report, "stated_change")
        computed = t.target.value - t.baseline.value
        decimals = max(
            decimals_of(c.value, c.text), decimals_of(t.target.value), decimals_of(t.baseline.value)
        )
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
                    "label": target_label(plan, t),
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


def check_yearly_rate(plan: Plan, report: LintReport) -> None:
    """A yearly rate against its stated cumulative total: 2%/yr for 5 years compounds to 9.6%, not 10%."""
    for t in plan.targets:
        if (
            t.kind is not TargetKind.YEARLY_RATE
            or t.yearly_rate is None
            or t.target is None
            or t.span is None
        ):
            continue
        if plan.indicators[t.indicator].unit != "%":
            continue
        n = t.span[1] - t.span[0] + 1
        count(report, "yearly_rate")
        r = t.yearly_rate.per_year / 100
        decline = plan.indicators[t.indicator].rate_sense == "decline"
        compounded = ((1 - (1 - r) ** n) if decline else ((1 + r) ** n - 1)) * 100
        decimals = decimals_of(t.target.value, t.target.text)
        if math.isclose(t.target.value, compounded, abs_tol=0.005):
            continue
        # 9.61% prints as 10%: consistent at the plan's precision, but a binding target judged on
        # "下降10%" needs a little more than 2% a year — worth knowing, not a contradiction.
        severity = (
            Severity.INFO if same_at_precision(t.target.value, compounded, decimals) else Severity.WARNING
        )
        total = t.target.value / 100
        needed = ((1 - (1 - total) ** (1 / n)) if decline else ((1 + total) ** (1 / n) - 1)) * 100
        sign = "−" if decline else "+"
        word = "下降" if decline else "增长"
        report.findings.append(
            Finding(
                "LINT_RATE_COMPOUND",
                severity,
                {
                    "label": target_label(plan, t),
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
