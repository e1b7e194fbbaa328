"""The engine on a small plan built in the test: every target kind, with hand-worked values."""

from __future__ import annotations

import math

import pytest

from planwatch.assess.engine import assess_plan
from planwatch.assess.results import Assessment
from planwatch.domain.enums import Measure, Status, WarningLevel
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan, parse_plan

PLAN = """
plan: {id: t, name: 测试规划, base_year: 2020, start_year: 2021, end_year: 2025, region: pref}
scopes:
  - {id: prov, name: 某省, kind: province}
  - {id: pref, name: 某州, kind: prefecture, parent: prov}
  - {id: cty, name: 甲县, kind: county, parent: pref}
  - {id: cty2, name: 乙县, kind: county, parent: pref}
  - {id: grp, name: 两县合计, kind: group, parent: pref, members: [cty, cty2]}
indicators:
  - {id: va, name: 工业增加值, unit: 亿元, temporal: flow, aggregation: sum}
  - {id: firms, name: 规模企业数, unit: 家, temporal: stock}
  - {id: share, name: 园区占比, unit: "%", temporal: ratio, limit: 100}
  - {id: newfirms, name: 新增入规企业, unit: 家, temporal: flow, flow_of: firms}
  - {id: decline, name: 能耗下降幅度, unit: "%", temporal: ratio, rate_sense: decline, definition: 正数为下降}
  - {id: scenes, name: 示范场景, unit: 个, temporal: flow}
  - {id: net, name: 互联网普及率, unit: "%", temporal: ratio, limit: 100}
  - {id: loans, name: 贷款增速, unit: "%", temporal: ratio}
  - {id: platforms, name: 平台, unit: 个, temporal: stock}
  - {id: tax, name: 税收, unit: 亿元, temporal: flow}
  - {id: parks, name: 科技园区, unit: 个, temporal: stock}
  - {id: output, name: 产值, unit: 亿元, temporal: flow, aggregation: sum}
  - {id: gva, name: 规模工业增加值, unit: 亿元, temporal: flow, aggregation: sum}
targets:
  - {id: va_level, indicator: va, scope: pref, kind: level, baseline: {year: 2020, value: 100}, target: {year: 2025, value: 200}, source: 表1}
  - {id: firms_level, indicator: firms, scope: cty, kind: level, baseline: {year: 2020, value: 10}, target: {year: 2025, value: 20}, source: 表3}
  - {id: share_t, indicator: share, scope: pref, kind: share, baseline: {year: 2020, value: 20}, target: {year: 2025, value: 30, comparator: at_least}, source: 表1}
  - {id: new_cum, indicator: newfirms, scope: pref, kind: cumulative, span: [2021, 2025], target: {year: 2025, value: 100}, source: 表1}
  - {id: decline_t, indicator: decline, scope: pref, kind: yearly_rate, span: [2021, 2025], yearly_rate: {per_year: 2}, target: {year: 2025, value: 10}, source: 表1}
  - {id: scenes_t, indicator: scenes, scope: pref, kind: yearly_rate, span: [2021, 2025], yearly_rate: {per_year: 10, comparator: about}, target: {year: 2025, value: 10, comparator: about}, source: 五}
  - {id: rel_t, indicator: net, scope: pref, kind: relative, compare_to: {scope: prov}, source: 表1}
  - {id: loan_t, indicator: loans, scope: pref, kind: relative, compare_to: {lag_years: 1}, source: 六}
  - {id: plat_t, indicator: platforms, scope: pref, kind: level, target: {year: 2025, value: 3, high: 5, comparator: between}, source: 五}
  - {id: far_t, indicator: share, scope: pref, kind: share, target: {year: 2035, value: 40}, assessed: false, source: 一（三）2035年}
  - {id: tax_t, indicator: tax, scope: pref, kind: level, target: {year: 2025, value: 50}, source: 表1}
  - {id: parks_t, indicator: parks, scope: cty, kind: level, baseline: {year: 2020, value: 0}, target: {year: 2025, value: 2}, source: 五}
  - {id: grp_t, indicator: output, scope: grp, kind: level, baseline: {year: 2020, value: 10}, target: {year: 2025, value: 20}, source: 表2}
  - {id: gva_t, indicator: gva, scope: pref, kind: growth, baseline: {year: 2020, value: 100}, target: {year: 2025, value: 10}, source: 一（三）}
history:
  - {indicator: va, scope: pref, period: "2018", value: 90, source: 图1}
  - {indicator: va, scope: pref, period: "2019", value: 95, source: 图1}
  - {indicator: va, scope: pref, period: "2020", value: 100, source: 图1}
"""


