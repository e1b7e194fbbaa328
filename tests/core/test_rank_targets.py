"""Annual assessment targets: the file format (all problems at once, located, Chinese) and derivation."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.assess.assessment_targets import AnnualTarget, AnnualTargets, read_assessment_targets
from planwatch.assess.rank_config import load_rank_config
from planwatch.assess.rank_targets import NoTarget, ResolvedTarget, required_change, resolve_target
from planwatch.domain.enums import Measure, TargetOrigin
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.domain.problems import ProblemsError
from planwatch.plan.load import Plan, load_plan

RANK = Path(__file__).resolve().parents[1] / "fixtures" / "rank"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def messages(exc: ProblemsError) -> list[tuple[str, str]]:
    return [(str(p.location).replace(str(RANK) + "/", ""), p.message()) for p in exc.problems]


def test_csv_errors_all_at_once(plan: Plan) -> None:
    with pytest.raises(ProblemsError) as err:
        read_assessment_targets([RANK / "targets_errors.csv"], plan)
    assert messages(err.value) == [
        ("targets_errors.csv:3 [县市区]", "规划中没有县市区或园区「吉首经济区」（是否为：吉首经开区、吉首市？）"),
        ("targets_errors.csv:4 [指标]", "规划中没有指标「工业税费」（是否为：工业税收（全口径）、工业税收（不含烟）、工业投资？）"),
        ("targets_errors.csv:5 [年份]", "年份「二〇二四」无效：应为 2000—2100 之间的整数年份"),
        ("targets_errors.csv:6 [目标值]", "目标值「约2亿」不是数字"),
        ("targets_errors.csv:8 [目标值]", "目标值「8%」带 %，但该指标单位是亿元：增速目标请在口径列写 growth"),
        ("targets_errors.csv:9 [县市区]", "「湘西州」是州，不参加本级考核排名"),
        ("targets_errors.csv:11 [目标值]", "「目标值」不能为空"),
        ("targets_errors.csv:12 [口径]", "口径「指数」无效：可选 level（水平值）或 growth（增速，%）"),
        ("targets_errors.csv:10", "jishou / industrial_tax / 2024 年的目标重复（第一次出现在 " + str(RANK / "targets_errors.csv") + ":2）"),
    ]


def test_yaml_errors(plan: Plan) -> None:
    with pytest.raises(ProblemsError) as err:
        read_assessment_targets([RANK / "targets_errors.yaml"], plan)
    assert [(p.code, p.location.line) for p in err.value.problems] == [
        ("RANK_TARGETS_COLUMN_UNKNOWN", 3),
        ("RANK_TARGETS_FIELD_MISSING", 2),
    ]


def test_yaml_ok_names_aliases_and_ids(plan: Plan) -> None:
    t = read_assessment_targets([RANK / "targets_ok.yaml"], plan)
    assert len(t) == 3
    va = t.get("jishou", "scale_industrial_va", 2024)
    assert va is not None and (va.value, va.measure, va.source) == (8.5, Measure.GROWTH, "州政府2024年考核办法")
    assert t.get("xiangxi_hitech", "informatization_index", 2024) == AnnualTarget(
        "xiangxi_hitech", "informatization_index", 2024, 58.0, note="含园区企业", origin=str(RANK / "targets_ok.yaml") + ":5"
    )


def test_unsupported_and_missing_files(plan: Plan, tmp_path: Path) -> None:
    bad = tmp_path / "targets.xls"
    bad.write_text("x", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("county,indicator,year,target\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as err:
        read_assessment_targets([bad, tmp_path / "nowhere.csv", empty], plan)
    assert [p.code for p in err.value.problems] == ["RANK_TARGETS_FORMAT", "RANK_TARGETS_NOT_FOUND", "RANK_TARGETS_EMPTY"]


def test_csv_round_trip(plan: Plan, tmp_path: Path) -> None:
    t = AnnualTargets.of([AnnualTarget("luxi", "industrial_tax", 2024, 2.25, source="办法"), AnnualTarget("luxi", "scale_industrial_va", 2024, 8, Measure.GROWTH)])
    t.write_csv(tmp_path / "t.csv")
    again = read_assessment_targets([tmp_path / "t.csv"], plan)
    assert [(x.scope, x.indicator, x.value, x.measure, x.source) for x in again] == [
        ("luxi", "industrial_tax", 2.25, Measure.LEVEL, "办法"),
        ("luxi", "scale_industrial_va", 8.0, Measure.GROWTH, ""),
    ]


# -- derivation on the bundled plan ---------------------------------------------------------------
def resolve(plan: Plan, indicator: str, scope: str, as_of: str, table: ObservationTable | None = None,
            targets: AnnualTargets | None = None) -> ResolvedTarget | NoTarget:
    rule = load_rank_config(None, plan).rule(indicator)
    return resolve_target(plan, rule, scope, Period.parse(as_of), targets or AnnualTargets(), table or ObservationTable())


def test_table3_count_on_the_compound_path(plan: Plan) -> None:
    t = resolve(plan, "scale_enterprises", "jishou", "2024")
    # 吉首市 35 (2020) → 65 (2025): 35 × (65/35)^(4/5) = 35 × 1.6408778 = 57.430724
    assert isinstance(t, ResolvedTarget)
    assert t.value == pytest.approx(35 * (65 / 35) ** 0.8) and t.value == pytest.approx(57.430724, abs=1e-6)
    assert t.origin is TargetOrigin.PLAN_PATH and t.derived and t.source == "表3"
    assert t.arithmetic == "35 × (65/35)^(4/5) = 57.4307"
    # a stock mid-year moves along the path month by month: 2024Q2 is 3.5 years after 2020
    q2 = resolve(plan, "scale_enterprises", "jishou", "2024Q2")
    assert isinstance(q2, ResolvedTarget) and q2.value == pytest.approx(35 * (65 / 35) ** 0.7)


def test_table3_new_entries_split_by_year(plan: Plan) -> None:
    t = resolve(plan, "new_scale_enterprises", "fenghuang", "2024")
    # 凤凰县 25 new over 2021–2025 → 25 ÷ 5 = 5 a year
    assert isinstance(t, ResolvedTarget) and t.value == 5 and t.origin is TargetOrigin.PLAN_SPLIT
    assert t.arithmetic == "25 ÷ 5 = 5"
    q3 = resolve(plan, "new_scale_enterprises", "fenghuang", "2024Q3")
    # a flow before the year end is pro-rated: 5 × 9/12 = 3.75
    assert isinstance(q3, ResolvedTarget) and q3.value == pytest.approx(3.75) and q3.time_share == 0.75


def test_required_growth_of_the_prefecture(plan: Plan) -> None:
    assert required_change(plan.target("t1_11"))[:2] == ("growth", pytest.approx((25 / 12.6) ** 0.2 - 1))  # type: ignore[index]
    # 招商引资项目: five-year totals [117] → [200]: (200/117)^(1/5) − 1 = 11.3189%
    assert required_change(plan.target("t1_15"))[1] == pytest.approx(0.113188796)  # type: ignore[index]
    # 研发投入占比 is a share: (2.5 − 2.25)/5 = +0.05 百分点 a year
    assert required_change(plan.target("t1_12"))[:2] == ("pp", pytest.approx(0.05))  # type: ignore[index]


def test_prefecture_growth_on_the_previous_year(plan: Plan) -> None:
    table = ObservationTable.of([Observation("industrial_tax", "luxi", Period.year_of(2023), 2.0)])
    t = resolve(plan, "industrial_tax", "luxi", "2024", table)
    # 2.0 × (1 + 14.6869%) = 2.293738
    assert isinstance(t, ResolvedTarget) and t.origin is TargetOrigin.PREFECTURE_GROWTH
    assert t.value == pytest.approx(2.0 * (25 / 12.6) ** 0.2)
    assert t.arithmetic == "2 × (1 + 14.6869%) = 2.2937；(25/12.6)^(1/5) − 1 = 14.6869%"
    share = resolve(plan, "rd_intensity_scale", "luxi", "2024",
                    ObservationTable.of([Observation("rd_intensity_scale", "luxi", Period.year_of(2023), 1.8)]))
    # a share adds the points: 1.8 + 0.05 = 1.85
    assert isinstance(share, ResolvedTarget) and share.value == pytest.approx(1.85)


def test_growth_target_when_the_county_publishes_growth(plan: Plan) -> None:
    table = ObservationTable.of([Observation("scale_industrial_va", "luxi", Period.year_of(2024), 7.5, Measure.GROWTH)])
    t = resolve(plan, "scale_industrial_va", "luxi", "2024", table)
    # (180/122)^(1/5) − 1 = 8.0893%
    assert isinstance(t, ResolvedTarget) and t.measure is Measure.GROWTH and t.value == pytest.approx(8.0892578)


def test_no_previous_year_no_target(plan: Plan) -> None:
    t = resolve(plan, "tech_renovation_investment", "luxi", "2024")
    assert isinstance(t, NoTarget) and t.reason == "没有给定目标，也没有2023年的数值可按全州要求增速推算"
    t2 = resolve(plan, "informatization_index", "luxi", "2024")
    assert isinstance(t2, NoTarget) and t2.reason == "没有给定目标，也没有2023年的数值可按上年水平推算"


def test_explicit_target_wins_and_stock_moves_between_year_ends(plan: Plan) -> None:
    targets = AnnualTargets.of([AnnualTarget("jishou", "scale_enterprises", 2024, 60)])
    year = resolve(plan, "scale_enterprises", "jishou", "2024", targets=targets)
    assert isinstance(year, ResolvedTarget) and year.value == 60 and year.origin is TargetOrigin.EXPLICIT
    # mid-year: between the derived 2023 year-end target 35 × (65/35)^(3/5) = 50.1868 and 60, at 6/12
    q2 = resolve(plan, "scale_enterprises", "jishou", "2024Q2", targets=targets)
    before = 35 * (65 / 35) ** 0.6
    assert isinstance(q2, ResolvedTarget) and q2.value == pytest.approx(before * (60 / before) ** 0.5)


def test_which_value_counts() -> None:
    from planwatch.assess.rank_values import unit_value

    sep, q3 = Period.parse("2024-09"), Period.parse("2024Q3")
    table = ObservationTable.of(
        [
            Observation("rd_intensity_scale", "luxi", sep, 3.1),  # September alone
            Observation("rd_intensity_scale", "luxi", sep, 2.4, Measure.YTD),  # 1—9月
            Observation("scale_enterprises", "luxi", sep, 31),
            Observation("industrial_tax", "luxi", sep, 0.2),
            Observation("industrial_tax", "luxi", sep, 1.9, Measure.YTD),
            Observation("scale_industrial_va", "luxi", sep, 6.5, Measure.GROWTH),  # September on September
            Observation("scale_industrial_va", "luxi", sep, 7.2, Measure.YTD_GROWTH),
        ]
    )
    # a ratio at a quarter is the share of the year so far, not of the last month
    ratio = unit_value(table, "rd_intensity_scale", "luxi", q3, "ratio")
    assert ratio is not None and (ratio.value, ratio.basis) == (2.4, "ytd")
    stock = unit_value(table, "scale_enterprises", "luxi", q3, "stock")
    assert stock is not None and (stock.value, stock.basis) == (31, "period_end")
    flow = unit_value(table, "industrial_tax", "luxi", q3, "flow")
    assert flow is not None and (flow.value, flow.basis) == (1.9, "ytd")
    growth = unit_value(table, "scale_industrial_va", "luxi", q3, "flow", Measure.GROWTH)
    assert growth is not None and (growth.value, growth.basis) == (7.2, "ytd_growth")
    # an older value never stands in for the period
    assert unit_value(table, "scale_enterprises", "luxi", Period.parse("2024Q4"), "stock") is None
