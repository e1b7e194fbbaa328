"""Monthly records of the synthetic enterprises, in the columns `planwatch aggregate` reads.

Each year's output is spread over the months with a seasonal pattern (Q1 weak — the Spring
Festival in February —, December strong; February–March 2020 also hit by the epidemic) and a little
noise; a whole year keeps its exact total. Prices move with a fixed-base index per industry group
(2020 = 100), so current-price values differ from comparable-price ones.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from planwatch.demo.dynamics import (
    ENERGY_SAVING,
    FIRST_YEAR,
    NPS_GROWTH,
    RD_GROWTH,
    real_output,
    shutdown_factor,
)
from planwatch.demo.universe import Enterprise
from planwatch.enterprises import uscc
from planwatch.plan.load import Plan

SEASON = np.array([0.62, 0.55, 0.88, 0.95, 1.0, 1.08, 0.98, 1.0, 1.07, 1.02, 1.1, 1.25])
SEASON = SEASON / SEASON.mean()
EPIDEMIC_2020 = {2: 0.45, 3: 0.8}  # February and March 2020

PRICE_GROUP = {"new_materials": "materials", "building": "materials", "new_energy": "energy",
               "liquor": "consumer", "green_food": "consumer", "tobacco": "consumer", "biomed": "consumer",
               "electronics": "electronics", "": "other"}
DEFLATOR: dict[str, dict[int, float]] = {  # fixed base, 2020 = 100
    "materials": {2019: 98.8, 2020: 100, 2021: 106, 2022: 110, 2023: 105, 2024: 103.5, 2025: 103},
    "energy": {2019: 99.5, 2020: 100, 2021: 103, 2022: 107, 2023: 106, 2024: 104.5, 2025: 104},
    "consumer": {2019: 98.5, 2020: 100, 2021: 101.2, 2022: 103, 2023: 103.5, 2024: 103.2, 2025: 103.4},
    "electronics": {2019: 101, 2020: 100, 2021: 99.5, 2022: 99, 2023: 98.2, 2024: 97.6, 2025: 97.2},
    "other": {2019: 99, 2020: 100, 2021: 102.5, 2022: 104.5, 2023: 104, 2024: 103.8, 2025: 104},
}
PROFIT_CYCLE = {2019: 1.05, 2020: 1.0, 2021: 1.15, 2022: 0.9, 2023: 1.0, 2024: 1.05, 2025: 1.1}

HEADERS = ("统一社会信用代码", "企业名称", "县市区", "园区", "产业链", "月份", "工业总产值", "工业增加值", "营业收入",
           "税收", "研发费用", "综合能源消费量", "新产品销售收入", "利润总额", "可比价缩减指数",
           "高新技术", "战略性新兴", "制造业", "矿产业", "民营", "烟草", "上云", "上平台")
FLAG_HEADERS = HEADERS[15:]


def enterprise_id(e: Enterprise) -> str:
    """A valid 统一社会信用代码 (GB 32100-2015 check characters) whose 组织机构代码 starts with DM (demo):
    registered by the prefecture (433100), so the register's area check accepts it in any county."""
    return uscc.complete(f"91433100{org_body(e)}{uscc.org_check_character(org_body(e))}")


def org_body(e: Enterprise) -> str:
    return f"DM{e.index:06d}"


def enterprise_name(e: Enterprise, plan: Plan) -> str:
    county = plan.scopes[e.county].name
    trade = "卷烟" if e.tobacco else (plan.scopes[e.chain].name if e.chain else "工业")
    return f"{county}{trade}演示企业{e.index:04d}"


def _weights(year: int) -> np.ndarray:
    w = SEASON.copy()
    if year == 2020:
        for month, factor in EPIDEMIC_2020.items():
            w[month - 1] *= factor
        w = w / w.mean()
    return w


def energy_factor(year: int) -> float:
    factor = 1.0
    for y in range(2021, year + 1):
        factor *= 1 - ENERGY_SAVING[y]
    if year < 2020:
        factor /= 1 - ENERGY_SAVING[2020]
    return factor


def records(enterprises: list[Enterprise], plan: Plan, through_ym: int,
            rng: np.random.Generator) -> dict[str, list[Any]]:
    """Columns (HEADERS) of every enterprise-month from 2019-01 to ``through_ym``; money in 万元."""
    cols: dict[str, list[Any]] = {h: [] for h in HEADERS}
    first_data = FIRST_YEAR * 12
    for e in enterprises:
        start = max(e.start_year * 12 + e.start_month - 1, first_data)
        end = through_ym if e.end is None else min(e.end, through_ym)
        if end < start:
            continue
        static = (enterprise_id(e), enterprise_name(e, plan), plan.scopes[e.county].name,
                  plan.scopes[e.park].name if e.park else "", plan.scopes[e.chain].name if e.chain else "")
        for year in range(start // 12, end // 12 + 1):
            months = [m for m in range(12) if start <= year * 12 + m <= end]
            _year(cols, e, year, months, static, rng)
    return cols


def _year(cols: dict[str, list[Any]], e: Enterprise, year: int, months: list[int],
          static: tuple[str, str, str, str, str], rng: np.random.Generator) -> None:
    shares = _weights(year) * (1 + rng.normal(0.0, 0.04, 12))
    if len(months) == 12:
        shares = shares / shares.sum() * 12  # a whole year keeps its exact total
    revenue_noise = 1 + rng.normal(0.0, 0.01, 12)
    ms = np.array(months)
    annual = real_output(e, year) * 1e4  # 万元 at 2020 prices
    price = DEFLATOR[PRICE_GROUP[e.kind]][year]
    years_on = year - 2020
    cut = np.array([shutdown_factor(e, year * 12 + m) for m in months])
    real = annual * shares[ms] / 12 * cut
    output = real * price / 100
    revenue = output * e.revenue_ratio * revenue_noise[ms] * (_revenue_fix_2019(e) if year == 2019 else 1.0)
    n = len(months)
    flags = (e.hitech, e.sei, e.manufacturing, e.mining, e.private, e.tobacco)
    columns: list[Any] = [
        *[[v] * n for v in static],
        [f"{year}-{m + 1:02d}" for m in months],
        np.round(output, 1).tolist(),
        np.round(output * e.va_rate, 1).tolist(),
        np.round(revenue, 1).tolist(),
        np.round(output * e.tax_rate, 1).tolist(),
        np.round(revenue * e.rd_rate * RD_GROWTH ** years_on, 2).tolist(),
        np.round(real * e.va_rate * e.energy_per_va * energy_factor(year), 1).tolist(),
        np.round(revenue * min(e.nps_share * NPS_GROWTH ** years_on, 0.8), 1).tolist(),
        np.round(revenue * e.profit_margin * PROFIT_CYCLE[year], 1).tolist(),
        [price] * n,
        *[[v] * n for v in flags],
        [e.cloud_from is not None and year * 12 + m >= e.cloud_from for m in months],
        [e.platform_from is not None and year * 12 + m >= e.platform_from for m in months],
    ]
    for h, values in zip(HEADERS, columns, strict=True):
        cols[h].extend(values)


def _revenue_fix_2019(e: Enterprise) -> float:
    """2019 revenue decides 2020's scale set, which must be 表3's: keep each side of 2000万元 clearly."""
    annual = real_output(e, 2019) * 1e4 * DEFLATOR[PRICE_GROUP[e.kind]][2019] / 100 * e.revenue_ratio
    if e.role.startswith("new") or annual <= 0:
        return 1.0
    if e.scale_2020 and annual < 2150:
        return 2150 / annual
    if not e.scale_2020 and annual > 1900:
        return 1900 / annual
    return 1.0