@pytest.fixture(scope="module")
def plan() -> Plan:
    return parse_plan(PLAN)


def obs(indicator: str, period: str, value: float, measure: Measure = Measure.LEVEL, *, scope: str = "pref",
        source: str = "统计公报") -> Observation:
    return Observation(indicator, scope, Period.parse(period), value, measure, source=source)


def one(plan: Plan, rows: list[Observation], as_of: str, target: str) -> Assessment:
    results = assess_plan(plan, ObservationTable.of(rows), Period.parse(as_of))
    return next(a for a in results if a.target_id == target)


VA = [obs("va", "2021", 115), obs("va", "2022", 130), obs("va", "2023", 145), obs("va", "2024", 160)]


# -- level targets --------------------------------------------------------------------------------
def test_level_flow_at_year_end(plan: Plan) -> None:
    a = one(plan, VA, "2024Q4", "va_level")
    # completion (160 − 100)/(200 − 100) = 60 %; time 48/60 = 80 %; gap −20 百分点
    assert a.latest == 160 and a.latest_period == "2024" and a.value_basis == "level"
    assert a.completion == pytest.approx(0.6) and a.time_elapsed == pytest.approx(0.8)
    assert a.gap_pp == pytest.approx(-20)
    # actual CAGR 1.6^(1/4) − 1 = 12.468 %; still required 200/160 − 1 = 25 %; path 100·2^0.8 = 174.11
    assert a.actual_growth == pytest.approx(0.124683, abs=1e-6)
    assert a.required_growth == pytest.approx(0.25)
    assert a.expected == pytest.approx(174.1101, abs=1e-4)
    # ratio 0.1246827 / (2^(1/5) − 1 = 0.1486984) = 0.838494 → 0.60 ≤ v < 0.95: needs acceleration
    assert a.progress_value == pytest.approx(0.838494, abs=1e-6)
    assert a.method == "cagr_ratio"
    assert a.status is Status.NEEDS_ACCELERATION and a.warning is WarningLevel.YELLOW and a.grade_zh == "相对滞后"
    # score 7.1429·0.838494 − 4.2857 = 1.70353
    assert a.score == pytest.approx(7.1429 * 0.838494 - 4.2857, abs=1e-5)
    # projections: compound 160·1.124683 = 179.95; fitted on 2018–2024 (7 points) with a probability
    methods = [p.method for p in a.projections]
    assert methods == ["compound_trend", "fitted_trend"]
    assert a.projection == pytest.approx(179.949, abs=1e-3)
    assert a.probability is not None and 0 <= a.probability < 0.5
    assert a.inputs["baseline"]["source"] == "plan"
    assert a.inputs["cagr_ratio"]["thresholds"] == {"high": 0.95, "med": 0.6, "low": 0.0}
    assert a.sources == ["统计公报"]  # the baseline is the plan's own number; the fit's points are in its inputs


