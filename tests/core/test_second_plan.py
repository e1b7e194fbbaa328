"""The second bundled plan (重庆市制造业高质量发展“十四五”规划): a province-level city whose sub-units are
industry clusters, no counties, no parks, no ranking. Run end to end: lint, presentation, assess, rank
(refused; and with a ranking declared in a copy), bulletin (all formats)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from planwatch.assess.engine import assess_plan
from planwatch.cli import cli
from planwatch.domain.enums import GroupRole, Status
from planwatch.domain.periods import Period
from planwatch.ingest import load_observations
from planwatch.plan.load import bundled_plans, load_plan, resolve_plan_path
from planwatch.plan.presentation import view
from planwatch.report.context import build_context

PLAN = "chongqing_manufacturing_2021_2025"
DATA = Path(__file__).resolve().parents[1] / "fixtures" / "chongqing" / "observations.csv"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_bundled_next_to_the_first_and_its_files_are_not_plans() -> None:
    assert bundled_plans() == [PLAN, "xiangxi_2021_2025"]  # the ranking files beside a plan are not plans


def test_lint_reports_the_plans_own_disagreement() -> None:
    code, out, err = run("lint", "--plan", PLAN)
    assert code == 0, err
    # 20000 → 30000 over five years: (30000/20000)^(1/5) − 1 = 8.45 %, the plan writes 6 %
    assert "隐含年均增长 8.4%，规划写 6%" in out and "(LINT_GROWTH_IMPLIED)" in out
    assert "错误 0 处，警告 1 处" in out


def test_presentation_declared() -> None:
    v = view(load_plan(PLAN))
    assert [(g.id, g.role, len(g.targets), g.cited) for g in v.groups] == [
        ("main", GroupRole.MAIN, 9, "规划"),  # no numbered table in the plan: cited as 规划, never 表1
        ("clusters", GroupRole.CHAINS, 6, "规划"),
    ]
    assert v.headline == ("scale_output", "industrial_va") and v.trend == "scale_output"
    assert (v.words.region, v.words.units, v.words.chains) == ("市", "区县", "产业集群")
    assert v.rankings == () and v.ranked_units("county") == []
    assert v.frame.issuer == "重庆市经济和信息化委员会" and v.frame.doc_number is not None


def test_assess() -> None:
    plan = load_plan(PLAN)
    table = load_observations([DATA], plan, "zh")
    found = {a.target_id: a for a in assess_plan(plan, table, Period.parse("2024Q3"))}
    a = found["g_scale_output"]
    # 本期 1—9月 19950 (2023: 1—9月 19200 of 26000), so 2024 ≈ 19950 × 26000 / 19200 = 27015.625;
    # (27015.625 − 20000) / (30000 − 20000) = 70.2 % against the schedule of 2024, 4/5 = 80 %: 9.8 points behind
    assert a.period_value == pytest.approx(19950) and a.latest == pytest.approx(27015.625)
    assert a.completion == pytest.approx(0.7015625) and a.time_elapsed == pytest.approx(0.8)
    assert a.status is Status.NEEDS_ACCELERATION
    # a share with no baseline in the plan cannot be judged (never a made-up baseline)
    assert found["g_sei_output_share"].status is Status.NOT_ASSESSABLE


def test_rank_refused_without_a_declared_ranking() -> None:
    code, out, err = run("rank", "--plan", PLAN, "--year", "2023", "--data", str(DATA))
    assert code == 1 and out == "" and "规划未设「county」考核排名" in err and "Traceback" not in err


def test_rank_clusters_when_a_ranking_is_declared(tmp_path: Path) -> None:
    plan_file = tmp_path / "cq.yaml"
    shutil.copy(resolve_plan_path(PLAN), plan_file)
    with plan_file.open("a", encoding="utf-8") as fh:
        fh.write(
            "  rankings:\n"
            "    - {level: cluster, title: 产业集群考核排名, unit_kinds: [industry], unit_word: 产业集群, weights: cq.rank.yaml}\n"
        )
    (tmp_path / "cq.rank.yaml").write_text("indicators:\n  - {id: cluster_scale, weight: 100, label: 规模}\n", encoding="utf-8")
    targets = tmp_path / "targets.csv"
    rows = [("电子信息", 8000), ("汽车", 5000), ("装备", 2000), ("材料", 4500), ("特色消费品", 4000), ("生物医药", 700)]
    targets.write_text(
        "county,indicator,year,target,measure,source,note\n"
        + "".join(f"{n},产业集群规模,2023,{v},,测试用考核目标,\n" for n, v in rows),
        encoding="utf-8",
    )
    code, out, err = run(
        "rank", "--plan", str(plan_file), "--level", "cluster", "--year", "2023", "--data", str(DATA), "--targets", str(targets)
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "重庆市制造业高质量发展“十四五”规划（2021—2025年） 产业集群考核排名（2023年）"
    assert lines[2].split()[:2] == ["名次", "产业集群"]
    # value ÷ target × 100: 8900/8000 = 111.25; 2100/2000 = 105; 700/700 = 100; 3900/4000 = 97.5;
    # 4800/5000 = 96; 4300/4500 = 95.56 (composite = the one indicator's score)
    names = [line.split()[1] for line in lines[4:10]]
    assert names == ["电子信息", "装备", "生物医药", "特色消费品", "汽车", "材料"]
    assert lines[4].split()[2] == "111.2"  # 111.25 printed with one decimal (round half to even)
    assert "考核达标（3个）：电子信息、装备、生物医药。" in out


def test_bulletin_sections_words_and_frame() -> None:
    plan = load_plan(PLAN)
    table = load_observations([DATA], plan, "zh")
    ctx = build_context(plan, list(assess_plan(plan, table, Period.parse("2024Q3"))), "2024Q3")
    assert [s.heading for s in ctx.sections] == [
        "一、总体情况", "二、主要目标完成情况", "三、重点产业集群", "四、预警与问题", "五、下一步工作建议",
    ]
    text = ctx.text()
    assert "规划未设考核排名，本通报不作排名。" in text
    assert "规划所列9项主要目标中" in text and "规划列出6项产业集群规模目标" in text
    for word in ("《规划》表", "表1—表4", "县市区", "全州", "州级", "湘西", "链长制", "planwatch"):
        assert word not in text, word
    assert ctx.issuer == "重庆市经济和信息化委员会" and ctx.doc_number == ""  # the plan gives no 文号 pattern
    assert ctx.recipients == "各区县（自治县）人民政府，市政府有关部门："
    assert ctx.opening.endswith("确定的发展目标，现对规划主要目标完成情况进行了监测评估。现将有关情况通报如下：")
    assert ctx.table("chains").column("产业集群")[0] == "电子信息"


def test_bulletin_command_writes_every_format(tmp_path: Path) -> None:
    code, out, err = run(
        "bulletin", "--plan", PLAN, "--data", str(DATA), "--as-of", "2024Q3", "--out", str(tmp_path), "--date", "2024-10-20"
    )
    assert code == 0, err
    assert err == ""  # no ranking declared: nothing to leave out, no note
    assert out.splitlines()[0].endswith(".docx")
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".docx", ".html", ".pdf"]
