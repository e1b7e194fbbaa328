"""How the synthetic enterprises move from 2019 to 2025: growth, closures, new plants, one shutdown.

The story the numbers tell (all invented, none of it real):

- industries grow at their own pace: new energy and electronics fast, liquor booms in 2021–2022 and
  cools after, building materials stall in 2023; parks grow faster than the rest (泸溪高新区 most);
- new plants open every year from 2021, most of them in parks (湘西高新区 and 泸溪 get the most),
  and small firms that grow fast pass 2000万元 of revenue (小升规); some close, some shrink out;
- 花垣 suspends most manganese and zinc mining from July 2022 for environmental rectification
  (矿山整治): output of those mines falls to about a third and two in five close for good at the end
  of 2022, so 花垣 and its park go backwards;
- energy use per unit of value added falls 1.5–2 % a year, except in 2023 when new plants push it up;
- R&D and new-product sales grow faster than revenue; firms go on the cloud a little more each year.
"""

from __future__ import annotations

import numpy as np

from planwatch.demo.universe import CHAIN_MIX, Enterprise

FIRST_YEAR = 2019
LAST_YEAR = 2025

# Real growth of output on the previous year, %, for 2020 … 2025 (2020's is used to go back to 2019).
BASE_GROWTH: dict[str, tuple[float, ...]] = {
    "liquor": (3, 12, 10, 3, -4, 1),
    "new_materials": (2, 9, 6, 4, 6, 5),
    "green_food": (4, 7, 6, 6, 6, 6),
    "new_energy": (8, 16, 18, 15, 13, 12),
    "electronics": (6, 13, 10, 9, 10, 9),
    "biomed": (4, 10, 8, 9, 8, 8),
    "building": (2, 6, 3, -4, 0, 2),
    "": (1, 3, 1, 1, 1, 1),
    "tobacco": (1, 3, 2, 4, 4, 3),
}
# Extra growth of enterprises above designated size in each park from 2021, points; outside parks less.
PARK_BOOST = {"luxi_hitech": 8, "jishou_edz": 6, "fenghuang_park": 4, "guzhang_park": 3, "longshan_park": 3,
              "xiangxi_hitech": 3, "baojing_park": 2, "yongshun_edz": 2, "huayuan_park": 1}
OUTSIDE_PARKS = -1.0
SIGMA = {"giant": 1.5, "big": 5.0, "mid": 6.0, "riser": 6.0, "small": 10.0, "new_large": 6.0, "new_small": 10.0}
# New plants a year from 2021 (large, small). None in 2019–2020: 2020's totals are the plan's.
NEW_PLANTS = {"xiangxi_hitech": (8, 4), "luxi": (7, 4), "jishou": (3, 8), "fenghuang": (2, 6), "baojing": (2, 6),
              "guzhang": (1, 5), "huayuan": (0, 4), "longshan": (2, 8), "yongshun": (2, 6)}
SHUTDOWN_COUNTY = "huayuan"
SHUTDOWN_CHAINS = ("nm_manganese", "nm_zinc")
SHUTDOWN_FROM = 2022 * 12 + 6  # July 2022
SHUTDOWN_LEVEL = {2022: 0.35, 2023: 0.4, 2024: 0.5, 2025: 0.55}
# Energy use per unit of value added: fall on the previous year.
ENERGY_SAVING = {2020: 0.01, 2021: 0.02, 2022: 0.015, 2023: -0.02, 2024: 0.015, 2025: 0.02}
RD_GROWTH = 1.04  # R&D spending per unit of revenue, a year
NPS_GROWTH = 1.11  # new-product sales per unit of revenue, a year


