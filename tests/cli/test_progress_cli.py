"""``planwatch progress``: the published vectors through the CLI runner, table-shaped expectations."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from planwatch.cli import cli

# The published vectors (methodology §3.4), one row each, as the calculator's table prints them.
CA_TABLE = """
id     base       current     target      direction  progress_value         score                  status
CA-01  14.5@2015  10.2@2023   7.25@2030   down       0.9525901792032172     2.5185563910306596     substantial_progress
CA-02  63.0@2005  74.0@2020   85.0@2030   up         0.8949392974311927     2.106761907621266      moderate_progress
CA-03  699.0@2014 683.4@2022  490.0@2030  down       0.12830416881599752    -1.9653950197943832    limited_progress
CA-04  10.1@2015  13.7@2023   30.0@2030   up         0.5160064971944834     -0.34995572813974585   limited_progress
CA-05  0.37@2015  14.63@2024  60.0@2030   up         1.249622415033452      4.640227948342444      substantial_progress
CA-06  18.8@2015  11.1@2024   5.0@2035    down       0.8874610697051454     2.0533456747968826     moderate_progress
CA-07  76.9@2015  77.1@2021   95.0@2025   up         0.020269306498664433   -2.415543880612015     limited_progress
CA-08  184.4@2015 231.9@2023  0.1@2030    down       -0.07371746216108555   -2.807158549586595     deterioration
CA-09  8.1@2015   7.3@2023    8.0@2025    down       10.402574542255982     5.0                    target_achieved
"""

PLANWATCH_STATUS = {
    "substantial_progress": "进展顺利",
    "moderate_progress": "需加快",
    "limited_progress": "进展有限",
    "deterioration": "倒退",
    "target_achieved": "已实现",
}


def _rows(table: str) -> list[dict[str, str]]:
    lines = [line.split() for line in table.strip().splitlines()]
    return [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]


def _printed(output: str) -> dict[str, str]:
    """The calculator's table (header, rule, one row) as a dict."""
    lines = output.strip().splitlines()
    return dict(zip(lines[0].split(), lines[2].split(), strict=True))


@pytest.mark.parametrize("row", _rows(CA_TABLE), ids=lambda r: r["id"])
def test_ca_vectors_table(row: dict[str, str]) -> None:
    result = CliRunner().invoke(
        cli, ["progress", "--base", row["base"], "--current", row["current"], "--target", row["target"],
              "--direction", row["direction"]]
    )
    assert result.exit_code == 0, result.output
    printed = _printed(result.output)
    assert printed["进度值"] == row["progress_value"]
    assert printed["得分"] == row["score"]
    assert printed["状态"] == row["status"]
    assert printed["评估状态"] == PLANWATCH_STATUS[row["status"]]


def test_json_and_planning_numbers() -> None:
    # 工业增加值 164.3 (2020) → 215 (2023), target 320 (2025):
    # completion 50.7/155.7 = 32.56 %, time 3/5, gap −27.44 pp, still required (320/215)^(1/2) − 1 = 22.0 %.
    result = CliRunner().invoke(
        cli, ["progress", "--base", "164.3@2020", "--current", "215@2023", "--target", "320@2025", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "moderate_progress" and data["planwatch_status"] == "needs_acceleration"
    assert data["completion"] == pytest.approx(50.7 / 155.7)
    assert data["time_elapsed"] == pytest.approx(0.6)
    assert data["gap_pp"] == pytest.approx((50.7 / 155.7 - 0.6) * 100)
    assert data["required_growth"] == pytest.approx((320 / 215) ** 0.5 - 1)
    assert data["required_growth_from_base"] == pytest.approx((320 / 164.3) ** 0.2 - 1)


def test_eustat_profile_no_target() -> None:
    # EU-01: 69.9 (2015) → 70.3 (2023), no target, Eustat thresholds → no_progress, score 0.1784
    result = CliRunner().invoke(cli, ["progress", "--base", "69.9@2015", "--current", "70.3@2023", "--profile", "eustat"])
    assert result.exit_code == 0, result.output
    printed = _printed(result.output)
    assert printed["进度值"] == "0.0007135231337143111"
    assert printed["得分"] == "0.17838078342857777"
    assert printed["状态"] == "no_progress"


def test_limit_option() -> None:
    # 86.3 → 90.03 over 5 years (0.85 %/yr), limit 100: C = 0.4801 lifts it to substantial progress
    result = CliRunner().invoke(cli, ["progress", "--base", "86.3@2015", "--current", "90.0306@2020", "--limit", "100",
                                      "--format", "json"])
    data = json.loads(result.output)
    assert data["status"] == "substantial_progress"
    assert data["limit_coefficient"] == pytest.approx(0.480138, abs=1e-6)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base", "164.3", "--current", "215@2023"], "--base 的值「164.3」应写作“数值@年份”"),
        (["--base", "abc@2020", "--current", "215@2023"], "应写作“数值@年份”"),
        (["--current", "215@2023"], "请给出 --base"),
        (["--base", "164.3@2020"], "请给出 --current"),
        (["--base", "164.3@2020", "--current", "215@2019"], "--current 的年份 2019 应晚于 --base 的年份 2020"),
        (["--base", "164.3@2020", "--current", "215@2023", "--target", "320@2020"], "--target 的年份 2020"),
        (["--base", "164.3@2020", "--current", "215@2023", "--profile", "eurostat"], "没有名为「eurostat」的进度评估方案"),
    ],
)
def test_usage_errors_are_chinese_sentences(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["progress", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_not_computable_is_explained() -> None:
    result = CliRunner().invoke(cli, ["progress", "--base", "0@2020", "--current", "3@2023", "--target", "10@2025"])
    assert result.exit_code == 0
    assert "基期值为0" in result.output and "not_available" in result.output


def test_english() -> None:
    result = CliRunner().invoke(cli, ["progress", "--base", "164.3", "--current", "215@2023", "--lang", "en"])
    assert result.exit_code == 2 and "must be VALUE@YEAR" in result.output
