"""Counting rules for investment projects (YAML ``counting.yaml``), decisions with reasons, totals
per scope and period, and projects stuck at a stage.

A project counts once, in the period of its first signing; what it adds depends on its nature
(新建, 升格, 增资, 调整投资业主, 重复签约) as the rules file says. Totals add each counted project to
the prefecture, its county, its park and its chain — each scope once, so nothing is counted twice
across county, park and chain (a project belongs to one county).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from planwatch.projects.record import InvestorOrigin, Project, ProjectNature, ProjectStage
from planwatch.yamlfile import load_definition

BUNDLED = Path(__file__).with_name("counting.yaml")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NatureRule(_Model):
    project: Literal[0, 1] = Field(description="What the event adds to the count of projects.")
    amount: Literal["full", "increase", "none"] = Field(
        description="full: the signed amount; increase: signed − the earlier signed amount; none: nothing.")
    reason: str = Field(min_length=1, description="The decision as shown to people (Chinese), with its source.")


class CountingRules(_Model):
    counted_at: Literal["signed"] = Field(description="The stage whose first date decides the period counted.")
    amount: Literal["signed_amount"] = Field(description="Which amount is counted.")
    natures: dict[ProjectNature, NatureRule] = Field(description="One rule per project nature.")
    excluded_origins: list[InvestorOrigin] = Field(default_factory=list,
                                                   description="Investor origins that are not 招商引资.")
    stuck_days: dict[ProjectStage, int] = Field(default_factory=dict,
                                                description="Days at a stage after which a project is listed as stuck.")


def load_counting_rules(path: Path | None = None) -> CountingRules:
    return load_definition(path or BUNDLED, CountingRules, "COUNTING")


class DecisionKind(StrEnum):
    COUNTED = "counted"
    NOT_SIGNED = "not_signed"
    EXCLUDED = "excluded"
    EVENT = "event"  # counted as an event on an earlier project (adds amount or nothing)

    @property
    def label_zh(self) -> str:
        return {"counted": "计入", "not_signed": "尚未签约", "excluded": "不予认定", "event": "按原项目处理"}[self.value]


@dataclass(frozen=True, slots=True)
class Decision:
    project: Project
    kind: DecisionKind
    projects: int  # added to the count of projects
    amount: float  # added to the amount (万元)
    period: int | None  # the year counted
    reason: str


def decide(projects: list[Project], rules: CountingRules) -> list[Decision]:
    by_key = {p.key: p for p in projects}
    out: list[Decision] = []
    for p in projects:
        signed = p.date_of(ProjectStage.SIGNED)
        if signed is None:
            out.append(Decision(p, DecisionKind.NOT_SIGNED, 0, 0.0, None, "尚未签约，不计入"))
            continue
        if p.origin in rules.excluded_origins:
            out.append(Decision(p, DecisionKind.EXCLUDED, 0, 0.0, signed.year,
                                f"投资方来源为{p.origin.label_zh}，不属于招商引资，不予认定"))
            continue
        rule = rules.natures[p.nature]
        if rule.amount == "full":
            amount = p.signed_amount
        elif rule.amount == "increase":
            before = p.earlier_amount or (by_key[p.earlier].signed_amount if p.earlier in by_key else 0.0)
            amount = max(p.signed_amount - before, 0.0)
        else:
            amount = 0.0
        kind = DecisionKind.COUNTED if p.nature is ProjectNature.NEW or rule.project else DecisionKind.EVENT
        reason = rule.reason
        if rule.amount == "increase":
            reason += f"：{p.signed_amount:g} − {p.signed_amount - amount:g} = {amount:g} 万元"
        out.append(Decision(p, kind, rule.project, amount, signed.year, reason))
    return out


@dataclass(frozen=True, slots=True)
class Total:
    scope: str
    year: int
    projects: int
    amount: float  # 万元


def scopes_of(p: Project, region: str, parents: dict[str, str | None]) -> list[str]:
    """The scopes a project counts towards: region, county, park, chain and the chain's parent
    industry; each once (a zone that is county and park is one scope)."""
    scopes = [region, p.county, p.park, p.chain]
    if p.chain and parents.get(p.chain):
        scopes.append(parents[p.chain] or "")
    return [s for s in dict.fromkeys(scopes) if s]


def totals(decisions: list[Decision], region: str, parents: dict[str, str | None]) -> list[Total]:
    acc: dict[tuple[str, int], list[float]] = defaultdict(lambda: [0, 0.0])
    for d in decisions:
        if d.period is None or (d.projects == 0 and d.amount == 0):
            continue
        for s in scopes_of(d.project, region, parents):
            acc[(s, d.period)][0] += d.projects
            acc[(s, d.period)][1] += d.amount
    return [Total(s, y, int(v[0]), v[1]) for (s, y), v in sorted(acc.items())]


@dataclass(frozen=True, slots=True)
class Stuck:
    project: Project
    stage: ProjectStage
    since: date
    days: int
    limit: int


def stuck(projects: list[Project], rules: CountingRules, today: date) -> list[Stuck]:
    """Projects at a stage longer than the rules allow (签约未开工 …), longest first."""
    out: list[Stuck] = []
    for p in projects:
        limit = rules.stuck_days.get(p.stage)
        since = p.date_of(p.stage)
        if limit is None or since is None:
            continue
        days = (today - since).days
        if days > limit:
            out.append(Stuck(p, p.stage, since, days, limit))
    return sorted(out, key=lambda s: -s.days)
