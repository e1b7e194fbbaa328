"""Which indicators a scope reports for a period: the lines of its form, from the plan's targets.

Every indicator the plan sets a target for, for that scope, is one line. Flows (output, investment,
counts of new enterprises) are reported as 1—N月累计 (``ytd``) for a month or quarter and as the
year's value (``level``) for a year; stocks and ratios as the value at the end of the period.

(Seam: when the core grows a "what must a scope report" function, this module becomes a call to it.)
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.domain.enums import Measure
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.load import Plan
from planwatch.plan.schema import Indicator, Target


@dataclass(frozen=True)
class FormLine:
    indicator: Indicator
    measure: Measure
    targets: tuple[Target, ...]

    @property
    def key(self) -> str:
        return line_key(self.indicator.id, self.measure)

    @property
    def unit(self) -> str:
        return self.indicator.unit


def line_key(indicator: str, measure: Measure | str) -> str:
    return f"{indicator}:{Measure(measure).value}"


def measure_for(indicator: Indicator, period: Period) -> Measure:
    if indicator.temporal == "flow" and period.kind is not PeriodKind.YEAR:
        return Measure.YTD
    return Measure.LEVEL


def form_lines(plan: Plan, scope_id: str, period: Period) -> list[FormLine]:
    """The lines of ``scope_id``'s form for ``period``, in the plan's order of targets."""
    by_indicator: dict[str, list[Target]] = {}
    for target in plan.targets_for(scope=scope_id):
        by_indicator.setdefault(target.indicator, []).append(target)
    return [
        FormLine(plan.indicators[ind], measure_for(plan.indicators[ind], period), tuple(targets))
        for ind, targets in by_indicator.items()
    ]
