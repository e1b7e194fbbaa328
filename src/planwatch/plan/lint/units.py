"""Units and senses: a "%" whose numbers grow like an amount, a share over 100, a rate named 下降 read as growth."""

from __future__ import annotations

from planwatch.domain.enums import Severity, TargetKind
from planwatch.plan.lint.findings import Finding, LintReport, Side, count, target_label
from planwatch.plan.lint.points import LEVEL_KINDS, stated_rates, years_between
from planwatch.plan.lint.precision import fmt
from planwatch.plan.load import Plan


def check_unit(plan: Plan, report: LintReport) -> None:
    """A unit that contradicts the numbers: a "%" whose values grow like an amount, or a share over 100."""
    for t in plan.targets:
        unit = t.unit_text or plan.indicators[t.indicator].unit
        if unit != "%" or t.kind not in LEVEL_KINDS:
            continue
        count(report, "unit")
        n = years_between(t)
        g = next(iter(stated_rates(plan, t)), None)
        if g is not None and n and t.baseline is not None and t.target is not None and t.baseline.value > 0:
            projected = t.baseline.value * (1 + g.value / 100) ** n
            if abs(projected - t.target.value) / t.target.value <= 0.05:
                report.findings.append(
                    Finding(
                        "LINT_UNIT_AMOUNT",
                        Severity.WARNING,
                        {
                            "label": target_label(plan, t),
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
                        {"label": target_label(plan, t), "value": fmt(point.value)},
                        Side(f"{t.source}", point.value, t.source, point.text),
                        Side("比重上限", 100.0, "定义"),
                        f"{fmt(point.value)} > 100",
                        (t.id,),
                    )
                )


DECLINE_WORDS = ("下降", "降低", "减少", "降幅")


def check_rate_sense(plan: Plan, report: LintReport) -> None:
    """A rate in % whose name says 下降 but is read as growth: its yearly rates would chain the wrong way."""
    for ind in plan.indicators.values():
        if ind.unit != "%" or ind.temporal != "ratio":
            continue
        count(report, "rate_sense")
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
