"""Each year, which enterprises the pool rules propose to enter a pool, move tier, or leave.

Every rule's two sides are kept (the enterprise's value and the rule's), so a person reviewing a
proposal sees why: ``RuleResult``. A rule that needs judgement is listed as such and does not stop
a proposal; a rule without data does (nothing is proposed on a guess), and says so.

Figures of the year Y: revenue and output from the microdata when it covers all 12 months, else
from the register's yearly figures; R&D and profit from the microdata only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from planwatch.enterprises.industry import INDUSTRIAL_SECTIONS
from planwatch.enterprises.microdata_years import EnterpriseYear
from planwatch.enterprises.pool_rules import Measure, Pool, PoolRules, Rule
from planwatch.enterprises.record import Enterprise


class RuleStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"
    JUDGEMENT = "judgement"

    @property
    def label_zh(self) -> str:
        return {"met": "符合", "not_met": "不符合", "no_data": "无数据", "judgement": "待人工判断"}[self.value]

    @property
    def mark(self) -> str:
        return {"met": "✓", "not_met": "✗", "no_data": "?", "judgement": "…"}[self.value]


class ProposalKind(StrEnum):
    ENTER = "enter"
    MOVE = "move"
    EXIT = "exit"

    @property
    def label_zh(self) -> str:
        return {"enter": "入库", "move": "调档", "exit": "出库"}[self.value]


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule: Rule
    value: float | None  # the enterprise's side
    status: RuleStatus

    def explain(self) -> str:
        r = self.rule
        if self.status is RuleStatus.JUDGEMENT:
            return f"{self.status.mark} {r.label}（{self.status.label_zh}）"
        if self.value is None:
            return f"{self.status.mark} {r.label}：无数据"
        unit = r.measure.unit if r.measure else ""
        return f"{self.status.mark} {r.label}：{_num(self.value)}{unit} {r.op.value} {_num(r.value)}{unit}"

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule.id, "label": self.rule.label, "measure": self.rule.measure.value if self.rule.measure else None,
                "op": self.rule.op.value, "value": self.value, "threshold": self.rule.value,
                "status": self.status.value, "source": self.rule.source}


@dataclass(frozen=True, slots=True)
class Proposal:
    uscc: str
    name: str
    county: str
    pool: str
    kind: ProposalKind
    year: int
    tier: str = ""  # the tier proposed (tiered pools)
    from_tier: str = ""  # the tier recorded now (moves)
    evidence: tuple[RuleResult, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"uscc": self.uscc, "name": self.name, "county": self.county, "pool": self.pool,
                "kind": self.kind.value, "year": self.year, "tier": self.tier, "from_tier": self.from_tier,
                "evidence": [e.to_dict() for e in self.evidence]}


def _num(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class Figures:
    """The measures of one enterprise in the year Y (None: no data)."""

    values: dict[Measure, float | None]

    def get(self, m: Measure) -> float | None:
        return self.values.get(m)


def figures(ent: Enterprise, year: int, micro: dict[tuple[str, int], EnterpriseYear]) -> Figures:
    def full(y: int) -> EnterpriseYear | None:
        ey = micro.get((ent.uscc, y))
        return ey if ey is not None and ey.months == 12 else None

    def revenue(y: int) -> float | None:
        ey = full(y)
        return ey.revenue if ey is not None else ent.revenue.get(y)

    def output(y: int) -> float | None:
        ey = full(y)
        return ey.output if ey is not None else ent.output.get(y)

    def growth(y: int) -> float | None:
        now, before = revenue(y), revenue(y - 1)
        if now is None or not before:
            return None
        return (now / before - 1) * 100

    cur, prev = full(year), full(year - 1)
    g1, g0 = growth(year), growth(year - 1)
    r1, r0 = revenue(year), revenue(year - 1)
    values: dict[Measure, float | None] = {
        Measure.REVENUE: r1,
        Measure.REVENUE_GROWTH: g1,
        Measure.REVENUE_GROWTH_2Y: (g1 + g0) / 2 if g1 is not None and g0 is not None else None,
        Measure.REVENUE_2Y_MIN: min(r1, r0) if r1 is not None and r0 is not None else None,
        Measure.REVENUE_2Y_MEAN: (r1 + r0) / 2 if r1 is not None and r0 is not None else None,
        Measure.OUTPUT: output(year),
        Measure.RD: cur.rd if cur else None,
        Measure.RD_SHARE: cur.rd / cur.revenue * 100 if cur and cur.revenue else None,
        Measure.RD_2Y_SUM: cur.rd + prev.rd if cur and prev else None,
        Measure.RD_2Y_SHARE: (cur.rd + prev.rd) / (cur.revenue + prev.revenue) * 100
        if cur and prev and cur.revenue + prev.revenue else None,
        Measure.PROFIT: cur.profit if cur else None,
        Measure.PROFIT_2Y_SUM: cur.profit + prev.profit if cur and prev else None,
        Measure.PROFIT_2Y_MIN: min(cur.profit, prev.profit) if cur and prev else None,
        Measure.SCALE: 1.0 if ent.is_scale(year) else 0.0,
        Measure.INDUSTRIAL: (1.0 if ent.industry.section in INDUSTRIAL_SECTIONS else 0.0) if ent.industry else None,
        Measure.LISTED: 1.0 if ent.listing is not None and ent.listing.is_listed else 0.0,
    }
    return Figures(values)


def evaluate(rule: Rule, fig: Figures) -> RuleResult:
    if rule.judgement or rule.measure is None:
        return RuleResult(rule, None, RuleStatus.JUDGEMENT)
    value = fig.get(rule.measure)
    if value is None:
        return RuleResult(rule, None, RuleStatus.NO_DATA)
    return RuleResult(rule, value, RuleStatus.MET if rule.op.holds(value, rule.value) else RuleStatus.NOT_MET)


def _holds(results: list[RuleResult]) -> bool:
    return all(r.status in (RuleStatus.MET, RuleStatus.JUDGEMENT) for r in results)


def entry_results(pool: Pool, fig: Figures) -> tuple[bool, list[RuleResult]]:
    """Whether the entry rules hold, and every rule's result (the groups of entry_any: the first that
    holds, or all of them when none does)."""
    results = [evaluate(r, fig) for r in pool.entry]
    ok = _holds(results)
    if pool.entry_any:
        groups = [[evaluate(r, fig) for r in g] for g in pool.entry_any]
        good = next((g for g in groups if _holds(g)), None)
        if good is None:
            ok = False
            results += [r for g in groups for r in g]
        else:
            results += good
    return ok, results


def tier_of(pool: Pool, fig: Figures) -> tuple[str, list[RuleResult]]:
    """The highest tier whose rules all hold ("" when none), with that tier's results (or the lowest's)."""
    best, evidence = "", [evaluate(r, fig) for r in pool.tiers[0].rules] if pool.tiers else []
    for tier in pool.tiers:
        results = [evaluate(r, fig) for r in tier.rules]
        if all(r.status is RuleStatus.MET for r in results):
            best, evidence = tier.id, results
    return best, evidence


def memberships(ent: Enterprise, rules: PoolRules) -> dict[str, str]:
    """pool id → tier id ("" for an untiered pool) the register records for an enterprise."""
    out = dict(ent.pools)
    for pool in rules.pools:
        if pool.member_flag is not None and ent.has(pool.member_flag):
            out.setdefault(pool.id, "")
    return out


def screen(register: list[Enterprise], year: int, rules: PoolRules,
           micro: dict[tuple[str, int], EnterpriseYear] | None = None) -> list[Proposal]:
    micro = micro or {}
    out: list[Proposal] = []
    for ent in register:
        fig = figures(ent, year, micro)
        member = memberships(ent, rules)
        for pool in rules.pools:
            base: dict[str, Any] = {"uscc": ent.uscc, "name": ent.name, "county": ent.county, "pool": pool.id,
                                    "year": year}
            if pool.id in member:
                exits = [res for r in pool.exit if (res := evaluate(r, fig)).status is RuleStatus.MET]
                if exits:
                    out.append(Proposal(**base, kind=ProposalKind.EXIT, from_tier=member[pool.id],
                                        evidence=tuple(exits)))
                    continue
                if pool.tiers:
                    tier, evidence = tier_of(pool, fig)
                    if tier and tier != member[pool.id]:
                        out.append(Proposal(**base, kind=ProposalKind.MOVE, tier=tier, from_tier=member[pool.id],
                                            evidence=tuple(evidence)))
                continue
            ok, results = entry_results(pool, fig)
            tier = ""
            if pool.tiers:
                tier, tier_results = tier_of(pool, fig)
                ok = ok and bool(tier)
                results += tier_results
            if ok:
                out.append(Proposal(**base, kind=ProposalKind.ENTER, tier=tier, evidence=tuple(results)))
    return out


def tier_name(rules: PoolRules, pool_id: str, tier_id: str) -> str:
    if not tier_id:
        return ""
    return next((t.name for t in rules.pool(pool_id).tiers if t.id == tier_id), tier_id)
