"""`planwatch aggregate` through the command line: files written whole, or not at all."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner
from microdata_helpers import enterprise, write_csv

from planwatch.cli import cli


def records(tmp_path: Path) -> Path:
    rows = enterprise("A", "吉首市", "2023-01", "2024-12", 工业总产值=100, 工业增加值=30, 营业收入=300)
    rows += enterprise("B", "泸溪县", "2023-01", "2024-12", 工业总产值=50, 工业增加值=10, 营业收入=50)
    return write_csv(tmp_path / "records.csv", rows)


def test_writes_the_canonical_csv_and_says_what_it_did(tmp_path: Path) -> None:
    out = tmp_path / "obs.csv"
    result = CliRunner().invoke(cli, ["aggregate", "--microdata", str(records(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "读取 2 家企业的 48 条月度记录（2023-01—2024-12）" in result.output
    assert "按现价计算" in result.output  # no deflator column: growth at current prices, said out loud
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["indicator", "scope", "period", "measure", "value", "source", "note"]
    # 2024: (100 + 50) × 12 = 1800 万元 = 0.18 亿元
    (total,) = [r for r in rows if (r["indicator"], r["scope"], r["period"], r["measure"])
                == ("industrial_output", "xiangxi", "2024", "level")]
    assert float(total["value"]) == 0.18 and total["source"] == "企业微观数据汇总"


def test_parquet_output_has_the_same_rows(tmp_path: Path) -> None:
    src = records(tmp_path)
    runner = CliRunner()
    runner.invoke(cli, ["aggregate", "--microdata", str(src), "--out", str(tmp_path / "o.csv")])
    result = runner.invoke(cli, ["aggregate", "--microdata", str(src), "--out", str(tmp_path / "o.parquet")])
    assert result.exit_code == 0, result.output
    table = pq.read_table(tmp_path / "o.parquet").to_pydict()
    with (tmp_path / "o.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert table["indicator"] == [r["indicator"] for r in rows]
    assert table["value"] == [float(r["value"]) for r in rows]


def test_errors_write_nothing_and_exit_1_in_chinese_or_english(tmp_path: Path) -> None:
    bad = write_csv(tmp_path / "bad.csv", enterprise("A", "吉首县", "2024-01", "2024-02", 工业总产值=1, 营业收入=1,
                                                     工业增加值=1))
    out = tmp_path / "obs.csv"
    result = CliRunner().invoke(cli, ["aggregate", "--microdata", str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert "不是规划中的县市区" in result.output and "未做任何更改" in result.output
    assert not out.exists()
    result = CliRunner().invoke(cli, ["aggregate", "--microdata", str(bad), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 1 and "is not a 县市区 of the plan" in result.output
    assert not out.exists()


def test_an_output_that_is_neither_csv_nor_parquet_is_refused_first(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["aggregate", "--microdata", str(records(tmp_path)), "--out",
                                      str(tmp_path / "obs.xlsx")])
    assert result.exit_code == 1 and "MICRO_OUT_FORMAT" in result.output