def test_level_flow_mid_year_shows_the_ytd_and_judges_the_year_it_points_to(plan: Plan) -> None:
    rows = [
        *VA,
        obs("va", "2023Q2", 70, Measure.YTD),
        obs("va", "2024Q2", 76, Measure.YTD),
        obs("va", "2025Q2", 85, Measure.YTD),
    ]
    a = one(plan, rows, "2025Q2", "va_level")
    # 本期完成 is the 1—6月 cumulative 85 (not the 2024 total 160)
    assert a.period_value == 85 and a.period_value_period == "2025Q2" and a.period_value_basis == "ytd"
    # judged on the year it points to: 85 / 0.4788793 = 177.4977 for 2025, time at the end of 2025 (60/60);
    # completion (177.4977 − 100)/(200 − 100) = 77.4977 %
    assert a.latest_period == "2025" and a.value_basis == "ytd_estimate"
    assert a.latest == pytest.approx(177.4986, abs=1e-3) and a.time_elapsed == pytest.approx(1.0)
    assert a.completion == pytest.approx(0.774977, abs=1e-6)
    # CAGR (1.774977)^(1/5) − 1 = 12.162 % against 2^(1/5) − 1 = 14.870 %: ratio 0.8179 → needs acceleration
    assert a.actual_growth == pytest.approx(1.774977 ** 0.2 - 1, abs=1e-6)
    assert a.status is Status.NEEDS_ACCELERATION
    est = a.inputs["annual_estimate"]
    # usual share of 1—6月: (70/145 + 76/160)/2 = (0.482759 + 0.475)/2 = 0.478879; 85/0.478879 = 177.50
    assert est["basis"] == "seasonal" and est["years"] == [2024, 2023]
    assert est["share"] == pytest.approx(0.478879, abs=1e-6)
    assert est["value"] == pytest.approx(177.4986, abs=1e-3)
    assert a.time_basis == "linear"
    assert any("推算全年" in n for n in a.notes)


def test_level_flow_mid_year_linear_estimate_without_history(plan: Plan) -> None:
    a = one(plan, [*VA, obs("va", "2025-03", 45, Measure.YTD)], "2025-03", "va_level")
    # no earlier 1—3月 values: 45 / (3/12) = 180
    est = a.inputs["annual_estimate"]
    assert est["basis"] == "linear" and est["share"] == 0.25 and est["value"] == 180


def test_growth_only_year_chains_on_the_last_level(plan: Plan) -> None:
    rows = [obs("va", "2021", 110), obs("va", "2022", 10, Measure.GROWTH)]
    a = one(plan, rows, "2022", "va_level")
    # 110 × (1 + 10 %) = 121
    assert a.latest == pytest.approx(121) and a.value_basis == "chained_growth"
    assert any("由增速推算" in n for n in a.notes)


def test_stock_at_a_quarter(plan: Plan) -> None:
    a = one(plan, [obs("firms", "2024Q3", 16, scope="cty")], "2024Q4", "firms_level")
    # 2024Q3: time 45/60 = 75 %; completion (16 − 10)/10 = 60 %; CAGR over 3.75 years
    assert a.latest_period == "2024Q3" and a.time_elapsed == pytest.approx(0.75)
    assert a.completion == pytest.approx(0.6) and a.gap_pp == pytest.approx(-15)
    # a count has no % growth: +6家 over 3.75 years = 1.6家/yr done; (20 − 16)/1.25 = 3.2家/yr still needed
    assert a.actual_growth is None and a.required_growth is None
    assert a.actual_change_per_year == pytest.approx(1.6) and a.required_change_per_year == pytest.approx(3.2)
    assert a.remaining == 4 and a.months_left == 15
    assert any("最新数据为2024年第三季度" in n for n in a.notes)


def test_share_at_least_achieved_and_grade(plan: Plan) -> None:
    a = one(plan, [obs("share", "2023", 31)], "2023", "share_t")
    assert a.status is Status.ACHIEVED and a.warning is WarningLevel.GREEN and a.grade_zh == "提前实现"
    assert a.score == 5 and a.inputs["change_pp"] == pytest.approx(11)
    late = one(plan, [obs("share", "2025", 31)], "2025", "share_t")
    assert late.grade_zh == "已实现"


def test_a_share_moves_in_percentage_points(plan: Plan) -> None:
    # 20 (2020) → 23.1 (2022) against 30 (2025): +3.1 pp over 2 years = 1.55 pp/yr done,
    # (30 − 23.1)/3 = 2.3 pp/yr still needed; no % growth for a share
    a = one(plan, [obs("share", "2022", 23.1)], "2022", "share_t")
    assert a.actual_growth is None and a.required_growth is None
    assert a.actual_change_pp_per_year == pytest.approx(1.55) and a.required_change_pp_per_year == pytest.approx(2.3)
    # the check, 22.7 (2020) → 23.1 (2022) against 32 (2025): 0.20 pp/yr done, 2.97 pp/yr needed
    b = one(plan, [obs("share", "2020", 22.7), obs("share", "2022", 23.1)], "2022", "share_t")
    assert b.actual_change_pp_per_year == pytest.approx(1.55)  # the plan's baseline (20) wins over the data's 2020
    six = one(plan, [obs("share", "2025-06", 26.0), obs("share", "2025-06", 26.0, Measure.YTD)], "2025Q2", "share_t")
    # half a year left: no yearly rate, 30 − 26 = 4 pp still needed in 6 months
    assert six.required_change_pp_per_year is None and six.remaining == pytest.approx(4) and six.months_left == 6


