"""A synthetic enterprise register and project list matching the demo microdata (docs/enterprises.md).

register.csv — one row per demo enterprise, the same 统一社会信用代码 as microdata.parquet:
  county, park and chain as in the microdata; 入规/退规 recorded in January of a year when the
  previous year's revenue in the microdata reached (or fell below) 2000万元 (the enterprises of
  表3's 2020 count entered in 2019-01); revenue and output by year (万元) summed from the months;
  高新技术 as in the microdata; 小巨人/专精特新 for a few mid-sized firms with high R&D; the largest
  firm of each chain its 链主; the two largest on 新三板; pools: 小升规 for below-scale firms
  above 1000万元, 龙头企业 tiers by output; 产业链环节: each chain firm at one node of its chain in
  the plan's chain file (sometimes two), the large ones at a 中游 node, never at a node the chain
  file marks missing (缺失), so those stay empty as the 补链 gaps.
projects.csv — synthetic 招商 projects in every county, at every stage, with 增资 and 重复签约 events.

Nothing is real: names say 演示企业 / 演示项目.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from planwatch.chains.load import Chains, load_chains
from planwatch.chains.schema import NodeStatus, Stage
from planwatch.demo import monthly
from planwatch.demo.universe import Enterprise
from planwatch.plan.load import Plan

THRESHOLD = 2000.0  # 万元
REGISTER_FILE = "register.csv"
PROJECTS_FILE = "projects.csv"
TIERS = ((1_000_000, "过百亿"), (500_000, "50亿"), (100_000, "10亿"), (10_000, "过亿"))


def yearly(columns: dict[str, list[Any]]) -> dict[str, dict[int, tuple[int, float, float, float]]]:
    """code → year → (months, revenue, output, R&D) from the microdata columns (万元)."""
    acc: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0, 0.0, 0.0, 0.0]))
    for code, month, revenue, output, rd in zip(columns["统一社会信用代码"], columns["月份"], columns["营业收入"],
                                                columns["工业总产值"], columns["研发费用"], strict=True):
        year = int(str(month)[:4])
        a = acc[str(code)][year]
        a[0] += 1
        a[1] += float(revenue or 0)
        a[2] += float(output or 0)
        a[3] += float(rd or 0)
    return {c: {y: (int(v[0]), v[1], v[2], v[3]) for y, v in ys.items()} for c, ys in acc.items()}


def _events(e: Enterprise, years: dict[int, tuple[int, float, float, float]]) -> tuple[list[str], list[str]]:
    enter, leave = [], []
    state = e.scale_2020
    if state:
        enter.append("2019-01")
    last = max(years) if years else 2020
    for y in range(2021, last + 2):  # recorded in January after a whole year, so up to the year after the data
        prev = years.get(y - 1)
        if prev is None or prev[0] < 12:
            continue
        now = prev[1] >= THRESHOLD
        if now and not state:
            enter.append(f"{y}-01")
        elif state and not now:
            leave.append(f"{y}-01")
        state = now
    return enter, leave


def chain_nodes(plan: Plan, chains: Chains | None, e: Enterprise, rng: np.random.Generator) -> list[str]:
    """The nodes (``chain:node``) a synthetic enterprise works at (see the module's docstring)."""
    if chains is None or not e.chain:
        return []
    chain_id = e.chain if e.chain in chains.by_id else plan.scopes[e.chain].parent
    chain = chains.by_id.get(chain_id or "")
    if chain is None:
        return []
    open_nodes = [n for n in chain.nodes if n.status is not NodeStatus.MISSING]
    if not open_nodes:
        return []
    big = e.role in ("giant", "big", "new_large")
    mid = [n for n in open_nodes if n.stage is Stage.MIDSTREAM]
    first = (mid if big and mid else open_nodes)[int(rng.integers(len(mid if big and mid else open_nodes)))]
    picked = [first]
    others = [n for n in open_nodes if n.id != first.id]
    if others and rng.random() < 0.15:
        picked.append(others[int(rng.integers(len(others)))])
    return sorted(f"{chain.id}:{n.id}" for n in picked)


def write_register(plan: Plan, enterprises: list[Enterprise], columns: dict[str, list[Any]], folder: Path,
                   seed: int) -> tuple[Path, Path]:
    rng = np.random.default_rng([seed, 7])
    node_rng = np.random.default_rng([seed, 11])  # its own stream: the other columns stay as they were
    chains = load_chains(plan) if plan.meta.chain_file else None
    figures = yearly(columns)
    full_years = sorted({y for ys in figures.values() for y, v in ys.items() if v[0] == 12})
    last_full = full_years[-1] if full_years else 2020
    leaders: dict[str, tuple[float, str]] = {}
    for e in enterprises:
        code = monthly.enterprise_id(e)
        out = figures.get(code, {}).get(last_full, (0, 0.0, 0.0, 0.0))[2]
        if e.chain and out > leaders.get(e.chain, (0.0, ""))[0]:
            leaders[e.chain] = (out, code)
    chain_leaders = {code for _, code in leaders.values()}
    biggest = sorted(enterprises, key=lambda e: -figures.get(monthly.enterprise_id(e), {}).get(last_full,
                                                                                           (0, 0.0, 0.0, 0.0))[2])
    listed = {monthly.enterprise_id(e) for e in biggest[:2]}
    header = ["统一社会信用代码", "企业名称", "县市区", "园区", "产业链", "产业链环节", "行业代码", "入规年月", "退规年月", "高新技术企业",
              "专精特新", "小巨人", "链主", "上市挂牌", "培育库",
              *[f"{y}年营业收入" for y in full_years], *[f"{y}年工业总产值" for y in full_years]]
    reg = folder / REGISTER_FILE
    with reg.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for e in enterprises:
            code = monthly.enterprise_id(e)
            years = figures.get(code)
            if not years:
                continue
            enter, leave = _events(e, years)
            last = years.get(last_full, (0, 0.0, 0.0, 0.0))
            rd_share = last[3] / last[1] * 100 if last[1] else 0.0
            special = e.role == "mid" and rd_share >= 3 and rng.random() < 0.5
            giant = special and last[1] >= 10_000 and rng.random() < 0.4
            pools = []
            scale_now = len(enter) > len(leave)
            if not scale_now and last[1] >= 1000 and rng.random() < 0.6:
                pools.append("小升规培育库")
            tier = next((name for low, name in TIERS if last[2] >= low), None)
            if tier and rng.random() < 0.8:  # a few leaders not yet recorded: the screening proposes them
                pools.append(f"龙头企业（{tier}）")
            section = "B" if e.mining else ("C" if e.manufacturing else "D")
            w.writerow([
                code, monthly.enterprise_name(e, plan), plan.scopes[e.county].name,
                plan.scopes[e.park].name if e.park else "", plan.scopes[e.chain].name if e.chain else "",
                "；".join(chain_nodes(plan, chains, e, node_rng)), section,
                "；".join(enter), "；".join(leave), "是" if e.hitech else "否", "是" if special else "否",
                "是" if giant else "否", "是" if code in chain_leaders else "否",
                "新三板" if code in listed else "", "；".join(pools),
                *[_round(years.get(y, (0, 0.0))[1]) for y in full_years],
                *[_round(years.get(y, (0, 0.0, 0.0))[2]) for y in full_years],
            ])
    return reg, write_projects(plan, folder, rng, last_full)


def _round(v: float) -> str:
    return f"{v:.1f}"


def write_projects(plan: Plan, folder: Path, rng: np.random.Generator, last_year: int) -> Path:
    """About five projects per county-level unit: signed in the plan's years, at every stage."""
    chains = [s.id for s in plan.scopes.values() if s.kind.value == "industry"]
    origins = ["省外境内", "省外境内", "省外境内", "境外", "省内", "本地"]
    rows = []
    n = 0
    for county in plan.county_level():
        parks = [p.id for p in plan.parks() if p.parent == county.id or p.id == county.id]
        for _ in range(5):
            n += 1
            first, final = sorted((plan.meta.start_year, last_year))
            year = int(rng.integers(first, final + 1))
            signed = f"{year}-{int(rng.integers(1, 13)):02d}-15"
            talks = f"{year - 1}-{int(rng.integers(1, 13)):02d}-01"
            stage = str(rng.choice(["洽谈", "签约", "签约", "开工", "投产"]))
            started = f"{year}-12-20" if stage in ("开工", "投产") else ""
            producing = f"{year + 1}-12-20" if stage == "投产" else ""
            amount = float(np.round(rng.lognormal(10, 0.8), -2))  # 万元, median ≈ 2.2亿
            rows.append([f"XM{n:04d}", f"{county.name}演示项目{n:03d}", f"演示投资方{n:03d}", str(rng.choice(origins)),
                         "中国500强" if rng.random() < 0.1 else "", county.name,
                         plan.scopes[parks[0]].name if parks and rng.random() < 0.7 else "",
                         plan.scopes[str(rng.choice(chains))].name, "招商服务中心", "演示责任人", stage, talks,
                         signed if stage != "洽谈" else "", started, producing, "",
                         f"{amount:.0f}" if stage != "洽谈" else "", f"{amount * 1.2:.0f}", "新建", "", ""])
    # events on earlier projects: a capital increase and a repeated signing (counted as the rules say)
    base = rows[1]
    if base[10] != "洽谈":
        n += 1
        rows.append([f"XM{n:04d}", base[1] + "（增资）", base[2], base[3], "", base[5], base[6], base[7],
                     base[8], base[9], "签约", "", f"{last_year}-06-30", "", "", "", f"{float(base[16]) * 1.5:.0f}",
                     "", "增资", base[0], base[16]])
        n += 1
        rows.append([f"XM{n:04d}", base[1] + "（再次签约）", base[2], base[3], "", base[5], base[6], base[7],
                     base[8], base[9], "签约", "", f"{last_year}-09-30", "", "", "", base[16], "", "重复签约",
                     base[0], ""])
    path = folder / PROJECTS_FILE
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["项目编号", "项目名称", "投资方", "投资方来源", "三类500强", "县市区", "园区", "产业链", "责任单位", "责任人",
                    "阶段", "洽谈日期", "签约日期", "开工日期", "投产日期", "中止日期", "签约额", "计划投资", "项目性质",
                    "原项目编号", "原签约额"])
        w.writerows(rows)
    return path
