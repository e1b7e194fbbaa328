"""The bundled plan holds every quantitative target of the seed, with the numbers as written."""

from __future__ import annotations

import math

import pytest

from planwatch.domain.enums import Comparator, Nature, ScopeKind, TargetKind
from planwatch.plan.load import Plan, load_plan


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def test_table1_has_twenty_indicators(plan: Plan) -> None:
    ids = [t.id for t in plan.targets if t.id.startswith("t1_") and t.kind is not TargetKind.GROWTH]
    assert ids == [f"t1_{i:02d}" for i in range(1, 21)]
    t = plan.target("t1_02")
    assert (t.indicator, t.baseline.value if t.baseline else None, t.target.value if t.target else None) == (
        "industrial_va",
        164.3,
        320,
    )
    assert plan.target("t1_14").nature is Nature.BINDING
    assert plan.target("t1_17").nature is Nature.BINDING
    assert plan.target("t1_17").kind is TargetKind.RELATIVE
    assert plan.target("t1_05").kind is TargetKind.CUMULATIVE


def test_table2_parks(plan: Plan) -> None:
    parks = [t for t in plan.targets if t.id.startswith("t2_") and t.scope != "parks" and t.kind is TargetKind.LEVEL]
    assert len(parks) == 9
    # 125 + 15.71 + 51.94 + 4.7 + 23.2 + 12 + 31.46 + 12.84 + 27.91 = 304.76 (表2 合计)
    assert math.fsum(t.baseline.value for t in parks if t.baseline) == pytest.approx(304.76)
    assert {plan.scopes[t.scope].name for t in parks} == {s.name for s in plan.parks()}


def test_table3_counts_kept_as_written(plan: Plan) -> None:
    counts = [t for t in plan.targets if t.id.startswith("t3_") and t.id.endswith("_count")]
    new = [t for t in plan.targets if t.id.startswith("t3_") and t.id.endswith("_new")]
    assert len(counts) == 9 and len(new) == 9
    # rows as printed: 65+55+37+57+43+50+66+52+80 = 505 and 30+30+25+25+23+30+23+25+30 = 241
    assert sum(t.target.value for t in counts if t.target) == 505
    assert sum(t.target.value for t in new if t.target) == 241
    # … while the 合计 row says 500 and 236; both are kept.
    assert plan.target("ent_scale_total").target.value == 500  # type: ignore[union-attr]
    assert plan.target("ent_new_total").target.value == 236  # type: ignore[union-attr]


def test_table4_and_industry_sections(plan: Plan) -> None:
    chains = [t for t in plan.targets if t.id.startswith("t4_") and t.id != "t4_total" and t.kind is TargetKind.LEVEL]
    # 120+310+200+100+100+100+100+1000+1000+350 = 3380
    assert sum(t.target.value for t in chains if t.target) == 3380
    nm = [plan.target(f"nm_{m}_output").target.value for m in ("aluminium", "manganese", "zinc", "vanadium")]  # type: ignore[union-attr]
    assert nm == [50, 60, 100, 100]
    growth = plan.target("t4_new_materials_growth")
    assert (growth.kind, growth.growth_of, growth.target.value, growth.target.comparator) == (  # type: ignore[union-attr]
        TargetKind.GROWTH,
        "t4_new_materials",
        25,
        Comparator.AT_LEAST,
    )
    assert plan.target("tea_output").target.comparator is Comparator.AT_LEAST  # type: ignore[union-attr]
    assert plan.target("tcm_backbone").target.high == 5  # type: ignore[union-attr]


def test_digital_targets(plan: Plan) -> None:
    expected = {
        "dig_telecom_volume": 59,
        "dig_telecom_revenue": 28.5,
        "dig_mobile_users": 337,
        "dig_users_5g": 200,
        "dig_users_5g_share": 60,
        "dig_broadband_users": 97,
        "dig_gigabit": 12,
        "ict_investment_48": 48,
        "ict_village_fiber": 90,
        "ict_metro_bandwidth": 4900,
        "ict_switch_capacity": 800,
        "dx_cloud_10000": 10000,
        "dx_cloud_benchmark": 1000,
    }
    got = {k: plan.target(k).target.value for k in expected}  # type: ignore[union-attr]
    assert got == expected
    assert plan.target("t1_18").target.value == 80  # type: ignore[union-attr]


