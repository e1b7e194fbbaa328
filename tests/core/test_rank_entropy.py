"""The entropy-weight method against a 3 × 3 example worked by hand."""

from __future__ import annotations

import math

import pytest

from planwatch.assess.entropy import entropy_weights

# Scores of three units (rows) on three indicators (columns):
#
#            I1    I2    I3
#   A       100    80    90
#   B        80    80   120
#   C        60    80    70
#
# I1: min 60, max 100 → x' = (40/40, 20/40, 0/40) = (1, 0.5, 0); Σ = 1.5 → p = (2/3, 1/3, 0)
#     e1 = −(1/ln 3)·(2/3·ln(2/3) + 1/3·ln(1/3) + 0)
#        = −(1/1.0986123)·(0.6666667·(−0.4054651) + 0.3333333·(−1.0986123))
#        = −(1/1.0986123)·(−0.2703101 − 0.3662041) = 0.6365142/1.0986123 = 0.5793802;   d1 = 0.4206198
# I2: every unit 80 → max = min → tells nothing apart: e2 = 1, d2 = 0
# I3: min 70, max 120 → x' = (20/50, 50/50, 0) = (0.4, 1, 0); Σ = 1.4 → p = (0.2857143, 0.7142857, 0)
#     e3 = −(1/1.0986123)·(0.2857143·ln 0.2857143 + 0.7142857·ln 0.7142857)
#        = −(1/1.0986123)·(0.2857143·(−1.2527630) + 0.7142857·(−0.3364722))
#        = −(1/1.0986123)·(−0.3579323 − 0.2403373) = 0.5982696/1.0986123 = 0.5445684;   d3 = 0.4554316
# Σd = 0.4206198 + 0 + 0.4554316 = 0.8760514
# w = (0.4206198/0.8760514, 0, 0.4554316/0.8760514) = (0.4801315, 0, 0.5198685)
# composites Σ w·x: A = 0.4801315·100 + 0.5198685·90 = 48.01315 + 46.78817 = 94.80131
#                   B = 0.4801315·80 + 0.5198685·120 = 38.41052 + 62.38422 = 100.79474
#                   C = 0.4801315·60 + 0.5198685·70 = 28.80789 + 36.39080 = 65.19869
MATRIX: list[list[float | None]] = [[100, 80, 90], [80, 80, 120], [60, 80, 70]]


def test_hand_worked_3x3() -> None:
    r = entropy_weights(MATRIX)
    assert r.normalised == [[1.0, 1.0, 0.4], [0.5, 1.0, 1.0], [0.0, 1.0, 0.0]]
    assert r.entropy == pytest.approx([0.5793802, 1.0, 0.5445684], abs=1e-7)
    assert r.divergence == pytest.approx([0.4206198, 0.0, 0.4554316], abs=1e-7)
    assert r.weights == pytest.approx([0.4801315, 0.0, 0.5198685], abs=1e-7)
    assert sum(r.weights) == pytest.approx(1.0)
    composite = [sum(w * (x or 0.0) for w, x in zip(r.weights, row, strict=True)) for row in MATRIX]
    assert composite == pytest.approx([94.80131, 100.79474, 65.19869], abs=1e-5)
    assert not r.equal_fallback


def test_formula_matches_the_definition() -> None:
    # e1 written out with math.log, to show the code follows e_j = −k Σ p ln p with k = 1/ln n
    e1 = -(1 / math.log(3)) * (2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3))
    assert entropy_weights(MATRIX).entropy[0] == pytest.approx(e1)


def test_nothing_separates_the_units_gives_equal_weights() -> None:
    r = entropy_weights([[90, 100], [90, 100]])
    assert r.weights == [0.5, 0.5] and r.equal_fallback


def test_missing_cells_leave_their_column_smaller() -> None:
    # I1 without C: (100, 80) → x' = (1, 0) → p = (1, 0) → e = 0 with n = 2: all weight on I1,
    # since I2 is (80, 80, 80) and separates nothing.
    r = entropy_weights([[100, 80], [80, 80], [None, 80]])
    assert r.entropy == [0.0, 1.0] and r.weights == [1.0, 0.0]
    assert r.normalised[2][0] is None