def test_on_track_ahead_reads_faster_than_expected(plan: Plan) -> None:
    # share 20 → 27 by 2023: completion 70 % > time 60 %; ratio (1.35^(1/3) − 1)/(1.5^(1/5) − 1) = 1.1918 → on track
    a = one(plan, [obs("share", "2023", 27)], "2023", "share_t")
    assert a.status is Status.ON_TRACK and a.gap_pp == pytest.approx(10) and a.grade_zh == "快于预期"
    b = one(plan, [obs("share", "2023", 25.8)], "2023", "share_t")
    # completion 58 % < 60 %, ratio (1.29^(1/3) − 1)/0.084472 = 0.9996 → on track but behind: 基本符合预期
    assert b.status is Status.ON_TRACK and b.gap_pp < 0 and b.grade_zh == "基本符合预期"


def test_zero_baseline_falls_back_to_completion_ratio(plan: Plan) -> None:
    a = one(plan, [obs("parks", "2023", 1, scope="cty")], "2023", "parks_t")
    # no CAGR from 0: completion 1/2 = 50 % against time 60 % → ratio 0.8333 → needs acceleration
    assert a.method == "completion_ratio" and a.progress_value == pytest.approx(0.5 / 0.6)
    assert a.status is Status.NEEDS_ACCELERATION
    assert any("基期值为0" in n for n in a.notes)


def test_baseline_from_data_when_the_plan_has_none(plan: Plan) -> None:
    a = one(plan, [obs("tax", "2020", 30), obs("tax", "2023", 40)], "2023", "tax_t")
    # baseline 30 (2020, data): completion (40 − 30)/(50 − 30) = 50 %
    assert a.baseline == 30 and a.baseline_year == 2020 and a.inputs["baseline"]["source"] == "data"
    assert a.completion == pytest.approx(0.5) and a.method == "cagr_ratio"


def test_range_target(plan: Plan) -> None:
    met = one(plan, [obs("platforms", "2024", 4)], "2024", "plat_t")
    assert met.status is Status.ACHIEVED
    above = one(plan, [obs("platforms", "2024", 6)], "2024", "plat_t")
    assert above.status is Status.ACHIEVED and any("区间上限" in n for n in above.notes)
    single = one(plan, [obs("platforms", "2024", 2)], "2024", "plat_t")
    assert single.status is Status.NOT_ASSESSABLE and single.completion is None
    path = one(plan, [obs("platforms", "2021", 1), obs("platforms", "2023", 2)], "2023", "plat_t")
    # no baseline: the path from 2021 (1) to 3 by 2025: (2/1)^(1/2) − 1 = 41.42 % vs (3/1)^(1/4) − 1 = 31.61 % → 1.310
    assert path.method == "cagr_ratio_from_first" and path.completion is None
    assert path.progress_value == pytest.approx((2**0.5 - 1) / (3**0.25 - 1))
    assert path.status is Status.ON_TRACK


# -- cumulative targets ------------------------------------------------------------------------------
CUM = [obs("newfirms", "2021", 20), obs("newfirms", "2022", 25), obs("newfirms", "2023", 15),
       obs("newfirms", "2024Q3", 12, Measure.YTD)]


