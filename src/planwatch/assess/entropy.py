"""The entropy-weight method (熵权法): weights from how much each indicator separates the units.

Standard formulas, on a matrix of n units × m indicators where higher is better (the ranking feeds
it completion scores, which already account for lower-is-better indicators):

    x'_ij = (x_ij − min_i x_ij) / (max_i x_ij − min_i x_ij)        min–max normalisation
    p_ij  = x'_ij / Σ_i x'_ij
    e_j   = −k Σ_i p_ij ln p_ij,  k = 1 / ln n                      (0 · ln 0 = 0)
    d_j   = 1 − e_j
    w_j   = d_j / Σ_j d_j

An indicator on which every unit scores the same (max = min) tells nothing apart: x'_ij = 1 for all,
p_ij = 1/n, e_j = 1, d_j = 0, weight 0. A missing cell (None) is left out of its column, with
n the number of units that have the value; a column with fewer than two values gets weight 0. If
no indicator separates the units at all, every indicator gets the same weight (and ``equal_fallback``
says so). Worked example: tests/core/test_rank_entropy.py and docs/ranking.md §entropy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class EntropyWeights:
    weights: list[float]  # w_j, adding up to 1
    entropy: list[float]  # e_j
    divergence: list[float]  # d_j = 1 − e_j
    normalised: list[list[float | None]]  # x'_ij, rows = units
    equal_fallback: bool  # True when no indicator separated the units and weights are equal

    def to_dict(self) -> dict[str, object]:
        return {
            "weights": self.weights,
            "entropy": self.entropy,
            "divergence": self.divergence,
            "normalised": self.normalised,
            "equal_fallback": self.equal_fallback,
        }


def entropy_weights(matrix: Sequence[Sequence[float | None]]) -> EntropyWeights:
    """Entropy weights of the columns of ``matrix`` (rows = units, columns = indicators)."""
    n_rows = len(matrix)
    m = len(matrix[0]) if n_rows else 0
    normalised: list[list[float | None]] = [[None] * m for _ in range(n_rows)]
    entropy: list[float] = []
    for j in range(m):
        present = [(i, float(v)) for i, row in enumerate(matrix) if (v := row[j]) is not None]
        n = len(present)
        if n < 2:
            for i, _ in present:
                normalised[i][j] = 1.0
            entropy.append(1.0)
            continue
        lo = min(v for _, v in present)
        hi = max(v for _, v in present)
        if hi == lo:  # every unit the same: p_ij = 1/n and e_j = 1 exactly
            for i, _ in present:
                normalised[i][j] = 1.0
            entropy.append(1.0)
            continue
        xs = [(i, (v - lo) / (hi - lo)) for i, v in present]
        for i, x in xs:
            normalised[i][j] = x
        total = sum(x for _, x in xs)
        k = 1 / math.log(n)
        e = -k * sum((x / total) * math.log(x / total) for _, x in xs if x > 0)
        entropy.append(min(max(e, 0.0), 1.0))
    divergence = [1 - e for e in entropy]
    total_d = sum(divergence)
    if total_d <= 1e-12:
        weights = [1 / m] * m if m else []
        return EntropyWeights(weights, entropy, divergence, normalised, True)
    return EntropyWeights([d / total_d for d in divergence], entropy, divergence, normalised, False)
