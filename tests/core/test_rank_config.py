"""The ranking configuration (the files the plan names in presentation.rankings, and --weights files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.assess.rank_config import load_rank_config, parse_rank_config
from planwatch.domain.enums import Measure, MissingPolicy, RankMethod
from planwatch.domain.problems import ProblemsError
from planwatch.plan.load import Plan, load_plan

RANK = Path(__file__).resolve().parents[1] / "fixtures" / "rank"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "ranking.md"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def test_default_weights(plan: Plan) -> None:
    cfg = load_rank_config(None, plan)
    weights = {r.id: r.weight for r in cfg.indicators}
    assert weights == {
        "scale_industrial_va": 18,
        "industrial_tax": 14,
        "tech_renovation_investment": 12,
        "rd_intensity_scale": 12,
        "hitech_va": 12,
        "investment_projects": 12,
        "informatization_index": 10,
        "scale_enterprises": 5,
        "new_scale_enterprises": 5,
    }
    # the seven indicators of 六（一） carry 90 of the 100 points, 表3's two the other 10
    assert sum(weights.values()) == 100
    assert min(w for k, w in weights.items() if k not in ("scale_enterprises", "new_scale_enterprises")) > 5
    assert (cfg.method, cfg.cap, cfg.missing) == (RankMethod.WEIGHTED, 1.2, MissingPolicy.ZERO)
    assert (cfg.pass_rule.composite_min, cfg.pass_rule.indicator_min, cfg.pass_rule.max_missing) == (100, 60, 0)
    assert not cfg.timeliness.enabled
    assert (cfg.stability.delta, cfg.stability.samples) == (0.2, 1000)
    assert cfg.rule("scale_industrial_va").measure is Measure.GROWTH


def test_default_weights_are_documented(plan: Plan) -> None:
    text = DOCS.read_text(encoding="utf-8")
    cfg = load_rank_config(None, plan)
    for r in cfg.indicators:
        assert f"| {plan.indicators[r.id].name} | `{r.id}` | {r.weight:g} |" in text, r.id


def test_park_defaults(plan: Plan) -> None:
    cfg = load_rank_config(None, plan, level="park")
    assert [(r.id, r.weight) for r in cfg.indicators] == [("industrial_output", 100)]


def test_a_short_file_takes_the_defaults(plan: Plan) -> None:
    cfg = parse_rank_config("indicators:\n  - {id: industrial_tax, weight: 1}\n", plan)
    assert cfg.cap == 1.2 and cfg.missing is MissingPolicy.ZERO and cfg.active[0].id == "industrial_tax"


def test_every_problem_at_once_with_lines(plan: Plan) -> None:
    with pytest.raises(ProblemsError) as err:
        load_rank_config(RANK / "weights_errors.yaml", plan)
    got = [(p.location.line, p.location.path, p.message()) for p in err.value.problems]
    assert got == [
        (1, "method", "考核权重文件字段 method 的值 'weigthed' 无效：可选值为 'weighted'、'entropy'"),
        (2, "cap", "考核权重文件字段 cap 的值 0.8 无效：应不小于 1.0"),
        (5, "indicators[0].weight", "考核权重文件字段 indicators[0].weight 的值 -5 无效：应不小于 0.0"),
        (6, "indicators[1].id", "规划中没有指标「industrial_taxes」（是否为：industrial_tax、industrial_tax_share、industrial_va？）"),
        (7, "indicators[2].derive.target", "规划中没有目标「t1_99」"),
        (8, "indicators[3].id", "指标「hitech_va」在考核权重文件中出现了两次"),
        (8, "indicators[3].derive", "指标「hitech_va」按全州增速推算目标（from: prefecture），需写明 target（规划目标 id，如 t1_03）"),
        (9, "indicators[4].derive.target", "目标「t3_jishou_count」不是规划本级（region）的数值目标，不能用来推算下级单位的目标"),
    ]


def test_small_problems(plan: Plan, tmp_path: Path) -> None:
    cases = {
        "indicators: [": "RANK_CONFIG_YAML",
        "- 1\n- 2\n": "RANK_CONFIG_SHAPE",
        "cap: 1.2\n": "RANK_CONFIG_FIELD_MISSING",
        "indicators: [{id: industrial_tax, weight: 1}]\ncolour: red\n": "RANK_CONFIG_FIELD_UNKNOWN",
        "indicators: [{id: industrial_tax, weight: 0}]\n": "RANK_CONFIG_NO_WEIGHT",
    }
    for text, code in cases.items():
        with pytest.raises(ProblemsError) as err:
            parse_rank_config(text, plan)
        assert [p.code for p in err.value.problems] == [code], text
    with pytest.raises(ProblemsError) as err:
        load_rank_config(tmp_path / "none.yaml", plan)
    assert err.value.problems[0].code == "RANK_CONFIG_NOT_FOUND"
