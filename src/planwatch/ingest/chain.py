"""Chain-link a growth-only series onto the last known level.

Statistical communiqués often publish only a rate ("规模工业增加值增长6.5%"). Given the level of the
same period a year earlier, the level this period is ``level(p − 1 year) × (1 + growth / 100)``;
cumulative values chain the same way with ``ytd_growth``. Derived levels feed the next year, so one
known level and a run of growth rates give a whole series. Derived observations say so in their
``source``, ``note`` (the arithmetic) and ``origin`` ("derived:growth"); values that were reported are
never replaced.

Caveat (docs/data-files.md): official growth of value added is at comparable prices while levels are
nominal, so a chained level is an approximation in the base period's prices.
"""

from __future__ import annotations

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.ingest.units import PERCENT, normalise_unit
from planwatch.ingest.values import format_number
from planwatch.plan.load import Plan

DERIVED_ORIGIN = "derived:growth"
_PAIRS = ((Measure.GROWTH, Measure.LEVEL), (Measure.YTD_GROWTH, Measure.YTD))


def chain_levels(table: ObservationTable, plan: Plan, *, context: ObservationTable | None = None) -> list[Observation]:
    """The levels (and cumulative values) implied by growth rates in ``table``, in period order.

    ``context`` (e.g. ``plan.history_observations()``) supplies base levels the table lacks. Indicators
    in % are skipped: a share does not grow by a percentage.
    """
    known = ObservationTable.of(context or [])
    known.extend(table)
    derived: list[Observation] = []
    for indicator, scope, measure in table.series_keys():
        target = dict(_PAIRS).get(measure)
        ind = plan.indicators.get(indicator)
        if target is None or ind is None or normalise_unit(ind.unit) == PERCENT:
            continue
        for growth in table.series(indicator, scope, measure):
            if known.get(indicator, scope, growth.period, target) is not None:
                continue
            base = known.get(indicator, scope, growth.period.same_period_last_year(), target)
            if base is None:
                continue
            value = base.value * (1 + growth.value / 100)
            obs = Observation(
                indicator=indicator,
                scope=scope,
                period=growth.period,
                value=value,
                measure=target,
                source=f"由增速推算（{growth.source}；基数：{base.source}）",
                note=(
                    f"{base.period.label_zh} {format_number(base.value)} × (1 + {format_number(growth.value)}%)"
                    f" = {format_number(value)}{ind.unit}"
                ),
                origin=DERIVED_ORIGIN,
            )
            known.add(obs)
            derived.append(obs)
    return derived
