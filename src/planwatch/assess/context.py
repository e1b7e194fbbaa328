"""What every target assessment shares: its context (plan, target, series, settings) and a draft
that becomes an ``Assessment`` (status → warning and grade, sources, synthetic flag, JSON-safe inputs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from planwatch.assess.classify import grade_zh, one_status, warning_for
from planwatch.assess.notes import render_note
from planwatch.assess.period_value import Point
from planwatch.assess.progress import effective_threshold, meets_target
from planwatch.assess.results import Assessment, Projection
from planwatch.assess.series import ObservationSource, Series
from planwatch.assess.thresholds import Profile, ThresholdsFile
from planwatch.domain.enums import Comparator, Direction, Status, TargetKind, WarningLevel
from planwatch.domain.observations import Observation
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch.plan.schema import Indicator, Scope, Target

SYNTHETIC_MARK = "synthetic demo data"


def time_of(period: Period) -> float:
    """A period's end as a fractional year on the plan's axis: 2023 → 2023.0, 2024Q2 → 2023.5.

    A year-end counts as the whole year (the baseline 2020 sits at 2020.0 and the target 2025 at
    2025.0), so the difference of two times is the years between their ends.
    """
    return period.year - 1 + period.end_month / 12


@dataclass
class TargetContext:
    """One target, its indicator and scope, the observations, and the settings to judge it."""

    plan: Plan
    target: Target
    indicator: Indicator
    scope: Scope
    direction: Direction
    as_of: Period
    table: ObservationSource
    settings: ThresholdsFile
    profile: Profile
    profile_name: str
    series: Series

    @property
    def comparator(self) -> Comparator:
        return self.target.target.comparator if self.target.target is not None else Comparator.REACH

    @property
    def target_value(self) -> float | None:
        return self.target.target.value if self.target.target is not None else None

    @property
    def target_high(self) -> float | None:
        return self.target.target.high if self.target.target is not None else None

    @property
    def target_year(self) -> int | None:
        return self.target.target.year if self.target.target is not None else None

    @property
    def about_tolerance(self) -> float:
        return self.settings.engine.about_tolerance

    @property
    def higher_is_better(self) -> bool:
        comparator = self.comparator
        if comparator in (Comparator.AT_LEAST, Comparator.BETWEEN):
            return True
        if comparator is Comparator.AT_MOST:
            return False
        return self.direction is Direction.UP

    @property
    def judged_direction(self) -> Direction:
        """The direction the target is judged in (at_most means lower is better whatever the indicator)."""
        return Direction.UP if self.higher_is_better else Direction.DOWN

    def meets(self, value: float, target: float | None = None) -> bool:
        goal = self.target_value if target is None else target
        if goal is None:
            return False
        return meets_target(
            value, goal, self.comparator, self.direction, about_tolerance=self.about_tolerance
        )

    def threshold(self, target: float | None = None) -> float | None:
        """The value that just meets the target (a projection must clear it)."""
        goal = self.target_value if target is None else target
        if goal is None:
            return None
        return effective_threshold(
            goal, self.comparator, self.direction, about_tolerance=self.about_tolerance
        )

    def target_inputs(self) -> dict[str, Any]:
        t = self.target
        out: dict[str, Any] = {
            "id": t.id,
            "kind": t.kind.value,
            "direction": self.direction.value,
            "judged_direction": self.judged_direction.value,
            "source": t.source,
        }
        if t.target is not None:
            out.update(
                value=t.target.value,
                high=t.target.high,
                year=t.target.year,
                comparator=t.target.comparator.value,
                text=t.target.text,
            )
        if t.span is not None:
            out["span"] = list(t.span)
        if t.yearly_rate is not None:
            out["per_year"] = t.yearly_rate.per_year
            out["per_year_comparator"] = t.yearly_rate.comparator.value
        return out


@dataclass
class Draft:
    """The fields of an Assessment while a kind-specific function fills them in."""

    ctx: TargetContext
    baseline: float | None = None
    baseline_year: int | None = None
    latest: float | None = None
    latest_period: Period | None = None
    value_basis: str = "level"
    shown: Point | None = None  # the value standing for the as-of period when it is not ``latest``
    completion: float | None = None
    time_elapsed: float | None = None
    time_basis: str = "linear"
    gap_pp: float | None = None
    expected: float | None = None
    actual_growth: float | None = None
    required_growth: float | None = None
    progress_value: float | None = None
    score: float | None = None
    actual_change_pp_per_year: float | None = None
    required_change_pp_per_year: float | None = None
    actual_change_per_year: float | None = None
    required_change_per_year: float | None = None
    remaining: float | None = None
    months_left: int | None = None
    status: Status = Status.NO_DATA
    warning: WarningLevel | None = None  # None: from the status (classify.warning_for)
    grade: str | None = None  # None: from the status and gap (classify.grade_zh)
    projections: list[Projection] = field(default_factory=list)
    method: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    note_codes: list[dict[str, Any]] = field(default_factory=list)
    used: list[Observation] = field(default_factory=list)

    def use(self, *points: Point | None) -> None:
        """Record the observations behind these points (their sources go into the Assessment)."""
        for point in points:
            if point is None:
                continue
            for obs in point.used:
                if obs not in self.used:
                    self.used.append(obs)
            if point.note and point.note not in self.notes and point.basis == "chained_growth":
                self.notes.append(f"由增速推算：{point.note}")

    def note(self, text: str) -> None:
        if text and text not in self.notes:
            self.notes.append(text)

    def note_code(self, code: str, **params: Any) -> None:
        """A note from planwatch.assess.notes: its Chinese text in ``notes``, code and parameters beside."""
        text = render_note(code, "zh", params)
        if text not in self.notes:
            self.notes.append(text)
            self.note_codes.append({"text": text, "code": code, "params": params})

    def build(self) -> Assessment:
        ctx = self.ctx
        t = ctx.target
        if self.gap_pp is None and self.completion is not None and self.time_elapsed is not None:
            self.gap_pp = (self.completion - self.time_elapsed) * 100
        one_status(self)
        warning = warning_for(self.status)
        target_year = ctx.target_year
        over = target_year is not None and ctx.as_of.ordinal >= Period.year_of(target_year).ordinal
        grade = (
            self.grade
            if self.grade is not None
            else grade_zh(self.status, self.gap_pp, target_year_over=over)
        )
        sources = sorted({o.source for o in self.used if o.source})
        if any(o.origin == "derived:growth" for o in self.used) and self.value_basis == "level":
            self.value_basis = "chained_growth"
        if self.shown is not None:
            shown_value: float | None = self.shown.value
            shown_period: str | None = str(self.shown.period)
            shown_basis = self.shown.basis
        else:
            shown_value = self.latest
            shown_period = str(self.latest_period) if self.latest_period is not None else None
            shown_basis = self.value_basis
        inputs = {
            "as_of": str(ctx.as_of),
            "profile": ctx.profile_name,
            "target": ctx.target_inputs(),
            **self.inputs,
            "observations": [
                {
                    "period": str(o.period),
                    "measure": o.measure.value,
                    "value": o.value,
                    "source": o.source,
                    "origin": o.origin,
                }
                for o in sorted(self.used, key=lambda o: (o.period, o.measure.value))
            ],
        }
        return Assessment(
            target_id=t.id,
            indicator=ctx.indicator.id,
            name=ctx.indicator.name,
            scope=ctx.scope.name,
            scope_id=ctx.scope.id,
            # a growth target's baseline, target and values are yearly growth rates, not the indicator's unit
            unit="%" if t.kind is TargetKind.GROWTH else ctx.indicator.unit,
            kind=t.kind,
            nature=t.nature,
            direction=ctx.direction,
            comparator=t.target.comparator if t.target is not None else None,
            source=t.source,
            as_of=str(ctx.as_of),
            baseline=self.baseline,
            baseline_year=self.baseline_year,
            target=ctx.target_value,
            target_high=ctx.target_high,
            target_year=target_year,
            latest=self.latest,
            latest_period=str(self.latest_period) if self.latest_period is not None else None,
            value_basis=self.value_basis,
            actual_change_pp_per_year=_finite(self.actual_change_pp_per_year),
            required_change_pp_per_year=_finite(self.required_change_pp_per_year),
            actual_change_per_year=_finite(self.actual_change_per_year),
            required_change_per_year=_finite(self.required_change_per_year),
            remaining=_finite(self.remaining),
            months_left=self.months_left,
            period_value=_finite(shown_value),
            period_value_period=shown_period,
            period_value_basis=shown_basis,
            completion=_finite(self.completion),
            time_elapsed=_finite(self.time_elapsed),
            time_basis=self.time_basis,
            gap_pp=_finite(self.gap_pp),
            expected=_finite(self.expected),
            actual_growth=_finite(self.actual_growth),
            required_growth=_finite(self.required_growth),
            progress_value=_finite(self.progress_value),
            score=_finite(self.score),
            status=self.status,
            warning=warning,
            grade_zh=grade,
            projections=list(self.projections),
            method=self.method,
            inputs=json_safe(inputs),
            notes=list(self.notes),
            note_codes=json_safe(self.note_codes),
            sources=sources,
            synthetic=any(SYNTHETIC_MARK in s for s in sources),
        )


def _finite(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def json_safe(value: Any) -> Any:
    """Inputs as plain JSON values: periods and enums as text, tuples as lists, NaN/∞ as None."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Period):
        return str(value)
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return number if math.isfinite(number) else None
