"""planwatch check / import / template through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from planwatch.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_prints_every_problem_and_exits_1(fx: Path, mini_plan_file: Path) -> None:
    code, out, _ = run("check", "--plan", str(mini_plan_file), "--data", str(fx / "bad_number.csv"), str(fx / "unknown_scope.csv"))
    assert code == 1
    assert out.splitlines() == [
        "bad_number.csv:2 [数值]: 错误 INGEST_BAD_NUMBER: 数值「约12」不是数字（缺数请留空或填“—”）",
        "unknown_scope.csv:2 [范围]: 错误 INGEST_UNKNOWN_SCOPE: 规划中没有范围「泸西县」（相近的范围：泸溪县）",
        "共读取 2 个文件、2 行数据：错误 2 处，警告 0 处，提示 0 处。请先改正错误；有错误时不会导入任何数据。",
    ]


def test_check_warnings_exit_0(fx: Path, mini_plan_file: Path) -> None:
    code, out, _ = run("check", "--plan", str(mini_plan_file), "--data", str(fx / "warnings.csv"))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 5 and all("警告" in ln for ln in lines[:4])
    assert lines[-1] == "共读取 1 个文件、4 行数据：错误 0 处，警告 4 处，提示 0 处。可导入 4 条观测值。"


def test_check_json_english(fx: Path, mini_plan_file: Path) -> None:
    code, out, _ = run(
        "check", "--plan", str(mini_plan_file), "--format", "json", "--lang", "en", "--data", str(fx / "members_sum.csv")
    )
    assert code == 0  # the bundled members_sum rule warns; it does not block
    payload = json.loads(out)
    assert (payload["ok"], payload["rows_read"], payload["observations"], payload["counts"]) == (
        True, 3, 3, {"error": 0, "warning": 1, "info": 0},
    )
    (p,) = payload["problems"]
    assert (p["code"], p["file"], p["row"], p["column"]) == ("RULE_MEMBERS_SUM", "members_sum.csv", 4, "数值")
    assert p["message"].startswith("规模工业增加值 of 湘西州 in 2023年: its 2 members add up to 100 亿元 against 101 亿元")
    (failure,) = payload["rule_failures"]
    assert [part["value"] for part in failure["left"]["parts"]] == [60.0, 40.0]
    assert failure["right"][0]["value"] == 101.0


def test_check_without_files_is_a_usage_error() -> None:
    code, _, err = run("check")
    assert code == 2 and "请用 --data 指定至少一个数据文件。" in err


def test_import_writes_the_canonical_csv(fx: Path, mini_plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "observations.csv"
    code, stdout, stderr = run("import", "--plan", str(mini_plan_file), "--data", str(fx / "good_gbk.csv"), "--out", str(out))
    assert code == 0 and stderr == ""
    assert stdout == f"已导入 2 条观测值：{out}\n"
    assert out.read_text(encoding="utf-8").splitlines() == [
        "indicator,scope,period,measure,value,source,note",
        "scale_va,jishou,2023Q3,level,0.12345,good_gbk.csv,估算",
        "users_5g,xiangxi,2023,level,0.1234,good_gbk.csv,",
    ]
    assert [p.name for p in out.parent.iterdir()] == ["observations.csv"]  # no temporary file left


def test_import_prints_warnings_on_stderr(fx: Path, mini_plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    code, stdout, stderr = run("import", "--plan", str(mini_plan_file), "--data", str(fx / "warnings.csv"), "--out", str(out))
    assert code == 0 and stdout == f"已导入 4 条观测值：{out}\n"
    assert stderr.count("警告 RULE_") == 4


def test_import_with_errors_writes_nothing(fx: Path, mini_plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    out.write_text("old\n", encoding="utf-8")
    code, stdout, stderr = run(
        "import", "--plan", str(mini_plan_file), "--data", str(fx / "good_gbk.csv"), "--data", str(fx / "bad_number.csv"), "--out", str(out)
    )
    assert code == 1 and stdout == ""
    assert stderr.splitlines() == [
        "bad_number.csv:2 [数值]: 错误 INGEST_BAD_NUMBER: 数值「约12」不是数字（缺数请留空或填“—”）",
        "发现错误，未做任何更改。",
    ]
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.yaml", "o.csv"]


def test_import_english(fx: Path, mini_plan_file: Path, tmp_path: Path) -> None:
    code, _, err = run("import", "--plan", str(mini_plan_file), "--lang", "en", str(fx / "empty.csv"), "--out", str(tmp_path / "o.csv"))
    assert code == 1
    assert err.splitlines() == ["empty.csv: error INGEST_EMPTY_FILE: empty.csv has no data rows", "Errors found; nothing was changed."]


def test_custom_rules_file(fx: Path, mini_plan_file: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules: []\n", encoding="utf-8")
    code, out, _ = run("check", "--plan", str(mini_plan_file), "--rules", str(rules), str(fx / "members_sum.csv"))
    assert code == 0 and out.endswith("错误 0 处，警告 0 处，提示 0 处。可导入 3 条观测值。\n")
    rules.write_text("rules: [{id: x}]\n", encoding="utf-8")
    code, _, err = run("check", "--plan", str(mini_plan_file), "--rules", str(rules), str(fx / "members_sum.csv"))
    assert code == 1 and "RULES_INVALID" in err


def test_sheet_option(fx: Path, mini_plan_file: Path) -> None:
    code, out, _ = run("check", "--plan", str(mini_plan_file), "--sheet", "汇总", str(fx / "empty_sheet.xlsx"))
    assert code == 1
    assert out.splitlines()[0] == "empty_sheet.xlsx:汇总: 错误 INGEST_SHEET_NOT_FOUND: 文件 empty_sheet.xlsx 中没有工作表「汇总」（现有：数据、其他）"


def test_template_command(mini_plan_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    code, stdout, _ = run("template", "--plan", str(mini_plan_file), "--scope", "吉首", "--period", "2024-07", "--out", str(out))
    assert code == 0 and stdout == f"已生成吉首市2024年7月填报模板（1 个指标）：{out}\n"
    ws = openpyxl.load_workbook(out)["数据"]
    assert [c.value for c in ws[2]][:6] == ["规模工业企业数", "吉首市", "2024年7月", "当期", None, "家"]


def test_template_errors(mini_plan_file: Path, tmp_path: Path) -> None:
    code, _, err = run("template", "--plan", str(mini_plan_file), "--scope", "吉首", "--period", "2024X", "--out", str(tmp_path / "t.xlsx"))
    assert code == 1 and "时期「2024X」无法识别" in err
    code, _, err = run("template", "--plan", str(mini_plan_file), "--scope", "泸溪", "--out", str(tmp_path / "t.xlsx"))
    assert code == 1 and "规划没有为「泸溪县」设定任何目标" in err
    code, _, err = run("template", "--plan", str(mini_plan_file), "--scope", "吉首", "--out", str(tmp_path / "t.csv"))
    assert code == 2 and "must end in .xlsx" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.yaml"]
