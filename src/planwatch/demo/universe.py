"""The synthetic enterprises of 湘西州 in 2020, sized so that their totals are the plan's 2020 figures.

Nothing here is real: names say 演示企业 and ids carry DM (demo) as their organisation code's first letters. What is calibrated, and to what:

- the 264 enterprises above designated size of 表3, county by county (exactly);
- the 2020 gross output of each of the nine parks of 表2 (exactly) and of the prefecture, 547.7亿元
  (一（一）1), by splitting each total among its enterprises within size classes;
- 51 enterprises with output over 1亿元 and 3 over 10亿元 (一（一）2（3）), by the size classes;
- value added 164.3 (all industry) and 122 (above designated size, 51.2 % of it in parks), R&D 2.25 % of the scale set's
  revenue, 工业税收 12.6 without tobacco and 51.0 with it, the manufacturing share of scale value added
  81.1 %, 高新技术 value added 48.7 and 124 high-tech enterprises, 战略性新兴 output 16.3 %, new-product
  sales 17 % of scale revenue, private value added 78.7 %, scale profit 9.9 (一（一）, 表1).

``build_universe`` returns the enterprises; planwatch.demo.dynamics moves them through the years.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planwatch.plan.load import Plan

# Size classes (2020 gross output, 亿元): lower and upper bounds, and the relative weight with which a
# class takes its share of what is left of a total after every enterprise has its lower bound.
CLASSES: dict[str, tuple[float, float, float]] = {
    "big": (1.15, 8.0, 5.0),  # 过亿元, under 10亿
    "mid": (0.24, 0.92, 0.35),  # above designated size, under 1亿 (营业收入 ≥ 2000万元)
    "riser": (0.22, 0.32, 0.15),  # below designated size in 2020 (2019 revenue < 2000万元), above it in 2021
    "small": (0.02, 0.12, 0.12),  # below designated size (well below: growth alone should not lift many)
}
SPREAD = {"big": 1.0, "mid": 0.6, "riser": 0.3, "small": 0.6}  # σ of the lognormal weights within a class
# Small firms passing 2000万元 of revenue in 2020, so that 2021 has new entries too (小升规).
RISERS = {"xiangxi_hitech": 4, "jishou": 3, "luxi": 3, "fenghuang": 2, "baojing": 2, "guzhang": 2,
          "huayuan": 1, "longshan": 3, "yongshun": 2}

# Three enterprises over 10亿元 in 2020 (一（一）2（3）: 产值破10亿元的企业3家).
GIANTS: tuple[tuple[str, str | None, str | None, float, str], ...] = (
    # county, park, chain, 2020 output 亿元, role
    ("jishou", None, None, 45.0, "tobacco"),
    ("jishou", None, "liquor", 15.5, "liquor"),
    ("xiangxi_hitech", "xiangxi_hitech", "new_materials", 10.6, "materials"),
)

# Per county-level unit: (big, mid, small) inside its park and (big, small) outside; the scale
# enterprises outside the park are what is left of 表3's count.
COMPOSITION: dict[str, tuple[tuple[int, int, int], tuple[int, int]]] = {
    "xiangxi_hitech": ((11, 38, 160), (0, 0)),
    "jishou": ((2, 7, 45), (3, 230)),
    "luxi": ((8, 9, 75), (1, 135)),
    "fenghuang": ((0, 5, 27), (0, 180)),
    "baojing": ((4, 12, 60), (1, 165)),
    "guzhang": ((2, 8, 38), (0, 135)),
    "huayuan": ((6, 8, 68), (1, 120)),
    "longshan": ((2, 14, 45), (1, 210)),
    "yongshun": ((5, 10, 60), (1, 150)),
}

# Which chain an enterprise of a unit belongs to (weights; "" = none of the ten chains).
CHAIN_MIX: dict[str, dict[str, float]] = {
    "xiangxi_hitech": {"electronics": 4, "new_materials": 2, "nm_aluminium": 1, "biomed": 2, "new_energy": 2, "": 1},
    "jishou": {"liquor": 3, "green_food": 2, "building": 2, "electronics": 1, "": 3},
    "luxi": {"nm_aluminium": 3, "nm_vanadium": 2, "new_materials": 1, "biomed": 1, "building": 2, "": 1},
    "fenghuang": {"green_food": 3, "building": 2, "liquor": 1, "": 3},
    "baojing": {"liquor": 2, "green_food": 2, "tea": 2, "nm_manganese": 2, "new_energy": 1, "": 2},
    "guzhang": {"tea": 3, "liquor": 1, "green_food": 1, "nm_vanadium": 1, "": 2},
    "huayuan": {"nm_manganese": 4, "nm_zinc": 4, "green_food": 1, "building": 1, "": 1},
    "longshan": {"green_food": 3, "biomed": 2, "building": 2, "new_energy": 1, "": 3},
    "yongshun": {"green_food": 2, "tea": 1, "biomed": 2, "building": 2, "new_energy": 1, "": 2},
}

INDUSTRY_OF = {"nm_aluminium": "new_materials", "nm_manganese": "new_materials", "nm_zinc": "new_materials",
               "nm_vanadium": "new_materials", "tea": "green_food"}

# Value-added rate, energy use (吨标准煤 per 万元 of value added) and tax (share of output) by chain.
VA_RATE = {"liquor": 0.45, "new_materials": 0.22, "green_food": 0.26, "new_energy": 0.42, "electronics": 0.2,
           "biomed": 0.33, "building": 0.26, "": 0.28, "tobacco": 0.62}
ENERGY = {"liquor": 0.35, "new_materials": 3.2, "green_food": 0.4, "new_energy": 0.25, "electronics": 0.18,
          "biomed": 0.3, "building": 2.6, "": 0.8, "tobacco": 0.12}
TAX = {"liquor": 0.05, "new_materials": 0.02, "green_food": 0.02, "new_energy": 0.03, "electronics": 0.02,
       "biomed": 0.03, "building": 0.02, "": 0.02, "tobacco": 0.85}

TARGETS_2020 = {
    "industrial_output": 547.7, "industrial_va": 164.3, "scale_industrial_va": 122.0,
    "rd_intensity_scale": 2.25, "industrial_tax": 12.6, "industrial_tax_all": 51.0, "park_va_share": 51.2,
    "scale_manufacturing_va_share": 81.1, "hitech_va": 48.7, "hitech_enterprises": 124,
    "sei_output_share": 16.3, "new_product_sales_share": 17.0, "private_va_share": 78.7, "scale_profit": 9.9,
}


@dataclass
class Enterprise:
    """One synthetic enterprise; money in 亿元 a year at 2020 prices (dynamics turns it into months)."""

    index: int
    county: str
    park: str | None
    chain: str | None  # an industry or sub-industry id
    role: str  # giant | big | mid | small | new_large | new_small
    size: float  # annual output at 2020 prices when it starts (2020 for the enterprises of 2020)
    start_year: int = 2019
    start_month: int = 1
    scale_2020: bool = False  # in 表3's 2020 count
    va_rate: float = 0.28
    revenue_ratio: float = 1.0
    tax_rate: float = 0.02
    rd_rate: float = 0.0  # share of revenue
    energy_per_va: float = 0.8  # 吨 per 万元 of value added
    nps_share: float = 0.0  # new-product sales as a share of revenue
    profit_margin: float = 0.02
    hitech: bool = False
    sei: bool = False
    manufacturing: bool = True
    mining: bool = False
    private: bool = True
    tobacco: bool = False
    cloud_from: int | None = None  # month index (year × 12 + month − 1) from which it is on the cloud
    platform_from: int | None = None
    growth: dict[int, float] = field(default_factory=dict)  # real growth of each year on the previous
    end: int | None = None  # last month index it reports (None: to the end)

    @property
    def industry(self) -> str:
        return INDUSTRY_OF.get(self.chain or "", self.chain or "")

    @property
    def kind(self) -> str:
        return "tobacco" if self.tobacco else self.industry


def split_total(total: float, lows: np.ndarray, highs: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` into parts within [low, high], in proportion to ``weights`` above the lows."""
    if not lows.sum() <= total <= highs.sum():
        raise ValueError(f"cannot split {total} within [{lows.sum()}, {highs.sum()}]")
    x = lows.copy()
    free = np.ones(len(x), dtype=bool)
    left = total - x.sum()
    for _ in range(len(x) + 1):
        if left <= 1e-12 or not free.any():
            break
        share = weights * free
        add = left * share / share.sum()
        x = np.minimum(x + add, highs)
        free = x < highs - 1e-12
        left = total - x.sum()
    return x


