"""考核: rank the counties (or parks) on the plan's assessment indicators. docs/ranking.md.

    result = rank_counties(plan, observations, 2024, targets=read_assessment_targets([...], plan))
    result.units[0].name, result.units[0].final_score, result.units[0].passed, result.units[0].reasons()

For each unit and indicator: the value at the as-of period (rank_values), the target (given or
derived, rank_targets), completion = actual ÷ target (target ÷ actual when lower is better; for a
growth target (1 + actual%) ÷ (1 + target%)), score = 100 × completion limited to [0, cap]. The
composite is Σ w_j × score_j ÷ Σ w_j over the indicators that count, with the configured weights or
entropy weights (entropy.py); a timeliness deduction may follow; ties are broken by the scores of the
most heavily weighted indicators, then by fewer missing indicators, then by plan order. 考核达标 is
the configured rule, with reasons; rank_stability gives how far each rank moves under ±20% weights.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planwatch.assess.assessment_targets import AnnualTargets
from planwatch.assess.entropy import EntropyWeights, entropy_weights
from planwatch.assess.rank_config import IndicatorRule, RankConfig, load_rank_config
from planwatch.assess.rank_results import IndicatorInfo, IndicatorScore, PassCheck, RankingResult, UnitRanking
from planwatch.assess.rank_stability import RankRange, rank_stability
from planwatch.assess.rank_targets import NoTarget, ResolvedTarget, num, resolve_target
from planwatch.assess.rank_values import UnitValue, unit_value
from planwatch.domain.enums import (
    Direction,
    Measure,
    MissingPolicy,
    RankMethod,
    ScoreStatus,
    Severity,
    TargetOrigin,
)
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.plan.load import Plan
from planwatch.plan.presentation import view
from planwatch.plan.schema import Scope

LEVELS = ("county", "park")
TIE = 9  # composites equal to this many decimals are a tie


@dataclass(frozen=True)
class Cell:
    """One indicator of one unit before weighting."""

    value: UnitValue | None
    target: ResolvedTarget | None
    no_target_reason: str
    completion: float | None
    capped: bool
    score: float | None  # None when there is nothing to score
    status: ScoreStatus
    arithmetic: str
    notes: list[str]


# -- scoring one cell ---------------------------------------------------------------------------
def completion_of(value: float, target: float, measure: Measure, direction: Direction) -> tuple[float | None, str]:
    """Completion as a fraction, and its arithmetic; None when the target cannot be divided by."""
    if measure is Measure.GROWTH:
        a, t = 1 + value / 100, 1 + target / 100
        if t <= 0:
            return None, f"目标增速{num(target)}%不大于−100%"
        if direction is Direction.UP:
            return a / t, f"(1 + {num(value)}%) ÷ (1 + {num(target)}%) = {num(a / t)}"
        if a <= 0:
            return float("inf"), f"实际增速{num(value)}%不大于−100%"
        return t / a, f"(1 + {num(target)}%) ÷ (1 + {num(value)}%) = {num(t / a)}"
    if target <= 0:
        return None, f"目标值{num(target)}不为正"
    if direction is Direction.UP:
        return value / target, f"{num(value)} ÷ {num(target)} = {num(value / target)}"
    if value <= 0:
        return float("inf"), f"实际值{num(value)}不为正（越小越好）"
    return target / value, f"{num(target)} ÷ {num(value)} = {num(target / value)}"


def score_cell(
    value: UnitValue | None, target: ResolvedTarget | NoTarget, direction: Direction, cap: float, period_label: str
) -> Cell:
    if isinstance(target, NoTarget):
        return Cell(value, None, target.reason, None, False, None, ScoreStatus.NO_TARGET, "", [f"缺少目标：{target.reason}"])
    notes: list[str] = []
    if target.derived:
        notes.append(f"目标为推算值（{target.origin.label_zh}）：{target.arithmetic}")
    if value is None:
        what = "增速" if target.measure is Measure.GROWTH else "数值"
        notes.append(f"缺少{period_label}{what}数据")
        return Cell(None, target, "", None, False, None, ScoreStatus.NO_VALUE, "", notes)
    completion, how = completion_of(value.value, target.value, target.measure, direction)
    if completion is None:
        notes.append(f"无法计分：{how}")
        return Cell(value, target, "", None, False, None, ScoreStatus.NOT_ASSESSABLE, how, notes)
    capped = completion > cap
    bounded = min(max(completion, 0.0), cap)
    score = 100 * bounded
    if completion < 0:
        notes.append("实际值为负，完成率按0计")
        how += " < 0"
    if capped:
        how += f" > {num(cap)}"
    how += f" → {num(score)}"
    if completion == float("inf"):
        completion = cap
    return Cell(value, target, "", completion, capped, score, ScoreStatus.SCORED, how, notes)


# -- the ranking ----------------------------------------------------------------------------------
def units_of(plan: Plan, level: str) -> list[Scope]:
    """The ranked units: the scope kinds the plan declares for ``level`` (without a declaration, the
    county-level units for ``county`` and the parks for ``park``)."""
    declared = view(plan).ranking(level)
    if declared is not None:
        return view(plan).ranked_units(level)
    if level == "park":
        return plan.parks()
    return plan.county_level()


def deduction_for(days: float | None, config: RankConfig, enabled: bool) -> float:
    if not enabled or days is None:
        return 0.0
    t = config.timeliness
    return min(t.max_deduction, t.points_per_day * max(days - t.grace_days, 0.0))


def rank_counties(
    plan: Plan,
    observations: ObservationTable,
    year: int,
    *,
    as_of: Period | None = None,
    targets: AnnualTargets | None = None,
    config: RankConfig | None = None,
    method: RankMethod | None = None,
    late_days: Mapping[str, float] | None = None,
    timeliness: bool | None = None,
) -> RankingResult:
    """Rank the plan's county-level units (8 counties and 湘西高新区) for ``year`` (or the as-of period in it)."""
    return rank_units(
        plan, observations, year, level="county", as_of=as_of, targets=targets, config=config,
        method=method, late_days=late_days, timeliness=timeliness,
    )


