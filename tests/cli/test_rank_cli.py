"""``planwatch rank`` through the CLI runner, with table-shaped expectations.

The fixture (tests/fixtures/rank) is the three-county plan of tests/core/test_rank.py; its scores
are worked out there:
    甲县 (101.82, 120, 104.94, 111.11) → 108.826;  乙县 (98.18, 75, 80, 83.33) → 86.106;
    丙县 (100, 0, no 企业数 target: left out, 100) → (40·100 + 30·0 + 10·100)/80 = 62.5
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from planwatch.cli import cli

RANK = Path(__file__).resolve().parents[1] / "fixtures" / "rank"
BASE = [
    "rank", "--plan", str(RANK / "plan_small.yaml"), "--year", "2024",
    "--data", str(RANK / "data_small.csv"),
    "--targets", str(RANK / "targets_small.csv"),
    "--weights", str(RANK / "weights_small.yaml"),
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def table_rows(out: str) -> list[list[str]]:
    """The rows of the first table (after the ---- rule), split on runs of spaces."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("----"))
    rows = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        rows.append(line.split())
    return rows


def test_table() -> None:
    code, out, err = run(*BASE)
    assert code == 0, err
    assert out.splitlines()[0] == "示范州“十四五”工业发展规划（测试用） 县市区考核排名（2024年）"
    assert out.splitlines()[2].split() == ["名次", "县市区", "综合得分", "增加值", "税收", "企业数", "能耗", "是否达标", "名次区间"]
    assert table_rows(out) == [
        ["1", "甲县", "108.8", "101.8", "120.0", "104.9", "111.1", "达标", "1"],
        ["2", "乙县", "86.1", "98.2", "75.0", "80.0", "83.3", "未达标", "2"],
        ["3", "丙县", "62.5", "100.0", "0.0", "—", "100.0", "未达标", "3"],
    ]
    assert "— 该单位无此项目标，不计入，其余指标权重按比例放大。" in out
    assert "考核达标（1个）：甲县。" in out
    assert "  丙县：综合得分62.5，低于100；税收得分0.0，低于60" in out
    assert "（随机种子20211227）" in out


