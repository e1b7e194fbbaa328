"""The one canonical data shape: a tidy table of observations.

Every reader (CSV, Excel, enterprise microdata, the plan's own history, the web forms) produces
``Observation`` rows keyed by indicator × scope × period × measure; every assessment reads them.
Values are stored in the indicator's unit (ingest converts 万元 → 亿元 on the way in) and each row
keeps its source.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from planwatch.domain.enums import Measure
from planwatch.domain.periods import Period

CANONICAL_COLUMNS = ("indicator", "scope", "period", "measure", "value", "source", "note")

SeriesKey = tuple[str, str, Measure]


@dataclass(frozen=True, slots=True)
class Observation:
    """One value: ``indicator`` and ``scope`` are ids from the plan; ``value`` is in the indicator's unit."""

    indicator: str
    scope: str
    period: Period
    value: float
    measure: Measure = Measure.LEVEL
    source: str = ""
    note: str = ""
    origin: str = ""  # where it was read: "data.xlsx:Sheet1:12", "plan:history", "microdata"

    @property
    def key(self) -> tuple[str, str, Period, Measure]:
        return (self.indicator, self.scope, self.period, self.measure)

    @property
    def series_key(self) -> SeriesKey:
        return (self.indicator, self.scope, self.measure)

    def to_row(self) -> dict[str, str]:
        return {
            "indicator": self.indicator,
            "scope": self.scope,
            "period": str(self.period),
            "measure": self.measure.value,
            "value": format_value(self.value),
            "source": self.source,
            "note": self.note,
        }


def format_value(value: float) -> str:
    """Shortest text that reads back to the same float (no 1e-05 surprises for ordinary numbers)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


@dataclass
class ObservationTable:
    """An in-memory table of observations with a series index.

    A later ``add`` of the same key replaces the earlier row (imports are applied in order);
    readers that must refuse duplicates check ``key in table`` first.
    """

    _rows: dict[tuple[str, str, Period, Measure], Observation] = field(default_factory=dict)
    _series: dict[SeriesKey, list[Period]] = field(default_factory=dict)
    # Series whose period list gained a period since it was last sorted, and the sorted rows of
    # the whole table (None after any change): adding 200k rows then reading costs one sort.
    _unsorted: set[SeriesKey] = field(default_factory=set)
    _ordered: list[Observation] | None = None

    @classmethod
    def of(cls, rows: Iterable[Observation]) -> ObservationTable:
        table = cls()
        table.extend(rows)
        return table

    # -- writing ------------------------------------------------------------------------------
    def add(self, obs: Observation) -> None:
        key = obs.key
        if key not in self._rows:
            series_key = obs.series_key
            periods = self._series.get(series_key)
            if periods is None:
                self._series[series_key] = [obs.period]
            else:
                if obs.period < periods[-1]:
                    self._unsorted.add(series_key)
                periods.append(obs.period)
        self._rows[key] = obs
        self._ordered = None

    def extend(self, rows: Iterable[Observation]) -> None:
        for obs in rows:
            self.add(obs)

    def copy(self) -> ObservationTable:
        """A new table with the same rows (the rows themselves are immutable and shared)."""
        out = ObservationTable()
        out._rows = dict(self._rows)
        out._series = {k: list(v) for k, v in self._series.items()}
        out._unsorted = set(self._unsorted)
        return out

    def merged(self, other: ObservationTable | Iterable[Observation]) -> ObservationTable:
        """A new table: these rows, then ``other``'s (which win on the same key)."""
        out = self.copy()
        out.extend(other)
        return out

    # -- reading ------------------------------------------------------------------------------
    def __iter__(self) -> Iterator[Observation]:
        if self._ordered is None:
            self._ordered = sorted(self._rows.values(), key=_sort_key)
        return iter(self._ordered)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def get(
        self, indicator: str, scope: str, period: Period, measure: Measure = Measure.LEVEL
    ) -> Observation | None:
        return self._rows.get((indicator, scope, period, measure))

    def series(
        self,
        indicator: str,
        scope: str,
        measure: Measure = Measure.LEVEL,
        *,
        until: Period | None = None,
    ) -> list[Observation]:
        """The observations of one series in period order, optionally only those ending by ``until``."""
        periods = self._periods((indicator, scope, measure))
        rows = [self._rows[(indicator, scope, p, measure)] for p in periods]
        if until is not None:
            rows = [o for o in rows if o.period.ordinal <= until.ordinal]
        return rows

    def _periods(self, key: SeriesKey) -> list[Period]:
        periods = self._series.get(key, [])
        if key in self._unsorted:
            periods.sort()
            self._unsorted.discard(key)
        return periods

    def series_keys(self) -> list[SeriesKey]:
        return sorted(self._series, key=lambda k: (k[0], k[1], k[2].value))

    def indicators(self) -> set[str]:
        return {k[0] for k in self._series}

    def scopes(self) -> set[str]:
        return {k[1] for k in self._series}

    def filter(
        self,
        *,
        indicator: str | None = None,
        scope: str | None = None,
        measure: Measure | None = None,
    ) -> ObservationTable:
        return ObservationTable.of(
            o
            for o in self._rows.values()
            if (indicator is None or o.indicator == indicator)
            and (scope is None or o.scope == scope)
            and (measure is None or o.measure == measure)
        )

    def latest_period(self) -> Period | None:
        periods = [o.period for o in self._rows.values()]
        return max(periods) if periods else None

    # -- files (the canonical CSV; ingest reads every other shape) ----------------------------
    def write_csv(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(CANONICAL_COLUMNS))
            writer.writeheader()
            for obs in self:
                writer.writerow(obs.to_row())


def _sort_key(obs: Observation) -> tuple[str, str, str, int, int]:
    return (obs.indicator, obs.scope, obs.measure.value, obs.period.ordinal, -obs.period.kind.months)


def with_source(rows: Iterable[Observation], source: str) -> list[Observation]:
    return [replace(o, source=source) for o in rows]
