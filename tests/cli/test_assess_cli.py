"""``planwatch assess`` through the CLI runner on the bundled plan, with data files in tmp_path."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planwatch.cli import cli
from planwatch.plan.load import load_plan

DATA = """指标,范围,时期,数值,口径,来源
工业增加值,湘西州,2021,180,当期,统计公报
工业增加值,湘西州,2022,200,当期,统计公报
工业增加值,湘西州,2023,215,当期,统计公报
工业增加值,湘西州,2024Q3,170,累计,统计月报
规模工业企业数,吉首市,2024Q3,50,当期,统计月报
"""

REQUIRED_FIELDS = {
    "indicator", "name", "scope", "unit", "kind", "baseline", "baseline_year", "target", "target_year", "latest",
    "latest_period", "completion", "time_elapsed", "gap_pp", "actual_growth", "required_growth", "progress_value",
    "score", "status", "warning", "projection", "probability", "method", "target_id", "grade_zh", "inputs",
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(DATA, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["assess", *args])
    return result.exit_code, result.output


def test_json_has_every_field(data: Path) -> None:
    code, out = run("--data", str(data), "--as-of", "2024Q3", "--format", "json")
    assert code == 0, out
    records = json.loads(out)
    assert len(records) == len(load_plan().targets)  # every target of the bundled plan
    assert set(records[0]) >= REQUIRED_FIELDS
    va = next(r for r in records if r["target_id"] == "t1_02")
    # 本期完成 is 1—9月 170; judged on the year it points to: 170/(9/12) = 226.67 for 2024 (no earlier
    # 1—9月 value for a seasonal share); completion (226.67 − 164.3)/155.7 = 40.06 %, time 48/60;
    # CAGR (226.67/164.3)^(1/4) − 1 = 8.38 % against (320/164.3)^(1/5) − 1 = 14.26 %: ratio 0.587 → limited
    assert va["indicator"] == "industrial_va" and va["name"] == "工业增加值" and va["scope"] == "湘西州"
    assert va["period_value"] == 170 and va["period_value_period"] == "2024Q3"
    assert va["latest"] == pytest.approx(170 / 0.75) and va["latest_period"] == "2024"
    assert va["completion"] == pytest.approx((170 / 0.75 - 164.3) / 155.7)
    assert va["status"] == "limited" and va["warning"] == "red" and va["grade_zh"] == "滞后"
    assert va["method"] == "cagr_ratio" and va["projection"] is not None and va["probability"] is not None
    assert va["inputs"]["annual_estimate"]["ytd_value"] == 170


def test_table_is_chinese_and_rounded(data: Path) -> None:
    code, out = run("--data", str(data), "--as-of", "2024Q3", "--scope", "湘西州", "--indicator", "工业增加值")
    assert code == 0, out
    lines = out.splitlines()
    header = lines[0].split()
    assert header[:8] == ["指标", "范围", "单位", "基期", "目标", "最新值", "时期", "完成进度"]
    row = lines[2].split()
    # 本期 1—9月 170.0; judged on 226.67 for 2024: 40.1 %, 80.0 %, 低39.9, 8.4 %, 320/226.67 − 1 = 41.2 %
    assert row == ["工业增加值", "湘西州", "亿元", "164.3（2020）", "320（2025）", "170.0", "2024年1—9月", "40.1%", "80.0%",
                   "低39.9", "8.4%", "41.2%", "进展有限", "红灯", "滞后"]
    # The plan's own growth column beside the level (t1_02_growth, 15%以上), in % (a rate, not 亿元): 2021—2023
    # chained 180/164.3 · 200/180 · 215/200 = 215/164.3 = 1.3086 → 1.3086^(1/3) − 1 = 9.4 %/yr; still needed
    # (1.15^5 / 1.3086)^(1/2) − 1 = (2.0114/1.3086)^(1/2) − 1 = 24.0 %/yr; done ln 1.3086 / ln 2.0114 = 38.5 %
    # against 3/5 = 60.0 %; latest: 2023's growth 215/200 − 1 = 7.5 %
    growth = lines[3].split()
    assert growth == ["工业增加值", "湘西州", "%", "—", "15以上（2025）", "7.5", "2023年", "38.5%", "60.0%", "低21.5",
                      "9.4%", "24.0%", "需加快", "黄灯", "相对滞后"]
    assert "评估期 2024年第三季度：共 2 项目标（进展有限1项，需加快1项）。" in out


def test_a_count_reads_in_its_unit_per_year(data: Path) -> None:
    code, out = run("--data", str(data), "--as-of", "2024Q3", "--scope", "吉首市", "--indicator", "规模工业企业数")
    assert code == 0, out
    row = out.splitlines()[2].split()
    # 35 → 50 at 2024Q3: 15家 over 3.75 years = 4.0家/年; (65 − 50)/1.25 = 12.0家/年 — no % growth for a count
    assert row[10:12] == ["4.0家/年", "12.0家/年"]


def test_scope_by_id_and_name(data: Path) -> None:
    _, by_name = run("--data", str(data), "--as-of", "2024Q3", "--scope", "吉首市", "--format", "json")
    _, by_id = run("--data", str(data), "--as-of", "2024Q3", "--scope", "jishou", "--format", "json")
    assert json.loads(by_name) == json.loads(by_id)
    county = next(r for r in json.loads(by_id) if r["target_id"] == "t3_jishou_count")
    # 35 → 50 at 2024Q3 of 35 → 65: completion 50 %, time 45/60
    assert county["completion"] == pytest.approx(0.5) and county["time_elapsed"] == pytest.approx(0.75)


def test_csv(data: Path) -> None:
    code, out = run("--data", str(data), "--as-of", "2024Q3", "--indicator", "industrial_va", "--format", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["target_id"] for r in rows] == ["t1_02", "t1_02_growth"]  # the level and 表1's stated 15%以上
    # judged on the whole-year estimate from the 1—9月 value alone (no past 1—9月 for a seasonal share)
    assert rows[0]["status"] == "limited" and rows[0]["sources"] == "统计月报"
    assert rows[0]["period_value"] == "170.0"


def test_synthetic_notice(tmp_path: Path) -> None:
    path = tmp_path / "demo.csv"
    path.write_text("指标,范围,时期,数值,来源\n规模工业企业数,吉首市,2024Q3,50,synthetic demo data\n", encoding="utf-8")
    code, out = run("--data", str(path), "--as-of", "2024Q3", "--scope", "吉首市")
    assert code == 0 and "合成演示数据" in out
    _, js = run("--data", str(path), "--as-of", "2024Q3", "--scope", "吉首市", "--format", "json")
    assert any(r["synthetic"] for r in json.loads(js))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2024Q5"], "评估期「2024Q5」无法识别"),
        ([], "请用 --as-of 指定评估期"),
        (["--as-of", "2024Q3", "--scope", "吉首县"], "规划中没有范围「吉首县」（是否为：吉首市"),
        (["--as-of", "2024Q3", "--indicator", "工业增值"], "规划中没有指标「工业增值」"),
        (["--as-of", "2024Q3", "--profile", "x"], "没有名为「x」的进度评估方案"),
    ],
)
def test_usage_errors(data: Path, args: list[str], message: str) -> None:
    code, out = run("--data", str(data), *args)
    assert code == 2 and message in out and "Traceback" not in out


def test_missing_data_option() -> None:
    code, out = run("--as-of", "2024Q3")
    assert code == 2 and "请用 --data 指定至少一个数据文件" in out


def test_bad_data_file_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("指标,范围,时期,数值\n不存在的指标,湘西州,2024,1\n", encoding="utf-8")
    code, out = run("--data", str(path), "--as-of", "2024")
    assert code == 1 and "发现错误" in out and "Traceback" not in out


def test_english_names(data: Path) -> None:
    _, out = run("--data", str(data), "--as-of", "2024Q3", "--indicator", "industrial_va", "--format", "json", "--lang", "en")
    record = json.loads(out)[0]
    assert record["name"] == "Industrial value added" and record["name_zh"] == "工业增加值"


def test_yearly_rate_row(tmp_path: Path) -> None:
    path = tmp_path / "energy.csv"
    path.write_text(
        "指标,范围,时期,数值\n"
        "规模工业万元增加值能耗下降幅度,湘西州,2021,2.5\n"
        "规模工业万元增加值能耗下降幅度,湘西州,2022,1.0\n"
        "规模工业万元增加值能耗下降幅度,湘西州,2023,1.9\n",
        encoding="utf-8",
    )
    code, out = run("--data", str(path), "--as-of", "2023", "--indicator", "energy_intensity_decline")
    assert code == 0, out
    row = out.splitlines()[2].split()
    # no baseline (—); target: 2 a year, [10] in total; completion = log share 51.8 % against 60 %; average decline 1.80 %,
    # still required 2.51 % a year; 晴雨表 on 2023 (1.9 against 2) → yellow
    assert row[4:] == ["每年2，累计10（2025）", "1.9", "2023年", "51.8%", "60.0%", "低8.2", "降1.8%", "降2.5%", "需加快",
                       "黄灯", "相对滞后"]