def rank_parks(
    plan: Plan,
    observations: ObservationTable,
    year: int,
    *,
    as_of: Period | None = None,
    targets: AnnualTargets | None = None,
    config: RankConfig | None = None,
    method: RankMethod | None = None,
    late_days: Mapping[str, float] | None = None,
    timeliness: bool | None = None,
) -> RankingResult:
    """Rank the nine parks of 表2 by 工业总产值 against each park's own target path."""
    return rank_units(
        plan, observations, year, level="park", as_of=as_of, targets=targets, config=config,
        method=method, late_days=late_days, timeliness=timeliness,
    )


def rank_units(
    plan: Plan,
    observations: ObservationTable,
    year: int,
    *,
    level: str = "county",
    as_of: Period | None = None,
    targets: AnnualTargets | None = None,
    config: RankConfig | None = None,
    method: RankMethod | None = None,
    late_days: Mapping[str, float] | None = None,
    timeliness: bool | None = None,
) -> RankingResult:
    """The ranking of ``level`` units. ``method`` and ``timeliness`` override the configuration.

    Raises ``ProblemsError`` (RANK_AS_OF_YEAR, RANK_NO_DATA) when there is nothing to rank.
    """
    if level not in LEVELS and view(plan).ranking(level) is None:
        raise ProblemsError([Problem("RANK_NOT_DECLARED", Severity.ERROR, Location(), {"level": level})])
    config = config or load_rank_config(None, plan, level=level)
    method = method or config.method
    as_of = as_of or Period.year_of(year)
    if as_of.year != year:
        raise ProblemsError([Problem("RANK_AS_OF_YEAR", Severity.ERROR, Location(), {"as_of": str(as_of), "year": year})])
    targets = targets or AnnualTargets()
    late = dict(late_days or {})
    use_timeliness = config.timeliness.enabled if timeliness is None else timeliness
    rules = config.active
    units = units_of(plan, level)
    period_label = as_of.label_zh if as_of.is_year_end else as_of.ytd_label_zh

    cells: list[list[Cell]] = []
    for u in units:
        row = []
        for r in rules:
            ind = plan.indicators[r.id]
            target = resolve_target(plan, r, u.id, as_of, targets, observations)
            measure = target.measure if isinstance(target, ResolvedTarget) else r.measure
            value = unit_value(observations, r.id, u.id, as_of, ind.temporal, measure)
            if value is None and measure is Measure.GROWTH and isinstance(target, NoTarget):
                value = unit_value(observations, r.id, u.id, as_of, ind.temporal, Measure.LEVEL)
            row.append(score_cell(value, target, ind.direction, config.cap, period_label))
        cells.append(row)
    if not any(c.value is not None for row in cells for c in row):
        raise ProblemsError(
            [Problem("RANK_NO_DATA", Severity.ERROR, Location(), {"period": period_label, "level": "县市区" if level == "county" else "园区"})]
        )

    # An indicator no unit can be scored on this period (e.g. a yearly count at a quarter) is nobody's
    # fault: it leaves the ranking for everyone, and its weight goes to the others.
    ranked_cols = [any(row[j].status is ScoreStatus.SCORED for row in cells) for j in range(len(rules))]
    if not any(ranked_cols):
        raise ProblemsError(
            [Problem("RANK_NOTHING_SCORED", Severity.ERROR, Location(), {"period": period_label, "level": "县市区" if level == "county" else "园区"})]
        )
    zero = config.missing is MissingPolicy.ZERO

    def cell_score(c: Cell, ranked: bool) -> float | None:
        # A unit with no target for an indicator is not at fault: the indicator leaves its basket and
        # the other weights are renormalised (whatever the policy). A missing value (未报送) scores 0
        # under the zero policy (docs/ranking.md §"Missing values and missing targets").
        if not ranked or c.status is ScoreStatus.NO_TARGET:
            return None
        return c.score if c.score is not None else (0.0 if zero else None)

    scores = [[cell_score(c, ranked_cols[j]) for j, c in enumerate(row)] for row in cells]
    entropy: EntropyWeights | None = None
    if method is RankMethod.ENTROPY:
        entropy = _entropy_over(scores, ranked_cols)
        weights = [w * 100 for w in entropy.weights]
    else:
        weights = [r.weight if ranked_cols[j] else 0.0 for j, r in enumerate(rules)]
    counted = [[s is not None for s in row] for row in scores]

    composites: list[float] = []
    scored_rows: list[list[IndicatorScore]] = []
    for i, row in enumerate(cells):
        total = sum(w for w, k in zip(weights, counted[i], strict=True) if k)
        out: list[IndicatorScore] = []
        composite = 0.0
        for j, c in enumerate(row):
            r = rules[j]
            ind = plan.indicators[r.id]
            s = scores[i][j]
            share = weights[j] / total if (counted[i][j] and total > 0) else 0.0
            contribution = share * (s or 0.0)
            composite += contribution
            notes = list(c.notes)
            status = c.status if ranked_cols[j] else ScoreStatus.NOT_RANKED
            if status is ScoreStatus.NOT_RANKED:
                notes.append("本期所有单位均无法计分，该指标不参与本次排名")
            elif status is ScoreStatus.NO_TARGET:
                notes.append("该单位无此项目标，不计入，其余指标权重按比例放大")
            elif status is not ScoreStatus.SCORED:
                notes.append("按0分计入" if zero else "不计入，其余指标权重按比例放大")
            out.append(
                IndicatorScore(
                    indicator=r.id,
                    name=ind.name,
                    label=config.label(plan, r.id),
                    unit="%" if (c.target is not None and c.target.measure is Measure.GROWTH) else ind.unit,
                    direction=ind.direction,
                    weight=weights[j],
                    share=share,
                    value=c.value,
                    target=c.target,
                    no_target_reason=c.no_target_reason,
                    completion=c.completion,
                    capped=c.capped,
                    score=s,
                    counted=counted[i][j],
                    contribution=contribution,
                    status=status,
                    arithmetic=c.arithmetic,
                    notes=notes,
                )
            )
        composites.append(composite)
        scored_rows.append(out)

    deductions = [deduction_for(late.get(u.id), config, use_timeliness) for u in units]
    finals = [c - d for c, d in zip(composites, deductions, strict=True)]
    order_weights = sorted(range(len(rules)), key=lambda j: (-weights[j], j))

    def key(i: int) -> tuple[float, tuple[float, ...], int, int]:
        by_weight = tuple(-round(scored_rows[i][j].score or 0.0, TIE) for j in order_weights)
        n_missing = sum(
            1 for s in scored_rows[i] if s.status not in (ScoreStatus.SCORED, ScoreStatus.NOT_RANKED, ScoreStatus.NO_TARGET)
        )
        return (-round(finals[i], TIE), by_weight, n_missing, i)

    order = sorted(range(len(units)), key=key)
    ranks = [0] * len(units)
    for pos, i in enumerate(order, start=1):
        ranks[i] = pos
    ties = _tie_notes(order, [key(i) for i in range(len(units))], units, rules, order_weights, config, plan)

    ranges: list[RankRange] = rank_stability(
        [[s if s is not None else 0.0 for s in row] for row in scores],
        counted,
        weights,
        deductions,
        ranks,
        [r.id for r in rules],
        delta=config.stability.delta,
        samples=config.stability.samples,
        seed=config.stability.seed,
    )

    ranked: list[UnitRanking] = []
    for i in order:
        u = units[i]
        checks = _checks(finals[i], scored_rows[i], config)
        ranked.append(
            UnitRanking(
                scope_id=u.id,
                name=u.name,
                name_en=u.name_en,
                rank=ranks[i],
                composite=composites[i],
                deduction=deductions[i],
                days_late=late.get(u.id),
                final_score=finals[i],
                indicators=scored_rows[i],
                passed=all(c.passed for c in checks),
                checks=checks,
                rank_range=ranges[i],
                tie_note_zh=ties.get(i, ("", ""))[0],
                tie_note_en=ties.get(i, ("", ""))[1],
            )
        )
    infos = [
        IndicatorInfo(
            r.id, plan.indicators[r.id].name, config.label(plan, r.id), plan.indicators[r.id].unit,
            100 * weights[j] / sum(weights), r.weight, ranked_cols[j],
        )
        for j, r in enumerate(rules)
    ]
    synthetic = any(c.value is not None and c.value.synthetic for row in cells for c in row)
    sources = sorted({src for row in cells for c in row if c.value is not None for src in c.value.sources})
    notes, notes_en = _notes(ranked, as_of, method, entropy, synthetic, use_timeliness, zero)
    return RankingResult(
        plan_id=plan.meta.id,
        level=level,
        year=year,
        as_of=str(as_of),
        as_of_label_zh=as_of.label_zh,
        method=method,
        cap=config.cap,
        missing_policy=config.missing,
        pass_rule=config.pass_rule.model_dump(),
        timeliness={**config.timeliness.model_dump(), "enabled": use_timeliness},
        stability=config.stability.model_dump(),
        indicators=infos,
        units=ranked,
        entropy=entropy,
        notes=notes,
        notes_en=notes_en,
        synthetic=synthetic,
        sources=sources,
    )


