"""What the bulletin says, built from hand-made assessments; every expected string is worked by hand.

Time schedule at 2024Q4: 48 of 60 months = 80.0%. Completion of a level target:
(latest − baseline) ÷ (target − baseline); of a cumulative target: latest ÷ target.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from planwatch.assess.rank_results import IndicatorInfo, RankingResult, UnitRanking
from planwatch.assess.rank_stability import RankRange
from planwatch.assess.results import Assessment
from planwatch.domain.enums import MissingPolicy, RankMethod, Status, WarningLevel
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch.report.context import SYNTHETIC_NOTICE, RankingRow, RankingSummary, build_context
from planwatch.report.document import BarChart, Paragraph, Table, Tone, TrendChart

Make = Callable[..., Assessment]


def paragraphs(ctx: Any, key: str) -> list[str]:
    return [b.lead + b.text for b in ctx.section(key).blocks if isinstance(b, Paragraph)]


@pytest.fixture(scope="module")
def ctx(plan: Plan, assessments: list[Assessment]) -> Any:
    return build_context(plan, assessments, "2024Q4")


def test_title_period_and_section_order(ctx: Any) -> None:
    assert ctx.title == "湘西州“十四五”工业和信息化发展规划主要指标完成情况通报（2024年第四季度）"
    assert ctx.period_label == "2024年第四季度"
    assert [s.heading for s in ctx.sections] == [
        "一、总体情况",
        "二、主要指标完成情况",
        "三、县市区情况",
        "四、园区",
        "五、重点产业链",
        "六、预警与问题",
        "七、下一步工作建议",
    ]
    assert ctx.file_stem == "bulletin-xiangxi_2021_2025-2024Q4"
    assert not ctx.synthetic and ctx.notice is None
    # the warnings: the region's own items in detail, the others by scope (§4 layout)
    assert [t.caption.split("　")[0] for t in ctx.tables()] == ["表1", "表2", "表3", "表4", "表5", "表6"]
    assert [f.key for f in ctx.figures()] == ["status", "trend", "county_progress", "parks"]


def test_overview_counts_from_a_small_set(plan: Plan, make: Make) -> None:
    items = [
        make(plan, "t1_02", 262.5),  # (262.5−164.3)/(320−164.3) = 63.1% < 80% by 16.9 → 进展有限, red
        make(plan, "t1_03", 171.0),  # (171−122)/(180−122) = 84.5% → 进展顺利, green
        make(plan, "t1_13", 49.0),  # 49 ≥ 48 → 已实现, green
        make(plan, "t1_06", 29.9),  # (29.9−22.7)/(32−22.7) = 77.4%, −2.6 → 需加快, yellow
        make(plan, "t1_07", None),  # 无数据
    ]
    ctx = build_context(plan, items, "2024Q4")
    assert paragraphs(ctx, "overview")[:4] == [
        "截至2024年第四季度，本期对规划确定的5项量化目标进行了评估，其中4项有数据并作出判断：已实现1项、进展顺利1项、需加快1项、进展有限1项；另有暂无数据1项。",
        "按红黄绿灯预警，绿灯2项、黄灯1项、红灯1项。",
        "对照规划中期评估的等级用语，提前实现1项、基本符合预期1项、相对滞后1项、滞后1项。",
        # 表1 has 20 targets; 4 have a gap: 规模工业增加值 +4.5, 平台 +26.7 ahead; 工业增加值, 占GDP比重 behind
        "《规划》表1所列20项主要指标中，4项可与时序进度比较，其中2项达到或超过时序进度，2项低于时序进度。",
    ]
    assert ctx.status_counts[Status.ACHIEVED] == 1
    assert ctx.warning_counts[WarningLevel.RED] == 1
    chart = ctx.figures()[0].chart
    assert [(i.label, i.value) for i in chart.lights] == [("红灯", 1), ("黄灯", 1), ("绿灯", 2)]


def test_headline_sentences(ctx: Any) -> None:
    lines = paragraphs(ctx, "overview")
    # (262.5/164.3)^(1/4) − 1 = 1.597687^0.25 − 1 = 12.43% → 年均增长12.4%
    assert "2024年，湘西州工业增加值为262.5亿元（2025年目标320亿元），完成进度63.1%，低于时序进度16.9个百分点；2020年以来年均增长12.4%。" in lines
    # (171−122)/(180−122) = 49/58 = 84.48%; 84.48 − 80 = 4.48 → 4.5; (171/122)^(1/4) − 1 = 8.81%
    assert "2024年，湘西州规模工业增加值为171.0亿元（2025年目标180亿元），完成进度84.5%，超时序进度4.5个百分点；2020年以来年均增长8.8%。" in lines
    # the 工业总产值 target is 突破1000亿元: the comparator follows the unit
    assert any("（2025年目标1000亿元以上）" in line for line in lines)


def test_main_indicator_table(ctx: Any) -> None:
    table: Table = ctx.table("main")
    assert table.headers == ("指标", "单位", "2025年目标", "本期完成", "完成进度", "时序进度", "超/低于时序进度", "状态")
    # every 表1 target, in 序号 order, and under rows 1–4 and 11 their stated growth (5 sub-rows): 20 + 5
    assert len(table.rows) == 25
    # 工业总产值 is written two ways (△, Target.disputed): the row is marked and the note names both readings
    assert table.column("指标")[:4] == ["工业总产值△", "　其中：年均增长", "工业增加值", "　其中：年均增长"]
    # 工业增加值: 98.2/155.7 = 0.63070; 63.07 − 80 = −16.93
    assert table.row("工业增加值") == {
        "指标": "工业增加值", "单位": "亿元", "2025年目标": "320", "本期完成": "262.5", "完成进度": "63.1%",
        "时序进度": "80.0%", "超/低于时序进度": "低16.9", "状态": "进展有限",
    }
    # 工业总产值: (760−258)/(1000−258) = 502/742 = 67.65%; −12.35 → 低12.3 (half up on 12.345…: 12.3)
    assert table.row("工业总产值△")["2025年目标"] == "1000以上"
    assert table.row("工业总产值△")["超/低于时序进度"] == "低12.3"
    # 新增入规 is a five-year total: 420/500 = 84.0%, +4.0
    # two targets of 新增入规 (表1 序号5 and 表3 合计): the row names its source
    new = "新增入规工业企业数量（表1 序号5）△"
    assert table.row(new)["2025年目标"] == "累计500"
    assert table.row(new)["本期完成"] == "420"
    assert table.row(new)["超/低于时序进度"] == "超4.0"
    # 省级以上平台: (49−33)/(48−33) = 16/15 = 106.7%
    assert table.row("省级以上技术创新平台")["完成进度"] == "106.7%"
    assert table.row("省级以上技术创新平台")["状态"] == "已实现"
    # 5G基站 in 万个 keeps two decimals below 10: 1.12; (1.12−0.14)/1.7 = 57.6%
    assert table.row("5G基站数量")["本期完成"] == "1.12"
    assert table.row("互联网普及率")["2025年目标"] == "与湖南省同步"
    assert table.row("规模工业万元增加值能耗下降幅度")["2025年目标"] == "每年2"
    assert table.row("制造业增加值占GDP的比重")["状态"] == "无数据"
    status = {row[0].text: row[-1].tone for row in table.rows}
    assert status["工业增加值"] is Tone.RED and status["规模工业增加值"] is Tone.GREEN
    assert status["全部工业增加值占GDP的比重"] is Tone.YELLOW and status["5G覆盖率"] is Tone.GREY
    assert table.notes[0] == "时序进度按规划期已过月数所占比重（线性）计算；超/低于时序进度＝完成进度−时序进度，单位为百分点。"


def test_seasonal_schedule_is_marked_and_explained(plan: Plan, make: Make) -> None:
    a = make(plan, "t1_02", 250.0, time_elapsed=0.75, time_basis="seasonal")
    table = build_context(plan, [a], "2024Q4").table("main")
    assert table.row("工业增加值")["时序进度"] == "75.0%※"
    # (250−164.3)/155.7 = 55.04%; 55.04 − 75 = −19.96 → 低20.0
    assert table.row("工业增加值")["超/低于时序进度"] == "低20.0"
    assert table.notes[0].startswith("时序进度标“※”者按该指标以往年份同期累计占全年的比重（季节规律）计算")


def test_a_value_from_an_earlier_period_says_when(plan: Plan, make: Make) -> None:
    a = make(plan, "t1_04", 110.0, latest_period="2023")
    ctx = build_context(plan, [a], "2024Q4")
    assert ctx.table("main").row("工业投资")["本期完成"] == "110.0\n（2023年）"
    assert "本期完成栏括注时期的，为截至本期可得的最新数据。" in ctx.table("main").notes


def test_county_table_and_chart(ctx: Any) -> None:
    table: Table = ctx.table("counties")
    # 凤凰县: (22−12)/(37−12) = 40.0%; new entries 10/25 = 40.0%; both red
    assert table.row("凤凰县") == {
        "县市区": "凤凰县", "2020年": "12", "2025年目标": "37", "本期完成": "22", "完成进度": "40.0%",
        "五年新增目标": "25", "累计新增": "10", "新增完成进度": "40.0%", "状态": "进展有限",
    }
    # 古丈县: (38−20)/(43−20) = 78.3% → 需加快 (the worse of the two)
    assert table.row("古丈县")["状态"] == "需加快"
    assert table.notes[0] == "本期时序进度为80.0%。"
    chart = next(f.chart for f in ctx.figures() if f.key == "county_progress")
    assert isinstance(chart, BarChart)
    assert chart.reference == pytest.approx(80.0)
    assert chart.items[-1].label == "花垣县"  # (30−20)/30 = 33.3%, the lowest
    # no ranking given to the bulletin: it says so, then the units' targets (18 with data: 12 ahead, 6 behind)
    assert paragraphs(ctx, "counties")[:2] == [
        "本期未计算县市区考核综合排名。",
        "《规划》表3县市区规模工业企业培育目标涉及9个县市区（含湘西高新区），18项有数据的目标中，"
        "12项达到或超过时序进度，6项低于时序进度（花垣县、凤凰县、古丈县）。",
    ]


def test_ranking_rows_come_first_in_section_three(plan: Plan, assessments: list[Assessment]) -> None:
    rows = [
        RankingRow("jishou", "吉首市", 1, 92.456, True, 1, 2),
        RankingRow("luxi", "泸溪县", 2, 88.1, True, 1, 3),
        RankingRow("huayuan", "花垣县", 3, 61.04, False, 3, 3),
    ]
    ctx = build_context(plan, assessments, "2024Q4", ranking=rows)
    table = ctx.table("ranking")
    assert table.caption == "表2　县市区考核综合排名"
    assert table.row("1") == {"排名": "1", "县市区": "吉首市", "综合得分": "92.46", "考核达标": "达标", "排名区间（权重±20%）": "1—2"}
    assert table.row("3")["考核达标"] == "未达标"
    assert paragraphs(ctx, "counties")[0] == "按考核评价办法计算县市区综合得分，吉首市位列第一，花垣县位列第3；2个县市区考核达标（吉首市、泸溪县）。"
    keys = [f.key for f in ctx.figures()]
    assert keys.index("counties") < keys.index("county_progress")


def test_ranking_from_the_rank_module(plan: Plan, assessments: list[Assessment]) -> None:
    def unit(scope_id: str, name: str, rank: int, score: float, passed: bool) -> UnitRanking:
        return UnitRanking(
            scope_id=scope_id, name=name, name_en="", rank=rank, composite=score + 2, deduction=2.0, days_late=3.0,
            final_score=score, indicators=[], passed=passed, checks=[],
            rank_range=RankRange(base=rank, oat_min=rank, oat_max=rank + 1, mc_min=rank, mc_max=rank + 1, mc_same_share=0.9),
        )

    result = RankingResult(
        plan_id="xiangxi_2021_2025", level="county", year=2024, as_of="2024Q3", as_of_label_zh="2024年第三季度",
        method=RankMethod.WEIGHTED, cap=1.2, missing_policy=MissingPolicy.ZERO, pass_rule={}, timeliness={},
        stability={}, indicators=[IndicatorInfo("scale_industrial_va", "规模工业增加值", "规工", "%", 25.0, 25.0)],
        units=[unit("longshan", "龙山县", 1, 90.0, True), unit("baojing", "保靖县", 2, 70.5, False)],
        notes=["吉首市逾期报送3天，扣2分。"], synthetic=True,
    )
    summary = RankingSummary.from_result(result)
    assert summary.period == "2024年1—9月" and summary.method == "加权综合评分法"
    assert summary.indicators == ("规模工业增加值（权重25.0）",)
    ctx = build_context(plan, assessments, "2024Q3", ranking=result)
    assert ctx.synthetic  # the ranking used synthetic data, so the bulletin says so
    assert paragraphs(ctx, "counties")[0] == (
        "2024年1—9月，按加权综合评分法计算县市区综合得分，龙山县位列第一，保靖县位列第2；1个县市区考核达标（龙山县）。"
    )
    table = ctx.table("ranking")
    assert table.row("2") == {"排名": "2", "县市区": "保靖县", "综合得分": "70.50", "考核达标": "未达标", "排名区间（权重±20%）": "2—3"}
    assert table.notes == ("吉首市逾期报送3天，扣2分。",)
    none_met = [RankingRow("jishou", "吉首市", 1, 80.0, False), RankingRow("luxi", "泸溪县", 2, 70.0, False)]
    assert paragraphs(build_context(plan, assessments, "2024Q4", ranking=none_met), "counties")[0] == (
        "按考核评价办法计算县市区综合得分，吉首市位列第一，泸溪县位列第2；暂无县市区考核达标。"
    )


def test_parks(ctx: Any) -> None:
    table: Table = ctx.table("parks")
    # 合计: (759−304.76)/(1000−304.76) = 454.24/695.24 = 65.34%; −14.66 → 低14.7
    assert table.row("合计") == {
        "园区": "合计", "2020年": "304.76", "2025年目标": "1000", "本期完成": "759.0", "完成进度": "65.3%",
        "时序进度": "80.0%", "超/低于时序进度": "低14.7", "状态": "进展有限",
    }
    assert table.rows[-1][0].bold
    # 吉首经开区: (80−15.71)/(150−15.71) = 64.29/134.29 = 47.87%
    assert table.row("吉首经开区")["完成进度"] == "47.9%"
    assert paragraphs(ctx, "parks")[0].endswith("；园区合计759.0亿元，完成进度65.3%。")
    chart = next(f.chart for f in ctx.figures() if f.key == "parks")
    assert isinstance(chart, BarChart) and len(chart.items) == 9  # the total is not a bar
    assert chart.items[0].label == "永顺经开区"  # (55−27.91)/(60−27.91) = 84.4%, the highest


def test_chains(ctx: Any) -> None:
    table: Table = ctx.table("chains")
    assert len(table.rows) == 10
    # 新材料: no baseline, 200/310 = 64.5%; its four sub-industries, one red (锰 20/60 = 33.3%)
    assert table.row("绿色矿业及新材料") == {
        "产业链": "绿色矿业及新材料", "2025年目标": "310以上", "本期完成": "200.0", "完成进度": "64.5%",
        "时序进度": "80.0%", "超/低于时序进度": "低15.5", "状态": "进展有限", "链上其他目标": "9项（红灯1项）",
    }
    # 9 = the four sub-industries' outputs + 年均增速25%以上 + 国家级产业集群 + 省级/示范/专业园区 (2, 3, 4)
    lines = paragraphs(ctx, "chains")
    assert lines[0].startswith("规划实施产业链“链长制”，《规划》表4列出10项重点产业链产值目标")
    assert "绿色矿业及新材料产业链：锰及其新材料产值本期20.0亿元，完成进度33.3%，低于时序进度46.7个百分点（红灯）。" in lines


def test_warnings_list_the_numbers_that_triggered_them(ctx: Any) -> None:
    # the region's own red and yellow items in detail, with the 进展比值 that coloured them
    table: Table = ctx.table("warnings")
    assert table.headers == ("序号", "指标", "本期完成", "完成进度", "超/低于时序进度", "进展比值", "实际/所需年均", "状态")
    # 湘西州 first, the largest shortfall first: 园区占比 (55−51.2)/(80−51.2) = 13.2%, 13.2 − 80 = −66.8
    assert [c.text for c in table.rows[0][:5]] == ["1", "园区规模工业增加值占全部规模工业增加值的比重", "55.0%", "13.2%", "低66.8"]
    # a share paces in 百分点: (55 − 51.2)/4 = +0.95 a year done; 80 − 55 = 25 in the 12 months left
    assert table.rows[0][6].text == "+0.95个百分点；剩余12个月需提高25.0个百分点"
    row = next(r for r in table.rows if r[1].text == "工业增加值")
    # (320/262.5) − 1 = 21.90% still needed in the last year; 12.4% a year since 2020
    assert [c.text for c in row[2:5]] + [row[6].text] == ["262.5亿元", "63.1%", "低16.9", "12.4%/21.9%"]
    # the status word is the same as in the main table, in its light's colour
    main = ctx.table("main")
    assert row[7].text == main.row("工业增加值")["状态"] and row[7].tone is Tone.RED
    # the others, one row per scope, counted: every red and yellow item is in one of the two tables
    by_scope: Table = ctx.table("warnings_by_scope")
    counted = sum(int(r[1].text) for r in by_scope.rows if r[1].text != "—")
    counted += sum(int(r[3].text) for r in by_scope.rows if r[3].text != "—")
    assert len(table.rows) + counted == 16 + 6
    assert paragraphs(ctx, "warnings")[0] == (
        "本期亮红灯16项、黄灯6项；红灯目标中，州级5项、县市区4项、园区3项、产业链2项、合计1项、细分产业1项。"
        f"触发预警的数值见下表；其余{counted}项按范围汇总于后表，其数值见各部分的表。"
    )


def test_advice_is_arithmetic_on_the_findings(ctx: Any) -> None:
    lines = paragraphs(ctx, "advice")
    # a share: 80 − 55 = 25 points left in the 12 months 2025-01 … 2025-12
    assert lines[0] == "1．加快推进园区规模工业增加值占全部规模工业增加值的比重。剩余12个月需提高25.0个百分点才能实现2025年目标（80%以上）。"
    assert "3．加快推进工业增加值。需年均增长21.9%才能实现2025年目标（320亿元），2020年以来实际年均增长12.4%。" in lines
    # a count: 37 − 22 = 15家; a five-year total: 25 − 10 = 15家
    # (a year or less left: the amount itself, never a yearly rate)
    assert "7．加快推进凤凰县规模工业企业数。剩余12个月需新增15家才能实现2025年目标（37家）。" in lines
    assert "8．加快推进凤凰县新增入规工业企业数量。剩余12个月需新增15家才能实现2025年目标（累计25家）。" in lines
    # 16 red: 8 named, the other 8 counted
    assert "9．其余红灯目标。另有8项红灯目标（见预警清单），请责任单位逐项分析原因、制定措施。" in lines
    assert "11．发挥产业链“链长制”作用。绿色矿业及新材料、电子信息产业链有红灯目标，建议由对应产业链工作专班研究解决。" in lines
    # 68 before issue 7 §7, + the 47 assessed targets it added (48, less the unscored 千亿园区), none in the scenario
    assert lines[-1].startswith("12．完善数据报送。") and lines[-1].endswith("等115项目标本期暂无数据，请责任单位在下期通报前补报。")


def test_deterioration_says_it_fell_below_the_baseline(plan: Plan, make: Make) -> None:
    a = make(plan, "t1_03", 110.0)  # below the 2020 baseline of 122: completion < 0
    assert a.status is Status.DETERIORATION
    lines = paragraphs(build_context(plan, [a], "2024Q4"), "advice")
    assert lines[0].startswith("1．加快推进规模工业增加值。2024年为110.0亿元，低于2020年基期（122.0亿元），须扭转下滑态势；需年均增长63.6%")


def test_no_warnings_and_no_data_read_plainly(plan: Plan, make: Make) -> None:
    ctx = build_context(plan, [make(plan, "t1_03", 171.0)], "2024Q4")
    assert paragraphs(ctx, "warnings") == ["本期无红灯、黄灯目标。"]
    assert paragraphs(ctx, "advice") == ["本期各项目标未出现红灯、黄灯，建议保持现有推进力度。"]
    empty = build_context(plan, [], "2024Q4")
    assert paragraphs(empty, "overview") == ["截至2024年第四季度，暂无可评估的目标。"]
    assert "None" not in empty.text() and "nan" not in empty.text()


def test_synthetic_data_are_said_to_be_synthetic(plan: Plan, make: Make) -> None:
    ctx = build_context(plan, [make(plan, "t1_02", 262.5, synthetic=True)], "2024Q4")
    assert ctx.synthetic
    assert ctx.notice == SYNTHETIC_NOTICE
    assert ctx.footnotes[-1] == "本通报所用数据为合成演示数据（synthetic demo data），非真实统计，仅用于演示，不得引用。"
    forced = build_context(plan, [make(plan, "t1_02", 262.5)], "2024Q4", synthetic=True)
    assert forced.notice == SYNTHETIC_NOTICE


def test_footnotes_name_sources_and_method(ctx: Any) -> None:
    assert ctx.footnotes[0] == (
        "目标值出自《湘西州“十四五”工业和信息化发展规划》（湘西自治州人民政府办公室2021年12月27日印发）表1、表2、表3、表4及正文，每项目标均注明其在规划中的出处。"
    )
    assert ctx.footnotes[1] == "本期数据来源：湘西州统计局月报（测试）。"
    assert "规划期（2021年1月起共60个月）" in ctx.footnotes[2]
    assert "进展比值" in ctx.footnotes[3]
    # the official text names no command, file or method code name (the annex explains in words)
    assert not any(w in ctx.text() for w in ("planwatch", "docs/", "CAGR", ".md"))


def test_trend_chart_joins_history_observations_and_target_path(plan: Plan, make: Make) -> None:
    table = ObservationTable.of(
        [
            Observation("industrial_va", "xiangxi", Period.parse("2021"), 190.2, source="test"),
            Observation("industrial_va", "xiangxi", Period.parse("2023"), 236.0, source="test"),
            Observation("industrial_va", "jishou", Period.parse("2022"), 50.0, source="test"),  # another scope
        ]
    )
    a = make(plan, "t1_02", 180.0, latest_period="2024Q3", as_of="2024Q3")
    ctx = build_context(plan, [a], "2024Q3", observations=table)
    chart = next(f.chart for f in ctx.figures() if f.key == "trend")
    assert isinstance(chart, TrendChart)
    # the plan's 图1 data (2018 is not printed), the two yearly values, and the 1—9月 value drawn hollow
    assert [(p.year, p.value, p.partial) for p in chart.actual] == [
        (2015, 127.1, False), (2016, 132.1, False), (2017, 141.7, False), (2019, 158.3, False), (2020, 164.3, False),
        (2021, 190.2, False), (2023, 236.0, False), (2024, 180.0, True),
    ]
    assert chart.actual[-1].label == "2024年1—9月"
    years = [y for y, _ in chart.target_path]
    assert years == [2020, 2021, 2022, 2023, 2024, 2025]
    # compound path: 164.3 × (320/164.3)^(3/5) for 2023
    assert chart.target_path[3][1] == pytest.approx(164.3 * (320 / 164.3) ** 0.6)
    assert chart.target_path[-1][1] == pytest.approx(320)
    assert chart.target_label == "2025年目标320亿元"


def test_a_quarter_is_judged_by_its_seasonal_share(plan: Plan, make: Make) -> None:
    # 1—9月 160.5亿元; in the past five years 1—9月 was 70.3% of the year → 160.5 ÷ 0.703 = 228.3亿元 for 2024;
    # completion of that estimate (228.3 − 164.3) ÷ 155.7 = 41.1%; schedule at the end of 2024: 48/60 = 80.0%
    estimate = {
        "ytd_period": "2024-09", "ytd_value": 160.5, "month": 9, "share": 0.703, "basis": "seasonal",
        "years": [2023, 2022, 2021, 2020, 2019], "value": 160.5 / 0.703, "year": 2024,
        "completion": (160.5 / 0.703 - 164.3) / 155.7, "text": "2024年1—9月累计 160.5亿元，…推算全年约 228.31亿元",
    }
    a = make(
        plan, "t1_02", 211.3, as_of="2024Q3", latest_period="2023", time_elapsed=0.6,
        inputs={"annual_estimate": estimate}, notes=["最新数据为2023年，完成进度与时序进度均按该期计算", estimate["text"]],
    )
    ctx = build_context(plan, [a], "2024Q3")
    table = ctx.table("estimates")
    assert table.caption == "表2　主要指标2024年1—9月运行情况（按季节规律推算全年）"
    assert table.row("工业增加值") == {
        "指标": "工业增加值", "单位": "亿元", "1—9月累计": "160.5", "同期占全年比重": "70.3%", "比重依据": "季节（5年）",
        # (228.307 − 164.3) ÷ 155.7 = 41.11%; 41.11 − 80 = −38.89 → 低38.9
        "推算2024年": "228.3", "推算完成进度": "41.1%", "超/低于时序进度": "低38.9",
    }
    assert "2024年1—9月，湘西州工业增加值累计160.5亿元，按以往5年同期累计占全年70.3%的季节规律推算全年约228.3亿元，推算完成进度41.1%，低于时序进度38.9个百分点（2024年末时序进度80.0%）。" in paragraphs(ctx, "overview")
    # the main table keeps the engine's judgement on the 2023 value, and says so
    assert ctx.table("main").row("工业增加值")["本期完成"] == "211.3\n（2023年）"
    # the estimate's own note is not repeated under 六 (it has its table); the other caveat is
    notes = paragraphs(ctx, "warnings")[1:]
    assert notes == ["工业增加值：最新数据为2023年，完成进度与时序进度均按该期计算。"]
    # at a year end there is no estimate table
    assert "estimates" not in [t.key for t in build_context(plan, [a], "2024Q4").tables()]


def test_a_caveat_shared_by_several_items_is_said_once(plan: Plan, make: Make) -> None:
    items = [
        make(plan, "t1_13", 40.0, notes=["规划未给出基期值，取数据中2020年的值 38.01 作为基期值"]),
        make(plan, "t1_19", 0.9, notes=["规划未给出基期值，取数据中2020年的值 78.24 作为基期值"]),
        make(plan, "t1_17", 85.1, notes=["2024年湘西州 85.1%，低于湖南省2024年 88%"], status=Status.NEEDS_ACCELERATION),
    ]
    lines = paragraphs(build_context(plan, items, "2024Q4"), "warnings")
    assert lines[1:] == [
        "规划未给出基期值，取数据中2020年的值作为基期值：5G基站数量（78.24）、省级以上技术创新平台（38.01）。",
        "互联网普及率：2024年湘西州 85.1%，低于湖南省2024年 88%。",
    ]


def test_a_growth_target_reads_in_percent(plan: Plan, make: Make) -> None:
    # 表2 吉首经开区 年均增长59% (t2_jishou_edz_growth): its latest value is a growth rate, 6.7 %, never "6.7亿元"
    a = make(plan, "t2_jishou_edz_growth", 6.7, status=Status.LIMITED, warning=WarningLevel.RED)
    row = build_context(plan, [a], "2024Q4").table("warnings_by_scope").rows[0]
    assert [c.text for c in row[:3]] == ["吉首经开区", "1", "工业总产值年均增长"]
    g = make(plan, "t1_02_growth", 6.7, status=Status.LIMITED, warning=WarningLevel.RED)
    row = build_context(plan, [g], "2024Q4").table("warnings").rows[0]
    assert [c.text for c in row[1:3]] == ["工业增加值年均增长", "6.7%"]
