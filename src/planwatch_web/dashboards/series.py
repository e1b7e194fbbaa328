"""The values a target's charts draw: the same series preparation the engine judged.

A flow's annual values (a year's level, its December year-to-date value, or the sum of its months),
a stock's or ratio's values at period ends, a group's sum of members — ``planwatch.assess.series``
does all of it, so a chart never shows a number the assessment did not see.
"""

from __future__ import annotations

from planwatch.assess.results import Assessment
from planwatch.assess.series import Layered, MemberSum, ObservationSource, Series
from planwatch.domain.enums import ScopeKind
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.load import Plan

_HISTORY: dict[int, ObservationTable] = {}


def _history(plan: Plan) -> ObservationTable:
    """The plan's own history as a table, built once per loaded plan."""
    key = id(plan)
    if key not in _HISTORY:
        _HISTORY[key] = plan.history_observations()
    return _HISTORY[key]


def source_for(plan: Plan, table: ObservationTable, scope_id: str, indicator_id: str) -> ObservationSource:
    """What the engine reads for this scope and indicator (engine.assess_plan builds it the same way)."""
    source: ObservationSource = Layered(table, _history(plan))
    scope = plan.scopes[scope_id]
    if scope.kind is ScopeKind.GROUP and plan.indicators[indicator_id].aggregation == "sum":
        source = MemberSum(source, scope.id, list(scope.members))
    return source


def points(
    plan: Plan, table: ObservationTable, scope_id: str, indicator_id: str, as_of: Period
) -> list[tuple[Period, float]]:
    """(period, value) in time order: annual values of a flow, period-end values of a stock or ratio."""
    indicator = plan.indicators.get(indicator_id)
    if indicator is None or scope_id not in plan.scopes:
        return []
    series = Series(source_for(plan, table, scope_id, indicator_id), indicator, scope_id, as_of)
    found = series.annual_points() if series.is_flow else series.level_points()
    return [(p.period, p.value) for p in found]


def target_points(
    plan: Plan, table: ObservationTable, a: Assessment, as_of: Period
) -> list[tuple[Period, float]]:
    return points(plan, table, a.scope_id, a.indicator, as_of)


def mid_date(period: Period) -> str:
    """The middle of a period, ISO, for Plotly's date axis (labels centred on each year):
    2024 → 2024-07-01, 2024Q2 → 2024-05-15, 2024-06 → 2024-06-15.

    Annual values then sit under their year's label, and sub-year values fall inside their year.
    """
    if period.kind is PeriodKind.YEAR:
        return f"{period.year:04d}-07-01"
    month = (period.start_month + period.end_month) // 2
    return f"{period.year:04d}-{month:02d}-15"


def year_mid(year: int) -> str:
    return f"{year:04d}-07-01"


def time_of(period: Period) -> float:
    """A period's end as a fractional year: 2024 → 2024.0 (the end of 2024), 2025Q2 → 2024.5."""
    return period.year - 1 + period.end_month / 12