def _entropy_over(scores: list[list[float | None]], ranked_cols: list[bool]) -> EntropyWeights:
    """Entropy weights of the ranked columns, laid out over all columns (left-out ones: e = 1, w = 0)."""
    cols = [j for j, ok in enumerate(ranked_cols) if ok]
    sub = entropy_weights([[row[j] for j in cols] for row in scores])
    m = len(ranked_cols)
    weights, ent, div = [0.0] * m, [1.0] * m, [0.0] * m
    normalised: list[list[float | None]] = [[None] * m for _ in scores]
    for k, j in enumerate(cols):
        weights[j], ent[j], div[j] = sub.weights[k], sub.entropy[k], sub.divergence[k]
        for i in range(len(scores)):
            normalised[i][j] = sub.normalised[i][k]
    return EntropyWeights(weights, ent, div, normalised, sub.equal_fallback)


def _checks(final: float, scores: Sequence[IndicatorScore], config: RankConfig) -> list[PassCheck]:
    rule = config.pass_rule
    out = [
        PassCheck(
            rule="composite",
            passed=final >= rule.composite_min,
            actual=final,
            threshold=rule.composite_min,
            text_zh=f"综合得分{final:.1f}，{'不低于' if final >= rule.composite_min else '低于'}{num(rule.composite_min)}",
            text_en=f"composite {final:.1f} {'≥' if final >= rule.composite_min else '<'} {num(rule.composite_min)}",
        )
    ]
    scored = [s for s in scores if s.status is ScoreStatus.SCORED]
    low = [s for s in scored if (s.score or 0.0) < rule.indicator_min]
    lowest = min(((s.score or 0.0) for s in scored), default=0.0)
    if low:
        zh = "、".join(f"{s.label}得分{(s.score or 0.0):.1f}" for s in low) + f"，低于{num(rule.indicator_min)}"
        en = ", ".join(f"{s.indicator} {(s.score or 0.0):.1f}" for s in low) + f" below {num(rule.indicator_min)}"
    else:
        zh = f"已计分指标得分均不低于{num(rule.indicator_min)}（最低{lowest:.1f}）"
        en = f"every scored indicator ≥ {num(rule.indicator_min)} (lowest {lowest:.1f})"
    out.append(PassCheck("indicators", not low, lowest, rule.indicator_min, zh, en, [s.indicator for s in low]))
    # A missing target is not the unit's fault (the indicator left its basket); a missing value is.
    missing = [s for s in scores if s.status not in (ScoreStatus.SCORED, ScoreStatus.NOT_RANKED, ScoreStatus.NO_TARGET)]
    ok = len(missing) <= rule.max_missing
    if missing:
        names = "、".join(f"{s.label}（{s.status.label_zh}）" for s in missing)
        zh = f"缺项{len(missing)}项：{names}" + ("" if ok else f"，超过允许的{rule.max_missing}项")
        en = f"{len(missing)} indicator(s) without value or target: {', '.join(s.indicator for s in missing)}" + (
            "" if ok else f", more than the {rule.max_missing} allowed"
        )
    else:
        zh, en = "各指标均有数据和目标", "every indicator has a value and a target"
    out.append(PassCheck("missing", ok, float(len(missing)), float(rule.max_missing), zh, en, [s.indicator for s in missing]))
    return out