def test_enterprise_tiers_and_2035(plan: Plan) -> None:
    tiers = [plan.target(i).target.value for i in ("ent_100yi", "ent_50yi", "ent_10yi", "ent_1yi")]  # type: ignore[union-attr]
    assert tiers == [1, 1, 10, 80]
    t2035 = plan.target("goal_2035_mfg_share_gdp")
    assert t2035.target.year == 2035 and not t2035.assessed  # type: ignore[union-attr]


def test_every_target_has_a_source(plan: Plan) -> None:
    assert all(t.source.strip() for t in plan.targets)
    # 114 before issue 7 §7; + 20 stated growth rates + 28 clusters, chains, parks, platforms, institutes,
    # broadband, data centres, funds = 162.
    assert len(plan.targets) == 162


def test_scopes_and_hierarchy(plan: Plan) -> None:
    assert [s.name for s in plan.county_level()] == [
        "吉首市", "泸溪县", "凤凰县", "保靖县", "古丈县", "花垣县", "龙山县", "永顺县", "湘西高新区",
    ]
    assert plan.scopes["xiangxi_hitech"].kind is ScopeKind.ZONE
    assert plan.scopes["luxi_hitech"].parent == "luxi"
    assert [s.name for s in plan.ancestors("luxi_hitech")] == ["泸溪县", "湘西州", "湖南省"]
    assert plan.find_scope("泸溪产业开发区").id == "luxi_hitech"  # type: ignore[union-attr]
    assert plan.find_indicator("规上工业增加值").id == "scale_industrial_va"  # type: ignore[union-attr]
    assert len(plan.industries()) == 10


def test_history_ships_as_observations(plan: Plan) -> None:
    obs = plan.history_observations()
    series = obs.series("industrial_va", "xiangxi")
    assert [(str(o.period), o.value) for o in series] == [
        ("2015", 127.1), ("2016", 132.1), ("2017", 141.7), ("2019", 158.3), ("2020", 164.3),
    ]
    assert series[0].source == "规划文本 图1数据"
    # the Excel placeholder series (2.4, 4.4, 1.8) are not data
    assert all(o.value not in (2.4, 4.4, 1.8) for o in obs)


def test_stated_growth_columns_are_targets(plan: Plan) -> None:
    growth = {t.id: t for t in plan.targets if t.kind is TargetKind.GROWTH}
    # 表1 增长速度 rows 1–4 and 11: 15, 15, 10以上, 12, 15
    rates = [growth[f"t1_{r:02d}_growth"].target.value for r in (1, 2, 3, 4, 11)]  # type: ignore[union-attr]
    assert rates == [15, 15, 10, 12, 15]
    assert growth["t1_03_growth"].target.comparator is Comparator.AT_LEAST  # type: ignore[union-attr]
    # 表2 年均增长, in table order, and 合计 27%
    parks = ["xiangxi_hitech", "jishou_edz", "luxi_hitech", "fenghuang_park", "baojing_park"]
    parks += ["guzhang_park", "huayuan_park", "longshan_park", "yongshun_edz"]
    assert [growth[f"t2_{p}_growth"].target.value for p in parks] == [19, 59, 28, 60, 28, 32, 20, 31, 16]  # type: ignore[union-attr]
    assert growth["t2_total_growth"].target.value == 27  # type: ignore[union-attr]
    # 十大链 15%以上, 新材料 25%以上, 电信业务总量 20%, 电信业务收入 7.2%, 制造业增加值 23%
    others = ["t4_total_growth", "t4_new_materials_growth", "dig_telecom_volume_growth", "dig_telecom_revenue_growth"]
    assert [growth[i].target.value for i in [*others, "goal_mfg_va_growth"]] == [15, 25, 20, 7.2, 23]  # type: ignore[union-attr]
    assert len(growth) == 5 + 10 + 5
    # each names the level whose path it states: same indicator, scope and year; none keeps a stated_growth too
    for g in growth.values():
        if g.growth_of is None:
            continue
        level = plan.target(g.growth_of)
        assert (level.indicator, level.scope, level.target.year) == (g.indicator, g.scope, g.target.year)  # type: ignore[union-attr]
        assert level.stated_growth is None
    assert growth["goal_mfg_va_growth"].growth_of is None


