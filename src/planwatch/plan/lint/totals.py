"""Totals: members' targets against their whole (表2, 表3, 表4, 新材料's four parts), a group within a whole
(the parks within the prefecture), and indicators that are sums of others (上云 + 上平台)."""

from __future__ import annotations

import math
from collections import defaultdict

from planwatch.domain.enums import Measure, ScopeKind, Severity, TargetKind
from planwatch.plan.lint.findings import Finding, LintReport, Side, count
from planwatch.plan.lint.points import LEVEL_KINDS, known_values, point_at
from planwatch.plan.lint.precision import decimals_of, fmt, same_at_precision
from planwatch.plan.load import Plan
from planwatch.plan.schema import Target


def check_parts_vs_total(plan: Plan, report: LintReport) -> None:
    """Members' targets of a sum-aggregated indicator against the whole's stated number (表2, 表3, 表4, 四（四）3)."""
    by_key: dict[tuple[str, str, TargetKind, int], Target] = {}
    for t in plan.targets:
        if t.target is not None and t.kind in LEVEL_KINDS:
            by_key[(t.indicator, t.scope, t.kind, t.target.year)] = t
    wholes: dict[tuple[str, str, TargetKind, int], list[Target]] = defaultdict(list)
    for t in plan.targets:
        if t.target is not None and t.kind in LEVEL_KINDS and plan.scopes[t.scope].members:
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
            count(report, "parts_vs_total")
            values = [pt.value for pt in points]
            computed = math.fsum(values)
            decimals = max(
                [decimals_of(stated_point.value, stated_point.text)] + [decimals_of(v) for v in values]
            )
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
                    Side(
                        f"{len(values)}个组成部分之和",
                        computed,
                        "; ".join(sorted({p.source for p in members})),
                    ),
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
                t.scope: t
                for t in plan.targets
                if t.scope in group.members and t.indicator == member_indicator and t.kind in LEVEL_KINDS
            }
            if len(members_targets) != len(group.members):
                continue
            whole_points = known_values(plan, whole_indicator, whole_scope.id)
            for year, (whole_value, whole_source, whole_text) in sorted(whole_points.items()):
                values: list[float] = []
                for m in group.members:
                    point = point_at(members_targets[m], year)
                    if point is None:
                        break
                    values.append(point)
                else:
                    count(report, "subset_of_whole")
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
                            Side(
                                f"{whole_scope.name}{year}年{ind.name}", whole_value, whole_source, whole_text
                            ),
                            Side(f"{group.name}{year}年合计", total, group.source),
                            " + ".join(fmt(v) for v in values) + f" = {fmt(total)} > {fmt(whole_value)}",
                            tuple(members_targets[m].id for m in group.members),
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
                    count(report, "indicator_parts")
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
                    count(report, "indicator_parts")
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
