"""Series preparation: one indicator × scope, observations ending at or before the as-of period.

Values the engine asks for, each returned as a ``Point`` that keeps the observations it used:

* ``annual(year)`` — a flow's year total (level of the year; the December/Q4 year-to-date value;
  the sum of 12 months or 4 quarters; or chained from the year's growth rate), or a stock's/ratio's
  year-end value;
* ``ytd(period)`` — a flow's value from January to the end of ``period``;
* ``level_at(period)`` / ``latest_level()`` — a stock's or ratio's value at the end of a period.

Growth-only observations chain-link onto the last known level, level_t = level_{t−1y}·(1 + g/100)
(basis ``chained_growth``, with the arithmetic in ``note``). Shares (unit %) are never chained: a
share does not grow by a percentage. Observations that ingest already derived from growth
(origin ``derived:growth``) keep the basis ``chained_growth`` too.
"""

from __future__ import annotations

from typing import Protocol

from planwatch.assess.period_value import Point, share_of_period
from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.schema import Indicator

DERIVED_ORIGIN = "derived:growth"  # what planwatch.ingest.chain_levels writes in ``origin``
MEMBERS_ORIGIN = "derived:members"  # a group's value summed from its members here


class ObservationSource(Protocol):
    """What a Series reads: an ObservationTable, or data layered over the plan's history."""

    def series(
        self, indicator: str, scope: str, measure: Measure = Measure.LEVEL, *, until: Period | None = None
    ) -> list[Observation]: ...


class Layered:
    """Data observations over the plan's own history: a data row wins on the same key.

    Equivalent to ``history.merged(data)`` without copying a large data table (a merged copy of
    200 000 rows costs seconds; this costs nothing).
    """

    def __init__(self, data: ObservationTable, history: ObservationTable) -> None:
        self.data = data
        self.history = history

    def series(
        self, indicator: str, scope: str, measure: Measure = Measure.LEVEL, *, until: Period | None = None
    ) -> list[Observation]:
        top = self.data.series(indicator, scope, measure, until=until)
        under = self.history.series(indicator, scope, measure, until=until)
        if not under:
            return top
        if not top:
            return under
        seen = {o.period for o in top}
        rows = top + [o for o in under if o.period not in seen]
        return sorted(rows, key=lambda o: (o.period.ordinal, -o.period.kind.months))


