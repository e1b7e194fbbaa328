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
from planwatch.report.context import build_context
from planwatch.report.document import Tone

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
    # 进展比值 = 实际 CAGR ÷ 所需 CAGR (both from the baseline): (262.5/164.3)^(1/4) − 1 = 12.43%;
    # (320/164.3)^(1/5) − 1 = 14.27%; 12.43/14.27 = 87.1% → 60%—95%: 需加快 (黄)
    cells = [c.text for c in warnings.rows[0]][1:]
    assert cells == ["工业增加值", "262.5亿元", "63.1%", "低16.9", "87.1%", "12.4%/21.9%", "需加快"]
    assert warnings.rows[0][-1].tone is Tone.YELLOW
    trend = next(f.chart for f in ctx.figures() if f.key == "trend")
    assert [p.year for p in trend.actual] == [2015, 2016, 2017, 2019, 2020, 2024]


def test_the_method_footnote_states_the_engine_s_default_thresholds(plan: Plan) -> None:
    from planwatch.assess.engine import assess_plan
    from planwatch.assess.thresholds import load_thresholds
    from planwatch.report.context import colour_rule
    from planwatch.report.facts import Facts

    settings = load_thresholds()
    t = settings.profile(settings.default_profile).with_target.thresholds
    assert (t.high, t.med, t.low) == (0.95, 0.6, 0.0)
    table = ObservationTable.of(
        [Observation("industrial_va", "xiangxi", Period.parse("2024"), 262.5, source="synthetic demo data")]
    )
    items = assess_plan(plan, table, Period.parse("2024Q4"), indicators=["industrial_va"])
    rule = colour_rule(Facts(plan, items, Period.parse("2024Q4")), settings)
    # only the statuses that occur are explained (here 需加快 and 进展有限, no 已实现 …)
    assert "60.0%至95.0%为需加快（黄灯）" in rule
    assert "为已实现" not in rule and "预计实现" not in rule and "晴雨表" not in rule
    # the numbers are the file's: another file, another sentence
    name = settings.default_profile
    profile = settings.profiles[name]
    method = profile.with_target.model_copy(update={"thresholds": t.model_copy(update={"med": 0.5})})
    changed = settings.model_copy(
        update={"profiles": {**settings.profiles, name: profile.model_copy(update={"with_target": method})}}
    )
    assert "50.0%至95.0%为需加快（黄灯）" in colour_rule(Facts(plan, items, Period.parse("2024Q4")), changed)
