"""The database's values as the core's ObservationTable: what the engine, dashboards and bulletin read.

Only approved and published submissions count (``published_only`` for public pages); the plan's own
history comes first and a database value for the same key replaces it. Values without a number
(a line explained by a note) are left out.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch_web.core.plan import get_plan
from planwatch_web.submissions.models import DataValue
from planwatch_web.submissions.states import ASSESSED_STATES, SubmissionState

_COLUMNS = ("indicator", "scope", "period", "measure", "value", "source", "note", "origin", "submission_id")


_MEASURES = {m.value: m for m in Measure}


def _rows_to_observations(rows: Iterable[tuple[object, ...]]) -> Iterable[Observation]:
    periods: dict[str, Period] = {}
    for indicator, scope, period, measure, value, source, note, origin, submission_id in rows:
        text = str(period)
        if text not in periods:
            periods[text] = Period.parse(text)
        yield Observation(
            indicator=str(indicator),
            scope=str(scope),
            period=periods[text],
            value=float(value),  # type: ignore[arg-type]
            measure=_MEASURES[str(measure)],
            source=str(source),
            note=str(note),
            origin=str(origin) or f"web:submission:{submission_id}",
        )


def database_observations(
    *,
    published_only: bool = False,
    states: Iterable[SubmissionState] | None = None,
    scopes: Iterable[str] | None = None,
    indicators: Iterable[str] | None = None,
    periods: Iterable[Period | str] | None = None,
    into: ObservationTable | None = None,
) -> ObservationTable:
    """Values of approved/published submissions (or the given states) as an ObservationTable.

    ``into``: add them to this table (where they replace rows of the same key) instead of a new one.
    """
    chosen = [SubmissionState.PUBLISHED] if published_only else list(states or ASSESSED_STATES)
    qs = DataValue.objects.filter(submission__state__in=chosen, value__isnull=False)
    if scopes is not None:
        qs = qs.filter(scope__in=list(scopes))
    if indicators is not None:
        qs = qs.filter(indicator__in=list(indicators))
    if periods is not None:
        qs = qs.filter(period__in=[str(p) for p in periods])
    table = into if into is not None else ObservationTable()
    table.extend(_rows_to_observations(qs.values_list(*_COLUMNS).iterator(chunk_size=5000)))
    return table


def assessed_observations(
    plan: Plan | None = None, *, include_history: bool = True, published_only: bool = False
) -> ObservationTable:
    """The table ``planwatch.assess.engine.assess_plan`` takes: plan history, then database values."""
    plan = plan or get_plan()
    table = plan.history_observations() if include_history else ObservationTable()
    # One pass: the database's rows go straight into the (freshly built) history table.
    # The cyclic garbage collector is paused while 200k small objects are made: they hold no cycles,
    # and its repeated full scans made the load 1.5–2× slower (docs/performance.md).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return database_observations(published_only=published_only, into=table)
    finally:
        if was_enabled:
            gc.enable()