def _pick_chain(rng: np.random.Generator, county: str) -> str | None:
    mix = CHAIN_MIX[county]
    names = list(mix)
    p = np.array([mix[n] for n in names], dtype=float)
    chosen = names[int(rng.choice(len(names), p=p / p.sum()))]
    return chosen or None


def build_universe(plan: Plan, rng: np.random.Generator, small_share: float = 1.0) -> list[Enterprise]:
    """The enterprises of 2020. ``small_share`` < 1 keeps fewer small enterprises (fast tests)."""
    park_of = {s.parent if s.kind.value == "park" else s.id: s.id for s in plan.parks()}
    park_output = {t.scope: t.baseline.value for t in plan.targets
                   if t.id.startswith("t2_") and t.scope in plan.scopes and t.baseline is not None
                   and plan.scopes[t.scope].kind.is_park}
    scale_count = {t.scope: int(t.baseline.value) for t in plan.targets
                   if t.id.startswith("t3_") and t.id.endswith("_count") and t.baseline is not None}
    out: list[Enterprise] = []

    def add(county: str, park: str | None, role: str, chain: str | None = None) -> Enterprise:
        e = Enterprise(len(out), county, park, chain if chain is not None else _pick_chain(rng, county),
                       role, 0.0, scale_2020=role in ("giant", "big", "mid"))
        out.append(e)
        return e

    for county, park, chain, size, role in GIANTS:
        e = add(county, park, "giant", chain)
        e.size = size
        e.tobacco = role == "tobacco"
        if e.tobacco:
            e.chain = None
    for county, ((big_in, mid_in, small_in), (big_out, small_out)) in COMPOSITION.items():
        park = park_of[county]
        giants = sum(1 for g in GIANTS if g[0] == county)
        mid_out = scale_count[county] - giants - big_in - mid_in - big_out
        for role, n, where in (("big", big_in, park), ("mid", mid_in, park), ("small", small_in, park),
                               ("big", big_out, None), ("mid", mid_out, None), ("small", small_out, None)):
            if role == "small":
                n = max(1, round(n * small_share))
            for _ in range(n):
                add(county, where if county != "xiangxi_hitech" else park, role)
        for _ in range(RISERS[county]):
            add(county, park if county == "xiangxi_hitech" else None, "riser")
    _size(out, park_output, rng)
    return out


def _size(enterprises: list[Enterprise], park_output: dict[str, float], rng: np.random.Generator) -> None:
    """Split each park's 表2 output, and the rest of the prefecture's 547.7, among the enterprises."""
    groups: dict[str | None, list[Enterprise]] = {}
    for e in enterprises:
        if e.role != "giant":
            groups.setdefault(e.park, []).append(e)
    fixed: dict[str | None, float] = {
        p: sum(e.size for e in enterprises if e.role == "giant" and e.park == p) for p in groups
    }
    totals: dict[str | None, float] = {p: park_output[p] - fixed[p] for p in groups if p is not None}
    totals[None] = TARGETS_2020["industrial_output"] - sum(park_output.values()) - fixed.get(None, 0.0)
    for park, members in groups.items():
        lows = np.array([CLASSES[e.role][0] for e in members])
        highs = np.array([CLASSES[e.role][1] for e in members])
        weights = np.array([CLASSES[e.role][2] * rng.lognormal(0.0, SPREAD[e.role]) for e in members])
        total = float(np.clip(totals[park], lows.sum(), highs.sum()))
        for e, x in zip(members, split_total(total, lows, highs, weights), strict=True):
            e.size = float(x)
