"""Ranking stability: how far each unit's rank could move when the weights change by ±delta.

Two analyses on the same score matrix (docs/ranking.md §stability):

- one at a time: each weight × (1 − delta) and × (1 + delta), the others unchanged (2m rankings);
- Monte-Carlo: every weight × an independent factor drawn uniformly from [1 − delta, 1 + delta],
  ``samples`` times from a fixed seed (numpy ``default_rng(seed)``), so the ranges repeat exactly.

The composite is always Σ w_j s_ij / Σ w_j over the cells that count, so scaling the weights needs no
renormalising. Timeliness deductions stay as they are. Composites equal to 1e-9 are ties and keep
the base ranking's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class RankRange:
    """One unit's rank under weight changes (1 = best)."""

    base: int
    oat_min: int
    oat_max: int
    mc_min: int
    mc_max: int
    mc_same_share: float  # share of the Monte-Carlo draws that give the base rank
    oat: dict[str, tuple[int, int]] = field(default_factory=dict)  # indicator → (rank at −delta, rank at +delta)

    @property
    def best(self) -> int:
        return min(self.oat_min, self.mc_min, self.base)

    @property
    def worst(self) -> int:
        return max(self.oat_max, self.mc_max, self.base)

    @property
    def moves(self) -> int:
        """How many places the unit could move either way, at most."""
        return max(self.base - self.best, self.worst - self.base)

    def label(self) -> str:
        return str(self.base) if self.best == self.worst else f"{self.best}–{self.worst}"

    def to_dict(self) -> dict[str, object]:
        return {
            "base": self.base,
            "best": self.best,
            "worst": self.worst,
            "moves": self.moves,
            "one_at_a_time": {"min": self.oat_min, "max": self.oat_max, "by_indicator": {k: list(v) for k, v in self.oat.items()}},
            "monte_carlo": {"min": self.mc_min, "max": self.mc_max, "same_rank_share": self.mc_same_share},
        }


def composites(scores: FloatArray, counted: NDArray[np.bool_], weights: FloatArray, deductions: FloatArray) -> FloatArray:
    """Σ w s / Σ w over counted cells, minus deductions; ``weights`` may be (m,) or (k, m) → (n,) or (n, k)."""
    s = np.where(counted, scores, 0.0)
    c = counted.astype(np.float64)
    num = s @ weights.T
    den = c @ weights.T
    with np.errstate(invalid="ignore", divide="ignore"):
        comp = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)
    if comp.ndim == 2:
        return np.asarray(comp - deductions[:, None], dtype=np.float64)
    return np.asarray(comp - deductions, dtype=np.float64)


def ranks_of(values: FloatArray, base_position: NDArray[np.int64]) -> NDArray[np.int64]:
    """Ranks (1 = highest) of one composite vector; ties (to 1e-9) keep the base order."""
    order = np.lexsort((base_position, -np.round(values, 9)))
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.arange(1, len(values) + 1)
    return ranks


def rank_stability(
    scores: Sequence[Sequence[float]],
    counted: Sequence[Sequence[bool]],
    weights: Sequence[float],
    deductions: Sequence[float],
    base_ranks: Sequence[int],
    indicators: Sequence[str],
    *,
    delta: float,
    samples: int,
    seed: int,
) -> list[RankRange]:
    s = np.asarray(scores, dtype=np.float64)
    c = np.asarray(counted, dtype=np.bool_)
    w = np.asarray(weights, dtype=np.float64)
    d = np.asarray(deductions, dtype=np.float64)
    base = np.asarray(base_ranks, dtype=np.int64)
    n, m = s.shape if s.size else (len(base_ranks), len(weights))
    if n == 0:
        return []
    oat_lo = base.copy()
    oat_hi = base.copy()
    per: list[dict[str, tuple[int, int]]] = [{} for _ in range(n)]
    for j in range(m):
        got: list[NDArray[np.int64]] = []
        for factor in (1 - delta, 1 + delta):
            wj = w.copy()
            wj[j] *= factor
            r = ranks_of(composites(s, c, wj, d), base)
            got.append(r)
            oat_lo = np.minimum(oat_lo, r)
            oat_hi = np.maximum(oat_hi, r)
        for i in range(n):
            per[i][indicators[j]] = (int(got[0][i]), int(got[1][i]))
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - delta, 1 + delta, size=(samples, m))
    comp = composites(s, c, factors * w, d)  # (n, samples)
    mc = np.empty((n, samples), dtype=np.int64)
    for k in range(samples):
        mc[:, k] = ranks_of(comp[:, k], base)
    return [
        RankRange(
            base=int(base[i]),
            oat_min=int(oat_lo[i]),
            oat_max=int(oat_hi[i]),
            mc_min=int(mc[i].min()),
            mc_max=int(mc[i].max()),
            mc_same_share=float((mc[i] == base[i]).mean()),
            oat=per[i],
        )
        for i in range(n)
    ]
