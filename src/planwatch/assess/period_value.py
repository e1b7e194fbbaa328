"""Which value stands for a period: one rule for the engine, the bulletin, the cockpit and the ranking.

docs/methodology.md §"Which value stands for a period". For the period that ends in ``month`` of
``year`` (2024Q4 → 2024, 12; 2025Q2 → 2025, 6):

* a **ratio** (比重、占比、强度、率) is the share of the period so far, never one month's value:
  the year's value (at year end) or the 1—N月 cumulative (``ytd``) value; where only the numerator
  and denominator exist, the ratio of their sums from January (``ratio_of_sums``);
* a **flow** (增加值、产值、税收、投资) is the 1—N月 cumulative value (the year's total at year end):
  the period's own level when it starts in January, a ``ytd`` observation, or the sum of months or
  quarters;
* a **stock** (企业数) is the value at the end of the period.

Every function reads through ``get(period, measure)`` so the engine (``Series.get``) and the ranking
(``ObservationTable.get`` of one series) apply the same rule to the same observations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation
from planwatch.domain.periods import Period, PeriodKind

Get = Callable[[Period, Measure], "Observation | None"]


@dataclass(frozen=True)
class Point:
    """A value the engine uses (here: the value standing for a period), with how it was obtained."""

    period: Period  # the period it stands for (the year, or the month the 1—N月 value ends in)
    value: float
    basis: str  # level | ytd | sum_of_months | sum_of_quarters | ratio_of_sums | chained_growth | …
    used: tuple[Observation, ...]
    note: str = ""


def from_january(year: int, month: int) -> list[Period]:
    """The periods that start in January and end in ``month``, longest first: 2024 / 2024Q1 / 2024-01."""
    out: list[Period] = []
    if month == 12:
        out.append(Period.year_of(year))
    if month == 3:
        out.append(Period(PeriodKind.QUARTER, year, 1))
    if month == 1:
        out.append(Period.month_of(year, 1))
    return out


def ending_in(year: int, month: int) -> list[Period]:
    """Every period that ends in ``month`` of ``year``, longest first: 2024, 2024Q4, 2024-12."""
    out: list[Period] = []
    if month == 12:
        out.append(Period.year_of(year))
    if month % 3 == 0:
        out.append(Period(PeriodKind.QUARTER, year, month // 3))
    out.append(Period.month_of(year, month))
    return out


def _stands_for(year: int, month: int) -> Period:
    return Period.year_of(year) if month == 12 else Period.month_of(year, month)


def flow_to_date(get: Get, year: int, month: int) -> Point | None:
    """A flow from January to the end of ``month``: own level, a ytd value, or the sum of its parts."""
    stands = _stands_for(year, month)
    for p in from_january(year, month):
        obs = get(p, Measure.LEVEL)
        if obs is not None:
            return Point(stands, obs.value, "level", (obs,))
    for p in ending_in(year, month):
        obs = get(p, Measure.YTD)
        if obs is not None:
            return Point(stands, obs.value, "ytd", (obs,))
    months = [get(Period.month_of(year, m), Measure.LEVEL) for m in range(1, month + 1)]
    if all(o is not None for o in months):
        used = tuple(o for o in months if o is not None)
        return Point(stands, sum(o.value for o in used), "sum_of_months", used)
    if month % 3 == 0:
        quarters = [get(Period(PeriodKind.QUARTER, year, q), Measure.LEVEL) for q in range(1, month // 3 + 1)]
        if all(o is not None for o in quarters):
            used = tuple(o for o in quarters if o is not None)
            return Point(stands, sum(o.value for o in used), "sum_of_quarters", used)
    return None


def share_of_period(
    get: Get,
    year: int,
    month: int,
    *,
    parts: tuple[Get, Get, float] | None = None,
) -> Point | None:
    """A ratio's value for the period so far (January to ``month``), or None.

    The year's (or Q1's, January's) own value, else a ``ytd`` observation, else — with ``parts``
    (numerator, denominator, factor) — Σ numerator ÷ Σ denominator × factor from January. A single
    month's or quarter's value is never taken for the period (see ``at_period_end``).
    """
    stands = _stands_for(year, month)
    for p in from_january(year, month):
        obs = get(p, Measure.LEVEL)
        if obs is not None:
            return Point(stands, obs.value, "level", (obs,))
    for p in ending_in(year, month):
        obs = get(p, Measure.YTD)
        if obs is not None:
            return Point(stands, obs.value, "ytd", (obs,))
    if parts is not None:
        num_get, den_get, factor = parts
        top, bottom = flow_to_date(num_get, year, month), flow_to_date(den_get, year, month)
        if top is not None and bottom is not None and bottom.value != 0:
            value = top.value / bottom.value * factor
            label = stands.ytd_label_zh
            note = f"{label}分子合计 {_num(top.value)} ÷ 分母合计 {_num(bottom.value)} × {_num(factor)} = {_num(value)}"
            return Point(stands, value, "ratio_of_sums", (*top.used, *bottom.used), note)
    return None


def at_period_end(get: Get, year: int, month: int) -> Point | None:
    """A stock's value at the end of ``month`` (the year's, the quarter's or the month's level)."""
    for p in ending_in(year, month):
        obs = get(p, Measure.LEVEL)
        if obs is not None:
            return Point(p, obs.value, "level", (obs,))
    return None


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
