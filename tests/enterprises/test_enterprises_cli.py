"""``planwatch enterprises check``: exit 1 on errors, every problem printed, JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from planwatch.cli import cli

JISHOU_A = "91433101MA4L7Q2R6E"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_clean_file_exits_0(tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text(f"统一社会信用代码,企业名称,县市区\n{JISHOU_A},甲公司,吉首市\n", encoding="utf-8")
    code, out, _ = run("enterprises", "check", str(f))
    assert code == 0
    assert "1 家企业；错误 0 个，提示 0 个。" in out


def test_check_errors_exit_1_in_chinese_and_english(tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text("统一社会信用代码,企业名称,县市区\n91350100M000100Y4Y,甲公司,吉首市\n", encoding="utf-8")
    code, _, err = run("enterprises", "check", str(f))
    assert code == 1
    assert "r.csv:2 [统一社会信用代码]: 错误 USCC_CHECK" in err and "应为「3」" in err
    code, _, err = run("enterprises", "check", str(f), "--lang", "en")
    assert code == 1 and "GB 32100-2015 gives '3'" in err


def test_check_json(tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    f.write_text("统一社会信用代码,企业名称\n1,甲\n", encoding="utf-8")
    code, out, _ = run("enterprises", "check", str(f), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["errors"] == 1 and data["problems"][0]["code"] == "REG_COLUMN_MISSING"


def test_pools_screen_table_and_json(tmp_path: Path) -> None:
    f = tmp_path / "r.csv"
    # growth 1400 / 1200 − 1 = 16.67%: 小升规 entry
    f.write_text(f"统一社会信用代码,企业名称,县市区,行业代码,2023年营业收入,2024年营业收入\n{JISHOU_A},甲公司,吉首市,C39,1200,1400\n",
                 encoding="utf-8")
    code, out, _ = run("pools", "screen", "--enterprises", str(f), "--year", "2024")
    assert code == 0
    assert "甲公司（91433101MA4L7Q2R6E，吉首市）  小升规培育库  入库" in out
    assert "✓ 上年营业收入 ≥ 1000万元（默认，可调）：1,400万元 >= 1,000万元" in out
    assert "2024年：建议 1 项（入库 1，调档 0，出库 0）。" in out
    code, out, _ = run("pools", "screen", "--enterprises", str(f), "--year", "2024", "--format", "json")
    data = json.loads(out)
    assert [(d["pool"], d["kind"]) for d in data] == [("small_to_scale", "enter")]
