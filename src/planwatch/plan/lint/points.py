"""The numbers a target states for a year (its baseline or target value), read the same way by every check."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.domain.enums import Comparator, TargetKind
from planwatch.plan.load import Plan
from planwatch.plan.schema import Target

# Kinds whose baseline and target are values of the indicator itself: all but growth, whose value is a %/yr.
LEVEL_KINDS = frozenset(TargetKind) - {TargetKind.GROWTH}


@dataclass(frozen=True)
class StatedRate:
    """An average yearly growth the plan states for a level target: its own ``stated_growth`` or a growth
    target naming it in ``growth_of``."""

    value: float
    comparator: Comparator
    text: str
    source: str
    ids: tuple[str, ...]  # the targets involved: (level,) or (growth, level)


def stated_rates(plan: Plan, t: Target) -> list[StatedRate]:
    out: list[StatedRate] = []
    g = t.stated_growth
    if g is not None and g.unit == "%/yr":
        out.append(StatedRate(g.value, g.comparator, g.text, t.source, (t.id,)))
    for other in plan.targets:
        if other.growth_of == t.id and other.target is not None:
            v = other.target
            out.append(StatedRate(v.value, v.comparator, v.text, other.source, (other.id, t.id)))
    return out


def point_at(t: Target, year: int) -> float | None:
    if t.kind not in LEVEL_KINDS:
        return None
    if t.baseline is not None and t.baseline.span is None and t.baseline.year == year:
        return t.baseline.value
    if t.target is not None and t.target.year == year and t.target.comparator is not Comparator.BETWEEN:
        return t.target.value
    return None


def known_values(plan: Plan, indicator: str, scope: str) -> dict[int, tuple[float, str, str]]:
    """Year → (value, source, text) for an indicator and scope, from its targets (baselines, targets)."""
    out: dict[int, tuple[float, str, str]] = {}
    for t in plan.targets_for(scope=scope, indicator=indicator):
        if t.kind is TargetKind.CUMULATIVE or t.kind not in LEVEL_KINDS:
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
