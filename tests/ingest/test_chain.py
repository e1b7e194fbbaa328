"""A growth-only series chain-linked onto the last known level."""

from __future__ import annotations

import pytest

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.ingest import chain_levels
from planwatch.plan.load import Plan


def o(indicator: str, period: str, value: float, measure: Measure, source: str = "公报") -> Observation:
    return Observation(indicator, "xiangxi", Period.parse(period), value, measure, source=source)


def test_growth_chains_onto_history_and_onto_itself(plan: Plan) -> None:
    table = ObservationTable.of([o("scale_va", "2023", 6.5, Measure.GROWTH), o("scale_va", "2024", 5.0, Measure.GROWTH)])
    derived = chain_levels(table, plan, context=plan.history_observations())
    # history: 2022 = 120; 2023 = 120 × 1.065 = 127.8; 2024 = 127.8 × 1.05 = 134.19
    assert [(str(d.period), d.measure, d.value) for d in derived] == [
        ("2023", Measure.LEVEL, pytest.approx(127.8)),
        ("2024", Measure.LEVEL, pytest.approx(134.19)),
    ]
    assert derived[0].note == "2022年 120 × (1 + 6.5%) = 127.8亿元"
    assert derived[0].source == "由增速推算（公报；基数：规划文本 测试）"
    assert derived[1].origin == "derived:growth"


def test_reported_levels_win_and_no_base_no_level(plan: Plan) -> None:
    table = ObservationTable.of(
        [
            o("scale_va", "2023", 6.5, Measure.GROWTH),
            o("scale_va", "2023", 130.0, Measure.LEVEL),  # reported: not replaced
            o("scale_va", "2021-09", 4.0, Measure.YTD_GROWTH),  # no 2020-09 cumulative value: nothing
            o("park_share", "2023", 3.0, Measure.GROWTH),  # a share: skipped
        ]
    )
    assert chain_levels(table, plan, context=plan.history_observations()) == []


def test_cumulative_growth(plan: Plan) -> None:
    table = ObservationTable.of([o("scale_va", "2023-09", 80.0, Measure.YTD), o("scale_va", "2024-09", 10.0, Measure.YTD_GROWTH)])
    (d,) = chain_levels(table, plan)
    assert (str(d.period), d.measure, d.value) == ("2024-09", Measure.YTD, 88.0)  # 80 × 1.10
