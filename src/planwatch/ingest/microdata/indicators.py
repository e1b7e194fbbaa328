"""The shapes the aggregation computes, made from a plan's microdata file (planwatch.ingest.microdata.mapping).

A ``Flow`` is a sum over records (a base of planwatch.ingest.microdata.cell_sums), optionally only
over the scale set or only over cells in a park; a ``Ratio`` divides two flows of the same scope and
period. Which indicator is which is data: the plan's microdata file (docs/microdata.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


# Matched-enterprise counts for the notes of growth rows (not written as observations).
COUNT_ALL = Flow("_count", "n", None, False, frozenset(), factor=1.0, growth=False, emit=False, price="count")
COUNT_SCALE = Flow("_count_scale", "n", None, True, frozenset(), factor=1.0, growth=False, emit=False, price="count")


@dataclass(frozen=True, slots=True)
class Ratio:
    indicator: str
    numerator: str  # flow indicator id
    denominator: str  # flow indicator id
    factor: float = 100.0
    complement: bool = False  # write 100 − value (非矿产业占比)