def _tie_notes(
    order: list[int],
    keys: list[tuple[float, tuple[float, ...], int, int]],
    units: list[Scope],
    rules: list[IndicatorRule],
    order_weights: list[int],
    config: RankConfig,
    plan: Plan,
) -> dict[int, tuple[str, str]]:
    """For each unit ranked just below one with the same final score: how the tie was broken."""
    notes: dict[int, tuple[str, str]] = {}
    for above, below in itertools.pairwise(order):
        ka, kb = keys[above], keys[below]
        if ka[0] != kb[0]:
            continue
        a = units[above]
        score = -ka[0]
        diff = next((n for n, (x, y) in enumerate(zip(ka[1], kb[1], strict=True)) if x != y), None)
        if diff is not None:
            j = order_weights[diff]
            label = config.label(plan, rules[j].id)
            zh = f"与{a.name}综合得分相同（{score:.1f}），按权重最大且得分不同的指标“{label}”得分排在其后"
            en = f"tied with {a.name_en or a.name} at {score:.1f}; placed after it on {rules[j].id}, the most heavily weighted indicator that differs"
        elif ka[2] != kb[2]:
            zh = f"与{a.name}综合得分及各指标得分均相同，缺项较多，排在其后"
            en = f"tied with {a.name_en or a.name} on every score; more missing indicators"
        else:
            zh = f"与{a.name}综合得分及各指标得分均相同，按规划中的排列顺序排在其后"
            en = f"tied with {a.name_en or a.name} on every score; placed by plan order"
        notes[below] = (zh, en)
    return notes


