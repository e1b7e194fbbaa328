"""Register counts as observations (source 企业库) for the plan's indicators, beside the statistics."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from planwatch.cli import cli
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch.enterprises.read import read_register
from planwatch.enterprises.register_counts import compare, load_register_counts, register_observations
from planwatch.plan.load import load_plan
from planwatch.projects.counting import decide, load_counting_rules
from planwatch.projects.record import InvestorOrigin, Project, ProjectStage

A = "91433101MA4L7Q2R6E"  # 吉首
B = "91433122MA4L8B3KXC"  # 泸溪
C = "91433101MA4LAD5N3T"  # 吉首

REGISTER = ("统一社会信用代码,企业名称,县市区,园区,产业链,入规年月,小巨人,2024年工业总产值\n"
            f"{A},甲,吉首市,吉首经开区,电子信息,2019-06,是,150000\n"  # 规上; 15亿 ≥ 1亿 and ≥ 10亿
            f"{B},乙,泸溪县,,,2024-01,否,20000\n"  # 新增入规 2024; 2亿 ≥ 1亿
            f"{C},丙,吉首市,,,,否,\n")


def test_counts_per_scope(tmp_path: Path) -> None:
    plan = load_plan(None)
    f = tmp_path / "r.csv"
    f.write_text(REGISTER, encoding="utf-8")
    reg = read_register([f], plan).enterprises
    p = Project(key="p1", name="项目", investor="某", origin=InvestorOrigin.OUT_OF_PROVINCE, county="jishou",
                stage=ProjectStage.SIGNED, signed_amount=25000, stage_dates={ProjectStage.SIGNED: date(2024, 4, 1)})
    table = register_observations(plan, load_register_counts(plan), reg, [2024], decide([p], load_counting_rules()))
    y = Period.parse("2024")
    region = plan.meta.region
    chain = plan.find_scope("电子信息").id
    assert table.get("scale_enterprises", region, y).value == 2  # A and B
    assert table.get("scale_enterprises", "jishou", y).value == 1
    assert table.get("scale_enterprises", "guzhang", y).value == 0  # a county with none: 0, not missing
    assert table.get("new_scale_enterprises", "luxi", y).value == 1
    assert table.get("enterprises_1yi", region, y).value == 2 and table.get("enterprises_10yi", region, y).value == 1
    assert table.get("little_giants", chain, y).value == 1
    assert table.get("investment_projects", "jishou", y).value == 1
    assert table.get("investment_amount", region, y).value == 2.5  # 25000 万元 = 2.5 亿元
    assert table.get("scale_enterprises", region, y).source == "企业库"
    stats = ObservationTable()
    stats.add(Observation("scale_enterprises", region, y, 3.0, source="统计局"))
    by_key = {(c.indicator, c.scope): c for c in compare(table, stats)}
    assert by_key[("scale_enterprises", region)].difference == -1.0  # 2 − 3
    assert by_key[("scale_enterprises", "jishou")].statistics is None


def test_counts_cli_writes_observations(tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text(REGISTER, encoding="utf-8")
    out = tmp_path / "obs.csv"
    result = CliRunner().invoke(cli, ["enterprises", "counts", str(f), "--year", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "规模工业企业数\t湘西州\t2024\t2" in result.stdout
    assert "scale_enterprises,xiangxi,2024,level,2,企业库" in out.read_text(encoding="utf-8")


def test_counts_cli_with_projects(tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text(REGISTER, encoding="utf-8")
    p = tmp_path / "p.csv"
    # 30000 万元 = 3 亿元 signed 2024 in 吉首市; the 增资 adds 45000 − 30000 = 15000 万元 = 1.5 亿元 and no project
    p.write_text("项目编号,项目名称,投资方,投资方来源,县市区,阶段,签约日期,签约额,项目性质,原项目编号\n"
                 "A1,甲,某,省外境内,吉首市,签约,2024-03-01,30000,新建,\n"
                 "A2,甲增资,某,省外境内,吉首市,签约,2024-08-01,45000,增资,A1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["enterprises", "counts", str(f), "--projects", str(p), "--year", "2024"])
    assert result.exit_code == 0, result.output
    assert "工业招商引资项目数\t吉首市\t2024\t1" in result.stdout
    assert "工业招商引资总额\t吉首市\t2024\t4.5" in result.stdout
