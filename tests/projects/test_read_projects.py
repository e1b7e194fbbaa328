"""The project file reader: located problems, earlier projects known, a stage needs its date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planwatch.plan.load import load_plan
from planwatch.projects.read import read_projects
from planwatch.projects.record import InvestorOrigin, ProjectNature, ProjectStage

HEAD = "项目编号,项目名称,投资方,投资方来源,县市区,产业链,阶段,签约日期,开工日期,签约额,项目性质,原项目编号\n"


def test_reads_a_clean_file(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text(HEAD + "A1,甲项目,某公司,省外境内,吉首市,电子信息,开工,2024-03-01,2024-09-01,50000,新建,\n"
                 "A2,甲项目增资,某公司,境外,吉首市,,签约,2025-01-10,,80000,增资,A1\n", encoding="utf-8")
    result = read_projects([f], load_plan(None))
    assert not result.problems
    a1, a2 = result.projects
    assert a1.stage is ProjectStage.STARTED and a1.date_of(ProjectStage.STARTED) == date(2024, 9, 1)
    assert a2.origin is InvestorOrigin.ABROAD and a2.nature is ProjectNature.CAPITAL_INCREASE and a2.earlier == "A1"


def test_every_problem_located(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text(HEAD + "A1,甲,某,火星,吉首县,,开工,2024-13-01,,-5,,\n"
                 "A1,乙,某,省内,吉首市,,投产,,,,,B9\n", encoding="utf-8")
    result = read_projects([f], load_plan(None))
    found = {(p.code, p.location.row, p.location.column) for p in result.problems}
    assert {("PRJ_WORD", 2, "投资方来源"), ("REG_SCOPE_UNKNOWN", 2, "县市区"), ("PRJ_DATE", 2, "签约日期"),
            ("REG_NEGATIVE", 2, "签约额"), ("PRJ_STAGE_DATE", 3, "")} <= found
    assert result.projects == []
