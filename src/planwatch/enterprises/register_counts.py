"""Register counts as observations (source "企业库") for the plan's indicators they measure, and
their comparison with the statistics for the same indicator, scope and period.

Which indicator each count measures is the plan's knowledge: the file ``<plan>.register.yaml``
beside the plan file (``counts:``; docs/enterprises.md). An enterprise counts towards the region,
its county, its park and each of its chains (and a sub-industry's industry), each scope once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planwatch.domain.enums import Severity
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.enterprises.record import Enterprise, EnterpriseFlag
from planwatch.ingest.units import convert
from planwatch.plan.load import Plan
from planwatch.projects.counting import Decision, totals
from planwatch.yamlfile import YamlError, load_yaml, validation_problems

SOURCE = "企业库"


class CountKind(StrEnum):
    SCALE = "scale"
    SCALE_NEW = "scale_new"
    OUTPUT_AT_LEAST = "output_at_least"
    FLAG = "flag"
    LISTED = "listed"
    LISTED_OR_QUOTED = "listed_or_quoted"
    PROJECTS = "projects"
    PROJECTS_AMOUNT = "projects_amount"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountRule(_Model):
    indicator: str = Field(description="The plan's indicator id the count measures.")
    count: CountKind = Field(description="What is counted (see CountKind).")
    threshold: float = Field(default=0.0, description="output_at_least: 工业总产值 of the year, 万元.")
    flag: EnterpriseFlag | None = Field(default=None, description="flag: the recognition counted.")
    source: str = Field(default="", description="Where the plan sets the target.")


class RegisterCounts(_Model):
    counts: list[CountRule] = Field(description="One row per indicator the registers measure.")


def counts_file(plan: Plan) -> Path | None:
    if plan.path is None:
        return None
    path = plan.path.with_name(plan.path.stem + ".register.yaml")
    return path if path.exists() else None


def load_register_counts(plan: Plan, path: Path | None = None) -> RegisterCounts:
    """The plan's register counts (an empty list when the plan has none); unknown indicators are errors."""
    file = path or counts_file(plan)
    if file is None:
        return RegisterCounts(counts=[])
    text = file.read_text(encoding="utf-8")
    try:
        document = load_yaml(text, file=file.name, prefix="COUNTS")
    except YamlError as exc:
        raise ProblemsError([exc.problem]) from None
    try:
        rules = RegisterCounts.model_validate(document.data)
    except ValidationError as exc:
        raise ProblemsError(validation_problems(exc, file.name, document.lines, "COUNTS")) from None
    unknown = [Problem("COUNTS_UNKNOWN_INDICATOR", Severity.ERROR, Location(file=file.name, path=f"counts[{i}]"),
                       {"indicator": r.indicator}) for i, r in enumerate(rules.counts)
               if r.indicator not in plan.indicators]
    if unknown:
        raise ProblemsError(unknown)
    return rules


def enterprise_scopes(ent: Enterprise, plan: Plan) -> list[str]:
    scopes = [plan.meta.region, ent.county, ent.park]
    for chain in ent.chains:
        scopes.append(chain)
        parent = plan.scopes[chain].parent
        if parent and parent != plan.meta.region and parent in plan.scopes:
            scopes.append(parent)
    return [s for s in dict.fromkeys(scopes) if s]


def _counted(rule: CountRule, ent: Enterprise, year: int) -> bool:
    kind = rule.count
    if kind is CountKind.SCALE:
        return ent.is_scale(year)
    if kind is CountKind.SCALE_NEW:
        return ent.entered_in(year)
    if kind is CountKind.OUTPUT_AT_LEAST:
        return ent.output.get(year, -1.0) >= rule.threshold
    if kind is CountKind.FLAG:
        return rule.flag is not None and ent.has(rule.flag, year)
    if kind is CountKind.LISTED:
        return (board := ent.listed_in(year)) is not None and board.is_listed
    if kind is CountKind.LISTED_OR_QUOTED:
        return ent.listed_in(year) is not None
    return False


def register_observations(plan: Plan, rules: RegisterCounts, register: list[Enterprise], years: Iterable[int],
                          decisions: list[Decision] | None = None) -> ObservationTable:
    """Observations (source 企业库) for every count rule, scope and year.

    Flags and listings are the register's state now: they are written for the last year only
    (the register does not keep their dates)."""
    table = ObservationTable()
    years = sorted(years)
    for rule in rules.counts:
        if rule.count in (CountKind.PROJECTS, CountKind.PROJECTS_AMOUNT):
            continue
        unit_years = years[-1:] if rule.count in (CountKind.FLAG, CountKind.LISTED, CountKind.LISTED_OR_QUOTED) else years
        for year in unit_years:
            acc: dict[str, int] = defaultdict(int)
            for ent in register:
                if _counted(rule, ent, year):
                    for s in enterprise_scopes(ent, plan):
                        acc[s] += 1
            for scope in _reported_scopes(plan, register, acc):
                table.add(Observation(rule.indicator, scope, Period.parse(str(year)), float(acc.get(scope, 0)),
                                      source=SOURCE, note=rule.source, origin="register"))
    if decisions is not None:
        parents = {s.id: s.parent for s in plan.scopes.values()}
        sums = totals(decisions, plan.meta.region, parents)
        for rule in rules.counts:
            if rule.count not in (CountKind.PROJECTS, CountKind.PROJECTS_AMOUNT):
                continue
            unit = plan.indicators[rule.indicator].unit
            for t in sums:
                if t.year not in years:
                    continue
                value = float(t.projects) if rule.count is CountKind.PROJECTS else convert(t.amount, "万元", unit)
                table.add(Observation(rule.indicator, t.scope, Period.parse(str(t.year)), value,
                                      source=SOURCE, note=rule.source, origin="projects"))
    return table


def _reported_scopes(plan: Plan, register: list[Enterprise], acc: dict[str, int]) -> list[str]:
    """Scopes written: the region and every county-level unit (0 where none is counted — a count of
    nought is a value), and parks and chains the register names."""
    named = {s for e in register for s in enterprise_scopes(e, plan)}
    fixed = [plan.meta.region] + [s.id for s in plan.county_level()]
    return list(dict.fromkeys(fixed + sorted(named)))


@dataclass(frozen=True, slots=True)
class Comparison:
    indicator: str
    scope: str
    period: Period
    register: float
    statistics: float | None
    difference: float | None  # register − statistics

    @property
    def agrees(self) -> bool:
        return self.difference is not None and abs(self.difference) < 1e-9


def compare(register: ObservationTable, statistics: ObservationTable) -> list[Comparison]:
    """Every register observation beside the statistics' value of the same key (None when none)."""
    out: list[Comparison] = []
    for obs in register:
        other = statistics.get(obs.indicator, obs.scope, obs.period, obs.measure)
        value = other.value if other is not None else None
        out.append(Comparison(obs.indicator, obs.scope, obs.period, obs.value, value,
                              obs.value - value if value is not None else None))
    return out
