"""A unit's value of one indicator at an as-of period, and how it was read from the observations.

The ranking compares like with like: a year's total for a year, a 1—N月 cumulative value for a
quarter or month (flows), the value at the end of the period (stocks and ratios), or the published
growth on the same period a year earlier (never recomputed from two levels: methodology §11.2–11.3).
docs/ranking.md §"Which value counts".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from planwatch.assess.period_value import Get, flow_to_date, share_of_period
from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period

Temporal = Literal["flow", "stock", "ratio"]

SYNTHETIC_MARK = "synthetic"


@dataclass(frozen=True, slots=True)
class UnitValue:
    """A value and its provenance.

    ``basis`` says how it was read: ``period`` (an observation for the period itself), ``ytd`` (a
    1—N月 cumulative observation), ``sum_of_months`` / ``sum_of_quarters`` (a flow added up),
    ``period_end`` (a stock or ratio observed at the end of the period), ``growth`` / ``ytd_growth``
    (a published growth rate, % on a year earlier).
    """

    value: float
    period: Period
    measure: Measure  # LEVEL or GROWTH: what the value is (a YTD level is a LEVEL for the as-of period)
    basis: str
    sources: tuple[str, ...]
    synthetic: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "period": str(self.period),
            "measure": self.measure.value,
            "basis": self.basis,
            "sources": list(self.sources),
            "synthetic": self.synthetic,
        }


def is_synthetic(source: str) -> bool:
    return SYNTHETIC_MARK in source.lower() or "模拟" in source


def unit_value(
    table: ObservationTable,
    indicator: str,
    scope: str,
    as_of: Period,
    temporal: Temporal,
    measure: Measure = Measure.LEVEL,
) -> UnitValue | None:
    """The value to compare with a target for ``as_of`` (a year, quarter or month), or None."""
    if measure is Measure.GROWTH:
        return _growth(table, indicator, scope, as_of)
    if temporal == "flow":
        return _flow(table, indicator, scope, as_of)
    if temporal == "ratio":
        return _ratio(table, indicator, scope, as_of)
    return _at_end(table, indicator, scope, as_of)


def _make(value: float, as_of: Period, measure: Measure, basis: str, rows: list[Observation]) -> UnitValue:
    sources = tuple(dict.fromkeys(o.source for o in rows if o.source))
    return UnitValue(value, as_of, measure, basis, sources, any(is_synthetic(o.source) for o in rows))


def _ending_with(
    table: ObservationTable, indicator: str, scope: str, measure: Measure, as_of: Period
) -> list[Observation]:
    """Observations of the series whose period ends when ``as_of`` ends, longest period first."""
    rows = [
        o for o in table.series(indicator, scope, measure, until=as_of) if o.period.ordinal == as_of.ordinal
    ]
    return sorted(rows, key=lambda o: -o.period.kind.months)


def _from_january(p: Period) -> bool:
    return p.start_month == 1


def _growth(table: ObservationTable, indicator: str, scope: str, as_of: Period) -> UnitValue | None:
    # A growth of a period starting in January (the year, Q1, January) is also its year-to-date growth.
    for o in _ending_with(table, indicator, scope, Measure.GROWTH, as_of):
        if _from_january(o.period):
            return _make(o.value, as_of, Measure.GROWTH, "growth", [o])
    for o in _ending_with(table, indicator, scope, Measure.YTD_GROWTH, as_of):
        return _make(o.value, as_of, Measure.GROWTH, "ytd_growth", [o])
    return None


def _getter(table: ObservationTable, indicator: str, scope: str, as_of: Period) -> Get:
    def get(period: Period, measure: Measure) -> Observation | None:
        if period.ordinal > as_of.ordinal:
            return None
        return table.get(indicator, scope, period, measure)

    return get


_BASIS = {"level": "period"}  # the ranking's name for a period's own observation


def _flow(table: ObservationTable, indicator: str, scope: str, as_of: Period) -> UnitValue | None:
    # The 1—N月 cumulative value (planwatch.assess.period_value.flow_to_date, as in the engine).
    point = flow_to_date(_getter(table, indicator, scope, as_of), as_of.year, as_of.end_month)
    if point is None:
        return None
    return _make(point.value, as_of, Measure.LEVEL, _BASIS.get(point.basis, point.basis), list(point.used))


def _at_end(table: ObservationTable, indicator: str, scope: str, as_of: Period) -> UnitValue | None:
    for o in _ending_with(table, indicator, scope, Measure.LEVEL, as_of):
        return _make(o.value, as_of, Measure.LEVEL, "period_end", [o])
    for o in _ending_with(table, indicator, scope, Measure.YTD, as_of):
        return _make(o.value, as_of, Measure.LEVEL, "ytd", [o])
    return None


def _ratio(table: ObservationTable, indicator: str, scope: str, as_of: Period) -> UnitValue | None:
    # A share of the year so far (1—9月 研发投入 ÷ 1—9月 营业收入), not of the last month or quarter
    # alone (planwatch.assess.period_value.share_of_period, as in the engine); else the period-end value.
    point = share_of_period(_getter(table, indicator, scope, as_of), as_of.year, as_of.end_month)
    if point is not None:
        return _make(
            point.value, as_of, Measure.LEVEL, _BASIS.get(point.basis, point.basis), list(point.used)
        )
    return _at_end(table, indicator, scope, as_of)