def _notes(
    ranked: list[UnitRanking],
    as_of: Period,
    method: RankMethod,
    entropy: EntropyWeights | None,
    synthetic: bool,
    timeliness: bool,
    zero: bool,
) -> tuple[list[str], list[str]]:
    zh: list[str] = []
    en: list[str] = []
    origins: Counter[TargetOrigin] = Counter(
        s.target.origin for u in ranked for s in u.indicators if s.target is not None
    )
    if origins:
        parts = "、".join(f"{o.label_zh}{n}项" for o, n in sorted(origins.items(), key=lambda x: list(TargetOrigin).index(x[0])))
        zh.append(f"考核目标来源：{parts}。推算的目标在明细中标注“推算”并列出算式。")
        en.append("Targets: " + ", ".join(f"{o.value} {n}" for o, n in origins.items()) + ". Derived targets are marked and show their arithmetic.")
    dropped = [s.label for s in ranked[0].indicators if s.status is ScoreStatus.NOT_RANKED] if ranked else []
    if dropped:
        zh.append(f"本期所有单位均缺少数据或目标、不参与本次排名的指标：{'、'.join(dropped)}；其权重按比例分配给其余指标。")
        en.append(f"Left out for every unit this period (no unit could be scored): {', '.join(dropped)}.")
    gaps: dict[tuple[str, ScoreStatus], list[str]] = {}
    for u in ranked:
        for s in u.indicators:
            if s.status not in (ScoreStatus.SCORED, ScoreStatus.NOT_RANKED):
                gaps.setdefault((s.label, s.status), []).append(u.name)
    n = len(ranked)

    def listing(items: dict[tuple[str, ScoreStatus], list[str]]) -> str:
        return "；".join(
            f"{label}{status.label_zh}：{f'全部{n}个单位' if len(names) == n else '、'.join(names)}"
            for (label, status), names in items.items()
        )

    no_target = {k: v for k, v in gaps.items() if k[1] is ScoreStatus.NO_TARGET}
    no_value = {k: v for k, v in gaps.items() if k[1] is not ScoreStatus.NO_TARGET}
    if no_target:
        zh.append(f"无目标的指标不计入该单位，其余指标权重按比例放大：{listing(no_target)}。")
        en.append(f"No target (left out of that unit's basket, weights renormalised): {sum(len(v) for v in no_target.values())} cells.")
    if no_value:
        zh.append(f"缺项（{'未报送不得分，按0分计' if zero else '不计入，权重按比例放大'}）：{listing(no_value)}。")
        cells = sum(len(v) for v in no_value.values())
        en.append(f"Missing ({'scored 0' if zero else 'left out, weights renormalised'}): {cells} cells.")
    if not as_of.is_year_end:
        zh.append(f"{as_of.ytd_label_zh}为年中通报：流量指标目标按序时进度（月数/12）折算，增速和比率指标目标不折算。")
        en.append("Mid-year: flow targets are pro-rated by months elapsed; growth and ratio targets are not.")
    if method is RankMethod.ENTROPY and entropy is not None and entropy.equal_fallback:
        zh.append("各指标得分在参评单位之间没有差异，熵权法退化为等权重。")
        en.append("No indicator separates the units; the entropy method falls back to equal weights.")
    if timeliness:
        zh.append("已按报送及时性扣分（逾期天数见明细）。")
        en.append("Timeliness deductions applied.")
    if synthetic:
        zh.append("本结果使用合成演示数据（synthetic demo data），不代表任何县市区的真实情况。")
        en.append("Uses synthetic demo data: not real figures of any county.")
    return zh, en
