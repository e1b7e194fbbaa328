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
    ids = [t.id for t in plan.targets if t.id.startswith("t1_")]
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
    parks = [t for t in plan.targets if t.id.startswith("t2_") and t.id != "t2_total"]
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
    chains = [t for t in plan.targets if t.id.startswith("t4_") and t.id != "t4_total"]
    # 120+310+200+100+100+100+100+1000+1000+350 = 3380
    assert sum(t.target.value for t in chains if t.target) == 3380
    nm = [plan.target(f"nm_{m}_output").target.value for m in ("aluminium", "manganese", "zinc", "vanadium")]  # type: ignore[union-attr]
    assert nm == [50, 60, 100, 100]
    assert plan.target("t4_new_materials").stated_growth.value == 25  # type: ignore[union-attr]
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
    assert len(plan.targets) >= 100


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
