"""What an assessment returns: plain values that keep their inputs, so every number is explainable.

The CLI prints these, the bulletin words them, the web shows them and their "how was this computed".
All numbers are unrounded; presentation layers round for display only.
Percentages are stored as fractions where the name says ``share``/``ratio`` and documented per field.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from planwatch.domain.enums import Comparator, Direction, Nature, Status, TargetKind, WarningLevel


@dataclass(frozen=True)
class Projection:
    """A projection of the value at the target year by one named method."""

    method: str  # "compound_trend" | "fitted_trend" | …; documented in docs/methodology.md
    value: float  # projected value at the target year (for cumulative targets: projected total)
    low: float | None = None  # lower bound of the interval (fitted methods), same units
    high: float | None = None
    level: float | None = None  # confidence level of [low, high], e.g. 0.8
    probability: float | None = None  # chance of meeting the target, 0–1 (None when the method gives none)
    inputs: dict[str, Any] = field(default_factory=dict)  # points used, growth rate, residual sd, …


@dataclass(frozen=True)
class Assessment:
    """One target × scope at one as-of period."""

    target_id: str
    indicator: str  # indicator id
    name: str  # indicator Chinese name
    scope: str  # scope Chinese name
    scope_id: str
    unit: str
    kind: TargetKind
    nature: Nature
    direction: Direction
    comparator: Comparator | None
    source: str  # where the target comes from in the plan
    as_of: str  # the as-of period, e.g. "2024Q4"

    baseline: float | None
    baseline_year: int | None
    target: float | None  # lower bound for a range target
    target_high: float | None  # upper bound for a range target
    target_year: int | None

    latest: float | None  # latest value used (annual-equivalent or cumulative total; see value_basis)
    latest_period: str | None
    value_basis: str  # "level", "ytd", "cumulative_sum", "chained_growth", "yearly_rates", … (documented)

    completion: float | None  # 完成进度 as a fraction (0.8 = 80%)
    time_elapsed: float | None  # 时序进度 as a fraction
    time_basis: str  # "linear" (months elapsed / months in plan) or "seasonal" (usual share of the year)
    gap_pp: float | None  # (completion − time_elapsed) × 100, in 百分点
    expected: float | None  # value on the compound path from baseline to target at the as-of period

    actual_growth: float | None  # CAGR from baseline to latest, fraction per year
    required_growth: float | None  # CAGR still needed from latest to target, fraction per year
    progress_value: float | None  # CAGR-ratio method value (methodology §3.2)
    score: float | None  # −5 … +5
    status: Status
    warning: WarningLevel
    grade_zh: str  # 提前实现 / 快于预期 / 基本符合预期 / 相对滞后 / 滞后 / 暂无数据 / 无法评估

    projections: list[Projection] = field(default_factory=list)
    method: str = ""  # the progress method id used for status
    inputs: dict[str, Any] = field(default_factory=dict)  # every input, threshold and intermediate value
    notes: list[str] = field(default_factory=list)  # plain-language caveats (Chinese)
    # the coded notes among them: {text, code, params} (planwatch.assess.notes), for other languages
    note_codes: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # sources of the observations used
    synthetic: bool = False  # True when any observation used is synthetic demo data
    # The value standing for the as-of period (planwatch.assess.period_value), printed as 本期完成:
    # a share of the period so far, a flow's 1—N月 cumulative, a stock at the period's end. It is
    # ``latest`` except for a flow judged on a whole-year estimate (then the 1—N月 value it came from).
    period_value: float | None = None
    period_value_period: str | None = None  # 2024 (the year), 2025-06 (1—6月 or a month's end)
    period_value_basis: str = ""  # level, ytd, ratio_of_sums, sum_of_months, cumulative_sum, …

    # A pace in the target's own terms (docs/methodology.md §"A pace in the target's own terms"):
    # a share in 百分点 per year (actual_growth / required_growth are then None); a count or a
    # five-year total in its unit per year (no % growth either); under a year left, only the amount.
    actual_change_pp_per_year: float | None = None  # shares: (latest − baseline) / years elapsed
    required_change_pp_per_year: float | None = None  # shares: (target − latest) / years left (more than a year left)
    actual_change_per_year: float | None = None  # counts, totals: in the target's unit per year
    required_change_per_year: float | None = None  # counts, totals: still needed per year (more than a year left)
    remaining: float | None = None  # still needed to meet the target, in its unit (None when met)
    months_left: int | None = None  # months from the value's period to the end of the target year

    def shown(self) -> tuple[float | None, str | None]:
        """The value printed for the period and its period (``latest`` when no other was set)."""
        if self.period_value is not None:
            return self.period_value, self.period_value_period
        return self.latest, self.latest_period

    @property
    def projection(self) -> float | None:
        """The headline projection (the first method that produced one)."""
        return self.projections[0].value if self.projections else None

    @property
    def probability(self) -> float | None:
        for p in self.projections:
            if p.probability is not None:
                return p.probability
        return None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("kind", "nature", "direction", "comparator", "status", "warning"):
            value = getattr(self, key)
            d[key] = value.value if value is not None else None
        d["projection"] = self.projection
        d["probability"] = self.probability
        return d