def test_cumulative_with_current_year_to_date(plan: Plan) -> None:
    a = one(plan, CUM, "2024Q3", "new_cum")
    # Σ = 20 + 25 + 15 + 12 = 72; completion 72 %; time 45/60 = 75 %; gap −3; ratio 0.96 → on track
    assert a.latest == 72 and a.latest_period == "2024Q3" and a.value_basis == "cumulative_sum"
    assert a.completion == pytest.approx(0.72) and a.time_elapsed == pytest.approx(0.75)
    assert a.gap_pp == pytest.approx(-3)
    assert a.progress_value == pytest.approx(0.96) and a.status is Status.ON_TRACK
    assert a.grade_zh == "基本符合预期"
    assert a.expected == pytest.approx(75)
    assert a.projections[0].method == "linear_pace" and a.projection == pytest.approx(96)


def test_cumulative_at_year_end_has_the_cumulative_method_rate(plan: Plan) -> None:
    a = one(plan, CUM[:3], "2023", "new_cum")
    # Σ 60 after 36/60 months → completion 60 % = time; remaining 40 over 2 years from a = 15:
    # 15(1+g) + 15(1+g)^2 = 40 → g = 0.1187
    assert a.completion == pytest.approx(0.6) and a.status is Status.ON_TRACK
    g = a.inputs["cumulative_method_rate"]
    assert g is not None and 15 * (1 + g) + 15 * (1 + g) ** 2 == pytest.approx(40)
    # a five-year total has no % growth in the result: 60 in 3 years = 20家/yr done, 40/2 = 20家/yr needed
    assert a.actual_growth is None and a.required_growth is None
    assert a.actual_change_per_year == pytest.approx(20) and a.required_change_per_year == pytest.approx(20)


def test_cumulative_from_months(plan: Plan) -> None:
    rows = [obs("newfirms", f"2021-{m:02d}", 2) for m in range(1, 13)]
    a = one(plan, rows, "2021", "new_cum")
    # 12 × 2 = 24 of 100 after 12/60
    assert a.latest == 24 and a.inputs["yearly"] == {"2021": 24}


def test_cumulative_with_a_missing_year_is_not_assessable(plan: Plan) -> None:
    a = one(plan, [obs("newfirms", "2021", 20), obs("newfirms", "2023", 15)], "2023", "new_cum")
    assert a.status is Status.NOT_ASSESSABLE and a.completion is None
    assert a.inputs["missing_years"] == [2022] and any("2022年" in n for n in a.notes)


# -- yearly rates ---------------------------------------------------------------------------------
DECLINE = [obs("decline", "2021", 2.5), obs("decline", "2022", 1.0), obs("decline", "2023", 1.9)]


def test_yearly_decline_chained(plan: Plan) -> None:
    a = one(plan, DECLINE, "2023", "decline_t")
    # index 0.975·0.99·0.981 = 0.946925 → cumulative 5.31 %; average 1 − 0.946925^(1/3) = 1.80 %;
    # required 1 − 0.9^(1/5) = 2.085 %; ratio 0.8642 → needs acceleration; log share ln(0.946925)/ln(0.9)·... :
    # Y = ln 0.946925 / ln 0.9^(1/5) = 2.5888, completion Y/5 = 51.78 % vs time 60 %.
    chained = a.inputs["chained"]
    assert chained["index"] == pytest.approx(0.975 * 0.99 * 0.981)
    assert a.actual_growth == pytest.approx(1 - (0.975 * 0.99 * 0.981) ** (1 / 3))
    assert a.completion == pytest.approx(math.log(0.975 * 0.99 * 0.981) / math.log(0.9) , abs=1e-9)
    assert a.time_elapsed == pytest.approx(0.6)
    assert a.progress_value == pytest.approx(0.864169, abs=1e-6)
    assert a.status is Status.NEEDS_ACCELERATION
    # remaining: 1 − 0.9/0.946925 = 4.955 % over two years → 1 − (0.9/0.946925)^(1/2) = 2.509 %/yr
    assert a.required_growth == pytest.approx(1 - (0.9 / (0.975 * 0.99 * 0.981)) ** 0.5)
    # 晴雨表 on 2023: 1.9 vs 2 → short by 5 % → yellow
    assert a.warning is WarningLevel.YELLOW and a.inputs["barometer"]["actual"] == 1.9
    assert a.latest == 1.9 and a.value_basis == "yearly_rates"


