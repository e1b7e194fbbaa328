"""Synthetic 考核 inputs for the demo: annual county targets, and the county series microdata cannot give.

Enterprise microdata yield 规模工业增加值, 工业税收, 研发投入, 高新技术产业增加值 and the 表3 counts; they
do not yield 工业技改投入, 招商引资项目 or 两化融合指数, and no statistics office publishes annual
county targets. ``generate_assessment_inputs`` makes both, deterministically from a seed, every value
with source ``synthetic demo data``:

- ``assessment_targets.csv`` (the targets-file format of docs/ranking.md): for each county-level unit
  and year, a growth target for 规模工业增加值 (around the prefecture's required 8.09%), and level
  targets for 工业技改投入, 招商引资项目 and 两化融合指数 set from the unit's previous year. 工业税收,
  研发投入占比, 高新技术产业增加值 and the 表3 counts are left to derivation, so the demo shows both
  given and derived targets.
- ``assessment_observations.csv`` (the canonical observation CSV): quarterly and yearly values of those
  three indicators per unit from the year before the first requested year, and the prefecture's
  totals of the two flows (技改投入, 招商引资项目), so the prefecture's 表1 招商引资 target can be assessed.

Variety: every unit has its own pace; 湘西高新区 runs ahead, 花垣县 lags (the demo's mining
shutdown), the rest scatter around their targets; Q1 is weak and Q4 strong. Nothing here is real.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planwatch.assess.assessment_targets import AnnualTarget, AnnualTargets
from planwatch.domain.enums import Measure
from planwatch.domain.observations import CANONICAL_COLUMNS, Observation
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.load import Plan

SOURCE = "synthetic demo data"
TARGETS_FILE = "assessment_targets.csv"
OBSERVATIONS_FILE = "assessment_observations.csv"

SEASON = (0.18, 0.24, 0.25, 0.33)  # usual share of a year's flow in each quarter (Q1 weak, Q4 strong)
# Pace of each unit against its targets (1.0 = exactly on target); others draw from PACE_RANGE.
PACE = {"xiangxi_hitech": 1.10, "huayuan": 0.82}
PACE_RANGE = (0.90, 1.08)
# 2020 prefecture totals the county series are scaled from: 技改投入 about a quarter of 表1's 工业投资
# 79.6亿元, and 招商引资项目 the 十三五 average of signed projects, 206 ÷ 5 ≈ 41 a year (一（一）5).
PREFECTURE_2020 = {"tech_renovation_investment": 20.0, "investment_projects": 41.0}
GROWTH = {"tech_renovation_investment": 0.1195, "investment_projects": 0.1132}  # 表1's required rates


@dataclass
class _Unit:
    id: str
    share: float  # share of the prefecture (表3 2020 counts)
    pace: float
    rng: random.Random


def generate_assessment_inputs(
    plan: Plan,
    seed: int,
    years: Sequence[int],
    out_dir: Path,
    *,
    through: Period | None = None,
) -> list[Path]:
    """Write the targets and observation files into ``out_dir``; return their paths.

    ``years`` are the assessment years (targets are written for each); the series start the year
    before the first. ``through`` (e.g. 2025-06) leaves out quarters ending after it, and a year's
    total unless the year is complete. Same ``seed`` → byte-identical files.
    """
    if not years:
        raise ValueError("years")
    first, last = min(years), max(years)
    units = _units(plan, seed)
    targets: list[AnnualTarget] = []
    rows: list[Observation] = []
    previous: dict[tuple[str, str], float] = {}  # last year's actual values
    base: dict[tuple[str, str], float] = {}  # the year before the first: where each unit's target path starts
    for u in units:
        previous[(u.id, "tech_renovation_investment")] = round(PREFECTURE_2020["tech_renovation_investment"] * u.share * u.rng.uniform(0.8, 1.2), 2)
        previous[(u.id, "investment_projects")] = float(max(1, round(PREFECTURE_2020["investment_projects"] * u.share * u.rng.uniform(0.7, 1.3))))
        previous[(u.id, "informatization_index")] = round(u.rng.uniform(46.0, 56.0) + (4.0 if u.id == "xiangxi_hitech" else 0.0), 1)
        base.update({k: v for k, v in previous.items() if k[0] == u.id})
        rows.extend(_year_rows(u, first - 1, previous, through))
    for year in range(first, last + 1):
        n = year - first + 1
        for u in units:
            # Targets rise on the unit's own path at the plan's required rates, whatever the actuals did;
            # the actuals follow the unit's pace with some noise.
            growth_target = round(u.rng.uniform(7.0, 10.0), 1)
            g_tech = (1 + GROWTH["tech_renovation_investment"]) ** n
            t_tech = round(base[(u.id, "tech_renovation_investment")] * g_tech * u.rng.uniform(0.97, 1.03), 2)
            t_proj = float(max(1, math.ceil(base[(u.id, "investment_projects")] * (1 + GROWTH["investment_projects"]) ** n)))
            t_index = round(previous[(u.id, "informatization_index")] + u.rng.uniform(0.5, 1.5), 1)
            if year in years:
                note = "模拟年度考核目标"
                targets.extend(
                    [
                        AnnualTarget(u.id, "scale_industrial_va", year, growth_target, Measure.GROWTH, SOURCE, note),
                        AnnualTarget(u.id, "tech_renovation_investment", year, t_tech, Measure.LEVEL, SOURCE, note),
                        AnnualTarget(u.id, "investment_projects", year, t_proj, Measure.LEVEL, SOURCE, note),
                        AnnualTarget(u.id, "informatization_index", year, t_index, Measure.LEVEL, SOURCE, note),
                    ]
                )
            prev_index = previous[(u.id, "informatization_index")]
            previous[(u.id, "tech_renovation_investment")] = round(t_tech * u.pace * u.rng.uniform(0.93, 1.07), 2)
            # a handful of projects a year: a wide draw so that whole numbers still differ from the target
            previous[(u.id, "investment_projects")] = float(max(0, round(t_proj * u.pace * u.rng.uniform(0.6, 1.4))))
            gain = (t_index - prev_index) * (u.pace * 1.4 - 0.4) * u.rng.uniform(0.8, 1.2)
            previous[(u.id, "informatization_index")] = round(prev_index + gain, 1)
            rows.extend(_year_rows(u, year, previous, through))
    rows.extend(_prefecture_rows(plan, rows))
    out_dir.mkdir(parents=True, exist_ok=True)
    targets_path = out_dir / TARGETS_FILE
    AnnualTargets.of(targets).write_csv(targets_path)
    obs_path = out_dir / OBSERVATIONS_FILE
    _write_observations(obs_path, rows)
    return [targets_path, obs_path]


def _units(plan: Plan, seed: int) -> list[_Unit]:
    counts: dict[str, float] = {}
    for s in plan.county_level():
        t = next((x for x in plan.targets_for(scope=s.id, indicator="scale_enterprises") if x.baseline), None)
        counts[s.id] = t.baseline.value if t is not None and t.baseline is not None else 1.0
    total = sum(counts.values()) or 1.0
    out = []
    for s in plan.county_level():
        rng = random.Random(f"{seed}:assessment:{s.id}")
        pace = PACE.get(s.id, rng.uniform(*PACE_RANGE))
        out.append(_Unit(s.id, counts[s.id] / total, pace, rng))
    return out


def _year_rows(u: _Unit, year: int, values: dict[tuple[str, str], float], through: Period | None) -> list[Observation]:
    rows: list[Observation] = []
    quarters = [Period(PeriodKind.QUARTER, year, q) for q in range(1, 5)]
    keep = [q for q in quarters if through is None or q.ordinal <= through.ordinal]
    complete = len(keep) == 4
    weights = [s * u.rng.uniform(0.9, 1.1) for s in SEASON]
    share = [w / sum(weights) for w in weights]
    tech = values[(u.id, "tech_renovation_investment")]
    tech_q = _split(tech, share, 2)
    proj_q = _split(values[(u.id, "investment_projects")], share, 0)
    index = values[(u.id, "informatization_index")]
    start = values.get((u.id, "informatization_index_start"), index - 1.0)
    for i, q in enumerate(keep):
        rows.append(_obs("tech_renovation_investment", u.id, q, tech_q[i]))
        rows.append(_obs("investment_projects", u.id, q, proj_q[i]))
        rows.append(_obs("informatization_index", u.id, q, round(start + (index - start) * (i + 1) / 4, 1)))
    if complete:
        rows.append(_obs("tech_renovation_investment", u.id, Period.year_of(year), round(sum(tech_q), 2)))
        rows.append(_obs("investment_projects", u.id, Period.year_of(year), sum(proj_q)))
        rows.append(_obs("informatization_index", u.id, Period.year_of(year), index))
    values[(u.id, "informatization_index_start")] = index
    return rows


def _split(total: float, share: list[float], digits: int) -> list[float]:
    """Split ``total`` by ``share`` rounded to ``digits``, the rounding left in Q4 so the parts add up."""
    parts = [round(total * s, digits) for s in share[:-1]]
    last = round(total - sum(parts), digits)
    if last < 0:  # a tiny total: put it all in Q4
        return [0.0] * (len(share) - 1) + [round(total, digits)]
    return [*parts, last]


def _obs(indicator: str, scope: str, period: Period, value: float) -> Observation:
    return Observation(indicator, scope, period, value, Measure.LEVEL, source=SOURCE, note="模拟数据，非真实统计", origin="demo:assessment")


def _prefecture_rows(plan: Plan, rows: list[Observation]) -> list[Observation]:
    totals: dict[tuple[str, Period], float] = {}
    for o in rows:
        if o.indicator in ("tech_renovation_investment", "investment_projects"):
            totals[(o.indicator, o.period)] = totals.get((o.indicator, o.period), 0.0) + o.value
    return [
        _obs(ind, plan.meta.region, period, round(v, 2) if ind == "tech_renovation_investment" else v)
        for (ind, period), v in totals.items()
    ]


def _write_observations(path: Path, rows: list[Observation]) -> None:
    ordered = sorted(rows, key=lambda o: (o.indicator, o.scope, o.period.ordinal, -o.period.kind.months))
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(CANONICAL_COLUMNS))
        writer.writeheader()
        for o in ordered:
            writer.writerow(o.to_row())
