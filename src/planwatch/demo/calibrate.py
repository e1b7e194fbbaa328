"""Rates and flags of the synthetic enterprises, set so that the 2020 totals are the plan's.

Each rate starts from its chain's typical value with some noise; then one factor per group (above or
below designated size) brings the 2020 total to the plan's figure. Flags are given in random order
to eligible enterprises until their total reaches the plan's figure ("until" picks), so the totals
land within one enterprise of the target.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from planwatch.demo.universe import ENERGY, TARGETS_2020, TAX, VA_RATE, Enterprise

HITECH_CHAINS = ("electronics", "new_materials", "biomed", "new_energy")
SEI_CHAINS = ("new_materials", "new_energy", "electronics", "biomed")


def _pick_until(candidates: Sequence[Enterprise], amount: Callable[[Enterprise], float], target: float,
                mark: Callable[[Enterprise], None]) -> float:
    """Mark candidates in order when that brings their total closer to ``target``."""
    total = 0.0
    for e in candidates:
        a = amount(e)
        if abs(total + a - target) < abs(total - target):  # only if it brings the total closer
            mark(e)
            total += a
    return total


def _shuffled(rng: np.random.Generator, items: Sequence[Enterprise]) -> list[Enterprise]:
    order = rng.permutation(len(items))
    return [items[int(i)] for i in order]


def calibrate(enterprises: list[Enterprise], rng: np.random.Generator) -> None:
    scale = [e for e in enterprises if e.scale_2020]
    small = [e for e in enterprises if not e.scale_2020]
    for e in enterprises:
        e.va_rate = VA_RATE[e.kind] * float(rng.uniform(0.8, 1.2))
        e.revenue_ratio = float(rng.uniform(0.93, 1.06))
        e.tax_rate = TAX[e.kind] * float(rng.uniform(0.6, 1.4))
        e.energy_per_va = ENERGY[e.kind] * float(rng.uniform(0.6, 1.4))
        e.profit_margin = float(rng.uniform(-0.02, 0.07))
    # value added: 122 above designated size, of which 51.2 % in parks (一（一）3); 164.3 − 122 below
    park_va = TARGETS_2020["park_va_share"] / 100 * TARGETS_2020["scale_industrial_va"]
    for group, target in (([e for e in scale if e.park], park_va),
                          ([e for e in scale if not e.park], TARGETS_2020["scale_industrial_va"] - park_va),
                          (small, TARGETS_2020["industrial_va"] - TARGETS_2020["scale_industrial_va"])):
        factor = target / sum(e.size * e.va_rate for e in group)
        for e in group:
            e.va_rate *= factor
    # tax: the tobacco factory pays 51.0 − 12.6; everyone else 12.6
    tobacco = [e for e in enterprises if e.tobacco]
    others = [e for e in enterprises if not e.tobacco]
    for e in tobacco:
        e.tax_rate = (TARGETS_2020["industrial_tax_all"] - TARGETS_2020["industrial_tax"]) / e.size / len(tobacco)
    factor = TARGETS_2020["industrial_tax"] / sum(e.size * e.tax_rate for e in others)
    for e in others:
        e.tax_rate *= factor
    _flags(enterprises, scale, small, rng)
    # R&D: 2.25 % of the scale set's revenue, high-tech enterprises spending about three times as much
    for e in enterprises:
        e.rd_rate = (0.035 if e.hitech else 0.012) * float(rng.uniform(0.5, 1.5)) * (1.0 if e.scale_2020 else 0.3)
        e.nps_share = (0.35 if e.hitech else 0.25 if e.sei else 0.08) * float(rng.uniform(0.5, 1.5))
    revenue = sum(e.size * e.revenue_ratio for e in scale)
    for attr, share in (("rd_rate", TARGETS_2020["rd_intensity_scale"] / 100),
                        ("nps_share", TARGETS_2020["new_product_sales_share"] / 100),
                        ("profit_margin", TARGETS_2020["scale_profit"] / revenue)):
        current = sum(e.size * e.revenue_ratio * getattr(e, attr) for e in scale) / revenue
        for e in scale:
            setattr(e, attr, getattr(e, attr) * share / current)


def _flags(enterprises: list[Enterprise], scale: list[Enterprise], small: list[Enterprise],
           rng: np.random.Generator) -> None:
    def va(e: Enterprise) -> float:
        return e.size * e.va_rate

    def not_mfg(e: Enterprise) -> None:
        e.manufacturing = False

    # 制造业: 81.1 % of scale VA; utilities and mines outside the chains first, then mines and power stations
    first = [e for e in scale if e.kind == "" and e.role != "giant"]  # utilities and other mining
    rest = [e for e in scale if e.kind in ("new_materials", "new_energy") and e.role != "giant"]
    target = sum(va(e) for e in scale) * (1 - TARGETS_2020["scale_manufacturing_va_share"] / 100)
    _pick_until(_shuffled(rng, first) + _shuffled(rng, rest), va, target, not_mfg)
    # below designated size: small mines, quarries and hydro plants (the plan's 14.8 % of GDP for 制造业
    # leaves about 8.4亿元 of manufacturing value added below designated size)
    target = sum(va(e) for e in small) - 8.4
    _pick_until(_shuffled(rng, [e for e in small if not e.tobacco]), va, target, not_mfg)
    # 矿产业: 29.5 % of scale VA (一（一）2（1）), new materials first, then building materials

    def mining(e: Enterprise) -> None:
        e.mining = True

    order = _shuffled(rng, [e for e in scale if e.industry == "new_materials"]) + \
        _shuffled(rng, [e for e in scale if e.industry == "building"])
    _pick_until(order, va, 0.295 * TARGETS_2020["scale_industrial_va"], mining)
    # 高新技术: value added 48.7, then small ones until there are 124

    def hitech(e: Enterprise) -> None:
        e.hitech = True

    eligible = [e for e in scale if e.industry in HITECH_CHAINS]
    _pick_until(_shuffled(rng, eligible), va, TARGETS_2020["hitech_va"], hitech)
    count = sum(e.hitech for e in enterprises)
    more = [e for e in small if e.industry in HITECH_CHAINS]
    for e in _shuffled(rng, more)[: max(0, int(TARGETS_2020["hitech_enterprises"]) - count)]:
        e.hitech = True

    # 战略性新兴: 16.3 % of all output
    def sei(e: Enterprise) -> None:
        e.sei = True

    eligible = [e for e in enterprises if e.industry in SEI_CHAINS]
    target = TARGETS_2020["sei_output_share"] / 100 * TARGETS_2020["industrial_output"]
    _pick_until(_shuffled(rng, eligible), lambda e: e.size, target, sei)

    # 民营: 78.7 % of all value added; the tobacco factory and some power and large firms are not
    def state(e: Enterprise) -> None:
        e.private = False

    order = [e for e in enterprises if e.tobacco] + _shuffled(rng, [e for e in scale if e.kind == "new_energy"]) + \
        _shuffled(rng, [e for e in scale if e.role in ("giant", "big") and not e.tobacco])
    target = (1 - TARGETS_2020["private_va_share"] / 100) * TARGETS_2020["industrial_va"]
    _pick_until(order, va, target, state)