def test_yearly_decline_barometer_red_and_partial_year(plan: Plan) -> None:
    red = one(plan, [*DECLINE[:2], obs("decline", "2023", 1.5)], "2023", "decline_t")
    assert red.warning is WarningLevel.RED  # short by 25 %
    partial = one(plan, [*DECLINE, obs("decline", "2024Q3", 2.1)], "2024Q3", "decline_t")
    # the chain uses full years; the colour uses this year so far (2.1 ≥ 2 → green)
    assert partial.inputs["barometer"]["period"] == "2024Q3" and partial.warning is WarningLevel.GREEN
    assert partial.inputs["chained"]["years"] == 3


def test_yearly_count_about(plan: Plan) -> None:
    rows = [obs("scenes", "2021", 10), obs("scenes", "2022", 9), obs("scenes", "2023", 11)]
    a = one(plan, rows, "2023", "scenes_t")
    # Σ 30 against 10 × 3 years = 30 by now (completion 30/50 = 60 % = time) → on track;
    # 2022 had 9 < 9.5 (10 左右 with ±5 %) → noted
    assert a.latest == 30 and a.completion == pytest.approx(0.6) and a.status is Status.ON_TRACK
    assert a.inputs["years_met"] == {"2021": True, "2022": False, "2023": True}
    assert any("2022年未达到每年10个" in n for n in a.notes)


# -- relative targets -------------------------------------------------------------------------------
def test_relative_to_the_province(plan: Plan) -> None:
    met = one(plan, [obs("net", "2023", 80), obs("net", "2023", 78, scope="prov")], "2023", "rel_t")
    assert met.status is Status.ACHIEVED and met.completion is None and met.grade_zh == "基本符合预期"
    assert met.inputs["comparison"]["difference"] == pytest.approx(2)
    behind = one(plan, [obs("net", "2023", 76), obs("net", "2023", 78, scope="prov")], "2023", "rel_t")
    assert behind.status is Status.NEEDS_ACCELERATION and behind.warning is WarningLevel.YELLOW
    missing = one(plan, [obs("net", "2023", 76)], "2023", "rel_t")
    assert missing.status is Status.NO_DATA and any("缺少比较数据" in n for n in missing.notes)


def test_relative_to_last_year(plan: Plan) -> None:
    a = one(plan, [obs("loans", "2022", 12), obs("loans", "2023", 11)], "2023", "loan_t")
    # 2023 (11 %) below 2022 (12 %)
    assert a.status is Status.NEEDS_ACCELERATION and a.inputs["comparison"]["period"] == "2022"


# -- general rules ------------------------------------------------------------------------------------
def test_not_assessed_and_no_data(plan: Plan) -> None:
    results = {a.target_id: a for a in assess_plan(plan, ObservationTable(), Period.parse("2023"))}
    assert results["far_t"].status is Status.NOT_ASSESSABLE and results["far_t"].method == "not_assessed"
    assert results["share_t"].status is Status.NO_DATA and results["share_t"].warning is WarningLevel.NONE
    # only the plan's own 2020 history: no progress data yet
    assert results["va_level"].status is Status.NO_DATA
    assert len(results) == len(plan.targets)


def test_only_observations_up_to_as_of(plan: Plan) -> None:
    a = one(plan, VA, "2023Q4", "va_level")
    assert a.latest == 145 and a.latest_period == "2023"


def test_data_win_over_plan_history(plan: Plan) -> None:
    a = one(plan, [obs("va", "2020", 101), *VA], "2024", "va_level")
    fitted = next(p for p in a.projections if p.method == "fitted_trend")
    assert [2020.0, 101.0] in fitted.inputs["points"]


def test_synthetic_sources_are_flagged(plan: Plan) -> None:
    rows = [obs("share", "2023", 25, source="synthetic demo data")]
    a = one(plan, rows, "2023", "share_t")
    assert a.synthetic and a.sources == ["synthetic demo data"]
    assert not one(plan, [obs("share", "2023", 25)], "2023", "share_t").synthetic


def test_scope_and_indicator_filters(plan: Plan) -> None:
    results = assess_plan(plan, ObservationTable(), Period.parse("2023"), ["cty"])
    assert {a.target_id for a in results} == {"firms_level", "parks_t"}
    only = assess_plan(plan, ObservationTable(), Period.parse("2023"), indicators=["va"])
    assert [a.target_id for a in only] == ["va_level"]


