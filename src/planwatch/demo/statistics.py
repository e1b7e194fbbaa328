"""Synthetic prefecture statistics that enterprise records cannot give (GDP, investment, 5G, users …).

One yearly path per series, 2019–2025, invented to give the demo variety against the plan's targets:
some reached early (行政村5G覆盖率, 千兆宽带, 电信业务总量), some on track (招商引资总额, 省级以上创新平台,
新增上云企业), some lagging (工业投资, 5G基站, 电信业务收入, 上云标杆企业, 互联网普及率 against 湖南省).
A year not yet complete is written as its year-to-date (flows) or its level at that month (stocks and
shares). Every value has the source ``合成演示数据（synthetic demo data）``.

工业技改投入, 招商引资项目 and 两化融合指数 by county come from planwatch.demo.assessment (the ranking
demo's generator), so the two demos agree.
"""

from __future__ import annotations

from planwatch.demo.monthly import SEASON
from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan

YEARS = (2019, 2020, 2021, 2022, 2023, 2024, 2025)
COUNT_UNITS = ("家", "个", "户", "件")
NOTE = "合成演示数据，非真实统计"

# indicator → scope → values for YEARS (None: no value that year)
SERIES: dict[str, dict[str, tuple[float | None, ...]]] = {
    # 2020 GDP is what the plan's own numbers imply: 164.3 ÷ 22.7 % = 723.8
    "gdp": {"xiangxi": (695.0, 723.8, 772.0, 801.0, 826.0, 852.0, 880.0)},
    "industrial_investment": {"xiangxi": (77.7, 79.6, 88.3, 97.1, 92.5, 101.8, 110.0)},
    "investment_amount": {"xiangxi": (38.0, 45.2, 55.0, 62.4, 58.1, 64.0, 66.0)},
    "internet_penetration": {"xiangxi": (70.0, 74.0, 77.5, 80.6, 83.2, 85.1, 86.5),
                             "hunan": (76.0, 79.0, 82.0, 84.5, 86.4, 88.0, 89.2)},
    "village_5g_coverage": {"xiangxi": (None, 8.0, 22.0, 46.0, 67.0, 81.0, 88.0)},
    "base_stations_5g": {"xiangxi": (None, 0.14, 0.36, 0.63, 0.93, 1.19, 1.45)},
    "base_stations_5g_new": {"xiangxi": (None, 1094, 2200, 2700, 3000, 2600, 2600)},
    "cloud_enterprises_new": {"xiangxi": (1100, 1450, 1560, 1830, 2040, 2210, 2300)},
    "platform_enterprises_new": {"xiangxi": (30, 41, 48, 55, 61, 66, 70)},
    "cloud_platform_enterprises_new": {"xiangxi": (1130, 1491, 1608, 1885, 2101, 2276, 2370)},  # the two above
    "cloud_benchmark": {"xiangxi": (None, 2, 60, 110, 150, 175, 190)},
    "innovation_platforms": {"xiangxi": (30, 33, 36, 39, 42, 45, 47)},
    "telecom_volume": {"xiangxi": (19.0, 23.7, 28.9, 35.3, 42.6, 51.5, 60.2)},
    "telecom_revenue": {"xiangxi": (19.2, 20.1, 21.0, 21.9, 22.6, 23.5, 24.4)},
    "mobile_users": {"xiangxi": (280, 289, 298, 306, 314, 321, 327)},
    "users_5g": {"xiangxi": (None, 12, 48, 92, 135, 172, 201)},
    "broadband_users": {"xiangxi": (74.0, 78.5, 82.0, 86.1, 89.4, 92.3, 95.0)},
    "gigabit_penetration": {"xiangxi": (None, 0.5, 2.1, 5.8, 9.4, 12.6, 15.0)},
    "ict_investment": {"xiangxi": (6.5, 7.2, 8.6, 10.1, 9.0, 9.7, 10.0)},
    "village_fiber": {"xiangxi": (62, 70, 75, 80, 84, 87, 89)},
    "metro_bandwidth": {"xiangxi": (1200, 1600, 2200, 2900, 3500, 4100, 4600)},
    "mobile_switch_capacity": {"xiangxi": (480, 520, 580, 640, 690, 740, 780)},
    "demo_5g_scenarios": {"xiangxi": (None, 2, 6, 9, 12, 11, 10)},
    "iiot_5g_scenarios": {"xiangxi": (None, 0, 0, 1, 1, 2, 1)},
    "iiot_platforms": {"xiangxi": (0, 0, 0, 1, 2, 2, 3)},
    "smart_mfg_demos": {"xiangxi": (0, 0, 0, 1, 2, 3, 3)},
    "rd_intensity": {"xiangxi": (1.1, 1.25, 1.38, 1.49, 1.58, 1.66, 1.75)},
    "county_sci_parks": {
        "jishou": (0, 0, 1, 1, 1, 1, 1), "luxi": (0, 0, 0, 1, 1, 1, 1), "longshan": (0, 0, 0, 0, 1, 1, 1),
        "yongshun": (0, 0, 0, 0, 0, 1, 1), "fenghuang": (0, 0, 0, 0, 0, 0, 0), "baojing": (0, 0, 0, 0, 0, 0, 0),
        "guzhang": (0, 0, 0, 0, 0, 0, 1), "huayuan": (0, 0, 0, 0, 0, 0, 0)},
    "listed_companies": {"xiangxi": (1, 1, 1, 2, 2, 2, 2)},
    "listed_or_quoted_new": {"xiangxi": (None, 0, 0, 1, 1, 1, 0)},
    "leaders_introduced": {"xiangxi": (None, 0, 0, 1, 0, 0, 0)},
    "new_energy_leaders": {"xiangxi": (1, 1, 1, 2, 2, 2, 3)},
    "new_energy_top500_introduced": {"xiangxi": (None, 0, 1, 2, 2, 1, 1)},
    "tcm_backbone_enterprises": {"xiangxi": (1, 1, 2, 2, 3, 3, 4)},
    "prefab_share": {"xiangxi": (None, 0.8, 1.6, 2.5, 3.3, 4.1, 4.8)},
    "prefab_comprehensive_parks": {"xiangxi": (0, 0, 0, 1, 1, 1, 2)},
    "prefab_special_parks": {"xiangxi": (0, 0, 1, 2, 3, 3, 4)},
    "prefab_bases": {"xiangxi": (0, 1, 2, 4, 5, 6, 8)},
    "prefab_green_standard": {"xiangxi": (None, 50, 60, 70, 78, 85, 90)},
    "industrial_loans": {"xiangxi": (60.4, 69.6, 79.4, 89.2, 100.6, 112.2, 125.5)},
    "industrial_loan_growth": {"xiangxi": (14.8, 15.2, 14.1, 12.3, 12.8, 11.5, 11.9)},
    "postdoc_stations": {"xiangxi": (0, 0, 0, 0, 1, 1, 1)},
    "village_leaders": {"xiangxi": (None, 1.0, 1.2, 1.6, 1.9, 2.2, 2.4)},
    # chains that are not (only) industry: their output is not in the enterprise records
    "chain_output": {"culture_tourism": (420, 400, 470, 430, 600, 690, 760),
                     "logistics": (350, 380, 430, 470, 520, 570, 620),
                     "digital": (100, 120, 150, 185, 225, 270, 320)},
}