def test_manufacturing_growth_is_the_value_added_not_the_share(plan: Plan) -> None:
    # 三（三） "制造业占GDP的比重达到30%，年均增长23%": the 23% is 制造业增加值's growth.
    # GDP 2020 = 164.3 / 22.7% = 723.79; 制造业 = 14.8% × 723.79 = 107.12 亿元;
    # GDP 2025 = 320 / 32% = 1000; 制造业 = 30% × 1000 = 300 亿元; (300 / 107.12)^(1/5) − 1 = 22.9 %/yr.
    gdp_2020, gdp_2025 = 164.3 / 0.227, 320 / 0.32
    mfg_2020, mfg_2025 = 0.148 * gdp_2020, 0.30 * gdp_2025
    assert mfg_2020 == pytest.approx(107.12, abs=0.01) and mfg_2025 == pytest.approx(300)
    assert (mfg_2025 / mfg_2020) ** (1 / 5) - 1 == pytest.approx(0.229, abs=0.0005)
    g = plan.target("goal_mfg_va_growth")
    assert (g.indicator, g.kind, g.target.value) == ("manufacturing_va", TargetKind.GROWTH, 23)  # type: ignore[union-attr]
    assert "22.9%" in g.note
    # the share row 表1 序号7 keeps its [15.2] 百分点 and no growth rate: 14.8 → 30 is +15.2 pp
    share = plan.target("t1_07")
    assert share.stated_growth is None and share.stated_change.value == 15.2  # type: ignore[union-attr]


def test_section_labels_follow_the_seed(plan: Plan) -> None:
    # 一、发展基础 has only （一）成就 and （二）短板: 发展目标 is 三（三）, 壮大实体企业 is 四（三）.
    sources = [t.source for t in plan.targets] + [i.source for i in plan.indicators.values()]
    assert not [s for s in sources if "一（三）" in s]
    assert plan.target("goal_scale_mfg_share").source.startswith("三（三）")
    assert plan.target("t1_02_growth").source == "表1 序号2; 三（三）"
    assert all(plan.target(i).source.startswith("四（三）") for i in ("ent_100yi", "ent_50yi", "ent_10yi", "ent_1yi"))
    assert plan.target("ent_scale_total").source == "表3 合计; 四（三）; 五（四）5"


def test_clusters_chains_platforms_and_broadband(plan: Plan) -> None:
    values = {
        "plan_clusters_5": 5,  # 三（一） 转型提质5大产业集群
        "plan_chains_10": 10,  # 三（一） 重点打造10条产业链; 四（一）2 10条优势产业链
        "clusters_national": 2,  # 四（一）1 特色食品、新材料
        "clusters_provincial": 3,  # 四（一）1 新能源、电子信息、生物医药
        "clusters_new": 3,  # 四（一）1 装配式建筑、商贸物流、数字产业
        "ict_urban_1000m": 1000,  # 四（四）2（3）; 五（七）1 城镇地区1000M
        "ict_rural_100m": 100,  # 乡村地区100M
        "building_institute_1": 1,  # 四（四）8（3） 一个研究所
        "building_platforms_3": 3,  # 三个平台
        "liquor_platforms_6": 6,  # 四（四）5（3） six named platforms
    }
    assert {k: plan.target(k).target.value for k in values} == values  # type: ignore[union-attr]
    # the per-industry national clusters are the two the prefecture counts
    national = [t for t in plan.targets if t.indicator == "national_clusters" and t.scope != "xiangxi"]
    assert sorted(t.scope for t in national) == ["green_food", "new_materials"]
    assert not plan.target("task_thousand_yi_park").assessed  # no park, no year; 表2's largest is 300
