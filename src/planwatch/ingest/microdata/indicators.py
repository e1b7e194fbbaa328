"""Which plan indicators enterprise records give, and from what (docs/microdata.md explains each).

A ``Flow`` is a sum over records (a base of planwatch.ingest.microdata.cell_sums), optionally only
over the scale set or only over cells in a park; a ``Ratio`` divides two flows of the same scope and
period. Counts of enterprises at year end, 新增入规 and energy-intensity decline are made in
planwatch.ingest.microdata.build from their own inputs, listed here so the documentation can name
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from planwatch.domain.enums import ScopeKind

WAN_TO_YI = 1e-4  # 万元 → 亿元, and 吨 → 万吨

Price = Literal["comparable", "current", "physical", "count"]


@dataclass(frozen=True, slots=True)
class Flow:
    indicator: str
    base: str  # the base summed for levels (current prices)
    comparable: str | None  # the base at comparable prices, used for growth when a deflator is given
    scale: bool  # only enterprises in the year's scale set (规模以上)
    needs: frozenset[str]  # canonical columns the flow is made from (given by at least one file)
    factor: float = WAN_TO_YI
    kind: Literal["flow", "stock"] = "flow"  # stock: a count at the month, no year-to-date
    growth: bool = True  # write growth and ytd_growth
    park_only: bool = False  # only cells inside a park
    emit: bool = True  # False: an input of a ratio only
    price: Price = "current"

    def growth_base(self, deflated: bool) -> str:
        return self.comparable if deflated and self.comparable else self.base

    def growth_price(self, deflated: bool) -> Price:
        if self.price == "comparable" and not deflated:
            return "current"
        return self.price


def _f(*keys: str) -> frozenset[str]:
    return frozenset(keys)


FLOWS: tuple[Flow, ...] = (
    Flow("industrial_output", "output", "output_c", False, _f("output"), price="comparable"),
    Flow("industrial_va", "va", "va_c", False, _f("output"), price="comparable"),
    Flow("scale_industrial_va", "va", "va_c", True, _f("output"), price="comparable"),
    Flow("park_scale_va", "va", "va_c", True, _f("output", "park"), park_only=True, price="comparable"),
    Flow("manufacturing_va", "va_mfg", "va_mfg_c", False, _f("manufacturing"), price="comparable"),
    Flow("scale_manufacturing_va", "va_mfg", "va_mfg_c", True, _f("manufacturing"), price="comparable"),
    Flow("scale_mining_va", "va_mining", None, True, _f("mining"), emit=False),
    Flow("private_va", "va_private", "va_private_c", False, _f("private"), price="comparable"),
    Flow("sei_output", "output_sei", "output_sei_c", False, _f("sei"), price="comparable"),
    Flow("hitech_output", "output_hitech", "output_hitech_c", False, _f("hitech"), price="comparable"),
    Flow("hitech_va", "va_hitech", "va_hitech_c", False, _f("hitech"), price="comparable"),
    Flow("scale_revenue", "revenue", None, True, _f("revenue")),
    Flow("new_product_sales", "nps", None, True, _f("new_product_sales")),
    Flow("scale_profit", "profit", None, True, _f("profit")),
    Flow("rd_spend", "rd", None, True, _f("rd")),
    Flow("industrial_tax", "tax_nt", None, False, _f("tax")),
    Flow("industrial_tax_all", "tax", None, False, _f("tax")),
    Flow("energy_use_scale", "energy", None, True, _f("energy"), price="physical"),
    Flow("scale_enterprises", "n", None, True, _f(), factor=1.0, kind="stock", growth=False, price="count"),
    Flow("hitech_enterprises", "n_hitech", None, False, _f("hitech"), factor=1.0, kind="stock",
         growth=False, price="count"),
    Flow("cloud_enterprises_new", "n_cloud_new", None, False, _f("cloud"), factor=1.0, growth=False,
         price="count"),
    Flow("platform_enterprises_new", "n_platform_new", None, False, _f("platform"), factor=1.0,
         growth=False, price="count"),
)

# Matched-enterprise counts for the notes of growth rows (not written as observations).
COUNT_ALL = Flow("_count", "n", None, False, _f(), factor=1.0, growth=False, emit=False, price="count")
COUNT_SCALE = Flow("_count_scale", "n", None, True, _f(), factor=1.0, growth=False, emit=False, price="count")


@dataclass(frozen=True, slots=True)
class Ratio:
    indicator: str
    numerator: str  # flow indicator id
    denominator: str  # flow indicator id
    factor: float = 100.0
    complement: bool = False  # write 100 − value (非矿产业占比)
    skip_kinds: tuple[ScopeKind, ...] = ()


RATIOS: tuple[Ratio, ...] = (
    Ratio("park_va_share", "park_scale_va", "scale_industrial_va",
          skip_kinds=(ScopeKind.PARK, ScopeKind.GROUP)),
    Ratio("scale_manufacturing_va_share", "scale_manufacturing_va", "scale_industrial_va"),
    Ratio("rd_intensity_scale", "rd_spend", "scale_revenue"),
    Ratio("sei_output_share", "sei_output", "industrial_output"),
    Ratio("new_product_sales_share", "new_product_sales", "scale_revenue"),
    Ratio("private_va_share", "private_va", "industrial_va"),
    Ratio("mining_va_share", "scale_mining_va", "scale_industrial_va"),
    Ratio("non_mining_share", "scale_mining_va", "scale_industrial_va", complement=True),
    # 吨标准煤/万元: (万吨 × 10⁴ 吨) / (亿元 × 10⁴ 万元) = 万吨/亿元
    Ratio("energy_intensity", "energy_use_scale", "scale_industrial_va", factor=1.0),
)

# Made from the enterprise-year table (year-end counts) or from two flows' growth sums.
YEARLY_COUNTS: tuple[str, ...] = (
    "scale_enterprises", "hitech_enterprises", "new_scale_enterprises",
    "enterprises_1yi", "enterprises_10yi", "enterprises_50yi", "enterprises_100yi",
)
OUTPUT_THRESHOLDS: dict[str, float] = {  # 万元 of annual gross output
    "enterprises_1yi": 1e4,
    "enterprises_10yi": 1e5,
    "enterprises_50yi": 5e5,
    "enterprises_100yi": 1e6,
}
CHAIN_RENAMES = {"industrial_output": "chain_output"}  # what an industry scope calls its output
ENERGY_DECLINE = "energy_intensity_decline"
CLOUD_PLATFORM = ("cloud_platform_enterprises_new", "cloud_enterprises_new", "platform_enterprises_new")


def available_flows(present: set[str]) -> list[Flow]:
    return [f for f in FLOWS if f.needs <= present]


def produced_indicators() -> list[str]:
    """Every indicator id this module can write (for the documentation test)."""
    ids = [f.indicator for f in FLOWS if f.emit]
    ids += [r.indicator for r in RATIOS]
    ids += [i for i in YEARLY_COUNTS if i not in ids]
    ids += ["chain_output", ENERGY_DECLINE, CLOUD_PLATFORM[0]]
    return ids
