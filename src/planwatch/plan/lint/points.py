"""The numbers a target states for a year (its baseline or target value), read the same way by every check."""

from __future__ import annotations

from planwatch.domain.enums import Comparator, TargetKind
from planwatch.plan.load import Plan
from planwatch.plan.schema import Target


def point_at(t: Target, year: int) -> float | None:
    if t.baseline is not None and t.baseline.span is None and t.baseline.year == year:
        return t.baseline.value
    if t.target is not None and t.target.year == year and t.target.comparator is not Comparator.BETWEEN:
        return t.target.value
    return None


def known_values(plan: Plan, indicator: str, scope: str) -> dict[int, tuple[float, str, str]]:
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


def years_between(t: Target) -> int | None:
    if t.baseline is None or t.target is None or t.baseline.span is not None:
        return None
    return t.target.year - t.baseline.year
