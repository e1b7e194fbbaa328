from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from planwatch.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_targets_json_fields() -> None:
    code, out, _ = run("targets", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    first = rows[0]
    for key in ("indicator", "name", "scope", "unit", "baseline_year", "baseline", "target_year", "target", "kind", "nature", "direction", "source"):
        assert key in first
    t12 = next(r for r in rows if r["id"] == "t1_12")
    assert (t12["name"], t12["scope"], t12["baseline"], t12["target"], t12["unit"]) == (
        "规模以上工业企业研发投入占主营业务收入的比重", "湘西州", 2.25, 2.5, "%",
    )


def test_targets_json_prints_stated_growth_change_and_yearly_rate() -> None:
    code, out, _ = run("targets", "--format", "json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert len(rows) == 162
    # the level and its growth column point at each other; the rate is in %/yr
    t2, g2 = rows["t1_02"], rows["t1_02_growth"]
    assert t2["growth_targets"] == ["t1_02_growth"] and g2["growth_of"] == "t1_02"
    assert t2["stated_growth"] == {
        "value": 15, "comparator": "at_least", "text": "15（三（三）：年均增长15%以上）", "source": "表1 序号2; 三（三）",
        "target": "t1_02_growth",
    }
    assert (g2["unit"], g2["indicator_unit"], g2["target"], g2["baseline"]) == ("%/yr", "亿元", 15, None)
    # 164.3 → 320 in 5 years: (320/164.3)^(1/5) − 1 = 14.2622 %/yr, below the stated 15
    assert t2["implied_growth"] == 14.2622 and g2["implied_growth"] is None
    # 表1's [ ] changes: [9.3] 百分点 for a share, [15] for a count
    assert rows["t1_06"]["stated_change"] == {"value": 9.3, "unit": "pp", "comparator": "reach", "text": "[9.3]"}
    assert rows["t1_13"]["stated_change"]["value"] == 15 and rows["t1_13"]["stated_change"]["unit"] == "abs"
    # 每年下降2%, and the previous period's growth printed with a baseline (164.3/5.2%)
    assert rows["t1_14"]["yearly_rate"] == {"per_year": 2, "comparator": "reach"}
    assert rows["t1_02"]["baseline_growth"]["value"] == 5.2
    # 表2: every park's 年均增长 is printed on its level
    assert rows["t2_jishou_edz"]["stated_growth"]["value"] == 59 and rows["t2_total"]["stated_growth"]["value"] == 27
    # a growth target with no level beside it: 制造业增加值 年均增长23%
    assert rows["goal_mfg_va_growth"]["stated_growth"]["value"] == 23 and rows["goal_mfg_va_growth"]["growth_of"] is None


def test_targets_table_by_scope_alias() -> None:
    code, out, _ = run("targets", "--scope", "泸溪产业开发区")
    assert code == 0
    assert "泸溪高新区" in out and "51.94" in out and "180" in out and "共 2 个目标。" in out  # 表2's level and its 年均增长 28%
    assert "28%/年" in out and "年均增速" in out


def test_targets_csv() -> None:
    code, out, _ = run("targets", "--format", "csv", "--indicator", "5G基站数量")
    assert code == 0
    assert out.splitlines() == [
        "id,indicator,name,scope,scope_id,unit,baseline_year,baseline,target_year,target,target_high,comparator,kind,nature,direction,source,"
        "growth_of,stated_growth,stated_change,yearly_rate,implied_growth",
        # [1.7] = 1.84 − 0.14; (1.84/0.14)^(1/5) − 1 = exp(ln 13.1429 / 5) − 1 = exp(2.57588 / 5) − 1 = 67.3933 %/yr
        "t1_19,base_stations_5g,5G基站数量,湘西州,xiangxi,万个,2020,0.14,2025,1.84,,reach,level,developmental,up,表1 序号19,,,1.7,,67.3933",
    ]


def test_unknown_scope_suggests() -> None:
    code, _, err = run("targets", "--scope", "吉首经济区")
    assert code == 2
    assert err.strip() == "规划中没有范围「吉首经济区」。是否为：吉首经开区、吉首市？"


def test_lint_text_and_exit_code() -> None:
    code, out, _ = run("lint")
    assert code == 0  # warnings do not fail
    assert "表3" in out and "共核对" in out
    assert out.rstrip().endswith("错误 0 处，警告 20 处，提示 4 处。规划原文数字保持不变。")


def test_lint_json() -> None:
    code, out, _ = run("lint", "--format", "json", "--lang", "en")
    data = json.loads(out)
    assert code == 0 and data["counts"] == {"error": 0, "warning": 20, "info": 4}
    f = next(x for x in data["findings"] if x["code"] == "LINT_PARTS_TOTAL" and "ent_scale_total" in x["targets"])
    assert f["stated"]["value"] == 500 and f["computed"]["value"] == 505
    assert f["message"].startswith("湘西州 规模工业企业数 2025 目标值 is stated as 500")


def test_lint_broken_plan_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan: {id: p}\nscopes: []\nindicators: []\ntargets: []\n", encoding="utf-8")
    code, _, err = run("lint", str(bad))
    assert code == 1
    assert "缺少必填字段 plan.name" in err
    assert "Traceback" not in err



def test_an_unwritable_output_is_a_chinese_sentence_not_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text("指标,地区,时期,数值\n工业增加值,湘西州,2024,227\n", encoding="utf-8")
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run("import", "--data", str(data), "--out", str(blocker / "observations.csv"))
    assert code == 1
    # the folder cannot be made where a file is: EEXIST, "File exists" in the system's own words
    assert err.strip().splitlines()[-1] == f"无法读写文件 {blocker}：已有同名的文件，不能用作目录"