def num(value: float, digits: int = 2) -> str:
    """A number for a note (display only): up to ``digits`` decimals, no trailing zeros."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def year_end_periods(year: int) -> list[Period]:
    """The periods that end in December of ``year``, longest first: 2024, 2024Q4, 2024-12."""
    return [Period.year_of(year), Period(PeriodKind.QUARTER, year, 4), Period.month_of(year, 12)]


def periods_ending(year: int, month: int) -> list[Period]:
    """Year-to-date-compatible periods ending in ``month``: the month, the quarter it closes, the year."""
    out = [Period.month_of(year, month)]
    if month % 3 == 0:
        out.insert(0, Period(PeriodKind.QUARTER, year, month // 3))
    if month == 12:
        out.insert(0, Period.year_of(year))
    return out


class MemberSum:
    """A group scope's values as the sum of its members' when the group has none of its own.

    Only for a group (表2 合计, 十大产业链) of an indicator that adds up (``aggregation: sum``), and only
    for periods where every member has a value (level or year-to-date); other scopes read through.
    """

    def __init__(self, source: ObservationSource, group: str, members: list[str]) -> None:
        self.source = source
        self.group = group
        self.members = members

    def series(
        self, indicator: str, scope: str, measure: Measure = Measure.LEVEL, *, until: Period | None = None
    ) -> list[Observation]:
        own = self.source.series(indicator, scope, measure, until=until)
        if own or scope != self.group or measure not in (Measure.LEVEL, Measure.YTD) or not self.members:
            return own
        parts = [
            {o.period: o for o in self.source.series(indicator, m, measure, until=until)}
            for m in self.members
        ]
        common = set(parts[0]).intersection(*parts[1:])
        out: list[Observation] = []
        for period in sorted(common):
            rows = [part[period] for part in parts]
            out.append(
                Observation(
                    indicator=indicator,
                    scope=scope,
                    period=period,
                    value=sum(o.value for o in rows),
                    measure=measure,
                    source="；".join(sorted({o.source for o in rows if o.source})),
                    note=f"{len(rows)}个组成部分合计",
                    origin=MEMBERS_ORIGIN,
                )
            )
        return out


class Series:
    """One indicator × scope in a table, as of a period."""

    def __init__(
        self,
        table: ObservationSource,
        indicator: Indicator,
        scope: str,
        as_of: Period,
        *,
        parts: tuple[Series, Series, float] | None = None,
    ) -> None:
        self.indicator = indicator
        self.is_ratio = indicator.temporal == "ratio"
        self.parts = parts  # a ratio's numerator and denominator series and factor (its formula)
        self.scope = scope
        self.as_of = as_of
        self.is_flow = indicator.temporal == "flow"
        self.chainable = indicator.unit.strip() != "%"
        self._rows: dict[tuple[Period, Measure], Observation] = {}
        for measure in Measure:
            for obs in table.series(indicator.id, scope, measure, until=as_of):
                self._rows[(obs.period, measure)] = obs
        self._anchor: Point | None = None
        self._annual: dict[int, Point | None] = {}
        self._ytd: dict[tuple[int, int], Point | None] = {}
        self._level: dict[Period, Point | None] = {}

    def anchor_growth_on(self, year: int, value: float, text: str) -> None:
        """Chain growth-only years onto the plan's baseline (``year``, ``value``) when the data have no
        level for that year: level_t = baseline × Π(1 + g_i/100), an estimate at comparable prices.
        A reported level always wins: the anchor is used only where ``annual``/``level_at`` finds none."""
        self._anchor = Point(Period.year_of(year), value, "plan_baseline", (), text)
        self._annual.clear()
        self._level.clear()

    def _anchored(self, year: int) -> Point | None:
        a = self._anchor
        return a if a is not None and a.period.year == year else None

    # -- raw access ---------------------------------------------------------------------------
    def get(self, period: Period, measure: Measure = Measure.LEVEL) -> Observation | None:
        return self._rows.get((period, measure))

    def periods(self, *measures: Measure) -> list[Period]:
        return sorted({p for (p, m) in self._rows if m in measures})

    @property
    def empty(self) -> bool:
        return not self._rows

    def observations(self) -> list[Observation]:
        return list(self._rows.values())

    @staticmethod
    def _basis(obs: Observation, basis: str) -> str:
        if obs.origin == DERIVED_ORIGIN:
            return "chained_growth"
        if obs.origin == MEMBERS_ORIGIN:
            return "sum_of_members"
        return basis

    # -- flows --------------------------------------------------------------------------------
    def annual(self, year: int) -> Point | None:
        """The year's value: a flow's total, or a stock's/ratio's value at the end of the year."""
        if year not in self._annual:
            self._annual[year] = None  # guards against cycles while chaining
            self._annual[year] = (
                self._annual_flow(year) if self.is_flow else self.level_at(Period.year_of(year))
            )
        return self._annual[year]

    def _annual_flow(self, year: int) -> Point | None:
        obs = self.get(Period.year_of(year))
        if obs is not None:
            return Point(obs.period, obs.value, self._basis(obs, "level"), (obs,))
        for p in year_end_periods(year):
            obs = self.get(p, Measure.YTD)
            if obs is not None:
                return Point(Period.year_of(year), obs.value, self._basis(obs, "ytd"), (obs,))
        summed = self._sum_levels(year, 12)
        if summed is not None:
            return summed
        for p, measure in [(Period.year_of(year), Measure.GROWTH)] + [
            (q, Measure.YTD_GROWTH) for q in year_end_periods(year)
        ]:
            rate = self.get(p, measure)
            if rate is None or not self.chainable:
                continue
            base = self.annual(year - 1)
            if base is None:
                continue
            value = base.value * (1 + rate.value / 100)
            note = f"{base.period.label_zh}{num(base.value)} ×（1 + {num(rate.value)}%）= {num(value)}"
            return Point(Period.year_of(year), value, "chained_growth", (*base.used, rate), note)
        return self._anchored(year)

    def _sum_levels(self, year: int, month: int) -> Point | None:
        """Σ monthly (or quarterly) flows from January to ``month``; None unless every part is there."""
        months = [self.get(Period.month_of(year, m)) for m in range(1, month + 1)]
        if all(o is not None for o in months):
            used = tuple(o for o in months if o is not None)
            return Point(_ytd_period(year, month), sum(o.value for o in used), "sum_of_months", used)
        if month % 3 == 0:
            quarters = [self.get(Period(PeriodKind.QUARTER, year, q)) for q in range(1, month // 3 + 1)]
            if all(o is not None for o in quarters):
                used = tuple(o for o in quarters if o is not None)
                return Point(_ytd_period(year, month), sum(o.value for o in used), "sum_of_quarters", used)
        return None

    def ytd(self, year: int, month: int) -> Point | None:
        """A flow's value from January to the end of ``month`` of ``year``."""
        key = (year, month)
        if key not in self._ytd:
            self._ytd[key] = None
            self._ytd[key] = self._ytd_flow(year, month)
        return self._ytd[key]

    def _ytd_flow(self, year: int, month: int) -> Point | None:
        if month == 12:
            return self.annual(year)
        for p in periods_ending(year, month):
            obs = self.get(p, Measure.YTD)
            if obs is not None:
                return Point(p, obs.value, self._basis(obs, "ytd"), (obs,))
        if month == 1:
            obs = self.get(Period.month_of(year, 1))
            if obs is not None:
                return Point(obs.period, obs.value, self._basis(obs, "level"), (obs,))
        summed = self._sum_levels(year, month)
        if summed is not None:
            return summed
        if self.chainable:
            for p in periods_ending(year, month):
                rate = self.get(p, Measure.YTD_GROWTH)
                if rate is None:
                    continue
                base = self.ytd(year - 1, month)
                if base is None:
                    continue
                value = base.value * (1 + rate.value / 100)
                note = (
                    f"{base.period.ytd_label_zh}{num(base.value)} ×（1 + {num(rate.value)}%）= {num(value)}"
                )
                return Point(p, value, "chained_growth", (*base.used, rate), note)
        return None

    def latest_ytd(self) -> Point | None:
        """The latest year-to-date value of the as-of year that ends before December, if any."""
        year = self.as_of.year
        for month in range(min(self.as_of.end_month, 11), 0, -1):
            point = self.ytd(year, month)
            if point is not None:
                return point
        return None

    def annual_points(self, *, first_year: int | None = None) -> list[Point]:
        """Every full year with a value, in order (flows: totals; stocks/ratios: year-end values)."""
        years = sorted({p.year for (p, _) in self._rows})
        last = self.as_of.year if self.as_of.is_year_end else self.as_of.year - 1
        out: list[Point] = []
        for y in years:
            if y > last or (first_year is not None and y < first_year):
                continue
            point = self.annual(y)
            if point is not None:
                out.append(point)
        return out

    def latest_annual(self) -> Point | None:
        points = self.annual_points()
        return points[-1] if points else None

    # -- stocks and ratios --------------------------------------------------------------------
    def level_at(self, period: Period) -> Point | None:
        """A stock's or ratio's value at the end of ``period`` (year-end periods are interchangeable)."""
        if period not in self._level:
            self._level[period] = None
            self._level[period] = self._level_at(period)
        return self._level[period]

    def _level_at(self, period: Period) -> Point | None:
        candidates = year_end_periods(period.year) if period.is_year_end else [period]
        if period.is_year_end:
            candidates = sorted(candidates, key=lambda p: p != period)  # the period asked for first
        for p in candidates:
            obs = self.get(p)
            if obs is not None:
                return Point(obs.period, obs.value, self._basis(obs, "level"), (obs,))
        if not self.chainable:
            return None
        for p in candidates:
            rate = self.get(p, Measure.GROWTH)
            if rate is None:
                continue
            base = self.level_at(p.same_period_last_year())
            if base is None:
                continue
            value = base.value * (1 + rate.value / 100)
            note = f"{base.period.label_zh}{num(base.value)} ×（1 + {num(rate.value)}%）= {num(value)}"
            return Point(p, value, "chained_growth", (*base.used, rate), note)
        return self._anchored(period.year) if period.is_year_end else None

    def share_at(self, year: int, month: int) -> Point | None:
        """A ratio's share of the period so far (``planwatch.assess.period_value.share_of_period``)."""
        parts = None
        if self.parts is not None:
            top, bottom, factor = self.parts
            parts = (top.get, bottom.get, factor)
        point = share_of_period(self.get, year, month, parts=parts)
        if point is None:
            return None
        return Point(
            point.period, point.value, self._basis(point.used[0], point.basis), point.used, point.note
        )

    def latest_share(self) -> Point | None:
        """A ratio's latest share of a period so far (the year, or 1—N月 of the as-of year); else None."""
        ends = {(p.year, p.end_month) for (p, m) in self._rows if m in (Measure.LEVEL, Measure.YTD)}
        if self.parts is not None:
            for part in self.parts[:2]:
                ends |= {(p.year, p.end_month) for (p, m) in part._rows if m in (Measure.LEVEL, Measure.YTD)}
        for year, month in sorted(ends, reverse=True):
            point = self.share_at(year, month)
            if point is not None:
                return point
        return None

    def latest_level(self) -> Point | None:
        """The latest value of a stock or ratio (any period kind) at or before the as-of period."""
        for p in reversed(self.periods(Measure.LEVEL, Measure.GROWTH)):
            point = self.level_at(p)
            if point is not None:
                return point
        return None

    def level_points(self) -> list[Point]:
        """Every level a stock or ratio has (observed or chained), in period order."""
        out: list[Point] = []
        for p in self.periods(Measure.LEVEL, Measure.GROWTH):
            point = self.level_at(p)
            if point is not None and (not out or out[-1].period != point.period):
                out.append(point)
        return out

    # -- rates --------------------------------------------------------------------------------
    def yearly_values(self, first_year: int, last_year: int) -> dict[int, Point]:
        """The value of each year in a range that has one (a rate published per year, a year's flow)."""
        out: dict[int, Point] = {}
        for y in range(first_year, last_year + 1):
            point = self.annual(y)
            if point is not None:
                out[y] = point
        return out


def _ytd_period(year: int, month: int) -> Period:
    if month == 12:
        return Period.year_of(year)
    return Period.month_of(year, month)
