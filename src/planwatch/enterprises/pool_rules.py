"""The 梯度培育 pools' rules as data: ``pools.yaml`` (bundled) or a file of the same shape.

A pool has entry rules (``entry``: all must hold; ``entry_any``: at least one of these groups),
optional tiers (龙头: 过亿, 10亿 …; the highest tier met is the one proposed), exit rules and the
source of every rule. A rule is a comparison of a *measure* of the screened year (computed from the
register and the microdata, see ``MEASURES``) with a value, or a criterion that needs a person's
judgement (``judgement: true``) — recorded, shown in the proposal, never guessed.
docs/enterprises.md lists every field.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planwatch.enterprises.record import EnterpriseFlag
from planwatch.yamlfile import load_definition

BUNDLED = Path(__file__).with_name("pools.yaml")


class Measure(StrEnum):
    """What a rule compares (of the screened year Y unless the name says otherwise)."""

    REVENUE = "revenue"  # 营业收入 of Y, 万元
    REVENUE_GROWTH = "revenue_growth"  # (Y ÷ Y−1 − 1) × 100, %
    REVENUE_GROWTH_2Y = "revenue_growth_2y"  # mean of the growth of Y and of Y−1, %
    REVENUE_2Y_MIN = "revenue_2y_min"  # the smaller revenue of Y and Y−1, 万元
    REVENUE_2Y_MEAN = "revenue_2y_mean"  # (revenue of Y + revenue of Y−1) ÷ 2, 万元
    OUTPUT = "output"  # 工业总产值 of Y, 万元
    RD = "rd"  # 研发费用 of Y, 万元
    RD_SHARE = "rd_share"  # 研发费用 ÷ 营业收入 × 100 of Y, %
    RD_2Y_SUM = "rd_2y_sum"  # 研发费用 of Y and Y−1, 万元
    RD_2Y_SHARE = "rd_2y_share"  # (研发费用 of Y + Y−1) ÷ (营业收入 of Y + Y−1) × 100, %
    PROFIT = "profit"  # 利润总额 of Y, 万元
    PROFIT_2Y_SUM = "profit_2y_sum"  # 利润总额 of Y and Y−1, 万元
    PROFIT_2Y_MIN = "profit_2y_min"  # the smaller 利润总额 of Y and Y−1 (> 0: profitable in both years)
    SCALE = "scale"  # 规上 at the end of Y as recorded (1 or 0)
    INDUSTRIAL = "industrial"  # GB/T 4754 门类 B, C or D (1 or 0)
    LISTED = "listed"  # 上市 on an exchange (1 or 0)

    @property
    def unit(self) -> str:
        if self in (Measure.REVENUE_GROWTH, Measure.REVENUE_GROWTH_2Y, Measure.RD_SHARE, Measure.RD_2Y_SHARE):
            return "%"
        if self in (Measure.SCALE, Measure.INDUSTRIAL, Measure.LISTED):
            return ""
        return "万元"


class Operator(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "=="

    def holds(self, left: float, right: float) -> bool:
        return {">=": left >= right, ">": left > right, "<=": left <= right, "<": left < right,
                "==": left == right}[self.value]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable id of the rule within its pool.")
    label: str = Field(min_length=1, description="The criterion as the source words it (Chinese).")
    measure: Measure | None = Field(default=None, description="What is compared; see Measure.")
    op: Operator = Field(default=Operator.GE, description=">=, >, <=, < or ==.")
    value: float = Field(default=0.0, description="The right-hand side, in the measure's unit.")
    judgement: bool = Field(default=False, description="Needs a person's judgement: shown, never computed.")
    source: str = Field(default="", description="Where the criterion is written (document, page address).")

    @model_validator(mode="after")
    def _measure_or_judgement(self) -> Self:
        if (self.measure is None) != self.judgement:
            raise ValueError("a rule has either a measure or judgement: true")
        return self


class Tier(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$", description="Stable id of the tier.")
    name: str = Field(min_length=1, description="Chinese name (过亿, 10亿 …).")
    rules: list[Rule] = Field(min_length=1, description="All must hold for the tier.")


class Pool(_Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable id of the pool.")
    name: str = Field(min_length=1, description="Chinese name as the bureau calls it.")
    source: str = Field(default="", description="Where the pool and its criteria come from.")
    member_flag: EnterpriseFlag | None = Field(
        default=None, description="A recognition the register records: having it is being in this tier/pool.")
    entry: list[Rule] = Field(default_factory=list, description="All must hold to enter.")
    entry_any: list[list[Rule]] = Field(
        default_factory=list, description="Groups of rules: at least one group must hold in full (one of …).")
    tiers: list[Tier] = Field(default_factory=list, description="Tiers from lowest to highest.")
    exit: list[Rule] = Field(default_factory=list, description="Any one that holds proposes leaving.")


class PoolRules(_Model):
    pools: list[Pool] = Field(min_length=1, description="The pools, in the order pages show them.")

    def pool(self, pool_id: str) -> Pool:
        return next(p for p in self.pools if p.id == pool_id)

    def find(self, text: str) -> Pool | None:
        t = text.strip()
        return next((p for p in self.pools if t in (p.id, p.name)), None)


def load_pool_rules(path: Path | None = None) -> PoolRules:
    """The rules of ``path`` (default: the bundled pools.yaml); ``ProblemsError`` with every problem."""
    return load_definition(path or BUNDLED, PoolRules, "POOLS")