# Indicators whose stock values are counted at the end of the year but move smoothly within it.
_SMOOTH = ("internet_penetration", "village_5g_coverage", "base_stations_5g", "mobile_users", "users_5g",
           "broadband_users", "gigabit_penetration", "village_fiber", "metro_bandwidth", "mobile_switch_capacity",
           "rd_intensity", "prefab_share", "prefab_green_standard", "industrial_loans", "industrial_loan_growth",
           "village_leaders")


def statistics(plan: Plan, through: Period, source: str) -> list[Observation]:
    """Every series up to ``through`` (a month): complete years, then the year so far."""
    out: list[Observation] = []
    for indicator, by_scope in SERIES.items():
        flow = plan.indicators[indicator].temporal == "flow"
        for scope, values in by_scope.items():
            for year, value in zip(YEARS, values, strict=True):
                if value is None or year > through.year:
                    continue
                if year < through.year or through.end_month == 12:
                    out.append(_obs(indicator, scope, Period.year_of(year), float(value), Measure.LEVEL, source))
                    continue
                month = Period.month_of(year, through.end_month)
                if flow:
                    share = float(SEASON[: through.end_month].sum() / SEASON.sum())
                    ytd = float(value) * share
                    if plan.indicators[indicator].unit in COUNT_UNITS:
                        ytd = float(round(ytd))  # a count so far this year is a whole number
                    out.append(_obs(indicator, scope, month, ytd, Measure.YTD, source))
                else:
                    previous = values[YEARS.index(year) - 1] if year > YEARS[0] else None
                    level = float(value)
                    if previous is not None and indicator in _SMOOTH:
                        level = float(previous) + (float(value) - float(previous)) * through.end_month / 12
                    elif previous is not None:
                        level = float(previous)  # counts change at year end
                    out.append(_obs(indicator, scope, month, level, Measure.LEVEL, source))
    return out


def _obs(indicator: str, scope: str, period: Period, value: float, measure: Measure, source: str) -> Observation:
    return Observation(indicator, scope, period, round(value, 4), measure, source=source, note=NOTE,
                       origin="demo:statistics")
