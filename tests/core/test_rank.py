"""The county ranking on a three-county plan, every score worked out by hand.

Fixture: tests/fixtures/rank/plan_small.yaml (甲县, 乙县, 丙县), weights_small.yaml
(增加值 40 growth, 税收 30, 企业数 20, 能耗 10 lower-is-better), targets_small.csv (税收, 能耗 for 2024).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.assess.assessment_targets import AnnualTarget, AnnualTargets, read_assessment_targets
from planwatch.assess.rank import completion_of, rank_counties, rank_parks
from planwatch.assess.rank_config import RankConfig, load_rank_config
from planwatch.domain.enums import Direction, Measure, MissingPolicy, RankMethod, ScoreStatus, TargetOrigin
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.domain.problems import ProblemsError
from planwatch.plan.load import Plan, load_plan

RANK = Path(__file__).resolve().parents[1] / "fixtures" / "rank"
Y2023, Y2024 = Period.year_of(2023), Period.year_of(2024)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(RANK / "plan_small.yaml")


@pytest.fixture(scope="module")
def config(plan: Plan) -> RankConfig:
    return load_rank_config(RANK / "weights_small.yaml", plan)


@pytest.fixture(scope="module")
def targets(plan: Plan) -> AnnualTargets:
    return read_assessment_targets([RANK / "targets_small.csv"], plan)


def obs(indicator: str, scope: str, period: Period, value: float, measure: Measure = Measure.LEVEL) -> Observation:
    return Observation(indicator, scope, period, value, measure, source="测试数据")


def table() -> ObservationTable:
    """The same rows as tests/fixtures/rank/data_small.csv."""
    return ObservationTable.of(
        [
            obs("va", "county_a", Y2024, 12, Measure.GROWTH),
            obs("va", "county_b", Y2023, 50),
            obs("va", "county_b", Y2024, 54),
            obs("va", "county_c", Y2024, 10, Measure.GROWTH),
            obs("tax", "county_a", Y2024, 6.0),
            obs("tax", "county_b", Y2024, 3.0),
            obs("tax", "county_c", Y2024, -0.5),
            obs("firms", "county_a", Y2024, 170),
            obs("firms", "county_b", Y2024, 125),
            obs("firms", "county_c", Y2024, 40),
            obs("energy", "county_a", Y2024, 0.45),
            obs("energy", "county_b", Y2024, 0.6),
            obs("energy", "county_c", Y2024, 0.5),
        ]
    )


def scores(result_unit: object) -> list[float | None]:
    return [s.score for s in result_unit.indicators]  # type: ignore[attr-defined]


def test_hand_worked_scores_and_ranks(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    result = rank_counties(plan, table(), 2024, targets=targets, config=config)
    a, b, c = result.units
    assert [u.name for u in result.units] == ["甲县", "乙县", "丙县"]
    assert [u.rank for u in result.units] == [1, 2, 3]
    # 甲县
    # 增加值: growth 12% against the prefecture's required (161.051/100)^(1/5) − 1 = 10%:
    #         (1 + 12%) / (1 + 10%) = 1.12/1.10 = 1.0181818 → 101.81818
    # 税收:   6.0 / 4.8 = 1.25, capped at 1.2 → 120
    # 企业数: plan path 32 × (243/32)^(4/5) = 32 × 1.5^4 = 162; 170/162 = 1.0493827 → 104.93827
    # 能耗 (lower is better): 0.5 / 0.45 = 1.1111111 → 111.11111
    # composite (40·101.81818 + 30·120 + 20·104.93827 + 10·111.11111) / 100
    #         = (4072.7273 + 3600 + 2098.7654 + 1111.1111) / 100 = 108.826038
    assert scores(a) == pytest.approx([101.818181818, 120.0, 104.938271605, 111.111111111])
    assert a.composite == pytest.approx(108.826038159)
    assert a.score_of("tax").capped and a.score_of("tax").completion == pytest.approx(1.25)
    assert a.score_of("tax").arithmetic == "6 ÷ 4.8 = 1.25 > 1.2 → 120"
    assert a.score_of("va").arithmetic == "(1 + 12%) ÷ (1 + 10%) = 1.0182 → 101.8182"
    assert a.score_of("firms").target is not None and a.score_of("firms").target.value == pytest.approx(162.0)
    assert a.score_of("firms").target.origin is TargetOrigin.PLAN_PATH
    assert a.score_of("va").target is not None and a.score_of("va").target.measure is Measure.GROWTH
    assert a.score_of("va").target.value == pytest.approx(10.0)
    # 乙县
    # 增加值: no growth figure, so the derived target is a level: 2023's 50 × 1.10 = 55; 54/55 = 0.9818182 → 98.181818
    # 税收:   3.0 / 4.0 = 0.75 → 75;  企业数: 64 × 1.25^4 = 156.25; 125/156.25 = 0.8 → 80
    # 能耗:   0.5 / 0.6 = 0.8333333 → 83.333333
    # composite (40·98.181818 + 30·75 + 20·80 + 10·83.333333)/100 = (3927.2727 + 2250 + 1600 + 833.3333)/100 = 86.106061
    assert scores(b) == pytest.approx([98.181818182, 75.0, 80.0, 83.333333333])
    assert b.composite == pytest.approx(86.106060606)
    assert b.score_of("va").target is not None and b.score_of("va").target.value == pytest.approx(55.0)
    # 丙县
    # 增加值: (1 + 10%)/(1 + 10%) = 1 → 100;  税收: −0.5/2.0 = −0.25 → floored at 0
    # 企业数: the plan sets 丙县 no target → not its fault: it leaves 丙县's basket (even under the
    # "zero" policy, which is for missing values);  能耗: 0.5/0.5 → 100
    # composite (40·100 + 30·0 + 10·100)/(40 + 30 + 10) = 5000/80 = 62.5
    assert scores(c) == [pytest.approx(100.0), pytest.approx(0.0), None, pytest.approx(100.0)]
    assert c.composite == pytest.approx(62.5)
    assert c.score_of("tax").completion == pytest.approx(-0.25)
    assert c.score_of("tax").arithmetic == "-0.5 ÷ 2 = -0.25 < 0 → 0"
    assert "实际值为负，完成率按0计" in c.score_of("tax").notes
    assert c.score_of("firms").status is ScoreStatus.NO_TARGET
    assert c.missing == ["firms"]


def test_contributions_add_up_and_keep_inputs(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    a = rank_counties(plan, table(), 2024, targets=targets, config=config).units[0]
    assert sum(s.contribution for s in a.indicators) == pytest.approx(a.composite)
    tax = a.score_of("tax")
    # weight 30 of 100 → share 0.3; contribution 0.3 × 120 = 36
    assert (tax.weight, tax.share, tax.contribution) == pytest.approx((30.0, 0.3, 36.0))
    assert tax.value is not None and tax.value.value == 6.0 and tax.value.basis == "period"
    assert tax.target is not None and tax.target.origin is TargetOrigin.EXPLICIT and tax.target.source == "州考核办法"
    d = a.to_dict()
    assert d["indicators"][1]["target"]["value"] == 4.8 and d["indicators"][1]["score"] == 120.0


def test_pass_rule_with_reasons(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    result = rank_counties(plan, table(), 2024, targets=targets, config=config)
    a, b, c = result.units
    assert [u.passed for u in result.units] == [True, False, False]
    assert [u.scope_id for u in result.passed] == ["county_a"]
    assert a.reasons() == ["综合得分108.8，不低于100", "已计分指标得分均不低于60（最低101.8）", "各指标均有数据和目标"]
    assert b.reasons() == ["综合得分86.1，低于100"]
    # a missing target is no 缺项 of the county's (a missing value would be)
    assert c.reasons() == ["综合得分62.5，低于100", "税收得分0.0，低于60"]


def test_missing_renormalised(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    cfg = config.model_copy(update={"missing": MissingPolicy.RENORMALISE})
    c = rank_counties(plan, table(), 2024, targets=targets, config=cfg).unit("county_c")
    # 企业数 left out: (40·100 + 30·0 + 10·100) / (40 + 30 + 10) = 5000/80 = 62.5
    assert c.composite == pytest.approx(62.5)
    firms = c.score_of("firms")
    assert firms.score is None and not firms.counted and firms.share == 0
    assert c.score_of("va").share == pytest.approx(0.5)  # 40/80


def test_cap_is_configurable(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    cfg = config.model_copy(update={"cap": 1.5})
    a = rank_counties(plan, table(), 2024, targets=targets, config=cfg).units[0]
    # 税收 6.0/4.8 = 1.25 is below a 1.5 cap: 125 points; composite rises by 30·(125 − 120)/100 = 1.5
    assert a.score_of("tax").score == pytest.approx(125.0) and not a.score_of("tax").capped
    assert a.composite == pytest.approx(108.826038159 + 1.5)


def test_timeliness_deduction(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    late = {"county_a": 4, "county_b": 30}
    off = rank_counties(plan, table(), 2024, targets=targets, config=config, late_days=late)
    assert [u.deduction for u in off.units] == [0, 0, 0]  # off by default
    on = rank_counties(plan, table(), 2024, targets=targets, config=config, late_days=late, timeliness=True)
    a, b = on.unit("county_a"), on.unit("county_b")
    # 甲县 4 days × 0.5 = 2 points; 乙县 30 × 0.5 = 15, capped at 5
    assert (a.deduction, b.deduction) == (2.0, 5.0)
    assert a.final_score == pytest.approx(108.826038159 - 2)
    assert b.final_score == pytest.approx(86.106060606 - 5)
    assert "已按报送及时性扣分（逾期天数见明细）。" in on.notes


def test_timeliness_can_change_rank_and_pass(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    cfg = config.model_copy(update={"timeliness": config.timeliness.model_copy(update={"enabled": True, "max_deduction": 60})})
    result = rank_counties(plan, table(), 2024, targets=targets, config=cfg, late_days={"county_a": 100})
    a = result.unit("county_a")
    # 100 days × 0.5 = 50 points (cap 60): 108.826 − 50 = 58.826, below 乙县's 86.106 and 丙县's 62.5
    assert a.final_score == pytest.approx(58.826038159)
    assert [u.scope_id for u in result.units] == ["county_b", "county_c", "county_a"]
    assert not a.passed and a.reasons()[0] == "综合得分58.8，低于100"


def test_entropy_method_on_the_fixture(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    result = rank_counties(plan, table(), 2024, targets=targets, config=config, method=RankMethod.ENTROPY)
    assert result.method is RankMethod.ENTROPY and result.entropy is not None
    # Min–max normalisation makes the method blind to the size of the spread, only its shape counts:
    # 增加值 (101.82, 98.18, 100) → x' = (1, 0, 0.5) → p = (2/3, 0, 1/3) → e = 0.579380 (as in the 3×3
    #   example of test_rank_entropy.py), d = 0.420620
    # 税收 (120, 75, 0) → x' = (1, 0.625, 0) → p = (1/1.625, 0.625/1.625, 0) = (0.615385, 0.384615)
    #   e = −(0.615385·ln 0.615385 + 0.384615·ln 0.384615)/ln 3 = (0.298774 + 0.367504)/1.098612 = 0.606473, d = 0.393527
    # so 增加值 weighs more than 税收 although its scores differ by 3.6 points and 税收's by 120.
    assert sum(i.weight for i in result.indicators) == pytest.approx(100)
    w = {i.id: i.weight for i in result.indicators}
    assert result.entropy.entropy[0] == pytest.approx(0.579380, abs=1e-6)
    assert result.entropy.entropy[1] == pytest.approx(0.606473, abs=1e-5)
    assert w["va"] > w["tax"]
    for u in result.units:
        # 丙县 has no 企业数 target: its other weights are renormalised (share = weight / counted weights)
        assert u.composite == pytest.approx(sum(s.share * (s.score or 0) for s in u.indicators))


def test_ties_broken_by_heaviest_indicator(plan: Plan) -> None:
    cfg = RankConfig.model_validate(
        {"indicators": [{"id": "tax", "weight": 50, "label": "税收"}, {"id": "energy", "weight": 50, "label": "能耗"}]}
    )
    targets = AnnualTargets.of(
        AnnualTarget(s, i, 2024, v) for s in ("county_a", "county_b", "county_c") for i, v in (("tax", 10), ("energy", 1))
    )
    data = ObservationTable.of(
        [
            # 乙县: 税收 10/10 → 100, 能耗 1/1.25 = 0.8 → 80: (100 + 80)/2 = 90
            obs("tax", "county_b", Y2024, 10), obs("energy", "county_b", Y2024, 1.25),
            # 甲县: 税收 8/10 → 80, 能耗 1/1 → 100: (80 + 100)/2 = 90 (a tie)
            obs("tax", "county_a", Y2024, 8), obs("energy", "county_a", Y2024, 1),
            # 丙县: 税收 5/10 → 50, 能耗 1/1 → 100: 75
            obs("tax", "county_c", Y2024, 5), obs("energy", "county_c", Y2024, 1),
        ]
    )
    result = rank_counties(plan, data, 2024, targets=targets, config=cfg)
    # equal weights: the first listed indicator (税收) decides: 乙县 100 > 甲县 80
    assert [(u.name, round(u.final_score, 6)) for u in result.units] == [("乙县", 90.0), ("甲县", 90.0), ("丙县", 75.0)]
    assert result.units[1].tie_note_zh == "与乙县综合得分相同（90.0），按权重最大且得分不同的指标“税收”得分排在其后"
    assert result.units[0].tie_note_zh == ""


def test_mid_year_targets_are_pro_rated(plan: Plan, config: RankConfig) -> None:
    q2 = Period.parse("2024Q2")
    targets = AnnualTargets.of([AnnualTarget("county_a", "tax", 2024, 4.8), AnnualTarget("county_a", "energy", 2024, 0.5)])
    data = ObservationTable.of(
        [
            obs("tax", "county_a", Period.parse("2024-01"), 0.5),
            *[obs("tax", "county_a", Period.month_of(2024, m), 0.4) for m in range(2, 7)],
            obs("energy", "county_a", q2, 0.5),
            obs("firms", "county_a", Period.parse("2024-06"), 150),
            obs("va", "county_a", Period.parse("2024-06"), 8.8, Measure.YTD_GROWTH),
        ]
    )
    a = rank_counties(plan, data, 2024, as_of=q2, targets=targets, config=config).unit("county_a")
    tax = a.score_of("tax")
    # flow: 1—6月 = 0.5 + 5 × 0.4 = 2.5 against 4.8 × 6/12 = 2.4 → 1.0416667
    assert tax.value is not None and tax.value.basis == "sum_of_months" and tax.value.value == pytest.approx(2.5)
    assert tax.target is not None and tax.target.value == pytest.approx(2.4) and tax.target.time_share == 0.5
    assert tax.completion == pytest.approx(2.5 / 2.4)
    # stock on the plan path at 3.5 years: 32 × 1.5^3.5 = 132.2724; ratio and growth targets are not scaled
    firms = a.score_of("firms")
    assert firms.target is not None and firms.target.value == pytest.approx(32 * 1.5**3.5)
    assert a.score_of("energy").target is not None and a.score_of("energy").target.value == 0.5
    va = a.score_of("va")
    assert va.value is not None and va.value.basis == "ytd_growth"
    assert va.completion == pytest.approx(1.088 / 1.10)


def test_lower_is_better_and_growth_completion() -> None:
    assert completion_of(0.45, 0.5, Measure.LEVEL, Direction.DOWN)[0] == pytest.approx(1.1111111)
    assert completion_of(12, 10, Measure.GROWTH, Direction.UP)[0] == pytest.approx(1.12 / 1.10)
    # a lower growth is better for a down indicator: (1 − 2%)/(1 − 5%) = 0.98/0.95
    assert completion_of(-5, -2, Measure.GROWTH, Direction.DOWN)[0] == pytest.approx(0.98 / 0.95)
    assert completion_of(1, 0, Measure.LEVEL, Direction.UP)[0] is None  # a zero target cannot be divided by
    assert completion_of(1, -100, Measure.GROWTH, Direction.UP)[0] is None


def test_zero_target_is_not_assessable(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    zero = AnnualTargets.of([*targets, AnnualTarget("county_a", "tax", 2024, 0.0)])  # replaces 甲县's 4.8
    a = rank_counties(plan, table(), 2024, targets=zero, config=config).unit("county_a")
    assert a.score_of("tax").status is ScoreStatus.NOT_ASSESSABLE and a.score_of("tax").score == 0.0
    assert "无法计分：目标值0不为正" in a.score_of("tax").notes


def test_no_data_is_an_error(plan: Plan, config: RankConfig) -> None:
    with pytest.raises(ProblemsError) as err:
        rank_counties(plan, ObservationTable(), 2024, config=config)
    assert err.value.problems[0].code == "RANK_NO_DATA"
    assert err.value.problems[0].message() == "所给数据中没有任何县市区在2024年有考核指标的数值，无法排名"


def test_as_of_outside_year(plan: Plan, config: RankConfig) -> None:
    with pytest.raises(ProblemsError) as err:
        rank_counties(plan, table(), 2024, as_of=Period.parse("2023Q4"), config=config)
    assert err.value.problems[0].message() == "通报期 2023Q4 不在考核年度 2024 年内"


def test_parks_by_output_against_their_path(plan: Plan) -> None:
    data = ObservationTable.of([obs("output", "park_a", Y2024, 22.8096)])
    result = rank_parks(plan, data, 2024, config=RankConfig.model_validate(
        {"indicators": [{"id": "output", "weight": 100, "derive": {"from": "plan_target"}}]}
    ))
    (p,) = result.units
    # path 10 × 1.2^4 = 20.736; 22.8096 / 20.736 = 1.1 → 110
    assert p.name == "甲园" and p.final_score == pytest.approx(110.0) and p.passed
    assert result.level == "park"


def test_synthetic_data_is_said(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    rows = [Observation(o.indicator, o.scope, o.period, o.value, o.measure, source="synthetic demo data") for o in table()]
    result = rank_counties(plan, ObservationTable.of(rows), 2024, targets=targets, config=config)
    assert result.synthetic
    assert result.notes[-1] == "本结果使用合成演示数据（synthetic demo data），不代表任何县市区的真实情况。"
    assert result.to_dict()["synthetic"] is True


def test_notes_say_where_targets_came_from_and_what_is_missing(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    result = rank_counties(plan, table(), 2024, targets=targets, config=config)
    # 税收 and 能耗 from the file for 3 counties (6); 企业数 on the path for 甲县 and 乙县 (2);
    # 增加值 from the prefecture's growth for all three (3)
    assert result.notes[:2] == [
        "考核目标来源：考核目标6项、按规划目标路径推算2项、按全州要求增速推算3项。推算的目标在明细中标注“推算”并列出算式。",
        "无目标的指标不计入该单位，其余指标权重按比例放大：企业数缺少目标：丙县。",
    ]


def test_an_indicator_nobody_can_be_scored_on_leaves_the_ranking(plan: Plan, config: RankConfig, targets: AnnualTargets) -> None:
    # 企业数 is counted once a year: drop it from the data and nobody can be scored on it
    data = ObservationTable.of(o for o in table() if o.indicator != "firms")
    result = rank_counties(plan, data, 2024, targets=targets, config=config)
    a = result.unit("county_a")
    firms = a.score_of("firms")
    assert firms.status is ScoreStatus.NOT_RANKED and not firms.counted and firms.weight == 0
    # 甲县 without 企业数, even under "zero": (40·101.81818 + 30·120 + 10·111.11111)/80 = 8783.8384/80 = 109.79798
    assert a.composite == pytest.approx(109.797979798)
    assert a.missing == [] and a.passed
    assert [i.ranked for i in result.indicators] == [True, True, False, True]
    assert "本期所有单位均缺少数据或目标、不参与本次排名的指标：企业数；其权重按比例分配给其余指标。" in result.notes


def test_nothing_scorable_is_an_error(plan: Plan, config: RankConfig) -> None:
    data = ObservationTable.of([obs("tax", "county_a", Y2024, 1.0)])  # a value, but no target for it
    with pytest.raises(ProblemsError) as err:
        rank_counties(plan, data, 2024, config=config)
    assert err.value.problems[0].message() == "2024年没有任何县市区能在任何考核指标上计分（均缺少数据或目标），无法排名"
