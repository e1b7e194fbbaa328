"""Through the real engine: observations → assess_plan → build_context, the numbers worked by hand.

工业增加值 (表1 序号2): baseline 164.3 (2020), target 320 (2025), data 262.5 for 2024.
  completion (262.5 − 164.3) ÷ (320 − 164.3) = 98.2 ÷ 155.7 = 63.07%  → 63.1%
  time schedule at 2024: 48 ÷ 60 = 80.0%; gap 63.07 − 80 = −16.93      → 低16.9
  CAGR 2020→2024 (262.5 ÷ 164.3)^(1/4) − 1 = 12.43%; required 2020→2025 (320 ÷ 164.3)^(1/5) − 1 = 14.27%
  ratio 12.43 ÷ 14.27 = 0.871: between 0.60 and 0.95                     → 需加快, yellow
  still needed from 2024: 320 ÷ 262.5 − 1 = 21.90%                        → 需年均增长21.9%
"""

from __future__ import annotations

import importlib.util

import pytest

from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch.report.context import METHOD_NOTE, build_context

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("planwatch.assess.engine") is None, reason="planwatch.assess.engine is not in the tree yet"
)


def test_the_engine_s_assessment_reads_as_worked_by_hand(plan: Plan) -> None:
    from planwatch.assess.engine import assess_plan

    table = ObservationTable.of(
        [Observation("industrial_va", "xiangxi", Period.parse("2024"), 262.5, source="synthetic demo data")]
    )
    assessments = assess_plan(plan, table, Period.parse("2024Q4"), indicators=["industrial_va"])
    ctx = build_context(plan, assessments, "2024Q4", observations=table)
    row = ctx.table("main").row("工业增加值")
    assert row == {
        "指标": "工业增加值", "单位": "亿元", "2025年目标": "320", "本期完成": "262.5", "完成进度": "63.1%",
        "时序进度": "80.0%", "超/低于时序进度": "低16.9", "状态": "需加快",
    }
    warnings = ctx.table("warnings")
    assert [c.text for c in warnings.rows[0]][1:] == ["湘西州", "工业增加值", "262.5亿元", "63.1%", "低16.9", "12.4%/21.9%", "黄灯"]
    trend = next(f.chart for f in ctx.figures() if f.key == "trend")
    assert [p.year for p in trend.actual] == [2015, 2016, 2017, 2019, 2020, 2024]


def test_the_method_footnote_states_the_engine_s_default_thresholds() -> None:
    from planwatch.assess.thresholds import load_thresholds

    settings = load_thresholds()
    t = settings.profile(settings.default_profile).with_target.thresholds
    assert (t.high, t.med, t.low) == (0.95, 0.6, 0.0)
    assert "比值不低于95%为进展顺利，60%—95%为需加快，0—60%为进展有限，小于0为倒退" in METHOD_NOTE
