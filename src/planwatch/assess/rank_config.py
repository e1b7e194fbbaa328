"""The 考核 configuration as data: weights, cap, missing-data policy, 达标 rule, timeliness, stability.

A plan names its rankings in its ``presentation.rankings`` (the ranked unit kinds and the file with
the indicators, weights and 达标 rule, next to the plan file; the bundled plan's files document every
key in place); ``load_rank_config(path, plan)`` reads a user's file instead and reports every problem at
once, each with its line, in Chinese by default. Method and reasons: docs/ranking.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planwatch.domain.enums import Measure, MissingPolicy, RankMethod, Severity
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.plan.load import Plan
from planwatch.plan.presentation import view
from planwatch.yamlfile import YamlError, line_for, load_yaml, path_text, validation_problems

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=64)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Derive(_Model):
    """How a target is made when the targets file gives none (docs/ranking.md §targets)."""

    source: Literal["plan_target", "prefecture", "previous_year", "none"] = Field(
        alias="from",
        description="plan_target: the unit's own plan target; prefecture: the required growth of a target of "
        "the plan's region (target id in `target`) on the unit's previous year; previous_year: hold last "
        "year's value; none.",
    )
    target: Id | None = Field(default=None, description="For from: prefecture, the region's plan target id.")


class IndicatorRule(_Model):
    """One indicator of the ranking."""

    id: Id = Field(description="Indicator id in the plan.")
    weight: float = Field(ge=0, description="Points; the composite divides by the total of the weights.")
    label: str = Field(default="", description="Short column heading (规上增加值).")
    measure: Literal[Measure.LEVEL, Measure.GROWTH] = Field(
        default=Measure.LEVEL, description="level or growth: what a derived target is compared in."
    )
    derive: Derive = Field(
        default_factory=lambda: Derive.model_validate({"from": "none"}),
        description="How a missing annual target is derived.",
    )


class PassRule(_Model):
    """考核达标: who meets the bar for reward. All three conditions must hold."""

    composite_min: float = Field(default=100.0, description="Final composite score at least this.")
    indicator_min: float = Field(default=60.0, description="Every scored indicator at least this many points.")
    max_missing: int = Field(default=0, ge=0, description="At most this many indicators without value or target.")


class Timeliness(_Model):
    """Deduction for late submissions (off by default)."""

    enabled: bool = Field(default=False, description="Whether days late cost points.")
    points_per_day: float = Field(default=0.5, ge=0, description="Points per day late after the grace days.")
    grace_days: float = Field(default=0, ge=0, description="Days late that cost nothing.")
    max_deduction: float = Field(default=5.0, ge=0, description="At most this many points in all.")


class Stability(_Model):
    """Ranking stability under weight changes."""

    delta: float = Field(default=0.2, gt=0, lt=1, description="Relative change of each weight (0.2 = ±20%).")
    samples: int = Field(default=1000, ge=10, le=100_000, description="Monte-Carlo draws of all weights jointly.")
    seed: int = Field(default=20211227, description="Random seed of the draws (repeatable ranges).")


class RankConfig(_Model):
    """A whole ranking configuration file."""

    method: RankMethod = Field(default=RankMethod.WEIGHTED, description="weighted or entropy.")
    cap: float = Field(default=1.2, ge=1.0, le=10.0, description="Completion counts up to this (1.2 = 120%).")
    missing: MissingPolicy = Field(default=MissingPolicy.ZERO, description="zero or renormalise.")
    pass_rule: PassRule = Field(default_factory=PassRule, description="考核达标 rule.")
    timeliness: Timeliness = Field(default_factory=Timeliness, description="Late-submission deduction.")
    stability: Stability = Field(default_factory=Stability, description="Weight-change analysis.")
    indicators: list[IndicatorRule] = Field(min_length=1, description="The indicators and their weights.")

    def rule(self, indicator: str) -> IndicatorRule:
        for r in self.indicators:
            if r.id == indicator:
                return r
        raise KeyError(indicator)

    @property
    def active(self) -> list[IndicatorRule]:
        """The indicators that count (weight above 0), in file order."""
        return [r for r in self.indicators if r.weight > 0]

    def label(self, plan: Plan, indicator: str) -> str:
        r = self.rule(indicator)
        return r.label or plan.indicators[indicator].name


# -- loading ------------------------------------------------------------------------------------
def default_config_path(plan: Plan, level: str = "county") -> Path | None:
    """The ranking file the plan names for ``level`` (None: the plan sets no such ranking)."""
    return view(plan).weights_path(level)


def load_rank_config(path: str | Path | None, plan: Plan, *, level: str = "county") -> RankConfig:
    """Read and check a configuration (default: the one the plan names for ``level``); all problems at once."""
    file = Path(path) if path is not None else default_config_path(plan, level)
    if file is None:
        raise ProblemsError([Problem("RANK_NOT_DECLARED", Severity.ERROR, Location(), {"level": level})])
    if not file.exists():
        raise ProblemsError([Problem("RANK_CONFIG_NOT_FOUND", Severity.ERROR, Location(file=str(file)), {"file": str(file)})])
    return parse_rank_config(file.read_text(encoding="utf-8"), plan, file=str(file))


def parse_rank_config(text: str, plan: Plan, *, file: str = "<weights>") -> RankConfig:
    try:
        document = load_yaml(text, file=file, prefix="RANK_CONFIG")
    except YamlError as exc:
        raise ProblemsError([exc.problem]) from None
    data, lines = document.data, document.lines
    if not isinstance(data, dict):
        raise ProblemsError([Problem("RANK_CONFIG_SHAPE", Severity.ERROR, Location(file=file, line=1), {})])
    problems: list[Problem] = []
    config: RankConfig | None = None
    try:
        config = RankConfig.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, file, lines, "RANK_CONFIG"))
    problems.extend(check_references(data, plan, file, lines))
    if problems or config is None:
        raise ProblemsError(problems)
    return config


def check_references(data: dict[str, Any], plan: Plan, file: str, lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """What the schema cannot say: known indicators and targets, no repeats, some weight.

    Works on the raw YAML data so that these problems are reported together with schema problems.
    """
    problems: list[Problem] = []

    def at(*loc: Any) -> Location:
        return Location(file=file, path=path_text(loc), line=line_for(lines, loc))

    items = data.get("indicators")
    if not isinstance(items, list):
        return problems
    seen: set[str] = set()
    weights: list[float] = []
    known = {t.id: t for t in plan.targets}
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        iid = item.get("id")
        weight = item.get("weight")
        if isinstance(weight, int | float) and not isinstance(weight, bool):
            weights.append(float(weight))
        if isinstance(iid, str):
            if iid not in plan.indicators:
                hint = _hint(plan.suggest_indicators(iid))
                problems.append(Problem("RANK_CONFIG_UNKNOWN_INDICATOR", Severity.ERROR, at("indicators", i, "id"), {"id": iid, "hint": hint}))
            if iid in seen:
                problems.append(Problem("RANK_CONFIG_DUPLICATE", Severity.ERROR, at("indicators", i, "id"), {"id": iid}))
            seen.add(iid)
        derive = item.get("derive")
        if not isinstance(derive, dict) or derive.get("from") != "prefecture":
            continue
        target_id = derive.get("target")
        if target_id is None:
            problems.append(Problem("RANK_CONFIG_DERIVE_TARGET", Severity.ERROR, at("indicators", i, "derive"), {"id": iid or f"[{i}]"}))
            continue
        t = known.get(str(target_id))
        if t is None:
            problems.append(Problem("RANK_CONFIG_UNKNOWN_TARGET", Severity.ERROR, at("indicators", i, "derive", "target"), {"target": target_id}))
        elif t.scope != plan.meta.region or t.target is None:
            problems.append(Problem("RANK_CONFIG_NOT_PREFECTURE", Severity.ERROR, at("indicators", i, "derive", "target"), {"target": target_id}))
    if items and weights and not any(w > 0 for w in weights):
        problems.append(Problem("RANK_CONFIG_NO_WEIGHT", Severity.ERROR, at("indicators"), {}))
    return problems


def _hint(suggestions: list[str]) -> str:
    return f"（是否为：{'、'.join(suggestions)}？）" if suggestions else ""


