"""What a ranking returns: plain values that keep every input, so each rank can be explained.

For every unit and indicator: the value (and how it was read), the target (and where it came from,
with its arithmetic), the completion, the capped score, the weight, the share of the composite and
the contribution. For every unit: the composite, any timeliness deduction, the rank, how a tie was
broken, whether it meets the bar (考核达标) and why, and how far the rank moves under weight changes.
Numbers are unrounded; the CLI, bulletin and web round for display only. ``to_dict()`` gives JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planwatch.assess.entropy import EntropyWeights
from planwatch.assess.rank_stability import RankRange
from planwatch.assess.rank_targets import ResolvedTarget
from planwatch.assess.rank_values import UnitValue
from planwatch.domain.enums import Direction, MissingPolicy, RankMethod, ScoreStatus


@dataclass(frozen=True)
class IndicatorScore:
    """One indicator of one unit."""

    indicator: str  # indicator id
    name: str  # Chinese name
    label: str  # short heading
    unit: str  # the indicator's unit (a growth target is in %)
    direction: Direction
    weight: float  # the weight used (configured points, or entropy weight × 100)
    share: float  # this indicator's share of the unit's composite, 0–1 (0 when not counted)
    value: UnitValue | None
    target: ResolvedTarget | None
    no_target_reason: str  # why there is no target (Chinese), "" when there is one
    completion: float | None  # actual ÷ target (or target ÷ actual when lower is better), uncapped, fraction
    capped: bool  # True when the completion was cut to the cap
    score: float | None  # points: 100 × completion limited to [0, cap]; 0 when missing under "zero"; None when left out
    counted: bool  # whether it enters the composite
    contribution: float  # share × score (points of the composite)
    status: ScoreStatus
    arithmetic: str  # how the completion and score were computed
    notes: list[str] = field(default_factory=list)  # Chinese caveats (derived target, missing data, negative value …)

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "name": self.name,
            "label": self.label,
            "unit": self.unit,
            "direction": self.direction.value,
            "weight": self.weight,
            "share": self.share,
            "value": self.value.to_dict() if self.value else None,
            "target": self.target.to_dict() if self.target else None,
            "no_target_reason": self.no_target_reason,
            "completion": self.completion,
            "capped": self.capped,
            "score": self.score,
            "counted": self.counted,
            "contribution": self.contribution,
            "status": self.status.value,
            "status_zh": self.status.label_zh,
            "arithmetic": self.arithmetic,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class PassCheck:
    """One condition of the 考核达标 rule, with both sides it compared."""

    rule: str  # "composite" | "indicators" | "missing"
    passed: bool
    actual: float  # composite score; lowest indicator score; number of missing indicators
    threshold: float
    text_zh: str
    text_en: str
    indicators: list[str] = field(default_factory=list)  # the indicators that fail it

    def text(self, lang: str = "zh") -> str:
        return self.text_en if lang == "en" else self.text_zh

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "passed": self.passed,
            "actual": self.actual,
            "threshold": self.threshold,
            "text_zh": self.text_zh,
            "text_en": self.text_en,
            "indicators": self.indicators,
        }


@dataclass(frozen=True)
class UnitRanking:
    """One county (or park) in the ranking."""

    scope_id: str
    name: str
    name_en: str
    rank: int
    composite: float  # Σ share × score, before any deduction
    deduction: float  # timeliness deduction in points (0 when off)
    days_late: float | None
    final_score: float  # composite − deduction: what the rank and 达标 use
    indicators: list[IndicatorScore]
    passed: bool  # 考核达标
    checks: list[PassCheck]
    rank_range: RankRange | None
    tie_note_zh: str = ""  # how a tie with a neighbour was broken
    tie_note_en: str = ""

    @property
    def missing(self) -> list[str]:
        """Indicators without a value or target for this unit (not those left out for every unit)."""
        return [s.indicator for s in self.indicators if s.status not in (ScoreStatus.SCORED, ScoreStatus.NOT_RANKED)]

    def score_of(self, indicator: str) -> IndicatorScore:
        for s in self.indicators:
            if s.indicator == indicator:
                return s
        raise KeyError(indicator)

    def reasons(self, lang: str = "zh") -> list[str]:
        """Why the unit does or does not meet the bar: the failed conditions, or all of them when it passes."""
        failed = [c for c in self.checks if not c.passed]
        return [c.text(lang) for c in (failed or self.checks)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope_id": self.scope_id,
            "name": self.name,
            "name_en": self.name_en,
            "rank": self.rank,
            "composite": self.composite,
            "deduction": self.deduction,
            "days_late": self.days_late,
            "final_score": self.final_score,
            "passed": self.passed,
            "reasons_zh": self.reasons("zh"),
            "checks": [c.to_dict() for c in self.checks],
            "rank_range": self.rank_range.to_dict() if self.rank_range else None,
            "tie_note_zh": self.tie_note_zh,
            "tie_note_en": self.tie_note_en,
            "missing": self.missing,
            "indicators": [s.to_dict() for s in self.indicators],
        }


@dataclass(frozen=True)
class IndicatorInfo:
    id: str
    name: str
    label: str
    unit: str
    weight: float  # the weight used, in points out of 100 (entropy weights × 100)
    configured_weight: float  # the weight in the configuration file
    ranked: bool = True  # False when no unit could be scored on it this period (left out for everyone)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "unit": self.unit,
            "weight": self.weight,
            "configured_weight": self.configured_weight,
            "ranked": self.ranked,
        }


@dataclass(frozen=True)
class RankingResult:
    """A whole ranking: the settings it used and every unit in rank order."""

    plan_id: str
    level: str  # "county" or "park"
    year: int
    as_of: str  # "2024", "2024Q3"
    as_of_label_zh: str  # "2024年", "2024年第三季度"
    method: RankMethod
    cap: float
    missing_policy: MissingPolicy
    pass_rule: dict[str, float]
    timeliness: dict[str, Any]
    stability: dict[str, float]
    indicators: list[IndicatorInfo]
    units: list[UnitRanking]  # in rank order
    entropy: EntropyWeights | None = None
    notes: list[str] = field(default_factory=list)  # Chinese: derived targets, missing data, synthetic data
    notes_en: list[str] = field(default_factory=list)
    synthetic: bool = False  # True when any value used is synthetic demo data
    sources: list[str] = field(default_factory=list)

    @property
    def passed(self) -> list[UnitRanking]:
        return [u for u in self.units if u.passed]

    def unit(self, scope_id: str) -> UnitRanking:
        for u in self.units:
            if u.scope_id == scope_id:
                return u
        raise KeyError(scope_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan_id,
            "level": self.level,
            "year": self.year,
            "as_of": self.as_of,
            "as_of_label_zh": self.as_of_label_zh,
            "method": self.method.value,
            "method_zh": self.method.label_zh,
            "cap": self.cap,
            "missing_policy": self.missing_policy.value,
            "pass_rule": self.pass_rule,
            "timeliness": self.timeliness,
            "stability": self.stability,
            "indicators": [i.to_dict() for i in self.indicators],
            "entropy": self.entropy.to_dict() if self.entropy else None,
            "units": [u.to_dict() for u in self.units],
            "passed": [u.scope_id for u in self.passed],
            "notes": self.notes,
            "notes_en": self.notes_en,
            "synthetic": self.synthetic,
            "sources": self.sources,
        }