def test_json_keeps_every_input() -> None:
    code, out, _ = run(*BASE, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [(u["name"], u["rank"], round(u["final_score"], 3), u["passed"]) for u in data["units"]] == [
        ("甲县", 1, 108.826, True), ("乙县", 2, 86.106, False), ("丙县", 3, 62.5, False),
    ]
    firms = data["units"][0]["indicators"][2]
    # 32 × 1.5^4 = 162; 170/162 = 1.049383; weight 20 of 100; contribution 0.2 × 104.938 = 20.988
    assert round(firms["target"]["value"], 9) == 162.0 and firms["target"]["origin"] == "plan_path" and firms["target"]["derived"]
    assert round(firms["completion"], 6) == 1.049383 and firms["share"] == 0.2
    assert round(firms["contribution"], 3) == 20.988
    assert data["passed"] == ["county_a"] and data["method"] == "weighted"


def test_renormalise_and_entropy_options() -> None:
    code, out, _ = run(*BASE, "--missing", "renormalise")
    assert code == 0
    # 丙县 without 企业数: (40·100 + 30·0 + 10·100)/80 = 62.5
    assert table_rows(out)[2] == ["3", "丙县", "62.5", "100.0", "0.0", "—", "100.0", "未达标", "3"]
    code, out, _ = run(*BASE, "--method", "entropy")
    assert code == 0 and "方法：熵权法" in out


def test_late_submissions_are_deducted() -> None:
    code, out, err = run(*BASE, "--late", "甲县=4", "--late", "乙县=30")
    assert code == 0, err
    # 甲县 4 days × 0.5 = 2 points: 108.826 − 2 = 106.8; 乙县 30 × 0.5 = 15, at most 5: 86.106 − 5 = 81.1
    assert [r[:4] for r in table_rows(out)] == [["1", "甲县", "106.8", "2.0"], ["2", "乙县", "81.1", "5.0"], ["3", "丙县", "62.5", "0.0"]]


def test_explain_one_county() -> None:
    code, out, _ = run(*BASE, "--explain", "甲县")
    assert code == 0
    assert "甲县：第1名，综合得分108.83，扣分0.00，最终得分108.83" in out
    assert "规模工业企业数：目标 32 × (243/32)^(4/5) = 162（按规划表3目标（2020年32 → 2025年243）的复合增长路径推算）；170 ÷ 162 = 1.0494 → 104.9383" in out


def test_english() -> None:
    code, out, _ = run(*BASE, "--lang", "en")
    assert code == 0
    assert out.splitlines()[2].split() == ["rank", "county", "composite", "va", "tax", "firms", "energy", "passed", "rank", "range"]
    assert "Meet the bar (1): County A." in out


def test_usage_errors_exit_2() -> None:
    code, _, err = run("rank", "--data", str(RANK / "data_small.csv"))
    assert (code, err.strip()) == (2, "请用 --year 指定考核年度（或用 --as-of 指定通报期）。")
    code, _, err = run("rank", "--year", "2024")
    assert (code, err.strip()) == (2, "请用 --data 指定至少一个数据文件。")
    code, _, err = run(*BASE, "--as-of", "2023Q3")
    assert (code, err.strip()) == (2, "通报期 2023Q3 不在考核年度 2024 年内。")
    code, _, err = run(*BASE, "--as-of", "下半年")
    assert (code, err.strip()) == (2, "通报期「下半年」无法识别：应写作 2024、2024Q3 或 2024-09。")
    code, _, err = run(*BASE, "--late", "甲县三天")
    assert (code, err.strip()) == (2, "--late 的值「甲县三天」无效：应写作“县市区=逾期天数”，如 某某县=3。")


def test_input_errors_exit_1_without_traceback(tmp_path: Path) -> None:
    code, out, err = run(*BASE[:-2], "--weights", str(RANK / "weights_errors.yaml"))
    assert code == 1 and out == ""
    assert "weights_errors.yaml:2 [cap]: 错误 RANK_CONFIG_FIELD_INVALID: 考核权重文件字段 cap 的值 0.8 无效：应不小于 1.0" in err
    assert err.strip().endswith("发现错误，未做任何更改。") and "Traceback" not in err
    code, _, err = run(*BASE[:7], "--targets", str(RANK / "targets_small.csv"), "--targets", str(RANK / "targets_small.csv"), *BASE[9:11])
    assert code == 1 and "RANK_TARGETS_DUPLICATE" in err
    # The small plan declares no ranking: without --weights there is nothing to rank by.
    code, out, err = run(*BASE[:7])
    assert code == 1 and out == "" and "RANK_NOT_DECLARED: 规划未设「county」考核排名" in err and "Traceback" not in err
    empty = tmp_path / "empty.csv"
    empty.write_text("indicator,scope,period,measure,value,source,note\nva,county_a,2019,level,1,x,\n", encoding="utf-8")
    code, _, err = run(*BASE[:5], "--data", str(empty), "--weights", str(RANK / "weights_small.yaml"))
    assert code == 1 and "所给数据中没有任何县市区在2024年有考核指标的数值，无法排名" in err


def test_park_level() -> None:
    code, out, err = run(
        "rank", "--level", "park", "--plan", str(RANK / "plan_small.yaml"), "--year", "2024",
        "--data", str(RANK / "data_small.csv"), "--weights", str(RANK / "weights_park_small.yaml"),
    )
    assert code == 0, err
    # 甲园 output 22.8096 against the path 10 × 1.2^4 = 20.736 → 1.1 → 110
    assert table_rows(out) == [["1", "甲园", "110.0", "110.0", "达标", "1"]]