def shutdown_factor(e: Enterprise, ym: int) -> float:
    if e.county == SHUTDOWN_COUNTY and e.chain in SHUTDOWN_CHAINS and ym >= SHUTDOWN_FROM:
        return SHUTDOWN_LEVEL.get(ym // 12, 0.55)
    return 1.0


def _growth(e: Enterprise, rng: np.random.Generator, grower: bool) -> dict[int, float]:
    base = BASE_GROWTH[e.kind]
    small = e.role in ("small", "new_small", "riser")
    boost = 0.0 if small else PARK_BOOST.get(e.park or "", OUTSIDE_PARKS)
    out = {}
    for i, year in enumerate(range(2020, LAST_YEAR + 1)):
        g = base[i] + (boost if year >= 2021 else 0.0) + float(rng.normal(0.0, SIGMA[e.role]))
        if not e.manufacturing and year >= 2021:
            g -= 6.0  # power stations and mines grow slower than factories
        if grower:
            g += 15.0
        out[year] = max(g, -45.0) / 100.0
    return out


def evolve(enterprises: list[Enterprise], rng: np.random.Generator, small_share: float = 1.0) -> list[Enterprise]:
    """Give every enterprise its growth path and end; add the new plants of 2019–2025. Returns all."""
    for e in enterprises:
        grower = e.role == "small" and e.size > 0.08 and rng.random() < 0.12
        e.growth = _growth(e, rng, grower)
        _closure(e, rng)
        _cloud(e, rng)
    donors = list(enterprises)
    for year in range(2021, LAST_YEAR + 1):
        for county, (large, small) in NEW_PLANTS.items():
            for role, n in (("new_large", large), ("new_small", round(small * small_share))):
                for _ in range(n):
                    enterprises.append(_new_plant(len(enterprises), county, role, year, rng, donors))
    # one large battery-materials plant in 湘西高新区 (2022) that grows past 10亿元 by 2024
    big = _new_plant(len(enterprises), "xiangxi_hitech", "new_large", 2022, rng, donors, chain="new_energy")
    big.size, big.start_month, big.hitech, big.sei = 6.0, 3, True, True
    big.growth = dict.fromkeys(range(2020, LAST_YEAR + 1), 0.38)
    enterprises.append(big)
    _shutdown_closures(enterprises, rng)
    return enterprises


def _closure(e: Enterprise, rng: np.random.Generator) -> None:
    if e.role == "giant":
        return
    hazard = 0.04 if e.role in ("small", "new_small") else 0.012
    for year in range(max(2021, e.start_year + 1), LAST_YEAR + 1):  # 2020 stays as 表3 counts it
        if rng.random() < hazard:
            e.end = year * 12 + int(rng.integers(0, 12))
            return


def _cloud(e: Enterprise, rng: np.random.Generator) -> None:
    if rng.random() < 0.25:
        e.cloud_from = FIRST_YEAR * 12  # already on the cloud when the data start
    else:
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            if rng.random() < (0.08 if year < 2021 else 0.14):
                e.cloud_from = year * 12 + int(rng.integers(0, 12))
                break
    if rng.random() < 0.03:
        e.platform_from = FIRST_YEAR * 12
    elif rng.random() < 0.1:
        e.platform_from = int(rng.integers(2020, LAST_YEAR + 1)) * 12 + int(rng.integers(0, 12))


def _new_plant(index: int, county: str, role: str, year: int, rng: np.random.Generator,
               donors: list[Enterprise], chain: str | None = None) -> Enterprise:
    mix = dict(CHAIN_MIX[county])
    if county in ("xiangxi_hitech", "luxi") and role == "new_large":
        mix["new_energy"] = mix.get("new_energy", 0) + 2
        mix["electronics"] = mix.get("electronics", 0) + 1
    in_park = rng.random() < (0.85 if role == "new_large" else 0.4) or county == "xiangxi_hitech"
    park = {"xiangxi_hitech": "xiangxi_hitech", "jishou": "jishou_edz", "luxi": "luxi_hitech",
            "fenghuang": "fenghuang_park", "baojing": "baojing_park", "guzhang": "guzhang_park",
            "huayuan": "huayuan_park", "longshan": "longshan_park", "yongshun": "yongshun_edz"}[county]
    if chain is None:
        chain = _weighted(rng, mix if role == "new_large" else CHAIN_MIX[county])
    if role == "new_large":
        size = float(np.clip(rng.lognormal(np.log(0.45), 0.6), 0.26, 3.0))
    else:
        size = float(rng.uniform(0.03, 0.15))
    e = Enterprise(index, county, park if in_park else None, chain, role, size,
                   start_year=year, start_month=int(rng.integers(1, 13)))
    donor = _donor(e, donors, rng)
    for attr in ("va_rate", "revenue_ratio", "tax_rate", "rd_rate", "energy_per_va", "nps_share",
                 "profit_margin"):
        setattr(e, attr, getattr(donor, attr))
    # new plants are mostly manufacturing (battery materials, electronics, food), a few power stations
    e.manufacturing = not (e.industry == "new_energy" and rng.random() < 0.3)
    e.mining = e.industry == "new_materials" and rng.random() < 0.5
    e.private = rng.random() < 0.9
    e.hitech = e.industry in ("electronics", "new_energy", "biomed") and rng.random() < 0.5
    e.sei = e.industry in ("new_materials", "new_energy", "electronics", "biomed") and rng.random() < 0.6
    e.growth = _growth(e, rng, grower=False)
    # a new plant ramps up: fast growth in its first full years
    for y in range(year + 1, min(year + 3, LAST_YEAR) + 1):
        e.growth[y] += 0.12
    if role == "new_small":
        _closure(e, rng)
    if rng.random() < 0.35:
        e.cloud_from = year * 12 + e.start_month - 1
    return e


def _weighted(rng: np.random.Generator, mix: dict[str, float]) -> str | None:
    names = list(mix)
    p = np.array([mix[n] for n in names], dtype=float)
    chosen = names[int(rng.choice(len(names), p=p / p.sum()))]
    return chosen or None


def _donor(e: Enterprise, donors: list[Enterprise], rng: np.random.Generator) -> Enterprise:
    large = e.role == "new_large"
    same = [d for d in donors if d.kind == e.kind and d.scale_2020 == large and not d.tobacco] or \
        [d for d in donors if d.scale_2020 == large and not d.tobacco]
    return same[int(rng.integers(len(same)))]


def _shutdown_closures(enterprises: list[Enterprise], rng: np.random.Generator) -> None:
    for e in enterprises:
        if e.county == SHUTDOWN_COUNTY and e.chain in SHUTDOWN_CHAINS and e.start_year <= 2022 \
                and (e.end is None or e.end > 2022 * 12 + 11) and rng.random() < 0.4:
            e.end = 2022 * 12 + 11


def real_output(e: Enterprise, year: int) -> float:
    """Annual output at 2020 prices in ``year`` (亿元, for a whole year of production)."""
    anchor = e.start_year if e.role.startswith("new") else 2020
    value = e.size
    for y in range(anchor + 1, year + 1):
        value *= 1 + e.growth[y]
    for y in range(year + 1, anchor + 1):
        value /= 1 + e.growth[y]
    return value