def test_eustat_profile_changes_only_the_bands(plan: Plan) -> None:
    results = assess_plan(plan, ObservationTable.of(VA), Period.parse("2024"), indicators=["va"], profile="eustat")
    a = results[0]
    assert a.inputs["profile"] == "eustat" and a.inputs["cagr_ratio"]["status_name"] == "moderate_progress"
    # Eustat score: 5/0.7 · (0.838494 − 0.6) = 1.70353
    assert a.score == pytest.approx(5 / 0.7 * (0.838494 - 0.6), abs=1e-5)


def test_to_dict_is_json_ready(plan: Plan) -> None:
    import json

    results = assess_plan(plan, ObservationTable.of([*VA, *CUM, *DECLINE]), Period.parse("2024Q3"))
    text = json.dumps([a.to_dict() for a in results], ensure_ascii=False, allow_nan=False)
    assert "completion" in text


# -- group totals and average growth -------------------------------------------------------------------
def test_group_sums_its_members(plan: Plan) -> None:
    rows = [obs("output", "2023", 7, scope="cty"), obs("output", "2023", 6, scope="cty2"),
            obs("output", "2024", 8, scope="cty")]
    a = one(plan, rows, "2024", "grp_t")
    # 2024 lacks 乙县, so the latest complete total is 2023: 7 + 6 = 13 → completion (13 − 10)/10 = 30 %
    assert a.latest == 13 and a.latest_period == "2023" and a.value_basis == "sum_of_members"
    assert a.completion == pytest.approx(0.3)
    own = one(plan, [*rows, obs("output", "2024", 15, scope="grp")], "2024", "grp_t")
    assert own.latest == 15 and own.value_basis == "level"  # the group's own value wins


def test_average_growth_target(plan: Plan) -> None:
    rows = [obs("gva", "2021", 12, Measure.GROWTH), obs("gva", "2022", 8, Measure.GROWTH)]
    a = one(plan, rows, "2022", "gva_t")
    # 1.12 · 1.08 = 1.2096 → average 9.98 %/yr against 10 %: ratio 0.99815 → on track;
    # log share ln 1.2096 / ln 1.1 / 5 = 0.39930 against 24/60
    assert a.method == "chained_rates" and a.status is Status.ON_TRACK
    assert a.actual_growth == pytest.approx(1.2096**0.5 - 1)
    assert a.progress_value == pytest.approx((1.2096**0.5 - 1) / 0.1)
    assert a.completion == pytest.approx(math.log(1.2096) / math.log(1.1) / 5)
    assert a.time_elapsed == pytest.approx(0.4)
    levels = one(plan, [obs("gva", "2020", 100), obs("gva", "2021", 110)], "2021", "gva_t")
    # no published rate: 110/100 − 1 = 10 % from levels, noted as nominal
    assert levels.inputs["rates"] == {"2021": pytest.approx(10.0)}
    assert any("名义增速" in n for n in levels.notes)


def test_fitted_trend_of_a_stock_uses_its_latest_month_end_level(plan: Plan) -> None:
    rows = [obs("firms", y, v, scope="cty") for y, v in (("2021", 12), ("2022", 13), ("2023", 15), ("2024", 16))]
    rows.append(obs("firms", "2025-06", 19, scope="cty"))
    a = one(plan, rows, "2025-06", "firms_level")
    fitted = next(p for p in a.projections if p.method == "fitted_trend")
    # OLS of ln y on t over the year-ends (2021, 12) (2022, 13) (2023, 15) (2024, 16) and (2024.5, 19)
    # (the plan's baseline is not an observation here): 2025-06 ends half a year before the end of
    # 2025, so t = 2024.5. Slope 0.122192 (13.0 %/yr), ŷ(2025.0) = 19.136; from the year-ends alone
    # it would be 17.89 — below the 19 already counted.
    assert fitted.inputs["points"][-1] == [2024.5, 19.0]
    assert fitted.value == pytest.approx(19.1364, abs=1e-3)
    assert fitted.inputs["slope_log"] == pytest.approx(0.122192, abs=1e-5)
