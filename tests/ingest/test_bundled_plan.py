"""Importing against the bundled plan xiangxi_2021_2025: Chinese names, its hierarchy and its history."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.domain.enums import Measure
from planwatch.domain.periods import Period
from planwatch.ingest import check_observations, load_observations
from planwatch.ingest.template import template_rows
from planwatch.plan.load import Plan, load_plan

COUNTIES = ["吉首市", "泸溪县", "凤凰县", "保靖县", "古丈县", "花垣县", "龙山县", "永顺县", "湘西高新区"]


@pytest.fixture(scope="module")
def xiangxi() -> Plan:
    return load_plan()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_chinese_names(xiangxi: Plan, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "指标,范围或地区,时期,口径,数值,单位\n"
        "规模工业增加值,吉首市,2023年1-9月,,356000,万元\n"  # 356000 / 10000 = 35.6 亿元
        "规上工业增加值,湘西高新区,2023年第三季度,累计增长,8.2,\n"
        "5G用户,湘西自治州,2023,,1500000,户\n"  # 1500000 / 10000 = 150 万户
        "5G基站数量,全州,2023,,9800,个\n"  # 9800 / 10000 = 0.98 万个
        "工业总产值,吉首经济开发区,2023,,95.5,\n",
    )
    assert [(o.indicator, o.scope, str(o.period), o.measure.value, o.value) for o in load_observations([path], xiangxi)] == [
        ("base_stations_5g", "xiangxi", "2023", "level", 0.98),
        ("industrial_output", "jishou_edz", "2023", "level", 95.5),
        ("scale_industrial_va", "jishou", "2023-09", "ytd", 35.6),
        ("scale_industrial_va", "xiangxi_hitech", "2023Q3", "ytd_growth", 8.2),
        ("users_5g", "xiangxi", "2023", "level", 150.0),
    ]


def test_nine_county_level_units_add_up_to_the_prefecture(xiangxi: Plan, tmp_path: Path) -> None:
    values = [30.0, 20.0, 10.0, 12.0, 5.0, 15.0, 8.0, 9.0, 40.0]  # Σ = 149
    body = "".join(f"规模工业增加值,{c},2023,{v}\n" for c, v in zip(COUNTIES, values, strict=True))
    ok = write(tmp_path, "指标,范围,时期,数值\n" + body + "规模工业增加值,湘西州,2023,149.5\n")
    result = check_observations([ok], xiangxi)  # |149 − 149.5| / 149.5 = 0.33% ≤ 0.5%
    (members,) = [r for r in result.rule_results if r.rule.id == "members_sum"]
    assert (members.outcome.value, members.left.value, members.right[0].value) == ("passed", 149.0, 149.5)
    assert [p.scope for p in members.left.parts] == [
        "jishou", "luxi", "fenghuang", "baojing", "guzhang", "huayuan", "longshan", "yongshun", "xiangxi_hitech",
    ]
    assert result.ok
    bad = write(tmp_path, "指标,范围,时期,数值\n" + body + "规模工业增加值,湘西州,2023,151\n")
    (p,) = check_observations([bad], xiangxi).problems  # |149 − 151| / 151 = 1.32%
    assert (p.code, p.location.row) == ("RULE_MEMBERS_SUM", 11)
    assert p.message() == (
        "湘西州2023年规模工业增加值：下属 9 个单位合计 149亿元，与本级数 151亿元 相差 1.32%，超出允许的 ±0.5%（规则：下级合计与本级数一致）"
    )


def test_jump_against_the_plans_own_history(xiangxi: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "指标,范围,时期,数值\n工业增加值,湘西州,2021,250\n")
    (p,) = check_observations([path], xiangxi).problems
    # 图1数据: 2020 工业增加值 164.3 亿元; (250 − 164.3) / 164.3 = 52.16%
    assert p.message() == (
        "湘西州2021年工业增加值为 250亿元，比上年同期（2020年）的 164.3亿元 变化 52.16%，超过 ±50%，请核对单位和口径（规则：与上年同期相比变化不超过 50%）"
    )


def test_share_of_an_indicator_in_percent(xiangxi: Plan, tmp_path: Path) -> None:
    path = write(tmp_path, "指标,范围,时期,口径,数值\n5G用户占比,湘西州,2023,同比增长,5\n园区规模工业增加值占比,湘西州,2023,,101\n")
    problems = check_observations([path], xiangxi).problems
    assert [(p.code, p.location.row) for p in problems] == [("INGEST_GROWTH_OF_PERCENT", 2), ("RULE_OUT_OF_RANGE", 3)]


def test_template_for_the_high_tech_zone(xiangxi: Plan) -> None:
    rows = template_rows(xiangxi, "湘西高新区", Period.parse("2024"))
    assert [(r.indicator_name, r.unit, r.measure, r.hint) for r in rows] == [
        # 表2's level and its 年均增长 19% (a growth target of its own) on one row
        ("工业总产值", "亿元", Measure.LEVEL, "2025年目标 300亿元（表2）；2025年年均增速目标 19%（表2）"),
        ("规模工业企业数", "家", Measure.LEVEL, "2025年目标 80家（表3）"),
        ("新增入规工业企业数量", "家", Measure.LEVEL, "2025年累计目标 30家（表3）"),
    ]
